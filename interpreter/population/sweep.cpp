// Sweeps (see sweep.hpp for what is computed and why it is exact).
//
// The per-row loop keeps everything of one row in cache: its full result (the cache the
// steps start from), then for each step the few dependent nodes. A row's contribution to
// the totals changes at few steps (a target crosses the row's rate once), so it is recorded
// as runs: +contribution where a run starts, -contribution where it ends, and the totals of
// every step are the prefix sums. Memory is O(steps), never O(steps x rows).
#include "interpreter/population/sweep.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <map>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>

#include "interpreter/eval/evaluate.hpp"
#include "interpreter/eval/payment.hpp"
#include "interpreter/exact/sum.hpp"
#include "interpreter/population/breakpoints.hpp"
#include "interpreter/population/dependents.hpp"
#include "interpreter/population/runner.hpp"
#include "interpreter/population/totals.hpp"
#include "interpreter/text/fr.hpp"
#include "interpreter/messages/messages.hpp"

namespace donum::population {

using messages::N_;
using messages::tr;
using messages::trf;

using compile::node_id;
using compile::slot;
using eval::evaluator;
using eval::indicator_outcome;
using eval::payment_plan;
using eval::result;
using eval::value;
using exact::exact_sum;

namespace {

constexpr std::size_t max_combinations = 100000;
constexpr std::size_t max_range_values = 100000;

// Totals of one step, or (in the run-length form) their change from the previous step.
struct step_totals {
    std::int64_t rows = 0;
    std::int64_t paid = 0;
    std::int64_t winners = 0;
    std::int64_t losers = 0;
    std::vector<std::int64_t> met;   // by indicator
    std::vector<std::int64_t> open;  // by group
    exact_sum points;
    exact_sum euros;
    exact_sum gained;
    exact_sum lost;

    void add(const step_totals& o)
    {
        rows += o.rows;
        paid += o.paid;
        winners += o.winners;
        losers += o.losers;
        for (std::size_t i = 0; i < met.size(); ++i) met[i] += o.met[i];
        for (std::size_t g = 0; g < open.size(); ++g) open[g] += o.open[g];
        points.add(o.points);
        euros.add(o.euros);
        gained.add(o.gained);
        lost.add(o.lost);
    }
};

// What one row adds to the totals of a step, apart from what no step changes (its row count
// and the outcomes of indicators no axis reaches, counted once).
struct contribution {
    rational points;
    rational euros;
    std::vector<std::uint8_t> open;  // by group
    std::vector<std::uint8_t> met;   // by position in year_plan::affected
    bool operator==(const contribution&) const = default;
};

// What the axes do to the rows of one year.
struct year_plan {
    const evaluator* base = nullptr;         // every active axis at its first value
    std::vector<std::size_t> node_axes;      // active axes read by code nodes
    std::vector<std::size_t> payment_axes;   // active axes that are points or the point value
    std::vector<node_id> rerun;              // dependent nodes, slot nodes of the axes excepted
    std::vector<std::size_t> affected;       // indicators whose condition is dependent
    std::vector<std::uint8_t> is_affected;   // by indicator
    std::vector<payment_plan> payments;      // by payment configuration
    std::vector<const payment_plan*> payment_of_step;  // by step
    std::vector<std::uint8_t> nodes_change;  // by step: a node axis moved since the previous
    bool amounts_follow = false;             // a computed payment (amount_node) is dependent
    bool by_breakpoints = false;             // rows change only at their breakpoints
    std::vector<node_id> read;               // by_breakpoints: the node values it reads
    [[nodiscard]] bool active() const { return !node_axes.empty() || !payment_axes.empty(); }
};

// Everything about the axes that is checked before any row is read.
void check_axes(const program& p, std::span<const sweep_axis> axes)
{
    if (axes.empty() || axes.size() > 2) {
        throw std::invalid_argument(trf("a sweep varies one parameter or a grid of two, not {}", axes.size()));
    }
    std::size_t combinations = 1;
    for (const auto& a : axes) {
        if (a.slot >= p.slots.size()) throw std::invalid_argument(trf("{}: no such parameter in convention {}", a.name, p.id));
        if (a.year && !p.year_index(*a.year)) {
            throw std::invalid_argument(trf("{}: {} is not a year of convention {} (years: {})", a.name, *a.year, p.id, fmt::join(p.years, ", ")));
        }
        if (a.values.empty()) throw std::invalid_argument(trf("{}: no value to sweep", a.name));
        for (const auto& v : a.values) check_parameter_value(p, a.slot, v, a.name);
        combinations *= a.values.size();
        if (combinations > max_combinations) {
            throw std::invalid_argument(trf("a sweep has at most {} combinations of values", max_combinations));
        }
    }
    if (axes.size() == 2 && axes[0].slot == axes[1].slot && (!axes[0].year || !axes[1].year || *axes[0].year == *axes[1].year)) {
        throw std::invalid_argument(trf("{} and {} set the same value: sweep it once", axes[0].name, axes[1].name));
    }
}

// Where the rows of a sweep come from: a table (contiguous shares on the cores, or one share
// in order for a per-row callback), or a file read during the pass (its parts evaluated on
// the cores that read them, as eval does: no table), whose findings go to `pass`.
struct rows_source {
    const data_table* table = nullptr;
    const file_rows* file = nullptr;
    file_pass_result* pass = nullptr;
};

// The sweep proper. `only_year`: count only the rows of that year (solve with @year).
sweep_result sweep_rows(const program& p, const rows_source& source, std::span<const sweep_axis> axes, const sweep_row_callback* on_row, std::optional<std::size_t> only_year)
{
    check_axes(p, axes);
    const auto n_ind = p.indicators.size();
    const auto n_grp = p.groups.size();
    const std::size_t n_axes = axes.size();
    const std::size_t second = n_axes == 2 ? axes[1].values.size() : 1;
    const std::size_t steps = axes[0].values.size() * second;
    // Value index of axis a at step c: row-major, the first axis outer. Tabulated: the
    // inner loop runs once per row and step, a division there would cost a tenth of it.
    std::vector<std::array<std::uint32_t, 2>> indexes(steps);
    for (std::size_t c = 0; c < steps; ++c) indexes[c] = {static_cast<std::uint32_t>(c / second), static_cast<std::uint32_t>(c % second)};
    auto index_of = [&](std::size_t c, std::size_t a) -> std::size_t { return indexes[c][a]; };
    auto applies = [&](std::size_t a, int year) { return !axes[a].year || *axes[a].year == year; };
    // A single axis of ascending values may go from breakpoint to breakpoint. Its breakpoints
    // are taken from one step below the first value, so that one at the first value is seen.
    const auto& swept = axes[0].values;
    std::optional<rational> below_first;
    if (n_axes == 1 && steps > 1 && std::adjacent_find(swept.begin(), swept.end(), [](const rational& a, const rational& b) { return a >= b; }) == swept.end()) {
        try {
            below_first = swept[0] - (swept[1] - swept[0]);
        }
        catch (const exact::overflow_error&) {
            below_first.reset();
        }
    }

    std::array<std::vector<node_id>, 2> nodes_of;
    std::array<bool, 2> pays{};
    std::array<std::vector<value>, 2> axis_values;
    for (std::size_t a = 0; a < n_axes; ++a) {
        nodes_of[a] = p.slots[axes[a].slot].readers;
        pays[a] = p.slots[axes[a].slot].is_payment();
        for (const auto& v : axes[a].values) axis_values[a].push_back(value::of(v));
    }

    // One evaluator per year, every axis at its first value; the XX of every year present
    // are reported together (for a file, once its years are known).
    const year_evaluators evaluators(
        p,
        [&](int year) {
            std::vector<eval::slot_override> first;
            for (std::size_t a = 0; a < n_axes; ++a) {
                if (applies(a, year)) first.emplace_back(axes[a].slot, axes[a].values.front());
            }
            return first;
        },
        only_year);
    if (source.table != nullptr) evaluators.check(source.table->year_indexes());

    std::vector<year_plan> plans(p.years.size());
    for (std::size_t y = 0; y < p.years.size(); ++y) {
        auto& plan = plans[y];
        plan.base = evaluators.of_year(y);
        if (plan.base == nullptr) continue;
        const int year = p.years[y];
        std::vector<node_id> seeds;
        for (std::size_t a = 0; a < n_axes; ++a) {
            if (!applies(a, year)) continue;
            if (!nodes_of[a].empty()) {
                plan.node_axes.push_back(a);
                seeds.insert(seeds.end(), nodes_of[a].begin(), nodes_of[a].end());
            }
            if (pays[a]) plan.payment_axes.push_back(a);
        }
        const auto dep = dependents(p, seeds);
        for (std::size_t i = 0; i < dep.size(); ++i) {
            if (dep[i] != 0 && std::find(seeds.begin(), seeds.end(), static_cast<node_id>(i)) == seeds.end()) plan.rerun.push_back(static_cast<node_id>(i));
        }
        plan.is_affected.assign(n_ind, 0);
        plan.amounts_follow = std::any_of(p.indicators.begin(), p.indicators.end(), [&](const compile::indicator_info& i) { return i.amount_node && dep[static_cast<std::size_t>(*i.amount_node)] != 0; });
        for (std::size_t k = 0; k < n_ind; ++k) {
            if (dep[static_cast<std::size_t>(p.indicators[k].condition)] != 0) {
                plan.affected.push_back(k);
                plan.is_affected[k] = 1;
            }
        }
        plan.by_breakpoints = below_first && plan.node_axes.size() == 1 && plan.payment_axes.empty() && changes_at_breakpoints(p, axes[0].slot, dep, plan.rerun);
        if (plan.by_breakpoints) plan.read = nodes_read(p, axes[0].slot, dep, plan.rerun);
        plan.nodes_change.assign(steps, 0);
        for (std::size_t c = 1; c < steps; ++c) {
            plan.nodes_change[c] = std::any_of(plan.node_axes.begin(), plan.node_axes.end(), [&](std::size_t a) { return index_of(c, a) != index_of(c - 1, a); }) ? 1 : 0;
        }
        // One payment plan per configuration of the payment axes (their values change only
        // the points and the point value, never a code node).
        std::map<std::vector<std::size_t>, std::size_t> by_config;
        std::vector<std::size_t> config_of_step(steps);
        for (std::size_t c = 0; c < steps; ++c) {
            std::vector<std::size_t> config;
            for (const auto a : plan.payment_axes) config.push_back(index_of(c, a));
            const auto [it, added] = by_config.emplace(config, plan.payments.size());
            if (added) {
                std::vector<std::optional<rational>> values(plan.base->slot_values().begin(), plan.base->slot_values().end());
                for (std::size_t j = 0; j < config.size(); ++j) values[axes[plan.payment_axes[j]].slot] = axes[plan.payment_axes[j]].values[config[j]];
                plan.payments.emplace_back(p, year, values);
            }
            config_of_step[c] = it->second;
        }
        // Pointers last: plan.payments no longer grows.
        for (std::size_t c = 0; c < steps; ++c) plan.payment_of_step.push_back(&plan.payments[config_of_step[c]]);
    }

    step_totals empty;
    empty.met.assign(n_ind, 0);
    empty.open.assign(n_grp, 0);

    // A share of the rows, evaluated by one thread into its own totals.
    struct share {
        std::vector<step_totals> changes;  // changes[c]: totals(c) - totals(c - 1)
        std::size_t full = 0;
        std::size_t partial = 0;
        std::size_t payments = 0;
        result r;
        std::vector<rational> row_euros;
        contribution current;
        contribution next;
        std::vector<indicator_outcome> outcomes;
        std::vector<eval::slot_change> changes_of_step;
        std::vector<rational> breakpoints;  // of the row, by_breakpoints
        std::vector<std::size_t> visits;    // the steps where the row may change
    };

    auto run_row = [&](share& w, const row_batch& batch, std::size_t i) {
        const auto y = batch.year_index(i);
        if (only_year && y != *only_year) return;
        const auto& plan = plans[y];
        if (plan.base == nullptr) return;  // blocked: reported with the file's years
        const evaluator& base = *plan.base;
        auto& changes = w.changes;
        auto& r = w.r;
        // The full evaluation gives every node value, which the steps re-run from; the short
        // path and a row no axis reaches need far fewer (the amounts' integer conditions).
        const rational first = [&] {
            const auto inputs = batch.values(i);
            if (plan.by_breakpoints) {
                base.evaluate_amounts(inputs, r);
                base.compute_nodes(inputs, plan.read, r);
            }
            else if (!plan.active()) {
                base.evaluate_amounts(inputs, r);
            }
            else {
                base.evaluate(inputs, r);
            }
            return r.euros;
        }();

        auto apply = [&](step_totals& t, const contribution& c, int sign) {
            t.paid += c.euros.num() > 0 ? sign : 0;  // a rational's denominator is positive
            for (std::size_t g = 0; g < n_grp; ++g) t.open[g] += c.open[g] != 0 ? sign : 0;
            for (std::size_t j = 0; j < plan.affected.size(); ++j) t.met[plan.affected[j]] += c.met[j] != 0 ? sign : 0;
            t.points.add(c.points, sign);
            t.euros.add(c.euros, sign);
            const auto order = c.euros <=> first;
            if (order > 0) {
                t.winners += sign;
                t.gained.add(c.euros, sign);
                t.gained.add(first, -sign);
            }
            else if (order < 0) {
                t.losers += sign;
                t.lost.add(first, sign);
                t.lost.add(c.euros, -sign);
            }
        };
        // The row contributes `c` to the steps [begin, end).
        auto record = [&](std::size_t begin, std::size_t end, const contribution& c) {
            apply(changes[begin], c, 1);
            if (end < steps) apply(changes[end], c, -1);
            if (!w.row_euros.empty()) std::fill(w.row_euros.begin() + static_cast<std::ptrdiff_t>(begin), w.row_euros.begin() + static_cast<std::ptrdiff_t>(end), c.euros);
        };
        auto capture = [&](contribution& c) {
            c.points = r.points;
            c.euros = r.euros;
            c.open.resize(n_grp);
            for (std::size_t g = 0; g < n_grp; ++g) c.open[g] = r.group_open[g] ? 1 : 0;
            c.met.resize(plan.affected.size());
            for (std::size_t j = 0; j < plan.affected.size(); ++j) c.met[j] = r.indicators[plan.affected[j]].outcome == indicator_outcome::met ? 1 : 0;
        };

        ++w.full;
        changes[0].rows += 1;
        for (std::size_t k = 0; k < n_ind; ++k) {
            if (plan.is_affected[k] == 0 && r.indicators[k].outcome == indicator_outcome::met) changes[0].met[k] += 1;
        }
        capture(w.current);
        if (!plan.active()) {
            record(0, steps, w.current);
        }
        else {
            w.outcomes.resize(plan.affected.size());
            for (std::size_t j = 0; j < plan.affected.size(); ++j) w.outcomes[j] = r.indicators[plan.affected[j]].outcome;
            const payment_plan* last_payment = plan.payment_of_step[0];
            std::size_t run_begin = 0;
            // The row at step c, recorded when its contribution changed.
            auto visit = [&](std::size_t c) {
                bool outcome_changed = false;
                if (plan.nodes_change[c] != 0) {
                    w.changes_of_step.clear();
                    for (const auto a : plan.node_axes) w.changes_of_step.push_back({nodes_of[a], axis_values[a][index_of(c, a)]});
                    base.rerun(w.changes_of_step, plan.rerun, plan.affected, r);
                    ++w.partial;
                    for (std::size_t j = 0; j < plan.affected.size(); ++j) {
                        const auto o = r.indicators[plan.affected[j]].outcome;
                        if (o != w.outcomes[j]) {
                            w.outcomes[j] = o;
                            outcome_changed = true;
                        }
                    }
                }
                const payment_plan* payment = plan.payment_of_step[c];
                // A graded or prorated amount may move without any outcome changing.
                const bool amounts_moved = plan.amounts_follow && plan.nodes_change[c] != 0;
                if (!outcome_changed && !amounts_moved && payment == last_payment) return;
                eval::pay(p, *payment, r);
                ++w.payments;
                last_payment = payment;
                capture(w.next);
                if (w.next == w.current) return;
                record(run_begin, c, w.current);
                std::swap(w.current, w.next);
                run_begin = c;
            };
            // Between two breakpoints the row's contribution is constant (what it gets is
            // constant on each (b_i, b_i+1]): it can differ from the previous step's only
            // at the first step above a breakpoint. Those steps alone are evaluated, in order,
            // so that an error is the one the full path meets first.
            w.breakpoints.clear();
            if (plan.by_breakpoints && add_breakpoints(p, axes[0].slot, base, r, *below_first, swept.back(), w.breakpoints)) {
                w.visits.clear();
                for (const auto& b : w.breakpoints) {
                    if (b >= swept.front() && b < swept.back()) w.visits.push_back(static_cast<std::size_t>(std::upper_bound(swept.begin(), swept.end(), b) - swept.begin()));
                }
                std::sort(w.visits.begin(), w.visits.end());
                w.visits.erase(std::unique(w.visits.begin(), w.visits.end()), w.visits.end());
                for (const auto c : w.visits) visit(c);
            }
            else {
                for (std::size_t c = 1; c < steps; ++c) visit(c);
            }
            record(run_begin, steps, w.current);
        }
        if (!w.row_euros.empty()) (*on_row)(batch.first_row() + i, w.row_euros);
    };

    // Rows are independent: shares (a table's) or parts (a file's) on the cores, folded in
    // row order into one (the sums are exact, so the totals do not depend on the split). The
    // per-row callback wants row order on the calling thread: one share then.
    const bool with_callback = on_row != nullptr && *on_row;
    auto make = [&] {
        share w;
        w.changes.assign(steps, empty);
        if (with_callback) w.row_euros.resize(steps);
        return w;
    };
    std::optional<share> all;
    auto fold = [&](share&& w) {
        if (!all) {
            all.emplace(std::move(w));
            return;
        }
        all->full += w.full;
        all->partial += w.partial;
        all->payments += w.payments;
        for (std::size_t c = 0; c < steps; ++c) all->changes[c].add(w.changes[c]);
    };
    if (source.table != nullptr) {
        pass_options options;
        options.in_order = with_callback;
        for_each_batch<share>(*source.table, make, run_row, fold, options);
    }
    else {
        auto [loaded, failure] = detail::read_and_work<share>(*source.file, make, run_row, fold);
        auto& pass = *source.pass;
        pass = {std::move(loaded), nullptr};
        if (!rows_usable(pass.loaded, source.file->allow_rejected)) return {};
        try {
            evaluators.check(pass.loaded.year_indexes);
        }
        catch (const eval::placeholder_error&) {
            pass.error = std::current_exception();
            return {};
        }
        pass.error = failure;
        if (failure) return {};
    }
    if (!all) all.emplace(make());

    sweep_result out;
    out.full_evaluations = all->full;
    out.partial_evaluations = all->partial;
    out.payments = all->payments;
    const auto& changes = all->changes;

    // Prefix sums: the totals of each step.
    step_totals running = empty;
    out.steps.reserve(steps);
    for (std::size_t c = 0; c < steps; ++c) {
        running.add(changes[c]);
        sweep_step s;
        for (std::size_t a = 0; a < n_axes; ++a) s.values.push_back(axes[a].values[index_of(c, a)]);
        s.physicians = static_cast<std::size_t>(running.rows);
        s.paid = static_cast<std::size_t>(running.paid);
        for (const auto m : running.met) s.indicator_met.push_back(static_cast<std::size_t>(m));
        for (const auto o : running.open) s.group_open.push_back(static_cast<std::size_t>(o));
        s.points = total(p, running.points);
        s.euros = total(p, running.euros);
        s.mean_euros = guard_totals(p, [&] { return s.physicians == 0 ? rational(0) : s.euros / rational(static_cast<std::int64_t>(s.physicians)); });
        s.winners = static_cast<std::size_t>(running.winners);
        s.losers = static_cast<std::size_t>(running.losers);
        s.gained = total(p, running.gained);
        s.lost = total(p, running.lost);
        out.steps.push_back(std::move(s));
    }
    return out;
}

}  // namespace

void check_parameter_value(const program& p, std::size_t slot, const rational& v, std::string_view name)
{
    if (slot >= p.slots.size()) throw std::invalid_argument(trf("{}: no such parameter in convention {}", name, p.id));
    const auto& s = p.slots[slot];
    // compile::check_slot_value decides; the command line words it with the parameter's name.
    if (!compile::check_slot_value(s, v)) return;
    const char* rule = tr(s.is_threshold() ? N_("a rate target lies between 0 % and 100 %") : s.path.what == slot::kind::point_value ? N_("the point value must be above 0 €") : N_("points cannot be negative"));
    throw std::invalid_argument(trf("{} cannot be {}: {}", name, text::slot_value(s, v), rule));
}

std::vector<rational> range_values(const rational& from, const rational& to, const rational& step)
{
    if (step <= rational(0)) throw std::invalid_argument(trf("the step of a range must be above 0, not {}", step.to_string()));
    if (from > to) throw std::invalid_argument(trf("a range goes up: {} is above {}", from.to_string(), to.to_string()));
    std::vector<rational> out;
    try {
        const auto count = (to - from) / step;
        const auto whole = exact::floor_div(count.num(), count.den());
        if (whole >= static_cast<exact::i128>(max_range_values)) throw std::invalid_argument(trf("a range has at most {} values", max_range_values));
        for (std::int64_t k = 0; k <= static_cast<std::int64_t>(whole); ++k) out.push_back(from + step * rational(k));
    }
    catch (const exact::overflow_error&) {
        throw std::invalid_argument(tr("this range is too fine for exact arithmetic (beyond 64 bits)"));
    }
    if (out.back() != to) out.push_back(to);
    return out;
}

sweep_figures figures_of(const program& p, std::span<const sweep_axis> axes)
{
    sweep_figures out;
    if (!axes.empty()) {
        const auto& s = p.slots[axes.front().slot];
        if (s.path.what != slot::kind::block_points && s.path.what != slot::kind::cap && s.path.what != slot::kind::point_value) out.subject = s.owner;
    }
    for (std::size_t g = 0; g < p.groups.size(); ++g) {
        if (!p.groups[g].gate.empty()) out.gated_groups.push_back(g);
    }
    return out;
}

sweep_result run_sweep(const program& p, const data_table& table, std::span<const sweep_axis> axes, const sweep_row_callback& on_row)
{
    return sweep_rows(p, {&table, nullptr, nullptr}, axes, on_row ? &on_row : nullptr, std::nullopt);
}

sweep_result run_sweep_of_year(const program& p, const data_table& table, std::span<const sweep_axis> axes, std::optional<std::size_t> only_year)
{
    return sweep_rows(p, {&table, nullptr, nullptr}, axes, nullptr, only_year);
}

sweep_file_result run_sweep(const program& p, const file_rows& source, std::span<const sweep_axis> axes)
{
    sweep_file_result out;
    try {
        out.sweep = sweep_rows(p, {nullptr, &source, &out.pass}, axes, nullptr, std::nullopt);
    }
    catch (const eval::evaluation_error&) {
        // A total beyond 64 bits, met once every row was read: reported after the data too.
        out.pass.error = std::current_exception();
    }
    return out;
}

}  // namespace donum::population
