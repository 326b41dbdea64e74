// The donum command: one subcommand per job; each is a commands.hpp struct whose options
// CLI11 binds here.
#include <cstdio>
#include <exception>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/language.hpp"
#include "interpreter/messages/messages.hpp"

namespace {

using donum::messages::tr;

constexpr const char* exit_codes_help = donum::messages::N_(R"(Exit codes:
  0   success
  1   error in a rule file (syntax, names, types, extends; XX with --strict; XX left open when evaluating)
  2   bad command line
  3   invalid activity data (nothing is written)
  4   a known-answer example failed
  5   an output file could not be written
  6   a result does not fit exact 64-bit arithmetic
  70  internal error (a bug of donum)
)");

// The options every command that reads rules shares.
void add_rules_options(CLI::App* command, donum::cli::rules_options& options)
{
    command->add_option("--scenario", options.scenarios, tr("Apply the values of a scenario file (repeatable; a later one overrides)"));
    command->add_option("--set", options.settings, tr("Set a target, points value or point_value: NAME=VALUE, e.g. volet2.dmp.target@2024=35% (repeatable, applied last)"));
    command->add_flag("--allow-outside", options.allow_outside, tr("Allow 'extends' to read files outside the rule file's folder"));
}

}  // namespace

int main(int argc, char** argv)
{
    using namespace donum::cli;
    if (const auto problem = choose_language(argc, argv)) {
        std::fprintf(stderr, "donum: %s\n", problem->c_str());
        return usage_error;
    }
    CLI::App app{tr("donum: the rules of the forfait structure and the DONUM as checked rule files, evaluated exactly."), "donum"};
    speak_language(app);  // before the subcommands: they inherit its headings and messages
    app.footer(tr(exit_codes_help));
    std::string language;
    app.add_option("--lang", language, tr("Language of messages: fr (French, the default) or en; also DONUM_LANG"))->check(CLI::IsMember({"fr", "en"}));
    app.fallthrough();  // --lang may follow the command's name
    app.require_subcommand(1);
    app.set_version_flag("--version", "donum " DONUM_VERSION, tr("Print the version of donum and exit"));

    check_command check;
    auto* check_cmd = app.add_subcommand("check", tr("Check rule files and report every problem (file:line:col)"));
    check_cmd->add_option("files", check.files, tr("Rule files (.donum)"))->required()->check(CLI::ExistingFile);
    check_cmd->add_flag("--summary", check.summary, tr("Print the convention as a table: groups, indicators, targets per year, points, maximum"));
    check_cmd->add_flag("--strict", check.strict, tr("Unresolved XX placeholders are errors"));
    add_rules_options(check_cmd, check.rules_opts);

    eval_command eval;
    auto* eval_cmd = app.add_subcommand("eval", tr("Compute each physician's points and euros from activity data (CSV)"));
    eval_cmd->add_option("rules", eval.rules, tr("Rule file (.donum)"))->required()->check(CLI::ExistingFile);
    eval_cmd->add_option("data", eval.data, tr("Activity data: CSV with a header, ',' or ';'"))->required();
    eval_cmd->add_option("--year", eval.year, tr("Evaluate every row as this convention year (instead of the 'year' column)"));
    eval_cmd->add_option("--format", eval.format, tr("table (for people), csv or json"))->check(CLI::IsMember({"table", "csv", "json"}))->capture_default_str();
    eval_cmd->add_option("-o,--output", eval.output, tr("Write to FILE (atomically) instead of standard output"));
    eval_cmd->add_option("--skip-invalid", eval.skip_invalid, tr("Evaluate the valid rows and write the rejected ones, with their reasons, to FILE"));
    add_rules_options(eval_cmd, eval.rules_opts);

    explain_command explain;
    auto* explain_cmd = app.add_subcommand("explain", tr("Explain one physician's amount: every indicator, target, gate and what is missing"));
    explain_cmd->add_option("rules", explain.rules, tr("Rule file (.donum)"))->required()->check(CLI::ExistingFile);
    explain_cmd->add_option("data", explain.data, tr("Activity data (CSV)"))->required();
    explain_cmd->add_option("--id", explain.id, tr("The physician's id"))->required();
    explain_cmd->add_option("--year", explain.year, tr("The row of this year (or, without a year column, the year of the row)"));
    explain_cmd->add_option("--vs", explain.vs, tr("Also say why the amount differs under another version: FILE[+SCENARIO...][@YEAR]"));
    add_rules_options(explain_cmd, explain.rules_opts);

    simulate_command simulate;
    auto* simulate_cmd = app.add_subcommand("simulate", tr("Population report (French): gates, indicators, near misses, costs, distribution; or a sweep"));
    simulate_cmd->add_option("rules", simulate.rules, tr("Rule file (.donum)"))->required()->check(CLI::ExistingFile);
    simulate_cmd->add_option("data", simulate.data, tr("Activity data (CSV)"))->required();
    simulate_cmd->add_option("--year", simulate.year, tr("Evaluate every row as this convention year"));
    simulate_cmd->add_option("--format", simulate.format, tr("table, csv, json or md (Markdown)"))->check(CLI::IsMember({"table", "csv", "json", "md"}))->capture_default_str();
    simulate_cmd->add_option("-o,--output", simulate.output, tr("Write to FILE (atomically) instead of standard output"));
    simulate_cmd->add_option("--sweep", simulate.sweeps, tr("Sweep a parameter: NAME=FROM..TO:STEP, e.g. volet2.dmp.target@2024=20%..60%:1% (once, or twice for a grid)"))->expected(1, 2);
    simulate_cmd->add_option("--chart", simulate.chart, tr("With --sweep: draw total cost and share reaching the target to FILE.svg or FILE.png"));
    add_rules_options(simulate_cmd, simulate.rules_opts);

    solve_command solve;
    auto* solve_cmd = app.add_subcommand("solve", tr("Find the target, points value or point value that meets a budget or a reach, exactly on the data"));
    solve_cmd->add_option("rules", solve.rules, tr("Rule file (.donum)"))->required()->check(CLI::ExistingFile);
    solve_cmd->add_option("data", solve.data, tr("Activity data (CSV)"))->required();
    solve_cmd->add_option("--vary", solve.vary, tr("The parameter: NAME or NAME@YEAR, e.g. volet2.dmp.target@2024"))->required();
    solve_cmd->add_option("--budget", solve.budget, tr("Total cost to reach: 300M€, 2.5Md€, 150k€, 1200000€"));
    solve_cmd->add_option("--reach", solve.reach, tr("Share of physicians who must meet the indicator (or gate): 70%"));
    solve_cmd->add_option("--of", solve.of, tr("With --reach: the indicator (GROUP.INDICATOR) or group whose share counts; default: the indicator of the varied target"));
    solve_cmd->add_option("--year", solve.year, tr("Evaluate every row as this convention year"));
    solve_cmd->add_option("-o,--output", solve.output, tr("Write to FILE (atomically) instead of standard output"));
    add_rules_options(solve_cmd, solve.rules_opts);

    diff_command diff;
    auto* diff_cmd = app.add_subcommand("diff", tr("Compare convention versions: rules side by side; with --data, the impact and each physician's reasons"));
    diff_cmd->add_option("versions", diff.versions, tr("Versions: FILE[+SCENARIO...][@YEAR], e.g. stdlib-rules/forfait-structure.donum@2023"))->required()->expected(2, 100);
    diff_cmd->add_option("--data", diff.data, tr("Activity data: each row is evaluated under every version, at the version's year"));
    diff_cmd->add_option("--per-physician", diff.per_physician, tr("With --data: write each physician's amounts, differences and reasons to FILE.csv"));
    diff_cmd->add_flag("--all", diff.all, tr("Show the rules that did not change too"));
    diff_cmd->add_option("--format", diff.format, tr("table, md, csv or json"))->check(CLI::IsMember({"table", "md", "csv", "json"}))->capture_default_str();
    diff_cmd->add_option("-o,--output", diff.output, tr("Write to FILE (atomically) instead of standard output"));
    add_rules_options(diff_cmd, diff.rules_opts);

    test_command test;
    auto* test_cmd = app.add_subcommand("test", tr("Run the known-answer examples of rule files"));
    test_cmd->add_option("files", test.files, tr("Rule files (.donum)"))->required()->check(CLI::ExistingFile);
    add_rules_options(test_cmd, test.rules_opts);

    fmt_command fmt;
    auto* fmt_cmd = app.add_subcommand("fmt", tr("Print rule files in the canonical layout (comments kept, meaning unchanged)"));
    fmt_cmd->add_option("files", fmt.files, tr("Rule files or scenarios (.donum)"))->required()->check(CLI::ExistingFile);
    auto* fmt_check = fmt_cmd->add_flag("--check", fmt.check, tr("Change nothing; name the files whose layout differs (exit code 1)"));
    fmt_cmd->add_flag("--write", fmt.write, tr("Rewrite each file in place, atomically (a file with a syntax error is left as it is)"))->excludes(fmt_check);

    lsp_command lsp;
    auto* lsp_cmd = app.add_subcommand("lsp", tr("Language server for editors (LSP 3.17 over standard input and output): errors as you type, hover, definitions, completion"));

    for (auto* command : app.get_subcommands({})) command->group(tr("Commands"));  // the heading of their list in --help

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
        if (fmt_cmd->parsed()) return fmt.run();
        if (lsp_cmd->parsed()) return lsp.run();
    }
    catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n", donum::messages::trf("donum: internal error: {}", e.what()).c_str());
        return internal_error;
    }
    return usage_error;
}
