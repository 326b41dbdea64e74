// Tests of the sweep's short path: a single axis whose breakpoints are known (a target, a
// level's threshold, a prorata floor) evaluates each row only at the steps that follow its
// breakpoints. Every step must still equal separate full evaluations with the value set (what
// `donum eval --set` computes), for every kind of axis, the short path or not.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "interpreter/population/sweep.hpp"
#include "population_support.hpp"
#include "support.hpp"

using namespace donum;
using namespace donum::test;

namespace {

using exact::rational;

const std::string rules = header +
                          "input n \"N\" count\n"
                          "input d \"D\" count\n"
                          "input k \"K\" count\n"
                          "group g \"G\" cap 45 {\n"
                          "  indicator taux \"Taux\" calculated: rate(n, d) >= target {2023: 40 %, 2024: 50 %}\n"
                          "    points 10\n"
                          "    points 20 at 70 %\n"
                          "    points 30 at target + 40 %\n"
                          "  indicator autre \"Autre\" calculated: k >= target 5 points 10\n"
                          "}\n"
                          "group h \"H\" {\n"
                          "  indicator simple \"Simple\" calculated: rate(n, d) >= target 30 % points 15\n"
                          "  indicator part \"Part\" calculated: rate(n, d) >= target 60 % points 40 prorated above 20 %\n"
                          "}\n";

// 1,500 rows of both years: rates on the hundredths (so that many lie exactly on a step of
// the sweeps below) and between them, some zero denominators, counts from 0 to 20.
std::string generated_rows()
{
    std::string out = "id,year,n,d,k\n";
    for (int i = 0; i < 1500; ++i) {
        const int d = i % 41 == 0 ? 0 : i % 3 == 0 ? 100 : 50 + (i * 7) % 151;
        const int n = d == 0 ? 0 : (i * 31) % (d + 1);
        out += "M" + std::to_string(i) + (i % 2 == 0 ? ",2023," : ",2024,") + std::to_string(n) + "," + std::to_string(d) + "," + std::to_string((i * 13) % 21) + "\n";
    }
    return out;
}

population::sweep_axis axis(const compile::program& p, const std::string& name, std::optional<int> year, std::vector<rational> values)
{
    return {slot_of(p, name), year, std::move(values), year ? name + "@" + std::to_string(*year) : name};
}

}  // namespace

TEST_SUITE("sweep by breakpoints")
{
    TEST_CASE("targets, a graded threshold and a floor go from breakpoint to breakpoint and equal full evaluations")
    {
        const auto p = small_program(rules);
        const auto t = table_of(p, generated_rows());
        const auto percents = population::range_values(0, 1, rational(1, 100));
        for (const auto& a : std::vector<population::sweep_axis>{axis(p, "h.simple.target", std::nullopt, percents),
                                                                 axis(p, "h.simple.target", 2024, percents),
                                                                 axis(p, "g.taux.target2", std::nullopt, percents),
                                                                 axis(p, "h.part.above", std::nullopt, population::range_values(0, 1, rational(1, 20))),
                                                                 axis(p, "g.autre.target", std::nullopt, population::range_values(0, 20, 1))}) {
            CAPTURE(a.name);
            const auto swept = population::run_sweep(p, t, std::vector<population::sweep_axis>{a});
            // At most a few breakpoints per row, not one re-run per row and step.
            CHECK(swept.partial_evaluations <= t.size() * 2);
            check_sweep_matches_full_evaluations(p, t, {a});
        }
    }

    TEST_CASE("axes that keep the full path equal full evaluations too")
    {
        const auto p = small_program(rules);
        const auto t = table_of(p, generated_rows());
        const auto percents = population::range_values(0, 1, rational(1, 20));
        // A threshold that follows the target (arithmetic on it), a prorata's target, values
        // not ascending, points, the point value, and grids of two axes.
        check_sweep_matches_full_evaluations(p, t, {axis(p, "g.taux.target", std::nullopt, percents)});
        check_sweep_matches_full_evaluations(p, t, {axis(p, "h.part.target", std::nullopt, percents)});
        check_sweep_matches_full_evaluations(p, t, {axis(p, "h.simple.target", std::nullopt, {rational(1, 2), rational(1, 10), rational(3, 10), rational(3, 10) + rational(1, 1000), rational(1)})});
        check_sweep_matches_full_evaluations(p, t, {axis(p, "g.autre.points", std::nullopt, {rational(0), rational(5), rational(25, 2)})});
        check_sweep_matches_full_evaluations(p, t, {axis(p, "point_value", std::nullopt, {rational(7), rational(15, 2), rational(1, 100)})});
        check_sweep_matches_full_evaluations(p, t, {axis(p, "point_value", std::nullopt, {rational(7), rational(8)}), axis(p, "h.simple.target", std::nullopt, percents)});
        check_sweep_matches_full_evaluations(p, t, {axis(p, "g.taux.target2", 2023, percents), axis(p, "h.part.above", std::nullopt, {rational(0), rational(1, 4)})});
    }

    TEST_CASE("a single value, or the same value twice, is swept as before")
    {
        const auto p = small_program(rules);
        const auto t = table_of(p, generated_rows());
        check_sweep_matches_full_evaluations(p, t, {axis(p, "h.simple.target", std::nullopt, {rational(3, 10)})});
        check_sweep_matches_full_evaluations(p, t, {axis(p, "h.simple.target", std::nullopt, {rational(3, 10), rational(3, 10), rational(1, 2)})});
    }
}

TEST_SUITE("sweep of a file read in parts")
{
    // The sweep of `text` read as a file, in parts on the cores, as `donum simulate` does.
    population::sweep_file_result sweep_text(const compile::program& p, const data::schema& columns, const std::string& text, const std::vector<population::sweep_axis>& axes)
    {
        population::file_rows source;
        source.path = "generated.csv";
        source.columns = &columns;
        source.text = text;
        return population::run_sweep(p, source, axes);
    }

    TEST_CASE("a file read in parts gives the steps of its table, for every kind of axis")
    {
        const auto p = small_program(rules);
        const auto columns = data::schema_of(p);
        // Many copies of the rows: several parts, read on several cores.
        std::string text = "id,year,n,d,k\n";
        const auto rows = generated_rows();
        for (int copy = 0; copy < 40; ++copy) {
            for (std::size_t at = rows.find('\n') + 1; at < rows.size();) {
                const auto end = rows.find('\n', at);
                text += "C" + std::to_string(copy) + rows.substr(at, end + 1 - at);
                at = end + 1;
            }
        }
        const auto t = table_of(p, text);
        REQUIRE(t.size() == 60000);
        const auto percents = population::range_values(0, 1, rational(1, 100));
        const auto twentieths = population::range_values(0, 1, rational(1, 20));
        for (const auto& axes : std::vector<std::vector<population::sweep_axis>>{{axis(p, "h.simple.target", std::nullopt, percents)},
                                                                                 {axis(p, "g.taux.target2", 2024, percents)},
                                                                                 {axis(p, "g.taux.target", std::nullopt, twentieths)},
                                                                                 {axis(p, "point_value", std::nullopt, {rational(7), rational(8)}), axis(p, "h.part.above", std::nullopt, twentieths)}}) {
            CAPTURE(axes.front().name);
            const auto read = sweep_text(p, columns, text, axes);
            REQUIRE(!read.pass.error);
            CHECK(read.pass.loaded.rows == t.size());
            const auto table = population::run_sweep(p, t, axes);
            REQUIRE(read.sweep.steps.size() == table.steps.size());
            for (std::size_t c = 0; c < table.steps.size(); ++c) {
                CHECK(read.sweep.steps[c].values == table.steps[c].values);
                check_same_step(read.sweep.steps[c], table.steps[c]);
            }
        }
    }

    TEST_CASE("a file's data errors come first, then the first failing row's error")
    {
        const auto p = compiled_program(donum::test::source_path("tests/data/overflow.donum"));
        const auto columns = data::schema_of(p);
        std::string text = "id,year,k\n";
        for (int i = 0; i < 42000; ++i) text += "M" + std::to_string(i) + ",2024," + (i == 15000 || i == 35000 ? "3000000" : "2") + "\n";
        const std::vector<population::sweep_axis> axes{axis(p, "point_value", std::nullopt, {rational(7), rational(8)})};
        const auto failed = sweep_text(p, columns, text, axes);
        REQUIRE(failed.pass.error);
        try {
            failed.pass.rethrow();
        }
        catch (const eval::evaluation_error& e) {
            CHECK(e.id() == "M15000");
        }
        const auto invalid = sweep_text(p, columns, text + "M9,2024,x\n", axes);
        CHECK(!invalid.pass.loaded.errors.empty());
        CHECK(!invalid.pass.error);  // the data is reported, nothing evaluated
        CHECK_THROWS_AS((void)sweep_text(p, columns, text, {axis(p, "point_value", std::nullopt, {})}), std::invalid_argument);
    }
}
