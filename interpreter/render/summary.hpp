// The convention as a table a negotiator can hold against the PDF (`donum check --summary`).
#ifndef DONUM_INTERPRETER_RENDER_SUMMARY_HPP
#define DONUM_INTERPRETER_RENDER_SUMMARY_HPP

#include <string>

#include "interpreter/compile/program.hpp"
#include "interpreter/render/document.hpp"

namespace donum::render {

/// The summary in French: header, each group with its gate and payment, each indicator with
/// status, comparator and target per year, points and zero-denominator policy, then the
/// maximum points and euros per year (compile::maxima).
[[nodiscard]] std::string summary(const compile::program& p);

/// The same convention as a document (md, csv, json and xlsx of `check --summary
/// --format`): facts (reference, years, point value, cap), tables « Groupes » (gate,
/// payment, cap), « Indicateurs » (one row per indicator, and per level of a graded one:
/// status, measure, comparator, target of each year as a number, points of each year,
/// zero-denominator policy) and « Maximum » (points and euros per year).
[[nodiscard]] document summary_document(const compile::program& p);

}  // namespace donum::render

#endif
