// The known answers of a rule file (its `example` blocks), evaluated: what `donum test` runs.
//
// Each example is one row: its `given` inputs (0 for the others), at its year, with the
// slot values it assumes (`set` inside the example) as evaluator overrides. It passes when
// the points are exactly the expected points and the euros, rounded to the cent (half away
// from zero, as they are paid), are exactly the expected euros.
#ifndef DONUM_INTERPRETER_POPULATION_EXAMPLES_HPP
#define DONUM_INTERPRETER_POPULATION_EXAMPLES_HPP

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "interpreter/compile/program.hpp"
#include "interpreter/exact/rational.hpp"

namespace donum::population {

/// What one example gave.
struct example_outcome {
    std::size_t example = 0;  ///< index in program::examples
    bool passed = false;
    std::optional<exact::rational> points;  ///< what the rules pay, when it could be evaluated
    std::optional<exact::rational> euros;
    /// Why it could not be evaluated, when it could not: the open placeholders
    /// (placeholders non-empty) or an overflow (message).
    std::vector<std::string> placeholders;
    std::string overflow;
};

/// Evaluates every example of `p`, in order, through the population runner. Never throws
/// for an example that cannot be evaluated: its outcome says why.
[[nodiscard]] std::vector<example_outcome> run_examples(const compile::program& p);

}  // namespace donum::population

#endif
