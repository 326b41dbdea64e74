// The driver: the list of passes that turns a rule file into a checked program.
#ifndef DONUM_INTERPRETER_COMPILE_DRIVER_HPP
#define DONUM_INTERPRETER_COMPILE_DRIVER_HPP

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "grammar/diagnostic.hpp"
#include "interpreter/compile/check.hpp"
#include "interpreter/compile/program.hpp"
#include "interpreter/compile/resolve.hpp"

namespace donum::compile {

/// Options of every pass.
struct compile_options {
    load_options load;
    check_options check;
    /// Scenario files applied on top of the rules, in order (a later one overrides).
    std::vector<std::string> scenarios;
    /// Command-line settings `NAME=VALUE`, applied last, in order.
    std::vector<std::string> settings;
    /// A setting whose name the rules do not have is left out instead of being an error
    /// (versions compared by donum diff: a --set applies to those that have the name).
    bool settings_where_named = false;
};

/// A file that went into a program, for manifests: role is "rules" (the file given and
/// each file it extends) or "scenario".
struct input_file {
    std::string role;
    std::string path;
};

/// A checked program, or the diagnostics that prevent one (warnings come either way).
struct compiled {
    std::optional<program> checked;
    grammar::diagnostics issues;
    /// The rule texts the diagnostics quote: kept even when there is no program.
    std::vector<std::shared_ptr<const grammar::source_file>> sources;
    /// Every file read, in the order read.
    std::vector<input_file> files;
    /// By setting of compile_options::settings: whether it was applied (with
    /// settings_where_named, false for a name the rules do not have).
    std::vector<bool> settings_applied;
};

/// Runs the passes on `path`: parse (grammar::parse, for the file and each file it
/// extends), resolve the extends chain (load_rules), apply the scenarios (apply_scenario)
/// and the settings (apply_setting), check and compile (check). Stops after the first pass
/// that reports an error.
[[nodiscard]] compiled compile_rules(const std::string& path, const compile_options& options);

}  // namespace donum::compile

#endif
