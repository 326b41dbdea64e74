// `donum simulate`: a population report in French, or a sweep of one or two parameters.
#include <algorithm>
#include <cstdio>

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
    const auto m = population::manifest_of(compiled, data, year, rules_opts.settings, DONUM_VERSION);
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
        const auto m = population::manifest_of(*compiled, data, year, rules_opts.settings, DONUM_VERSION);
        const auto report = population::compute_report(p, loaded->table);
        const auto chosen = format == "csv" ? render::report_format::csv : format == "json" ? render::report_format::json : format == "md" ? render::report_format::md : render::report_format::table;
        return write_output(output, render::render_report(p, report, m, chosen)) ? ok : output_error;
    });
}

}  // namespace donum::cli
