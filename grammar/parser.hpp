// Pass 1: rule file text -> owned AST. The only public door into the PEGTL grammar.
#ifndef DONUM_GRAMMAR_PARSER_HPP
#define DONUM_GRAMMAR_PARSER_HPP

#include <optional>

#include "grammar/ast.hpp"
#include "grammar/diagnostic.hpp"
#include "grammar/source.hpp"

namespace donum::grammar {

/// What parsing produced: the AST when the text is well formed, else the syntax error.
struct parse_result {
    std::optional<ast::rule_file> file;
    diagnostics issues;
};

/// Parses one rule file. Stops at the first syntax error (PEG parsers cannot resynchronise
/// reliably) and reports it with what was expected and, for an unclosed bracket or string,
/// where it opened. Never throws for bad input; `source` must outlive the returned AST,
/// whose ranges point into it.
[[nodiscard]] parse_result parse(const source_file& source);

/// What parsing a command-line setting produced.
struct setting_result {
    std::optional<ast::set_stmt> setting;
    diagnostics issues;
};

/// Parses `NAME=VALUE` (the text of one --set option, held in `source`) as a set statement.
[[nodiscard]] setting_result parse_setting(const source_file& source);

}  // namespace donum::grammar

#endif
