// Exit codes of the donum command, one per kind of failure (documented in `donum --help`
// and docs/cli.md).
#ifndef DONUM_CLI_EXIT_CODES_HPP
#define DONUM_CLI_EXIT_CODES_HPP

namespace donum::cli {

enum exit_code : int {
    ok = 0,
    rule_error = 1,       ///< a rule file has an error (syntax, names, types, extends, XX with --strict)
    usage_error = 2,      ///< bad command line
    data_error = 3,       ///< the activity data is invalid
    test_failure = 4,     ///< a known-answer example gave another amount
    output_error = 5,     ///< an output file could not be written
    evaluation_error = 6, ///< a result does not fit exact 64-bit arithmetic
    goal_unreachable = 7, ///< solve: no value of the parameter meets the budget or the share
    out_of_memory = 8,    ///< the machine had not the memory the run needed
    internal_error = 70,  ///< a bug of donum: please report it
};

}  // namespace donum::cli

#endif
