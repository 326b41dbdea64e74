// The token stream: the lexical rules of grammar/rules.hpp (comments, labels, numbers,
// dates, identifiers) read one after the other, without the syntax around them.
#include "grammar/tokens.hpp"

#include <algorithm>

#include <tao/pegtl.hpp>

#include "grammar/rules.hpp"

namespace donum::grammar {

namespace {

namespace lex {

using namespace tao::pegtl;
namespace r = rules;

// clang-format off

// A label as the parser reads it, but without its commit points: an unterminated string
// ends the stream instead of raising an error (the parser reports it).
struct label_token : seq< one< '"' >, star< sor< seq< one< '\\' >, one< '"', '\\' > >, not_one< '"', '\\', '\n', '\r' > > >, one< '"' > > {};
struct comment_token : seq< one< '#' >, until< at< sor< eol, eof > > > > {};
struct date_token : r::date {};
struct number_token : r::number {};
// A dotted name's parts may be keywords (`volet1.points`), so parts are plain identifiers.
struct word_part : seq< r::ident_first, star< r::ident_other > > {};
struct year_suffix : seq< one< '@' >, rep< 4, digit > > {};
struct dotted_token : seq< word_part, sor< seq< plus< one< '.' >, word_part >, opt< year_suffix > >, year_suffix > > {};
struct word_token : word_part {};
struct symbol_token : sor< TAO_PEGTL_STRING( ">=" ), TAO_PEGTL_STRING( "<=" ), TAO_PEGTL_STRING( "!=" ), TAO_PEGTL_STRING( "==" ),
                           TAO_PEGTL_STRING( "<>" ), TAO_PEGTL_STRING( "≥" ), TAO_PEGTL_STRING( "≤" ), TAO_PEGTL_STRING( "≠" ),
                           TAO_PEGTL_STRING( "€" ), TAO_PEGTL_STRING( ".." ),
                           one< '{', '}', '(', ')', ',', ':', '=', '+', '-', '*', '/', '%', '<', '>', '@', '.', ';', '!' > > {};
struct token : sor< comment_token, label_token, date_token, number_token, dotted_token, word_token, symbol_token > {};
struct blank : plus< ascii::space > {};
struct stream : star< sor< blank, token > > {};

// clang-format on

template <typename Rule>
inline constexpr bool is_token = false;
template <> inline constexpr bool is_token<comment_token> = true;
template <> inline constexpr bool is_token<label_token> = true;
template <> inline constexpr bool is_token<date_token> = true;
template <> inline constexpr bool is_token<number_token> = true;
template <> inline constexpr bool is_token<dotted_token> = true;
template <> inline constexpr bool is_token<word_token> = true;
template <> inline constexpr bool is_token<symbol_token> = true;

template <typename Rule>
constexpr token_kind kind_of()
{
    if constexpr (std::is_same_v<Rule, comment_token>) return token_kind::comment;
    else if constexpr (std::is_same_v<Rule, label_token>) return token_kind::label;
    else if constexpr (std::is_same_v<Rule, date_token>) return token_kind::date;
    else if constexpr (std::is_same_v<Rule, number_token>) return token_kind::number;
    else if constexpr (std::is_same_v<Rule, dotted_token>) return token_kind::dotted_name;
    else if constexpr (std::is_same_v<Rule, word_token>) return token_kind::word;
    else return token_kind::symbol;
}

template <typename Rule>
struct action : nothing<Rule> {};

template <typename Rule>
    requires is_token<Rule>
struct action<Rule> {
    template <typename ActionInput>
    static void apply(const ActionInput& in, const source_file& source, std::vector<grammar::token>& out)
    {
        const auto b = in.position();
        const auto text = in.string_view();
        source_range range{&source, {b.byte, b.line, b.column}, {b.byte + text.size(), b.line, b.column + text.size()}};
        out.push_back({kind_of<Rule>(), text, range});
    }
};

}  // namespace lex

constexpr std::string_view keyword_list[] = {
    "convention", "extends", "reference", "source", "point_value", "years", "in_force",
    "input", "boolean", "count", "integer", "decimal", "column", "define",
    "group", "requires", "all", "any", "at", "least", "of", "points", "when", "met", "not_met", "neutralised",
    "indicator", "declared", "calculated", "target", "zero_denominator",
    "and", "or", "not", "if", "then", "else", "XX", "year",
    "set", "remove", "replace", "extend",
    "example", "given", "expect", "EUR", "pts", "scenario", "payment", "cap",
};

// Tokens of source.text[from, to), `from` being at line `line`, column `column`.
token_stream tokenize_part(const source_file& source, std::size_t from, std::size_t to, std::size_t line, std::size_t column)
{
    token_stream out;
    tao::pegtl::memory_input<> in(source.text.data() + from, source.text.data() + to, source.name, from, line, column);
    tao::pegtl::parse<lex::stream, lex::action>(in, source, out.tokens);
    const std::size_t read = out.tokens.empty() ? from : out.tokens.back().range.end.byte;
    // The stream stops at the first byte no token starts with; only blanks may follow.
    out.complete = std::all_of(source.text.begin() + static_cast<std::ptrdiff_t>(read), source.text.begin() + static_cast<std::ptrdiff_t>(to),
                               [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; });
    return out;
}

}  // namespace

token_stream tokenize(const source_file& source)
{
    return tokenize_part(source, 0, source.text.size(), 1, 1);
}

token_stream tokenize_around(const source_file& source, const source_pos& at)
{
    constexpr std::size_t reach = 512;
    const std::string_view text(source.text);
    const std::size_t byte = std::min(at.byte, text.size());
    const std::size_t line_start = at.column >= 1 && byte >= at.column - 1 ? byte - (at.column - 1) : byte;
    std::size_t from = line_start;
    std::size_t line = at.line;
    std::size_t column = 1;
    if (line_start > 0 && at.line > 1) {
        // The line before ends at line_start - 1; it starts after the end of the one before.
        const auto previous = line_start < 2 ? std::string_view::npos : text.rfind('\n', line_start - 2);
        from = previous == std::string_view::npos ? 0 : previous + 1;
        line = at.line - 1;
    }
    if (byte > reach && from < byte - reach) {
        // A long line: start in it, at the right column (a token cut there only blurs the
        // tokens far from `at`).
        const std::size_t start = byte - reach;
        if (start >= line_start) {
            line = at.line;
            column = start - line_start + 1;
        }
        else {
            column = start - from + 1;
        }
        from = start;
    }
    auto end = text.find('\n', byte);
    if (end == std::string_view::npos) end = text.size();
    end = std::min(end, byte + reach);
    return tokenize_part(source, from, std::max(end, from), line, column);
}

bool is_keyword(std::string_view word)
{
    return std::find(std::begin(keyword_list), std::end(keyword_list), word) != std::end(keyword_list);
}

const std::vector<std::string_view>& keywords()
{
    static const std::vector<std::string_view> all(std::begin(keyword_list), std::end(keyword_list));
    return all;
}

}  // namespace donum::grammar
