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
#include "interpreter/population/diff.hpp"
#include "interpreter/render/diff.hpp"
#include "interpreter/eval/evaluate.hpp"
#include "interpreter/eval/explain.hpp"
#include "interpreter/population/results.hpp"
#include "interpreter/render/explanation.hpp"
#include "interpreter/render/results.hpp"
#include "interpreter/render/writers.hpp"
#include "interpreter/data/stream.hpp"
#include "interpreter/data/table.hpp"

namespace donum::cli {

namespace {

// The rejected rows with their reasons, as CSV: line, id, reasons, then the row as read.
bool write_rejected(const std::string& path, const data::load_result& loaded)
{
    std::string error;
    auto out = output_file::open(path, error);
    if (!out) {
        std::fprintf(stderr, "donum: %s\n", error.c_str());
        return false;
    }
    const auto field = [](std::string_view s) { return render::csv_field(s); };
    std::string text = "line,id,reasons";
    for (const auto& c : loaded.columns) {
        text += ',';
        text += field(c);
    }
    text += "\n";
    for (const auto& row : loaded.rejected) {
        std::string reasons;
        for (std::size_t i = row.first_error; i < row.first_error + row.error_count; ++i) {
            const auto& e = loaded.errors[i];
            reasons += fmt::format("{}{}", reasons.empty() ? "" : "; ", e.column == 0 ? e.message : fmt::format("col {}: {}", e.column, e.message));
        }
        text += fmt::format("{},{},{}", row.line, field(row.id), field(reasons));
        for (std::size_t c = 0; c < loaded.columns.size(); ++c) {
            text += ',';
            if (c < row.fields.size()) text += field(row.fields[c]);
        }
        text += "\n";
    }
    const bool written = std::fwrite(text.data(), 1, text.size(), out->get()) == text.size();
    if (!written || !out->commit(error)) {
        std::fprintf(stderr, "donum: %s\n", error.empty() ? ("cannot write '" + path + "'").c_str() : error.c_str());
        return false;
    }
    return true;
}

// Prints that `loaded` had rejected rows, written to `path`; false if they cannot be written.
bool report_rejected(const std::string& data, const std::string& path, const data::load_result& loaded)
{
    if (loaded.rejected.empty()) return true;
    if (!write_rejected(path, loaded)) return false;
    std::fprintf(stderr, "%s: %zu row(s) rejected (%zu error(s)), written with their reasons to %s; %zu row(s) evaluated\n", data.c_str(), loaded.rejected.size(), loaded.errors.size(), path.c_str(), loaded.rows);
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
    const auto where = output.empty() ? std::string("to standard output") : fmt::format("'{}'", output);
    std::fprintf(stderr, "donum: %s\n", error.empty() ? fmt::format("cannot write {}: {}", where, std::strerror(errno)).c_str() : error.c_str());
}

// csv and json: each row evaluated and formatted while the file is read, by the population
// runner (population::evaluate_file): no table, no stored results.
int eval_streamed(const eval_command& c, const compile::program& p, render::result_format chosen)
{
    const auto columns = data::schema_of(p);
    population::file_rows source;
    source.path = c.data;
    source.columns = &columns;
    source.options.year = c.year;
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
    if (!report_rejected(c.data, c.skip_invalid, loaded)) return output_error;
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

// Prints why the amount of the physician of `row` differs under version `b` (a's amount
// first): the same row, evaluated at b's year.
void explain_versus(const population::version& a, const population::version& b, const data::data_table& table, std::size_t row)
{
    const population::version both[] = {a, b};
    const auto change = population::compare_row(both, table, row);
    const auto delta = change.euros[1] - change.euros[0];
    std::string text = fmt::format("\nPar rapport à {} : {} € → {} € ({}{} €)\n", b.name, change.euros[0].to_fixed(2), change.euros[1].to_fixed(2), delta > exact::rational(0) ? "+" : "", delta.to_fixed(2));
    if (change.reasons[0].empty()) text += "  aucun changement\n";
    for (const auto& r : change.reasons[0]) text += "  " + render::render_reason(r) + "\n";
    std::fputs(text.c_str(), stdout);
}

}  // namespace

int eval_command::run() const
{
    const auto chosen = format == "csv" ? render::result_format::csv : format == "json" ? render::result_format::json : render::result_format::table;
    const auto compiled = load_program(rules, rules_opts, false);
    if (!compiled) return rule_error;
    const auto& p = *compiled->checked;
    if (chosen != render::result_format::table) return eval_streamed(*this, p, chosen);
    // The aligned table needs the widest id before its first row: the rows are loaded first.
    const auto loaded = load_data(data, p, year, !skip_invalid.empty());
    if (!loaded) return data_error;
    if (!report_rejected(data, skip_invalid, *loaded)) return output_error;
    population::population_results results;
    const int evaluated = refuse_on_evaluation_errors([&] {
        results = population::evaluate_population(p, loaded->table);
        return ok;
    });
    if (evaluated != ok) return evaluated;
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
    const auto compiled = load_program(rules, rules_opts, false);
    if (!compiled) return rule_error;
    const auto& p = *compiled->checked;
    // --vs B: the same physician under another version, at B's year. The data is read once,
    // for the columns of both; its rows are years of this rule file.
    std::optional<std::vector<loaded_version>> other;
    std::vector<const compile::program*> programs{&p};
    if (!vs.empty()) {
        other = load_versions({vs}, rules_opts);
        if (!other) return rule_error;
        programs.push_back(other->front().view.rules);
    }
    auto s = data::schema_of(programs);
    s.years = p.years;
    // --year selects the row of that year when the file has a year column, and is the
    // year of every row when it has none. Other rows' problems do not prevent explaining
    // this one.
    std::optional<data::load_result> loaded;
    try {
        loaded = data::load_table(data, s, {});
        const bool no_year_column = std::find(loaded->columns.begin(), loaded->columns.end(), "year") == loaded->columns.end();
        if (loaded->fatal && year && no_year_column) {
            data::table_options forced;
            forced.year = year;
            loaded = data::load_table(data, s, forced);
        }
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
    for (std::size_t row = 0; row < table.size(); ++row) {
        if (table.id(row) != id || (year && table.year(row) != *year)) continue;
        found = true;
        table.read_row(row, columns, inputs);
        try {
            const eval::evaluator ev(p, table.year(row));
            const auto e = eval::explain(ev, inputs);
            std::fputs(fmt::format("Médecin {} ({}, ligne {})\n", id, data, table.line(row)).c_str(), stdout);
            std::fputs(render::render_explanation(p, e).c_str(), stdout);
            if (other) explain_versus({fmt::format("{} {}", p.id, table.year(row)), &p, table.year(row)}, other->front().view, table, row);
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
        std::fprintf(stderr, "donum: no row for physician '%s' in %s%s\n", id.c_str(), data.c_str(), year ? fmt::format(" (year {})", *year).c_str() : "");
        return data_error;
    }
    return std::fflush(stdout) == 0 ? ok : output_error;
}

}  // namespace donum::cli
