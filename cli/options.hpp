// Values written on the command line in the rules language (a parameter, a sweep, an amount,
// a share): parsed by the grammar, checked against the program by compile/parameter.hpp, and
// their problems printed as diagnostics on the option's own text (`--sweep:1:27: error: …`
// with a caret), exactly as `--set` values are. A problem is exit code 1 (rule_error), as in
// a rule file.
#ifndef DONUM_CLI_OPTIONS_HPP
#define DONUM_CLI_OPTIONS_HPP

#include <optional>
#include <string>

#include "interpreter/compile/parameter.hpp"
#include "interpreter/compile/program.hpp"
#include "interpreter/exact/rational.hpp"
#include "interpreter/population/sweep.hpp"

namespace donum::cli {

/// Why `text` is not a path an option may name (empty: it would mean standard output, or
/// nothing), or empty when it is one. The command line's check of every path option.
[[nodiscard]] std::string path_problem(const std::string& text);

/// Why `text` is not a year as `--year` takes it (four digits, as in a rule file), or empty.
[[nodiscard]] std::string year_problem(const std::string& text);

/// `--vary NAME[@YEAR]`: the parameter of `p`, or nothing (problems printed).
[[nodiscard]] std::optional<compile::parameter> parameter_option(const compile::program& p, const std::string& option, const std::string& text);

/// `--sweep NAME[@YEAR]=FROM..TO:STEP`: the axis of values, or nothing (problems printed).
/// `quiet`: nothing printed, and nothing given when there is anything to say (an error or a
/// warning), for a caller that says it later.
[[nodiscard]] std::optional<population::sweep_axis> sweep_option(const compile::program& p, const std::string& text, bool quiet = false);

/// `--budget AMOUNT`: exact euros, or nothing (problems printed).
[[nodiscard]] std::optional<exact::rational> amount_option(const std::string& option, const std::string& text);

/// `--reach SHARE`: a share in [0, 1], or nothing (problems printed).
[[nodiscard]] std::optional<exact::rational> share_option(const std::string& option, const std::string& text);

}  // namespace donum::cli

#endif
