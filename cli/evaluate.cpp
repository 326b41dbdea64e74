// `donum eval` and `donum explain`: rules + activity data -> amounts, and why.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <functional>
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
#include "interpreter/data/stream.hpp"
#include "interpreter/render/xlsx.hpp"
#include "interpreter/data/table.hpp"
#include "interpreter/messages/messages.hpp"

namespace donum::cli {

using messages::tr;
using messages::trf;

namespace {

// The manifest of a run, made only when a workbook is written: it hashes the data file,
// which costs as much as reading it again (a quarter of an evaluation of a large file).
using manifest_maker = std::function<render::table()>;

// The rejected rows with their reasons: a workbook when the name ends in .xlsx, else CSV.
bool write_rejected(const std::string& path, const data::load_result& loaded, const manifest_maker& manifest)
{
    return write_document(path, [&] { return is_xlsx_name(path) ? render::rejected_xlsx(loaded, manifest()) : render::rejected_csv(loaded); });
}

// Prints that `loaded` had rejected rows, written to `path` (with the manifest in a
// workbook); false if they cannot be written.
bool report_rejected(const std::string& data, const std::string& path, const data::load_result& loaded, const manifest_maker& manifest)
{
    if (loaded.rejected.empty()) return true;
    if (!write_rejected(path, loaded, manifest)) return false;
    std::fprintf(stderr, "%s\n", trf("{}: {} row(s) rejected ({} error(s)), written with their reasons to {}; {} row(s) evaluated", data, loaded.rejected.size(), loaded.errors.size(), path, loaded.rows).c_str());
    return true;
}

// Where the rows of `donum eval` go while the file is read. An output file is written as
// the parts come (a temporary file, renamed into place only once every row is evaluated: a
// failure leaves nothing); standard output cannot take back what it was given, so the rows
// are kept until then.
class row_output {
public:
    /// To `file` (null: the output could not be opened, everything is dropped); `hold`: keep
    /// everything until finish().
    row_output(std::FILE* file, bool hold) : m_file(file), m_hold(hold) {}

    void add(const render::text_blocks& text)
    {
        if (m_file == nullptr || !m_written) return;
        // Copied into full blocks: a part's last block is partly empty, a waste that would
        // add up to a tenth of the output.
        if (m_hold) m_held.append(text);
        else m_written = text.write(m_file);
    }
    void add(std::string_view text)
    {
        if (m_file == nullptr || !m_written) return;
        if (m_hold) m_held.append(text);
        else m_written = text.empty() || std::fwrite(text.data(), 1, text.size(), m_file) == text.size();
    }
    /// Writes what was held; false if any write failed.
    bool finish()
    {
        if (m_hold && m_written && m_file != nullptr) m_written = m_held.write(m_file);
        m_held = render::text_blocks();
        return m_written;
    }

private:
    std::FILE* m_file;
    bool m_hold;
    bool m_written = true;
    render::text_blocks m_held;
};

// Prints why `output` could not be written.
void report_write_error(const std::string& output, const std::string& error)
{
    const auto message = output.empty() ? trf("cannot write to standard output: {}", std::strerror(errno)) : trf("cannot write '{}': {}", output, std::strerror(errno));
    std::fprintf(stderr, "donum: %s\n", error.empty() ? message.c_str() : error.c_str());
}

// csv and json: each row evaluated and formatted while the file is read, by the population
// runner (population::evaluate_file): no table, no stored results.
int eval_streamed(const eval_command& c, const compile::compiled& compiled, render::result_format chosen)
{
    const auto& p = *compiled.checked;
    const auto columns = data::schema_of(p);
    population::file_rows source;
    source.path = c.data;
    source.columns = &columns;
    source.options.year = c.year;
    source.options.sheet = c.sheet;
    source.allow_rejected = !c.skip_invalid.empty();
    // Opened first, so that rows go straight into it; a failure to open it is reported after
    // the data's and the evaluation's problems, as when it was opened last.
    std::string open_error;
    auto out = output_file::open(c.output, open_error);
    row_output sink(out ? out->get() : nullptr, c.output.empty());
    const render::result_rows rows(chosen, p, c.data);
    sink.add(rows.head());
    population::file_results results;
    try {
        results = population::evaluate_file<render::text_blocks>(
            p, source, [] { return render::text_blocks(); },
            [&](render::text_blocks& text, const data::row_batch& batch, std::size_t i, const eval::result& r) { rows.row(text, batch.first_row() + i, batch.id(i), batch.year(i), r); },
            [&](render::text_blocks&& text) { sink.add(text); }, chosen == render::result_format::json);
    }
    catch (const data::csv_io_error& e) {
        std::fprintf(stderr, "donum: %s\n", e.what());
        return data_error;
    }
    const auto& loaded = results.pass.loaded;
    if (!report_data(c.data, loaded, source.allow_rejected)) return data_error;
    warn_settings_without_rows(c.rules_opts, p, loaded.year_indexes);
    const auto manifest = [&] { return render::manifest_table(population::manifest_of(compiled, c.data, c.year, c.rules_opts.settings, DONUM_VERSION)); };
    if (!report_rejected(c.data, c.skip_invalid, loaded, manifest)) return output_error;
    const int evaluated = refuse_on_evaluation_errors([&] {
        results.pass.rethrow();
        return ok;
    });
    if (evaluated != ok) return evaluated;
    if (!out) {
        std::fprintf(stderr, "donum: %s\n", open_error.c_str());
        return output_error;
    }
    sink.add(rows.tail(results.totals));
    std::string error;
    if (!sink.finish() || std::fflush(out->get()) != 0 || !out->commit(error)) {
        report_write_error(c.output, error);
        return output_error;
    }
    return ok;
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
    if (chosen != render::result_format::table) return eval_streamed(*this, *compiled, chosen);
    // The aligned table needs the widest id before its first row, a workbook every row at
    // once: the rows are loaded first.
    const auto loaded = load_data(data, p, year, !skip_invalid.empty(), sheet);
    if (!loaded) return data_error;
    warn_settings_without_rows(rules_opts, p, loaded->table);
    const auto manifest = [&] { return render::manifest_table(population::manifest_of(*compiled, data, year, rules_opts.settings, DONUM_VERSION)); };
    if (!report_rejected(data, skip_invalid, *loaded, manifest)) return output_error;
    population::population_results results;
    const int evaluated = refuse_on_evaluation_errors([&] {
        population::population_options options;
        options.group_points = format != "xlsx";
        options.totals = true;
        results = population::evaluate_population(p, loaded->table, options);
        return ok;
    });
    if (evaluated != ok) return evaluated;
    if (format == "xlsx") return write_document(output, [&] { return render::results_xlsx(p, loaded->table, results, manifest()); }) ? ok : output_error;
    std::string error;
    auto out = output_file::open(output, error);
    if (!out) {
        std::fprintf(stderr, "donum: %s\n", error.c_str());
        return output_error;
    }
    if (!render::write_results(out->get(), chosen, p, loaded->table, results) || !out->commit(error)) {
        report_write_error(output, error);
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
    print_data_warnings(*loaded);
    if (loaded->fatal) {
        print_data_errors(loaded->errors);
        return data_error;
    }
    const auto& table = loaded->table;
    for (const auto& r : loaded->rejected) {
        if (r.id == id) {
            print_data_errors(loaded->errors);
            std::fprintf(stderr, "donum: %s\n", trf("the row of '{}' at line {} is invalid", id, r.line).c_str());
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
            text += trf("Physician {} ({}, line {})\n", render::terminal_text(id), render::terminal_text(data), table.line(row));
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
        std::fprintf(stderr, "donum: %s\n", year ? trf("no row for physician '{}' in {} (year {})", id, data, *year).c_str() : trf("no row for physician '{}' in {}", id, data).c_str());
        return data_error;
    }
    return write_document(output, [&] {
               if (format == "table") return text;
               auto d = render::explanation_document(p, id, data, explanations);
               for (auto& t : versus) d.tables.push_back(std::move(t));
               if (format == "md") return render::document_markdown(d);
               if (format == "csv") return render::table_csv(d.tables.front());
               if (format == "json") return render::document_json(d);
               return render::document_xlsx(d, render::simple_manifest(DONUM_VERSION, {{tr("Rules"), rules}, {tr("Data"), data}}));
           })
               ? ok
               : output_error;
}

}  // namespace donum::cli
