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
#include "cli/chart.hpp"
#include "cli/parameters.hpp"
#include "interpreter/render/report.hpp"
#include "interpreter/render/writers.hpp"
#include "interpreter/population/sweep.hpp"
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

std::string percent_of(std::size_t count, std::size_t total)
{
    return total == 0 ? std::string("-") : exact::rational(static_cast<std::int64_t>(count) * 100, static_cast<std::int64_t>(total)).to_fixed(1);
}

// The indicator whose figures a sweep reports: the one whose target or points are swept.
std::optional<std::size_t> subject_of(const compile::program& p, std::size_t slot)
{
    for (std::size_t i = 0; i < p.indicators.size(); ++i) {
        if (p.indicators[i].target_slot == slot || p.indicators[i].points_slot == slot) return i;
    }
    return std::nullopt;
}

// `NAME=FROM..TO:STEP` -> an axis of values checked for its slot.
std::optional<population::sweep_axis> parse_sweep(const compile::program& p, const std::string& text)
{
    std::string error;
    const auto eq = text.find('=');
    const auto dots = text.find("..", eq == std::string::npos ? 0 : eq);
    const auto colon = text.rfind(':');
    if (eq == std::string::npos || dots == std::string::npos || colon == std::string::npos || colon < dots) {
        std::fprintf(stderr, "donum: --sweep %s: write NAME=FROM..TO:STEP, e.g. volet2.dmp.target@2024=20%%..60%%:1%%\n", text.c_str());
        return std::nullopt;
    }
    const auto param = find_parameter(p, text.substr(0, eq), error);
    if (!param) {
        std::fprintf(stderr, "donum: --sweep %s: %s\n", text.c_str(), error.c_str());
        return std::nullopt;
    }
    const auto& s = p.slots[param->slot];
    const auto from = parse_value(s, text.substr(eq + 1, dots - eq - 1), error);
    const auto to = from ? parse_value(s, text.substr(dots + 2, colon - dots - 2), error) : std::nullopt;
    const auto step = to ? parse_value(s, text.substr(colon + 1), error) : std::nullopt;
    if (!step) {
        std::fprintf(stderr, "donum: --sweep %s: %s\n", text.c_str(), error.c_str());
        return std::nullopt;
    }
    population::sweep_axis axis;
    axis.slot = param->slot;
    axis.year = param->year;
    axis.name = param->name;
    try {
        axis.values = population::range_values(*from, *to, *step);
        for (const auto& v : axis.values) population::check_parameter_value(p, axis.slot, v, axis.name);
    }
    catch (const std::invalid_argument& e) {
        std::fprintf(stderr, "donum: --sweep %s: %s\n", text.c_str(), e.what());
        return std::nullopt;
    }
    return axis;
}

}  // namespace

int simulate_command::run_sweep(const compile::compiled& compiled, const data::data_table& table) const
{
    const auto& p = *compiled.checked;
    std::vector<population::sweep_axis> axes;
    for (const auto& text : sweeps) {
        auto axis = parse_sweep(p, text);
        if (!axis) return usage_error;
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
    // Figures: the indicator the first axis changes, and every group with a gate.
    const auto subject = subject_of(p, axes.front().slot);
    std::vector<std::size_t> gated;
    for (std::size_t g = 0; g < p.groups.size(); ++g) {
        if (!p.groups[g].gate.empty()) gated.push_back(g);
    }
    std::vector<std::string> head;
    for (const auto& a : axes) head.push_back(a.name);
    if (subject) head.push_back(fmt::format("atteint {} (%)", p.indicators[*subject].id));
    for (const auto g : gated) head.push_back(fmt::format("accès {} (%)", p.groups[g].id));
    for (const char* h : {"médecins payés", "montant total (€)", "moyenne (€)", "gagnants", "perdants", "gain (€)", "perte (€)"}) head.push_back(h);
    std::vector<std::vector<std::string>> rows;
    for (const auto& step : result.steps) {
        std::vector<std::string> cells;
        for (std::size_t k = 0; k < axes.size(); ++k) cells.push_back(show_value(p.slots[axes[k].slot], step.values[k]));
        if (subject) cells.push_back(percent_of(step.indicator_met[*subject], step.physicians));
        for (const auto g : gated) cells.push_back(percent_of(step.group_open[g], step.physicians));
        cells.push_back(std::to_string(step.paid));
        cells.push_back(step.euros.to_fixed(2));
        cells.push_back(step.mean_euros.to_fixed(2));
        cells.push_back(std::to_string(step.winners));
        cells.push_back(std::to_string(step.losers));
        cells.push_back(step.gained.to_fixed(2));
        cells.push_back((-step.lost).to_fixed(2));
        rows.push_back(std::move(cells));
    }
    std::string text;
    const auto m = make_manifest(compiled, data, rules_opts, year);
    if (format == "csv") {
        for (std::size_t c = 0; c < head.size(); ++c) text += (c ? "," : "") + render::csv_field(head[c]);
        text += "\n";
        for (const auto& r : rows) {
            for (std::size_t c = 0; c < r.size(); ++c) text += (c ? "," : "") + render::csv_field(r[c]);
            text += "\n";
        }
    }
    else if (format == "json") {
        text += fmt::format("{{\n  \"date\": {},\n  \"parameters\": [", render::json_string(m.date));
        for (std::size_t k = 0; k < axes.size(); ++k) text += (k ? ", " : "") + render::json_string(axes[k].name);
        text += "],\n  \"columns\": [";
        for (std::size_t c = 0; c < head.size(); ++c) text += (c ? ", " : "") + render::json_string(head[c]);
        text += "],\n  \"rows\": [";
        for (std::size_t r = 0; r < rows.size(); ++r) {
            text += r ? ",\n    [" : "\n    [";
            for (std::size_t c = 0; c < rows[r].size(); ++c) text += (c ? ", " : "") + render::json_string(rows[r][c]);
            text += "]";
        }
        text += "\n  ]\n}\n";
    }
    else {
        const bool md = format == "md";
        text += md ? fmt::format("# Balayage : {}\n\n", p.label) : fmt::format("Balayage : {} ({})\n", p.label, p.id);
        text += fmt::format("{}Version de donum {}, {} ; données {} ; {} médecins\n", md ? "" : "  ", m.donum_version, m.date, data, table.size());
        for (const auto& f : m.files) text += fmt::format("{}{} {} sha256 {}\n", md ? "- " : "  ", f.role, f.path, f.sha256);
        for (const auto& param : m.parameters) text += fmt::format("{}paramètre fixé : {}\n", md ? "- " : "  ", param);
        text += fmt::format("{}Gagnants et perdants : par rapport à la première ligne.\n\n", md ? "\n" : "  ");
        text_table shown;
        shown.head = head;
        shown.rows = rows;
        shown.align_right = !md;
        text += shown.render(md);
    }
    if (!chart.empty()) {
        chart_spec spec;
        const auto& s0 = p.slots[axes.front().slot];
        spec.title = fmt::format("{} : balayage de {}", p.label, axes.front().name);
        spec.x_label = s0.type == compile::value_type::rate ? fmt::format("{} (%)", axes.front().name) : axes.front().name;
        spec.share_label = subject ? fmt::format("Médecins atteignant {} (%)", p.indicators[*subject].id) : gated.empty() ? std::string("Médecins payés (%)") : fmt::format("Médecins ayant accès à {} (%)", p.groups[gated.front()].id);
        // One pair of curves per value of the second axis (or one pair in all).
        const std::size_t per = axes.front().values.size();
        const std::size_t series = result.steps.size() / per;
        for (std::size_t k = 0; k < series; ++k) {
            chart_series cs;
            if (axes.size() > 1) cs.label = fmt::format("{} = {}", axes[1].name, show_value(p.slots[axes[1].slot], result.steps[k].values[1]));
            for (std::size_t i = 0; i < per; ++i) {
                // With two axes the steps are row-major, first axis outer: step = i * series + k.
                const auto& step = axes.size() > 1 ? result.steps[i * series + k] : result.steps[i];
                const auto x = step.values[0];
                cs.x.push_back((s0.type == compile::value_type::rate ? x * exact::rational(100) : x).to_double());
                cs.cost.push_back((step.euros / exact::rational(1000000)).to_double());
                const auto reached = subject ? step.indicator_met[*subject] : gated.empty() ? step.paid : step.group_open[gated.front()];
                cs.share.push_back(step.physicians == 0 ? 0.0 : 100.0 * static_cast<double>(reached) / static_cast<double>(step.physicians));
            }
            spec.series.push_back(std::move(cs));
        }
        std::string error;
        if (!draw_chart(chart, spec, error)) {
            std::fprintf(stderr, "donum: %s\n", error.c_str());
            return output_error;
        }
    }
    return write_output(output, text) ? ok : output_error;
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
