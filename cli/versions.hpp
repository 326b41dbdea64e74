// Versions named on the command line: `FILE[+SCENARIO...][@YEAR]`, as `donum diff` and
// `donum explain --vs` take them.
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
/// returns nothing when it is malformed.
[[nodiscard]] std::optional<version_spec> parse_version_spec(const std::string& text);

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
