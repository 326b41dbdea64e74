// Points and the point value answered without paying every class again (see live.hpp).
// Without caps, a row's points are the sum of what its open groups pay for their met
// indicators and of the blocks paid: changing one indicator's points (or one block's) by d
// adds d to the points of the rows it is paid to and nothing to the others', and changing
// the point value multiplies every row's points by the new value. What a report and a comparison read of a row's payment is then
// its points, its amount and its reference amount: rows alike in these three are kept
// together (a few hundred groups where there are tens of thousands of classes) and an
// answer moves each group once. Counts (gates, indicators met) do not depend on payment.
#include "interpreter/population/live.hpp"
#include "interpreter/population/live_parts.hpp"

#include <algorithm>
#include <tuple>

#include "interpreter/eval/payment.hpp"

namespace donum::population {

using eval::indicator_outcome;

using namespace live_internal;

namespace live_internal {

bool shiftable(const compile::program& p, std::size_t payer)
{
    if (!uncapped(p)) return false;
    const auto n_ind = p.indicators.size();
    if (payer >= n_ind) {
        const auto& g = p.groups[payer - n_ind];
        return g.block_slot && p.slots[*g.block_slot].readers.empty();
    }
    const auto& info = p.indicators[payer];
    return info.points_slot && p.slots[*info.points_slot].readers.empty() && !info.amount_node && !p.groups[info.group].block_slot;
}

}  // namespace live_internal

void live_population::build_pay_pairs()
{
    const auto& p = *m_p;
    const auto& base = *m_classes;
    const auto n_ind = p.indicators.size();
    const auto sections = m_present.size();
    const auto n_grp = p.groups.size();
    m_pay_pairs.assign(sections, {});
    m_pay_pairs_of.assign(sections * (n_ind + n_grp), {});
    std::vector<std::uint8_t> payers(n_ind + n_grp);
    for (std::size_t q = 0; q < payers.size(); ++q) payers[q] = shiftable(p, q) ? 1 : 0;
    for (std::size_t c = 0; c < base.list.size(); ++c) {
        const auto& cls = base.list[c];
        const pay_pair q{base.points[c], cls.euros, cls.reference, cls.rows};
        m_pay_pairs[cls.section].push_back(q);
        auto* of = &m_pay_pairs_of[cls.section * (n_ind + n_grp)];
        const auto outcomes = base.outcomes_of(c);
        for (std::size_t i = 0; i < n_ind; ++i) {
            if (payers[i] != 0 && outcomes[i].outcome == indicator_outcome::met && base.group_open[c * n_grp + p.indicators[i].group] != 0) of[i].push_back(q);
        }
        // A block paid is among what the class counts: for_each_count numbers the blocks
        // paid after the open gates.
        for (const auto k : base.counts_of(c)) {
            if (k >= n_grp && k < 2 * n_grp && payers[n_ind + k - n_grp] != 0) of[n_ind + k - n_grp].push_back(q);
        }
    }
    // One entry per (points, amount, reference), rows summed.
    auto compact = [](std::vector<pay_pair>& pairs) {
        auto key = [](const pay_pair& q) { return std::tie(q.points, q.amount, q.reference); };
        std::sort(pairs.begin(), pairs.end(), [&](const auto& a, const auto& b) { return key(a) < key(b); });
        std::size_t out = 0;
        for (std::size_t at = 0; at < pairs.size(); ++at) {
            if (out > 0 && key(pairs[out - 1]) == key(pairs[at])) pairs[out - 1].rows += pairs[at].rows;
            else pairs[out++] = pairs[at];
        }
        pairs.resize(out);
        pairs.shrink_to_fit();
    };
    for (auto& pairs : m_pay_pairs) compact(pairs);
    for (auto& pairs : m_pay_pairs_of) compact(pairs);
}

std::optional<live_population::section_answer> live_population::shift_section(std::size_t k, const year_plan& plan) const
{
    const auto& p = *m_p;
    const auto n_ind = p.indicators.size();
    section_answer out{m_counts[k], {}, m_compared[k], 0};
    out.t.physicians = m_physicians[k];
    out.t.add(m_payments[k]);
    const auto& pv = plan.payment->point_value();
    const auto n_grp = p.groups.size();
    const auto& pairs = plan.shifted ? m_pay_pairs_of[k * (n_ind + n_grp) + *plan.shifted] : m_pay_pairs[k];
    // The points added to each row of `pairs`: the change of the indicator's points, or of
    // the block's.
    rational step;
    std::size_t group = 0;
    if (plan.shifted) {
        const auto& before = m_evaluators->of_year(m_present[k])->payment();
        const auto q = *plan.shifted;
        group = q < n_ind ? p.indicators[q].group : q - n_ind;
        step = q < n_ind ? *plan.payment->indicator_points(q) - *before.indicator_points(q) : *plan.payment->block_points(group) - *before.block_points(group);
    }
    amount_counts moved;
    try {
        for (const auto& q : pairs) {
            const auto now = (q.points + step) * pv;
            out.t.euros.add(q.amount, -q.rows);
            out.t.euros.add(now, q.rows);
            if (q.amount > rational(0)) out.t.paid -= static_cast<std::size_t>(q.rows);
            if (now > rational(0)) out.t.paid += static_cast<std::size_t>(q.rows);
            if (plan.shifted) {
                out.t.points.add(step, q.rows);
                out.t.group_points[group].add(step, q.rows);
            }
            if (now == q.amount) continue;
            moved[q.amount] -= q.rows;
            moved[now] += q.rows;
            if (!m_reference.empty()) {
                out.compared.add(q.amount, q.reference, -q.rows);
                out.compared.add(now, q.reference, q.rows);
            }
            out.touched += static_cast<std::size_t>(q.rows);
        }
    }
    catch (const exact::overflow_error&) {
        // A row's points or amount beyond 64 bits: paying the classes again says which.
        return std::nullopt;
    }
    out.amounts = amounts_after(moved, &m_amounts[k]);
    return out;
}

}  // namespace donum::population
