// donum fmt's layout (interpreter/tooling/format.hpp) and the token stream it reads
// (grammar/tokens.hpp).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <tao/pegtl.hpp>

#include "grammar/rules.hpp"
#include "grammar/tokens.hpp"
#include "interpreter/tooling/format.hpp"

using namespace donum;

namespace {

std::string formatted(const std::string& text)
{
    const auto r = tooling::format_source({"t.donum", text});
    REQUIRE(r.text);
    return *r.text;
}

std::string read(const std::filesystem::path& p)
{
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST_SUITE("format")
{
    TEST_CASE("the keyword list is the grammar's")
    {
        CHECK(grammar::keywords().size() == 51);
        for (const auto k : grammar::keywords()) {
            tao::pegtl::memory_input<> in(k.data(), k.size(), "k");
            const bool is_rule_keyword = tao::pegtl::parse<tao::pegtl::seq<grammar::rules::keyword, tao::pegtl::eof>>(in);
            CHECK_MESSAGE(is_rule_keyword, k);
        }
        CHECK_FALSE(grammar::is_keyword("prorated"));
        CHECK(grammar::is_keyword("zero_denominator"));
    }

    TEST_CASE("tokens keep comments, dotted names, dates and units")
    {
        const grammar::source_file s{"t", "set volet2.dmp.target@2024 = 35% # cible\nin_force 2026-01-01 x>=2"};
        const auto ts = grammar::tokenize(s);
        CHECK(ts.complete);
        std::string kinds;
        for (const auto& t : ts.tokens) kinds += std::string(t.text) + "|";
        CHECK(kinds == "set|volet2.dmp.target@2024|=|35|%|# cible|in_force|2026-01-01|x|>=|2|");
        CHECK(ts.tokens[1].kind == grammar::token_kind::dotted_name);
        CHECK(ts.tokens[5].kind == grammar::token_kind::comment);
        CHECK(ts.tokens[7].kind == grammar::token_kind::date);
    }

    TEST_CASE("a file gets the canonical layout")
    {
        const std::string messy =
            "# En-tête\n\n\n"
            "convention t \"T\" { point_value 7 EUR\n years 2024 }\n"
            "input a \"A\" count   input b \"B\" count\n"
            "define x = rate( a,b )>=30%  # taux\n"
            "define y =\nmean(a , b)\n"
            "group g \"G\" requires all of h {   indicator i \"I\" calculated: rate(a,b) >= target {2024:30%} points 3\n"
            "    # prorata\n"
            "indicator j \"J\" calculated: a >= target 5 points 10 prorated above target - 2 points 12 at target+2\n\n\n}\n"
            "group h \"H\" points 1 when all met { indicator k \"K\" declared: x and not (a = -1) }\n"
            "example \"e\" { year 2024 given a = 1, b = -2,\n c = 3 expect 1 points, 7.00 € }\n";
        CHECK(formatted(messy) ==
              "# En-tête\n\n"
              "convention t \"T\" {\n  point_value 7 EUR\n  years 2024\n}\n"
              "input a \"A\" count\ninput b \"B\" count\n"
              "define x = rate(a, b) >= 30 %  # taux\n"
              "define y =\n  mean(a, b)\n"
              "group g \"G\" requires all of h {\n  indicator i \"I\" calculated: rate(a, b) >= target { 2024: 30 % } points 3\n"
              "  # prorata\n"
              "  indicator j \"J\" calculated: a >= target 5 points 10 prorated above target - 2 points 12 at target + 2\n}\n"
              "group h \"H\" points 1 when all met {\n  indicator k \"K\" declared: x and not (a = -1)\n}\n"
              "example \"e\" {\n  year 2024\n  given a = 1, b = -2,\n        c = 3\n  expect 1 points, 7.00 €\n}\n");
    }

    TEST_CASE("formatting is idempotent and keeps every comment")
    {
        const std::string text = "convention t \"T\" extends \"b.donum\" { } # base\n# a\nset g.i.target = 3 %\n  # b\nextend group g { remove indicator i # c\n}\n";
        const auto once = formatted(text);
        CHECK(once == "convention t \"T\" extends \"b.donum\" { }  # base\n# a\nset g.i.target = 3 %\n# b\nextend group g {\n  remove indicator i  # c\n}\n");
        CHECK(formatted(once) == once);
    }

    TEST_CASE("a text with a syntax error is not formatted")
    {
        const auto r = tooling::format_source({"t.donum", "convention t \"T\" { years 2024 \n"});
        CHECK_FALSE(r.text);
        CHECK_FALSE(r.issues.empty());
    }

    TEST_CASE("the official files and the examples are formatted, and stay so")
    {
        for (const auto* folder : {"stdlib-rules", "examples", "tests/lang/ok"}) {
            for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(DONUM_SOURCE_DIR) / folder)) {
                if (entry.path().extension() != ".donum") continue;
                const auto text = read(entry.path());
                const auto once = formatted(text);
                CHECK_MESSAGE(formatted(once) == once, entry.path().string());
            }
        }
    }
}
