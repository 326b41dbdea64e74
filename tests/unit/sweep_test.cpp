// Tests of sweeps and solve: every step equals separate full evaluations with the parameter
// set, on the example population; solve's answers are checked with full evaluations too.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "interpreter/compile/driver.hpp"
#include "interpreter/eval/evaluate.hpp"
#include "interpreter/eval/payment.hpp"
#include "interpreter/population/results.hpp"
#include "interpreter/population/sweep.hpp"
#include "interpreter/data/table.hpp"
#include "population_support.hpp"
#include "support.hpp"

using namespace donum;

namespace {

using exact::rational;
using namespace donum::test;

const std::string small_rules = donum::test::header +
                                "input n \"Numérateur\" count\n"
                                "input d \"Dénominateur\" count\n"
                                "group g \"G\" {\n"
                                "  indicator taux \"Taux\" calculated: rate(n, d) COMPARATOR target XX points 10\n"
                                "}\n";

const std::string small_rows = "id,year,n,d\nA,2024,30,97\nB,2024,31,97\nC,2024,1,4\nD,2024,3,4\nE,2024,0,0\n";

compile::program small_with(const std::string& comparator)
{
    auto text = small_rules;
    text.replace(text.find("COMPARATOR"), 10, comparator);
    return small_program(text);
}

}  // namespace

TEST_SUITE("sweep")
{
    TEST_CASE("an evaluator with an overridden slot gives what the program with that value set gives")
    {
        const auto p = forfait();
        const auto t = example_population(p);
        const auto slot = slot_of(p, "volet2.dmp.target");
        const std::pair<std::size_t, rational> dmp{slot, rational(1, 4)};
        const eval::evaluator overridden(p, 2024, std::span<const std::pair<std::size_t, rational>>(&dmp, 1));
        const auto changed = with_value(p, slot, 2024, rational(1, 4));
        const eval::evaluator reference(changed, 2024);
        CHECK(overridden.slot_value(slot) == rational(1, 4));
        std::vector<std::int64_t> inputs(t.input_count());
        for (std::size_t row = 0; row < t.size(); ++row) {
            if (t.year(row) != 2024) continue;
            t.read_row(row, inputs);
            const auto a = overridden.evaluate(inputs);
            const auto b = reference.evaluate(inputs);
            REQUIRE(a.euros == b.euros);
            REQUIRE(a.group_open == b.group_open);
        }
        CHECK_THROWS_AS(eval::evaluator(p, 2024, std::vector<std::pair<std::size_t, rational>>{{p.slots.size(), rational(0)}}), std::invalid_argument);
    }

    TEST_CASE("re-running the nodes that read a slot, then paying, gives the full evaluation")
    {
        const auto p = forfait();
        const auto t = example_population(p);
        const auto slot = slot_of(p, "volet1.teletransmission.target");
        const std::pair<std::size_t, rational> low{slot, rational(1, 2)};
        const std::pair<std::size_t, rational> high{slot, rational(9, 10)};
        const eval::evaluator before(p, 2024, std::span<const std::pair<std::size_t, rational>>(&low, 1));
        const eval::evaluator after(p, 2024, std::span<const std::pair<std::size_t, rational>>(&high, 1));
        // The slot node and every node after it that reads it; the teletransmission
        // indicator is the only one whose outcome can change.
        std::vector<compile::node_id> nodes;
        for (std::size_t i = 0; i < p.code.size(); ++i) {
            const auto& n = p.code[i];
            bool reads = n.op == compile::opcode::slot && n.index == static_cast<std::int32_t>(slot);
            for (const auto a : n.args) reads = reads || std::find(nodes.begin(), nodes.end(), a) != nodes.end();
            if (reads) nodes.push_back(static_cast<compile::node_id>(i));
        }
        REQUIRE(nodes.size() == 2);
        const std::vector<std::size_t> affected{indicator_of(p, "teletransmission")};
        const std::vector<compile::node_id> readers{nodes[0]};
        const std::vector<compile::node_id> dependents{nodes[1]};
        const eval::slot_change change{readers, eval::value::of(rational(9, 10))};
        std::vector<std::int64_t> inputs(t.input_count());
        eval::result r;
        std::size_t changed = 0;
        for (std::size_t row = 0; row < t.size(); ++row) {
            if (t.year(row) != 2024) continue;
            t.read_row(row, inputs);
            before.evaluate(inputs, r);
            const auto euros_before = r.euros;
            // The change is explicit: the evaluator of the old value re-runs with the new one.
            before.rerun(std::span<const eval::slot_change>(&change, 1), dependents, affected, r);
            eval::pay(p, after.payment(), r);
            const auto full = after.evaluate(inputs);
            REQUIRE(r.euros == full.euros);
            REQUIRE(r.points == full.points);
            REQUIRE(r.group_open == full.group_open);
            REQUIRE(r.group_points == full.group_points);
            for (std::size_t i = 0; i < full.values.size(); ++i) {
                REQUIRE(r.values[i].num == full.values[i].num);
                REQUIRE(r.values[i].den == full.values[i].den);
            }
            changed += euros_before == r.euros ? 0 : 1;
        }
        CHECK(changed > 100);  // the target moved enough to change amounts

        const std::span<const eval::slot_change> one(&change, 1);
        std::vector<compile::node_id> backwards{nodes[1], nodes[0]};
        CHECK_THROWS_AS(after.rerun(one, backwards, affected, r), std::invalid_argument);
        eval::result empty;
        CHECK_THROWS_AS(after.rerun(one, dependents, affected, empty), std::invalid_argument);
        CHECK_THROWS_AS(after.rerun(one, dependents, std::vector<std::size_t>{p.indicators.size()}, r), std::invalid_argument);
    }

    TEST_CASE("a target sweep equals separate full evaluations at every value")
    {
        const auto p = forfait();
        const auto t = example_population(p);
        const std::vector<population::sweep_axis> axes{{slot_of(p, "volet2.dmp.target"), std::nullopt, population::range_values(0, 1, rational(1, 20)), "volet2.dmp.target"}};
        check_sweep_matches_full_evaluations(p, t, axes);
    }

    TEST_CASE("only what the parameter changes is evaluated again")
    {
        const auto p = forfait();
        const auto t = example_population(p);
        const std::vector<population::sweep_axis> axes{{slot_of(p, "volet2.dmp.target"), std::nullopt, population::range_values(0, 1, rational(1, 100)), "volet2.dmp.target"}};
        const auto swept = population::run_sweep(p, t, axes);
        CHECK(swept.full_evaluations == t.size());
        // A row is evaluated again only at the step after its DMP rate (its breakpoint).
        CHECK(swept.partial_evaluations <= t.size());
        // A row is paid again only where its DMP outcome flips: at most once per row here.
        CHECK(swept.payments <= t.size());
        CHECK(swept.steps.front().euros > swept.steps.back().euros);
    }

    TEST_CASE("a population large enough to be split across threads gives the same steps")
    {
        const auto p = forfait();
        // Seven copies of the example population under new ids: 42,000 rows, more than one
        // share of rows where the machine has several cores.
        std::ifstream file(donum::test::source_path("examples/population-2023-2024.csv"), std::ios::binary);
        std::string header_line;
        std::getline(file, header_line);
        std::vector<std::string> lines;
        for (std::string line; std::getline(file, line);) lines.push_back(line);
        std::string text = header_line + "\n";
        for (int copy = 0; copy < 7; ++copy) {
            for (const auto& line : lines) text += "C" + std::to_string(copy) + line + "\n";
        }
        const auto t = table_of(p, text);
        REQUIRE(t.size() == 42000);
        const std::vector<population::sweep_axis> axes{{slot_of(p, "volet2.ordonnances.target"), std::nullopt, {rational(0), rational(2, 5), rational(3, 4)}, "volet2.ordonnances.target"}};
        check_sweep_matches_full_evaluations(p, t, axes);  // one share: the callback wants row order
        const auto swept = population::run_sweep(p, t, axes);       // shares on the cores
        for (std::size_t c = 0; c < axes[0].values.size(); ++c) {
            const auto full = evaluate_with(p, t, axes, {axes[0].values[c]});
            check_same_step(swept.steps[c], expected_step(p, t, full, evaluate_with(p, t, axes, {axes[0].values[0]})));
        }
    }

    TEST_CASE("with rows split across threads, the error reported is the first row's")
    {
        const auto p = compiled_program(donum::test::source_path("tests/data/overflow.donum"));
        std::string text = "id,year,k\n";
        for (int i = 0; i < 42000; ++i) text += "M" + std::to_string(i) + ",2024," + (i == 15000 || i == 35000 ? "3000000" : "2") + "\n";
        const auto t = table_of(p, text);
        const std::vector<population::sweep_axis> axes{{slot_of(p, "point_value"), std::nullopt, {rational(7), rational(8)}, "point_value"}};
        try {
            (void)population::run_sweep(p, t, axes);
            FAIL("no error");
        }
        catch (const eval::evaluation_error& e) {
            CHECK(e.id() == "M15000");
        }
        text.replace(text.find("M15000,2024,3000000"), 19, "M15000,2024,2");
        try {
            (void)population::run_sweep(p, table_of(p, text), axes);
            FAIL("no error");
        }
        catch (const eval::evaluation_error& e) {
            CHECK(e.id() == "M35000");
        }
    }

    TEST_CASE("a two-parameter grid equals separate runs, first axis outer")
    {
        const auto p = forfait();
        const auto t = example_population(p);
        const std::vector<population::sweep_axis> axes{
            {slot_of(p, "volet1.teletransmission.target"), std::nullopt, {rational(1, 2), rational(2, 3), rational(9, 10)}, "volet1.teletransmission.target"},
            {slot_of(p, "volet2.dmp.target"), 2024, {rational(1, 10), rational(3, 10), rational(3, 5), rational(1)}, "volet2.dmp.target@2024"}};
        check_sweep_matches_full_evaluations(p, t, axes);
    }

    TEST_CASE("points, block points and point value sweeps equal separate runs")
    {
        const auto p = forfait();
        const auto t = example_population(p);
        for (const auto& axis : std::vector<population::sweep_axis>{
                 {slot_of(p, "volet2.sas.points"), std::nullopt, {rational(200), rational(0), rational(45, 2), rational(250)}, "volet2.sas.points"},
                 {slot_of(p, "volet1.points"), 2023, {rational(280), rational(0), rational(300)}, "volet1.points@2023"},
                 {slot_of(p, "point_value"), std::nullopt, {rational(7), rational(15, 2), rational(1, 100)}, "point_value"}}) {
            CAPTURE(axis.name);
            const auto swept = population::run_sweep(p, t, std::vector<population::sweep_axis>{axis});
            // No node reads a points value or the point value: only the payment is redone.
            CHECK(swept.partial_evaluations == 0);
            check_sweep_matches_full_evaluations(p, t, {axis});
        }
    }

    TEST_CASE("a grid of a target and the point value equals separate runs")
    {
        const auto p = forfait();
        const auto t = example_population(p);
        const std::vector<population::sweep_axis> axes{{slot_of(p, "point_value"), std::nullopt, {rational(7), rational(8)}, "point_value"},
                                               {slot_of(p, "volet2.mss.target"), std::nullopt, {rational(0), rational(1, 20), rational(1, 5)}, "volet2.mss.target"}};
        check_sweep_matches_full_evaluations(p, t, axes);
    }

    TEST_CASE("a sweep for one year leaves the other year's rows unchanged")
    {
        const auto p = forfait();
        const auto t = example_population(p);
        const std::vector<population::sweep_axis> axes{{slot_of(p, "volet2.dmp.target"), 2024, {rational(0), rational(3, 10), rational(9, 10)}, "volet2.dmp.target@2024"}};
        const auto plain = population::evaluate_population(p, t);
        std::size_t rows_2023 = 0;
        const auto swept = population::run_sweep(p, t, axes, [&](std::size_t row, std::span<const rational> euros) {
            if (t.year(row) != 2023) return;
            ++rows_2023;
            for (const auto& e : euros) REQUIRE(e == plain.euros[row]);
        });
        CHECK(rows_2023 == 3000);
        CHECK(swept.full_evaluations == t.size());
        CHECK(swept.partial_evaluations <= 3000);
        check_sweep_matches_full_evaluations(p, t, axes);
    }

    TEST_CASE("a sweep may set a value left XX by the rules")
    {
        const auto p = small_with(">=");
        const auto t = table_of(p, small_rows);
        const auto slot = slot_of(p, "g.taux.target");
        const std::vector<population::sweep_axis> axes{{slot, std::nullopt, {rational(0), rational(31, 97), rational(1)}, "g.taux.target"}};
        const auto swept = population::run_sweep(p, t, axes);
        CHECK(swept.steps[0].euros == rational(280));  // E's rate is undefined: not met
        CHECK(swept.steps[1].euros == rational(140));
        CHECK(swept.steps[2].euros == rational(0));
        CHECK(swept.steps[2].losers == 4);
        CHECK(swept.steps[2].lost == rational(280));
        CHECK(swept.steps[1].mean_euros == rational(28));
        // Without a value for the slot, the year cannot be evaluated.
        CHECK_THROWS_AS((void)population::evaluate_population(p, t), eval::placeholder_error);
    }

    TEST_CASE("solve for a budget returns the lowest target within budget; the next lower one exceeds it")
    {
        const auto p = forfait();
        const auto t = example_population(p);
        const auto slot = slot_of(p, "volet2.dmp.target");
        const auto at_zero = cost_with(p, t, slot, std::nullopt, rational(0));
        const auto at_one = cost_with(p, t, slot, std::nullopt, rational(1));
        population::solve_goal goal;
        goal.slot = slot;
        goal.name = "volet2.dmp.target";
        goal.amount = (at_zero + at_one) / rational(2);
        const auto s = population::solve(p, t, goal);
        REQUIRE(s.met);
        REQUIRE(s.other_side.has_value());
        CHECK(s.how == population::solve_result::method::steps);
        CHECK(s.other_side->value < s.answer.value);
        const auto answer_cost = cost_with(p, t, slot, std::nullopt, s.answer.value);
        const auto other_cost = cost_with(p, t, slot, std::nullopt, s.other_side->value);
        CHECK(answer_cost == s.answer.population.euros);
        CHECK(other_cost == s.other_side->population.euros);
        CHECK(answer_cost <= goal.amount);
        CHECK(other_cost > goal.amount);
        // The two are neighbouring steps: any target strictly between costs what the answer costs.
        CHECK(cost_with(p, t, slot, std::nullopt, (s.answer.value + s.other_side->value) / rational(2)) == answer_cost);
        // The threshold is a DMP rate some physician has, exactly.
        const auto dmp_num = static_cast<std::size_t>(std::find_if(p.inputs.begin(), p.inputs.end(), [](const auto& i) { return i.name == "dmp_num"; }) - p.inputs.begin());
        const auto dmp_den = static_cast<std::size_t>(std::find_if(p.inputs.begin(), p.inputs.end(), [](const auto& i) { return i.name == "dmp_den"; }) - p.inputs.begin());
        bool measured = false;
        for (std::size_t row = 0; row < t.size() && !measured; ++row) {
            measured = t.value(row, dmp_den) > 0 && rational(t.value(row, dmp_num), t.value(row, dmp_den)) == s.answer.value;
        }
        CHECK(measured);
        REQUIRE(s.rounded.has_value());
        CHECK(s.rounded->value >= s.answer.value);
        CHECK(cost_with(p, t, slot, std::nullopt, s.rounded->value) <= goal.amount);
        CHECK((s.rounded->value * rational(10000)).is_integer());
        if (s.friendly) CHECK(cost_with(p, t, slot, std::nullopt, s.friendly->value) == answer_cost);
        CHECK(s.passes <= 8);
    }

    TEST_CASE("solve for a reach returns the highest target that still reaches the share; the next higher misses it")
    {
        const auto p = forfait();
        const auto t = example_population(p);
        const auto slot = slot_of(p, "volet2.dmp.target");
        const auto dmp = indicator_of(p, "dmp");
        population::solve_goal goal;
        goal.slot = slot;
        goal.year = 2024;
        goal.name = "volet2.dmp.target@2024";
        goal.what = population::solve_goal::kind::reach;
        goal.amount = rational(7, 10);
        goal.reach_index = dmp;
        const auto s = population::solve(p, t, goal);
        REQUIRE(s.met);
        REQUIRE(s.other_side.has_value());
        CHECK(s.physicians == 3000);
        CHECK(s.other_side->value > s.answer.value);
        CHECK(share_with(p, t, slot, 2024, s.answer.value, dmp) == s.answer.share);
        CHECK(s.answer.share >= goal.amount);
        CHECK(share_with(p, t, slot, 2024, s.other_side->value, dmp) < goal.amount);
        REQUIRE(s.rounded.has_value());
        CHECK(s.rounded->value <= s.answer.value);
        CHECK(share_with(p, t, slot, 2024, s.rounded->value, dmp) >= goal.amount);
    }

    TEST_CASE("solve for a reach of a gate with a strict comparator")
    {
        const auto p = forfait();
        const auto t = example_population(p);
        const auto slot = slot_of(p, "volet1.teletransmission.target");
        population::solve_goal goal;
        goal.slot = slot;
        goal.name = "volet1.teletransmission.target";
        goal.what = population::solve_goal::kind::reach;
        goal.amount = rational(4, 5);
        goal.reach_of = population::solve_goal::subject::group;
        goal.reach_index = 1;  // volet2: open when every volet 1 indicator is met
        REQUIRE(p.groups[1].id == "volet2");
        const auto s = population::solve(p, t, goal);
        REQUIRE(s.met);
        REQUIRE(s.other_side.has_value());
        auto open_share = [&](const rational& v) {
            const auto r = population::evaluate_population(with_value(p, slot, std::nullopt, v), t);
            std::int64_t open = 0;
            for (std::size_t row = 0; row < t.size(); ++row) open += r.open[row * p.groups.size() + 1];
            return rational(open, static_cast<std::int64_t>(t.size()));
        };
        CHECK(open_share(s.answer.value) == s.answer.share);
        CHECK(s.answer.share >= goal.amount);
        CHECK(open_share(s.other_side->value) < goal.amount);
        CHECK(s.other_side->value > s.answer.value);
    }

    TEST_CASE("solve finds an exact fraction as threshold and a friendly percentage with the same result")
    {
        const auto at_least = small_with(">=");
        const auto t = table_of(at_least, small_rows);
        const auto slot = slot_of(at_least, "g.taux.target");
        population::solve_goal goal;
        goal.slot = slot;
        goal.name = "g.taux.target";
        goal.amount = rational(140);  // two physicians at 70 €
        auto s = population::solve(at_least, t, goal);
        REQUIRE(s.met);
        CHECK(s.candidates == 6);  // 0, 1/4, 30/97, 31/97, 3/4, 1
        CHECK(s.answer.value == rational(31, 97));
        CHECK(s.answer.population.euros == rational(140));
        REQUIRE(s.other_side.has_value());
        CHECK(s.other_side->value == rational(30, 97));
        CHECK(s.other_side->population.euros == rational(210));
        // (30/97, 31/97] all give the same result: 31.95 % is inside, 31.96 % is not.
        REQUIRE(s.friendly.has_value());
        CHECK(s.friendly->value == rational(3195, 10000));
        CHECK(s.friendly->population.euros == rational(140));
        REQUIRE(s.rounded.has_value());
        CHECK(s.rounded->value == rational(3196, 10000));
        CHECK(s.rounded->population.euros == rational(70));

        goal.what = population::solve_goal::kind::reach;
        goal.amount = rational(1, 2);
        s = population::solve(at_least, t, goal);
        REQUIRE(s.met);
        CHECK(s.answer.value == rational(30, 97));
        CHECK(s.answer.reached == 3);
        CHECK(s.answer.share == rational(3, 5));
        CHECK(s.other_side->value == rational(31, 97));
        CHECK(s.other_side->share == rational(2, 5));

        // Strictly above: the steps are [30/97, 31/97): the friendly value rounds up.
        const auto above = small_with(">");
        goal.what = population::solve_goal::kind::budget;
        goal.amount = rational(140);
        s = population::solve(above, table_of(above, small_rows), goal);
        REQUIRE(s.met);
        CHECK(s.answer.value == rational(30, 97));
        CHECK(s.other_side->value == rational(1, 4));
        REQUIRE(s.friendly.has_value());
        CHECK(s.friendly->value == rational(3093, 10000));
    }

    TEST_CASE("solve says when the goal cannot be met and gives the closest value")
    {
        const auto p = small_with(">=");
        const auto t = table_of(p, small_rows);
        population::solve_goal goal;
        goal.slot = slot_of(p, "g.taux.target");
        goal.name = "g.taux.target";
        goal.what = population::solve_goal::kind::reach;
        goal.amount = rational(9, 10);  // E's rate is undefined: at most 4 of 5
        auto s = population::solve(p, t, goal);
        CHECK_FALSE(s.met);
        CHECK(s.answer.value == rational(0));
        CHECK(s.answer.share == rational(4, 5));
        CHECK_FALSE(s.other_side.has_value());

        goal.what = population::solve_goal::kind::budget;
        goal.amount = rational(-1);
        s = population::solve(p, t, goal);
        CHECK_FALSE(s.met);
        CHECK(s.answer.value == rational(1));
        CHECK(s.answer.population.euros == rational(0));
    }

    TEST_CASE("solve for points or the point value is exact: cost is affine in them")
    {
        const auto p = forfait();
        const auto t = example_population(p);
        const auto sas = slot_of(p, "volet2.sas.points");
        population::solve_goal goal;
        goal.slot = sas;
        goal.name = "volet2.sas.points";
        goal.amount = cost_with(p, t, sas, std::nullopt, rational(150)) + rational(1234);
        auto s = population::solve(p, t, goal);
        REQUIRE(s.met);
        CHECK(s.how == population::solve_result::method::affine);
        CHECK(s.answer.population.euros == goal.amount);
        CHECK(cost_with(p, t, sas, std::nullopt, s.answer.value) == goal.amount);
        CHECK(s.answer.value > rational(150));
        REQUIRE(s.below.has_value());
        REQUIRE(s.above.has_value());
        CHECK((s.below->value * rational(2)).is_integer());
        CHECK(s.above->value - s.below->value == rational(1, 2));
        CHECK(cost_with(p, t, sas, std::nullopt, s.below->value) == s.below->population.euros);
        CHECK(s.below->population.euros <= goal.amount);
        CHECK(s.above->population.euros >= goal.amount);

        const auto pv = slot_of(p, "point_value");
        goal.slot = pv;
        goal.year = 2024;
        goal.name = "point_value@2024";
        goal.amount = rational(10000000);
        s = population::solve(p, t, goal);
        REQUIRE(s.met);
        CHECK(cost_with(p, t, pv, 2024, s.answer.value) == goal.amount);
        REQUIRE(s.below.has_value());
        CHECK((s.below->value * rational(100)).is_integer());
        CHECK(cost_with(p, t, pv, 2024, s.below->value) <= goal.amount);
        CHECK(cost_with(p, t, pv, 2024, s.above->value) >= goal.amount);

        goal.what = population::solve_goal::kind::reach;
        goal.amount = rational(1, 2);
        CHECK_THROWS_AS((void)population::solve(p, t, goal), std::invalid_argument);
    }

    TEST_CASE("values outside a parameter's range are refused with its name and the value")
    {
        const auto p = forfait();
        const auto t = example_population(p);
        auto refused = [&](std::size_t slot, const std::string& name, const rational& v) {
            const std::vector<population::sweep_axis> axes{{slot, std::nullopt, {v}, name}};
            try {
                (void)population::run_sweep(p, t, axes);
            }
            catch (const std::invalid_argument& e) {
                return std::string(e.what());
            }
            return std::string("accepted");
        };
        const auto dmp = slot_of(p, "volet2.dmp.target");
        CHECK(refused(dmp, "volet2.dmp.target@2024", rational(3, 2)) == "volet2.dmp.target@2024 ne peut pas valoir 150 % : une cible en taux est comprise entre 0 % et 100 %");
        CHECK(refused(dmp, "volet2.dmp.target", rational(-1, 10)).find("ne peut pas valoir -10 %") != std::string::npos);
        CHECK(refused(slot_of(p, "volet2.sas.points"), "volet2.sas.points", rational(-1)) == "volet2.sas.points ne peut pas valoir -1 : des points ne peuvent pas être négatifs");
        CHECK(refused(slot_of(p, "point_value"), "point_value", rational(0)) == "point_value ne peut pas valoir 0,00 € : la valeur du point doit être supérieure à 0 €");
        CHECK_NOTHROW(population::check_parameter_value(p, slot_of(p, "point_value"), rational(1, 100), "point_value"));
        // A count target is not a rate: 12 is a value like another.
        CHECK(refused(slot_of(p, "volet1.sesam_vitale.target"), "volet1.sesam_vitale.target", rational(12)) == "accepted");

        const population::sweep_axis a{dmp, std::nullopt, {rational(0)}, "volet2.dmp.target"};
        CHECK_THROWS_AS((void)population::run_sweep(p, t, std::vector<population::sweep_axis>{}), std::invalid_argument);
        CHECK_THROWS_AS((void)population::run_sweep(p, t, std::vector<population::sweep_axis>{a, a, a}), std::invalid_argument);
        CHECK_THROWS_AS((void)population::run_sweep(p, t, std::vector<population::sweep_axis>{a, a}), std::invalid_argument);
        auto no_value = a;
        no_value.values.clear();
        CHECK_THROWS_AS((void)population::run_sweep(p, t, std::vector<population::sweep_axis>{no_value}), std::invalid_argument);
        auto bad_year = a;
        bad_year.year = 2019;
        CHECK_THROWS_AS((void)population::run_sweep(p, t, std::vector<population::sweep_axis>{bad_year}), std::invalid_argument);

        population::solve_goal goal;
        goal.slot = dmp;
        goal.what = population::solve_goal::kind::reach;
        goal.amount = rational(3, 2);
        CHECK_THROWS_AS((void)population::solve(p, t, goal), std::invalid_argument);
    }

    TEST_CASE("ranges include both ends, exactly")
    {
        const auto percents = population::range_values(0, 1, rational(1, 100));
        REQUIRE(percents.size() == 101);
        CHECK(percents[37] == rational(37, 100));
        CHECK(percents.back() == rational(1));
        CHECK(population::range_values(0, 1, rational(3, 10)) == std::vector<rational>{0, rational(3, 10), rational(3, 5), rational(9, 10), 1});
        CHECK_THROWS_AS((void)population::range_values(1, 0, rational(1, 10)), std::invalid_argument);
        CHECK_THROWS_AS((void)population::range_values(0, 1, rational(0)), std::invalid_argument);
        CHECK_THROWS_AS((void)population::range_values(0, 1, rational(1, 1000000)), std::invalid_argument);
    }

    TEST_CASE("an overflow stops the sweep with the rule and the row")
    {
        const auto p = compiled_program(donum::test::source_path("tests/data/overflow.donum"));
        auto loaded = data::load_table(donum::test::source_path("tests/data/overflow.csv"), p);
        REQUIRE(loaded.errors.empty());
        const std::vector<population::sweep_axis> axes{{slot_of(p, "point_value"), std::nullopt, {rational(7), rational(8)}, "point_value"}};
        try {
            (void)population::run_sweep(p, loaded.table, axes);
            FAIL("no error");
        }
        catch (const eval::evaluation_error& e) {
            CHECK(e.id() == "B");
            CHECK(e.data_line() == 3);
            CHECK(e.message().find("trop grand") != std::string::npos);
        }
    }
}
