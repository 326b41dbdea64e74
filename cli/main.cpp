// The donum command: one subcommand per job; each is a commands.hpp struct whose options
// CLI11 binds here.
#include <cstdio>
#include <exception>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"

namespace {

constexpr const char* exit_codes_help = R"(Exit codes:
  0   success
  1   error in a rule file (syntax, names, types, extends; XX with --strict; XX left open when evaluating)
  2   bad command line
  3   invalid activity data (nothing is written)
  4   a known-answer example failed
  5   an output file could not be written
  6   a result does not fit exact 64-bit arithmetic
  70  internal error (a bug of donum))";

// The options every command that reads rules shares.
void add_rules_options(CLI::App* command, donum::cli::rules_options& options)
{
    command->add_option("--scenario", options.scenarios, "Apply the values of a scenario file (repeatable; a later one overrides)");
    command->add_option("--set", options.settings, "Set a target, points value or point_value: NAME=VALUE, e.g. volet2.dmp.target@2024=35% (repeatable, applied last)");
    command->add_flag("--allow-outside", options.allow_outside, "Allow 'extends' to read files outside the rule file's folder");
}

}  // namespace

int main(int argc, char** argv)
{
    using namespace donum::cli;
    CLI::App app{"donum: the rules of the forfait structure and the DONUM as checked rule files, evaluated exactly.\n"
                 "Les règles du forfait structure et de la DONUM, vérifiées et évaluées exactement.",
                 "donum"};
    app.footer(exit_codes_help);
    app.require_subcommand(1);
    app.set_version_flag("--version", "donum " DONUM_VERSION);

    check_command check;
    auto* check_cmd = app.add_subcommand("check", "Check rule files and report every problem (file:line:col)");
    check_cmd->add_option("files", check.files, "Rule files (.donum)")->required()->check(CLI::ExistingFile);
    check_cmd->add_flag("--summary", check.summary, "Print the convention as a table: groups, indicators, targets per year, points, maximum");
    check_cmd->add_flag("--strict", check.strict, "Unresolved XX placeholders are errors");
    add_rules_options(check_cmd, check.rules_opts);

    eval_command eval;
    auto* eval_cmd = app.add_subcommand("eval", "Compute each physician's points and euros from activity data (CSV)");
    eval_cmd->add_option("rules", eval.rules, "Rule file (.donum)")->required()->check(CLI::ExistingFile);
    eval_cmd->add_option("data", eval.data, "Activity data: CSV with a header, ',' or ';'")->required();
    eval_cmd->add_option("--year", eval.year, "Evaluate every row as this convention year (instead of the 'year' column)");
    eval_cmd->add_option("--format", eval.format, "table (for people), csv or json")->check(CLI::IsMember({"table", "csv", "json"}))->capture_default_str();
    eval_cmd->add_option("-o,--output", eval.output, "Write to FILE (atomically) instead of standard output");
    eval_cmd->add_option("--skip-invalid", eval.skip_invalid, "Evaluate the valid rows and write the rejected ones, with their reasons, to FILE");
    add_rules_options(eval_cmd, eval.rules_opts);

    explain_command explain;
    auto* explain_cmd = app.add_subcommand("explain", "Explain one physician's amount: every indicator, target, gate and what is missing");
    explain_cmd->add_option("rules", explain.rules, "Rule file (.donum)")->required()->check(CLI::ExistingFile);
    explain_cmd->add_option("data", explain.data, "Activity data (CSV)")->required();
    explain_cmd->add_option("--id", explain.id, "The physician's id")->required();
    explain_cmd->add_option("--year", explain.year, "The row of this year (or, without a year column, the year of the row)");
    explain_cmd->add_option("--vs", explain.vs, "Also say why the amount differs under another version: FILE[+SCENARIO...][@YEAR]");
    add_rules_options(explain_cmd, explain.rules_opts);

    simulate_command simulate;
    auto* simulate_cmd = app.add_subcommand("simulate", "Population report (French): gates, indicators, near misses, costs, distribution; or a sweep");
    simulate_cmd->add_option("rules", simulate.rules, "Rule file (.donum)")->required()->check(CLI::ExistingFile);
    simulate_cmd->add_option("data", simulate.data, "Activity data (CSV)")->required();
    simulate_cmd->add_option("--year", simulate.year, "Evaluate every row as this convention year");
    simulate_cmd->add_option("--format", simulate.format, "table, csv, json or md (Markdown)")->check(CLI::IsMember({"table", "csv", "json", "md"}))->capture_default_str();
    simulate_cmd->add_option("-o,--output", simulate.output, "Write to FILE (atomically) instead of standard output");
    simulate_cmd->add_option("--sweep", simulate.sweeps, "Sweep a parameter: NAME=FROM..TO:STEP, e.g. volet2.dmp.target@2024=20%..60%:1% (once, or twice for a grid)")->expected(1, 2);
    simulate_cmd->add_option("--chart", simulate.chart, "With --sweep: draw total cost and share reaching the target to FILE.svg or FILE.png");
    add_rules_options(simulate_cmd, simulate.rules_opts);

    solve_command solve;
    auto* solve_cmd = app.add_subcommand("solve", "Find the target, points value or point value that meets a budget or a reach, exactly on the data");
    solve_cmd->add_option("rules", solve.rules, "Rule file (.donum)")->required()->check(CLI::ExistingFile);
    solve_cmd->add_option("data", solve.data, "Activity data (CSV)")->required();
    solve_cmd->add_option("--vary", solve.vary, "The parameter: NAME or NAME@YEAR, e.g. volet2.dmp.target@2024")->required();
    solve_cmd->add_option("--budget", solve.budget, "Total cost to reach: 300M€, 2.5Md€, 150k€, 1200000€");
    solve_cmd->add_option("--reach", solve.reach, "Share of physicians who must meet the indicator (or gate): 70%");
    solve_cmd->add_option("--of", solve.of, "With --reach: the indicator (GROUP.INDICATOR) or group whose share counts; default: the indicator of the varied target");
    solve_cmd->add_option("--year", solve.year, "Evaluate every row as this convention year");
    solve_cmd->add_option("-o,--output", solve.output, "Write to FILE (atomically) instead of standard output");
    add_rules_options(solve_cmd, solve.rules_opts);

    diff_command diff;
    auto* diff_cmd = app.add_subcommand("diff", "Compare convention versions: rules side by side; with --data, the impact and each physician's reasons");
    diff_cmd->add_option("versions", diff.versions, "Versions: FILE[+SCENARIO...][@YEAR], e.g. stdlib-rules/forfait-structure.donum@2023")->required()->expected(2, 100);
    diff_cmd->add_option("--data", diff.data, "Activity data: each row is evaluated under every version, at the version's year");
    diff_cmd->add_option("--per-physician", diff.per_physician, "With --data: write each physician's amounts, differences and reasons to FILE.csv");
    diff_cmd->add_flag("--all", diff.all, "Show the rules that did not change too");
    diff_cmd->add_option("--format", diff.format, "table, md, csv or json")->check(CLI::IsMember({"table", "md", "csv", "json"}))->capture_default_str();
    diff_cmd->add_option("-o,--output", diff.output, "Write to FILE (atomically) instead of standard output");
    add_rules_options(diff_cmd, diff.rules_opts);

    serve_command serve;
    auto* serve_cmd = app.add_subcommand("serve", "The negotiation table as a live page: every value editable, each change answered at once");
    serve_cmd->add_option("rules", serve.rules, "Rule file (.donum)")->required()->check(CLI::ExistingFile);
    serve_cmd->add_option("data", serve.data, "Activity data (CSV)")->required();
    serve_cmd->add_option("--vs", serve.vs, "Compare with this version: FILE[+SCENARIO...][@YEAR] (default: the rule file as written)");
    serve_cmd->add_option("--port", serve.port, "Port to listen on (0: any free port)")->check(CLI::Range(0, 65535))->capture_default_str();
    serve_cmd->add_option("--host", serve.host, "Address to listen on; other than 127.0.0.1 requires a token")->capture_default_str();
    serve_cmd->add_option("--token", serve.token, "The token every request must carry (default off loopback: generated and printed)");
    add_rules_options(serve_cmd, serve.rules_opts);

    test_command test;
    auto* test_cmd = app.add_subcommand("test", "Run the known-answer examples of rule files");
    test_cmd->add_option("files", test.files, "Rule files (.donum)")->required()->check(CLI::ExistingFile);
    add_rules_options(test_cmd, test.rules_opts);

    fmt_command fmt;
    auto* fmt_cmd = app.add_subcommand("fmt", "Print rule files in the canonical layout (comments kept, meaning unchanged)");
    fmt_cmd->add_option("files", fmt.files, "Rule files or scenarios (.donum)")->required()->check(CLI::ExistingFile);
    auto* fmt_check = fmt_cmd->add_flag("--check", fmt.check, "Change nothing; name the files whose layout differs (exit code 1)");
    fmt_cmd->add_flag("--write", fmt.write, "Rewrite each file in place, atomically (a file with a syntax error is left as it is)")->excludes(fmt_check);

    lsp_command lsp;
    auto* lsp_cmd = app.add_subcommand("lsp", "Language server for editors (LSP 3.17 over standard input and output): errors as you type, hover, definitions, completion");

    try {
        app.parse(argc, argv);
    }
    catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    }
    catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    }
    catch (const CLI::ParseError& e) {
        app.exit(e);
        return usage_error;
    }

    try {
        if (check_cmd->parsed()) return check.run();
        if (eval_cmd->parsed()) return eval.run();
        if (explain_cmd->parsed()) return explain.run();
        if (test_cmd->parsed()) return test.run();
        if (simulate_cmd->parsed()) return simulate.run();
        if (diff_cmd->parsed()) return diff.run();
        if (solve_cmd->parsed()) return solve.run();
        if (serve_cmd->parsed()) return serve.run();
        if (fmt_cmd->parsed()) return fmt.run();
        if (lsp_cmd->parsed()) return lsp.run();
    }
    catch (const std::exception& e) {
        std::fprintf(stderr, "donum: internal error: %s\n", e.what());
        return internal_error;
    }
    return usage_error;
}
