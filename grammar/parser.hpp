// Pass 1: rule file text -> owned AST, and the texts of command-line options that name
// parameters, values and versions. The only public door into the PEGTL grammar.
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

/// Parses one rule file. A syntax error is reported with what was expected and, for an
/// unclosed bracket or string, where it opened; a French writer's mistake gets its hint
/// (grammar/hints.hpp). There is no AST after a syntax error, but the parser resumes at the
/// next unindented declaration and reports the next error too (up to 50: the declaration
/// after an error is the one place a PEG parser can resynchronise reliably). Never throws
/// for bad input; `source` must outlive the returned AST,
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

// Texts of the other command-line options (grammar/parameters.cpp). Each parser takes the
// whole text of one option in `source`, named after the option (e.g. "--sweep") so that a
// diagnostic reads `--sweep:1:27: error: ...` with the text and a caret, stops at the first
// syntax error, never throws for bad input, and returns an AST whose ranges point into
// `source` (which must outlive it). White space and `#` comments may surround the tokens,
// as in a rule file (not in a version: paths are free text).

/// What parsing the text of one command-line option produced: the AST when the text is
/// well formed, else the syntax error.
template <typename T>
struct parsed {
    std::optional<T> value;
    diagnostics issues;
};

/// Parses `NAME[@YEAR]`, a settable name alone (`solve --vary`): dotted parts, and a year of
/// four digits after '@' for one year only. Nothing may follow.
[[nodiscard]] parsed<ast::slot_name> parse_parameter(const source_file& source);

/// Parses `NAME[@YEAR]=FROM..TO:STEP` (`--sweep`). FROM, TO and STEP are each one constant
/// as in a `--set` value (`1/2..2/3:1/12`, `0%..100%:1%`, `6 €..8 €:0.5 €`, `0.5..0.7:0.1`);
/// a table by year or XX is an error that says so.
[[nodiscard]] parsed<ast::sweep_range> parse_sweep(const source_file& source);

/// Parses an amount of euros (`solve --budget`): a decimal, an optional scale `k`, `M`, `Md`
/// or `G`, and the currency `€` or `EUR`, required (`12M€`, `2.5 Md€`, `150k€`, `1200000 EUR`,
/// `12 MEUR`).
[[nodiscard]] parsed<ast::amount> parse_amount(const source_file& source);

/// Parses a share of physicians (`solve --reach`): one constant expression, `70%`, `70 %`,
/// `0.7`, `2/3`; not XX. Whether it lies between 0 and 1 is the interpreter's to check.
[[nodiscard]] parsed<ast::share> parse_share(const source_file& source);

/// Parses a version, `FILE[+SCENARIO...][@YEAR]` (`diff`, `explain --vs`). Paths are free
/// text: '+' separates them, blanks around each are dropped, '@' may appear inside one. The
/// year is '@' and four digits at the very end; a final '@' followed by text that cannot end
/// a path (no '/', '\', '.' or '+': `@24`, `@20x4`) is a wrong year, and a year followed by
/// '+' is misplaced: both are errors.
[[nodiscard]] parsed<ast::version> parse_version(const source_file& source);

}  // namespace donum::grammar

#endif
