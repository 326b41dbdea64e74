// `donum check`: every problem of each rule file, and its summary table on request.
#include <cstdio>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/exit_codes.hpp"
#include "interpreter/compile/driver.hpp"
#include "interpreter/render/summary.hpp"

namespace donum::cli {

int check_command::run() const
{
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
            std::fprintf(stderr, "%s: %zu error(s), %zu warning(s)\n", file.c_str(), errors, warnings);
            status = rule_error;
            continue;
        }
        const auto& p = *result.checked;
        std::fprintf(stderr, "%s: ok, %zu warning(s), %zu placeholder(s) XX\n", file.c_str(), warnings, p.open_placeholders().size());
        if (summary && !write_output("", render::summary(p))) {
            return output_error;
        }
    }
    return status;
}

}  // namespace donum::cli
