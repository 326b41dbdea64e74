// The donum command: one subcommand per job; each is a commands.hpp struct whose options
// CLI11 binds here.
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <new>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/language.hpp"
#include "cli/options.hpp"
#include "cli/temporary.hpp"
#include "cli/terminal.hpp"
#include "cli/versions.hpp"
#include "interpreter/data/schema.hpp"
#include "interpreter/messages/messages.hpp"
#include "interpreter/render/writers.hpp"
#include "interpreter/text/fr.hpp"

namespace {

using donum::messages::tr;

constexpr const char* exit_codes_help = donum::messages::N_(R"(Exit codes:
  0   success
  1   error in a rule file (syntax, names, types, extends; XX with --strict; XX left open when evaluating)
      fmt --check: a file not in the canonical layout; lsp: ended without shutdown
  2   bad command line; an output that is an input of the run or another output
  3   invalid activity data (nothing is written)
  4   a known-answer example failed
  5   an output file could not be written
  6   a result does not fit exact 64-bit arithmetic
  7   solve: no value of the parameter meets the budget or the share (the closest is printed)
  8   not enough memory for this run
  70  internal error (a bug of donum))");

// A path: an empty one names no file (it would otherwise mean standard output, or nothing).
const CLI::Validator a_path{[](const std::string& s) { return donum::cli::path_problem(s); }, "PATH", "path"};

// A rule file, or a version FILE+SCENARIO... (cli/versions.hpp): every file it names exists.
const CLI::Validator a_version{[](const std::string& s) { return donum::cli::version_problem(s); }, "FILE[+SCENARIO...]", "version"};

// --year: four digits, as a year is written in a rule file.
const CLI::Validator a_year{[](const std::string& s) { return donum::cli::year_problem(s); }, "YEAR", "year"};

// The options every command that reads rules shares.
void add_rules_options(CLI::App* command, donum::cli::rules_options& options)
{
    // One value per occurrence, so that the order of occurrences tells which version an
    // option follows (explain --vs).
    command->add_option("--scenario", options.scenarios, tr("Apply the values of a scenario file (repeatable; a later one overrides)"))->check(a_path)->allow_extra_args(false);
    command->add_option("--set", options.settings, tr("Set a target, points value or point_value: NAME=VALUE, e.g. volet2.dmp.target@2024=35% (repeatable, applied last)"))->allow_extra_args(false);
    command->add_flag("--allow-outside", options.allow_outside, tr("Allow 'extends' to read files outside the rule file's folder"));
}

// Runs the chosen command; whatever it printed on standard output must have reached it: a
// full disk or /dev/full is an output error in every command, with a message.
template <typename Command>
int run_and_flush(const Command& command)
{
    const int code = command.run();
    if (code == donum::cli::ok && (std::fflush(stdout) != 0 || std::ferror(stdout) != 0)) {
        std::fprintf(stderr, "donum: %s\n", donum::messages::trf("cannot write to standard output: {}", std::strerror(errno)).c_str());
        return donum::cli::output_error;
    }
    return code;
}

// explain --vs: a --scenario or a --set written after --vs applies to the compared version,
// one written before it to the rules explained (--allow-outside to both).
void split_at_vs(const CLI::App& command, donum::cli::explain_command& explain)
{
    const auto* vs = command.get_option("--vs");
    const auto* scenario = command.get_option("--scenario");
    const auto* set = command.get_option("--set");
    donum::cli::rules_options before{explain.rules_opts.allow_outside, {}, {}};
    donum::cli::rules_options after{explain.rules_opts.allow_outside, {}, {}};
    bool after_vs = false;
    std::size_t scenarios = 0;
    std::size_t settings = 0;
    for (const auto* option : command.parse_order()) {
        auto& to = after_vs ? after : before;
        if (option == vs) after_vs = true;
        else if (option == scenario && scenarios < explain.rules_opts.scenarios.size()) to.scenarios.push_back(explain.rules_opts.scenarios[scenarios++]);
        else if (option == set && settings < explain.rules_opts.settings.size()) to.settings.push_back(explain.rules_opts.settings[settings++]);
    }
    explain.rules_opts = std::move(before);
    explain.vs_opts = std::move(after);
}

// How numbers and CSV files are written: chosen once, for the whole run, before rendering.
struct writing_options {
    std::string csv_dialect = "plain";
    bool plain_numbers = false;
};

void add_writing_options(CLI::App* command, writing_options& options)
{
    command->add_option("--csv-dialect", options.csv_dialect, tr("CSV written: plain (',' and '.', for programs) or fr (French Excel: ';', decimal comma, UTF-8 BOM, CRLF)"))
        ->check(CLI::IsMember({"plain", "fr"}))
        ->capture_default_str();
    command->add_flag("--plain-numbers", options.plain_numbers, tr("Text reports with plain numbers (11871247.50 €) instead of French ones (11 871 247,50 €), for scripts"));
}

}  // namespace

int main(int argc, char** argv)
{
    using namespace donum::cli;
    remove_temporaries_on_signals();
    escape_control_characters_on_stderr();
    if (const auto problem = choose_language(argc, argv)) {
        std::fprintf(stderr, "donum: %s\n", problem->c_str());
        return usage_error;
    }
    CLI::App app{tr("donum: the rules of the forfait structure and the DONUM as checked rule files, evaluated exactly."), "donum"};
    speak_language(app);  // before the subcommands: they inherit its headings and messages
    app.footer(tr(exit_codes_help));
    std::string language;
    app.add_option("--lang", language, tr("Language of messages and reports: fr (French, the default) or en; also DONUM_LANG"))->check(CLI::IsMember({"fr", "en"}));
    app.fallthrough();  // --lang may follow the command's name
    app.require_subcommand(1);
    app.set_version_flag("--version", "donum " DONUM_VERSION, tr("Print the version of donum and exit"));

    writing_options writing;
    check_command check;
    auto* check_cmd = app.add_subcommand("check", tr("Check rule files and report every problem (file:line:col)"));
    check_cmd->add_option("files", check.files, tr("Rule files (.donum), each possibly FILE+SCENARIO..."))->required()->check(a_version);
    check_cmd->add_flag("--summary", check.summary, tr("Print the convention as a table: groups, indicators, targets per year, points, maximum"));
    check_cmd->add_option("--format", check.format, tr("Of the summary: table (for people), md, csv, json or xlsx (with -o FILE.xlsx)"))->check(CLI::IsMember({"table", "md", "csv", "json", "xlsx"}))->capture_default_str();
    check_cmd->add_option("-o,--output", check.output, tr("Write the summary to FILE (atomically) instead of standard output"));
    check_cmd->add_flag("--strict", check.strict, tr("Unresolved XX placeholders are errors"));
    add_rules_options(check_cmd, check.rules_opts);
    add_writing_options(check_cmd, writing);

    eval_command eval;
    auto* eval_cmd = app.add_subcommand("eval", tr("Compute each physician's points and euros from activity data (CSV)"));
    eval_cmd->add_option("rules", eval.rules, tr("Rule file (.donum), or FILE+SCENARIO..."))->required()->check(a_version);
    eval_cmd->add_option("data", eval.data, tr("Activity data: CSV with a header (',' or ';'), or an Excel workbook (.xlsx)"))->required()->check(a_path);
    eval_cmd->add_option("--year", eval.year, tr("Evaluate every row as this convention year (instead of the 'year' column)"))->check(a_year);
    eval_cmd->add_option("--format", eval.format, tr("table (for people), csv, json or xlsx (an Excel workbook, with -o FILE.xlsx)"))->check(CLI::IsMember({"table", "csv", "json", "xlsx"}))->capture_default_str();
    eval_cmd->add_option("-o,--output", eval.output, tr("Write to FILE (atomically) instead of standard output"))->check(a_path);
    eval_cmd->add_option("--skip-invalid", eval.skip_invalid, tr("Evaluate the valid rows and write the rejected ones, with their reasons, to FILE (CSV, or a workbook when FILE ends in .xlsx)"))->check(a_path);
    add_rules_options(eval_cmd, eval.rules_opts);
    add_writing_options(eval_cmd, writing);
    eval_cmd->add_option("--sheet", eval.sheet, tr("With an Excel workbook (.xlsx) as data: the sheet to read (default: the first)"));

    explain_command explain;
    auto* explain_cmd = app.add_subcommand("explain", tr("Explain one physician's amount: every indicator, target, gate and what is missing"));
    explain_cmd->add_option("rules", explain.rules, tr("Rule file (.donum), or FILE+SCENARIO..."))->required()->check(a_version);
    explain_cmd->add_option("data", explain.data, tr("Activity data (CSV or .xlsx)"))->required()->check(a_path);
    explain_cmd->add_option("--id", explain.id, tr("The physician's id"))->required();
    explain_cmd->add_option("--year", explain.year, tr("The row of this year (or, without a year column, the year of the row)"))->check(a_year);
    explain_cmd->add_option("--format", explain.format, tr("table (for people), md, csv, json or xlsx (with -o FILE.xlsx)"))->check(CLI::IsMember({"table", "md", "csv", "json", "xlsx"}))->capture_default_str();
    explain_cmd->add_option("-o,--output", explain.output, tr("Write to FILE (atomically) instead of standard output"))->check(a_path);
    explain_cmd->add_option("--vs", explain.vs, tr("Also say why the amount differs under another version: FILE[+SCENARIO...][@YEAR]; --scenario and --set after it apply to it"))->check(a_version);
    add_rules_options(explain_cmd, explain.rules_opts);
    add_writing_options(explain_cmd, writing);
    explain_cmd->add_option("--sheet", explain.sheet, tr("With an Excel workbook (.xlsx) as data: the sheet to read (default: the first)"));

    simulate_command simulate;
    auto* simulate_cmd = app.add_subcommand("simulate", tr("Population report (French): gates, indicators, near misses, costs, distribution; or a sweep"));
    simulate_cmd->add_option("rules", simulate.rules, tr("Rule file (.donum), or FILE+SCENARIO..."))->required()->check(a_version);
    simulate_cmd->add_option("data", simulate.data, tr("Activity data (CSV or .xlsx)"))->required()->check(a_path);
    simulate_cmd->add_option("--year", simulate.year, tr("Evaluate every row as this convention year"))->check(a_year);
    simulate_cmd->add_option("--format", simulate.format, tr("table, csv, json, md (Markdown) or xlsx (an Excel workbook, with -o FILE.xlsx)"))->check(CLI::IsMember({"table", "csv", "json", "md", "xlsx"}))->capture_default_str();
    simulate_cmd->add_option("-o,--output", simulate.output, tr("Write to FILE (atomically) instead of standard output"))->check(a_path);
    simulate_cmd->add_option("--sweep", simulate.sweeps, tr("Sweep a parameter: NAME=FROM..TO:STEP, e.g. volet2.dmp.target@2024=20%..60%:1% (once, or twice for a grid)"))->expected(1, 2);
    simulate_cmd->add_option("--chart", simulate.chart, tr("With --sweep: draw total cost and share reaching the target to FILE.svg, FILE.png or FILE.pdf"))->check(a_path);
    add_rules_options(simulate_cmd, simulate.rules_opts);
    add_writing_options(simulate_cmd, writing);
    simulate_cmd->add_option("--sheet", simulate.sheet, tr("With an Excel workbook (.xlsx) as data: the sheet to read (default: the first)"));

    solve_command solve;
    auto* solve_cmd = app.add_subcommand("solve", tr("Find the target, points value or point value that meets a budget or a reach, exactly on the data"));
    solve_cmd->add_option("rules", solve.rules, tr("Rule file (.donum), or FILE+SCENARIO..."))->required()->check(a_version);
    solve_cmd->add_option("data", solve.data, tr("Activity data (CSV or .xlsx)"))->required()->check(a_path);
    solve_cmd->add_option("--vary", solve.vary, tr("The parameter: NAME or NAME@YEAR, e.g. volet2.dmp.target@2024"))->required();
    solve_cmd->add_option("--budget", solve.budget, tr("Total cost to reach: 300M€, 2.5Md€, 150k€, 1200000€"));
    solve_cmd->add_option("--reach", solve.reach, tr("Share of physicians who must meet the indicator (or gate): 70%"));
    solve_cmd->add_option("--of", solve.of, tr("With --reach: the indicator (GROUP.INDICATOR) or group whose share counts; default: the indicator of the varied target"));
    solve_cmd->add_option("--year", solve.year, tr("Evaluate every row as this convention year"))->check(a_year);
    solve_cmd->add_option("--format", solve.format, tr("table (for people), md, csv, json or xlsx (with -o FILE.xlsx)"))->check(CLI::IsMember({"table", "md", "csv", "json", "xlsx"}))->capture_default_str();
    solve_cmd->add_option("-o,--output", solve.output, tr("Write to FILE (atomically) instead of standard output"))->check(a_path);
    add_rules_options(solve_cmd, solve.rules_opts);
    add_writing_options(solve_cmd, writing);
    solve_cmd->add_option("--sheet", solve.sheet, tr("With an Excel workbook (.xlsx) as data: the sheet to read (default: the first)"));

    diff_command diff;
    auto* diff_cmd = app.add_subcommand("diff", tr("Compare convention versions: rules side by side; with --data, the impact and each physician's reasons"));
    diff_cmd->add_option("versions", diff.versions, tr("Versions: FILE[+SCENARIO...][@YEAR], e.g. stdlib-rules/forfait-structure.donum@2023"))->required()->expected(2, 100)->check(a_version);
    diff_cmd->add_option("--data", diff.data, tr("Activity data: each row is evaluated under every version, at the version's year"))->check(a_path);
    diff_cmd->add_option("--per-physician", diff.per_physician, tr("With --data: write each physician's amounts, differences and reasons to FILE.csv (or a workbook, FILE.xlsx)"))->check(a_path);
    diff_cmd->add_flag("--all", diff.all, tr("Show the rules that did not change too"));
    diff_cmd->add_option("--format", diff.format, tr("table, md, csv, json or xlsx (an Excel workbook, with -o FILE.xlsx)"))->check(CLI::IsMember({"table", "md", "csv", "json", "xlsx"}))->capture_default_str();
    diff_cmd->add_option("-o,--output", diff.output, tr("Write to FILE (atomically) instead of standard output"))->check(a_path);
    add_rules_options(diff_cmd, diff.rules_opts);
    add_writing_options(diff_cmd, writing);
    diff_cmd->add_option("--sheet", diff.sheet, tr("With an Excel workbook (.xlsx) as data: the sheet to read (default: the first)"));

    serve_command serve;
    auto* serve_cmd = app.add_subcommand("serve", tr("The negotiation table as a live page: every value editable, each change answered at once"));
    serve_cmd->add_option("rules", serve.rules, tr("Rule file (.donum)"))->required()->check(CLI::ExistingFile);
    serve_cmd->add_option("data", serve.data, tr("Activity data (CSV or .xlsx)"))->required()->check(a_path);
    serve_cmd->add_option("--vs", serve.vs, tr("Compare with this version: FILE[+SCENARIO...][@YEAR] (default: the rule file as written)"));
    serve_cmd->add_option("--port", serve.port, tr("Port to listen on (0: any free port)"))->check(CLI::Range(0, 65535))->capture_default_str();
    serve_cmd->add_option("--host", serve.host, tr("Address to listen on; other than 127.0.0.1 requires a token"))->capture_default_str();
    serve_cmd->add_option("--token", serve.token, tr("The token every request must carry (default off loopback: generated and printed)"));
    add_rules_options(serve_cmd, serve.rules_opts);

    test_command test;
    auto* test_cmd = app.add_subcommand("test", tr("Run the known-answer examples of rule files"));
    test_cmd->add_option("files", test.files, tr("Rule files (.donum), each possibly FILE+SCENARIO..."))->required()->check(a_version);
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

    if (explain_cmd->parsed()) split_at_vs(*explain_cmd, explain);
    donum::render::set_default_csv_dialect(writing.csv_dialect == "fr" ? donum::render::csv_dialect::french() : donum::render::csv_dialect::plain());
    // CSV and JSON are for programs: whatever text they hold (a target "22.5", a reason) keeps
    // plain numbers, as --plain-numbers gives the text reports.
    const std::string* format = check_cmd->parsed() ? &check.format : eval_cmd->parsed() ? &eval.format : explain_cmd->parsed() ? &explain.format : simulate_cmd->parsed() ? &simulate.format : solve_cmd->parsed() ? &solve.format : diff_cmd->parsed() ? &diff.format : nullptr;
    const bool for_programs = format != nullptr && (*format == "csv" || *format == "json");
    donum::text::set_number_writing(writing.plain_numbers || for_programs ? donum::text::number_writing::plain : donum::text::number_writing::french);
    try {
        if (check_cmd->parsed()) return run_and_flush(check);
        if (eval_cmd->parsed()) return run_and_flush(eval);
        if (explain_cmd->parsed()) return run_and_flush(explain);
        if (test_cmd->parsed()) return run_and_flush(test);
        if (simulate_cmd->parsed()) return run_and_flush(simulate);
        if (diff_cmd->parsed()) return run_and_flush(diff);
        if (solve_cmd->parsed()) return run_and_flush(solve);
        if (serve_cmd->parsed()) return run_and_flush(serve);
        if (fmt_cmd->parsed()) return run_and_flush(fmt);
        if (lsp_cmd->parsed()) return run_and_flush(lsp);
    }
    catch (const std::bad_alloc&) {
        // Not a bug: the machine (or ulimit) gave no more memory. The runner carries it from
        // any thread to here; outputs are temporary files, removed as the command unwinds.
        std::fprintf(stderr, "%s\n", donum::messages::tr("donum: not enough memory for this run (the machine, or its limit, gave no more); free memory, or split the data into smaller files"));
        return out_of_memory;
    }
    catch (const donum::data::mixed_column& e) {
        // Versions read together whose data one table cannot hold: the data is refused.
        std::fprintf(stderr, "donum: %s\n", e.what());
        return data_error;
    }
    catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n", donum::messages::trf("donum: internal error: {}", e.what()).c_str());
        return internal_error;
    }
    return usage_error;
}
