// A population kept evaluated, for answering "and with this value?" while it is asked
// (`donum serve`): the report of the rules with other slot values, and its comparison with
// reference amounts, recomputing only what the changed values touch.
//
// The base program is evaluated once on every row. Rows are then kept in *classes*: the rows
// of one year whose indicators have the same outcomes, whose computed payments (graded,
// prorated) have the same points and whose reference amount is the same are paid alike by
// any payment plan, and count alike in a report (near misses aside, kept by row). A class
// keeps one representative row, its number of rows and what it counts in a report
// (tally_counts, as the indices of the counts it adds to). By row are kept the class, the
// values of the code nodes that read slots, directly or not, of the nodes they read and of
// the measured values; by indicator with a target, the rows sorted by measured value.
//
// answer(changed), for a program that differs from the base only by slot values (the same
// code: compile::with_settings), per year:
// - the slots whose value changed that year are found by comparing the two programs. When
//   the changed values are only targets compared with a measured value, only the rows whose
//   measured value lies between the old and the new target can change, and one comparison
//   with the new target tells (live_moves.cpp): such a row goes to its class with that
//   outcome flipped, found or made once per class; when the payment plan is unchanged, no
//   class is made at all (live_flips.cpp): the rows of a class that flip together are taken
//   out with what their class counts and put back paid and counted with the outcomes
//   flipped, once per group. For targets compared with >=, >, <= or <, the rows that flip
//   are one run of the sorted rows per target, and what each adds depends on its class
//   only: sums of these additions are kept every `spacing` sorted rows (live_index.cpp), so
//   a run costs the difference of two sums and the rows at its ends (and the rows in
//   several runs, flipped once with all their outcomes). Otherwise every row of the
//   year is re-run from its kept values (eval::evaluator::rerun, as in a sweep). A row whose
//   result changes moves to another class (found, or made for this answer);
// - when only the point value or one indicator's or block's points changed, without caps
//   (live_shift.cpp), each row's new amount follows from its points: rows alike in points,
//   amount and reference amount are kept together, a few hundred groups, each moved once;
// - otherwise, when the year's payment changed, every class of the year is paid again with
//   the new plan, once for all its rows (eval::pay, tally_payment); when it did not, only
//   the classes that rows left or joined count, with their number of rows;
// - near misses are counted again, from the rows sorted by measured value, for the
//   indicators whose target or outcomes moved;
// - amounts are counted by value, so deciles need no sort of the rows.
// The report equals compute_report(changed, table), exactly; the tests compare them.
// Cost of one answer: for one target or one points value, at most 2 x spacing rows and a
// few hundred groups of rows; otherwise one comparison per row between an old and a new
// target and one payment per class those rows leave, and the classes of a year whose
// payment changed (a few tens of thousands for 115,000 physicians of the forfait
// structure), never a pass over every row unless the changed values are read by other code.
// Memory: per row, 4 bytes for its class, 16 per kept node and 4 per indicator with a
// target; per indicator with a target, a tally every `spacing` sorted rows, 256 at most
// (about 15 MB for 115,000 rows and 21 indicators).
#ifndef DONUM_INTERPRETER_POPULATION_LIVE_HPP
#define DONUM_INTERPRETER_POPULATION_LIVE_HPP

#include <cstddef>
#include <cstdint>
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

namespace live_internal {
struct row_move;
struct flip_test;
}

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
    std::size_t rows_touched = 0;                     ///< rows whose outcomes or amount changed
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
    /// `spacing` is the number of sorted rows between two kept sums of flips (see
    /// live_index.cpp): smaller answers a target faster and keeps more. It is raised so
    /// that an indicator keeps at most max_flip_sums sums (a few MB at most each).
    live_population(compile::program base, const data_table& table, std::vector<rational> reference = {}, const report_options& options = {}, std::size_t spacing = 1024);
    ~live_population();
    /// The most sums of flips an indicator keeps, whatever the number of rows.
    static constexpr std::size_t max_flip_sums = 256;

    live_population(const live_population&) = delete;
    live_population& operator=(const live_population&) = delete;

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
    struct class_set;
    struct year_plan;
    struct moves;
    struct section_answer;
    struct flip_share;
    struct flip_sums;
    struct pay_pair;
    [[nodiscard]] std::vector<year_plan> plans_of(const compile::program& changed) const;
    void move_rows(const compile::program& changed, const std::vector<year_plan>& plans, moves& m) const;
    void flip_rows(const year_plan& plan, std::size_t y, moves& m, std::vector<live_internal::row_move>& moved) const;
    [[nodiscard]] section_answer answer_section(const compile::program& changed, std::size_t k, const year_plan& plan, const moves& m) const;
    [[nodiscard]] std::size_t near_misses(std::size_t k, std::size_t i, const internal::window& w, const moves& m, const live_internal::flip_test* test = nullptr) const;
    void collect_flips(const year_plan& plan, std::size_t k, std::vector<std::pair<std::uint32_t, std::uint32_t>>& flips, std::vector<std::uint8_t>& outcome_moved) const;
    [[nodiscard]] section_answer flip_section(const compile::program& changed, std::size_t k, const year_plan& plan) const;
    void flip_group(const compile::program& p, const eval::payment_plan& plan, std::uint32_t from, std::span<const std::size_t> flipped, std::int64_t rows, std::uint32_t row, flip_share& sh,
                    eval::result& r, std::vector<std::size_t>& blamed) const;
    void build_flip_sums();
    void build_pay_pairs();
    [[nodiscard]] std::optional<section_answer> shift_section(std::size_t k, const year_plan& plan) const;
    [[nodiscard]] std::optional<std::pair<std::size_t, std::size_t>> flip_run(const year_plan& plan, std::size_t k, std::size_t q) const;
    [[nodiscard]] const eval::value& kept(compile::node_id node, std::size_t row) const;

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
    std::vector<compile::node_id> m_amount_nodes;            ///< computed payments, by indicator order
    std::vector<rational> m_euros;                           ///< by row
    std::vector<std::uint32_t> m_class_of;                   ///< by row
    std::unique_ptr<const class_set> m_classes;
    std::vector<std::vector<std::uint32_t>> m_section_classes;  ///< by section: its classes
    std::vector<std::vector<std::uint32_t>> m_sorted;  ///< by section x indicator: rows by measured value
    std::vector<bool> m_indexed;                       ///< by indicator: rows sorted by its measured value
    std::vector<internal::tally> m_counts;             ///< by section: tally_counts of its rows
    std::vector<internal::tally> m_payments;           ///< by section: tally_payment of its rows
    std::vector<std::map<rational, std::size_t>> m_amounts;  ///< by section: rows by amount
    std::vector<std::size_t> m_distinct;                     ///< by section (then all years): distinct ids
    std::vector<std::size_t> m_physicians;                   ///< by section
    std::vector<comparison_sums> m_compared;                 ///< by section: base against the reference
    std::size_t m_spacing = 1024;
    /// By section x indicator: the sums of the flips of the sorted rows, every m_spacing rows
    /// (empty: the indicator's target is answered row by row).
    std::vector<std::vector<flip_sums>> m_flip_sums;
    /// By section: the rows by points, amount and reference (live_shift.cpp); by section x
    /// indicator: the same of the rows its points are paid to (empty: not kept).
    std::vector<std::vector<pay_pair>> m_pay_pairs;
    std::vector<std::vector<pay_pair>> m_pay_pairs_of;
};

}  // namespace donum::population

#endif
