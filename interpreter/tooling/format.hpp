// `donum fmt`: the canonical layout of a rule file or a scenario.
#ifndef DONUM_INTERPRETER_TOOLING_FORMAT_HPP
#define DONUM_INTERPRETER_TOOLING_FORMAT_HPP

#include <optional>
#include <string>

#include "grammar/diagnostic.hpp"
#include "grammar/source.hpp"

namespace donum::tooling {

/// The formatted text, or the syntax errors that prevent formatting.
struct format_result {
    std::optional<std::string> text;
    grammar::diagnostics issues;
};

/// Lays `source` out canonically: one declaration, header item, indicator and example item
/// per line, blocks indented by two spaces, continuation lines by two more (a `given` list
/// under its first value), one space between tokens but none inside `rate(a, b)`, before
/// `,` and `:`, or after a unary minus, `30 %` with its space, at most one blank line where
/// the writer left some, comments kept where they stand. Only white space changes: the
/// tokens, hence the meaning, are those of `source`, and formatting the result gives it
/// back unchanged. A text with a syntax error is not formatted (its diagnostics are
/// returned). Throws std::logic_error if the result would not hold the same tokens (a bug
/// of the formatter, never a change of meaning).
[[nodiscard]] format_result format_source(const grammar::source_file& source);

}  // namespace donum::tooling

#endif
