// The French text of `donum explain`: why one row gets its amount.
#ifndef DONUM_INTERPRETER_RENDER_EXPLANATION_HPP
#define DONUM_INTERPRETER_RENDER_EXPLANATION_HPP

#include <string>

#include "interpreter/compile/program.hpp"
#include "interpreter/eval/explain.hpp"

namespace donum::render {

/// An explanation (eval::explain) in French for people: each group (open or closed, and
/// why), each indicator with its measure (a rate as num/den and percentage), comparator,
/// target, outcome and points, what is missing to reach each rate target, then the total.
[[nodiscard]] std::string render_explanation(const compile::program& p, const eval::explanation& e);

}  // namespace donum::render

#endif
