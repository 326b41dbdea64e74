// `donum eval` and `donum explain`: rules + activity data -> amounts, and why.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <vector>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/exit_codes.hpp"
#include "cli/versions.hpp"
#include "interpreter/population/compare.hpp"
#include "interpreter/population/manifest.hpp"
#include "interpreter/population/diff.hpp"
#include "interpreter/render/diff.hpp"
#include "interpreter/eval/evaluate.hpp"
#include "interpreter/eval/explain.hpp"
#include "interpreter/population/results.hpp"
#include "interpreter/render/explanation.hpp"
#include "interpreter/render/results.hpp"
#include "interpreter/render/writers.hpp"
#include "interpreter/render/xlsx.hpp"
#include "interpreter/data/table.hpp"

namespace donum::cli {

namespace {

// The rejected rows with their reasons: a workbook when the name ends in .xlsx, else CSV.
bool write_rejected(const std::string& path, const data::load_result& loaded, const render::table& manifest)
{
    return write_document(path, [&] { return is_xlsx_name(path) ? render::rejected_xlsx(loaded, manifest) : render::rejected_csv(loaded); });
}

// Why the amount of the physician of `row` differs under version `b` (a's amount first):
// the same row, evaluated at b's year.
population::physician_change change_versus(const population::version& a, const population::version& b, const data::data_table& table, std::size_t row)
{
    const population::version both[] = {a, b};
    return population::compare_row(both, table, row);
}

}  // namespace

int eval_command::run() const
{
    if (!check_workbook_output(format, output)) return usage_error;
    const auto chosen = format == "csv" ? render::result_format::csv : format == "json" ? render::result_format::json : render::result_format::table;
    const auto compiled = load_program(rules, rules_opts, false);
    if (!compiled) return rule_error;
    if (!preflight(*compiled, data, year, {{"-o", output}, {"--skip-invalid", skip_invalid}})) return usage_error;
    const auto& p = *compiled->checked;
    const auto loaded = load_data(data, p, year, !skip_invalid.empty(), sheet);
    if (!loaded) return data_error;
    warn_settings_without_rows(rules_opts, p, loaded->table);
    const auto manifest = render::manifest_table(population::manifest_of(*compiled, data, year, rules_opts.settings, DONUM_VERSION));
    if (!loaded->rejected.empty()) {
        if (!write_rejected(skip_invalid, *loaded, manifest)) return output_error;
        std::fprintf(stderr, "%s: %zu row(s) rejected (%zu error(s)), written with their reasons to %s; %zu row(s) evaluated\n", data.c_str(), loaded->rejected.size(), loaded->errors.size(), skip_invalid.c_str(), loaded->table.size());
    }
    population::population_results results;
    const int evaluated = refuse_on_evaluation_errors([&] {
        population::population_options options;
        options.group_points = chosen == render::result_format::table && format != "xlsx";
        options.totals = chosen != render::result_format::csv || format == "xlsx";
        results = population::evaluate_population(p, loaded->table, options);
        return ok;
    });
    if (evaluated != ok) return evaluated;
    if (format == "xlsx") return write_document(output, [&] { return render::results_xlsx(p, loaded->table, results, manifest); }) ? ok : output_error;
    std::string error;
    auto out = output_file::open(output, error);
    if (!out) {
        std::fprintf(stderr, "donum: %s\n", error.c_str());
        return output_error;
    }
    if (!render::write_results(out->get(), chosen, p, loaded->table, results) || !out->commit(error)) {
        const auto where = output.empty() ? std::string("to standard output") : fmt::format("'{}'", output);
        std::fprintf(stderr, "donum: %s\n", error.empty() ? fmt::format("cannot write {}: {}", where, std::strerror(errno)).c_str() : error.c_str());
        return output_error;
    }
    return ok;
}

int explain_command::run() const
{
    if (!check_workbook_output(format, output)) return usage_error;
    const auto compiled = load_program(rules, rules_opts, false);
    if (!compiled) return rule_error;
    const auto& p = *compiled->checked;
    if (!year_of_rules(p, year)) return usage_error;
    // --vs B: the same physician under another version, at B's year, with the options
    // written after --vs. The data is read once, for the columns of both; its rows are years
    // of this rule file.
    std::optional<std::vector<loaded_version>> other;
    std::vector<const compile::program*> programs{&p};
    if (!vs.empty()) {
        other = load_versions({vs}, vs_opts);
        if (!other) return rule_error;
        programs.push_back(other->front().view.rules);
    }
    auto s = data::schema_of(programs);
    s.years = p.years;
    // --year Y reads every row as year Y, as eval does (the year column is not read). Other
    // rows' problems do not prevent explaining this one.
    std::optional<data::load_result> loaded;
    try {
        data::table_options options;
        options.year = year;
        options.sheet = sheet;
        loaded = data::load_table(data, s, options);
    }
    catch (const data::csv_io_error& e) {
        std::fprintf(stderr, "donum: %s\n", e.what());
        return data_error;
    }
    if (loaded->fatal) {
        print_data_errors(loaded->errors);
        return data_error;
    }
    const auto& table = loaded->table;
    for (const auto& r : loaded->rejected) {
        if (r.id == id) {
            print_data_errors(loaded->errors);
            std::fprintf(stderr, "donum: the row of '%s' at line %zu is invalid\n", id.c_str(), r.line);
            return data_error;
        }
    }
    const auto columns = data::columns_of(table, p);
    std::vector<std::int64_t> inputs(p.inputs.size());
    bool found = false;
    std::string text;                             // the table format
    std::vector<eval::explanation> explanations;  // the others
    std::vector<render::table> versus;
    for (std::size_t row = 0; row < table.size(); ++row) {
        if (table.id(row) != id) continue;
        found = true;
        table.read_row(row, columns, inputs);
        try {
            const eval::evaluator ev(p, table.year(row));
            auto e = eval::explain(ev, inputs);
            text += fmt::format("Médecin {} ({}, ligne {})\n", render::terminal_text(id), render::terminal_text(data), table.line(row));
            text += render::render_explanation(p, e);
            if (other) {
                const auto& b = other->front().view;
                const auto change = change_versus({fmt::format("{} {}", p.id, table.year(row)), &p, table.year(row)}, b, table, row);
                text += render::render_versus(b.name, change);
                versus.push_back(render::versus_table(b.name, table.year(row), change));
            }
            explanations.push_back(std::move(e));
        }
        catch (const eval::placeholder_error& e) {
            print_placeholders(e);
            return rule_error;
        }
        catch (eval::evaluation_error& e) {
            e.set_row(data, table.line(row), id);
            std::fputs(grammar::render(e.to_diagnostic()).c_str(), stderr);
            return evaluation_error;
        }
    }
    if (!found) {
        std::fprintf(stderr, "donum: no row for physician '%s' in %s\n", id.c_str(), data.c_str());
        return data_error;
    }
    return write_document(output, [&] {
               if (format == "table") return text;
               auto d = render::explanation_document(p, id, data, explanations);
               for (auto& t : versus) d.tables.push_back(std::move(t));
               if (format == "md") return render::document_markdown(d);
               if (format == "csv") return render::table_csv(d.tables.front());
               if (format == "json") return render::document_json(d);
               return render::document_xlsx(d, render::simple_manifest(DONUM_VERSION, {{"Règles", rules}, {"Données", data}}));
           })
               ? ok
               : output_error;
}

}  // namespace donum::cli
