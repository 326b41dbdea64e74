// The language server's analyses (interpreter/tooling/workspace.hpp): unsaved texts, derived
// files, scenarios, positions in UTF-16.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "interpreter/tooling/positions.hpp"
#include "interpreter/tooling/workspace.hpp"
#include "support.hpp"

using namespace donum;
using tooling::editor_position;

namespace {

const std::string base_text =
    "convention b \"Base\" { point_value 7 € years 2023, 2024 }\n"
    "input n \"Actes en ligne\" count column \"nb_en_ligne\"\n"
    "input d \"Actes\" count\n"
    "define taux \"Taux\" = rate(n, d)\n"
    "group v1 \"Volet 1\" {\n"
    "  indicator dmp \"Taux DMP\" calculated: taux >= target { 2023: 20 %, 2024: 30 % } points 40\n"
    "}\n"
    "group v2 \"Volet 2\" requires all of v1 {\n"
    "  indicator x \"X\" calculated: n >= target 3 points 10 points 20 at 6\n"
    "}\n";

bool has(const std::vector<tooling::completion_item>& items, const std::string& label)
{
    for (const auto& i : items) {
        if (i.label == label) return true;
    }
    return false;
}

}  // namespace

TEST_SUITE("workspace")
{
    TEST_CASE("positions count UTF-16 units on the editor's side")
    {
        const grammar::source_file f{"t", "a\n€x 𝄞y\n"};
        CHECK(tooling::to_editor(f, grammar::source_pos{5, 2, 4}).character == 1);   // after '€' (3 bytes)
        CHECK(tooling::to_editor(f, grammar::source_pos{11, 2, 10}).character == 5);  // after '𝄞' (4 bytes, 2 units)
        CHECK(tooling::to_byte(f, {1, 5}) == 11);
        CHECK(tooling::to_byte(f, {1, 99}) == 12);
    }

    TEST_CASE("a derived file is analysed with its unsaved base")
    {
        const auto dir = test::temp_folder();
        const auto base = test::write_file(dir, "base.donum", "this text on disk is not read");
        const auto derived = (dir / "derived.donum").string();
        tooling::workspace w;
        w.open(base, base_text);
        w.open(derived, "convention p \"P\" extends \"base.donum\" { }\nset v1.dmp.target@2024 = 35 %\nset v2.x.points = 15\n");
        CHECK(w.diagnostics(derived).empty());
        CHECK(w.diagnostics(base).empty());

        SUBCASE("hover on a dotted name shows its values per year")
        {
            const auto text = w.hover(derived, {1, 6});
            REQUIRE(text);
            CHECK(text->find("Valeur réglable `v1.dmp.target`") != std::string::npos);
            CHECK(text->find("2023 : 20 % · 2024 : 35 %") != std::string::npos);
        }
        SUBCASE("hover on an indicator shows its targets and points per year, on an input its column")
        {
            const auto text = w.hover(base, {5, 13});
            REQUIRE(text);
            CHECK(text->find("**Indicateur `dmp`** — Taux DMP") != std::string::npos);
            CHECK(text->find("cible (`v1.dmp.target`) : 2023 : >= 20 % · 2024 : >= 30 %") != std::string::npos);
            const auto input = w.hover(base, {3, 27});
            REQUIRE(input);
            CHECK(input->find("colonne CSV : `nb_en_ligne`") != std::string::npos);
        }
        SUBCASE("definition of a dotted name is its indicator in the base; of extends, the base")
        {
            const auto at = w.definition(derived, {2, 8});
            REQUIRE(at.size() == 1);
            CHECK(at[0].path == base);
            CHECK(at[0].range.start.line == 8);
            CHECK(at[0].range.start.character == 12);
            const auto file = w.definition(derived, {0, 30});
            REQUIRE(file.size() == 1);
            CHECK(file[0].path == base);
        }
        SUBCASE("a gate's group goes to the group; references find every use")
        {
            const auto at = w.definition(base, {7, 37});
            REQUIRE(at.size() == 1);
            CHECK(at[0].range.start.line == 4);
            CHECK(w.references(base, {1, 7}, true).size() == 3);  // declaration, rate(n, ...), n >= ...
        }
        SUBCASE("completion after set offers the dotted names")
        {
            const auto items = w.completion(derived, {2, 4});
            CHECK(has(items, "v1.dmp.target"));
            CHECK(has(items, "v2.x.points2"));
            CHECK_FALSE(has(items, "group"));
        }
        SUBCASE("changing the base reanalyses the derived file")
        {
            auto broken = base_text;
            broken.replace(broken.find("group v1"), 8, "groupe v1");
            w.open(base, broken);
            CHECK(w.reanalysed().size() == 2);
            REQUIRE(w.diagnostics(derived).size() == 1);
            CHECK(w.diagnostics(derived)[0].message.find("« groupe » est un mot français") != std::string::npos);
        }
        SUBCASE("the outline lists groups and their indicators")
        {
            const auto s = w.symbols(base);
            REQUIRE(s.size() == 5);
            CHECK(s[3].name == "v1");
            REQUIRE(s[3].children.size() == 1);
            CHECK(s[3].children[0].name == "dmp");
        }
    }

    TEST_CASE("a base on the search path is found as the command finds it, unsaved text first")
    {
        const auto dir = test::temp_folder();
        std::filesystem::create_directories(dir / "official");
        std::filesystem::create_directories(dir / "proposals");
        const auto base = test::write_file(dir / "official", "base.donum", "this text on disk is not read");
        const auto derived = (dir / "proposals" / "derived.donum").string();
        const std::string derived_text = "convention p \"P\" extends \"base.donum\" { }\nset v1.dmp.target@2024 = 35 %\n";

        tooling::workspace_options options;
        options.search_path = {(dir / "official").string()};
        tooling::workspace w(options);
        w.open(base, base_text);
        w.open(derived, derived_text);
        CHECK(w.diagnostics(derived).empty());

        // Without the search path the base is outside the proposal's folder: not read.
        tooling::workspace alone;
        alone.open(base, base_text);
        alone.open(derived, derived_text);
        CHECK_FALSE(alone.diagnostics(derived).empty());
    }

    TEST_CASE("a scenario is checked against the rules opened last")
    {
        const auto dir = test::temp_folder();
        const auto rules = test::write_file(dir, "rules.donum", base_text);
        const auto scenario = (dir / "s.donum").string();
        tooling::workspace w;
        w.open(rules, base_text);
        w.open(scenario, "scenario s \"S\"\nset v1.dmp.targt = 30 %\n");
        const auto ds = w.diagnostics(scenario);
        REQUIRE(ds.size() == 1);
        CHECK(ds[0].range.start.line == 1);
        CHECK(ds[0].message.find("vouliez-vous dire « v1.dmp.target »") != std::string::npos);
        CHECK(has(w.completion(scenario, {1, 4}), "v2.x.target"));
    }
}
