// Targets answered without going over the rows that flip (see live.hpp): what one row adds
// to a section when its outcome of an indicator flips depends only on its class, so the
// sums of these additions along the rows sorted by the indicator's measured value are kept,
// every `spacing` rows. A new target flips one run of the sorted rows: its additions are the
// difference of two kept sums, plus the rows at its two ends (fewer than `spacing` each),
// taken out and put back one group at a time as flip_section does. Counts and exact sums
// are modular (tally, comparison_sums, amounts by value): a difference is exact.
#include "interpreter/population/live.hpp"
#include "interpreter/population/live_parts.hpp"

#include <algorithm>

#include "interpreter/eval/evaluate.hpp"
#include "interpreter/eval/payment.hpp"

namespace donum::population {

using eval::indicator_outcome;
using internal::tally;

using namespace live_internal;

void live_population::flip_group(const compile::program& p, const eval::payment_plan& plan, std::uint32_t from, std::span<const std::size_t> flipped, std::int64_t rows, std::uint32_t row,
                                 flip_share& sh, eval::result& r, std::vector<std::size_t>& blamed) const
{
    const auto& base = *m_classes;
    const auto& c = base.list[from];
    // Out: what the class counted, and its payment with the plan, which is the base's.
    for (const auto count : base.counts_of(from)) sh.added[count] -= rows;
    base.paid(from, m_amount_nodes, r);
    internal::tally_payment(p, plan, r, -rows, sh.t);
    sh.amounts[c.euros] -= rows;
    if (!m_reference.empty()) sh.compared.add(c.euros, c.reference, -rows);
    // In: the same outcomes but the flipped ones (a measured value defined, they were met or
    // not met), counted and paid as class_set::count does.
    for (const auto i : flipped) {
        auto& o = r.indicators[i];
        o = {o.outcome == indicator_outcome::met ? indicator_outcome::not_met : indicator_outcome::met, false};
    }
    at_row(*m_table, row, [&] { eval::pay(p, plan, r); });
    internal::tally_counts(p, {}, r, rows, sh.t, blamed);
    internal::tally_payment(p, plan, r, rows, sh.t);
    sh.amounts[r.euros] += rows;
    if (!m_reference.empty()) sh.compared.add(r.euros, c.reference, rows);
}

std::optional<std::pair<std::size_t, std::size_t>> live_population::flip_run(const year_plan& plan, std::size_t k, std::size_t q) const
{
    const auto& p = *m_p;
    const auto i = plan.ranges[q].first;
    const auto& test = plan.tests[q];
    const bool up = test.op == compile::comparison::ge || test.op == compile::comparison::gt;
    const bool down = test.op == compile::comparison::le || test.op == compile::comparison::lt;
    // `=` and `!=` flip two runs: answered row by row.
    if (!up && !down) return std::nullopt;
    // Whether the outcome goes from not met to met along the sorted rows.
    const bool growing = up == test.measured_left;
    const auto& rows = m_sorted[k * p.indicators.size() + i];
    const auto& column = m_columns[static_cast<std::size_t>(m_column_of[static_cast<std::size_t>(*p.indicators[i].measured_node)])];
    auto edge = [&](const flip_test& t) {
        const auto at = std::partition_point(rows.begin(), rows.end(), [&](std::uint32_t row) { return meets(t, column[row]) != growing; });
        return static_cast<std::size_t>(at - rows.begin());
    };
    const auto before = edge(plan.base_tests[q]);
    const auto after = edge(test);
    return std::pair{std::min(before, after), std::max(before, after)};
}

void live_population::build_flip_sums()
{
    const auto& p = *m_p;
    const auto n_ind = p.indicators.size();
    const auto sections = m_present.size();
    m_flip_sums.assign(sections * n_ind, {});
    // The indicators whose target flips one run of sorted rows: `measured OP target` with
    // OP one of >=, >, <=, < (flip_run), and no computed payment of their own.
    std::vector<std::size_t> work;  // section x indicator
    for (std::size_t i = 0; i < n_ind; ++i) {
        const auto& info = p.indicators[i];
        if (!m_indexed[i] || info.amount_node) continue;
        const auto& c = p.code[static_cast<std::size_t>(info.condition)];
        const auto op = compile::comparison_of(c.op);
        const bool monotone = op == compile::comparison::ge || op == compile::comparison::gt || op == compile::comparison::le || op == compile::comparison::lt;
        if (!monotone || c.args.size() != 2 || (c.args[0] != *info.measured_node && c.args[1] != *info.measured_node)) continue;
        for (std::size_t k = 0; k < sections; ++k) {
            if (m_sorted[k * n_ind + i].size() >= m_spacing) work.push_back(k * n_ind + i);
        }
    }
    std::size_t n_counts = 0;
    tally zero(p.groups.size(), n_ind);
    internal::for_each_count(zero, [&](std::size_t, std::size_t&) { ++n_counts; });
    run_shares(work.size(), share_count(work.size(), pass_options{false, 1}), [&](std::size_t, std::size_t begin, std::size_t end) {
        eval::result r;
        r.values.resize(p.code.size());
        std::vector<std::size_t> blamed;
        for (std::size_t w = begin; w < end; ++w) {
            const auto k = work[w] / n_ind;
            const std::size_t flipped[] = {work[w] % n_ind};
            const auto& plan = m_evaluators->of_year(m_present[k])->payment();
            const auto& rows = m_sorted[work[w]];
            flip_share sh{zero, {}, {}, std::vector<std::int64_t>(n_counts, 0)};
            std::vector<flip_sums> sums;
            sums.reserve(rows.size() / m_spacing);
            try {
                for (std::size_t at = 0; at < rows.size(); ++at) {
                    flip_group(p, plan, m_class_of[rows[at]], flipped, 1, rows[at], sh, r, blamed);
                    if ((at + 1) % m_spacing != 0) continue;
                    flip_sums s{sh.t, sh.compared, {}};
                    internal::for_each_count(s.t, [&](std::size_t c, std::size_t& n) { n += static_cast<std::size_t>(sh.added[c]); });
                    for (const auto& [amount, n] : sh.amounts) {
                        if (n != 0) s.amounts.emplace_back(amount, n);
                    }
                    std::sort(s.amounts.begin(), s.amounts.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
                    sums.push_back(std::move(s));
                }
            }
            catch (const eval::evaluation_error&) {
                // A flipped class the plan cannot pay: left to the answers row by row, which
                // say where, if a target ever flips it.
                continue;
            }
            m_flip_sums[work[w]] = std::move(sums);
        }
    });
}

}  // namespace donum::population
