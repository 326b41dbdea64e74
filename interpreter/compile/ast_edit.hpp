// Internal to compile/ (not part of its API): what the resolver (pass 2) does to the AST of
// a base version when a derived version changes it: deep copies of expressions, finding an
// indicator's target and the comparison that reads it.
#ifndef DONUM_INTERPRETER_COMPILE_AST_EDIT_HPP
#define DONUM_INTERPRETER_COMPILE_AST_EDIT_HPP

#include <string>

#include "grammar/ast.hpp"
#include "grammar/source.hpp"

namespace donum::compile::internal {

/// A deep copy of an expression: a value set for one year of a single-valued slot turns the
/// slot into a table, which needs one copy of the old value per remaining year.
[[nodiscard]] grammar::ast::expr clone(const grammar::ast::expr& e);
/// The same for an owned expression (null stays null).
[[nodiscard]] grammar::ast::expr_ptr clone_ptr(const grammar::ast::expr_ptr& e);
/// The same for a value by year.
[[nodiscard]] grammar::ast::value_spec clone(const grammar::ast::value_spec& v);

/// The value of the one `target` of an indicator's condition, or nullptr.
[[nodiscard]] grammar::ast::value_spec* find_target(grammar::ast::expr& condition);

/// The comparison one side of which is the target itself (`rate(a, b) >= target 30 %`), or
/// nullptr.
[[nodiscard]] grammar::ast::comparison* comparison_of_target(grammar::ast::expr& condition);

/// A comparison read from the other side: `a >= b` is `b <= a`; = and != stay.
[[nodiscard]] grammar::ast::binary_op mirrored(grammar::ast::binary_op op);

/// The text of a range as written, for messages.
[[nodiscard]] std::string source_text(const grammar::source_range& r);

}  // namespace donum::compile::internal

#endif
