#include <doctest/doctest.h>

#include "interpreter/compile/maxima.hpp"
#include "interpreter/render/summary.hpp"
#include "support.hpp"

using namespace donum;

TEST_SUITE("summary")
{
    TEST_CASE("the forfait structure pays at most 1115 points = 7805 euros each year")
    {
        const auto r = compile::compile_rules(test::source_path("stdlib-rules/forfait-structure.donum"), {});
        REQUIRE(r.checked);
        const auto m = compile::maxima(*r.checked);
        REQUIRE(m.size() == 2);
        for (const auto& year : m) {
            CHECK(*year.points == exact::rational(1115));
            CHECK(year.euros->to_fixed(2) == "7805.00");
        }
        const auto text = render::summary(*r.checked);
        CHECK(text.find("2024 : 1 115 points = 7 805,00 €") != std::string::npos);
        CHECK(text.find("> 2/3") != std::string::npos);
        CHECK(text.find(">= 30 %") != std::string::npos);
        CHECK(text.find("non atteint (défaut)") != std::string::npos);
    }

    TEST_CASE("the DONUM draft pays at most 420 points and lists its placeholders")
    {
        const auto r = compile::compile_rules(test::source_path("stdlib-rules/donum-projet.donum"), {});
        REQUIRE(r.checked);
        const auto m = compile::maxima(*r.checked);
        CHECK(*m.at(0).points == exact::rational(420));
        CHECK(m.at(0).euros->to_fixed(2) == "2940.00");
        CHECK(r.checked->open_placeholders().size() == 11);
    }

    TEST_CASE("an unknown points split leaves the maximum unknown and says why")
    {
        const auto r = test::compile_text(test::header +
                                          "input a \"A\" boolean\ninput b \"B\" boolean\n"
                                          "group socle \"Socle\" points XX when all met { indicator x \"X\" declared: a }\n"
                                          "group opt \"Optionnels\" requires all of socle {\n"
                                          "  indicator y \"Y\" declared: b points { 2023: 20, 2024: XX }\n}\n");
        REQUIRE(r.checked);
        const auto m = compile::maxima(*r.checked);
        CHECK_FALSE(m.at(0).points);
        CHECK(m.at(0).open == std::vector<std::string>{"socle.points"});
        CHECK(m.at(1).open == std::vector<std::string>{"socle.points", "opt.y.points"});
    }

    TEST_CASE("the DONUM 2026 pays at most 420 points and leaves only its 2027 targets open")
    {
        const auto r = compile::compile_rules(test::source_path("stdlib-rules/donum-2026.donum"), {});
        REQUIRE(r.checked);
        const auto m = compile::maxima(*r.checked);
        REQUIRE(m.size() == 3);
        for (const auto& year : m) {
            CHECK(*year.points == exact::rational(420));
            CHECK(year.euros->to_fixed(2) == "2940.00");
        }
        CHECK(r.checked->open_placeholders() ==
              std::vector<std::string>{"socle.usages.target@2027", "optionnels.dematerialisation.target@2027", "optionnels.dmp_ordonnances.target@2027"});
    }
}
