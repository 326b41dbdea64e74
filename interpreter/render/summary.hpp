// The convention as a table a negotiator can hold against the PDF (`donum check --summary`).
#ifndef DONUM_INTERPRETER_RENDER_SUMMARY_HPP
#define DONUM_INTERPRETER_RENDER_SUMMARY_HPP

#include <string>

#include "interpreter/compile/program.hpp"

namespace donum::render {

/// The summary in French: header, each group with its gate and payment, each indicator with
/// status, comparator and target per year, points and zero-denominator policy, then the
/// maximum points and euros per year (compile::maxima).
[[nodiscard]] std::string summary(const compile::program& p);

}  // namespace donum::render

#endif
