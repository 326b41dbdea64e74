// The tokens of a rule file, comments included: what the formatter, the hints of syntax
// errors and the language server read where the AST has no room for it (comments, the
// spelling of a unit, the word under the cursor). PEGTL-free, like parser.hpp.
#ifndef DONUM_GRAMMAR_TOKENS_HPP
#define DONUM_GRAMMAR_TOKENS_HPP

#include <string_view>
#include <vector>

#include "grammar/source.hpp"

namespace donum::grammar {

/// What a token is. Keywords are words: `is_keyword` tells them apart.
enum class token_kind {
    comment,      ///< `# ...` to the end of the line (the end of line excluded)
    label,        ///< `"..."`, quotes included
    number,       ///< `12`, `22.5`
    date,         ///< `2026-01-01`
    word,         ///< an identifier or a keyword: `dmp_num`, `target`, `EUR`
    dotted_name,  ///< a settable name with a dot or a year: `volet2.dmp.target@2024`
    symbol,       ///< punctuation, operators and units: `{ } ( ) , : = + - * / % € >= ≥ ==`
};

/// One token: its kind, its text (a view into the source) and where it stands.
struct token {
    token_kind kind = token_kind::symbol;
    std::string_view text;
    source_range range;
};

/// The tokens of a text, in order. `complete` is false when the text holds something no
/// token starts with (a lone quote, a control character): `tokens` then stops before it.
struct token_stream {
    std::vector<token> tokens;
    bool complete = true;
};

/// Splits `source` into tokens, white space dropped and comments kept. Never throws for bad
/// input; the views point into `source`, which must outlive the result.
[[nodiscard]] token_stream tokenize(const source_file& source);

/// The tokens near `at`: from the start of the line before it to the end of its line, at
/// most 512 bytes on either side. What a hint reads around a syntax error, without reading
/// a whole file (which may be a 50 MB generated one).
[[nodiscard]] token_stream tokenize_around(const source_file& source, const source_pos& at);

/// True if `word` is one of the 50 reserved keywords of the language (docs/language.md,
/// section 1); `prorated`, `from` and `above` are not reserved.
[[nodiscard]] bool is_keyword(std::string_view word);

/// The reserved keywords, in the order of docs/language.md: for completion and the editor
/// grammar's test.
[[nodiscard]] const std::vector<std::string_view>& keywords();

}  // namespace donum::grammar

#endif
