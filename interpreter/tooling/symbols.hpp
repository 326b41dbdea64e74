// The names a rule file or a scenario writes, found in its tokens and classified by the
// words around them: what the language server hovers, jumps to and lists. Works on a text
// with syntax errors too (an editor's buffer while typing).
#ifndef DONUM_INTERPRETER_TOOLING_SYMBOLS_HPP
#define DONUM_INTERPRETER_TOOLING_SYMBOLS_HPP

#include <optional>
#include <string>
#include <vector>

#include "grammar/source.hpp"
#include "grammar/tokens.hpp"

namespace donum::tooling {

/// What a name designates. `value` is an input or a definition (they share one set of
/// names: which one is the program's to say); `slot` a dotted name of a settable value;
/// `file` the base of `extends`.
enum class symbol_kind { value, group, indicator, slot, file };

/// A designated thing: its kind and its name (for a slot, the dotted name without its year;
/// for a file, the path as written).
struct symbol {
    symbol_kind kind = symbol_kind::value;
    std::string name;
    friend bool operator==(const symbol&, const symbol&) = default;
};

/// One place a symbol is written.
struct occurrence {
    symbol what;
    grammar::source_range range;
    bool declaration = false;  ///< `input X`, `define X`, `group X`, `indicator X`
};

/// Every name written in `tokens` (the tokens of one file), in order. Function names
/// (`rate`), keywords and labels are not names; a slot's own words (`set volet1.points`)
/// are one dotted name.
[[nodiscard]] std::vector<occurrence> occurrences(const grammar::token_stream& tokens);

/// The token that holds byte `byte`, or the one that ends right there (the cursor after a
/// word), or nothing.
[[nodiscard]] const grammar::token* token_at(const grammar::token_stream& tokens, std::size_t byte);

/// The occurrence that holds byte `byte`, or nothing.
[[nodiscard]] std::optional<occurrence> occurrence_at(const std::vector<occurrence>& all, std::size_t byte);

}  // namespace donum::tooling

#endif
