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

}  // namespace donum::population

#endif
