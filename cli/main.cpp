// The donum command: one subcommand per job, each a short list of library calls.
#include <cstdio>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/exit_codes.hpp"
#include "grammar/diagnostic.hpp"
#include "interpreter/driver.hpp"
#include "interpreter/summary.hpp"

namespace {

using namespace donum;

constexpr const char* exit_codes_help = R"(Exit codes:
  0   success
  1   error in a rule file (syntax, names, types, extends; XX with --strict)
  2   bad command line
  3   invalid activity data
  4   a known-answer example failed
  5   an output file could not be written
  6   a result does not fit exact 64-bit arithmetic
  70  internal error (a bug of donum))";

void print_diagnostics(const grammar::diagnostics& issues)
{
    for (const auto& d : issues) {
        std::fputs(grammar::render(d).c_str(), stderr);
    }
}

struct check_command {
    std::vector<std::string> files;
    bool summary = false;
    bool strict = false;
    bool allow_outside = false;

    int run() const
    {
        int status = cli::ok;
        for (const auto& file : files) {
            interpreter::compile_options options;
            options.check.strict = strict;
            options.load.allow_outside = allow_outside;
            const auto result = interpreter::compile_rules(file, options);
            print_diagnostics(result.issues);
            const auto errors = grammar::count(result.issues, grammar::severity::error);
            const auto warnings = grammar::count(result.issues, grammar::severity::warning);
            if (!result.checked) {
                std::fprintf(stderr, "%s: %zu error(s), %zu warning(s)\n", file.c_str(), errors, warnings);
                status = cli::rule_error;
                continue;
            }
            const auto& p = *result.checked;
            const auto open = p.open_placeholders();
            std::fprintf(stderr, "%s: ok, %zu warning(s), %zu placeholder(s) XX\n", file.c_str(), warnings, open.size());
            if (summary) {
                std::fputs(interpreter::summary(p).c_str(), stdout);
            }
        }
        return status;
    }
};

}  // namespace

int main(int argc, char** argv)
{
    CLI::App app{"donum: the rules of the forfait structure and the DONUM as checked rule files.\n"
                 "Les règles du forfait structure et de la DONUM, écrites et vérifiées comme des fichiers de règles.",
                 "donum"};
    app.footer(exit_codes_help);
    app.require_subcommand(1);
    app.set_version_flag("--version", "donum 0.1.0");

    check_command check;
    auto* check_cmd = app.add_subcommand("check", "Check rule files and report every problem (file:line:col)");
    check_cmd->add_option("files", check.files, "Rule files (.donum)")->required()->check(CLI::ExistingFile);
    check_cmd->add_flag("--summary", check.summary, "Print the convention as a table: groups, indicators, targets per year, points, maximum");
    check_cmd->add_flag("--strict", check.strict, "Unresolved XX placeholders are errors");
    check_cmd->add_flag("--allow-outside", check.allow_outside, "Allow 'extends' to read files outside the rule file's folder");

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
        return cli::usage_error;
    }

    try {
        if (check_cmd->parsed()) return check.run();
    }
    catch (const std::exception& e) {
        std::fprintf(stderr, "donum: internal error: %s\n", e.what());
        return cli::internal_error;
    }
    return cli::usage_error;
}
