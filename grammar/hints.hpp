// Hints for the syntax errors French writers make: a decimal comma ("22,5"), a French
// keyword ("cible", "si ... alors ... sinon"), "==". The parser's message says what the
// grammar expected; the hint says what the writer meant.
#ifndef DONUM_GRAMMAR_HINTS_HPP
#define DONUM_GRAMMAR_HINTS_HPP

#include <optional>
#include <string_view>
#include <vector>

#include "grammar/diagnostic.hpp"
#include "grammar/tokens.hpp"

namespace donum::grammar {

/// A French word written where donum has an English keyword, and what to write instead.
struct french_word {
    std::string_view french;   ///< e.g. "cible"
    std::string_view english;  ///< e.g. "target", or "if CONDITION then A else B"
};

/// The French words donum recognises in a syntax error (docs/editors.md lists them).
[[nodiscard]] const std::vector<french_word>& french_words();

/// A clearer diagnostic for the syntax error `error`, found in the text of `tokens`, when
/// the text around it shows one of the mistakes above: the new message, pointing at the
/// mistake itself (the French word, the whole "22,5"). Nothing when no hint applies: the
/// parser's message then stands.
[[nodiscard]] std::optional<diagnostic> french_hint(const token_stream& tokens, const diagnostic& error);

}  // namespace donum::grammar

#endif
