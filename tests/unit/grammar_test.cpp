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
    }
}
