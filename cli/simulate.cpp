// `donum simulate`: a population report in French, or a sweep of one or two parameters.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <future>
#include <system_error>

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
#include "interpreter/messages/messages.hpp"

namespace donum::cli {

using messages::tr;
using messages::trf;

int simulate_command::run_sweep(const compile::compiled& compiled, const data::data_table& table) const
{
    const auto& p = *compiled.checked;
    std::vector<population::sweep_axis> axes;
    for (const auto& text : sweeps) {
        auto axis = sweep_option(p, text);
        if (!axis) return rule_error;
        if (axis->year && !year_has_rows(p, table, *axis->year, "--sweep " + text)) return usage_error;
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
    return write_sweep(compiled, axes, result, table.size(), table.year_indexes());
}

// The usual sweep, with its data read in parts on the cores as eval reads it (no table), and
// its messages in the same order as run_sweep's: the data's, the warnings of --set, a year
// without rows, then the evaluation's. Nothing when an axis has anything to say: run_sweep,
// after the data, says it where it always has.
std::optional<int> simulate_command::run_sweep_streamed(const compile::compiled& compiled) const
{
    const auto& p = *compiled.checked;
    std::vector<population::sweep_axis> axes;
    for (const auto& text : sweeps) {
        auto axis = sweep_option(p, text, true);
        if (!axis) return std::nullopt;
        axes.push_back(std::move(*axis));
    }
    const auto columns = data::schema_of(p);
    population::file_rows source;
    source.path = data;
    source.columns = &columns;
    source.options.year = year;
    source.options.sheet = sheet;
    // The manifest that the sweep's document shows hashes the data file: done meanwhile, on
    // a thread of its own, for a regular file (a pipe read twice at once would lose rows).
    std::future<population::manifest> early;
    std::error_code ignored;
    if (std::filesystem::is_regular_file(data, ignored)) {
        try {
            early = std::async(std::launch::async, [&] { return population::manifest_of(compiled, data, year, rules_opts.settings, DONUM_VERSION); });
        }
        catch (const std::system_error&) {
            // No thread: made after the sweep, as for a pipe.
        }
    }
    population::sweep_file_result swept;
    try {
        swept = population::run_sweep(p, source, axes);
    }
    catch (const std::invalid_argument&) {
        return std::nullopt;  // refused before any row is read
    }
    catch (const data::csv_io_error& e) {
        std::fprintf(stderr, "donum: %s\n", e.what());
        return data_error;
    }
    const auto& loaded = swept.pass.loaded;
    if (!report_data(data, loaded, false)) return data_error;
    warn_settings_without_rows(rules_opts, p, loaded.year_indexes);
    for (std::size_t a = 0; a < axes.size(); ++a) {
        if (axes[a].year && !year_has_rows(p, loaded.year_indexes, *axes[a].year, "--sweep " + sweeps[a])) return usage_error;
    }
    return refuse_on_evaluation_errors([&] {
        swept.pass.rethrow();
        return write_sweep(compiled, axes, swept.sweep, loaded.rows, loaded.year_indexes, early.valid() ? &early : nullptr);
    });
}

// The sweep's document (and chart) written where -o and --chart say.
int simulate_command::write_sweep(const compile::compiled& compiled, const std::vector<population::sweep_axis>& axes, const population::sweep_result& result, std::size_t rows,
                                  const std::vector<std::size_t>& year_indexes, std::future<population::manifest>* early) const
{
    const auto& p = *compiled.checked;
    const auto m = early != nullptr ? early->get() : population::manifest_of(compiled, data, year, rules_opts.settings, DONUM_VERSION);
    std::vector<int> years;
    for (const auto y : year_indexes) years.push_back(p.years[y]);
    const render::sweep_document document{&p, axes, &result, &m, data, rows, years};
    const auto chosen = format == "csv" ? render::sweep_format::csv : format == "json" ? render::sweep_format::json : format == "md" ? render::sweep_format::md : format == "xlsx" ? render::sweep_format::xlsx : render::sweep_format::table;
    if (!chart.empty()) {
        std::string error;
        const auto image = render::draw_chart(chart, render::sweep_chart(document), error);
        if (!image) {
            std::fprintf(stderr, "donum: %s\n", error.c_str());
            return output_error;
        }
        if (!write_output(chart, *image)) return output_error;
    }
    return write_document(output, [&] { return render::render_sweep(document, chosen); }) ? ok : output_error;
}

int simulate_command::run() const
{
    // Options that cannot work, said on the option before anything is read.
    if (!check_workbook_output(format, output)) return usage_error;
    if (!chart.empty() && sweeps.empty()) {
        std::fprintf(stderr, "donum simulate: %s\n", tr("--chart draws a sweep: give --sweep NAME=FROM..TO:STEP"));
        return usage_error;
    }
    if (!chart.empty()) {
        const auto extension = std::filesystem::path(chart).extension();
        if (extension != ".svg" && extension != ".png" && extension != ".pdf") {
            std::fprintf(stderr, "donum simulate: %s\n", trf("--chart {}: the chart file must end with .svg, .png or .pdf", chart).c_str());
            return usage_error;
        }
    }
    const auto compiled = load_program(rules, rules_opts, false);
    if (!compiled) return rule_error;
    if (!preflight(*compiled, data, year, {{"-o", output}, {"--chart", chart}})) return usage_error;
    const auto& p = *compiled->checked;
    if (!sweeps.empty()) {
        if (const auto done = run_sweep_streamed(*compiled)) return *done;
    }
    const auto loaded = load_data(data, p, year, false, sheet);
    if (!loaded) return data_error;
    warn_settings_without_rows(rules_opts, p, loaded->table);
    if (!sweeps.empty()) {
        return refuse_on_evaluation_errors([&] { return run_sweep(*compiled, loaded->table); });
    }
    return refuse_on_evaluation_errors([&] {
        const auto m = population::manifest_of(*compiled, data, year, rules_opts.settings, DONUM_VERSION);
        const auto report = population::compute_report(p, loaded->table);
        const auto chosen = format == "csv" ? render::report_format::csv : format == "json" ? render::report_format::json : format == "md" ? render::report_format::md : format == "xlsx" ? render::report_format::xlsx : render::report_format::table;
        return write_document(output, [&] { return render::render_report(p, report, m, chosen); }) ? ok : output_error;
    });
}

}  // namespace donum::cli
