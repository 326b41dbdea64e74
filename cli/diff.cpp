// `donum diff`: convention versions side by side; with data, what the changes do to the
// population and to each physician, with the reasons.
#include <algorithm>
#include <cstdio>
#include <string_view>
#include <unordered_map>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/exit_codes.hpp"
#include "cli/versions.hpp"
#include "interpreter/population/compare.hpp"
#include "interpreter/population/diff.hpp"
#include "interpreter/render/diff.hpp"
#include "interpreter/messages/messages.hpp"

namespace donum::cli {

using messages::N_;
using messages::tr;
using messages::trf;

namespace {

// A file of several years has several rows per physician: diff compares the versions on the
// same activity, each at its own year, so it cannot take them. Said plainly after the data
// errors (one "duplicate row" per physician otherwise).
void explain_repeated_physicians(const std::string& data, const data::load_result& refused)
{
    std::unordered_map<std::string_view, std::size_t> first_line;
    for (std::size_t row = 0; row < refused.table.size(); ++row) first_line.emplace(refused.table.id(row), refused.table.line(row));
    std::size_t repeated = 0;
    const data::rejected_row* example = nullptr;
    for (const auto& r : refused.rejected) {
        if (r.id.empty() || !first_line.contains(r.id)) continue;
        ++repeated;
        if (example == nullptr) example = &r;
    }
    if (example == nullptr) return;
    const bool has_year = std::find(refused.columns.begin(), refused.columns.end(), "year") != refused.columns.end();
    std::fprintf(stderr, "donum diff: %s\n",
                 trf("{} holds several rows for the same physician ({} row(s) repeat an id, e.g. '{}' at lines {} and {}){}: donum diff evaluates one row per "
                     "physician under every version, each at the version's year (the year column is not read), so that the versions are compared on the same activity; give "
                     "the rows of one year only",
                     data, repeated, example->id, first_line.at(example->id), example->line, has_year ? tr(", as a file of several years does") : "")
                     .c_str());
}

}  // namespace

int diff_command::run() const
{
    if (!check_workbook_output(format, output)) return usage_error;
    if (versions.size() < 2) {
        std::fprintf(stderr, "donum diff: %s\n", tr("give at least two versions"));
        return usage_error;
    }
    if (!per_physician.empty() && data.empty()) {
        std::fprintf(stderr, "donum diff: %s\n", tr("--per-physician needs --data"));
        return usage_error;
    }
    auto loaded = load_versions(versions, rules_opts);
    if (!loaded) return rule_error;
    std::vector<named_path> inputs;
    for (const auto& v : *loaded) {
        const auto files = inputs_of(v.compiled);
        inputs.insert(inputs.end(), files.begin(), files.end());
    }
    if (!data.empty()) inputs.push_back({N_("the data file"), data});
    if (!outputs_are_safe(inputs, {{"-o", output}, {"--per-physician", per_physician}})) return usage_error;
    std::vector<population::version> views;
    for (const auto& v : *loaded) views.push_back(v.view);
    const auto rows = population::diff_rules(views);
    render::diff_document document{views, &rows, all, nullptr, data};

    std::optional<data::load_result> loaded_data;
    population::population_comparison comparison;
    if (!data.empty()) {
        // Read once, for every version's columns; each version evaluates every row at its
        // own year, so the year column is not read, and a physician has one row.
        std::vector<const compile::program*> programs;
        for (const auto& v : views) programs.push_back(v.rules);
        data::table_options every_version_its_year;
        every_version_its_year.ignore_year = true;
        every_version_its_year.sheet = sheet;
        loaded_data = load_data(data, data::schema_of(programs), every_version_its_year, false, [&](const data::load_result& refused) { explain_repeated_physicians(data, refused); });
        if (!loaded_data) return data_error;
        const int compared = refuse_on_evaluation_errors([&] {
            comparison = population::compare_population(views, loaded_data->table, !per_physician.empty());
            return ok;
        });
        if (compared != ok) return compared;
        document.comparison = &comparison;
    }
    const auto format_of = format == "csv" ? render::diff_format::csv : format == "json" ? render::diff_format::json : format == "md" ? render::diff_format::md : render::diff_format::table;
    if (!per_physician.empty()) {
        const bool written = write_document(per_physician, [&] {
            return is_xlsx_name(per_physician) ? render::per_physician_xlsx(views, loaded_data->table, comparison, DONUM_VERSION, data) : render::render_per_physician(views, loaded_data->table, comparison);
        });
        if (!written) return output_error;
    }
    return write_document(output, [&] { return format == "xlsx" ? render::diff_xlsx(document, DONUM_VERSION) : render::render_diff(document, format_of); }) ? ok : output_error;
}

}  // namespace donum::cli
