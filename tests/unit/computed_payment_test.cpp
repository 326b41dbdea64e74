// Tests of computed payments (graded levels, prorata): what one row is paid, and that the
// population passes (sweeps, solve, the report, the reasons of a diff) agree with full
// evaluations of every row.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "interpreter/eval/explain.hpp"
#include "interpreter/eval/payment.hpp"
#include "interpreter/population/diff.hpp"
#include "interpreter/population/report.hpp"
#include "population_support.hpp"
#include "support.hpp"

using namespace donum;
using namespace donum::test;

namespace {

const std::string graded_rules = header +
                                 "input n \"N\" count\n"
                                 "input d \"D\" count\n"
                                 "group g \"G\" cap 35 {\n"
                                 "  indicator taux \"Taux\" calculated: rate(n, d) >= target {2023: 40 %, 2024: 50 %}\n"
                                 "    points 10\n"
                                 "    points 20 at 70 %\n"
                                 "    points 30 at target + 40 %\n"
                                 "  indicator autre \"Autre\" calculated: n >= target 5 points 10\n"
                                 "}\n";

const std::string prorated_rules = header +
                                   "input n \"N\" count\n"
                                   "input d \"D\" count\n"
                                   "input n0 \"N avant\" count\n"
                                   "define avant \"Taux avant\" = rate(n0, d)\n"
                                   "group g \"G\" {\n"
                                   "  indicator taux \"Taux\" calculated: rate(n, d) >= target 60 % points 40 prorated above 20 %\n"
                                   "  indicator progres \"Progrès\" calculated: rate(n, d) >= target 60 % points 30 prorated from avant\n"
                                   "}\n";

// 600 rows of both years, rates spread over [0, 1] with some zero denominators.
std::string rows(bool with_start)
{
    std::string out = with_start ? "id,year,n,d,n0\n" : "id,year,n,d\n";
    for (int i = 0; i < 600; ++i) {
        const int d = i % 37 == 0 ? 0 : 50 + (i * 7) % 151;
        const int n = d == 0 ? 0 : (i * 31) % (d + 1);
        const int n0 = d == 0 ? 0 : (i * 17) % (d + 1);
        out += "M" + std::to_string(i) + (i % 2 == 0 ? ",2023," : ",2024,") + std::to_string(n) + "," + std::to_string(d);
        out += with_start ? "," + std::to_string(n0) + "\n" : "\n";
    }
    return out;
}

rational paid_for(const compile::program& p, int year, const std::vector<std::int64_t>& inputs)
{
    const eval::evaluator ev(p, year);
    return ev.evaluate(inputs).points;
}

}  // namespace

TEST_SUITE("computed payments")
{
    TEST_CASE("a graded indicator pays the highest level reached; a relative threshold follows the target")
    {
        const auto p = small_program(graded_rules);
        CHECK(paid_for(p, 2024, {49, 100}) == rational(10));  // `autre` alone
        CHECK(paid_for(p, 2024, {4, 100}) == rational(0));
        CHECK(paid_for(p, 2024, {50, 100}) == rational(10 + 10));
        CHECK(paid_for(p, 2024, {70, 100}) == rational(20 + 10));
        CHECK(paid_for(p, 2024, {90, 100}) == rational(35));  // 30 + 10, capped at 35
        CHECK(paid_for(p, 2023, {80, 100}) == rational(35));  // 2023: level 3 at 40 % + 40 %
        CHECK(paid_for(p, 2023, {79, 100}) == rational(30));
        REQUIRE(p.find_slot("g.taux.points2") != nullptr);
        REQUIRE(p.find_slot("g.taux.target2") != nullptr);
        CHECK(p.find_slot("g.taux.target3") == nullptr);  // follows the target
        REQUIRE(p.find_slot("g.taux.points3") != nullptr);
    }

    TEST_CASE("a prorata pays the share of the way to the target, to the hundredth of a point")
    {
        const auto p = small_program(prorated_rules);
        // taux: 30 % of 60 % -> 20 points; progres from 10 %: (30 - 10) / (60 - 10) -> 12 points
        CHECK(paid_for(p, 2024, {30, 100, 10}) == rational(32));
        // below the floor nothing; no progress nothing
        CHECK(paid_for(p, 2024, {19, 100, 50}) == rational(0));
        // 1/3 of 40 points is paid 13.33; the target met pays all
        CHECK(paid_for(p, 2024, {20, 100, 100}) == rational(1333, 100));
        CHECK(paid_for(p, 2024, {60, 100, 0}) == rational(70));
        // An undefined start pays nothing below the target.
        CHECK(paid_for(p, 2024, {0, 0, 0}) == rational(0));
    }

    TEST_CASE("the explanation gives the levels and the share earned")
    {
        const auto p = small_program(prorated_rules);
        const eval::evaluator ev(p, 2024);
        const auto e = eval::explain(ev, std::vector<std::int64_t>{30, 100, 10});
        REQUIRE(e.indicators[1].fraction.has_value());
        CHECK(e.indicators[1].fraction->exact() == rational(2, 5));
        CHECK(e.indicators[1].start->exact() == rational(1, 10));
        CHECK(e.indicators[1].points_paid == rational(12));
        const auto g = small_program(graded_rules);
        const auto eg = eval::explain(eval::evaluator(g, 2024), std::vector<std::int64_t>{70, 100});
        REQUIRE(eg.indicators[0].levels.size() == 2);
        CHECK(eg.indicators[0].levels[0].reached.is_true());
        CHECK(eg.indicators[0].levels[1].threshold.exact() == rational(9, 10));
        CHECK(!eg.indicators[0].levels[1].reached.is_true());
    }

    TEST_CASE("sweeps of targets, thresholds, floors and points equal full evaluations")
    {
        const auto g = small_program(graded_rules);
        const auto tg = table_of(g, rows(false));
        const std::vector<rational> rates{rational(3, 10), rational(45, 100), rational(6, 10), rational(9, 10)};
        check_sweep_matches_full_evaluations(g, tg, {{slot_of(g, "g.taux.target"), 2024, rates, "g.taux.target@2024"}});
        check_sweep_matches_full_evaluations(g, tg, {{slot_of(g, "g.taux.target2"), std::nullopt, rates, "g.taux.target2"}});
        check_sweep_matches_full_evaluations(g, tg, {{slot_of(g, "g.taux.points3"), std::nullopt, {rational(0), rational(25), rational(50)}, "g.taux.points3"}});

        const auto p = small_program(prorated_rules);
        const auto t = table_of(p, rows(true));
        check_sweep_matches_full_evaluations(p, t, {{slot_of(p, "g.taux.target"), std::nullopt, rates, "g.taux.target"}});
        check_sweep_matches_full_evaluations(p, t, {{slot_of(p, "g.taux.above"), std::nullopt, {rational(0), rational(1, 10), rational(1, 2)}, "g.taux.above"}});
        check_sweep_matches_full_evaluations(p, t, {{slot_of(p, "g.progres.points"), std::nullopt, {rational(0), rational(15), rational(30)}, "g.progres.points"},
                                                   {slot_of(p, "g.progres.target"), std::nullopt, rates, "g.progres.target"}});
    }

    TEST_CASE("solve on a prorated or graded target is exact: the value where the population changes")
    {
        const auto p = small_program(prorated_rules);
        const auto t = table_of(p, rows(true));
        population::solve_goal goal;
        goal.slot = slot_of(p, "g.taux.target");
        goal.name = "g.taux.target";
        goal.amount = cost_with(p, t, goal.slot, std::nullopt, rational(1, 2)) - rational(100);
        auto s = population::solve(p, t, goal);
        REQUIRE(s.met);
        CHECK(s.how == population::solve_result::method::steps);
        REQUIRE(s.other_side.has_value());
        const auto answer_cost = cost_with(p, t, goal.slot, std::nullopt, s.answer.value);
        CHECK(answer_cost == s.answer.population.euros);
        CHECK(answer_cost <= goal.amount);
        CHECK(cost_with(p, t, goal.slot, std::nullopt, s.other_side->value) > goal.amount);
        CHECK(s.other_side->value < s.answer.value);
        // Nothing changes between the two: the answer is the exact boundary.
        CHECK(cost_with(p, t, goal.slot, std::nullopt, (s.answer.value + s.other_side->value) / rational(2)) == answer_cost);
        REQUIRE(s.rounded.has_value());
        CHECK((s.rounded->value * rational(10000)).is_integer());
        CHECK(s.rounded->population.euros <= goal.amount);

        goal.what = population::solve_goal::kind::reach;
        goal.amount = rational(3, 10);
        s = population::solve(p, t, goal);
        REQUIRE(s.met);
        REQUIRE(s.other_side.has_value());
        const auto k = indicator_of(p, "taux");
        CHECK(share_with(p, t, goal.slot, std::nullopt, s.answer.value, k) >= goal.amount);
        CHECK(share_with(p, t, goal.slot, std::nullopt, s.other_side->value, k) < goal.amount);

        // A level that follows the target, on a graded indicator.
        const auto g = small_program(graded_rules);
        const auto tg = table_of(g, rows(false));
        goal = {};
        goal.slot = slot_of(g, "g.taux.target");
        goal.year = 2024;
        goal.name = "g.taux.target@2024";
        goal.amount = cost_with(g, tg, goal.slot, 2024, rational(55, 100)) + rational(10);
        s = population::solve(g, tg, goal);
        REQUIRE(s.met);
        REQUIRE(s.other_side.has_value());
        CHECK(cost_with(g, tg, goal.slot, 2024, s.answer.value) <= goal.amount);
        CHECK(cost_with(g, tg, goal.slot, 2024, s.other_side->value) > goal.amount);
        CHECK(cost_with(g, tg, goal.slot, 2024, (s.answer.value + s.other_side->value) / rational(2)) == cost_with(g, tg, goal.slot, 2024, s.answer.value));
    }

    TEST_CASE("solve on a floor or capped points: exact boundary, or the best value of a grid")
    {
        const auto p = small_program(prorated_rules);
        const auto t = table_of(p, rows(true));
        population::solve_goal goal;
        goal.slot = slot_of(p, "g.taux.above");
        goal.name = "g.taux.above";
        goal.amount = cost_with(p, t, goal.slot, std::nullopt, rational(3, 10));
        auto s = population::solve(p, t, goal);
        REQUIRE(s.met);
        CHECK(cost_with(p, t, goal.slot, std::nullopt, s.answer.value) <= goal.amount);
        if (s.other_side) CHECK(cost_with(p, t, goal.slot, std::nullopt, s.other_side->value) > goal.amount);

        // Points under a cap: cost is not affine in them any more.
        const auto g = small_program(graded_rules);
        const auto tg = table_of(g, rows(false));
        goal = {};
        goal.slot = slot_of(g, "g.autre.points");
        goal.name = "g.autre.points";
        goal.amount = cost_with(g, tg, goal.slot, std::nullopt, rational(20)) + rational(3);
        s = population::solve(g, tg, goal);
        REQUIRE(s.met);
        CHECK(s.how == population::solve_result::method::grid);
        CHECK(cost_with(g, tg, goal.slot, std::nullopt, s.answer.value) <= goal.amount);
        REQUIRE(s.other_side.has_value());
        CHECK(cost_with(g, tg, goal.slot, std::nullopt, s.other_side->value) > goal.amount);
        CHECK(s.other_side->value - s.answer.value == rational(1, 100));
    }

    TEST_CASE("the report counts partial payments and sums what each indicator paid")
    {
        const auto p = small_program(prorated_rules);
        const auto t = table_of(p, rows(true));
        const auto report = population::compute_report(p, t);
        const auto full = population::evaluate_population(p, t);
        for (const auto& section : report.sections) {
            if (!section.year) continue;
            rational points;
            for (std::size_t row = 0; row < t.size(); ++row) {
                if (t.year(row) == *section.year) points = points + full.points[row];
            }
            // No cap: the indicators' points add up to the total.
            CHECK(*section.indicators[0].points + *section.indicators[1].points == points);
            REQUIRE(section.indicators[0].partial.has_value());
            CHECK(*section.indicators[0].partial > 0);
        }
    }

    TEST_CASE("a diff explains a prorata by the share each version pays")
    {
        const auto a = small_program(prorated_rules);
        auto text = prorated_rules;
        text.replace(text.find("target 60 % points 40"), 21, "target 70 % points 40");
        const auto b = small_program(text);
        const population::version va{"A", &a, 2024}, vb{"B", &b, 2024};
        const eval::evaluator ea(a, 2024), eb(b, 2024);
        const std::vector<std::int64_t> inputs{30, 100, 10};
        const auto reasons = population::explain_change(va, ea.payment(), ea.evaluate(inputs), vb, eb.payment(), eb.evaluate(inputs));
        REQUIRE(reasons.size() == 1);
        CHECK(reasons[0].text == "part au prorata de taux : 20 → 17.14 points (cible 60 % → 70 %, taux 30 %)");
        CHECK(reasons[0].euros == (rational(1714, 100) - rational(20)) * rational(7));
    }

    TEST_CASE("settable names of levels and floors, and why a relative one is not")
    {
        const auto dir = temp_folder();
        write_file(dir, "graded.donum", graded_rules);
        write_file(dir, "prorated.donum", prorated_rules);
        auto derived = [&](const std::string& base, const std::string& sets) {
            const auto path = write_file(dir, "derived.donum", "convention d \"D\" extends \"" + base + "\" { }\n" + sets);
            return compile::compile_rules(path, {});
        };
        const auto c = derived("graded.donum", "set g.taux.target3 = 95 %\n");
        CHECK(messages(c.issues) == "error: le seuil du palier 3 de l'indicateur « taux » suit sa cible : réglez g.taux.target (vouliez-vous dire « g.taux.target » ?)\n");
        const auto d = derived("graded.donum", "set g.taux.points4 = 25\n");
        CHECK(messages(d.issues) == "error: l'indicateur « taux » a les paliers 2 à 3, pas 4 (vouliez-vous dire « g.taux.points » ?)\n");
        const auto e = derived("prorated.donum", "set g.progres.above = 10 %\n");
        CHECK(messages(e.issues).starts_with("error: l'indicateur « progres » n'a pas de plancher : seul « points P prorated above F » en a un"));
        const auto f = derived("graded.donum", "set g.taux.points2 = 25\nset g.taux.target2@2024 = 75 %\n");
        REQUIRE_MESSAGE(f.checked.has_value(), messages(f.issues));
        CHECK(f.checked->find_slot("g.taux.points2")->by_year[1] == rational(25));
        CHECK(f.checked->find_slot("g.taux.target2")->by_year[1] == rational(3, 4));
        CHECK(f.checked->find_slot("g.taux.target2")->by_year[0] == rational(7, 10));
    }
}
