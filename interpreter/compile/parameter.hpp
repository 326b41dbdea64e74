// Parameters: the settable values of a checked program (its slots), named and valued as the
// grammar parses them (`volet2.dmp.target@2024`, `35 %`, `2/3`, `7.5 €`), for the values
// given on the command line (--set, --sweep, --vary). They are checked with the checker's
// own code and report its messages, located in the text they were parsed from.
#ifndef DONUM_INTERPRETER_COMPILE_PARAMETER_HPP
#define DONUM_INTERPRETER_COMPILE_PARAMETER_HPP

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "grammar/ast.hpp"
#include "grammar/diagnostic.hpp"
#include "interpreter/compile/program.hpp"

namespace donum::compile {

/// A settable value of a program, found by its dotted name.
struct parameter {
    std::size_t slot = 0;     ///< index in program::slots
    std::optional<int> year;  ///< `@YEAR`: one year of the program only
    std::string name;         ///< as written: "volet2.dmp.target@2024"
};

/// The parameter `name` designates in `p`. Reports into `issues`, at the name or its year:
/// an unknown name ("unknown settable name 'volet2.dmp.targt' (did you mean
/// 'volet2.dmp.target'?)"), or a year that is not one of `p` ("2030 is not a year of this
/// convention (years: 2023, 2024)").
[[nodiscard]] std::optional<parameter> find_parameter(const program& p, const grammar::ast::slot_name& name, grammar::diagnostics& issues);

/// The value `spec` gives slot `slot` of `p`: one constant, exact (`2/3` is two thirds), in
/// the slot's unit: a percentage or a plain number for a rate target, `€` or `EUR` for the
/// point value (and a target compared with euros), `pts` or a plain number for points, a
/// plain number for any other target; then a value check_slot_value accepts. Reports into
/// `issues`, at the value, with the checker's messages for the same mistakes in a rule file
/// ("150 % is above 100 %: a rate can never reach it", "points cannot be negative", "the
/// value of a point is an amount in euros (e.g. 7 €), not a percentage", "division by
/// zero"...). XX and tables by year are refused: a parameter takes one agreed value, and
/// its year is named with `@YEAR`.
[[nodiscard]] std::optional<rational> parameter_value(const program& p, std::size_t slot, const grammar::ast::value_spec& spec, grammar::diagnostics& issues);

/// A sweep as written (`NAME[@YEAR]=FROM..TO:STEP`), checked against a program: its
/// parameter and its three values.
struct sweep_parameter {
    parameter what;
    rational from;
    rational to;
    rational step;
};

/// The sweep `range` designates in `p`: its name found as find_parameter does, FROM and TO
/// checked as parameter_value does, STEP in the same unit and above 0, FROM not above TO.
/// Reports into `issues`, each problem at its place in the sweep's text.
[[nodiscard]] std::optional<sweep_parameter> sweep_parameter_of(const program& p, const grammar::ast::sweep_range& range, grammar::diagnostics& issues);

/// The euros `amount` means (`12M€` is 12,000,000), exactly. Reports into `issues` an
/// amount beyond 64 bits.
[[nodiscard]] std::optional<rational> amount_value(const grammar::ast::amount& amount, grammar::diagnostics& issues);

/// The share `share` means, in [0, 1]: a percentage (`70%`), a plain number (`0.7`) or a
/// fraction (`7/10`). Reports into `issues` anything else, or a share outside [0, 1] (with
/// "write 70%" when a whole number such as `70` was meant as a percentage).
[[nodiscard]] std::optional<rational> share_value(const grammar::ast::share& share, grammar::diagnostics& issues);

/// A parameter and the value it takes: one checked `--set NAME=VALUE`.
struct setting {
    parameter what;
    rational value;
};

/// The setting `text` holds (the whole text of one `--set`, `NAME[@YEAR]=VALUE`), checked
/// against `p`: parsed by grammar::parse_setting, its name found by find_parameter, its value
/// checked by parameter_value. Reports into `issues`, at their place in `text` (which must
/// outlive them).
[[nodiscard]] std::optional<setting> setting_of(const program& p, const grammar::source_file& text, grammar::diagnostics& issues);

/// The settings of the scenario `text` (a whole scenario file: `scenario NAME "label"`, then
/// `set` lines), each checked as setting_of checks one, in file order. A scenario given as a
/// text cannot extend a file (it would make the caller read files it did not name), sets one
/// value per line (`NAME@YEAR` for one year, no table by year) and sets a name at most once
/// per year. Reports into `issues`; nothing when any line has a problem.
[[nodiscard]] std::optional<std::vector<setting>> scenario_settings(const program& p, const grammar::source_file& text, grammar::diagnostics& issues);

/// `p` with `settings` applied in order (a later one wins): each slot takes its value for the
/// setting's year, or for every year. The same program as compiling the rules with the same
/// `--set` options, without compiling again: settings change slot values, never the code.
[[nodiscard]] program with_settings(program p, std::span<const setting> settings);

}  // namespace donum::compile

#endif
