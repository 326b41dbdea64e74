// Error messages of the grammar, one per rule that can fail after a commit point, and the
// PEGTL control class that raises them (the pattern of PEGTL's json_errors.hpp).
//
// A missing message is a compile-time error: every rule reached through must<> needs one,
// except rules that cannot fail (opt, star, white space).
#ifndef DONUM_GRAMMAR_ERRORS_HPP
#define DONUM_GRAMMAR_ERRORS_HPP

#include <string>
#include <type_traits>
#include <vector>

#include <fmt/format.h>

#include <tao/pegtl/contrib/limit_depth.hpp>

#include "grammar/rules.hpp"
#include "interpreter/messages/messages.hpp"

namespace donum::grammar::rules {

// The messages are in English, the catalogue's key; raise() shows them in the chosen
// language (interpreter/messages/messages.hpp).
using messages::N_;

template< typename Rule >
inline constexpr const char* error_message = nullptr;

// clang-format off
template<> inline constexpr auto error_message< ascii_end > = N_( "identifiers are written in ASCII: letters without accents, digits and '_'" );
template<> inline constexpr auto error_message< escape_char > = N_( "unknown escape in a string: only \\\" and \\\\ are allowed" );
template<> inline constexpr auto error_message< string_close > = N_( "expected '\"' to close the string" );
template<> inline constexpr auto error_message< label > = N_( "expected a label in double quotes, e.g. \"Taux d'usage DMP\"" );
template<> inline constexpr auto error_message< decl_name > = N_( "expected a name: ASCII letters, digits and '_', not a keyword" );
template<> inline constexpr auto error_message< group_ref > = N_( "expected the name of a group" );
template<> inline constexpr auto error_message< input_ref > = N_( "expected the name of an input" );
template<> inline constexpr auto error_message< indicator_ref > = N_( "expected the name of an indicator" );
template<> inline constexpr auto error_message< colon > = N_( "expected ':'" );
template<> inline constexpr auto error_message< comma > = N_( "expected ','" );
template<> inline constexpr auto error_message< equals > = N_( "expected '='" );
template<> inline constexpr auto error_message< year_digits > = N_( "expected a year of four digits, e.g. 2024" );
template<> inline constexpr auto error_message< entry_value > = N_( "expected the value for this year (a number, a percentage or XX)" );
template<> inline constexpr auto error_message< year_entry > = N_( "expected 'YEAR: VALUE', e.g. 2024: 30 %" );
template<> inline constexpr auto error_message< table_close > = N_( "expected ',' or '}' to close the table by year" );
template<> inline constexpr auto error_message< value_spec > = N_( "expected a value: a number, a percentage, XX, or a table by year { 2024: 30 % }" );
template<> inline constexpr auto error_message< expression > = N_( "expected an expression" );
template<> inline constexpr auto error_message< paren_close > = N_( "expected ')' to close the parenthesis" );
template<> inline constexpr auto error_message< args_close > = N_( "expected ',' or ')' to close the argument list" );
template<> inline constexpr auto error_message< if_then > = N_( "expected 'then' after the condition of 'if'" );
template<> inline constexpr auto error_message< if_else > = N_( "expected 'else': an 'if' needs both branches" );
template<> inline constexpr auto error_message< unary > = N_( "expected an operand" );
template<> inline constexpr auto error_message< product > = N_( "expected an operand after the operator" );
template<> inline constexpr auto error_message< sum > = N_( "expected a value after the comparison operator" );
template<> inline constexpr auto error_message< negatable > = N_( "expected a condition" );
template<> inline constexpr auto error_message< conjunction > = N_( "expected a condition after 'or'" );
template<> inline constexpr auto error_message< gate_term > = N_( "expected 'all of GROUP', 'any of GROUP', 'at least K of GROUP' or 'payment of GROUP'" );
template<> inline constexpr auto error_message< kw_of > = N_( "expected 'of'" );
template<> inline constexpr auto error_message< kw_least > = N_( "expected 'least' (as in 'at least 4 of volet1')" );
template<> inline constexpr auto error_message< k_digits > = N_( "expected a count of indicators, e.g. 4" );
template<> inline constexpr auto error_message< kw_when > = N_( "expected 'when all met' or 'when at least K met' after the group's points" );
template<> inline constexpr auto error_message< block_quantifier > = N_( "expected 'all' or 'at least K'" );
template<> inline constexpr auto error_message< kw_met > = N_( "expected 'met'" );
template<> inline constexpr auto error_message< date > = N_( "expected a date as YYYY-MM-DD, e.g. 2026-01-01" );
template<> inline constexpr auto error_message< header_open > = N_( "expected '{' to open the convention header" );
template<> inline constexpr auto error_message< header_close > = N_( "expected a header item (reference, source, point_value, years, in_force, cap) or '}' to close the convention header" );
template<> inline constexpr auto error_message< input_type > = N_( "expected the input's type: boolean, count, integer or decimal" );
template<> inline constexpr auto error_message< status > = N_( "expected the indicator's status: declared or calculated" );
template<> inline constexpr auto error_message< condition > = N_( "expected the indicator's condition, e.g. rate(dmp_num, dmp_den) >= target 30 %" );
template<> inline constexpr auto error_message< policy > = N_( "expected a zero-denominator policy: not_met, met or neutralised" );
template<> inline constexpr auto error_message< group_open > = N_( "expected '{' to open the group (or 'requires ...', 'points N when ... met', 'cap N')" );
template<> inline constexpr auto error_message< group_close > = N_( "expected 'indicator' or '}' to close the group" );
template<> inline constexpr auto error_message< indicator_decl > = N_( "expected 'indicator' after 'replace'" );
template<> inline constexpr auto error_message< kw_indicator > = N_( "expected 'indicator' after 'remove' (inside 'extend group')" );
template<> inline constexpr auto error_message< kw_group > = N_( "expected 'group'" );
template<> inline constexpr auto error_message< extend_open > = N_( "expected '{' to open the changes to the group" );
template<> inline constexpr auto error_message< extend_close > = N_( "expected 'indicator', 'replace indicator', 'remove indicator' or '}' to close the 'extend group'" );
template<> inline constexpr auto error_message< slot_part > = N_( "expected a name after '.'" );
template<> inline constexpr auto error_message< slot_name > = N_( "expected a settable name, e.g. volet2.dmp.target, volet1.points or point_value" );
template<> inline constexpr auto error_message< given_number > = N_( "expected an integer value for the input" );
template<> inline constexpr auto error_message< given_value > = N_( "expected 'INPUT = VALUE'" );
template<> inline constexpr auto error_message< example_open > = N_( "expected '{' to open the example" );
template<> inline constexpr auto error_message< example_expect > = N_( "expected 'expect P points, E €' in the example" );
template<> inline constexpr auto error_message< expected_points > = N_( "expected the expected number of points" );
template<> inline constexpr auto error_message< kw_points > = N_( "expected 'points'" );
template<> inline constexpr auto error_message< expected_euros > = N_( "expected the expected amount in euros" );
template<> inline constexpr auto error_message< euro_unit > = N_( "expected '€' or 'EUR' after the amount" );
template<> inline constexpr auto error_message< example_close > = N_( "expected '}' to close the example" );
template<> inline constexpr auto error_message< header_first > = N_( "a rule file starts with 'convention NAME \"label\" { ... }' (a scenario with 'scenario NAME \"label\"')" );
template<> inline constexpr auto error_message< end_of_scenario > = N_( "a scenario holds only 'set NAME = VALUE' lines" );
template<> inline constexpr auto error_message< setting > = N_( "expected NAME=VALUE, e.g. volet2.dmp.target@2024=35%" );
template<> inline constexpr auto error_message< end_of_setting > = N_( "unexpected text after the value" );
template<> inline constexpr auto error_message< parameter > = N_( "expected a settable name, e.g. volet2.dmp.target, volet1.points or point_value, with @YEAR for one year only" );
template<> inline constexpr auto error_message< end_of_parameter > = N_( "unexpected text after the name: write NAME or NAME@YEAR, e.g. volet2.dmp.target@2024" );
template<> inline constexpr auto error_message< sweep_name > = N_( "expected NAME=FROM..TO:STEP, e.g. volet2.dmp.target=20%..60%:1%" );
template<> inline constexpr auto error_message< sweep_equals > = N_( "expected '=' after the name: NAME=FROM..TO:STEP, e.g. volet2.dmp.target=20%..60%:1%" );
template<> inline constexpr auto error_message< sweep_from > = N_( "expected FROM..TO:STEP after '=', e.g. volet2.dmp.target=20%..60%:1%" );
template<> inline constexpr auto error_message< sweep_dots > = N_( "expected '..' after the first value: FROM..TO:STEP, e.g. 20%..60%:1%" );
template<> inline constexpr auto error_message< sweep_to > = N_( "expected the last value after '..': FROM..TO:STEP, e.g. 20%..60%:1%" );
template<> inline constexpr auto error_message< sweep_colon > = N_( "expected ':STEP' after the last value: FROM..TO:STEP, e.g. 20%..60%:1%" );
template<> inline constexpr auto error_message< sweep_step > = N_( "expected the step after ':': FROM..TO:STEP, e.g. 20%..60%:1%" );
template<> inline constexpr auto error_message< table_in_sweep > = N_( "a sweep takes one value per bound, not a table by year: to sweep one year, write NAME@YEAR=FROM..TO:STEP, e.g. volet2.dmp.target@2024=20%..60%:1%" );
template<> inline constexpr auto error_message< xx_in_sweep > = N_( "XX (a value not agreed yet) cannot bound a sweep: write a number, a percentage, a fraction or an amount, e.g. 20%..60%:1%" );
template<> inline constexpr auto error_message< end_of_sweep > = N_( "unexpected text after the step: write NAME=FROM..TO:STEP, e.g. volet2.dmp.target=20%..60%:1%" );
template<> inline constexpr auto error_message< amount_digits > = N_( "expected an amount in euros, e.g. 12M€, 2.5Md€, 150k€ or 1200000 €" );
template<> inline constexpr auto error_message< amount_currency > = N_( "expected '€' or 'EUR' after the amount, with k, M or Md (or G) before it for thousands, millions or billions, e.g. 12M€" );
template<> inline constexpr auto error_message< end_of_amount > = N_( "unexpected text after the amount: write e.g. 12M€, 2.5Md€, 150k€ or 1200000 €" );
template<> inline constexpr auto error_message< share_value > = N_( "expected a share of physicians: a percentage, a decimal or a fraction, e.g. 70%, 0.7 or 7/10" );
template<> inline constexpr auto error_message< end_of_share > = N_( "unexpected text after the share: write e.g. 70%, 0.7 or 7/10" );
template<> inline constexpr auto error_message< rules_path > = N_( "expected a rule file: FILE[+SCENARIO...][@YEAR], e.g. forfait-structure.donum@2024" );
template<> inline constexpr auto error_message< scenario_path > = N_( "expected a scenario file after '+': FILE+SCENARIO, e.g. donum-projet.donum+scenario-cnam.donum" );
template<> inline constexpr auto error_message< year_not_last > = N_( "the year comes last, after the scenarios: FILE+SCENARIO@YEAR, e.g. donum-projet.donum+scenario-cnam.donum@2026" );
template<> inline constexpr auto error_message< version_year_digits > = N_( "expected a year of four digits after '@', e.g. forfait-structure.donum@2024" );
template<> inline constexpr auto error_message< version_year_end > = N_( "expected a year of four digits after '@', e.g. forfait-structure.donum@2024" );
template<> inline constexpr auto error_message< end_of_version > = N_( "unexpected text after the version: write FILE[+SCENARIO...][@YEAR]" );
template<> inline constexpr auto error_message< change_what > = N_( "expected 'indicator' after 'change': change indicator NAME target 35 %" );
template<> inline constexpr auto error_message< change_clause > = N_( "expected what changes: target [>=] VALUE, points VALUE [at T | prorated ...] or zero_denominator POLICY" );
template<> inline constexpr auto error_message< removed_input > = N_( "expected the name of the input to remove" );
template<> inline constexpr auto error_message< remove_what > = N_( "expected 'group' or 'input' after 'remove' ('remove indicator' is written inside 'extend group')" );
template<> inline constexpr auto error_message< threshold_op > = N_( "expected '+', '-', '*' or '/' after 'target': a threshold relative to the target reads e.g. target + 20 % or target / 2" );
template<> inline constexpr auto error_message< threshold_operand > = N_( "expected a value after the operator, e.g. target + 20 %" );
template<> inline constexpr auto error_message< threshold > = N_( "expected a threshold: a value (4, 50 %, XX, a table by year) or one relative to the target (target + 20 %)" );
template<> inline constexpr auto error_message< prorata_start > = N_( "expected the physician's starting value after 'from', e.g. prorated from taux_2023" );
template<> inline constexpr auto error_message< end_of_file > = N_( "expected a declaration: input, define, group, extend group, set, remove group or example" );
// clang-format on

/// Rules that cannot fail need no message (must<opt<...>> is how if_must spells them).
template< typename Rule >
inline constexpr bool cannot_fail = std::is_same_v< Rule, sep >;
template< typename... Rules >
inline constexpr bool cannot_fail< opt< Rules... > > = true;
template< typename... Rules >
inline constexpr bool cannot_fail< star< Rules... > > = true;
template<>
inline constexpr bool cannot_fail< more_years > = true;
template<>
inline constexpr bool cannot_fail< more_gate_terms > = true;

/// Where a bracket or a string opened, for "expected '}' to close the group opened at line 3".
struct opener {
    std::size_t line;
    std::size_t column;
    const char* what;
};

/// Per-parse state shared by the actions (which push and pop openers), the control (which
/// reads them when a closer is missing) and the parse tree's selector (which counts the
/// nodes it keeps against `max_nodes`: see grammar/parser.cpp).
struct parse_state {
    std::vector< opener > open;
    std::size_t nodes = 0;
    std::size_t max_nodes = 0;
};

template< typename Rule >
inline constexpr const char* opener_of = nullptr;
template<> inline constexpr auto opener_of< string_open > = "string";
template<> inline constexpr auto opener_of< table_open > = "table by year";
template<> inline constexpr auto opener_of< paren_open > = "'('";
template<> inline constexpr auto opener_of< args_open > = "argument list";
template<> inline constexpr auto opener_of< header_open > = "convention header";
template<> inline constexpr auto opener_of< group_open > = "group";
template<> inline constexpr auto opener_of< extend_open > = "'extend group'";
template<> inline constexpr auto opener_of< example_open > = "example";

template< typename Rule >
inline constexpr bool is_closer = std::is_same_v< Rule, string_close > || std::is_same_v< Rule, table_close > || std::is_same_v< Rule, paren_close > || std::is_same_v< Rule, args_close > || std::is_same_v< Rule, header_close > || std::is_same_v< Rule, group_close > || std::is_same_v< Rule, extend_close > || std::is_same_v< Rule, example_close >;

/// The control: PEGTL's normal behaviour, plus our messages on raise.
template< typename Rule >
struct control : normal< Rule >
{
    template< typename ParseInput, typename... States >
    [[noreturn]] static void raise( const ParseInput& in, States&&... st )
    {
        if constexpr( cannot_fail< Rule > ) {
            throw parse_error( "internal error: a rule that cannot fail failed", in );
        }
        else {
            static_assert( error_message< Rule > != nullptr, "add an error_message for this rule in grammar/errors.hpp" );
            std::string message = messages::tr( error_message< Rule > );
            if constexpr( is_closer< Rule > && sizeof...( st ) == 1 ) {
                const parse_state& state = ( st, ... );
                if( !state.open.empty() ) {
                    const auto& o = state.open.back();
                    message += messages::trf( " opened at line {}, column {}", o.line, o.column );
                }
            }
            throw parse_error( message, in );
        }
    }
};

/// Actions: limit the nesting depth (so that a 100,000-deep expression is an error, not a
/// stack overflow) and record openers and closers.
inline constexpr std::size_t max_rule_depth = 1500;

template< typename Rule >
struct action : limit_depth< max_rule_depth >
{};

template< typename Rule >
    requires( opener_of< Rule > != nullptr )
struct action< Rule > : limit_depth< max_rule_depth >
{
    template< typename ActionInput >
    static void apply( const ActionInput& in, parse_state& state )
    {
        const auto p = in.position();
        state.open.push_back( { p.line, p.column, opener_of< Rule > } );
    }
};

template< typename Rule >
    requires is_closer< Rule >
struct action< Rule > : limit_depth< max_rule_depth >
{
    template< typename ActionInput >
    static void apply( const ActionInput& /*unused*/, parse_state& state )
    {
        if( !state.open.empty() ) {
            state.open.pop_back();
        }
    }
};

}  // namespace donum::grammar::rules

#endif
