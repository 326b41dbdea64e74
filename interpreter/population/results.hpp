// Results of a whole population: every row's amount and outcomes, and the totals per year
// (render/results.hpp writes them as csv, json or a table).
#ifndef DONUM_INTERPRETER_POPULATION_RESULTS_HPP
#define DONUM_INTERPRETER_POPULATION_RESULTS_HPP

#include <cstdint>
#include <vector>

#include "interpreter/compile/program.hpp"
#include "interpreter/exact/rational.hpp"
#include "interpreter/data/table.hpp"

namespace donum::population {

using compile::program;
using data::data_table;
using exact::rational;

/// Totals of one year, or of all rows (year 0). Within a year a physician has one row; over
/// several years rows and physicians differ (3,000 physicians over two years are 6,000 rows),
/// so both are counted.
struct population_totals {
    int year = 0;
    std::size_t rows = 0;        ///< physician-year rows
    std::size_t physicians = 0;  ///< distinct ids (rows, within one year)
    std::size_t paid = 0;        ///< rows with a positive amount
    rational points;
    rational euros;
    rational mean;  ///< euros per row, exact; 0 without rows
};

/// Every row's amount and outcomes, kept compactly until all rows are evaluated, so that
/// nothing is written when a later row fails.
struct population_results {
    std::vector<rational> points;  ///< by row
    std::vector<rational> euros;   ///< by row, exact
    /// Row-major: rows x program::indicators, values of indicator_outcome.
    std::vector<std::uint8_t> outcomes;
    /// Row-major: rows x program::groups, 1 when the group's gate holds.
    std::vector<std::uint8_t> open;
    /// Row-major: rows x program::groups, points paid by the group; empty unless asked for
    /// (16 bytes per group and row: the biggest part at a million rows).
    std::vector<rational> group_points;
    /// Totals per year, then of all rows (see totals()); empty unless asked for.
    std::vector<population_totals> totals;
};

/// What evaluate_population keeps besides each row's amount and outcomes.
struct population_options {
    bool group_points = true;  ///< the points of each group in each row (the table format)
    bool totals = true;        ///< the totals (the table and json formats)
};

/// Evaluates every row of `table` for `p` through the population runner; fills the group
/// points and the totals as `options` asks. Throws placeholder_error when a year present
/// still has XX, evaluation_error on overflow (a row's, with its row, or a total's).
[[nodiscard]] population_results evaluate_population(const program& p, const data_table& table, const population_options& options = {});

/// Totals per year present (ascending), then of all rows when several years are present,
/// summed exactly. Throws evaluation_error (eval::total_overflow, at p's point value) when a
/// total goes beyond 64 bits.
[[nodiscard]] std::vector<population_totals> totals(const program& p, const data_table& table, const population_results& r);

}  // namespace donum::population

#endif
