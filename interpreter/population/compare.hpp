// A population under several versions of the rules: what each version pays, and for each
// pair of consecutive versions the winners, the losers and the changes that explain them,
// physician by physician (donum diff --data, explain --vs).
//
// Each row is evaluated under every version, at the version's year (the row's own year is
// not read: versions of different years compare the same activity). The data is read once,
// for every version's columns (data::schema_of of the programs, years ignored).
#ifndef DONUM_INTERPRETER_POPULATION_COMPARE_HPP
#define DONUM_INTERPRETER_POPULATION_COMPARE_HPP

#include <cstddef>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "interpreter/data/table.hpp"
#include "interpreter/exact/rational.hpp"
#include "interpreter/population/diff.hpp"
#include "interpreter/population/report.hpp"

namespace donum::population {

/// What one version pays the population.
struct version_totals {
    rational euros;
    std::size_t paid = 0;           ///< physicians with a positive amount
    std::vector<std::size_t> open;  ///< by group of the version: physicians whose gate holds
    std::vector<std::size_t> met;   ///< by indicator of the version: physicians meeting it
};

/// One change of the rules across a population: how many physicians it moves, by how much.
struct change_driver {
    std::size_t physicians = 0;
    rational euros;  ///< signed
};

/// From one version to the next. Every figure is computed here, where an overflow is an
/// evaluation_error at the point value (population/totals.hpp), so that rendering only
/// prints.
struct pair_totals {
    std::size_t winners = 0;
    std::size_t losers = 0;
    rational gained;  ///< sum of the winners' increases
    rational lost;    ///< sum of the losers' decreases (negative)
    rational balance;  ///< gained + lost
    std::optional<rational> mean_gained;   ///< per winner; absent without winners
    std::optional<rational> mean_lost;     ///< per loser; absent without losers
    std::optional<rational> mean_balance;  ///< per physician; absent without physicians
    std::vector<rational> changes;  ///< every physician's change, in row order
    std::optional<amount_distribution> distribution;  ///< of the changes; absent without physicians
    std::map<std::string, change_driver> drivers;  ///< by change_reason::key
};

/// One physician across the versions.
struct physician_change {
    std::vector<rational> euros;  ///< by version
    std::vector<std::vector<change_reason>> reasons;  ///< by pair (k, k + 1); they add up to the difference
};

/// A population compared across versions.
struct population_comparison {
    std::size_t physicians = 0;
    std::vector<version_totals> versions;
    std::vector<pair_totals> pairs;        ///< versions.size() - 1 of them
    std::vector<physician_change> rows;    ///< by row of the table, when asked for
};

/// Evaluates every row of `table` under each of `versions` (at least two), at each version's
/// year, reading the row's values by column name (data::columns_of). Keeps each physician's
/// amounts and reasons only when `per_physician`. Throws placeholder_error when a version's
/// year still has XX, evaluation_error (with the data row) on overflow, std::logic_error if
/// a physician's reasons do not add up to the difference (a bug of donum).
[[nodiscard]] population_comparison compare_population(std::span<const version> versions, const data::data_table& table, bool per_physician);

/// The same comparison for the one row `row` of `table`: its amounts and reasons.
[[nodiscard]] physician_change compare_row(std::span<const version> versions, const data::data_table& table, std::size_t row);

}  // namespace donum::population

#endif
