// Inside population/: the counts and sums of a population report, row by row, shared by
// compute_report (report.cpp: every row once) and live_population (live.cpp: the base
// population once, then only the rows a change of values touches, each taken out with its
// old result and put back with its new one, or classes of rows evaluated alike). One
// implementation of what a row adds, so that both give the same report.
#ifndef DONUM_INTERPRETER_POPULATION_REPORT_TALLY_HPP
#define DONUM_INTERPRETER_POPULATION_REPORT_TALLY_HPP

#include <cstddef>
#include <map>
#include <optional>
#include <span>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "interpreter/eval/payment.hpp"
#include "interpreter/exact/sum.hpp"
#include "interpreter/population/report.hpp"

namespace donum::population::internal {

/// The near-miss window of one indicator in one year: low <(=) v <(=) high.
struct window {
    rational low;
    rational high;
    bool low_inclusive = true;
    bool high_inclusive = false;

    /// Whether `v` lies in the window.
    [[nodiscard]] bool contains(const rational& v) const { return (low_inclusive ? low <= v : low < v) && (high_inclusive ? v <= high : v < high); }
    /// Same bounds.
    bool operator==(const window&) const = default;
};

/// The near-miss window of indicator `i` of `p` in the year of index `year_index`, from the
/// target `p` gives it that year; none when the indicator has no near misses (report.hpp).
[[nodiscard]] std::optional<window> near_miss_window(const program& p, const compile::indicator_info& i, std::size_t year_index, const rational& margin);

/// The counts and sums of one section over some rows: of one share while rows come in, then
/// of the whole section once the shares are merged in row order. Counts are modular, so that
/// a row taken out (sign -1) and put back (sign +1) cancels exactly.
struct tally {
    std::size_t physicians = 0;
    std::size_t paid = 0;
    std::size_t blocked_by_one = 0;
    exact::exact_sum points;
    exact::exact_sum euros;
    std::vector<std::size_t> open;        ///< by group
    std::vector<std::size_t> block_paid;  ///< by group
    std::vector<exact::exact_sum> group_points;
    std::vector<std::size_t> met;  ///< by indicator, and the same below
    std::vector<std::size_t> neutralised;
    std::vector<std::size_t> paid_count;
    std::vector<std::size_t> near_misses;
    std::vector<std::size_t> blocked_alone;
    std::vector<std::size_t> partial;               ///< prorated: paid a share, not met
    std::vector<exact::exact_sum> computed_points;  ///< graded or prorated: what each row was paid
    std::vector<rational> amounts;                  ///< in row order (compute_report only)
    std::unordered_set<std::string_view> ids;       ///< compute_report only

    tally(std::size_t groups, std::size_t indicators);
    /// Adds the counts and sums of `o`.
    void add(const tally& o);
    /// Takes out the counts and sums of `o` (modular counts: what add(o) added, exactly);
    /// amounts and ids are left as they are.
    void subtract(const tally& o);
};

/// Adds `weight` rows evaluated like `r` (a negative weight takes them out) to what their
/// payment sums in `t`: paid, points, euros, group points, computed points and partial
/// payments. `plan` is the rows' year's payment.
void tally_payment(const program& p, const eval::payment_plan& plan, const result& r, std::int64_t weight, tally& t);

/// Adds `weight` rows evaluated like `r` (a negative weight takes them out) to the counts of
/// `t` that do not depend on the payment plan: open gates, blocks paid, indicators met,
/// neutralised and paid, near misses with `windows` (by indicator, the rows' year; empty:
/// none counted), the indicators that alone block a payment. `blamed` is a buffer reused
/// across calls. The row count, ids and amounts are the caller's.
void tally_counts(const program& p, std::span<const std::optional<window>> windows, const result& r, std::int64_t weight, tally& t, std::vector<std::size_t>& blamed);

/// Calls f(k, count) for each count of `t` that tally_counts adds to (open, block_paid, met,
/// neutralised, paid_count, near_misses, blocked_alone, then blocked_by_one), k numbering
/// them from 0 in that order: what rows count can be kept as a list of k.
template <typename F>
void for_each_count(tally& t, F&& f)
{
    std::size_t k = 0;
    for (auto* counts : {&t.open, &t.block_paid, &t.met, &t.neutralised, &t.paid_count, &t.near_misses, &t.blocked_alone}) {
        for (auto& c : *counts) f(k++, c);
    }
    f(k, t.blocked_by_one);
}

/// The section of `t`, for the year of index `y` (its points and point value), or of all
/// years (y absent: euros are the sums of the years', passed in `years`). Its amounts come
/// from t.amounts and its distinct ids from t.ids.
[[nodiscard]] report_section finish(const program& p, const tally& t, std::optional<std::size_t> y, const std::vector<report_section>& years);

/// The distribution of amounts given as (amount, how many rows), ascending amounts: the
/// one implementation of distribution(), for amounts already counted.
[[nodiscard]] std::optional<amount_distribution> distribution_of_counts(std::span<const std::pair<rational, std::size_t>> counts);

}  // namespace donum::population::internal

#endif
