// The answers of a live population (see live.hpp): what a change touches, the rows that
// move between classes, and the report from the classes.
#include "interpreter/population/live.hpp"
#include "interpreter/population/live_parts.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>


#include "interpreter/eval/evaluate.hpp"
#include "interpreter/eval/payment.hpp"
#include "interpreter/exact/sum.hpp"
#include "interpreter/messages/messages.hpp"
#include "interpreter/population/dependents.hpp"
#include "interpreter/population/totals.hpp"

namespace donum::population {

using compile::node_id;
using compile::opcode;
using eval::indicator_outcome;
using eval::indicator_result;
using eval::payment_plan;
using eval::value;
using internal::tally;
using internal::window;

using namespace live_internal;

std::vector<live_population::year_plan> live_population::plans_of(const compile::program& changed) const
{
    const auto& p = *m_p;
    const auto n_ind = p.indicators.size();
    std::vector<year_plan> plans(p.years.size());
    for (const auto y : m_present) {
        auto& plan = plans[y];
        const auto& ev = *m_evaluators->of_year(y);
        std::vector<node_id> seeds;
        std::vector<std::size_t> changed_slots;
        for (std::size_t s = 0; s < p.slots.size(); ++s) {
            const auto& now = changed.slots[s].by_year[y];
            if (now == p.slots[s].by_year[y]) continue;
            if (!now) (void)eval::evaluator(changed, p.years[y]);  // throws the year's placeholder_error
            changed_slots.push_back(s);
            seeds.insert(seeds.end(), p.slots[s].readers.begin(), p.slots[s].readers.end());
        }
        if (changed_slots.empty()) continue;
        plan.active = true;
        plan.new_values.reserve(changed_slots.size());
        for (const auto s : changed_slots) {
            plan.new_values.push_back(value::of(*changed.slots[s].by_year[y]));
            if (!p.slots[s].readers.empty()) plan.changes.push_back({p.slots[s].readers, plan.new_values.back()});
        }
        const auto dep = dependents(p, seeds);
        std::vector<std::uint8_t> seed(p.code.size(), 0);
        for (const auto s : seeds) seed[static_cast<std::size_t>(s)] = 1;
        std::vector<std::uint8_t> probe(p.code.size(), 0);
        for (std::size_t i = 0; i < p.code.size(); ++i) {
            if (dep[i] == 0 || seed[i] != 0) continue;
            plan.rerun.push_back(static_cast<node_id>(i));
            for_each_read(p, i, [&](std::size_t a) { probe[a] = dep[a] == 0 ? 1 : probe[a]; });
        }
        for (std::size_t i = 0; i < p.code.size(); ++i) {
            if (probe[i] != 0 && m_column_of[i] >= 0) plan.probe_columns.push_back(static_cast<std::size_t>(m_column_of[i]));
        }
        for (std::size_t k = 0; k < n_ind; ++k) {
            const auto& info = p.indicators[k];
            if (dep[static_cast<std::size_t>(info.condition)] != 0) plan.affected.push_back(k);
            if (info.measured_node && dep[static_cast<std::size_t>(*info.measured_node)] != 0) plan.measure_moved.push_back(k);
        }
        for (std::size_t a = 0; a < m_amount_nodes.size(); ++a) {
            if (dep[static_cast<std::size_t>(m_amount_nodes[a])] != 0) plan.amount_moved.push_back(a);
        }
        // Only the rows between an old and a new target can change when all the re-run
        // reaches is conditions `measured OP target` (a measured value that does not move).
        bool between = plan.measure_moved.empty() && plan.amount_moved.empty();
        for (const auto k : plan.affected) {
            if (!between) break;
            const auto& info = p.indicators[k];
            const auto& c = p.code[static_cast<std::size_t>(info.condition)];
            between = m_indexed[k] && !info.amount_node && compile::comparison_of(c.op) != compile::comparison::none && c.args.size() == 2;
            if (!between) break;
            const auto m = *info.measured_node;
            const auto other = c.args[0] == m ? c.args[1] : c.args[1] == m ? c.args[0] : node_id{-1};
            between = other >= 0 && seed[static_cast<std::size_t>(other)] != 0;
            if (!between) break;
            const auto s = static_cast<std::size_t>(p.code[static_cast<std::size_t>(other)].index);
            const auto& before = ev.slot_value(s);
            const auto& after = *changed.slots[s].by_year[y];
            plan.ranges.push_back({k, {std::min(before, after), std::max(before, after)}});
            plan.tests.push_back({value::of(after), compile::comparison_of(c.op), c.args[0] == m});
            plan.base_tests.push_back({value::of(before), compile::comparison_of(c.op), c.args[0] == m});
        }
        if (!between || plan.ranges.size() != plan.rerun.size()) {
            plan.ranges.clear();
            plan.tests.clear();
            plan.base_tests.clear();
            plan.every_row = !plan.rerun.empty();
        }
        std::vector<std::optional<rational>> values;
        for (const auto& s : changed.slots) values.push_back(s.by_year[y]);
        plan.payment.emplace(changed, p.years[y], values);
        plan.paid_again = !(*plan.payment == ev.payment());
        plan.flips_only = !plan.ranges.empty() && plan.ranges.size() <= 64 && !plan.paid_again;
        for (std::size_t i = 0; i < n_ind; ++i) {
            plan.windows.push_back(internal::near_miss_window(changed, changed.indicators[i], y, m_options.near_miss_margin));
            if (plan.windows.back() != m_windows[y * n_ind + i]) plan.moved_windows.push_back(i);
        }
        // One value that moves amounts only: the point value, one indicator's or one block's points.
        if (plan.paid_again && plan.rerun.empty() && plan.moved_windows.empty() && changed_slots.size() == 1 && p.slots[changed_slots[0]].readers.empty()) {
            const auto s = changed_slots[0];
            std::vector<std::size_t> payers;
            for (std::size_t i = 0; i < n_ind; ++i) {
                if (p.indicators[i].points_slot == s) payers.push_back(i);
            }
            for (std::size_t g = 0; g < p.groups.size(); ++g) {
                if (p.groups[g].block_slot == s) payers.push_back(n_ind + g);
            }
            if (s == p.point_value_slot && uncapped(p)) plan.shift = true;
            else if (payers.size() == 1 && shiftable(p, payers[0])) {
                plan.shift = true;
                plan.shifted = payers[0];
            }
        }
    }
    return plans;
}

std::size_t live_population::near_misses(std::size_t k, std::size_t i, const window& w, const moves& m, const flip_test* test) const
{
    const auto& p = *m_p;
    const auto n_ind = p.indicators.size();
    const auto& class_of = m.class_of.empty() ? m_class_of : m.class_of;
    const auto& base = *m_classes;
    const auto measured = *p.indicators[i].measured_node;
    auto not_met = [&](std::size_t row) {
        // A target moved: the measured value (defined in the window) and the new target say it.
        if (test != nullptr) return !meets(*test, kept(measured, row));
        const auto id = class_of[row];
        const auto& o = id < base.list.size() ? base.outcomes_of(id)[i] : m.made.outcomes_of(id - m.made.first_id)[i];
        return o.outcome == indicator_outcome::not_met;
    };
    std::size_t n = 0;
    if (m_indexed[i]) {
        const auto& rows = m_sorted[k * n_ind + i];
        const auto& column = m_columns[static_cast<std::size_t>(m_column_of[static_cast<std::size_t>(measured)])];
        // The window is a run of the sorted rows: two searches find it, and each row in it
        // costs only the look-up of its outcome.
        const auto lo = value::of(w.low);
        const auto hi = value::of(w.high);
        const auto first = std::partition_point(rows.begin(), rows.end(), [&](std::uint32_t row) {
            const auto c = eval::compare(column[row], lo);
            return w.low_inclusive ? c < 0 : c <= 0;
        });
        const auto last = std::partition_point(first, rows.end(), [&](std::uint32_t row) {
            const auto c = eval::compare(column[row], hi);
            return w.high_inclusive ? c <= 0 : c < 0;
        });
        for (auto it = first; it != last; ++it) n += not_met(*it) ? 1 : 0;
        return n;
    }
    for (std::size_t row = 0; row < m_table->size(); ++row) {
        if (m_section_of[m_table->year_index(row)] != k || !not_met(row)) continue;
        const auto& v = kept(measured, row);
        if (v.defined() && w.contains(v.exact())) ++n;
    }
    return n;
}

live_population::section_answer live_population::answer_section(const compile::program& changed, std::size_t k, const year_plan& plan, const moves& m) const
{
    const auto& p = *m_p;
    const auto& table = *m_table;
    const auto& base = *m_classes;
    const auto n_ind = p.indicators.size();
    section_answer out{m_counts[k], {}, {}, 0};
    out.t.physicians = m_physicians[k];
    amount_counts amounts;
    if (!plan.active) {
        out.t.add(m_payments[k]);
        out.amounts.assign(m_amounts[k].begin(), m_amounts[k].end());
        out.compared = m_compared[k];
        return out;
    }
    auto of = [&](std::uint32_t id) -> std::pair<const class_set*, std::size_t> {
        return id < base.list.size() ? std::pair{&base, std::size_t{id}} : std::pair{&m.made, id - m.made.first_id};
    };

    // The counts: the base's, plus what the rows that moved count in their new class, less
    // what they counted in their old one.
    std::size_t n_counts = 0;
    internal::for_each_count(out.t, [&](std::size_t, std::size_t&) { ++n_counts; });
    std::vector<std::int64_t> added(n_counts, 0);
    for (const auto id : m.changed) {
        const auto [set, local] = of(id);
        const auto d = m.delta(id);
        if (set->list[local].section != k || d == 0) continue;
        for (const auto c : set->counts_of(local)) added[c] += d;
    }
    internal::for_each_count(out.t, [&](std::size_t c, std::size_t& n) { n += static_cast<std::size_t>(added[c]); });
    for (std::size_t i = 0; i < n_ind; ++i) {
        const auto& w = plan.windows[i];
        if (!w) continue;
        const bool moved = std::find(plan.moved_windows.begin(), plan.moved_windows.end(), i) != plan.moved_windows.end();
        if (const auto& counted = m.near_counted[k * n_ind + i]) out.t.near_misses[i] = *counted;
        else if (moved || m.outcome_moved[k * n_ind + i] != 0) out.t.near_misses[i] = near_misses(k, i, *w, m);
    }

    // The payments: every class of the year paid again when the plan changed (with all its
    // rows); otherwise the base's, plus the classes rows joined, less those they left.
    std::vector<std::pair<std::uint32_t, std::int64_t>> work;
    if (plan.paid_again) {
        for (const auto id : m_section_classes[k]) {
            const auto rows = base.list[id].rows + m.delta(id);
            if (rows != 0) work.emplace_back(id, rows);
        }
        for (std::size_t local = 0; local < m.made.list.size(); ++local) {
            const auto id = static_cast<std::uint32_t>(m.made.first_id + local);
            if (m.made.list[local].section == k && m.delta(id) != 0) work.emplace_back(id, m.delta(id));
        }
    }
    else {
        out.t.add(m_payments[k]);
        out.compared = m_compared[k];
        for (const auto id : m.changed) {
            if (of(id).first->list[of(id).second].section == k && m.delta(id) != 0) work.emplace_back(id, m.delta(id));
        }
    }
    struct share {
        tally t;
        amount_counts amounts;
        comparison_sums compared;
        std::size_t touched = 0;
    };
    const auto shares = share_count(work.size(), pass_options{false, 8000});
    std::vector<share> done(shares, share{tally(p.groups.size(), n_ind), {}, {}, 0});
    run_shares(work.size(), shares, [&](std::size_t s, std::size_t begin, std::size_t end) {
        auto& sh = done[s];
        eval::result r;
        r.values.resize(p.code.size());
        for (std::size_t w = begin; w < end; ++w) {
            const auto [id, rows] = work[w];
            const auto [set, local] = of(id);
            const auto& c = set->list[local];
            // A class was counted with the base's plan, or with this answer's (the classes
            // made for it): unless the plan changed, it is paid as it was then, and without
            // computed payments its sums say it all (its outcomes, a cache miss, unread).
            if (plan.paid_again) {
                set->pay_inputs(local, m_amount_nodes, r);
                at_row(table, c.row, [&] { eval::pay(changed, *plan.payment, r); });
            }
            else if (!m_amount_nodes.empty()) {
                set->paid(local, m_amount_nodes, r);
            }
            else {
                set->paid_sums(local, r);
            }
            internal::tally_payment(changed, *plan.payment, r, rows, sh.t);
            sh.amounts[r.euros] += rows;
            if (!m_reference.empty()) sh.compared.add(r.euros, c.reference, rows);
            const auto stayed = set == &base ? c.rows - (id < m.left.size() ? m.left[id] : 0) : 0;
            if (plan.paid_again && stayed > 0 && r.euros != c.euros) sh.touched += static_cast<std::size_t>(stayed);
        }
    });
    for (auto& sh : done) {
        out.t.add(sh.t);
        out.compared.add(sh.compared);
        out.touched += sh.touched;
        for (const auto& [amount, rows] : sh.amounts) amounts[amount] += rows;
    }
    // Paid again, every class was counted with its rows; otherwise only the moves were.
    out.amounts = amounts_after(amounts, plan.paid_again ? nullptr : &m_amounts[k]);
    return out;
}

live_answer live_population::answer(const compile::program& changed) const
{
    const auto& p = *m_p;
    const auto& table = *m_table;
    if (changed.code.size() != p.code.size() || changed.slots.size() != p.slots.size() || changed.indicators.size() != p.indicators.size() || changed.years != p.years) {
        throw std::invalid_argument(messages::tr("live_population: the program is not the base program with other values"));
    }
    const auto plans = plans_of(changed);
    moves m;
    move_rows(changed, plans, m);

    // The sections as compute_report makes them, from the counts of each year.
    live_answer out;
    out.report.data_file = table.file();
    out.report.near_miss_margin = m_options.near_miss_margin;
    tally all(p.groups.size(), p.indicators.size());
    std::map<rational, std::size_t> all_amounts;
    comparison_sums compared;
    std::size_t touched = 0;
    const auto sections = m_present.size();
    for (std::size_t k = 0; k < sections; ++k) {
        const auto& plan = plans[m_present[k]];
        std::optional<section_answer> shifted;
        if (plan.shift) shifted = shift_section(k, plan);
        const auto s = plan.flips_only ? flip_section(changed, k, plan) : shifted ? std::move(*shifted) : answer_section(changed, k, plan, m);
        out.report.sections.push_back(internal::finish(changed, s.t, m_present[k], {}));
        out.report.sections.back().amounts = guard_totals(changed, [&] { return internal::distribution_of_counts(s.amounts); });
        out.report.sections.back().distinct_ids = m_distinct[k];
        all.add(s.t);
        for (const auto& [amount, count] : s.amounts) all_amounts[amount] += count;
        compared.add(s.compared);
        touched += s.touched;
    }
    if (sections != 1) {
        auto s = internal::finish(changed, all, std::nullopt, out.report.sections);
        const std::vector<std::pair<rational, std::size_t>> counts(all_amounts.begin(), all_amounts.end());
        s.amounts = guard_totals(changed, [&] { return internal::distribution_of_counts(counts); });
        s.distinct_ids = m_distinct.back();
        out.report.sections.push_back(std::move(s));
    }
    out.rows_touched = m.moved + touched;
    if (!m_reference.empty()) {
        reference_comparison r;
        r.reference = total(changed, compared.reference);
        r.euros = total(changed, compared.euros);
        r.winners = compared.winners;
        r.losers = compared.losers;
        r.unchanged = compared.unchanged;
        r.gained = total(changed, compared.gained);
        r.lost = total(changed, compared.lost);
        out.comparison = r;
    }
    return out;
}

}  // namespace donum::population
