// `donum test`: the known-answer examples of rule files, each evaluated and compared.
#include <cstdio>
#include <vector>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/exit_codes.hpp"
#include "interpreter/eval/evaluate.hpp"

namespace donum::cli {

namespace {

void report(const compile::example_info& x, std::string message)
{
    std::fputs(grammar::render({grammar::severity::error, x.range, fmt::format("example \"{}\": {}", x.label, message), {}}).c_str(), stderr);
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
        for (const auto& x : p.examples) {
            // An example may assume values for slots still XX: it runs on its own copy.
            auto assumed = p;
            for (const auto& [slot, value] : x.assumed) assumed.slots[slot].by_year[x.year_index] = value;
            std::vector<std::int64_t> inputs(p.inputs.size(), 0);
            for (const auto& [input, value] : x.given) inputs[input] = value;
            const int year = p.years.at(x.year_index);
            try {
                const eval::evaluator ev(assumed, year);
                const auto r = ev.evaluate(inputs);
                if (r.points == x.expected_points && r.euros.to_fixed(2) == x.expected_euros.to_fixed(2)) {
                    ++passed;
                    continue;
                }
                report(x, fmt::format("expected {} points, {} €; got {} points, {} €", x.expected_points.to_string(), x.expected_euros.to_fixed(2), r.points.to_string(), r.euros.to_fixed(2)));
            }
            catch (const eval::placeholder_error& e) {
                std::vector<std::string> names;
                for (const auto& o : e.open()) names.push_back(o.name);
                report(x, fmt::format("needs values for placeholders XX: {} (write 'set NAME = VALUE' in the example)", fmt::join(names, ", ")));
            }
            catch (eval::evaluation_error& e) {
                report(x, e.message());
            }
            ++file_failed;
        }
        failed += file_failed;
        std::fprintf(stderr, "%s: %zu example(s), %zu failed\n", file.c_str(), p.examples.size(), file_failed);
    }
    std::printf("%zu passed, %zu failed\n", passed, failed);
    if (rules_failed) return rule_error;
    return failed == 0 ? ok : test_failure;
}

}  // namespace donum::cli
