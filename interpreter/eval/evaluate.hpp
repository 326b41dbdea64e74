// Evaluation of a checked program for one physician-year, and its explanation.
//
// Semantics, exactly:
// - Values. Every node has a value for the row: an exact fraction, or *undefined*.
//   `rate(n, d)` is n/d, undefined when d is 0; `a / b` is undefined when b is 0 (a constant
//   or a data value alike). Undefined propagates through arithmetic, comparisons, `not`,
//   mean, min and max. `and`/`or` follow Kleene's logic: false and undefined is false, true
//   or undefined is true, otherwise undefined wins. `if c then a else b` is undefined when c
//   is; otherwise only the chosen branch matters.
// - Booleans are the numbers 0 and 1 (a boolean input holds 0 or 1); a value used as a
//   condition is true iff it equals 1, false otherwise.
// - Inputs are read from the activation (the row: int64 values indexed like
//   program::inputs); slots from the evaluated year; `year` is that year.
// - Definitions are computed once per row, in order, into registers; a reference reads
//   the register. Every definition is computed, used or not.
// - Indicator outcome: condition true -> met, false -> not met, undefined -> the
//   indicator's zero_denominator policy (not met, met, or neutralised). A neutralised
//   indicator counts neither as met nor as failed in gates and blocks, and is not paid.
// - Groups, in program::group_order. A group is open iff every term of its gate holds:
//   `all of G`: G is open and every non-neutralised indicator of G is met (true when all
//   are neutralised); `any of G`: G is open and at least one is met; `at least K of G`: G
//   is open and at least K are met. A group that is not open pays nothing. A block group
//   pays its block points iff it is open and (`when all met`: every non-neutralised
//   indicator is met; `when at least K met`: at least K are met). Otherwise each met
//   indicator of an open group pays its points of the year.
// - Total points are the sum over groups; euros = points * point value of the year,
//   exact (print with rational::to_fixed(2), half away from zero).
// - Overflow. Any exact result beyond 64 bits is an error, never a wrong number: it is
//   raised as evaluation_error at the node that overflowed, when that node's value is
//   needed (a definition, an indicator condition; the untaken branch of an `if` is not
//   needed). `and`/`or`/mean/min/max need all their operands. A sum or product overflows
//   when a partial result, left to right, does not fit (as with rational's operators).
#ifndef DONUM_INTERPRETER_EVAL_EVALUATE_HPP
#define DONUM_INTERPRETER_EVAL_EVALUATE_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "grammar/diagnostic.hpp"
#include "grammar/source.hpp"
#include "interpreter/compile/program.hpp"
#include "interpreter/exact/rational.hpp"

namespace donum::eval {

using compile::group_info;
using compile::indicator_info;
using compile::node_id;
using compile::opcode;
using compile::program;
using compile::slot;
using exact::overflow_error;
using exact::rational;

/// The value of one code node for one row: num/den with den > 0, not necessarily reduced
/// (a rate keeps its counts, so that an explanation can show 200/300), or undefined.
struct value {
    std::int64_t num = 0;
    /// > 0 when defined; 0 when undefined; < 0 when the node overflowed (num is then the id
    /// of the node where it happened), which result::values only shows for nodes whose value
    /// was not needed (the untaken branch of an `if`).
    std::int64_t den = 1;

    /// An undefined value (a zero denominator somewhere below).
    [[nodiscard]] static constexpr value undefined() { return {0, 0}; }
    /// True when it is a number (neither undefined nor overflowed).
    [[nodiscard]] constexpr bool defined() const { return den > 0; }
    /// True iff defined and equal to 1: how a boolean reads as a condition.
    [[nodiscard]] constexpr bool is_true() const { return den > 0 && num == den; }
    /// The exact value, reduced. Precondition: defined(). Throws overflow_error if num is
    /// INT64_MIN (a value no rational holds).
    [[nodiscard]] rational exact() const { return {num, den}; }
};

/// What became of one indicator in one row.
enum class indicator_outcome : std::uint8_t { not_met, met, neutralised };

/// Outcome of one indicator, and whether its condition was undefined (so that the outcome
/// is its zero_denominator policy).
struct indicator_result {
    indicator_outcome outcome = indicator_outcome::not_met;
    bool undefined = false;
};

/// Everything evaluate() computes for one row. Reuse one instance across rows: its vectors
/// keep their capacity, so that the per-row work allocates nothing.
struct result {
    rational points;                           ///< total points
    rational euros;                            ///< points times the point value
    std::vector<indicator_result> indicators;  ///< by index of program::indicators
    std::vector<bool> group_open;              ///< by index of program::groups
    std::vector<rational> group_points;        ///< points paid by each group
    std::vector<std::uint32_t> group_met;      ///< met indicators of each group
    std::vector<std::uint32_t> group_neutralised;  ///< neutralised indicators of each group
    std::vector<value> values;                 ///< value of every code node (index: node_id)
};

/// A rule that cannot be evaluated for one row: an exact result beyond 64 bits. Points at
/// the rule text; the caller adds the row (data file, line, physician id) when it knows it.
class evaluation_error : public std::runtime_error {
public:
    /// An error at `range` of the rule file; `message` says what failed, without location.
    evaluation_error(const grammar::source_range& range, std::string message);

    /// Where in the rule file: the expression that overflowed, or the group / point value.
    [[nodiscard]] const grammar::source_range& range() const { return m_range; }
    /// What failed, without location: "this product is too large for exact arithmetic ...".
    [[nodiscard]] const std::string& message() const { return m_message; }
    /// The data file of the row, empty until set_row().
    [[nodiscard]] const std::string& data_file() const { return m_data_file; }
    /// 1-based line of the row in the data file, 0 until set_row().
    [[nodiscard]] std::size_t data_line() const { return m_data_line; }
    /// Physician id of the row, empty until set_row().
    [[nodiscard]] const std::string& id() const { return m_id; }
    /// Evaluated year of the row, 0 until set_row().
    [[nodiscard]] int year() const { return m_year; }

    /// Records the row being evaluated (file, 1-based line, physician id, year); what()
    /// then names it too.
    void set_row(std::string data_file, std::size_t data_line, std::string id, int year);

    /// The error as a diagnostic at the rule text, with a note naming the row (when set),
    /// for grammar::render: "rules.donum:12:5: error: ...".
    [[nodiscard]] grammar::diagnostic to_diagnostic() const;

    /// "rules.donum:12:5: error: message (data.csv:57: physician M1, year 2024)".
    [[nodiscard]] const char* what() const noexcept override { return m_what.c_str(); }

private:
    void update_what();

    grammar::source_range m_range;
    std::string m_message;
    std::string m_data_file;
    std::size_t m_data_line = 0;
    std::string m_id;
    int m_year = 0;
    std::string m_what;
};

/// A placeholder XX that the evaluated year needs.
struct open_placeholder {
    std::string name;  ///< dotted name, "@year" appended when other years are set
    grammar::source_range range;
};

/// Thrown when the evaluated year still has XX values: lists every one of them.
class placeholder_error : public std::runtime_error {
public:
    /// `year` is the evaluated year; `open` is not empty.
    placeholder_error(int year, std::vector<open_placeholder> open);

    /// The year that cannot be evaluated (the first one, when evaluate_table merges years).
    [[nodiscard]] int year() const { return m_year; }
    /// Every XX that blocks it, in slot order.
    [[nodiscard]] const std::vector<open_placeholder>& open() const { return m_open; }

private:
    int m_year;
    std::vector<open_placeholder> m_open;
};

/// How far a rate is from its target: the smallest numerator n' (denominator fixed) that
/// meets the target.
struct numerator_gap {
    bool reachable = false;     ///< false when even n' = denominator does not meet it
    std::int64_t needed = 0;    ///< n', when reachable
    std::int64_t missing = 0;   ///< n' - n, when reachable
};

/// One indicator in an explanation.
struct indicator_explanation {
    std::size_t indicator = 0;           ///< index in program::indicators
    std::optional<value> measured;       ///< value of indicator_info::measured_node
    std::optional<value> numerator;      ///< when the measured side is a rate: its arguments
    std::optional<value> denominator;
    std::optional<rational> target;      ///< target of the year
    value condition;                     ///< value of the whole condition
    indicator_result result;
    std::optional<rational> points_of_year;  ///< the indicator's own points (none in a block)
    rational points_paid;
    std::optional<numerator_gap> gap;    ///< rate targets (>= or >) not met, defined rate
};

/// One gate term in an explanation: `all|any|at least K of G`.
struct gate_term_explanation {
    std::size_t term = 0;             ///< index in group_info::gate
    bool holds = false;
    bool group_open = false;          ///< whether G itself is open
    std::size_t met = 0;              ///< met indicators of G
    std::size_t required = 0;         ///< met indicators needed (all: non-neutralised count)
    std::vector<std::size_t> missing; ///< indicators of G neither met nor neutralised
};

/// One group in an explanation.
struct group_explanation {
    std::size_t group = 0;  ///< index in program::groups
    bool open = false;
    std::vector<gate_term_explanation> terms;
    std::size_t met = 0;
    std::size_t neutralised = 0;
    bool block = false;                   ///< paid as one block
    bool block_paid = false;
    std::optional<rational> block_points; ///< the block's points of the year
    rational points;                      ///< points paid by the group
};

/// Why one row gets its amount.
struct explanation {
    int year = 0;
    rational point_value;
    rational points;
    rational euros;
    std::vector<indicator_explanation> indicators;  ///< in program order
    std::vector<group_explanation> groups;          ///< in program order
};

/// The compiled plan of one program for one year. evaluate() and explain() are const and
/// keep all per-row state in the caller's result, so one evaluator may serve several
/// threads, each with its own result.
class evaluator {
public:
    /// Prepares `p` for `year`. The program must outlive the evaluator. Throws
    /// std::invalid_argument if `year` is not one of p.years, placeholder_error listing every
    /// slot that is XX in that year.
    evaluator(const program& p, int year);

    /// Same, with some slot values replaced for `year`: each pair is a slot index and the
    /// value it takes instead of p.slots[slot].by_year (an XX replaced is no longer open; a
    /// later pair for the same slot wins). The program is neither copied nor changed and
    /// must outlive the evaluator. Values are used as given: range checks (a rate target in
    /// [0, 1], non-negative points) are the caller's. Throws std::invalid_argument for a
    /// slot index out of range or a year not in p.years, placeholder_error listing the slots
    /// still XX.
    evaluator(const program& p, int year, std::span<const std::pair<std::size_t, rational>> overrides);

    /// Evaluates one row. `inputs` holds one value per program input (program::inputs
    /// order); `out` is overwritten, its buffers reused. Throws std::invalid_argument if
    /// inputs has the wrong size, evaluation_error on overflow (row not set).
    void evaluate(std::span<const std::int64_t> inputs, result& out) const;

    /// Same, into a fresh result: convenient, but allocates.
    [[nodiscard]] result evaluate(std::span<const std::int64_t> inputs) const;

    /// Evaluates one row and says why: every indicator's measure, target and outcome, every
    /// gate, the points, and for each rate target not met the smallest numerator that meets
    /// it. Same errors as evaluate().
    [[nodiscard]] explanation explain(std::span<const std::int64_t> inputs) const;

    /// Re-runs only `nodes` (ascending node ids) for the row whose values are in `out`,
    /// reading every other node from out.values, and writes their new values there: after a
    /// slot value changed, re-running the nodes that depend on it gives the values a full
    /// evaluate() would. Input nodes in `nodes` keep their value (a row's inputs do not
    /// change); slot nodes take this evaluator's value. Outcomes, groups and amounts are not
    /// touched: call decide() and pay() for them. Throws std::invalid_argument if out.values
    /// does not hold one value per code node or `nodes` is not ascending and in range,
    /// evaluation_error when a definition's value overflowed (the first in definition order,
    /// as evaluate() would report it).
    void evaluate_nodes(std::span<const node_id> nodes, result& out) const;

    /// Recomputes the outcome of each indicator of `indicators` (indexes in
    /// program::indicators) from its condition's value in out.values, as evaluate() does;
    /// the others keep theirs (out.indicators is sized for every indicator if it is not).
    /// Throws std::invalid_argument for an index out of range or out.values of the wrong
    /// size, evaluation_error when a condition overflowed (the first in the order given).
    void decide(std::span<const std::size_t> indicators, result& out) const;

    /// Recomputes from out.indicators the groups (open, met, neutralised, points), the total
    /// points and the euros, with this evaluator's points and point value: the last step of
    /// evaluate(). Precondition: out.indicators holds one outcome per indicator. Throws
    /// evaluation_error when a sum of points or the euros overflow.
    void pay(result& out) const;

    /// The value of slot `s` in the evaluated year, overrides applied (never XX: the
    /// constructor refuses them). Precondition: s < program::slots.size().
    [[nodiscard]] const rational& slot_value(std::size_t s) const { return *m_slot_values[s]; }

    /// The evaluated year.
    [[nodiscard]] int year() const { return m_year; }
    /// The program evaluated.
    [[nodiscard]] const program& code() const { return *m_program; }

private:
    struct instruction {
        opcode op = opcode::constant;
        std::int32_t index = -1;        ///< input, definition register or (for define) root
        std::uint32_t first_arg = 0;    ///< into m_args
        std::uint32_t arg_count = 0;
        value constant;                 ///< constant, slot and year nodes
    };

    void run(std::span<const std::int64_t> inputs, result& out) const;
    // The value of node i from the values before it: the one implementation of each opcode,
    // shared by run() and evaluate_nodes(). `inputs` is read only by input nodes.
    [[nodiscard]] value compute(std::size_t i, const std::int64_t* inputs, const value* v) const;
    void decide_one(std::size_t indicator, result& out) const;
    [[noreturn]] void raise_overflow(const value& overflowed) const;
    [[nodiscard]] rational points_from_scaled(std::int64_t scaled) const;

    const program* m_program;
    int m_year;
    std::size_t m_year_index;
    std::vector<instruction> m_code;
    std::vector<node_id> m_args;
    std::vector<std::optional<rational>> m_indicator_points;  ///< by indicator, this year
    std::vector<std::optional<rational>> m_block_points;      ///< by group, this year
    rational m_point_value;
    std::vector<std::optional<rational>> m_slot_values;  ///< by slot, this year, overrides applied
    // Points as integers over one common denominator, so that summing them per row needs
    // no gcd; unset when that denominator or a numerator does not fit 64 bits.
    std::optional<std::int64_t> m_points_scale;
    std::vector<std::int64_t> m_indicator_scaled;
    std::vector<std::int64_t> m_block_scaled;
};

/// Renders an explanation in French for people: each group (open or closed, and why), each
/// indicator with its measure (a rate as num/den and percentage), comparator, target,
/// outcome and points, what is missing to reach each rate target, then the total.
[[nodiscard]] std::string render_explanation(const program& p, const explanation& e);

/// French name of an outcome: "atteint", "non atteint", "neutralisé".
[[nodiscard]] const char* outcome_name(indicator_outcome o);

}  // namespace donum::eval

#endif
