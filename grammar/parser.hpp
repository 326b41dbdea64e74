// Pass 1: rule file text -> owned AST. The only public door into the PEGTL grammar.
#ifndef DONUM_GRAMMAR_PARSER_HPP
#define DONUM_GRAMMAR_PARSER_HPP

#include <cstddef>
#include <optional>

#include "grammar/ast.hpp"
#include "grammar/diagnostic.hpp"
#include "grammar/source.hpp"

namespace donum::grammar {

/// The most syntax nodes one rule file may hold (docs/language.md, "Limits"). The parser
/// keeps one node for each name, number, operator, label and clause it reads (a term of a
/// sum `1 + 1 + ...` costs two), and the parse tree, the AST and the checker's code together
/// take a few hundred bytes per node: without a bound, a generated 50 MB sum would take
/// gigabytes before anything could be said about it. The official files hold 170 to 850
/// nodes; half a million leaves room for generated rule files five hundred times larger and
/// keeps the memory of the worst file that passes to a few hundred megabytes, under
/// AddressSanitizer too (which doubles it).
inline constexpr std::size_t max_syntax_nodes = 500'000;

/// What parsing produced: the AST when the text is well formed, else the syntax error.
struct parse_result {
    std::optional<ast::rule_file> file;
    diagnostics issues;
};

/// Parses one rule file. Stops at the first syntax error (PEG parsers cannot resynchronise
/// reliably) and reports it with what was expected and, for an unclosed bracket or string,
/// where it opened. Never throws for bad input; `source` must outlive the returned AST,
/// whose ranges point into it. A text of more than `max_nodes` syntax nodes is an error at
/// the node beyond the limit (the parameter exists for the tests; donum uses the default).
[[nodiscard]] parse_result parse(const source_file& source, std::size_t max_nodes = max_syntax_nodes);

/// What parsing a command-line setting produced.
struct setting_result {
    std::optional<ast::set_stmt> setting;
    diagnostics issues;
};

/// Parses `NAME=VALUE` (the text of one --set option, held in `source`) as a set statement,
/// with the same limit on syntax nodes as a rule file.
[[nodiscard]] setting_result parse_setting(const source_file& source);

}  // namespace donum::grammar

#endif
