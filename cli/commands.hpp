// The subcommands of `donum`: each holds its options (bound by CLI11 in main.cpp) and a
// run() that returns the exit code.
#ifndef DONUM_CLI_COMMANDS_HPP
#define DONUM_CLI_COMMANDS_HPP

#include <future>
#include <optional>
#include <string>
#include <vector>

namespace donum::compile {
struct compiled;
}  // namespace donum::compile
namespace donum::data {
class data_table;
}  // namespace donum::data
namespace donum::population {
struct sweep_axis;
struct sweep_result;
struct manifest;
}  // namespace donum::population

namespace donum::cli {

/// How every command reads rules: `--allow-outside`, `--scenario FILE`, `--set NAME=VALUE`.
struct rules_options {
    bool allow_outside = false;
    std::vector<std::string> scenarios;
    std::vector<std::string> settings;
};

/// `donum check [--summary [--format table|md|csv|json|xlsx] [-o FILE]] [--strict] FILE...`
struct check_command {
    std::vector<std::string> files;
    bool summary = false;
    bool strict = false;
    std::string format = "table";  ///< of the summary
    std::string output;            ///< of the summary; empty: standard output
    rules_options rules_opts;
    /// Checks each file, prints diagnostics (and the summary); 0 or rule_error.
    [[nodiscard]] int run() const;
};

/// `donum eval RULES DATA [--year Y] [--format table|csv|json|xlsx] [-o FILE] [--skip-invalid FILE]`
struct eval_command {
    std::string rules;
    std::string data;
    std::string sheet;  ///< the sheet of a workbook (--sheet); empty: the first
    std::optional<int> year;
    std::string format = "table";
    std::string output;        ///< empty: standard output
    std::string skip_invalid;  ///< where rejected rows go; empty: any invalid row stops the run
    rules_options rules_opts;
    /// Evaluates every row; writes the results only when every row was evaluated.
    [[nodiscard]] int run() const;
};

/// `donum explain RULES DATA --id ID [--year Y] [--vs VERSION] [--format table|md|csv|json|xlsx] [-o FILE]`
struct explain_command {
    std::string rules;
    std::string data;
    std::string sheet;  ///< the sheet of a workbook (--sheet); empty: the first
    std::string id;
    std::optional<int> year;  ///< every row read as this year, as for eval
    std::string format = "table";
    std::string output;
    std::string vs;  ///< another version (FILE[+SCENARIO...][@YEAR]): why the amount differs
    rules_options rules_opts;  ///< for the rules explained: the options before --vs
    rules_options vs_opts;     ///< for the version of --vs: the options after it
    /// Explains the amount of one physician (each of its rows).
    [[nodiscard]] int run() const;
};

/// `donum simulate RULES DATA [--year Y] [--format table|csv|json|md|xlsx] [-o FILE]
///  [--sweep NAME=FROM..TO:STEP]... [--chart FILE.svg|.png|.pdf]`
struct simulate_command {
    std::string rules;
    std::string data;
    std::string sheet;  ///< the sheet of a workbook (--sheet); empty: the first
    std::optional<int> year;
    std::string format = "table";
    std::string output;
    std::vector<std::string> sweeps;  ///< one or two; none: the population report
    std::string chart;                ///< with a sweep: draw it to this file
    rules_options rules_opts;
    /// The population report (with its manifest), or the sweep table.
    [[nodiscard]] int run() const;

private:
    [[nodiscard]] int run_sweep(const compile::compiled& compiled, const data::data_table& table) const;
    [[nodiscard]] std::optional<int> run_sweep_streamed(const compile::compiled& compiled) const;
    [[nodiscard]] int write_sweep(const compile::compiled& compiled, const std::vector<population::sweep_axis>& axes, const population::sweep_result& result, std::size_t rows,
                                  const std::vector<std::size_t>& year_indexes, std::future<population::manifest>* early = nullptr) const;
};

/// `donum solve RULES DATA --vary NAME[@YEAR] (--budget AMOUNT | --reach SHARE [--of NAME])
///  [--format table|md|csv|json|xlsx] [-o FILE]`
struct solve_command {
    std::string rules;
    std::string data;
    std::string sheet;  ///< the sheet of a workbook (--sheet); empty: the first
    std::optional<int> year;
    std::string vary;
    std::string budget;
    std::string reach;
    std::string of;  ///< indicator (GROUP.INDICATOR or INDICATOR) or group whose reach counts
    std::string format = "table";
    std::string output;
    rules_options rules_opts;
    /// Finds the value of the parameter that meets the goal exactly on the data.
    [[nodiscard]] int run() const;
};

/// `donum diff A B [C...] [--data DATA [--per-physician FILE.csv|.xlsx]] [--all] [--format ...]`
/// where each version is `FILE[+SCENARIO...][@YEAR]`.
struct diff_command {
    std::vector<std::string> versions;
    std::string data;
    std::string sheet;  ///< the sheet of a workbook (--sheet); empty: the first
    std::string per_physician;
    bool all = false;
    std::string format = "table";
    std::string output;
    rules_options rules_opts;  ///< --set applies to each version that has the name
    /// The rules side by side; with data, the impact and each physician's reasons.
    [[nodiscard]] int run() const;
};

/// `donum serve RULES DATA [--vs VERSION] [--scenario FILE] [--port N] [--host ADDR] [--token T]`
struct serve_command {
    std::string rules;
    std::string data;
    std::string vs;  ///< the version amounts are compared with; empty: the rule file as written
    int port = 8080;
    std::string host = "127.0.0.1";
    std::string token;  ///< another address than loopback: given, or generated and printed
    rules_options rules_opts;
    /// Loads the rules and the data once, prints the address and serves the page until
    /// interrupted.
    [[nodiscard]] int run() const;
};

/// `donum test FILE...`
struct test_command {
    std::vector<std::string> files;
    rules_options rules_opts;
    /// Runs the known-answer examples; test_failure when one gives another amount.
    [[nodiscard]] int run() const;
};

/// `donum fmt [--check | --write] FILE...`
struct fmt_command {
    std::vector<std::string> files;
    bool check = false;  ///< name the files whose layout differs, change nothing
    bool write = false;  ///< rewrite each file in place (atomically)
    /// Prints, checks or writes the canonical layout; rule_error for a syntax error or, with
    /// --check, a file that differs.
    [[nodiscard]] int run() const;
};

/// `donum lsp`: a language server over standard input and output.
struct lsp_command {
    /// Answers the editor's requests until it says 'exit'; 0 after a 'shutdown', else 1.
    [[nodiscard]] int run() const;
};

}  // namespace donum::cli

#endif
