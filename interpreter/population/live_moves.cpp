// The rows of a live population (see live.hpp) that a change moves to other classes: re-run
// from their kept values, or, when the change is only targets compared with measured values,
// decided by one comparison each and moved to their class with that outcome flipped.
#include "interpreter/population/live.hpp"
#include "interpreter/population/live_parts.hpp"

#include <algorithm>
#include <limits>
#include <unordered_map>
#include <utility>

#include "interpreter/eval/evaluate.hpp"
#include "interpreter/eval/payment.hpp"

namespace donum::population {

using compile::node_id;
using eval::indicator_outcome;
using eval::indicator_result;
using eval::value;
using internal::tally;

using namespace live_internal;

void live_population::move_rows(const compile::program& changed, const std::vector<year_plan>& plans, moves& m) const
{
    const auto& p = *m_p;
    const auto& table = *m_table;
    const auto& base = *m_classes;
    const auto n_ind = p.indicators.size();
    m.made.first_id = base.list.size();
    m.made.indicators = n_ind;
    m.made.amounts = m_amount_nodes.size();
    m.made.groups = p.groups.size();
    m.outcome_moved.assign(m_present.size() * n_ind, 0);
    m.near_counted.assign(m_present.size() * n_ind, std::nullopt);
    const bool any = std::any_of(m_present.begin(), m_present.end(), [&](std::size_t y) { return plans[y].every_row || (!plans[y].ranges.empty() && !plans[y].flips_only); });
    if (!any) return;

    // Each row that may change is re-run; one whose class changes is recorded with the class
    // it goes to: one of the base, or one made for this answer (counted after the moves).
    std::vector<row_move> moved;
    eval::result r;
    r.indicators.resize(n_ind);
    std::vector<indicator_result> outcomes;
    std::vector<value> amounts;
    std::unordered_map<std::uint64_t, std::uint32_t> memo;
    for (const auto y : m_present) {
        const auto& plan = plans[y];
        if ((!plan.every_row && plan.ranges.empty()) || plan.flips_only) continue;
        const auto k = m_section_of[y];
        const auto& ev = *m_evaluators->of_year(y);
        r.values = m_fixed[y];
        memo.clear();
        for (const auto i : plan.measure_moved) {
            if (plan.windows[i]) m.near_counted[k * n_ind + i] = 0;
        }
        // The class a row goes to, by its class and its new outcomes, when that says it all.
        const bool memoable = plan.amount_moved.empty() && plan.affected.size() <= 8;
        auto visit = [&](std::size_t row) {
            const auto c = m_class_of[row];
            for (const auto col : plan.probe_columns) r.values[static_cast<std::size_t>(m_kept[col])] = m_columns[col][row];
            const auto was = base.outcomes_of(c);
            ev.rerun(plan.changes, plan.rerun, plan.affected, r);
            for (const auto i : plan.measure_moved) {
                const auto& w = plan.windows[i];
                const auto& v = r.values[static_cast<std::size_t>(*p.indicators[i].measured_node)];
                if (w && r.indicators[i].outcome == indicator_outcome::not_met && v.defined() && w->contains(v.exact())) ++*m.near_counted[k * n_ind + i];
            }
            const auto was_amounts = base.amounts_of(c);
            bool kept_class = true;
            for (const auto i : plan.affected) kept_class = kept_class && same(r.indicators[i], was[i]);
            for (const auto a : plan.amount_moved) kept_class = kept_class && same(r.values[static_cast<std::size_t>(m_amount_nodes[a])], was_amounts[a]);
            if (kept_class) return;
            for (const auto i : plan.affected) {
                if (r.indicators[i].outcome != was[i].outcome) m.outcome_moved[k * n_ind + i] = 1;
            }
            std::uint64_t code = c;
            for (const auto i : plan.affected) code = code << 3 | static_cast<std::uint64_t>(r.indicators[i].outcome) << 1 | static_cast<std::uint64_t>(r.indicators[i].undefined);
            if (memoable) {
                if (const auto hit = memo.find(code); hit != memo.end()) {
                    moved.push_back({static_cast<std::uint32_t>(row), c, hit->second});
                    return;
                }
            }
            outcomes.assign(was.begin(), was.end());
            for (const auto i : plan.affected) outcomes[i] = r.indicators[i];
            amounts.assign(was_amounts.begin(), was_amounts.end());
            for (const auto a : plan.amount_moved) amounts[a] = r.values[static_cast<std::size_t>(m_amount_nodes[a])];
            const auto* ref = m_reference.empty() ? nullptr : &base.list[c].reference;
            const auto print = fingerprint(k, outcomes, amounts, ref);
            std::uint32_t to = 0;
            if (const auto found = base.find(print, k, outcomes, amounts, ref)) {
                to = static_cast<std::uint32_t>(*found);
            }
            else if (const auto made = m.made.find(print, k, outcomes, amounts, ref)) {
                to = static_cast<std::uint32_t>(m.made.first_id + *made);
            }
            else {
                to = static_cast<std::uint32_t>(m.made.first_id + m.made.add(print, k, row, outcomes, amounts, ref));
            }
            if (memoable) memo.emplace(code, to);
            moved.push_back({static_cast<std::uint32_t>(row), c, to});
        };
        auto visit_at = [&](std::size_t row) { at_row(table, row, [&] { visit(row); }); };
        if (plan.every_row) {
            for (std::size_t row = 0; row < table.size(); ++row) {
                if (table.year_index(row) == y) visit_at(row);
            }
            continue;
        }
        flip_rows(plan, y, m, moved);
    }

    // The classes made: what their rows count, on both cores.
    auto& made = m.made;
    for (const auto& mv : moved) {
        if (mv.to < made.first_id) continue;
        auto& rep = made.list[mv.to - made.first_id].row;
        rep = std::min<std::size_t>(rep, mv.row);
    }
    const auto shares = share_count(made.list.size(), pass_options{false, 4000});
    std::vector<std::vector<std::uint32_t>> counts(shares);
    std::vector<std::vector<std::uint32_t>> ends(shares);
    run_shares(made.list.size(), shares, [&](std::size_t s, std::size_t begin, std::size_t end) {
        eval::result scratch;
        scratch.values.resize(p.code.size());
        tally counted(p.groups.size(), n_ind);
        std::vector<std::size_t> blamed;
        for (std::size_t local = begin; local < end; ++local) {
            auto& c = made.list[local];
            at_row(table, c.row, [&] { c.euros = made.count(local, changed, *plans[m_present[c.section]].payment, m_amount_nodes, scratch, counted, blamed, counts[s]); });
            ends[s].push_back(static_cast<std::uint32_t>(counts[s].size()));
        }
    });
    for (std::size_t s = 0; s < shares; ++s) {
        const auto offset = static_cast<std::uint32_t>(made.counts.size());
        made.counts.insert(made.counts.end(), counts[s].begin(), counts[s].end());
        for (const auto e : ends[s]) made.count_first.push_back(offset + e);
    }

    m.class_of = m_class_of;
    m.joined.assign(base.list.size() + made.list.size(), 0);
    m.left.assign(base.list.size() + made.list.size(), 0);
    for (const auto& mv : moved) {
        m.class_of[mv.row] = mv.to;
        for (const auto& [id, in] : {std::pair{mv.from, false}, std::pair{mv.to, true}}) {
            if (m.joined[id] == 0 && m.left[id] == 0) m.changed.push_back(id);
            ++(in ? m.joined[id] : m.left[id]);
        }
    }
    m.moved = moved.size();
}

void live_population::collect_flips(const year_plan& plan, std::size_t k, std::vector<std::pair<std::uint32_t, std::uint32_t>>& flips, std::vector<std::uint8_t>& outcome_moved) const
{
    const auto& p = *m_p;
    const auto& base = *m_classes;
    const auto n_ind = p.indicators.size();
    // The rows sorted by measured value give a range as one run, and the measured value with
    // the new target decides each row's outcome.
    for (std::size_t r = 0; r < plan.ranges.size(); ++r) {
        const auto& [i, range] = plan.ranges[r];
        const auto& rows = m_sorted[k * n_ind + i];
        const auto& column = m_columns[static_cast<std::size_t>(m_column_of[static_cast<std::size_t>(*p.indicators[i].measured_node)])];
        const auto lo = value::of(range.first);
        const auto hi = value::of(range.second);
        const auto first = std::partition_point(rows.begin(), rows.end(), [&](std::uint32_t row) { return eval::compare(column[row], lo) < 0; });
        const auto last = std::partition_point(first, rows.end(), [&](std::uint32_t row) { return eval::compare(column[row], hi) <= 0; });
        const auto before = flips.size();
        for (auto it = first; it != last; ++it) {
            const indicator_result now{meets(plan.tests[r], column[*it]) ? indicator_outcome::met : indicator_outcome::not_met, false};
            if (!same(now, base.outcomes_of(m_class_of[*it])[i])) flips.emplace_back(*it, static_cast<std::uint32_t>(r));
        }
        if (flips.size() != before) outcome_moved[k * n_ind + i] = 1;
    }
}

void live_population::flip_rows(const year_plan& plan, std::size_t y, moves& m, std::vector<row_move>& moved) const
{
    const auto& base = *m_classes;
    const auto k = m_section_of[y];
    std::vector<std::pair<std::uint32_t, std::uint32_t>> flips;  // row, range
    collect_flips(plan, k, flips, m.outcome_moved);
    if (flips.empty()) return;
    // A row's new class: its class with the outcomes of its ranges flipped (a measured value
    // defined, the outcome was met or not met, never undefined), found or made once for each
    // class and set of ranges.
    std::vector<indicator_result> outcomes;
    auto class_for = [&](std::uint32_t c, std::span<const std::pair<std::uint32_t, std::uint32_t>> of_row) {
        const auto was = base.outcomes_of(c);
        outcomes.assign(was.begin(), was.end());
        for (const auto& f : of_row) {
            auto& o = outcomes[plan.ranges[f.second].first];
            o = {o.outcome == indicator_outcome::met ? indicator_outcome::not_met : indicator_outcome::met, false};
        }
        const auto amounts = base.amounts_of(c);
        const auto* ref = m_reference.empty() ? nullptr : &base.list[c].reference;
        const auto print = fingerprint(k, outcomes, amounts, ref);
        if (const auto found = base.find(print, k, outcomes, amounts, ref)) return static_cast<std::uint32_t>(*found);
        if (const auto made = m.made.find(print, k, outcomes, amounts, ref)) return static_cast<std::uint32_t>(m.made.first_id + *made);
        return static_cast<std::uint32_t>(m.made.first_id + m.made.add(print, k, of_row.front().first, outcomes, amounts, ref));
    };
    constexpr auto none = std::numeric_limits<std::uint32_t>::max();
    if (plan.ranges.size() == 1) {
        // One range: one flip per row, remembered by class.
        std::vector<std::uint32_t> memo(base.list.size(), none);
        for (const auto& f : flips) {
            const auto c = m_class_of[f.first];
            if (memo[c] == none) memo[c] = class_for(c, std::span(&f, 1));
            moved.push_back({f.first, c, memo[c]});
        }
        return;
    }
    // Several ranges: the flips of each row together, remembered by class and set of ranges.
    std::sort(flips.begin(), flips.end());
    std::unordered_map<std::uint64_t, std::uint32_t> memo;
    const bool memoable = plan.ranges.size() <= 24;
    for (std::size_t at = 0; at < flips.size();) {
        auto end = at;
        std::uint64_t mask = 0;
        for (; end < flips.size() && flips[end].first == flips[at].first; ++end) mask |= memoable ? std::uint64_t{1} << flips[end].second : 0;
        const auto row = flips[at].first;
        const auto c = m_class_of[row];
        const std::span of_row(flips.data() + at, end - at);
        std::uint32_t to = 0;
        if (!memoable) to = class_for(c, of_row);
        else if (const auto hit = memo.find(std::uint64_t{c} << 24 | mask); hit != memo.end()) to = hit->second;
        else to = memo.emplace(std::uint64_t{c} << 24 | mask, class_for(c, of_row)).first->second;
        moved.push_back({row, c, to});
        at = end;
    }
}

}  // namespace donum::population
