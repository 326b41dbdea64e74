// `donum simulate`: a population report in French, or a sweep of one or two parameters.
#include <algorithm>
#include <chrono>
#include <cstdio>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "interpreter/compile/driver.hpp"
#include "cli/common.hpp"
#include "cli/exit_codes.hpp"
#include "cli/options.hpp"
#include "interpreter/population/manifest.hpp"
#include "interpreter/population/report.hpp"
#include "interpreter/render/report.hpp"
#include "interpreter/population/results.hpp"
#include "interpreter/population/sweep.hpp"
#include "interpreter/render/sweep.hpp"
#include "interpreter/data/table.hpp"

namespace donum::cli {

namespace {

// What the figures were computed from: every file with its SHA-256, every value set.
population::manifest make_manifest(const compile::compiled& compiled, const std::string& data, const rules_options& options, std::optional<int> year)
{
    population::manifest m;
    m.donum_version = DONUM_VERSION;
    for (std::size_t i = 0; i < compiled.files.size(); ++i) {
        const auto& f = compiled.files[i];
        const auto& source = *compiled.sources[i];  // files and sources are read in the same order
        m.files.push_back(population::hashed_text(f.role == "scenario" ? "scénario" : "règles", f.path, source.text));
    }
    m.files.push_back(population::hashed_file("données", data));
    if (year) m.parameters.push_back(fmt::format("--year {}", *year));
    for (const auto& s : options.settings) m.parameters.push_back(s);
    m.date = fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now())));
    return m;
}

}  // namespace

int simulate_command::run_sweep(const compile::compiled& compiled, const data::data_table& table) const
{
    const auto& p = *compiled.checked;
    std::vector<population::sweep_axis> axes;
    for (const auto& text : sweeps) {
        auto axis = sweep_option(p, text);
        if (!axis) return rule_error;
        axes.push_back(std::move(*axis));
    }
    population::sweep_result result;
    try {
        result = population::run_sweep(p, table, axes);
    }
    catch (const std::invalid_argument& e) {
        std::fprintf(stderr, "donum: %s\n", e.what());
        return usage_error;
    }
    const auto m = make_manifest(compiled, data, rules_opts, year);
    const render::sweep_document document{&p, axes, &result, &m, data, table.size()};
    const auto chosen = format == "csv" ? render::sweep_format::csv : format == "json" ? render::sweep_format::json : format == "md" ? render::sweep_format::md : render::sweep_format::table;
    if (!chart.empty()) {
        std::string error;
        if (!render::draw_chart(chart, render::sweep_chart(document), error)) {
            std::fprintf(stderr, "donum: %s\n", error.c_str());
            return output_error;
        }
    }
    return write_output(output, render::render_sweep(document, chosen)) ? ok : output_error;
}

int simulate_command::run() const
{
    const auto compiled = load_program(rules, rules_opts, false);
    if (!compiled) return rule_error;
    const auto& p = *compiled->checked;
    const auto loaded = load_data(data, p, year, false);
    if (!loaded) return data_error;
    if (!sweeps.empty()) {
        return refuse_on_evaluation_errors([&] { return run_sweep(*compiled, loaded->table); });
    }
    if (!chart.empty()) {
        std::fprintf(stderr, "donum simulate: --chart draws a sweep: give --sweep NAME=FROM..TO:STEP\n");
        return usage_error;
    }
    return refuse_on_evaluation_errors([&] {
        const auto m = make_manifest(*compiled, data, rules_opts, year);
        const auto report = population::compute_report(p, loaded->table);
        const auto chosen = format == "csv" ? render::report_format::csv : format == "json" ? render::report_format::json : format == "md" ? render::report_format::md : render::report_format::table;
        return write_output(output, render::render_report(p, report, m, chosen)) ? ok : output_error;
    });
}

}  // namespace donum::cli
