// Tests of the command's files: where an output lands, which outputs clash with what the run
// reads, and the names of temporary files (cli/paths.hpp, cli/temporary.hpp).
#include <doctest/doctest.h>

#include <filesystem>
#include <unistd.h>

#include "cli/paths.hpp"
#include "cli/temporary.hpp"
#include "support.hpp"

using namespace donum;
namespace fs = std::filesystem;

namespace {

// A folder of this test alone (test::temp_folder's names may be reused by a later process
// with the same pid, and these tests count the files of their folder).
fs::path fresh_folder()
{
    std::string name = (fs::temp_directory_path() / "donum-paths-XXXXXX").string();
    REQUIRE(::mkdtemp(name.data()) != nullptr);
    return name;
}

}  // namespace

TEST_SUITE("paths")
{
    TEST_CASE("an output lands on the file a chain of links names, in its resolved folder")
    {
        const auto dir = fs::canonical(fresh_folder());
        test::write_file(dir, "data.csv", "x\n");
        fs::create_symlink("data.csv", dir / "one");
        fs::create_symlink(dir / "one", dir / "two");
        fs::create_symlink(".", dir / "here");
        fs::create_symlink("not-yet.csv", dir / "dangling");
        CHECK(cli::resolved_target((dir / "two").string()) == (dir / "data.csv").string());
        CHECK(cli::resolved_target((dir / "here" / "." / "one").string()) == (dir / "data.csv").string());
        CHECK(cli::resolved_target((dir / "here" / "new.csv").string()) == (dir / "new.csv").string());
        CHECK(cli::resolved_target((dir / "dangling").string()) == (dir / "not-yet.csv").string());
        fs::remove_all(dir);
    }

    TEST_CASE("an output that is an input or another output is refused, a device is not")
    {
        const auto dir = fresh_folder();
        const auto data = test::write_file(dir, "data.csv", "x\n");
        fs::create_hard_link(data, dir / "hard.csv");
        const std::vector<cli::named_path> inputs{{"data file", data}};
        CHECK_FALSE(cli::outputs_are_safe(inputs, {{"-o", (dir / "hard.csv").string()}}));
        CHECK_FALSE(cli::outputs_are_safe(inputs, {{"-o", (dir / "." / "data.csv").string()}}));
        CHECK_FALSE(cli::outputs_are_safe(inputs, {{"-o", (dir / "a.csv").string()}, {"--chart", (dir / "sub" / ".." / "a.csv").string()}}));
        CHECK(cli::outputs_are_safe(inputs, {{"-o", (dir / "a.csv").string()}, {"--chart", (dir / "b.csv").string()}, {"--skip-invalid", ""}}));
        CHECK(cli::outputs_are_safe({{"data file", "/dev/null"}}, {{"-o", "/dev/null"}, {"--skip-invalid", "/dev/null"}}));
        fs::remove_all(dir);
    }

    TEST_CASE("a temporary name fits NAME_MAX, cut at a character boundary")
    {
        CHECK(cli::temporary_template("/d/out.csv", 255) == "/d/out.csv.tmp-XXXXXX");
        const std::string longest(255, 'x');
        const auto cut = fs::path(cli::temporary_template("/d/" + longest, 255)).filename().string();
        CHECK(cut.size() == 255);
        CHECK(cut.ends_with(".tmp-XXXXXX"));
        // "é" is two bytes: never cut between them.
        std::string accents = "a";
        for (int i = 0; i < 127; ++i) accents += "é";
        const auto name = fs::path(cli::temporary_template("/d/" + accents, 255)).filename().string();
        CHECK(name.size() == 243 + 11);
        CHECK(name.starts_with(accents.substr(0, 243)));
    }

    TEST_CASE("a temporary file is private, exclusive, and removed unless renamed into place")
    {
        const auto dir = fresh_folder();
        const auto target = (dir / "out.csv").string();
        std::string error;
        {
            auto temp = cli::temporary_file::create(target, target, error);
            REQUIRE(temp);
            CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);
            const auto status = fs::status(fs::directory_iterator(dir)->path());
            CHECK((status.permissions() & (fs::perms::group_all | fs::perms::others_all)) == fs::perms::none);
        }
        CHECK(fs::is_empty(dir));
        {
            auto temp = cli::temporary_file::create(target, target, error);
            REQUIRE(temp);
            REQUIRE(::write(temp->fd(), "ok\n", 3) == 3);
            CHECK(temp->rename_to(target, target, error));
        }
        CHECK(fs::exists(target));
        CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);
        fs::remove_all(dir);
    }
}
