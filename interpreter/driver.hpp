// The driver: the list of passes that turns a rule file into a checked program.
#ifndef DONUM_INTERPRETER_DRIVER_HPP
#define DONUM_INTERPRETER_DRIVER_HPP

#include <optional>
#include <string>

#include "grammar/diagnostic.hpp"
#include "interpreter/check.hpp"
#include "interpreter/program.hpp"
#include "interpreter/resolve.hpp"

namespace donum::interpreter {

/// Options of every pass.
struct compile_options {
    load_options load;
    check_options check;
};

/// A checked program, or the diagnostics that prevent one (warnings come either way).
struct compiled {
    std::optional<program> checked;
    grammar::diagnostics issues;
    /// The rule texts the diagnostics quote: kept even when there is no program.
    std::vector<std::shared_ptr<const grammar::source_file>> sources;
};

/// Runs the passes on `path`: parse (grammar::parse, for the file and each file it
/// extends), resolve the extends chain (load_rules), check and compile (check). Stops after
/// the first pass that reports an error.
[[nodiscard]] compiled compile_rules(const std::string& path, const compile_options& options);

}  // namespace donum::interpreter

#endif
