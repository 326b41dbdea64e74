// The language server's view of the files being edited: each open document analysed by the
// compiler's passes (compile::compile_rules, with the editor's unsaved texts in place of
// the files), and the answers an editor asks for, in editor positions. Protocol-free: the
// JSON of the Language Server Protocol is cli/lsp.cpp's.
#ifndef DONUM_INTERPRETER_TOOLING_WORKSPACE_HPP
#define DONUM_INTERPRETER_TOOLING_WORKSPACE_HPP

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "grammar/diagnostic.hpp"
#include "grammar/tokens.hpp"
#include "interpreter/compile/driver.hpp"
#include "interpreter/tooling/completion.hpp"
#include "interpreter/tooling/positions.hpp"
#include "interpreter/tooling/symbols.hpp"

namespace donum::tooling {

/// A place in a file, for "go to definition" and "references".
struct location {
    std::string path;  ///< absolute
    editor_range range;
};

/// A diagnostic of one document, in its editor's positions; the notes (e.g. "first set
/// here") are related places, possibly in another file.
struct editor_diagnostic {
    editor_range range;
    grammar::severity level = grammar::severity::error;
    std::string message;
    struct related {
        location at;
        std::string message;
    };
    std::vector<related> notes;
};

/// An entry of a document's outline: a group and its indicators, an input, a definition,
/// an example.
struct document_symbol {
    enum class kind { group, indicator, input, define, example, setting };
    kind what = kind::group;
    std::string name;
    std::string detail;  ///< the label
    editor_range range;      ///< the whole declaration
    editor_range selection;  ///< its name
    std::vector<document_symbol> children;
};

/// Options an editor gives when it starts the server.
struct workspace_options {
    /// Let `extends` read files outside the folder of the file (donum check --allow-outside).
    bool allow_outside = false;
    /// Where a base not found next to the file that extends it is looked for (the command
    /// line's search path: DONUM_PATH, then the official rule files), so that the editor
    /// finds the bases the command finds.
    std::vector<std::string> search_path;
    /// The rule file scenarios are checked against; empty: the rule file opened last.
    std::string scenario_rules;
};

/// The open documents and their analyses.
class workspace {
public:
    explicit workspace(workspace_options options = {}) : m_options(std::move(options)) {}

    /// Opens (or replaces) the document `path` (absolute) with `text` and analyses it, and
    /// every open document that reads it (a derived file, a scenario).
    void open(const std::string& path, std::string text);
    /// Forgets the document `path`.
    void close(const std::string& path);
    /// The open documents whose analysis the last open() changed, `path` first.
    [[nodiscard]] const std::vector<std::string>& reanalysed() const { return m_reanalysed; }

    /// Every diagnostic of the compiler's passes located in `path`; a problem found in
    /// another file (the base of `extends`) is shown on the `extends` clause.
    [[nodiscard]] std::vector<editor_diagnostic> diagnostics(const std::string& path) const;
    /// What the name under `pos` is, in Markdown (labels and values in French): an input and
    /// its CSV column, a definition and its type, an indicator's targets and points per year
    /// and dotted names, a group's gate and payment, a settable value per year.
    [[nodiscard]] std::optional<std::string> hover(const std::string& path, editor_position pos) const;
    /// Where the name under `pos` is declared (the base file, for `extends "FILE"`).
    [[nodiscard]] std::vector<location> definition(const std::string& path, editor_position pos) const;
    /// Every place the name under `pos` is written, in the document and the files it reads.
    [[nodiscard]] std::vector<location> references(const std::string& path, editor_position pos, bool with_declaration) const;
    /// The outline of `path`: groups with their indicators, inputs, definitions, examples.
    [[nodiscard]] std::vector<document_symbol> symbols(const std::string& path) const;
    /// What may be written at `pos`: names, dotted names after `set`, groups after `of`,
    /// inputs in `given`, functions and keywords.
    [[nodiscard]] std::vector<completion_item> completion(const std::string& path, editor_position pos) const;

private:
    struct analysis {
        std::shared_ptr<grammar::source_file> source;
        grammar::token_stream tokens;  ///< views into *source
        std::vector<occurrence> names;
        bool scenario = false;
        compile::compiled compiled;
        /// The last program of this document that checked: names for hover and completion
        /// while the text has errors.
        std::shared_ptr<const compile::program> program;
    };

    workspace_options m_options;
    std::map<std::string, analysis> m_documents;
    std::string m_last_rules;  ///< the rule file opened last, for scenarios
    std::vector<std::string> m_reanalysed;

    void analyse(const std::string& path, analysis& a);
    [[nodiscard]] const analysis* find(const std::string& path) const;
    [[nodiscard]] std::optional<occurrence> name_at(const analysis& a, editor_position pos) const;
    [[nodiscard]] std::vector<location> places(const analysis& a, const symbol& s, bool declarations, bool others) const;
};

}  // namespace donum::tooling

#endif
