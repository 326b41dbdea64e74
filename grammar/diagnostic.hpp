// Diagnostics: the one shape in which every pass reports a problem in a rule file.
#ifndef DONUM_GRAMMAR_DIAGNOSTIC_HPP
#define DONUM_GRAMMAR_DIAGNOSTIC_HPP

#include <string>
#include <vector>

#include "grammar/source.hpp"

namespace donum::grammar {

/// How bad a diagnostic is. Notes attach context to the diagnostic before them.
enum class severity { error, warning, note };

/// One problem found in a rule file: printed as `file:line:col: error: message`, then the
/// source line and a caret under the offending text.
struct diagnostic {
    severity level = severity::error;
    source_range range;
    std::string message;
    std::vector<diagnostic> notes;  ///< e.g. "previous definition is here"
};

/// Diagnostics of one run, in the order they were found.
using diagnostics = std::vector<diagnostic>;

/// Renders `d` (and its notes) as text: location, level, message, source line, caret line.
/// The caret underlines the whole range when it stays on one line.
[[nodiscard]] std::string render(const diagnostic& d);

/// True if any diagnostic in `ds` is an error.
[[nodiscard]] bool has_errors(const diagnostics& ds);

/// Counts the diagnostics of the given severity in `ds`.
[[nodiscard]] std::size_t count(const diagnostics& ds, severity level);

}  // namespace donum::grammar

#endif
