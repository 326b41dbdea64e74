// The answer of `donum solve` in French: the parameter, the goal, the answer with its cost
// (and reach), the value on the other side of the goal, and the round values around it.
#ifndef DONUM_INTERPRETER_RENDER_SOLVE_HPP
#define DONUM_INTERPRETER_RENDER_SOLVE_HPP

#include <string>

#include "interpreter/population/sweep.hpp"
#include "interpreter/render/document.hpp"

namespace donum::render {

/// The answer `r` to `goal` on `p`, whose data is `data_file`.
[[nodiscard]] std::string render_solve(const compile::program& p, const population::solve_goal& goal, const population::solve_result& r, const std::string& data_file);

/// The same answer as a document (md, csv, json and xlsx of `donum solve --format`): facts
/// (parameter, goal, whether it is met, method) and a table « Valeurs évaluées », one row per
/// value shown (the answer, the other side, the round values): the value as a number and as
/// exact text, its cost, physicians paid and counted, and for a reach the physicians
/// reaching it and their share.
[[nodiscard]] document solve_document(const compile::program& p, const population::solve_goal& goal, const population::solve_result& r, const std::string& data_file);

}  // namespace donum::render

#endif
