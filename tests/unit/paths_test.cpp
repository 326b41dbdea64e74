// Tests of the command's files: where an output lands, which outputs clash with what the run
// reads (cli/paths.hpp).
#include <doctest/doctest.h>

#include <filesystem>

#include "cli/paths.hpp"
#include "support.hpp"

using namespace donum;
namespace fs = std::filesystem;

TEST_SUITE("paths")
{
    TEST_CASE("an output lands on the file a chain of links names, in its resolved folder")
    {
        const auto dir = fs::canonical(test::temp_folder());
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
        const auto dir = test::temp_folder();
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
}
