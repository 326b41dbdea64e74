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
// - Groups, points and euros: payment.hpp.
// - Overflow. Any exact result beyond 64 bits is an error, never a wrong number: it is
//   raised as evaluation_error at the node that overflowed, when that node's value is
//   needed (a definition, an indicator condition; the untaken branch of an `if` is not
//   needed). `and`/`or`/mean/min/max need all their operands. A sum or product overflows
//   when a partial result, left to right, does not fit (as with rational's operators).
#ifndef DONUM_INTERPRETER_EVAL_EVALUATE_HPP
#define DONUM_INTERPRETER_EVAL_EVALUATE_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "interpreter/compile/program.hpp"
#include "interpreter/eval/conditions.hpp"
#include "interpreter/eval/errors.hpp"
#include "interpreter/eval/payment.hpp"
#include "interpreter/eval/result.hpp"

namespace donum::eval {

using compile::node_id;
using compile::opcode;
using compile::program;

/// A slot value replacing the program's own for one evaluation: slot index and value.
using slot_override = std::pair<std::size_t, rational>;

/// New values for the code nodes that read a slot, for evaluator::rerun.
struct slot_change {
    std::span<const node_id> readers;  ///< the opcode::slot nodes of the slot
    value to;                          ///< the slot's new value
};

/// The compiled plan of one program for one year: the code as a flat instruction list, and
/// the year's payment plan. evaluate() is const and keeps all per-row state in the caller's
/// result, so one evaluator may serve several threads, each with its own result.
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
    evaluator(const program& p, int year, std::span<const slot_override> overrides);

    /// Evaluates one row. `inputs` holds one value per program input (program::inputs
    /// order); `out` is overwritten, its buffers reused. Throws std::invalid_argument if
    /// inputs has the wrong size, evaluation_error on overflow (with the year; the caller
    /// adds the row).
    void evaluate(std::span<const std::int64_t> inputs, result& out) const;

    /// Same, into a fresh result: convenient, but allocates.
    [[nodiscard]] result evaluate(std::span<const std::int64_t> inputs) const;

    /// Same as evaluate(inputs, out) for a pass that reads only the outcomes, groups and
    /// amounts: out.values is left unspecified. The conditions of the simple shapes (see
    /// conditions.hpp) are decided by integer comparisons on the inputs, and the general
    /// sweep computes only the nodes that the definitions, the other conditions and the
    /// computed payments need: the same outcomes, amounts and errors as evaluate().
    void evaluate_amounts(std::span<const std::int64_t> inputs, result& out) const;

    /// The row evaluated in `out` again with some slots changed: sets the nodes that read each
    /// changed slot to its new value, re-runs `dependents` (ascending node ids: every node that
    /// reads a changed slot node, directly or not, the readers themselves excepted), reading
    /// every other node from out.values, then decides the indicators of `affected` (those
    /// whose condition is among the dependents). The values and outcomes are then those a full
    /// evaluate() with the new slot values would give; groups and amounts are not touched:
    /// pay() them with the right plan. Throws std::invalid_argument if out.values does not
    /// hold one value per code node or `dependents` is not ascending and in range,
    /// evaluation_error as evaluate() (a definition, then a condition, that overflowed).
    void rerun(std::span<const slot_change> changes, std::span<const node_id> dependents, std::span<const std::size_t> affected, result& out) const;

    /// Computes the code nodes `nodes` of the row `inputs` into out.values (sized to the code
    /// first), leaving the others as they are: after evaluate_amounts, the few values that a
    /// rerun() or a reading of some nodes needs, without the full sweep. `nodes` must be
    /// ascending and hold, before each node, its arguments and, for a definition's reference,
    /// the definition's root (or have them in out.values already). An overflow is kept as the
    /// node's value, as evaluate() keeps it for a node nothing needs. Throws
    /// std::invalid_argument if inputs has the wrong size or a node is out of range.
    void compute_nodes(std::span<const std::int64_t> inputs, std::span<const node_id> nodes, result& out) const;

    /// The value of slot `s` in the evaluated year, overrides applied (never XX: the
    /// constructor refuses them). Precondition: s < program::slots.size().
    [[nodiscard]] const rational& slot_value(std::size_t s) const { return *m_slot_values[s]; }
    /// The value of every slot in the evaluated year, overrides applied.
    [[nodiscard]] std::span<const std::optional<rational>> slot_values() const { return m_slot_values; }
    /// The year's points and point value.
    [[nodiscard]] const payment_plan& payment() const { return *m_payment; }

    /// The evaluated year.
    [[nodiscard]] int year() const { return m_year; }
    /// The program evaluated.
    [[nodiscard]] const program& rules() const { return *m_program; }

private:
    struct instruction {
        opcode op = opcode::constant;
        std::int32_t index = -1;        ///< input, definition register or (for define) root
        std::uint32_t first_arg = 0;    ///< into m_args
        std::uint32_t arg_count = 0;
        value constant;                 ///< constant, slot and year nodes; input: den 1, or exact::fixed_scale for a decimal input
    };

    void run(std::span<const std::int64_t> inputs, result& out) const;
    // The value of node i from the values before it: the one implementation of each opcode,
    // shared by run() and rerun(). `inputs` is read only by input nodes.
    [[nodiscard]] value compute(std::size_t i, const std::int64_t* inputs, const value* v) const;
    void decide_one(std::size_t indicator, result& out) const;
    void decide_compiled(std::size_t indicator, const std::int64_t* inputs, result& out) const;
    [[nodiscard]] indicator_result undefined_outcome(std::size_t indicator) const;
    [[noreturn]] void raise_overflow(const value& overflowed) const;

    const program* m_program;
    int m_year;
    std::size_t m_year_index;
    std::vector<instruction> m_code;
    std::vector<node_id> m_args;
    std::vector<std::optional<rational>> m_slot_values;  ///< by slot, this year, overrides applied
    std::optional<payment_plan> m_payment;
    std::vector<compiled_condition> m_conditions;  ///< by indicator, for evaluate_amounts
    std::vector<node_id> m_still_needed;           ///< what evaluate_amounts sweeps
    /// The indicators of each shape (compiled_condition::shape), each decided in its own
    /// loop: no switch per indicator.
    std::array<std::vector<std::uint32_t>, 4> m_of_shape;
};

}  // namespace donum::eval

#endif
