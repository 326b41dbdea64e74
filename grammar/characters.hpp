// Characters a rule text (or an option's text) may hold that donum cannot read where they
// stand, found before or after parsing so that the message names them: a line end made of a
// carriage return alone, and the look-alikes of white space and punctuation that word
// processors and PDF copies bring (no-break spaces before '%' or '€' in French typography,
// typographic quotes, '−'), often invisible in an editor.
#ifndef DONUM_GRAMMAR_CHARACTERS_HPP
#define DONUM_GRAMMAR_CHARACTERS_HPP

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace donum::grammar {

/// The UTF-8 byte order mark, which may open a rule file (editors on Windows write it).
inline constexpr std::string_view byte_order_mark = "\xEF\xBB\xBF";

/// Byte offset of the first carriage return that is not followed by a line feed: a text
/// whose lines end with CR alone (classic Mac OS) would be read as one line, a comment
/// swallowing the rest of the file. Nothing when every CR is part of a CRLF.
[[nodiscard]] std::optional<std::size_t> lone_carriage_return(std::string_view text);

/// When `text` starts with a character that looks like white space or punctuation of the
/// language but is not one (U+00A0 no-break space, U+202F narrow no-break space, other
/// Unicode spaces, a byte order mark, typographic quotes, dashes and minus sign, '×', '÷';
/// not '≥', '≤', '≠', which the language reads), the message that names it and says what
/// to write instead: "here is a no-break space (U+00A0): write an ordinary space".
[[nodiscard]] std::optional<std::string> lookalike_message(std::string_view text);

}  // namespace donum::grammar

#endif
