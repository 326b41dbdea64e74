// Results of a whole population: every row's amount and outcomes, and the totals per year
// (render/results.hpp writes them as csv, json or a table).
#ifndef DONUM_INTERPRETER_POPULATION_RESULTS_HPP
#define DONUM_INTERPRETER_POPULATION_RESULTS_HPP

#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include "interpreter/compile/program.hpp"
#include "interpreter/data/table.hpp"
#include "interpreter/exact/rational.hpp"
#include "interpreter/exact/sum.hpp"
#include "interpreter/population/runner.hpp"

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

/// The totals of population_totals while the rows go by: added row by row, the sums of
/// several shares added in row order.
class running_totals {
public:
    /// Adds a row of `year` paid `points` and `euros`.
    void add(int year, const rational& points, const rational& euros);
    /// Adds the rows of `other`.
    void add(const running_totals& other);
    /// Years with rows so far.
    [[nodiscard]] std::size_t years() const { return m_by_year.size(); }
    /// As totals(): per year present (ascending), then of all rows when several years are
    /// present, counting `physicians` (the distinct ids of all the rows, which sums cannot
    /// tell). Throws evaluation_error (eval::total_overflow) beyond 64 bits.
    [[nodiscard]] std::vector<population_totals> finish(const program& p, std::size_t physicians) const;

private:
    struct sums {
        std::size_t rows = 0;
        std::size_t paid = 0;
        exact::exact_sum points;
        exact::exact_sum euros;
    };
    std::map<int, sums> m_by_year;
};

/// What a pass of `donum eval` over a file found (evaluate_file).
struct file_results {
    file_pass_result pass;                   ///< what reading found; the rows' error, if any
    std::vector<population_totals> totals;  ///< when asked for, and no error
};

/// Evaluates every row of the file `source` (read for schema_of(p)) while it is read, through
/// the population runner: row(part, batch, i, result) for each row, into a Part made by
/// make() for each part of the file (several parts at once, on the reading threads), then
/// done(part) for each part in file order; the totals too when `with_totals`. A total beyond
/// 64 bits is the returned error (eval::total_overflow).
template <typename Part, typename Make, typename Row, typename Done>
file_results evaluate_file(const program& p, const file_rows& source, Make&& make, Row&& row, Done&& done, bool with_totals)
{
    struct part {
        Part caller;
        running_totals totals;
    };
    running_totals all;
    year_evaluators evaluators(p);
    evaluators.set_amounts_only(true);
    file_results out;
    out.pass = evaluate_rows<part>(
        source, evaluators, [&] { return part{make(), {}}; },
        [&](part& s, const data::row_batch& batch, std::size_t i, const eval::result& r) {
            row(s.caller, batch, i, r);
            if (with_totals) s.totals.add(batch.year(i), r.points, r.euros);
        },
        [&](part&& s) {
            done(std::move(s.caller));
            all.add(s.totals);
        });
    if (!with_totals || out.pass.error || !rows_usable(out.pass.loaded, source.allow_rejected)) return out;
    try {
        out.totals = all.finish(p, out.pass.loaded.physicians);
    }
    catch (const eval::evaluation_error&) {
        out.pass.error = std::current_exception();
    }
    return out;
}

}  // namespace donum::population

#endif
