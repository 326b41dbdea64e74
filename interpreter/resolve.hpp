// Pass 2: load a rule file and the chain of files it extends, and apply each derived
// version's changes (extend group, set, remove group) to its base. The result is one
// plain rule file, whose nodes still point at the file each came from.
#ifndef DONUM_INTERPRETER_RESOLVE_HPP
#define DONUM_INTERPRETER_RESOLVE_HPP

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "grammar/ast.hpp"
#include "grammar/diagnostic.hpp"
#include "grammar/source.hpp"

namespace donum::interpreter {

/// Where rule files may come from.
struct load_options {
    /// A file may extend only files in its own folder or below, unless this is set: a
    /// shared proposal must not silently read files from elsewhere on the machine.
    bool allow_outside = false;
};

/// The resolved rule file and the sources its nodes point into.
struct resolve_result {
    std::optional<grammar::ast::rule_file> file;
    std::vector<std::shared_ptr<const grammar::source_file>> sources;
    grammar::diagnostics issues;
};

/// Reads `path`, parses it and every file it extends, and applies the changes of each
/// derived file in order (base first). Reports unreadable files, syntax errors, extends
/// cycles, changes to names that do not exist and conflicting changes in one file.
[[nodiscard]] resolve_result load_rules(const std::string& path, const load_options& options);

/// Applies the `set` statements of `layer` (a parsed text holding only `set` lines, as made
/// from --set NAME=VALUE) on top of `file`, reporting unknown names and conflicts.
void apply_layer(grammar::ast::rule_file& file, grammar::ast::rule_file&& layer, grammar::diagnostics& issues);

}  // namespace donum::interpreter

#endif
