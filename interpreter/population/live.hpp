// A population kept evaluated, for answering "and with this value?" while it is asked
// (`donum serve`): the report of the rules with other slot values, and its comparison with
// reference amounts, recomputing only what the changed values touch.
//
// The base program is evaluated once on every row. What a later change may need is kept by
// row: every indicator's outcome, the amount, and the values of the code nodes that read
// slots, directly or not (the *dependents* of every slot), of the nodes they read (their
// frontier) and of the nodes a report reads (measured values, computed payments). Nodes
// that are the same for every row of a year (constants, slots, the year) are not kept.
//
// answer(changed), for a program that differs from the base only by slot values (the same
// code: compile::with_settings), per year:
// - the slots whose value changed that year are found by comparing the two programs; their
//   dependents are re-run on each row from the kept values (eval::evaluator::rerun, as in a
//   sweep), and the row is *touched* when an indicator's outcome changes, or always when a
//   payment value changed (points, point value, cap) or a computed payment or a measured
//   value depends on a changed slot;
// - a touched row is taken out of the report's counts with its base result and put back with
//   its new one (the one implementation of what a row counts: report_tally.hpp); an untouched
//   row only moves its near misses when the window of a changed target moved;
// - amounts are counted by value, so deciles need no sort.
// The report equals compute_report(changed, table), exactly; the tests compare them.
// Memory: per row, the outcomes (2 bytes each), the amount, and 16 bytes per kept node.
#ifndef DONUM_INTERPRETER_POPULATION_LIVE_HPP
#define DONUM_INTERPRETER_POPULATION_LIVE_HPP

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "interpreter/compile/program.hpp"
#include "interpreter/data/table.hpp"
#include "interpreter/exact/rational.hpp"
#include "interpreter/population/report.hpp"
#include "interpreter/population/report_tally.hpp"
#include "interpreter/population/runner.hpp"

namespace donum::population {

/// The amounts of a population against reference amounts (row by row, the same rows).
struct reference_comparison {
    rational reference;          ///< total euros of the reference
    rational euros;              ///< total euros now
    std::size_t winners = 0;     ///< rows paid more than their reference
    std::size_t losers = 0;      ///< rows paid less
    std::size_t unchanged = 0;
    rational gained;             ///< sum of the winners' increases
    rational lost;               ///< sum of the losers' decreases (>= 0)
};

/// What live_population::answer computes.
struct live_answer {
    population_report report;                         ///< equals compute_report(changed, table)
    std::optional<reference_comparison> comparison;   ///< when reference amounts were given
    std::size_t rows_touched = 0;                     ///< rows whose result was recomputed
};

/// A population evaluated once under a base program, answering for other slot values (see
/// the file comment). Thread-safe: answer() is const and keeps its work in its own buffers.
class live_population {
public:
    /// Evaluates every row of `table` (loaded for `base`, which must outlive nothing: it is
    /// kept) and keeps what later answers need. `reference`, empty or one amount per row, is
    /// what each row is compared with (another version's amounts). The table must outlive
    /// this object. Throws what compute_report throws (placeholder_error when a year present
    /// still has XX, evaluation_error on overflow), std::invalid_argument when `reference`
    /// has another size.
    live_population(compile::program base, const data_table& table, std::vector<rational> reference = {}, const report_options& options = {});

    /// The report of `changed` (the base program with other slot values: same code, same
    /// slots) on the table, and its comparison with the reference amounts. Throws
    /// std::invalid_argument when `changed` is not the base program with other values,
    /// placeholder_error when it leaves a slot XX in a year present, evaluation_error (with
    /// its row) on overflow.
    [[nodiscard]] live_answer answer(const compile::program& changed) const;

    /// The base program.
    [[nodiscard]] const compile::program& base() const { return *m_p; }
    /// The amount of every row under the base program, in row order.
    [[nodiscard]] std::span<const rational> amounts() const { return m_euros; }

private:
    struct comparison_sums;
    void keep_row(std::size_t row, const eval::result& r);

    std::shared_ptr<const compile::program> m_p;  ///< shared: the evaluators point to it
    const data_table* m_table;
    report_options m_options;
    std::vector<rational> m_reference;
    std::vector<std::size_t> m_present;     ///< year indexes present, ascending
    std::vector<std::size_t> m_section_of;  ///< by year index
    std::unique_ptr<year_evaluators> m_evaluators;
    std::vector<std::vector<eval::value>> m_fixed;  ///< by year index: constant, slot and year nodes
    std::vector<std::optional<internal::window>> m_windows;  ///< by year index x indicator
    std::vector<compile::node_id> m_kept;                    ///< kept nodes, ascending
    std::vector<std::int32_t> m_column_of;                   ///< by node: index in m_kept, or -1
    std::vector<std::vector<eval::value>> m_columns;         ///< by kept node: by row
    std::vector<eval::indicator_result> m_outcomes;          ///< by row x indicator
    std::vector<rational> m_euros;                           ///< by row
    std::vector<internal::tally> m_tallies;                  ///< by section of the years present
    std::vector<std::map<rational, std::size_t>> m_amounts;  ///< by section: rows by amount
    std::vector<std::size_t> m_distinct;                     ///< by section (then all years): distinct ids
    std::shared_ptr<const comparison_sums> m_compared;       ///< base against the reference
};

}  // namespace donum::population

#endif
