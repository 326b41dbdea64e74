// Grammar tests: PEGTL's static analysis, and tables of (input, matches?) per rule family,
// in the style of PEGTL's own verify_rule tests. The grammar's tests are the one place
// outside grammar/ that includes PEGTL.
#include <doctest/doctest.h>

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze.hpp>

#include "grammar/errors.hpp"
#include "grammar/rules.hpp"

namespace pegtl = tao::pegtl;
namespace r = donum::grammar::rules;

namespace {

// True when `Rule` matches the whole of `text`.
template <typename Rule>
bool matches(const std::string& text)
{
    pegtl::memory_input<> in(text, "test");
    try {
        return pegtl::parse<pegtl::seq<Rule, pegtl::eof>, pegtl::nothing, r::control>(in);
    }
    catch (const pegtl::parse_error&) {
        return false;
    }
}

}  // namespace

TEST_SUITE("grammar")
{
    TEST_CASE("the grammar has no rule that can loop forever")
    {
        CHECK(pegtl::analyze<r::file>(1) == 0);
        CHECK(pegtl::analyze<r::setting_text>(1) == 0);
        CHECK(pegtl::analyze<r::parameter_text>(1) == 0);
        CHECK(pegtl::analyze<r::sweep_text>(1) == 0);
        CHECK(pegtl::analyze<r::amount_text>(1) == 0);
        CHECK(pegtl::analyze<r::share_text>(1) == 0);
        CHECK(pegtl::analyze<r::version_text>(1) == 0);
    }

    TEST_CASE("identifiers are ASCII and exclude keywords")
    {
        CHECK(matches<r::identifier>("dmp_num"));
        CHECK(matches<r::identifier>("_x2"));
        CHECK(matches<r::identifier>("countdown"));  // starts with a keyword, is not one
        CHECK_FALSE(matches<r::identifier>("count"));
        CHECK_FALSE(matches<r::identifier>("2x"));
        CHECK_FALSE(matches<r::identifier>("volet_é"));
    }

    TEST_CASE("number literals carry their unit")
    {
        CHECK(matches<r::number_literal>("22.5"));
        CHECK(matches<r::number_literal>("30 %"));
        CHECK(matches<r::number_literal>("30%"));
        CHECK(matches<r::number_literal>("7 €"));
        CHECK(matches<r::number_literal>("7 EUR"));
        CHECK(matches<r::number_literal>("40 pts"));
        CHECK_FALSE(matches<r::number_literal>("22,5"));
        CHECK_FALSE(matches<r::number_literal>(".5"));
    }

    TEST_CASE("expressions follow the precedence table")
    {
        CHECK(matches<r::expression>("rate(a, b) >= target { 2023: 20 %, 2024: XX }"));
        CHECK(matches<r::expression>("not a and b or c"));
        CHECK(matches<r::expression>("if year >= 2024 then 1 else 2"));
        CHECK(matches<r::expression>("a ≥ 2/3"));
        CHECK(matches<r::expression>("mean(rate(a, b), rate(c, d)) > 60 %"));
        CHECK_FALSE(matches<r::expression>("a >"));
        CHECK_FALSE(matches<r::expression>("(a"));
        CHECK_FALSE(matches<r::expression>("rate(a,"));
    }

    TEST_CASE("a year table needs four-digit years and a closing brace")
    {
        CHECK(matches<r::value_spec>("{ 2023: 20 %, 2024: 30 % }"));
        CHECK(matches<r::value_spec>("XX"));
        CHECK_FALSE(matches<r::value_spec>("{ 23: 20 % }"));
        CHECK_FALSE(matches<r::value_spec>("{ 2023: 20 %"));
    }

    TEST_CASE("settable names are dotted, with an optional year")
    {
        CHECK(matches<r::slot_name>("volet2.dmp.target"));
        CHECK(matches<r::slot_name>("volet2.dmp.target@2024"));
        CHECK(matches<r::slot_name>("point_value"));
        CHECK_FALSE(matches<r::slot_name>("volet2."));
        CHECK_FALSE(matches<r::slot_name>("volet_é"));
    }

    TEST_CASE("a sweep's bounds are constants apart from '..' and ':'")
    {
        CHECK(matches<r::sweep>("volet2.dmp.target@2024=1/2..2/3:1/12"));
        CHECK(matches<r::sweep>("a=0.5..0.7:0.1"));
        CHECK(matches<r::sweep>("a=1..2:1"));
        CHECK(matches<r::sweep>("a = 6 € .. 8 € : 0.5 €"));
        CHECK_FALSE(matches<r::sweep>("a=1...2:1"));
        CHECK_FALSE(matches<r::sweep>("a=XX..2:1"));
        CHECK_FALSE(matches<r::sweep>("a={ 2024: 1 }..2:1"));
        CHECK_FALSE(matches<r::sweep>("a=1..2"));
    }

    TEST_CASE("amounts need their currency, with the scale before it")
    {
        CHECK(matches<r::amount>("12M€"));
        CHECK(matches<r::amount>("2.5 Md€"));
        CHECK(matches<r::amount>("12 MEUR"));
        CHECK(matches<r::amount>("150k€"));
        CHECK_FALSE(matches<r::amount>("12M"));
        CHECK_FALSE(matches<r::amount>("€12"));
        CHECK_FALSE(matches<r::amount>("12€M"));
    }

    TEST_CASE("a version has free-text paths and its year last")
    {
        CHECK(matches<r::version_text>("a b/c@d.donum+e.donum@2024"));
        CHECK(matches<r::version_text>("a.donum"));
        CHECK_FALSE(matches<r::version_text>("a.donum@24"));
        CHECK_FALSE(matches<r::version_text>("a.donum@2024+b.donum"));
        CHECK_FALSE(matches<r::version_text>("a.donum+"));
    }
}
