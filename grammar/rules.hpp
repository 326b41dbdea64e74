// The PEGTL grammar of donum rule files. Included by grammar/parser.cpp only (and by the
// grammar's own unit test), so that PEGTL stays inside the grammar folder.
//
// Conventions (after PEGTL's own examples):
// - one named struct per rule; a rule that can raise an error has its own name and an
//   entry in grammar/errors.hpp;
// - `if_must<>` commits as soon as a construct is unambiguous (after its keyword), so
//   errors are reported where the text goes wrong, not at the start of the declaration;
// - tokens do not eat the white space after them: sequences say `sep` explicitly, so node
//   ranges end on the last character of the construct;
// - openers and closers of brackets are rules of their own: the parser records where each
//   bracket opened and the error for a missing closer says so (as Lua does).
#ifndef DONUM_GRAMMAR_RULES_HPP
#define DONUM_GRAMMAR_RULES_HPP

#include <tao/pegtl.hpp>

namespace donum::grammar::rules {

using namespace tao::pegtl;

// clang-format off

// White space and comments: `#` to the end of the line.
struct comment : seq< one< '#' >, until< eolf > > {};
struct sep : star< sor< ascii::space, comment > > {};

// Identifiers are ASCII; a letter with an accent right after one is an error of its own,
// because "volet_é" would otherwise be reported far from its cause.
struct ident_first : ranges< 'a', 'z', 'A', 'Z', '_' > {};
struct ident_other : ranges< 'a', 'z', 'A', 'Z', '0', '9', '_' > {};
struct ascii_end : not_at< range< '\x80', '\xff' > > {};

// Keywords: reserved everywhere, matched only as whole words.
struct kw_convention : TAO_PEGTL_KEYWORD( "convention" ) {};
struct kw_extends : TAO_PEGTL_KEYWORD( "extends" ) {};
struct kw_reference : TAO_PEGTL_KEYWORD( "reference" ) {};
struct kw_source : TAO_PEGTL_KEYWORD( "source" ) {};
struct kw_point_value : TAO_PEGTL_KEYWORD( "point_value" ) {};
struct kw_years : TAO_PEGTL_KEYWORD( "years" ) {};
struct kw_in_force : TAO_PEGTL_KEYWORD( "in_force" ) {};
struct kw_input : TAO_PEGTL_KEYWORD( "input" ) {};
struct kw_boolean : TAO_PEGTL_KEYWORD( "boolean" ) {};
struct kw_count : TAO_PEGTL_KEYWORD( "count" ) {};
struct kw_integer : TAO_PEGTL_KEYWORD( "integer" ) {};
struct kw_decimal : TAO_PEGTL_KEYWORD( "decimal" ) {};
struct kw_column : TAO_PEGTL_KEYWORD( "column" ) {};
struct kw_define : TAO_PEGTL_KEYWORD( "define" ) {};
struct kw_group : TAO_PEGTL_KEYWORD( "group" ) {};
struct kw_requires : TAO_PEGTL_KEYWORD( "requires" ) {};
struct kw_all : TAO_PEGTL_KEYWORD( "all" ) {};
struct kw_any : TAO_PEGTL_KEYWORD( "any" ) {};
struct kw_at : TAO_PEGTL_KEYWORD( "at" ) {};
struct kw_least : TAO_PEGTL_KEYWORD( "least" ) {};
struct kw_of : TAO_PEGTL_KEYWORD( "of" ) {};
struct kw_points : TAO_PEGTL_KEYWORD( "points" ) {};
struct kw_when : TAO_PEGTL_KEYWORD( "when" ) {};
struct kw_met : TAO_PEGTL_KEYWORD( "met" ) {};
struct kw_not_met : TAO_PEGTL_KEYWORD( "not_met" ) {};
struct kw_neutralised : TAO_PEGTL_KEYWORD( "neutralised" ) {};
struct kw_indicator : TAO_PEGTL_KEYWORD( "indicator" ) {};
struct kw_declared : TAO_PEGTL_KEYWORD( "declared" ) {};
struct kw_calculated : TAO_PEGTL_KEYWORD( "calculated" ) {};
struct kw_target : TAO_PEGTL_KEYWORD( "target" ) {};
struct kw_zero_denominator : TAO_PEGTL_KEYWORD( "zero_denominator" ) {};
struct kw_and : TAO_PEGTL_KEYWORD( "and" ) {};
struct kw_or : TAO_PEGTL_KEYWORD( "or" ) {};
struct kw_not : TAO_PEGTL_KEYWORD( "not" ) {};
struct kw_if : TAO_PEGTL_KEYWORD( "if" ) {};
struct kw_then : TAO_PEGTL_KEYWORD( "then" ) {};
struct kw_else : TAO_PEGTL_KEYWORD( "else" ) {};
struct kw_xx : TAO_PEGTL_KEYWORD( "XX" ) {};
struct kw_year : TAO_PEGTL_KEYWORD( "year" ) {};
struct kw_set : TAO_PEGTL_KEYWORD( "set" ) {};
struct kw_remove : TAO_PEGTL_KEYWORD( "remove" ) {};
struct kw_replace : TAO_PEGTL_KEYWORD( "replace" ) {};
struct kw_extend : TAO_PEGTL_KEYWORD( "extend" ) {};
struct kw_example : TAO_PEGTL_KEYWORD( "example" ) {};
struct kw_given : TAO_PEGTL_KEYWORD( "given" ) {};
struct kw_expect : TAO_PEGTL_KEYWORD( "expect" ) {};
struct kw_eur : TAO_PEGTL_KEYWORD( "EUR" ) {};
struct kw_pts : TAO_PEGTL_KEYWORD( "pts" ) {};
struct kw_scenario : TAO_PEGTL_KEYWORD( "scenario" ) {};
struct kw_payment : TAO_PEGTL_KEYWORD( "payment" ) {};
struct kw_cap : TAO_PEGTL_KEYWORD( "cap" ) {};
struct kw_prorated : TAO_PEGTL_KEYWORD( "prorated" ) {};
struct kw_from : TAO_PEGTL_KEYWORD( "from" ) {};
struct kw_above : TAO_PEGTL_KEYWORD( "above" ) {};
struct kw_change : TAO_PEGTL_KEYWORD( "change" ) {};

struct keyword : sor< kw_convention, kw_extends, kw_reference, kw_source, kw_point_value, kw_years, kw_in_force,
                      kw_input, kw_boolean, kw_count, kw_integer, kw_decimal, kw_column, kw_define, kw_group, kw_requires,
                      kw_all, kw_any, kw_at, kw_least, kw_of, kw_points, kw_when, kw_met, kw_not_met,
                      kw_neutralised, kw_indicator, kw_declared, kw_calculated, kw_target, kw_zero_denominator,
                      kw_and, kw_or, kw_not, kw_if, kw_then, kw_else, kw_xx, kw_year, kw_set, kw_remove,
                      kw_replace, kw_extend, kw_example, kw_given, kw_expect, kw_eur, kw_pts, kw_scenario,
                      kw_payment, kw_cap > {};
// `prorated`, `from` and `above` are read only right after `points V`, and `change` only at
// the start of an edit inside `extend group`, where no name can stand: they stay free as
// names (an indicator may be called `above`).

struct identifier : seq< not_at< keyword >, ident_first, star< ident_other >, must< ascii_end > > {};

// Names: the same lexeme, selected apart for the AST (declared here, referenced there).
struct decl_name : identifier {};
struct group_ref : identifier {};
struct input_ref : identifier {};
struct indicator_ref : identifier {};
struct callee : identifier {};
struct name_ref : identifier {};

// Strings: double quotes, `\"` and `\\` escapes, one line.
struct string_open : one< '"' > {};
struct string_close : one< '"' > {};
struct escape_char : one< '"', '\\' > {};
struct escaped : if_must< one< '\\' >, escape_char > {};
struct string_char : sor< escaped, not_one< '"', '\\', '\n', '\r' > > {};
struct string_literal : if_must< string_open, star< string_char >, string_close > {};
struct label : string_literal {};

// Punctuation.
struct comma : one< ',' > {};
struct colon : one< ':' > {};
struct equals : one< '=' > {};

// Numbers and units: `12`, `22.5`, `30 %`, `7 €`, `7 EUR`, `40 pts`.
struct digits : plus< digit > {};
struct number : seq< digits, opt< one< '.' >, digits > > {};
struct unit_percent : one< '%' > {};
struct unit_euro : sor< TAO_PEGTL_STRING( "€" ), kw_eur > {};
struct unit_points : kw_pts {};
struct unit : sor< unit_percent, unit_euro, unit_points > {};
struct number_literal : seq< number, opt< sep, unit > > {};
struct year_digits : seq< rep< 4, digit >, not_at< ident_other > > {};

// Expressions, loosest first: or, and, not, comparison, + -, * /, unary minus, primary.
struct expression;
struct sum;

struct placeholder : kw_xx {};
struct year_ref : kw_year {};

// A value that may change by year: `30 %`, `XX`, or `{ 2023: 20 %, 2024: XX }`.
struct table_open : one< '{' > {};
struct table_close : one< '}' > {};
struct entry_value : sor< placeholder, sum > {};
struct year_entry : if_must< year_digits, sep, colon, sep, entry_value > {};
struct year_table : if_must< table_open, sep, year_entry, sep, star< comma, sep, must< year_entry >, sep >, table_close > {};
struct value_spec : sor< year_table, placeholder, sum > {};

struct target_ref : if_must< kw_target, sep, value_spec > {};

struct paren_open : one< '(' > {};
struct paren_close : one< ')' > {};
struct paren_expr : if_must< paren_open, sep, expression, sep, paren_close > {};

struct args_open : one< '(' > {};
struct args_close : one< ')' > {};
struct call : seq< callee, sep, if_must< args_open, sep, opt< expression, sep, star< comma, sep, must< expression >, sep > >, args_close > > {};

struct if_then : kw_then {};
struct if_else : kw_else {};
struct if_expr : if_must< kw_if, sep, expression, sep, if_then, sep, expression, sep, if_else, sep, expression > {};

struct primary : sor< paren_expr, if_expr, target_ref, placeholder, number_literal, year_ref, call, name_ref > {};
struct operand : primary {};

struct unary;
struct negation : if_must< one< '-' >, sep, unary > {};
struct unary : sor< negation, operand > {};

struct mul_op : one< '*', '/' > {};
struct product : seq< unary, star< sep, mul_op, sep, must< unary > > > {};

struct add_op : one< '+', '-' > {};
struct sum : seq< product, star< sep, add_op, sep, must< product > > > {};

struct cmp_op : sor< TAO_PEGTL_STRING( ">=" ), TAO_PEGTL_STRING( "<=" ), TAO_PEGTL_STRING( "!=" ),
                     TAO_PEGTL_STRING( "≥" ), TAO_PEGTL_STRING( "≤" ), TAO_PEGTL_STRING( "≠" ),
                     one< '>', '<', '=' > > {};
struct comparison : seq< sum, opt< sep, cmp_op, sep, must< sum > > > {};

struct negatable;
struct logical_not : if_must< kw_not, sep, negatable > {};
struct negatable : sor< logical_not, comparison > {};
struct conjunction : seq< negatable, star< sep, kw_and, sep, must< negatable > > > {};
struct disjunction : seq< conjunction, star< sep, kw_or, sep, must< conjunction > > > {};
struct expression : disjunction {};

// The convention header.
struct header_open : one< '{' > {};
struct header_close : one< '}' > {};
struct extends_clause : if_must< kw_extends, sep, label > {};
struct reference_item : if_must< kw_reference, sep, label > {};
struct source_item : if_must< kw_source, sep, label > {};
struct point_value_item : if_must< kw_point_value, sep, value_spec > {};
struct more_years : star< sep, comma, sep, must< year_digits > > {};
struct years_item : if_must< kw_years, sep, year_digits, more_years > {};
struct date : seq< rep< 4, digit >, one< '-' >, rep< 2, digit >, one< '-' >, rep< 2, digit > > {};
struct in_force_item : if_must< kw_in_force, sep, date > {};
// `cap VALUE`: points paid at most, per physician (the convention's total, or a group's).
struct cap_clause : if_must< kw_cap, sep, value_spec > {};
struct header_item : sor< reference_item, source_item, point_value_item, years_item, in_force_item, cap_clause > {};
struct convention_header : if_must< kw_convention, sep, decl_name, sep, opt< label, sep >, opt< extends_clause, sep >,
                                    header_open, sep, star< header_item, sep >, header_close > {};

// `input ID "label" TYPE [column "name"]`.
struct input_type : sor< kw_boolean, kw_count, kw_integer, kw_decimal > {};
struct column_clause : if_must< kw_column, sep, label > {};
struct input_decl : if_must< kw_input, sep, decl_name, sep, label, sep, input_type, opt< sep, column_clause > > {};

// `define ID ["label"] = EXPR`.
struct define_decl : if_must< kw_define, sep, decl_name, sep, opt< label, sep >, equals, sep, expression > {};

// Gates and block payments.
struct k_digits : digits {};
struct all_of : if_must< kw_all, sep, kw_of, sep, group_ref > {};
struct any_of : if_must< kw_any, sep, kw_of, sep, group_ref > {};
struct at_least_of : if_must< kw_at, sep, kw_least, sep, k_digits, sep, kw_of, sep, group_ref > {};
struct payment_of : if_must< kw_payment, sep, kw_of, sep, group_ref > {};
struct gate_term : sor< all_of, any_of, at_least_of, payment_of > {};
struct more_gate_terms : star< sep, kw_and, sep, must< gate_term > > {};
struct requires_clause : if_must< kw_requires, sep, gate_term, more_gate_terms > {};
struct when_all : kw_all {};
struct when_at_least : if_must< kw_at, sep, kw_least, sep, k_digits > {};
struct block_quantifier : sor< when_all, when_at_least > {};
struct block_clause : if_must< kw_points, sep, value_spec, sep, kw_when, sep, block_quantifier, sep, kw_met > {};

// `indicator ID "label" declared|calculated: CONDITION [points V] [zero_denominator P]`.
struct status : sor< kw_declared, kw_calculated > {};
struct condition : expression {};
// Computed payments. A threshold is a value of its own (settable, like a target) or one
// relative to the indicator's target, which it follows when the target is set, swept or
// solved: `target + 20 %`, `target / 2`.
struct threshold_target : kw_target {};
struct threshold_op : one< '+', '-', '*', '/' > {};
struct threshold_operand : sum {};
struct relative_threshold : if_must< threshold_target, sep, threshold_op, sep, threshold_operand > {};
struct threshold : sor< relative_threshold, value_spec > {};
// `points 200 at 4`: a level of a graded payment; `points 40 prorated [from START] [above
// FLOOR]`: a payment in proportion to the way from START (0) to the target, nothing below
// FLOOR.
struct level_clause : if_must< kw_at, sep, threshold > {};
struct prorata_start : sum {};
struct prorated_from : if_must< kw_from, sep, prorata_start > {};
struct prorated_above : if_must< kw_above, sep, threshold > {};
struct prorated_clause : if_must< kw_prorated, opt< sep, prorated_from >, opt< sep, prorated_above > > {};
struct points_form : sor< level_clause, prorated_clause > {};
struct points_clause : if_must< kw_points, sep, value_spec, opt< sep, points_form > > {};
struct policy : sor< kw_not_met, kw_met, kw_neutralised > {};
struct zero_clause : if_must< kw_zero_denominator, sep, policy > {};
struct indicator_clause : sor< points_clause, zero_clause > {};
struct indicator_decl : if_must< kw_indicator, sep, decl_name, sep, label, sep, status, sep, colon, sep, condition,
                                 star< sep, indicator_clause > > {};

// `group ID "label" [requires ...] [points V when ... met] { indicator ... }`.
struct group_open : one< '{' > {};
struct group_close : one< '}' > {};
struct group_decl : if_must< kw_group, sep, decl_name, sep, label, sep, opt< requires_clause, sep >, opt< block_clause, sep >,
                             opt< cap_clause, sep >, group_open, sep, star< indicator_decl, sep >, group_close > {};

// Derived versions: `extend group`, `set`, `remove group`.
struct replace_indicator : if_must< kw_replace, sep, indicator_decl > {};
struct remove_indicator : if_must< kw_remove, sep, kw_indicator, sep, indicator_ref > {};
// `change indicator ID CLAUSE...`: some clauses of an indicator, the others as the base
// writes them. `target [OP] VALUE` changes the target's value (and its comparator).
struct change_what : kw_indicator {};
struct target_change : if_must< kw_target, sep, opt< cmp_op, sep >, value_spec > {};
struct change_clause : sor< target_change, points_clause, zero_clause > {};
struct change_indicator : if_must< kw_change, sep, change_what, sep, indicator_ref, sep, change_clause, star< sep, change_clause > > {};
struct group_edit : sor< replace_indicator, remove_indicator, change_indicator, indicator_decl > {};
struct extend_open : one< '{' > {};
struct extend_close : one< '}' > {};
struct extend_group : if_must< kw_extend, sep, kw_group, sep, group_ref, sep, opt< label, sep >, opt< requires_clause, sep >,
                               opt< block_clause, sep >, opt< cap_clause, sep >, extend_open, sep, star< group_edit, sep >, extend_close > {};

// `set NAME = VALUE` and `remove group`. A settable name has dotted parts (keywords allowed:
// `volet1.points`), in ASCII as identifiers, and an optional year: `volet2.dmp.target@2024`.
struct slot_part : seq< ident_first, star< ident_other >, must< ascii_end > > {};
struct slot_year : if_must< one< '@' >, year_digits > {};
struct slot_name : seq< slot_part, star< one< '.' >, must< slot_part > >, opt< slot_year > > {};
struct set_stmt : if_must< kw_set, sep, slot_name, sep, equals, sep, value_spec > {};
struct removed_input : input_ref {};
struct remove_input : seq< kw_remove, sep, kw_input, sep, must< removed_input > > {};
struct remove_what : kw_group {};
struct remove_group : if_must< kw_remove, sep, remove_what, sep, group_ref > {};

// `example "label" { year 2024 [set NAME = VALUE ...] given a = 1, b = 2 expect 280 points, 1960.00 € }`.
struct example_open : one< '{' > {};
struct example_close : one< '}' > {};
struct given_number : seq< opt< one< '-' > >, number > {};
struct given_value : if_must< input_ref, sep, equals, sep, given_number > {};
struct example_year : if_must< kw_year, sep, year_digits > {};
struct example_given : if_must< kw_given, sep, opt< given_value, sep, star< comma, sep, must< given_value >, sep > > > {};
struct expected_points : number {};
struct expected_euros : number {};
struct euro_unit : unit_euro {};
struct example_expect : if_must< kw_expect, sep, expected_points, sep, kw_points, sep, comma, sep, expected_euros, sep, euro_unit > {};
struct example_decl : if_must< kw_example, sep, label, sep, example_open, sep, opt< example_year, sep >, star< set_stmt, sep >,
                               opt< example_given, sep >, example_expect, sep, example_close > {};

// A file: one header, then declarations.
struct item : sor< input_decl, define_decl, group_decl, extend_group, set_stmt, remove_input, remove_group, example_decl > {};
struct end_of_file : eof {};
struct header_first : convention_header {};
struct rule_body : seq< must< header_first >, sep, star< item, sep >, must< end_of_file > > {};

// A scenario: a named set of values, applied on top of a rule file by --scenario.
struct scenario_header : if_must< kw_scenario, sep, decl_name, sep, label, opt< sep, extends_clause > > {};
struct end_of_scenario : eof {};
struct scenario_body : seq< scenario_header, sep, star< set_stmt, sep >, must< end_of_scenario > > {};

struct file : seq< sep, sor< scenario_body, rule_body > > {};

// Texts of command-line options, each parsed whole (grammar/parameters.cpp): white space
// and comments around the tokens as in a rule file, and an end rule of its own, so that text
// left over is reported after what the option holds.

// One value given on the command line: `--set NAME=VALUE`.
struct setting : seq< slot_name, sep, equals, sep, value_spec > {};
struct end_of_setting : eof {};
struct setting_text : seq< sep, must< setting >, sep, must< end_of_setting > > {};

// A settable name alone, `NAME[@YEAR]`: `solve --vary volet2.dmp.target@2024`.
struct parameter : slot_name {};
struct end_of_parameter : eof {};
struct parameter_text : seq< sep, must< parameter >, sep, must< end_of_parameter > > {};

// `--sweep NAME[@YEAR]=FROM..TO:STEP`. Each bound is one constant as in a --set value
// (`2/3`, `20 %`, `6.5 €`, `(1 + 2) / 12`); a table by year or XX is refused with its own
// message, since the sweep itself gives the values. `..` never reads as a decimal point:
// a number's '.' must be followed by a digit, so `0.5..0.7` is 0.5, `..`, 0.7 and `1..2`
// is 1, `..`, 2.
struct table_in_sweep : seq< at< table_open >, raise< table_in_sweep > > {};
struct xx_in_sweep : seq< at< placeholder >, raise< xx_in_sweep > > {};
struct sweep_value : sor< table_in_sweep, xx_in_sweep, sum > {};
struct sweep_from : sweep_value {};
struct sweep_to : sweep_value {};
struct sweep_step : sweep_value {};
struct sweep_name : slot_name {};
struct sweep_equals : one< '=' > {};
struct sweep_dots : TAO_PEGTL_STRING( ".." ) {};
struct sweep_colon : one< ':' > {};
struct sweep : seq< must< sweep_name >, sep, must< sweep_equals >, sep, must< sweep_from >, sep, must< sweep_dots >, sep,
                    must< sweep_to >, sep, must< sweep_colon >, sep, must< sweep_step > > {};
struct end_of_sweep : eof {};
struct sweep_text : seq< sep, sweep, sep, must< end_of_sweep > > {};

// `solve --budget AMOUNT`: euros, exact, with an optional scale before the currency:
// `12M€`, `12 M€`, `2.5Md€` (milliard), `150k€`, `1200000 €`, `12 MEUR`. The currency is
// required, as for a point value in a rule file: `12M` alone is refused. 'Md' before 'M'.
struct amount_digits : number {};
struct scale_thousands : one< 'k' > {};
struct scale_millions : one< 'M' > {};
struct scale_billions : sor< TAO_PEGTL_STRING( "Md" ), one< 'G' > > {};
struct amount_scale : sor< scale_billions, scale_millions, scale_thousands > {};
struct amount_currency : unit_euro {};
struct amount : seq< must< amount_digits >, sep, opt< amount_scale, sep >, must< amount_currency > > {};
struct end_of_amount : eof {};
struct amount_text : seq< sep, amount, sep, must< end_of_amount > > {};

// `solve --reach SHARE`: one constant as in a --set value, `70%`, `70 %`, `0.7`, `2/3`
// (the interpreter checks it lies between 0 and 1). XX is no share.
struct share_value : seq< not_at< placeholder >, sum > {};
struct end_of_share : eof {};
struct share_text : seq< sep, must< share_value >, sep, must< end_of_share > > {};

// A version, `FILE[+SCENARIO...][@YEAR]` (`diff`, `explain --vs`). Paths are free text, not
// the rule language: no comments, spaces and '@' allowed inside, blanks around each path
// dropped. '+' separates the files (a path cannot hold one). The year is '@' and four digits
// at the very end. An '@' whose rest of the text holds no '/', '\', '.' or '+' cannot end a
// path to a file (`rules.donum@24`, `@20x4`): it is read as a year, and a wrong one is an
// error. A year before a '+' is one too: it belongs to the whole version, so it comes last.
struct path_blank : one< ' ', '\t' > {};
struct year_suffix : seq< one< '@' >, star< not_one< '/', '\\', '.', '+', '@' > >, eof > {};
struct year_not_last : seq< at< one< '@' >, rep< 4, digit >, star< path_blank >, one< '+' > >, raise< year_not_last > > {};
struct path_char : sor< year_not_last, seq< not_at< year_suffix >, not_one< '+', ' ', '\t' > > > {};
struct path : list< plus< path_char >, plus< path_blank > > {};
struct rules_path : path {};
struct scenario_path : path {};
struct scenario_plus : seq< one< '+' >, star< path_blank >, must< scenario_path >, star< path_blank > > {};
struct version_year_digits : rep< 4, digit > {};
struct version_year_end : seq< star< path_blank >, eof > {};
struct version_year : if_must< one< '@' >, version_year_digits, version_year_end > {};
struct version : seq< must< rules_path >, star< path_blank >, star< scenario_plus >, opt< version_year > > {};
struct end_of_version : eof {};
struct version_text : seq< star< path_blank >, version, must< end_of_version > > {};

// clang-format on

}  // namespace donum::grammar::rules

#endif
