// Tests of the conditions compiled into integer comparisons (evaluator::evaluate_amounts):
// every shape, on both sides, every comparison, zero and negative denominators, 64-bit
// extremes, next to general conditions and a definition, against evaluate() itself; and the
// same pass on the computed payments (graded levels, prorata, caps, gates that follow
// payment), whose points pay() reads from the code's values.
#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "interpreter/eval/conditions.hpp"
#include "interpreter/eval/evaluate.hpp"
#include "support.hpp"

using namespace donum;

namespace {

const std::string shapes = R"(convention t "Test" { point_value 7 € years 2024 }
input f "F" boolean
input a "A" integer
input b "B" integer
input k "K" count
define cube = k * k * k
group g "G" {
  indicator i1 "I1" declared: f points 1
  indicator i2 "I2" calculated: a >= target 3 points 2
  indicator i3 "I3" calculated: target 2/3 < a points 3
  indicator i4 "I4" calculated: rate(a, b) >= target 50 % points 4
  indicator i5 "I5" calculated: target 1/3 > rate(a, b) zero_denominator met points 5
  indicator i6 "I6" calculated: rate(a, b) = 0.5 zero_denominator neutralised points 6
  indicator i7 "I7" calculated: rate(a, b) ≠ 50 % points 7.5
  indicator i8 "I8" calculated: a <= -2 points 8 # a negation: not a constant node
  indicator i9 "I9" calculated: a * b > 1 points 9
  indicator i10 "I10" calculated: rate(b, a) < 0.5 points 10
}
)";

std::string outcome_text(const eval::result& r)
{
    std::string out;
    for (const auto& i : r.indicators) out += std::to_string(static_cast<int>(i.outcome)) + (i.undefined ? "u" : "") + " ";
    for (const bool open : r.group_open) out += open ? "open " : "closed ";
    for (const auto& g : r.group_points) out += g.to_string() + " ";
    return out + r.points.to_string() + " " + r.euros.to_string();
}

// A small deterministic generator (splitmix64): the same rows on every run.
std::uint64_t next_random(std::uint64_t& state)
{
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

// Inputs for one row of `p`: yes/no inputs 0 or 1, counts from 0 to 120 (0 often, so that
// rates meet zero denominators, and rates of two counts cross every target and level).
std::vector<std::int64_t> random_inputs(const compile::program& p, std::uint64_t& state)
{
    std::vector<std::int64_t> out;
    for (const auto& in : p.inputs) {
        const auto r = next_random(state);
        if (in.type == grammar::ast::input_type::boolean) out.push_back(static_cast<std::int64_t>(r % 2));
        else out.push_back(r % 5 == 0 ? 0 : static_cast<std::int64_t>(r % 121));
    }
    return out;
}

}  // namespace

TEST_SUITE("conditions")
{
    TEST_CASE("the simple shapes are compiled, the others are left to the general sweep")
    {
        const auto compiled = test::compile_text(shapes);
        REQUIRE(compiled.checked.has_value());
        const auto& p = *compiled.checked;
        const eval::evaluator ev(p, 2024);
        using shape = eval::compiled_condition::shape;
        std::vector<shape> shapes_found;
        std::vector<std::optional<exact::rational>> values;
        for (const auto& s : p.slots) values.push_back(s.by_year[0]);
        for (std::size_t k = 0; k < p.indicators.size(); ++k) shapes_found.push_back(eval::compile_condition(p, k, values).what);
        std::string seen;
        for (const auto s : shapes_found) seen += std::to_string(static_cast<int>(s)) + " ";
        CAPTURE(seen);
        CHECK(shapes_found == std::vector<shape>{shape::boolean, shape::input, shape::input, shape::rate, shape::rate, shape::rate, shape::rate, shape::general, shape::general, shape::rate});
        // The definition and the general condition still need the sweep: not the others.
        const auto compiled_conditions = [&] {
            std::vector<eval::compiled_condition> out;
            for (std::size_t k = 0; k < p.indicators.size(); ++k) out.push_back(eval::compile_condition(p, k, values));
            return out;
        }();
        const auto needed = eval::nodes_still_needed(p, compiled_conditions);
        CHECK(needed.size() < p.code.size());
        CHECK_FALSE(needed.empty());
    }

    TEST_CASE("evaluate_amounts gives evaluate's outcomes, amounts and errors")
    {
        const auto compiled = test::compile_text(shapes);
        REQUIRE(compiled.checked.has_value());
        const auto& p = *compiled.checked;
        const eval::evaluator ev(p, 2024);
        constexpr auto min = std::numeric_limits<std::int64_t>::min();
        constexpr auto max = std::numeric_limits<std::int64_t>::max();
        const std::vector<std::int64_t> numbers{min, min + 1, -7, -2, -1, 0, 1, 2, 3, 5, 6, 10, max - 1, max};
        std::size_t errors = 0;
        std::size_t rows = 0;
        eval::result full;
        eval::result amounts;
        for (const std::int64_t f : {0, 1}) {
            for (const auto a : numbers) {
                for (const auto b : numbers) {
                    for (const std::int64_t k : {0, 2, 3000000}) {
                        CAPTURE(a);
                        CAPTURE(b);
                        CAPTURE(k);
                        const std::vector<std::int64_t> inputs{f, a, b, k};
                        std::string full_text;
                        std::string amounts_text;
                        try {
                            ev.evaluate(inputs, full);
                            full_text = outcome_text(full);
                        }
                        catch (const eval::evaluation_error& e) {
                            full_text = e.what();
                        }
                        try {
                            ev.evaluate_amounts(inputs, amounts);
                            amounts_text = outcome_text(amounts);
                        }
                        catch (const eval::evaluation_error& e) {
                            amounts_text = e.what();
                            ++errors;
                        }
                        ++rows;
                        REQUIRE(amounts_text == full_text);
                    }
                }
            }
        }
        // Both kinds of rows were met: evaluated, and refused for an overflow.
        CHECK(errors > 0);
        CHECK(errors < rows);
    }

    TEST_CASE("a negative denominator at INT64_MIN overflows at the rate, as in the sweep")
    {
        const auto compiled = test::compile_text(R"(convention t "Test" { point_value 7 € years 2024 }
input a "A" integer
input b "B" integer
group g "G" {
  indicator i "I" calculated: rate(a, b) >= target 50 % points 1
}
)");
        REQUIRE(compiled.checked.has_value());
        const eval::evaluator ev(*compiled.checked, 2024);
        eval::result r;
        constexpr auto min = std::numeric_limits<std::int64_t>::min();
        for (const auto& inputs : {std::vector<std::int64_t>{min, -1}, std::vector<std::int64_t>{1, min}}) {
            CHECK_THROWS_AS(ev.evaluate_amounts(inputs, r), eval::evaluation_error);
            CHECK_THROWS_AS(ev.evaluate(inputs, r), eval::evaluation_error);
        }
        ev.evaluate_amounts(std::vector<std::int64_t>{min, 1}, r);
        CHECK(r.indicators[0].outcome == eval::indicator_outcome::not_met);
        ev.evaluate_amounts(std::vector<std::int64_t>{-1, -2}, r);
        CHECK(r.indicators[0].outcome == eval::indicator_outcome::met);
    }

    TEST_CASE("evaluate_amounts pays computed payments, caps and gates as evaluate() does")
    {
        // Every file with graded levels, prorata (with a floor and a start), caps per group
        // and in all, or gates that follow payment; the official files for their gates.
        const std::vector<std::string> files{"tests/lang/ok/graded.donum",   "tests/lang/ok/prorated.donum",       "tests/lang/ok/caps.donum",
                                             "tests/lang/ok/payment_gate.donum", "examples/proposition-dmp-prorata.donum", "stdlib-rules/forfait-structure.donum",
                                             "stdlib-rules/donum-2026.donum"};
        for (const auto& file : files) {
            CAPTURE(file);
            compile::compile_options options;
            options.load.allow_outside = true;  // the proposal extends the official file
            const auto compiled = compile::compile_rules(test::source_path(file), options);
            REQUIRE(compiled.checked.has_value());
            const auto& p = *compiled.checked;
            std::size_t years = 0;
            for (const int year : p.years) {
                CAPTURE(year);
                std::optional<eval::evaluator> ev;
                try {
                    ev.emplace(p, year);
                }
                catch (const eval::placeholder_error&) {
                    continue;  // a year still XX is evaluated by no pass
                }
                ++years;
                std::uint64_t state = static_cast<std::uint64_t>(year);
                eval::result full;
                eval::result amounts;
                for (int row = 0; row < 4000; ++row) {
                    const auto inputs = random_inputs(p, state);
                    CAPTURE(row);
                    ev->evaluate(inputs, full);
                    ev->evaluate_amounts(inputs, amounts);
                    REQUIRE(outcome_text(amounts) == outcome_text(full));
                }
            }
            CHECK(years > 0);
        }
    }
}
