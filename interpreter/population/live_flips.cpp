// The answer of a section of a live population (see live.hpp) when only targets compared
// with measured values changed and the payment plan did not: the rows whose outcome flips
// are grouped by their class and the outcomes that flip; each group is taken out with what
// its class counted and was paid, and put back as the class with those outcomes flipped
// would count and be paid (eval::pay, tally_counts, tally_payment with the group's number of
// rows), without making that class: no fingerprint, look-up or list of counts per answer.
// For one target compared with >=, >, <=, <, only the rows at the two ends of the run go
// that way: the rows between are the difference of two sums kept at start (live_index.cpp).
#include "interpreter/population/live.hpp"
#include "interpreter/population/live_parts.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <utility>

#include "interpreter/eval/evaluate.hpp"
#include "interpreter/eval/payment.hpp"

namespace donum::population {

using eval::indicator_outcome;
using internal::tally;

using namespace live_internal;

live_population::section_answer live_population::flip_section(const compile::program& changed, std::size_t k, const year_plan& plan) const
{
    const auto& p = *m_p;
    const auto& base = *m_classes;
    const auto n_ind = p.indicators.size();
    section_answer out{m_counts[k], {}, m_compared[k], 0};
    out.t.physicians = m_physicians[k];
    out.t.add(m_payments[k]);

    std::vector<std::pair<std::uint32_t, std::uint32_t>> flips;  // row, range
    // One target whose flips were summed (live_index.cpp): the rows between two kept sums
    // are their difference, only the rows at the ends flip one by one.
    const auto run = flip_run(plan, k);
    const std::vector<flip_sums> no_sums;
    const auto& sums = run ? m_flip_sums[k * n_ind + plan.ranges[0].first] : no_sums;
    std::size_t first_sum = 0;  // sums[j - 1] holds the first j * m_spacing sorted rows
    std::size_t last_sum = 0;
    if (run && !sums.empty()) {
        const auto [lo, hi] = *run;
        const auto& rows = m_sorted[k * n_ind + plan.ranges[0].first];
        auto take = [&](std::size_t from, std::size_t to) {
            for (auto at = from; at < to; ++at) flips.emplace_back(rows[at], 0);
        };
        first_sum = (lo + m_spacing - 1) / m_spacing;
        last_sum = hi / m_spacing;
        if (first_sum < last_sum) {
            take(lo, first_sum * m_spacing);
            take(last_sum * m_spacing, hi);
        }
        else {
            take(lo, hi);
            first_sum = last_sum = 0;
        }
        out.touched = hi - lo;
    }
    else {
        std::vector<std::uint8_t> outcome_moved(m_present.size() * n_ind, 0);
        collect_flips(plan, k, flips, outcome_moved);
        out.touched = flips.size();
    }

    // The groups: the rows of one class whose outcomes of the same ranges flip (bit q of
    // `mask`: range q), with their number and their lowest row (where an overflow is told),
    // in the order of their classes: what the classes kept is then read in the order it is
    // stored, not in the order of the measured values.
    struct group {
        std::uint32_t from;
        std::uint64_t mask;
        std::int64_t rows;
        std::uint32_t row;
    };
    std::vector<group> groups;
    if (plan.ranges.size() == 1) {
        constexpr auto none = std::numeric_limits<std::uint32_t>::max();
        std::vector<std::uint32_t> rows(base.list.size(), 0);
        std::vector<std::uint32_t> lowest(base.list.size(), none);
        for (const auto& f : flips) {
            const auto c = m_class_of[f.first];
            ++rows[c];
            lowest[c] = std::min(lowest[c], f.first);
        }
        for (std::size_t c = 0; c < rows.size(); ++c) {
            if (rows[c] != 0) groups.push_back({static_cast<std::uint32_t>(c), 1, rows[c], lowest[c]});
        }
    }
    else {
        // Several ranges (rare: several targets at once): the flips of each row together.
        std::sort(flips.begin(), flips.end());
        std::map<std::pair<std::uint32_t, std::uint64_t>, std::pair<std::int64_t, std::uint32_t>> by_key;  // rows, lowest
        for (std::size_t first = 0; first < flips.size();) {
            const auto row = flips[first].first;
            std::uint64_t mask = 0;
            for (; first < flips.size() && flips[first].first == row; ++first) mask |= std::uint64_t{1} << flips[first].second;
            // Rows come in ascending order: the first of a key is its lowest.
            ++by_key.try_emplace({m_class_of[row], mask}, 0, row).first->second.first;
        }
        for (const auto& [key, found] : by_key) groups.push_back({key.first, key.second, found.first, found.second});
    }

    std::size_t n_counts = 0;
    internal::for_each_count(out.t, [&](std::size_t, std::size_t&) { ++n_counts; });
    const auto shares = share_count(groups.size(), pass_options{false, 4000});
    std::vector<flip_share> done(shares, flip_share{tally(p.groups.size(), n_ind), {}, {}, std::vector<std::int64_t>(n_counts, 0)});
    run_shares(groups.size(), shares, [&](std::size_t s, std::size_t begin, std::size_t end) {
        auto& sh = done[s];
        eval::result r;
        r.values.resize(p.code.size());
        std::vector<std::size_t> blamed;
        std::vector<std::size_t> flipped;
        for (std::size_t at = begin; at < end; ++at) {
            const auto& g = groups[at];
            flipped.clear();
            for (std::size_t q = 0; q < plan.ranges.size(); ++q) {
                if ((g.mask >> q & 1) != 0) flipped.push_back(plan.ranges[q].first);
            }
            flip_group(changed, *plan.payment, g.from, flipped, g.rows, g.row, sh, r, blamed);
        }
    });
    amount_counts amounts;
    std::vector<std::int64_t> added(n_counts, 0);
    for (auto& sh : done) {
        out.t.add(sh.t);
        out.compared.add(sh.compared);
        for (const auto& [amount, rows] : sh.amounts) amounts[amount] += rows;
        for (std::size_t c = 0; c < n_counts; ++c) added[c] += sh.added[c];
    }
    internal::for_each_count(out.t, [&](std::size_t c, std::size_t& n) { n += static_cast<std::size_t>(added[c]); });
    if (first_sum < last_sum) {
        const auto& to = sums[last_sum - 1];
        out.t.add(to.t);
        out.compared.add(to.compared);
        for (const auto& [amount, rows] : to.amounts) amounts[amount] += rows;
        if (first_sum > 0) {
            const auto& from = sums[first_sum - 1];
            out.t.subtract(from.t);
            out.compared.subtract(from.compared);
            for (const auto& [amount, rows] : from.amounts) amounts[amount] -= rows;
        }
    }

    // Near misses: those of a range's indicator from its new target, the others' again where
    // their window moved (their outcomes did not).
    const moves unmoved;
    for (std::size_t i = 0; i < n_ind; ++i) {
        const auto& w = plan.windows[i];
        if (!w) continue;
        const auto range = std::find_if(plan.ranges.begin(), plan.ranges.end(), [&](const auto& r) { return r.first == i; });
        if (range != plan.ranges.end()) out.t.near_misses[i] = near_misses(k, i, *w, unmoved, &plan.tests[static_cast<std::size_t>(range - plan.ranges.begin())]);
        else if (std::find(plan.moved_windows.begin(), plan.moved_windows.end(), i) != plan.moved_windows.end()) out.t.near_misses[i] = near_misses(k, i, *w, unmoved);
    }

    for (const auto& [amount, rows] : m_amounts[k]) amounts[amount] += static_cast<std::int64_t>(rows);
    for (const auto& [amount, rows] : amounts) {
        if (rows != 0) out.amounts.emplace_back(amount, static_cast<std::size_t>(rows));
    }
    std::sort(out.amounts.begin(), out.amounts.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return out;
}

}  // namespace donum::population
