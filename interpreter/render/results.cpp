#include "interpreter/render/results.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <exception>
#include <system_error>
#include <thread>

#include <fmt/format.h>

#include "interpreter/eval/result.hpp"
#include "interpreter/render/writers.hpp"
#include "interpreter/render/xlsx.hpp"
#include "interpreter/text/fr.hpp"
#include "interpreter/messages/messages.hpp"

namespace donum::render {

using compile::program;
using data::data_table;
using eval::indicator_outcome;
using exact::rational;
using population::population_results;

namespace {

const char* outcome_word(indicator_outcome o)
{
    switch (o) {
        case indicator_outcome::met: return "met";
        case indicator_outcome::not_met: return "not_met";
        case indicator_outcome::neutralised: return "neutralised";
    }
    return "not_met";
}

// Output is formatted in blocks of rows, two blocks at a time on two cores, and written in
// order: a million rows are as many lines to format, and nothing is written before every
// row is evaluated anyway.
constexpr std::size_t rows_per_block = 8192;

char* put(char* out, std::string_view s)
{
    std::memcpy(out, s.data(), s.size());
    return out + s.size();
}

char* put_integer(char* out, std::int64_t v) { return std::to_chars(out, out + 24, v).ptr; }

// rational::to_string without its allocation for the usual integers and halves; `decimal` is
// the decimal separator ('.', or ',' in the French CSV dialect: csv_number for the rest).
char* put_points(char* out, const rational& v, const csv_dialect& d)
{
    if (v.den() == 1) return put_integer(out, v.num());
    if (v.den() == 2 && v.num() > 0) return put(put_integer(out, v.num() / 2), d.decimal == '.' ? ".5" : ",5");
    return put(out, csv_number(v.to_string(), d));
}

// rational::to_fixed(2) without its allocation for whole euros and half euros.
char* put_euros(char* out, const rational& v, const csv_dialect& d)
{
    if (v.den() == 1) return put(put_integer(out, v.num()), d.decimal == '.' ? ".00" : ",00");
    if (v.den() == 2 && v.num() > 0) return put(put_integer(out, v.num() / 2), d.decimal == '.' ? ".50" : ",50");
    return put(out, csv_number(v.to_fixed(2), d));
}

// The most bytes a year, points and euros take (a 64-bit fraction, or a decimal of a 128-bit
// scaled value; in the French dialect a fraction followed by its approximation), with the
// separators around them.
constexpr std::size_t number_bytes = 224;

// Writes rows 0 to `rows` - 1, each formatted into text_blocks by format_row(blocks, row),
// between `head` and `tail`. Returns false if writing failed.
template <typename Format>
bool write_rows(std::FILE* out, std::string_view head, std::size_t rows, const Format& format_row, std::string_view tail)
{
    // fwrite must not be given the null data of an empty view (UBSan says so).
    auto put = [&](const char* data, std::size_t size) { return size == 0 || std::fwrite(data, 1, size, out) == size; };
    bool ok = put(head.data(), head.size());
    auto format_block = [&](std::size_t block, text_blocks& b) {
        b = text_blocks();
        const auto end = std::min(rows, (block + 1) * rows_per_block);
        for (std::size_t row = block * rows_per_block; row < end; ++row) format_row(b, row);
    };
    auto write = [&](const text_blocks& b) { ok = ok && b.write(out); };
    const auto blocks = (rows + rows_per_block - 1) / rows_per_block;
    const bool two_cores = std::thread::hardware_concurrency() > 1 && blocks > 1;
    text_blocks first;
    text_blocks second;
    std::exception_ptr failure;  // of the other thread
    for (std::size_t block = 0; block < blocks && ok; block += 2) {
        std::thread other;
        if (two_cores && block + 1 < blocks) {
            try {
                other = std::thread([&] {
                    try {
                        format_block(block + 1, second);
                    }
                    catch (...) {
                        failure = std::current_exception();
                    }
                });
            }
            catch (const std::system_error&) {
                // No thread to be had: this one formats both blocks.
            }
        }
        if (other.joinable()) {
            // The other thread is joined before any error goes up.
            try {
                format_block(block, first);
            }
            catch (...) {
                other.join();
                throw;
            }
            other.join();
            if (failure) std::rethrow_exception(failure);
            write(first);
            write(second);
        }
        else {
            format_block(block, first);
            write(first);
            if (block + 1 < blocks) {
                format_block(block + 1, second);
                write(second);
            }
        }
    }
    return ok && put(tail.data(), tail.size());
}

bool write_table(std::FILE* out, const program& p, const data_table& table, const population_results& r)
{
    const std::string physician = messages::tr("physician");
    std::size_t w_id = display_width(physician);
    for (std::size_t row = 0; row < table.size(); ++row) w_id = std::max(w_id, display_width(table.id(row)));
    std::vector<std::size_t> w_group;
    std::string head = messages::trf("{} ({}); data: {}\n\n", p.label, p.id, table.file());
    head += messages::trf("{}  year   {:>8}  {:>10}", pad(physician, w_id), messages::tr("points"), messages::tr("euros"));
    for (const auto& g : p.groups) {
        w_group.push_back(std::max<std::size_t>(display_width(g.id), 7));
        head += "  " + pad(g.id, w_group.back());
    }
    head += '\n';
    const auto n_grp = p.groups.size();
    auto row_text = [&](text_blocks& b, std::size_t row) {
        auto line = fmt::format("{}  {:5}  {:>8}  {:>10}", pad(table.id(row), w_id), table.year(row), text::number(r.points[row]), text::fixed(r.euros[row], 2));
        for (std::size_t g = 0; g < n_grp; ++g) {
            const auto cell = r.open[row * n_grp + g] != 0 ? text::number(r.group_points[row * n_grp + g]) : std::string(messages::tr("closed"));
            line += "  " + pad(cell, w_group[g]);
        }
        line += '\n';
        b.append(line);
    };
    std::string tail = messages::tr("\nTotals\n");
    for (const auto& t : r.totals) {
        if (t.year != 0) {
            tail += messages::trf("  {}: {} physicians, {} paid, {} points, {}, mean {} per physician\n", t.year, text::count(t.rows), text::count(t.paid), text::number(t.points), text::euros(t.euros), text::euros(t.mean));
        }
        else {
            // Over several years a physician has a row per year: "6000 médecins" would count
            // 3,000 physicians twice.
            tail += messages::trf("  all years: {} physicians, {} physician-year rows, {} rows paid, {} points, {}, mean {} per physician-year row\n", text::count(t.physicians), text::count(t.rows), text::count(t.paid), text::number(t.points), text::euros(t.euros), text::euros(t.mean));
        }
    }
    return write_rows(out, head, table.size(), row_text, tail);
}

// The reasons a row was rejected, in one field: "col 10: n: not an integer; …".
std::string reasons_of(const data::load_result& loaded, const data::rejected_row& row)
{
    std::string reasons;
    for (std::size_t i = row.first_error; i < row.first_error + row.error_count; ++i) {
        const auto& e = loaded.errors[i];
        reasons += fmt::format("{}{}", reasons.empty() ? "" : "; ", e.column == 0 ? e.message : messages::trf("col {}: {}", e.column, e.message));
    }
    return reasons;
}

}  // namespace

result_rows::result_rows(result_format format, const program& p, std::string data_file)
    : m_format(format), m_program(&p), m_data_file(std::move(data_file)), m_dialect(format == result_format::csv ? default_csv_dialect() : csv_dialect::plain())
{
    const auto n_ind = p.indicators.size();
    const auto n_grp = p.groups.size();
    if (format == result_format::json) {
        m_fixed_bytes = 128 + number_bytes;
        for (const auto& i : p.indicators) {
            m_indicator_keys.push_back(json_string(text::dotted_id(p, i)));
            m_fixed_bytes += m_indicator_keys.back().size() + 20;
        }
        for (const auto& g : p.groups) {
            m_group_keys.push_back(json_string(g.id));
            m_fixed_bytes += m_group_keys.back().size() + 12;
        }
    }
    else {
        m_fixed_bytes = number_bytes + 3 * n_ind + 2 * n_grp + 8;
    }
}

std::string result_rows::head() const
{
    const auto& p = *m_program;
    if (m_format == result_format::json) {
        return fmt::format("{{\n  \"convention\": {},\n  \"label\": {},\n  \"data\": {},\n  \"rows\": [", json_string(p.id), json_string(p.label), json_string(m_data_file));
    }
    csv_writer head(m_dialect);
    head.field("id").field("year").field("points").field("euros");
    for (const auto& i : p.indicators) head.field(text::dotted_id(p, i));
    for (const auto& g : p.groups) head.field("gate." + g.id);
    head.end_row();
    return head.text();
}

std::string result_rows::tail(std::span<const population::population_totals> totals) const
{
    if (m_format != result_format::json) return {};
    std::string tail = "\n  ],\n  \"totals\": [";
    bool first = true;
    for (const auto& t : totals) {
        tail += fmt::format("{}\n    {{\"year\": {}, \"physicians\": {}, \"rows\": {}, \"paid\": {}, \"points\": {}, \"euros\": {}}}", first ? "" : ",", t.year == 0 ? std::string("null") : std::to_string(t.year), t.physicians, t.rows, t.paid, t.points.to_string(), t.euros.to_fixed(2));
        first = false;
    }
    tail += "\n  ]\n}\n";
    return tail;
}

// The hot loop of a million-row output: plain copies into room made once per row, no format
// string, no allocation (but for an id to quote or an unusual number).
template <typename Outcome, typename Open>
void result_rows::put_row(text_blocks& out, std::size_t number, std::string_view id, int year, const rational& points, const rational& euros, Outcome&& outcome, Open&& open) const
{
    const auto n_ind = m_program->indicators.size();
    const auto n_grp = m_program->groups.size();
    if (m_format == result_format::json) {
        const auto quoted_id = json_string(id);
        char* at = out.room(m_fixed_bytes + quoted_id.size());
        at = put(at, number == 0 ? "\n    {\"id\": " : ",\n    {\"id\": ");
        at = put(at, quoted_id);
        at = put(at, ", \"year\": ");
        at = put_integer(at, year);
        at = put(at, ", \"points\": ");
        at = put_points(at, points, csv_dialect::plain());
        at = put(at, ", \"euros\": ");
        at = put_euros(at, euros, csv_dialect::plain());
        at = put(at, ", \"indicators\": {");
        for (std::size_t i = 0; i < n_ind; ++i) {
            if (i > 0) at = put(at, ", ");
            at = put(at, m_indicator_keys[i]);
            at = put(at, ": \"");
            at = put(at, outcome_word(outcome(i)));
            *at++ = '"';
        }
        at = put(at, "}, \"gates\": {");
        for (std::size_t g = 0; g < n_grp; ++g) {
            if (g > 0) at = put(at, ", ");
            at = put(at, m_group_keys[g]);
            at = put(at, open(g) ? ": true" : ": false");
        }
        at = put(at, "}}");
        out.commit(at);
        return;
    }
    // Most ids need no quotes: no csv_field (and its allocation) for them.
    const auto& d = m_dialect;
    const char sep = d.separator;
    const bool plain = csv_plain(id, sep);
    char* at = out.room(m_fixed_bytes + (plain ? id.size() : 2 * id.size() + 2));
    at = plain ? put(at, id) : put(at, csv_field(id, sep));
    *at++ = sep;
    at = put_integer(at, year);
    *at++ = sep;
    at = put_points(at, points, d);
    *at++ = sep;
    at = put_euros(at, euros, d);
    for (std::size_t i = 0; i < n_ind; ++i) {
        const auto o = outcome(i);
        *at++ = sep;
        if (o == indicator_outcome::neutralised) at = put(at, "NA");
        else *at++ = o == indicator_outcome::met ? '1' : '0';
    }
    for (std::size_t g = 0; g < n_grp; ++g) {
        *at++ = sep;
        *at++ = open(g) ? '1' : '0';
    }
    if (d.crlf) *at++ = '\r';
    *at++ = '\n';
    out.commit(at);
}

void result_rows::row(text_blocks& out, std::size_t number, std::string_view id, int year, const eval::result& r) const
{
    put_row(out, number, id, year, r.points, r.euros, [&](std::size_t i) { return r.indicators[i].outcome; }, [&](std::size_t g) { return static_cast<bool>(r.group_open[g]); });
}

void result_rows::row(text_blocks& out, const data_table& table, const population_results& r, std::size_t row) const
{
    const auto n_ind = m_program->indicators.size();
    const auto n_grp = m_program->groups.size();
    put_row(
        out, row, table.id(row), table.year(row), r.points[row], r.euros[row], [&](std::size_t i) { return static_cast<indicator_outcome>(r.outcomes[row * n_ind + i]); },
        [&](std::size_t g) { return r.open[row * n_grp + g] != 0; });
}

std::string results_xlsx(const program& p, const data_table& table, const population_results& r, render::table manifest)
{
    xlsx_book book;
    std::vector<column> columns{{"id", messages::tr("physician")}, {"year", messages::tr("year")}, {"points", messages::tr("points")}, {"euros", messages::tr("euros")}};
    for (const auto& i : p.indicators) columns.push_back({text::dotted_id(p, i), text::dotted_id(p, i)});
    for (const auto& g : p.groups) columns.push_back({"gate." + g.id, messages::trf("access {}", g.id)});
    book.begin_sheet(messages::tr("By physician"), columns);
    const auto n_ind = p.indicators.size();
    const auto n_grp = p.groups.size();
    std::vector<cell> cells(columns.size());
    const auto met = cell::of_count(1);
    const auto not_met = cell::of_count(0);
    const auto neutralised = cell::of_text("NA");
    for (std::size_t row = 0; row < table.size(); ++row) {
        cells[0] = cell::of_text(std::string(table.id(row)));
        cells[1] = cell::of_number(table.year(row), number_style::year);
        cells[2] = cell::of_number(r.points[row], number_style::decimal);
        cells[3] = cell::of_number(r.euros[row].rounded(2), number_style::euros);
        for (std::size_t i = 0; i < n_ind; ++i) {
            const auto o = static_cast<indicator_outcome>(r.outcomes[row * n_ind + i]);
            cells[4 + i] = o == indicator_outcome::met ? met : o == indicator_outcome::not_met ? not_met : neutralised;
        }
        for (std::size_t g = 0; g < n_grp; ++g) cells[4 + n_ind + g] = r.open[row * n_grp + g] != 0 ? met : not_met;
        book.add_row(cells);
    }
    render::table totals{"totals",
                         messages::tr("Totals"),
                         {{"year", messages::tr("year")}, {"physicians", messages::tr("physicians")}, {"paid", messages::tr("paid")}, {"points", messages::tr("points")}, {"euros", messages::tr("euros")}, {"mean", messages::tr("mean per physician")}},
                         {},
                         {}};
    for (const auto& t : r.totals) {
        totals.add({t.year == 0 ? cell::of_text(messages::tr("all years")) : cell::of_number(t.year, number_style::year), cell::of_count(t.physicians), cell::of_count(t.paid), cell::of_number(t.points, number_style::decimal),
                    cell::of_number(t.euros.rounded(2), number_style::euros), cell::of_number(t.mean.rounded(2), number_style::euros)});
    }
    book.add_table(totals);
    render::table indicators{"indicators", messages::tr("Indicators"), {{"column", messages::tr("column")}, {"group", messages::tr("group")}, {"label", messages::tr("label")}}, {}, {}};
    for (const auto& i : p.indicators) indicators.add({cell::of_text(text::dotted_id(p, i)), cell::of_text(p.groups[i.group].label), cell::of_text(i.label)});
    for (const auto& g : p.groups) indicators.add({cell::of_text(messages::trf("access {}", g.id)), cell::of_text(g.label), cell::of_text(messages::tr("1 when access to the group is open"))});
    indicators.notes = {messages::tr("Indicators: 1 met, 0 not met, NA neutralised. Euros rounded to the cent (half a cent up), exact points.")};
    book.add_table(indicators);
    return book.finish(std::move(manifest));
}

std::string rejected_csv(const data::load_result& loaded)
{
    csv_writer w;
    w.field("line").field("id").field("reasons");
    for (const auto& c : loaded.columns) w.field(c);
    w.end_row();
    for (const auto& row : loaded.rejected) {
        w.field(std::to_string(row.line)).field(row.id).field(reasons_of(loaded, row));
        for (std::size_t c = 0; c < loaded.columns.size(); ++c) w.field(c < row.fields.size() ? row.fields[c] : std::string());
        w.end_row();
    }
    return w.take();
}

std::string rejected_xlsx(const data::load_result& loaded, render::table manifest)
{
    render::table t{"rejected", messages::tr("Rejected rows"), {{"line", messages::tr("line")}, {"id", messages::tr("physician")}, {"reasons", messages::tr("reasons")}}, {}, {}};
    for (const auto& c : loaded.columns) t.columns.push_back({c, c});
    for (const auto& row : loaded.rejected) {
        std::vector<cell> cells{cell::of_count(row.line), cell::of_text(row.id), cell::of_text(reasons_of(loaded, row))};
        for (std::size_t c = 0; c < loaded.columns.size(); ++c) cells.push_back(cell::of_text(c < row.fields.size() ? row.fields[c] : std::string()));
        t.add(std::move(cells));
    }
    xlsx_book book;
    book.add_table(t);
    return book.finish(std::move(manifest));
}

bool write_results(std::FILE* out, result_format format, const program& p, const data_table& table, const population_results& r)
{
    bool written = false;
    if (format == result_format::table) {
        written = write_table(out, p, table, r);
    }
    else {
        const result_rows rows(format, p, table.file());
        written = write_rows(out, rows.head(), table.size(), [&](text_blocks& b, std::size_t row) { rows.row(b, table, r, row); }, rows.tail(r.totals));
    }
    return written && std::fflush(out) == 0;
}

}  // namespace donum::render
