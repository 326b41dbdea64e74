// Helpers of the population tests (sweeps, solve, computed payments): compile a program,
// load rows, and the same population evaluated in full at given parameter values, the
// reference every sweep step and every solve answer is checked against.
#ifndef DONUM_TESTS_UNIT_POPULATION_SUPPORT_HPP
#define DONUM_TESTS_UNIT_POPULATION_SUPPORT_HPP

#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "interpreter/compile/driver.hpp"
#include "interpreter/data/table.hpp"
#include "interpreter/eval/evaluate.hpp"
#include "interpreter/population/results.hpp"
#include "interpreter/population/sweep.hpp"
#include "support.hpp"

namespace donum::test {

using exact::rational;

inline compile::program compiled_program(const std::string& path)
{
    auto c = compile::compile_rules(path, {});
    REQUIRE_MESSAGE(c.checked.has_value(), donum::test::messages(c.issues));
    return std::move(*c.checked);
}

inline compile::program forfait() { return compiled_program(donum::test::source_path("stdlib-rules/forfait-structure.donum")); }

inline compile::program small_program(const std::string& text) { return compiled_program(donum::test::write_file(donum::test::temp_folder(), "rules.donum", text)); }

inline data::data_table example_population(const compile::program& p)
{
    auto loaded = data::load_table(donum::test::source_path("examples/population-2023-2024.csv"), p);
    REQUIRE(loaded.errors.empty());
    REQUIRE(loaded.table.size() == 6000);
    return std::move(loaded.table);
}

inline data::data_table table_of(const compile::program& p, const std::string& text)
{
    auto loaded = data::load_table_text("data.csv", text, p);
    REQUIRE(loaded.errors.empty());
    return std::move(loaded.table);
}

inline std::size_t slot_of(const compile::program& p, const std::string& name)
{
    const auto* s = p.find_slot(name);
    REQUIRE_MESSAGE(s != nullptr, name);
    return static_cast<std::size_t>(s - p.slots.data());
}

inline std::size_t indicator_of(const compile::program& p, const std::string& id)
{
    for (std::size_t i = 0; i < p.indicators.size(); ++i) {
        if (p.indicators[i].id == id) return i;
    }
    FAIL("no indicator " << id);
    return 0;
}

// The program with `slot` set to `v` for `year` (every year when empty), as --set does.
inline compile::program with_value(compile::program p, std::size_t slot, std::optional<int> year, const rational& v)
{
    for (std::size_t y = 0; y < p.years.size(); ++y) {
        if (!year || p.years[y] == *year) p.slots[slot].by_year[y] = v;
    }
    return p;
}

// Full evaluation of every row with the axes set to `values`.
inline population::population_results evaluate_with(const compile::program& p, const data::data_table& t, const std::vector<population::sweep_axis>& axes, const std::vector<rational>& values)
{
    auto changed = p;
    for (std::size_t a = 0; a < axes.size(); ++a) changed = with_value(std::move(changed), axes[a].slot, axes[a].year, values[a]);
    return population::evaluate_population(changed, t);
}

// Cost of the rows of `year` (all rows when empty) with `slot` set to `v`.
inline rational cost_with(const compile::program& p, const data::data_table& t, std::size_t slot, std::optional<int> year, const rational& v)
{
    const auto r = population::evaluate_population(with_value(p, slot, year, v), t);
    rational sum;
    for (std::size_t row = 0; row < t.size(); ++row) {
        if (!year || t.year(row) == *year) sum = sum + r.euros[row];
    }
    return sum;
}

// Share of the rows of `year` meeting indicator `k` with `slot` set to `v`.
inline rational share_with(const compile::program& p, const data::data_table& t, std::size_t slot, std::optional<int> year, const rational& v, std::size_t k)
{
    const auto r = population::evaluate_population(with_value(p, slot, year, v), t);
    std::int64_t met = 0;
    std::int64_t rows = 0;
    for (std::size_t row = 0; row < t.size(); ++row) {
        if (year && t.year(row) != *year) continue;
        ++rows;
        met += r.outcomes[row * p.indicators.size() + k] == static_cast<std::uint8_t>(eval::indicator_outcome::met) ? 1 : 0;
    }
    return {met, rows};
}

// What a sweep step must hold, computed from separate full evaluations.
inline population::sweep_step expected_step(const compile::program& p, const data::data_table& t, const population::population_results& r, const population::population_results& first)
{
    population::sweep_step s;
    s.physicians = t.size();
    s.indicator_met.assign(p.indicators.size(), 0);
    s.group_open.assign(p.groups.size(), 0);
    for (std::size_t row = 0; row < t.size(); ++row) {
        for (std::size_t k = 0; k < p.indicators.size(); ++k) {
            s.indicator_met[k] += r.outcomes[row * p.indicators.size() + k] == static_cast<std::uint8_t>(eval::indicator_outcome::met) ? 1 : 0;
        }
        for (std::size_t g = 0; g < p.groups.size(); ++g) s.group_open[g] += r.open[row * p.groups.size() + g];
        s.points = s.points + r.points[row];
        s.euros = s.euros + r.euros[row];
        if (r.euros[row] > rational(0)) ++s.paid;
        if (r.euros[row] > first.euros[row]) {
            ++s.winners;
            s.gained = s.gained + (r.euros[row] - first.euros[row]);
        }
        if (r.euros[row] < first.euros[row]) {
            ++s.losers;
            s.lost = s.lost + (first.euros[row] - r.euros[row]);
        }
    }
    s.mean_euros = s.euros / rational(static_cast<std::int64_t>(t.size()));
    return s;
}

inline void check_same_step(const population::sweep_step& got, const population::sweep_step& want)
{
    CHECK(got.physicians == want.physicians);
    CHECK(got.paid == want.paid);
    CHECK(got.indicator_met == want.indicator_met);
    CHECK(got.group_open == want.group_open);
    CHECK(got.points == want.points);
    CHECK(got.euros == want.euros);
    CHECK(got.mean_euros == want.mean_euros);
    CHECK(got.winners == want.winners);
    CHECK(got.losers == want.losers);
    CHECK(got.gained == want.gained);
    CHECK(got.lost == want.lost);
}

// Runs the sweep and compares every step, and every row's amount at every step, with
// separate full evaluations.
inline void check_sweep_matches_full_evaluations(const compile::program& p, const data::data_table& t, const std::vector<population::sweep_axis>& axes)
{
    std::vector<std::vector<rational>> row_amounts(t.size());
    const auto swept = population::run_sweep(p, t, axes, [&](std::size_t row, std::span<const rational> euros) { row_amounts[row].assign(euros.begin(), euros.end()); });
    const std::size_t second = axes.size() == 2 ? axes[1].values.size() : 1;
    REQUIRE(swept.steps.size() == axes[0].values.size() * second);
    std::optional<population::population_results> first;
    for (std::size_t c = 0; c < swept.steps.size(); ++c) {
        std::vector<rational> values{axes[0].values[c / second]};
        if (axes.size() == 2) values.push_back(axes[1].values[c % second]);
        CAPTURE(c);
        CHECK(swept.steps[c].values == values);
        const auto full = evaluate_with(p, t, axes, values);
        if (!first) first = full;
        check_same_step(swept.steps[c], expected_step(p, t, full, *first));
        std::size_t differing = 0;
        for (std::size_t row = 0; row < t.size(); ++row) differing += row_amounts[row].at(c) == full.euros[row] ? 0 : 1;
        CHECK(differing == 0);
    }
}

}  // namespace donum::test

#endif
