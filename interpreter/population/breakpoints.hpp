// Where a row's payment can change as a target or threshold moves: the exact values solve
// needs when a graded or prorated payment reads the parameter, so that its answer is the
// value where the population changes, as for a plain target, and not a grid value.
//
// Orientation: for an indicator met when `measured >= target`, raising the value only lowers
// what a row gets, and at a breakpoint b the row is still on the higher side (met at
// target = measured; a prorata of exactly k + 1/2 hundredths rounds up; a level reached at
// threshold = measured). So what a row gets is constant on every (b_i, b_i+1]: the
// breakpoints are the upper ends of the steps, like the measured values of a plain target.
#ifndef DONUM_INTERPRETER_POPULATION_BREAKPOINTS_HPP
#define DONUM_INTERPRETER_POPULATION_BREAKPOINTS_HPP

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "interpreter/compile/program.hpp"
#include "interpreter/eval/evaluate.hpp"

namespace donum::population {

/// Whether the breakpoints of slot `slot` are known in closed form: a target, a level's
/// threshold or a prorata floor of an indicator met when `measured >= target` (or
/// `target <= measured`) whose thresholds follow the target by + or -, or by * or / with an
/// operand (its value in each row is checked to be above 0 when the breakpoints are taken).
[[nodiscard]] bool breakpoints_known(const compile::program& p, std::size_t slot);

/// Appends to `out` the values in (lo, hi] of slot `slot` where what the row evaluated in `r`
/// (by `ev`) is paid, or whether it meets its indicator, can change (see the file comment):
/// a superset of the true changes, never missing one. `r` was evaluated with the slot at
/// any value: measured values, starts and operands do not depend on it. Returns false when
/// it cannot tell (an operand of * or / that is not above 0, an overflow): the caller
/// falls back on a grid. Precondition: breakpoints_known(p, slot).
[[nodiscard]] bool add_breakpoints(const compile::program& p, std::size_t slot, const eval::evaluator& ev, const eval::result& r, const exact::rational& lo, const exact::rational& hi,
                                   std::vector<exact::rational>& out);

/// Whether a sweep of slot `slot` alone, over ascending values, may evaluate each row only at
/// the steps right after its breakpoints (its contribution being constant between them):
/// breakpoints_known(p, slot), no indicator but the slot's own has a condition or a computed
/// payment among the dependents `dep` (population::dependents of the slot's readers), and
/// the slot's value reaches nothing but comparisons among the re-run nodes `rerun` (the
/// dependents, readers excepted, ascending).
[[nodiscard]] bool changes_at_breakpoints(const compile::program& p, std::size_t slot, const std::vector<std::uint8_t>& dep, std::span<const compile::node_id> rerun);

/// For a sweep that changes_at_breakpoints: the nodes outside `dep` whose values the re-run
/// of `rerun` and add_breakpoints read, with every node they are computed from, ascending
/// (what eval::evaluator::compute_nodes computes after evaluate_amounts).
[[nodiscard]] std::vector<compile::node_id> nodes_read(const compile::program& p, std::size_t slot, const std::vector<std::uint8_t>& dep, std::span<const compile::node_id> rerun);

}  // namespace donum::population

#endif
