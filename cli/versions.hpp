// Versions named on the command line: `FILE[+SCENARIO...][@YEAR]`. Every rule file given to
// a command is read this way (one parse, grammar::parse_version): `eval`, `explain`,
// `simulate`, `solve`, `check` and `test` take `FILE+SCENARIO...`, `diff` and
// `explain --vs` take the year too.
#ifndef DONUM_CLI_VERSIONS_HPP
#define DONUM_CLI_VERSIONS_HPP

#include <optional>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "interpreter/population/diff.hpp"
#include "interpreter/compile/driver.hpp"

namespace donum::cli {

/// A version as written: the rule file, its scenarios, its year if given.
struct version_spec {
    std::string text;
    std::string rules;
    std::vector<std::string> scenarios;
    std::optional<int> year;
};

/// Reads `FILE[+SCENARIO...][@YEAR]` (grammar::parse_version); prints its problem and
/// returns nothing when it is malformed. A text that names an existing file is that file,
/// whatever it holds ('+' or '@' in a file name).
[[nodiscard]] std::optional<version_spec> parse_version_spec(const std::string& text);

/// Why `text`, a version, cannot be read (a file it names does not exist, or it is
/// malformed), for the command line's validation (exit code 2); empty when it can.
[[nodiscard]] std::string version_problem(const std::string& text);

/// Compiles the version `text` (`FILE[+SCENARIO...]`, no year) with `options`: the
/// version's scenarios first, then --scenario and --set. Prints the problems (warnings when
/// asked); returns the compiled result only when there is a program.
[[nodiscard]] std::optional<compile::compiled> load_program(const std::string& text, const rules_options& options, bool warnings);

/// A compiled version, ready to compare.
struct loaded_version {
    version_spec spec;
    compile::compiled compiled;
    population::version view;  ///< points into compiled
};

/// Compiles every spec with its scenarios and the `--set` values whose name it has (a value
/// no version has is an error), picks each one's year (`@YEAR`, or its only year; else an
/// error), and prints the problems. Returns nothing if any version failed.
[[nodiscard]] std::optional<std::vector<loaded_version>> load_versions(const std::vector<std::string>& specs, const rules_options& options);

}  // namespace donum::cli

#endif
