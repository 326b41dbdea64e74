// `donum simulate`: a population report in French, or a sweep of one or two parameters.
#include <chrono>
#include <cstdio>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/exit_codes.hpp"
#include "interpreter/report.hpp"
#include "interpreter/table.hpp"

namespace donum::cli {

namespace {

// What the figures were computed from: every file with its SHA-256, every value set.
interpreter::manifest make_manifest(const interpreter::compiled& compiled, const std::string& data, const rules_options& options, std::optional<int> year)
{
    interpreter::manifest m;
    m.donum_version = DONUM_VERSION;
    for (std::size_t i = 0; i < compiled.files.size(); ++i) {
        const auto& f = compiled.files[i];
        const auto& source = *compiled.sources[i];  // files and sources are read in the same order
        m.files.push_back(interpreter::hashed_text(f.role == "scenario" ? "scénario" : "règles", f.path, source.text));
    }
    m.files.push_back(interpreter::hashed_file("données", data));
    if (year) m.parameters.push_back(fmt::format("--year {}", *year));
    for (const auto& s : options.settings) m.parameters.push_back(s);
    m.date = fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now())));
    return m;
}

}  // namespace

int simulate_command::run() const
{
    const auto compiled = load_program(rules, rules_opts, false);
    if (!compiled) return rule_error;
    const auto& p = *compiled->checked;
    const auto loaded = load_data(data, p, year, false);
    if (!loaded) return data_error;
    std::string text;
    try {
        const auto m = make_manifest(*compiled, data, rules_opts, year);
        const auto report = interpreter::compute_report(p, loaded->table);
        const auto chosen = format == "csv" ? interpreter::report_format::csv : format == "json" ? interpreter::report_format::json : format == "md" ? interpreter::report_format::md : interpreter::report_format::table;
        text = interpreter::render_report(p, report, m, chosen);
    }
    catch (const interpreter::placeholder_error& e) {
        print_placeholders(e);
        return rule_error;
    }
    catch (const interpreter::evaluation_error& e) {
        std::fputs(grammar::render(e.to_diagnostic()).c_str(), stderr);
        return evaluation_error;
    }
    return write_output(output, text) ? ok : output_error;
}

}  // namespace donum::cli
