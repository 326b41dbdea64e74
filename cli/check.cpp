// `donum check`: every problem of each rule file, and its summary table on request.
#include <cstdio>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/exit_codes.hpp"
#include "interpreter/compile/driver.hpp"
#include "interpreter/render/summary.hpp"
#include "interpreter/messages/messages.hpp"

namespace donum::cli {

using messages::trf;

int check_command::run() const
{
    int status = ok;
    for (const auto& file : files) {
        auto options = compile_options_of(rules_opts);
        options.check.strict = strict;
        const auto result = compile::compile_rules(file, options);
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
        if (summary && !write_output("", render::summary(p))) {
            return output_error;
        }
    }
    return status;
}

}  // namespace donum::cli
