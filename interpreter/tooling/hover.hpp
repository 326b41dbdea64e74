// What the language server shows when the cursor rests on a name.
#ifndef DONUM_INTERPRETER_TOOLING_HOVER_HPP
#define DONUM_INTERPRETER_TOOLING_HOVER_HPP

#include <optional>
#include <string>

#include "interpreter/compile/program.hpp"
#include "interpreter/tooling/symbols.hpp"

namespace donum::tooling {

/// The Markdown description of what `s` designates in `p`, labels and values in French as
/// in `donum check --summary`: an input (label, type, CSV column), a definition (label,
/// type), an indicator (group, status, target and points per year, levels, prorata,
/// dotted names), a group (gate, payment per year, cap, indicators), a settable value
/// (value per year). Nothing when `p` has no such thing.
[[nodiscard]] std::optional<std::string> describe(const compile::program& p, const symbol& s);

}  // namespace donum::tooling

#endif
