// Pass 3: static checks of a resolved rule file, and its compilation into a program.
#ifndef DONUM_INTERPRETER_COMPILE_CHECK_HPP
#define DONUM_INTERPRETER_COMPILE_CHECK_HPP

#include <optional>

#include "grammar/ast.hpp"
#include "grammar/diagnostic.hpp"
#include "interpreter/compile/program.hpp"

namespace donum::compile {

/// What the checker may tolerate.
struct check_options {
    bool strict = false;  ///< an unresolved XX is an error instead of a warning
};

/// The program (when there is no error) and every problem found, in source order of the
/// checks: unknown and duplicate names (with "did you mean"), types, years without a target,
/// gates (unknown groups, cycles), unused inputs, XX placeholders, examples.
struct check_result {
    std::optional<program> checked;
    grammar::diagnostics issues;
};

/// Checks `file` (already resolved: no `extends` left) and compiles it. Collects every
/// problem instead of stopping at the first one; never throws for bad rules.
[[nodiscard]] check_result check(const grammar::ast::rule_file& file, const check_options& options);

}  // namespace donum::compile

#endif
