// `donum check`: every problem of each rule file, and its summary table on request.
#include <cstdio>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/exit_codes.hpp"
#include "interpreter/compile/driver.hpp"
#include "interpreter/render/summary.hpp"
#include "interpreter/messages/messages.hpp"
#include "interpreter/render/xlsx.hpp"

namespace donum::cli {

using messages::tr;
using messages::trf;

int check_command::run() const
{
    if (format != "table" && !summary) {
        std::fprintf(stderr, "donum check: %s\n", tr("--format is the format of the summary: add --summary"));
        return usage_error;
    }
    if ((format != "table" || !output.empty()) && files.size() != 1) {
        std::fprintf(stderr, "donum check: %s\n", tr("a summary in a file or another format is of one rule file: give one"));
        return usage_error;
    }
    if (!check_workbook_output(format, output)) return usage_error;
    int status = ok;
    for (const auto& file : files) {
        // FILE+SCENARIO...: the version's scenarios first, then --scenario and --set.
        const auto spec = parse_version_spec(file);
        if (!spec) {
            status = rule_error;
            continue;
        }
        auto own = rules_opts;
        own.scenarios.insert(own.scenarios.begin(), spec->scenarios.begin(), spec->scenarios.end());
        auto options = compile_options_of(own);
        options.check.strict = strict;
        const auto result = compile::compile_rules(spec->rules, options);
        print_diagnostics(result.issues);
        const auto errors = grammar::count(result.issues, grammar::severity::error);
        const auto warnings = grammar::count(result.issues, grammar::severity::warning);
        if (!result.checked) {
            std::fprintf(stderr, "%s\n", trf("{}: {} error(s), {} warning(s)", file, errors, warnings).c_str());
            status = rule_error;
            continue;
        }
        const auto& p = *result.checked;
        std::fprintf(stderr, "%s\n", trf("{}: ok, {} warning(s), {} placeholder(s) XX", file, warnings, p.open_placeholders().size()).c_str());
        if (!summary) continue;
        const bool written = write_document(output, [&] {
            if (format == "table") return render::summary(p);
            const auto d = render::summary_document(p);
            if (format == "md") return render::document_markdown(d);
            if (format == "csv") return render::table_csv(d.tables.at(1));
            if (format == "json") return render::document_json(d);
            std::vector<std::pair<std::string, std::string>> facts{{tr("Convention"), d.title}, {tr("Rule file"), file}};
            for (const auto& param : rules_opts.settings) facts.emplace_back(tr("Parameter set"), param);
            for (const auto& scenario : rules_opts.scenarios) facts.emplace_back(tr("Scenario"), scenario);
            return render::document_xlsx(d, render::simple_manifest(DONUM_VERSION, facts));
        });
        if (!written) return output_error;
    }
    return status;
}

}  // namespace donum::cli
