// The French text of `donum explain`: why one row gets its amount.
#ifndef DONUM_INTERPRETER_RENDER_EXPLANATION_HPP
#define DONUM_INTERPRETER_RENDER_EXPLANATION_HPP

#include <string>

#include "interpreter/compile/program.hpp"
#include "interpreter/eval/explain.hpp"
#include "interpreter/render/document.hpp"

namespace donum::render {

/// An explanation (eval::explain) in French for people: each group (open or closed, and
/// why), each indicator with its measure (a rate as num/den and percentage), comparator,
/// target, outcome and points, what is missing to reach each rate target, then the total.
[[nodiscard]] std::string render_explanation(const compile::program& p, const eval::explanation& e);

/// The explanations of one physician (one per year shown) as a document (md, csv, json and
/// xlsx of `donum explain --format`): tables « Indicateurs » (year, group, indicator,
/// numerator, denominator, measure, comparator, target, outcome, points paid, acts missing),
/// « Groupes » (year, open or closed and why, block, points) and « Total » (year, points,
/// point value, euros).
[[nodiscard]] document explanation_document(const compile::program& p, std::string_view id, std::string_view data_file, const std::vector<eval::explanation>& years);

}  // namespace donum::render

#endif
