// Tests of the evaluator: known answers of the official rule files, three-valued logic,
// zero denominators, gates and blocks, overflow, placeholders.
#include <doctest/doctest.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "evaluate_support.hpp"
#include "interpreter/eval/evaluate.hpp"

using namespace donum;
using namespace donum::test::evaluation;
using eval::indicator_outcome;
using exact::rational;


TEST_SUITE("evaluate")
{
    TEST_CASE("every known-answer example of the forfait structure gives its points and euros")
    {
        const auto p = forfait();
        REQUIRE(p.examples.size() == 8);
        for (const auto& x : p.examples) {
            CAPTURE(x.label);
            std::vector<std::int64_t> values(p.inputs.size(), 0);
            for (const auto& [input, v] : x.given) values[input] = v;
            const eval::evaluator e(p, p.years[x.year_index]);
            const auto r = e.evaluate(values);
            CHECK(r.points == x.expected_points);
            CHECK(r.euros == x.expected_euros);
            CHECK(r.euros.to_fixed(2) == x.expected_euros.to_fixed(2));
        }
    }

    TEST_CASE("a result object is reused across rows and years without stale values")
    {
        const auto p = forfait();
        const eval::evaluator e2023(p, 2023);
        const eval::evaluator e2024(p, 2024);
        const auto dmp25 = row(p, {{"segur_lap", 1}, {"sv_addendum", 8}, {"horaires_annuaire", 1}, {"fse_num", 900}, {"fse_den", 1000}, {"dmp_num", 25}, {"dmp_den", 100}});
        eval::result r;
        e2023.evaluate(dmp25, r);
        CHECK(r.euros.to_fixed(2) == "2240.00");
        e2024.evaluate(dmp25, r);
        CHECK(r.euros.to_fixed(2) == "1960.00");
        CHECK(r.group_points[group(p, "volet1")] == rational(280));
        CHECK(r.group_points[group(p, "volet2")] == rational(0));
        e2023.evaluate(dmp25, r);
        CHECK(r.points == rational(320));
        CHECK(r.indicators[indicator(p, "dmp")].outcome == indicator_outcome::met);
    }

    TEST_CASE("points with halves stay exact and euros round only when printed")
    {
        const auto p = forfait();
        const eval::evaluator e(p, 2024);
        const auto r = e.evaluate(row(p, {{"segur_lap", 1}, {"sv_addendum", 8}, {"horaires_annuaire", 1}, {"fse_num", 900}, {"fse_den", 1000}, {"aat_num", 9}, {"aat_den", 10}}));
        CHECK(r.points == rational(605, 2));
        CHECK(r.euros == rational(4235, 2));
        CHECK(r.euros.to_fixed(2) == "2117.50");
    }

    TEST_CASE("and and or follow Kleene logic around an undefined rate")
    {
        const auto p = compile_text(header + R"(
input n "N" count
input d "D" count
input f "F" boolean
group g "G" {
  indicator either "Either" calculated: rate(n, d) >= target 50 % or f
    points 1
    zero_denominator met
  indicator both "Both" calculated: rate(n, d) >= target 50 % and f
    points 2
    zero_denominator met
  indicator negated "Negated" calculated: not (rate(n, d) >= target 50 %)
    points 4
}
)");
        const eval::evaluator e(p, 2024);
        SUBCASE("true or undefined is true; false and undefined is false")
        {
            const auto r1 = e.evaluate(row(p, {{"d", 0}, {"f", 1}}));
            CHECK(r1.indicators[indicator(p, "either")].outcome == indicator_outcome::met);
            CHECK_FALSE(r1.indicators[indicator(p, "either")].undefined);
            CHECK(r1.indicators[indicator(p, "both")].undefined);  // true and undefined
            const auto r0 = e.evaluate(row(p, {{"d", 0}, {"f", 0}}));
            CHECK(r0.indicators[indicator(p, "either")].undefined);  // false or undefined
            CHECK(r0.indicators[indicator(p, "either")].outcome == indicator_outcome::met);  // its policy
            CHECK(r0.indicators[indicator(p, "both")].outcome == indicator_outcome::not_met);
            CHECK_FALSE(r0.indicators[indicator(p, "both")].undefined);
        }
        SUBCASE("not of undefined is undefined, and the default policy is not met")
        {
            const auto r = e.evaluate(row(p, {{"d", 0}}));
            CHECK(r.indicators[indicator(p, "negated")].undefined);
            CHECK(r.indicators[indicator(p, "negated")].outcome == indicator_outcome::not_met);
        }
        SUBCASE("defined values decide as usual")
        {
            const auto r = e.evaluate(row(p, {{"n", 1}, {"d", 2}, {"f", 0}}));
            CHECK(r.indicators[indicator(p, "either")].outcome == indicator_outcome::met);
            CHECK(r.indicators[indicator(p, "both")].outcome == indicator_outcome::not_met);
            CHECK(r.indicators[indicator(p, "negated")].outcome == indicator_outcome::not_met);
            CHECK(r.points == rational(1));
        }
    }

    TEST_CASE("a boolean input is true only when it is 1")
    {
        const auto p = compile_text(header + R"(
input f "F" boolean
group g "G" {
  indicator i "I" declared: f
    points 1
}
)");
        const eval::evaluator e(p, 2023);
        CHECK(e.evaluate(row(p, {{"f", 1}})).points == rational(1));
        CHECK(e.evaluate(row(p, {{"f", 0}})).points == rational(0));
        CHECK(e.evaluate(row(p, {{"f", 2}})).points == rational(0));
    }

    TEST_CASE("each zero-denominator policy decides an indicator whose rate has no acts")
    {
        const auto p = compile_text(header + R"(
input n "N" count
input d "D" count
group g "G" {
  indicator by_default "Default" calculated: rate(n, d) >= target 50 %
    points 1
  indicator when_not_met "Not met" calculated: rate(n, d) >= target 50 %
    points 2
    zero_denominator not_met
  indicator when_met "Met" calculated: rate(n, d) >= target 50 %
    points 4
    zero_denominator met
  indicator when_neutralised "Neutralised" calculated: rate(n, d) >= target 50 %
    points 8
    zero_denominator neutralised
}
)");
        const eval::evaluator e(p, 2024);
        const auto r = e.evaluate(row(p, {{"n", 0}, {"d", 0}}));
        CHECK(r.indicators[indicator(p, "by_default")].outcome == indicator_outcome::not_met);
        CHECK(r.indicators[indicator(p, "when_not_met")].outcome == indicator_outcome::not_met);
        CHECK(r.indicators[indicator(p, "when_met")].outcome == indicator_outcome::met);
        CHECK(r.indicators[indicator(p, "when_neutralised")].outcome == indicator_outcome::neutralised);
        CHECK(r.points == rational(4));  // a neutralised indicator is not paid
        CHECK(r.group_neutralised[0] == 1);
        // With acts, every policy is irrelevant.
        CHECK(e.evaluate(row(p, {{"n", 1}, {"d", 2}})).points == rational(15));
    }

    TEST_CASE("a division by zero, by a constant or by a data value, is undefined")
    {
        const auto p = compile_text(header + R"(
input n "N" count
input d "D" count
define ratio = n / d
group g "G" {
  indicator by_data "By data" calculated: ratio >= target 1
    points 1
  indicator by_constant "By constant" calculated: n / 0 >= target 1
    points 2
  indicator mean_of "Mean" calculated: mean(rate(n, d), 1) >= target 10 %
    points 4
  indicator min_of "Min" calculated: min(ratio, 1) >= target 0
    points 8
}
)");
        const eval::evaluator e(p, 2024);
        const auto r = e.evaluate(row(p, {{"n", 5}, {"d", 0}}));
        for (const auto* id : {"by_data", "by_constant", "mean_of", "min_of"}) {
            CAPTURE(id);
            CHECK(r.indicators[indicator(p, id)].undefined);
            CHECK(r.indicators[indicator(p, id)].outcome == indicator_outcome::not_met);
        }
        const auto ok = e.evaluate(row(p, {{"n", 5}, {"d", 2}}));
        CHECK(ok.indicators[indicator(p, "by_data")].outcome == indicator_outcome::met);
        CHECK(ok.indicators[indicator(p, "by_constant")].undefined);
        CHECK(ok.indicators[indicator(p, "mean_of")].outcome == indicator_outcome::met);
        CHECK(ok.indicators[indicator(p, "min_of")].outcome == indicator_outcome::met);
        CHECK(ok.points == rational(13));
    }

    TEST_CASE("definitions, arithmetic and if compute exact values")
    {
        const auto p = compile_text(header + R"(
input a "A" integer
input b "B" integer
input f "F" boolean
define total = a + b - 1
define scaled = total * 3 / 4
define chosen = if f then scaled else -total
group g "G" {
  indicator exact "Exact" calculated: scaled = target 9 / 2
    points 1
  indicator chosen_value "Chosen" calculated: chosen >= target 2
    points 2
  indicator this_year "Year" calculated: year = target 2024
    points 4
  indicator bounded "Bounded" calculated: max(a, b, 2) - min(a, b) <= target 5
    points 8
}
)");
        const eval::evaluator e2024(p, 2024);
        const auto r = e2024.evaluate(row(p, {{"a", 3}, {"b", 4}, {"f", 1}}));  // total 6, scaled 9/2
        CHECK(r.indicators[indicator(p, "exact")].outcome == indicator_outcome::met);
        CHECK(r.indicators[indicator(p, "chosen_value")].outcome == indicator_outcome::met);
        CHECK(r.indicators[indicator(p, "this_year")].outcome == indicator_outcome::met);
        CHECK(r.indicators[indicator(p, "bounded")].outcome == indicator_outcome::met);
        CHECK(r.values[static_cast<std::size_t>(p.defines[1].root)].exact() == rational(9, 2));
        const auto negative = e2024.evaluate(row(p, {{"a", 3}, {"b", 4}, {"f", 0}}));
        CHECK(negative.indicators[indicator(p, "chosen_value")].outcome == indicator_outcome::not_met);
        const eval::evaluator e2023(p, 2023);
        CHECK(e2023.evaluate(row(p, {{"a", 3}, {"b", 4}, {"f", 1}})).indicators[indicator(p, "this_year")].outcome == indicator_outcome::not_met);
    }

    TEST_CASE("an if with an undefined condition is undefined")
    {
        const auto p = compile_text(header + R"(
input n "N" count
input d "D" count
group g "G" {
  indicator i "I" calculated: (if rate(n, d) >= 50 % then 1 else 0) >= target 0
    points 1
    zero_denominator met
}
)");
        const eval::evaluator e(p, 2024);
        const auto r = e.evaluate(row(p, {{"d", 0}}));
        CHECK(r.indicators[0].undefined);
        CHECK(r.indicators[0].outcome == indicator_outcome::met);
    }

    TEST_CASE("a neutralised indicator counts neither as met nor as failed in a gate")
    {
        const auto p = compile_text(header + R"(
input f1 "F1" boolean
input f2 "F2" boolean
input n "N" count
input d "D" count
input fx "FX" boolean
group base "Base" {
  indicator i1 "I1" declared: f1
    points 1
  indicator i2 "I2" declared: f2
    points 2
  indicator i3 "I3" calculated: rate(n, d) >= target 50 %
    points 4
    zero_denominator neutralised
}
group later "Later" requires all of base {
  indicator x "X" declared: fx
    points 100
}
)");
        const eval::evaluator e(p, 2024);
        const auto neutral = e.evaluate(row(p, {{"f1", 1}, {"f2", 1}, {"d", 0}, {"fx", 1}}));
        CHECK(neutral.group_open[group(p, "later")]);
        CHECK(neutral.points == rational(103));
        const auto failed = e.evaluate(row(p, {{"f1", 1}, {"f2", 1}, {"n", 1}, {"d", 4}, {"fx", 1}}));
        CHECK_FALSE(failed.group_open[group(p, "later")]);
        CHECK(failed.points == rational(3));
        const auto met = e.evaluate(row(p, {{"f1", 1}, {"f2", 1}, {"n", 2}, {"d", 4}, {"fx", 1}}));
        CHECK(met.points == rational(107));
    }

    TEST_CASE("at least K of a group and any of a group open on the count of met indicators")
    {
        const auto p = compile_text(header + R"(
input f1 "F1" boolean
input f2 "F2" boolean
input f3 "F3" boolean
input n "N" count
input d "D" count
input fy "FY" boolean
group base "Base" {
  indicator i1 "I1" declared: f1
    points 1
  indicator i2 "I2" declared: f2
    points 2
  indicator i3 "I3" declared: f3
    points 4
  indicator i4 "I4" calculated: rate(n, d) >= target 50 %
    points 8
    zero_denominator neutralised
}
group two "Two" requires at least 2 of base {
  indicator y "Y" declared: fy
    points 100
}
group one "One" requires any of base {
  indicator z "Z" declared: fy
    points 1000
}
group chained "Chained" requires at least 1 of two and all of one {
  indicator w "W" declared: fy
    points 10000
}
)");
        const eval::evaluator e(p, 2024);
        CHECK(e.evaluate(row(p, {{"f1", 1}, {"f3", 1}, {"d", 0}, {"fy", 1}})).points == rational(11105));
        // A neutralised indicator counts with the met ones, under every quantifier alike...
        CHECK(e.evaluate(row(p, {{"f2", 1}, {"d", 0}, {"fy", 1}})).points == rational(11102));
        CHECK(e.evaluate(row(p, {{"f2", 1}, {"n", 1}, {"d", 1}, {"fy", 1}})).points == rational(11110));
        // ...but never alone: with nothing really met, no gate holds.
        CHECK(e.evaluate(row(p, {{"d", 0}, {"fy", 1}})).points == rational(0));
        const auto closed = e.evaluate(row(p, {{"f1", 1}, {"n", 0}, {"d", 5}, {"fy", 1}}));
        CHECK_FALSE(closed.group_open[group(p, "two")]);
        CHECK(closed.group_open[group(p, "one")]);
        CHECK_FALSE(closed.group_open[group(p, "chained")]);  // its gate reads a closed group
    }

    TEST_CASE("a block paid when at least K are met pays all its points or none")
    {
        const auto p = compile_text(header + R"(
input f1 "F1" boolean
input f2 "F2" boolean
input f3 "F3" boolean
group block "Block" points { 2023: 100, 2024: 150.5 } when at least 2 met {
  indicator b1 "B1" declared: f1
  indicator b2 "B2" declared: f2
  indicator b3 "B3" declared: f3
}
group gated "Gated" requires all of block {
  indicator g1 "G1" declared: f1
    points 1
}
)");
        const eval::evaluator e(p, 2024);
        CHECK(e.evaluate(row(p, {{"f1", 1}})).points == rational(0));
        const auto two = e.evaluate(row(p, {{"f1", 1}, {"f3", 1}}));
        CHECK(two.points == rational(301, 2));
        CHECK_FALSE(two.group_open[group(p, "gated")]);  // the block is paid, but not all are met
        CHECK(e.evaluate(row(p, {{"f1", 1}, {"f2", 1}, {"f3", 1}})).points == rational(303, 2));
        CHECK(e.evaluate(row(p, {{"f1", 1}, {"f2", 1}, {"f3", 1}})).euros.to_fixed(2) == "1060.50");
        CHECK(eval::evaluator(p, 2023).evaluate(row(p, {{"f1", 1}, {"f2", 1}})).points == rational(100));
    }

    TEST_CASE("a block paid when all are met ignores neutralised indicators")
    {
        const auto p = compile_text(header + R"(
input f "F" boolean
input n "N" count
input d "D" count
group block "Block" points 280 when all met {
  indicator b1 "B1" declared: f
  indicator b2 "B2" calculated: rate(n, d) > target 2/3
    zero_denominator neutralised
}
)");
        const eval::evaluator e(p, 2024);
        CHECK(e.evaluate(row(p, {{"f", 1}, {"d", 0}})).points == rational(280));
        CHECK(e.evaluate(row(p, {{"f", 1}, {"n", 2}, {"d", 3}})).points == rational(0));
        CHECK(e.evaluate(row(p, {{"f", 1}, {"n", 3}, {"d", 4}})).points == rational(280));
    }

    TEST_CASE("an overflow is an evaluation error pointing at the expression")
    {
        const auto p = compile_text(header + R"(
input a "A" integer
input b "B" integer
input f "F" boolean
group g "G" {
  indicator big "Big" calculated: a * b >= target 1
    points 1
}
group h "H" {
  indicator guarded "Guarded" calculated: (if f then a * b else 0) >= target 0
    points 1
}
)");
        const eval::evaluator e(p, 2024);
        const std::int64_t large = std::int64_t{1} << 40;
        SUBCASE("a needed product beyond 64 bits throws")
        {
            try {
                (void)e.evaluate(row(p, {{"a", large}, {"b", large}}));
                FAIL("no evaluation_error");
            }
            catch (const eval::evaluation_error& error) {
                CHECK(error.range().begin.line == 7);
                CHECK(error.range().begin.column == 35);
                CHECK(error.message() == "ce produit est trop grand pour le calcul exact (au-delà de 64 bits)");
                eval::evaluation_error copy = error;
                copy.set_row("data.csv", 12, "M000001", 2024);
                const std::string what = copy.what();
                CHECK(what.find(":7:35: erreur : ce produit est trop grand") != std::string::npos);
                CHECK(what.find("(data.csv:12, médecin M000001, année 2024)") != std::string::npos);
            }
        }
        SUBCASE("the untaken branch of an if may overflow harmlessly")
        {
            const auto p2 = compile_text(header + R"(
input a "A" integer
input b "B" integer
input f "F" boolean
group h "H" {
  indicator guarded "Guarded" calculated: (if f then a * b else 0) >= target 0
    points 1
}
)");
            const eval::evaluator e2(p2, 2024);
            CHECK(e2.evaluate(row(p2, {{"a", large}, {"b", large}, {"f", 0}})).points == rational(1));
            CHECK_THROWS_AS((void)e2.evaluate(row(p2, {{"a", large}, {"b", large}, {"f", 1}})), eval::evaluation_error);
        }
        SUBCASE("a negation of the smallest integer overflows")
        {
            const auto p3 = compile_text(header + R"(
input a "A" integer
group h "H" {
  indicator i "I" calculated: -a >= target 0
    points 1
}
)");
            CHECK_THROWS_AS((void)eval::evaluator(p3, 2024).evaluate(row(p3, {{"a", INT64_MIN}})), eval::evaluation_error);
        }
    }

    TEST_CASE("points or euros beyond 64 bits are an evaluation error")
    {
        const auto p = compile_text("convention t \"Test\" { point_value 9223372036854775807 € years 2024 }\n"
                                    "input f \"F\" boolean\n"
                                    "group g \"G\" {\n"
                                    "  indicator i \"I\" declared: f\n"
                                    "    points 2\n"
                                    "}\n");
        const eval::evaluator e(p, 2024);
        CHECK(e.evaluate(row(p, {{"f", 0}})).euros == rational(0));
        CHECK_THROWS_AS((void)e.evaluate(row(p, {{"f", 1}})), eval::evaluation_error);
    }

    TEST_CASE("a year with XX placeholders is refused with every placeholder named")
    {
        const auto p = compile_text(header + R"(
input n "N" count
input d "D" count
group g "G" points XX when all met {
  indicator a "A" calculated: rate(n, d) >= target { 2023: 50 %, 2024: XX }
}
group h "H" requires all of g {
  indicator b "B" calculated: rate(n, d) >= target 10 %
    points { 2023: 5, 2024: XX }
}
)");
        auto names = [&](int year) {
            std::vector<std::string> out;
            try {
                eval::evaluator e(p, year);
            }
            catch (const eval::placeholder_error& error) {
                CHECK(error.year() == year);
                for (const auto& o : error.open()) {
                    out.push_back(o.name);
                    CHECK(o.range.file != nullptr);
                }
                CHECK(std::string(error.what()).find("pas encore fixée") != std::string::npos);
            }
            return out;
        };
        CHECK(names(2023) == std::vector<std::string>{"g.points"});
        CHECK(names(2024) == std::vector<std::string>{"g.points", "g.a.target@2024", "h.b.points@2024"});
        CHECK_THROWS_AS(eval::evaluator(p, 2030), std::invalid_argument);
    }

    TEST_CASE("the evaluator refuses a row with the wrong number of values")
    {
        const auto p = forfait();
        const eval::evaluator e(p, 2024);
        std::vector<std::int64_t> short_row(3, 0);
        CHECK_THROWS_AS((void)e.evaluate(short_row), std::invalid_argument);
    }
}
