// The answer of a section of a live population (see live.hpp) when only targets compared
// with measured values changed and the payment plan did not: the rows whose outcome flips
// are grouped by their class and the outcomes that flip; each group is taken out with what
// its class counted and was paid, and put back as the class with those outcomes flipped
// would count and be paid (eval::pay, tally_counts, tally_payment with the group's number of
// rows), without making that class: no fingerprint, look-up or list of counts per answer.
// For targets compared with >=, >, <=, <, only the rows at the two ends of each run and
// those in several runs go that way: the rows between are the difference of two sums kept
// at start (live_index.cpp).
#include "interpreter/population/live.hpp"
#include "interpreter/population/live_parts.hpp"

#include <algorithm>
#include <limits>
#include <tuple>
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
    const auto n_ind = p.indicators.size();
    section_answer out{m_counts[k], {}, m_compared[k], 0};
    out.t.physicians = m_physicians[k];
    out.t.add(m_payments[k]);

    // What flips, as weighted entries: a row whose outcomes of the ranges in `mask` (bit q:
    // range q) flip adds what its class so flipped adds. The rows of a target's run between
    // two kept sums (live_index.cpp) are added by their difference, each with its one flip:
    // a row in several runs is taken back out of each sum (weight -1) and added once with
    // all its flips. Only the rows at the ends of the runs and those in several go one by one.
    struct entry {
        std::uint32_t from;  // class
        std::uint64_t mask;
        std::uint32_t row;
        std::int64_t weight;
    };
    std::vector<entry> entries;
    auto add = [&](std::uint32_t row, std::uint64_t mask, std::int64_t weight) { entries.push_back({m_class_of[row], mask, row, weight}); };
    struct summed_run {
        const std::vector<flip_sums>* sums;
        std::size_t first;  // sums[j - 1] holds the first j * m_spacing sorted rows
        std::size_t last;
    };
    std::vector<summed_run> summed;
    std::vector<std::pair<std::size_t, std::size_t>> runs;
    for (std::size_t q = 0; q < plan.ranges.size(); ++q) {
        const auto run = flip_run(plan, k, q);
        if (!run || m_flip_sums[k * n_ind + plan.ranges[q].first].empty()) break;
        runs.push_back(*run);
    }
    if (runs.size() == plan.ranges.size()) {
        const bool several = runs.size() > 1;
        std::vector<std::uint64_t> row_mask;  // by row: the runs it is in
        std::vector<std::uint32_t> joint;     // rows in several runs
        if (several) {
            row_mask.assign(m_table->size(), 0);
            for (std::size_t q = 0; q < runs.size(); ++q) {
                const auto& rows = m_sorted[k * n_ind + plan.ranges[q].first];
                for (auto at = runs[q].first; at < runs[q].second; ++at) {
                    auto& mask = row_mask[rows[at]];
                    if (mask == 0) ++out.touched;
                    else if ((mask & (mask - 1)) == 0) joint.push_back(rows[at]);  // its second run
                    mask |= std::uint64_t{1} << q;
                }
            }
        }
        for (std::size_t q = 0; q < runs.size(); ++q) {
            const auto [lo, hi] = runs[q];
            const auto& rows = m_sorted[k * n_ind + plan.ranges[q].first];
            const auto& sums = m_flip_sums[k * n_ind + plan.ranges[q].first];
            auto first = (lo + m_spacing - 1) / m_spacing;
            auto last = hi / m_spacing;
            if (first >= last) first = last = 0;
            else summed.push_back({&sums, first, last});
            const auto bit = std::uint64_t{1} << q;
            if (!several) {
                out.touched = hi - lo;
                const auto middle = first < last ? std::pair{first * m_spacing, last * m_spacing} : std::pair{hi, hi};
                for (auto at = lo; at < middle.first; ++at) add(rows[at], bit, 1);
                for (auto at = middle.second; at < hi; ++at) add(rows[at], bit, 1);
                continue;
            }
            for (auto at = lo; at < hi; ++at) {
                const auto row = rows[at];
                const bool in_sum = first < last && at >= first * m_spacing && at < last * m_spacing;
                if (row_mask[row] == bit) {
                    if (!in_sum) add(row, bit, 1);
                }
                else if (in_sum) {
                    add(row, bit, -1);
                }
            }
        }
        for (const auto row : joint) add(row, row_mask[row], 1);
    }
    else {
        std::vector<std::pair<std::uint32_t, std::uint32_t>> flips;  // row, range
        std::vector<std::uint8_t> outcome_moved(m_present.size() * n_ind, 0);
        collect_flips(plan, k, flips, outcome_moved);
        std::sort(flips.begin(), flips.end());
        for (std::size_t at = 0; at < flips.size();) {
            const auto row = flips[at].first;
            std::uint64_t mask = 0;
            for (; at < flips.size() && flips[at].first == row; ++at) mask |= std::uint64_t{1} << flips[at].second;
            add(row, mask, 1);
            ++out.touched;
        }
    }

    // The groups: the entries of one class and one set of flips, with their summed weight
    // and their lowest row (where an overflow is told), in the order of their classes: what
    // the classes kept is then read in the order it is stored.
    struct group {
        std::uint32_t from;
        std::uint64_t mask;
        std::int64_t rows;
        std::uint32_t row;
    };
    // By class first (a counting sort: there are fewer classes than entries), then by flips.
    std::vector<std::uint32_t> first_of(m_classes->list.size() + 1, 0);
    for (const auto& e : entries) ++first_of[e.from + 1];
    for (std::size_t c = 1; c < first_of.size(); ++c) first_of[c] += first_of[c - 1];
    std::vector<entry> by_class(entries.size());
    {
        auto next = first_of;
        for (const auto& e : entries) by_class[next[e.from]++] = e;
    }
    std::vector<group> groups;
    for (std::size_t c = 0; c + 1 < first_of.size(); ++c) {
        const auto begin = by_class.begin() + first_of[c];
        const auto end = by_class.begin() + first_of[c + 1];
        if (begin == end) continue;
        // Rows of one class in one run come in order of measured value, not of rows.
        std::sort(begin, end, [](const entry& a, const entry& b) { return std::tie(a.mask, a.row) < std::tie(b.mask, b.row); });
        for (auto e = begin; e != end; ++e) {
            if (!groups.empty() && groups.back().from == e->from && groups.back().mask == e->mask) groups.back().rows += e->weight;
            else groups.push_back({e->from, e->mask, e->weight, e->row});
        }
    }
    std::erase_if(groups, [](const group& g) { return g.rows == 0; });

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
    for (const auto& [sums, first, last] : summed) {
        const auto& to = (*sums)[last - 1];
        out.t.add(to.t);
        out.compared.add(to.compared);
        for (const auto& [amount, rows] : to.amounts) amounts[amount] += rows;
        if (first > 0) {
            const auto& from = (*sums)[first - 1];
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

    out.amounts = amounts_after(amounts, &m_amounts[k]);
    return out;
}

}  // namespace donum::population
