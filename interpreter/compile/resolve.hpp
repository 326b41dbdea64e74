// Pass 2: load a rule file and the chain of files it extends, and apply each derived
// version's changes (extend group, set, remove group) to its base. The result is one
// plain rule file, whose nodes still point at the file each came from.
#ifndef DONUM_INTERPRETER_COMPILE_RESOLVE_HPP
#define DONUM_INTERPRETER_COMPILE_RESOLVE_HPP

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "grammar/ast.hpp"
#include "grammar/diagnostic.hpp"
#include "grammar/source.hpp"

namespace donum::compile {

/// Where rule files may come from.
struct load_options {
    /// A file may extend only files in its own folder or below, unless this is set: a
    /// shared proposal must not silently read files from elsewhere on the machine.
    bool allow_outside = false;
    /// Folders where a base named by a relative path is looked for when it is not next to
    /// the file that extends it, in order (the command line puts DONUM_PATH's folders, then
    /// the folder of the official rule files): a proposal kept in any folder can extend
    /// "forfait-structure.donum". A file found there, and the files it extends from its own
    /// folder, are read without allow_outside.
    std::vector<std::string> search_path;
    /// The text to read instead of a file, by its canonical path, or nothing to read the file
    /// from disk: the unsaved buffers of an editor (donum lsp). Unset for the command line.
    std::function<std::optional<std::string>(const std::string& canonical_path)> read_override;
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

/// Reads the scenario file `path` (and the scenarios it extends) and applies its values to
/// `rules`, base scenario first, so that a derived scenario overrides its base. Keeps the
/// texts read in `sources`; reports unknown names (with the closest), conflicting values in
/// one file, a rule file given as a scenario. Returns false if it reported an error.
bool apply_scenario(grammar::ast::rule_file& rules, const std::string& path, const load_options& options,
                    std::vector<std::shared_ptr<const grammar::source_file>>& sources, grammar::diagnostics& issues);

/// What apply_setting did.
enum class setting_outcome { applied, not_named, error };

/// Applies one command-line setting `NAME=VALUE` (held in `text`, whose name is shown in
/// diagnostics) to `rules`. When `only_if_named`, a name that designates nothing in `rules`
/// leaves them as they are, without error (not_named): a `--set` given to several versions
/// applies to those that have the name. Returns error if it reported one.
setting_outcome apply_setting(grammar::ast::rule_file& rules, const grammar::source_file& text, grammar::diagnostics& issues, bool only_if_named = false);

}  // namespace donum::compile

#endif
