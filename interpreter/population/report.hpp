// The population report of `donum simulate`: what a negotiation round asks of a whole
// population (who reaches each target, who is close, who is one indicator short, what each
// indicator costs, how amounts are spread), computed exactly. render/report.hpp writes it in
// French as a terminal table, CSV, JSON or Markdown, after its manifest (manifest.hpp).
//
// Definitions, exactly (every figure is an integer count or an exact rational):
// - A *section* is one evaluated year, or all rows together (after the years, when more
//   than one year is present, or when the data holds no row). In the all-years section a
//   "physician" is a row (physician and year); distinct_ids counts distinct physician ids.
// - Paid: the row's amount is above zero; unpaid: every other row.
// - Group: open when its gate holds (result::group_open); block_paid, for a group paid as
//   a block, when it is open and its block condition holds; points and euros: what the
//   group paid (result::group_points), euros at the point value of each row's year.
// - Indicator: met when its outcome is met (its condition holds, or its zero-denominator
//   policy makes it met), whatever the gates; paid when met and its group is open, for
//   indicators paid one by one (absent in a block group: the block's cost is on the group);
//   points = paid rows x the indicator's points of the year, euros = points x point value.
//   A graded or prorated indicator: points = the sum over rows of its group open of what it
//   pays (eval::indicator_paid: the level reached, the share earned); partial (prorated
//   only) = rows paid a share of its points without meeting it. Points are before any cap.
// - Near miss: only for an indicator whose condition compares a rate with a rate target
//   (slot::type rate) using >=, >, <= or <. With target t and margin m (5 percentage points,
//   report_options), the row's indicator is not met and its measured value v (the value of
//   indicator_info::measured_node in the row, defined) lies within m on the failing side:
//   `>=`: t - m <= v < t; `>`: t - m <= v <= t; `<=`: t < v <= t + m; `<`: t <= v <= t + m.
//   Compared exactly. Neutralised and zero-denominator rows are never near misses.
// - Blocked by one (sole_missing_indicators): indicator i is counted for a row when a
//   payment of the row fails for the want of i alone: (a) a group G is closed, every term
//   of its gate that fails reads an open group and lacks exactly one met indicator, exactly
//   one indicator of that group is neither met nor neutralised, and it is the same
//   indicator i for all failing terms; or (b) a block group G is open, its block is not
//   paid, exactly one of its indicators is neither met nor neutralised (i) and the block
//   needs exactly one more met indicator. A row counts at most once per indicator (volet 1
//   with 3 of 4 met blocks both its own block and volet 2's gate: counted once).
//   blocked_by_one counts the rows with at least one such indicator.
// - Amounts per physician (amount_distribution), over the exact amounts of the section,
//   sorted ascending as x(1) <= ... <= x(n): mean = sum / n; median = x((n+1)/2) when n is
//   odd, (x(n/2) + x(n/2+1)) / 2 when n is even; decile Dk (k = 1..9) by nearest rank:
//   x(ceil(k n / 10)), always an amount some physician gets (so D5 may differ from the
//   median when n is even); maximum = x(n). Absent when the section has no row.
#ifndef DONUM_INTERPRETER_POPULATION_REPORT_HPP
#define DONUM_INTERPRETER_POPULATION_REPORT_HPP

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "interpreter/eval/evaluate.hpp"
#include "interpreter/compile/program.hpp"
#include "interpreter/exact/rational.hpp"
#include "interpreter/data/table.hpp"

namespace donum::population {

using compile::program;
using data::data_table;
using eval::result;
using exact::rational;

/// Settings of compute_report.
struct report_options {
    /// Width of the near-miss window below (or above) a rate target: 5 percentage points.
    rational near_miss_margin{5, 100};
};

/// One group in one section (definitions at the top of this file).
struct group_stats {
    std::size_t open = 0;
    std::optional<std::size_t> block_paid;  ///< groups paid as a block only
    rational points;
    rational euros;
};

/// One indicator in one section (definitions at the top of this file).
struct indicator_stats {
    std::size_t met = 0;
    std::size_t neutralised = 0;
    std::optional<std::size_t> paid;         ///< absent in a block group
    std::optional<std::size_t> partial;      ///< prorated: rows paid a share of its points, not met
    std::optional<std::size_t> near_misses;  ///< absent without a rate target
    std::size_t blocked_alone = 0;           ///< rows for which it is the sole missing indicator
    std::optional<rational> points;          ///< absent in a block group
    std::optional<rational> euros;           ///< absent in a block group
};

/// Amounts per physician of one section (definitions at the top of this file).
struct amount_distribution {
    rational mean;
    rational median;
    std::array<rational, 9> deciles;  ///< D1..D9
    rational maximum;
};

/// Every figure of one year, or of all rows (year absent).
struct report_section {
    std::optional<int> year;
    std::size_t physicians = 0;    ///< rows evaluated
    std::size_t distinct_ids = 0;  ///< distinct physician ids
    std::size_t paid = 0;
    std::size_t unpaid = 0;
    std::size_t blocked_by_one = 0;
    rational points;
    rational euros;
    std::optional<amount_distribution> amounts;  ///< absent when physicians == 0
    std::vector<group_stats> groups;             ///< by index of program::groups
    std::vector<indicator_stats> indicators;     ///< by index of program::indicators
};

/// A population report: one section per year present (ascending), then one for all rows
/// when several years are present (or none).
struct population_report {
    std::string data_file;  ///< data_table::file()
    rational near_miss_margin;
    std::vector<report_section> sections;
};

/// Evaluates every row of `table` (loaded for `p`) and computes the report. Throws what
/// evaluate_table throws: placeholder_error when a year present still has XX,
/// evaluation_error (with its row) on overflow; overflow_error if a total goes beyond 64 bits.
[[nodiscard]] population_report compute_report(const program& p, const data_table& table, const report_options& options = {});

/// The distribution of `amounts` (any order), or std::nullopt when it is empty. Exact.
[[nodiscard]] std::optional<amount_distribution> distribution(std::vector<rational> amounts);

/// Indexes (program::indicators, ascending, no repeats) of the indicators that alone block a
/// payment of the row whose evaluation is `r` (case (a) or (b) at the top of this file).
/// `out` is cleared first; reuse it across rows to avoid allocating.
void sole_missing_indicators(const program& p, const result& r, std::vector<std::size_t>& out);

}  // namespace donum::population

#endif
