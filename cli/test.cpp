// `donum test`: the known-answer examples of rule files, each evaluated and compared.
#include <cstdio>
#include <vector>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/exit_codes.hpp"
#include "interpreter/population/examples.hpp"
#include "interpreter/messages/messages.hpp"

namespace donum::cli {

using messages::trf;

namespace {

void report(const compile::example_info& x, std::string message)
{
    std::fputs(grammar::render({grammar::severity::error, x.range, trf("example \"{}\": {}", x.label, message), {}}).c_str(), stderr);
}

}  // namespace

int test_command::run() const
{
    std::size_t passed = 0;
    std::size_t failed = 0;
    bool rules_failed = false;
    for (const auto& file : files) {
        const auto compiled = load_program(file, rules_opts, false);
        if (!compiled) {
            rules_failed = true;
            continue;
        }
        const auto& p = *compiled->checked;
        std::size_t file_failed = 0;
        for (const auto& outcome : population::run_examples(p)) {
            const auto& x = p.examples[outcome.example];
            if (outcome.passed) {
                ++passed;
                continue;
            }
            ++file_failed;
            if (!outcome.placeholders.empty()) {
                report(x, trf("needs values for placeholders XX: {} (write 'set NAME = VALUE' in the example)", fmt::join(outcome.placeholders, ", ")));
            }
            else if (!outcome.overflow.empty()) {
                report(x, outcome.overflow);
            }
            else {
                report(x, trf("expected {} points, {} €; got {} points, {} €", x.expected_points.to_string(), x.expected_euros.to_fixed(2), outcome.points->to_string(), outcome.euros->to_fixed(2)));
            }
        }
        failed += file_failed;
        std::fprintf(stderr, "%s\n", trf("{}: {} example(s), {} failed", file, p.examples.size(), file_failed).c_str());
    }
    std::printf("%s\n", trf("{} passed, {} failed", passed, failed).c_str());
    if (rules_failed) return rule_error;
    return failed == 0 ? ok : test_failure;
}

}  // namespace donum::cli
