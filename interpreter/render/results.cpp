#include "interpreter/render/results.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <exception>
#include <system_error>
#include <thread>

#include <fmt/format.h>

#include "interpreter/eval/result.hpp"
#include "interpreter/render/writers.hpp"
#include "interpreter/text/fr.hpp"

namespace donum::render {

using compile::program;
using data::data_table;
using eval::indicator_outcome;
using exact::rational;
using population::population_results;

namespace {

const char* outcome_code(std::uint8_t o)
{
    switch (static_cast<indicator_outcome>(o)) {
        case indicator_outcome::met: return "1";
        case indicator_outcome::not_met: return "0";
        case indicator_outcome::neutralised: return "NA";
    }
    return "0";
}

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

using buffer = fmt::memory_buffer;

void append(buffer& b, std::string_view s) { b.append(s.data(), s.data() + s.size()); }

void append_integer(buffer& b, std::int64_t v)
{
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, v).ptr;
    b.append(digits, end);
}

// rational::to_string without its allocation for the usual integers and halves.
void append_points(buffer& b, const rational& v)
{
    if (v.den() == 1) return append_integer(b, v.num());
    if (v.den() == 2 && v.num() > 0) {
        append_integer(b, v.num() / 2);
        return append(b, ".5");
    }
    append(b, v.to_string());
}

// rational::to_fixed(2) without its allocation for whole euros and half euros.
void append_euros(buffer& b, const rational& v)
{
    if (v.den() == 1) {
        append_integer(b, v.num());
        return append(b, ".00");
    }
    if (v.den() == 2 && v.num() > 0) {
        append_integer(b, v.num() / 2);
        return append(b, ".50");
    }
    append(b, v.to_fixed(2));
}

// Writes rows 0 to `rows` - 1, each formatted into a buffer by format_row(buffer, row),
// between `head` and `tail`. Returns false if writing failed.
template <typename Format>
bool write_rows(std::FILE* out, std::string_view head, std::size_t rows, const Format& format_row, std::string_view tail)
{
    // fwrite must not be given the null data of an empty view (UBSan says so).
    auto put = [&](const char* data, std::size_t size) { return size == 0 || std::fwrite(data, 1, size, out) == size; };
    bool ok = put(head.data(), head.size());
    auto format_block = [&](std::size_t block, buffer& b) {
        b.clear();
        const auto end = std::min(rows, (block + 1) * rows_per_block);
        for (std::size_t row = block * rows_per_block; row < end; ++row) format_row(b, row);
    };
    auto write = [&](const buffer& b) { ok = ok && put(b.data(), b.size()); };
    const auto blocks = (rows + rows_per_block - 1) / rows_per_block;
    const bool two_cores = std::thread::hardware_concurrency() > 1 && blocks > 1;
    buffer first;
    buffer second;
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

bool write_csv(std::FILE* out, const program& p, const data_table& table, const population_results& r)
{
    csv_writer head;
    head.field("id").field("year").field("points").field("euros");
    for (const auto& i : p.indicators) head.field(text::dotted_id(p, i));
    for (const auto& g : p.groups) head.field("gate." + g.id);
    head.end_row();
    const auto n_ind = p.indicators.size();
    const auto n_grp = p.groups.size();
    // The hot loop of a million-row output: plain appends, no format string per field.
    auto row_text = [&](buffer& b, std::size_t row) {
        // Most ids need no quotes: no csv_field (and its allocation) for them.
        const auto id = table.id(row);
        if (csv_plain(id)) append(b, id);
        else append(b, csv_field(id));
        b.push_back(',');
        append_integer(b, table.year(row));
        b.push_back(',');
        append_points(b, r.points[row]);
        b.push_back(',');
        append_euros(b, r.euros[row]);
        for (std::size_t i = 0; i < n_ind; ++i) {
            b.push_back(',');
            append(b, outcome_code(r.outcomes[row * n_ind + i]));
        }
        for (std::size_t g = 0; g < n_grp; ++g) {
            b.push_back(',');
            b.push_back(r.open[row * n_grp + g] != 0 ? '1' : '0');
        }
        b.push_back('\n');
    };
    return write_rows(out, head.text(), table.size(), row_text, {});
}

bool write_json(std::FILE* out, const program& p, const data_table& table, const population_results& r)
{
    const auto head = fmt::format("{{\n  \"convention\": {},\n  \"label\": {},\n  \"data\": {},\n  \"rows\": [", json_string(p.id), json_string(p.label), json_string(table.file()));
    const auto n_ind = p.indicators.size();
    const auto n_grp = p.groups.size();
    std::vector<std::string> indicator_keys;
    for (const auto& i : p.indicators) indicator_keys.push_back(json_string(text::dotted_id(p, i)));
    std::vector<std::string> group_keys;
    for (const auto& g : p.groups) group_keys.push_back(json_string(g.id));
    // The value of each outcome, by indicator_outcome (what population_results::outcomes holds).
    std::array<std::string, 3> outcome_values;
    for (const auto o : {indicator_outcome::not_met, indicator_outcome::met, indicator_outcome::neutralised}) outcome_values[static_cast<std::size_t>(o)] = json_string(outcome_word(o));
    auto row_text = [&](buffer& b, std::size_t row) {
        append(b, row == 0 ? "\n    {\"id\": " : ",\n    {\"id\": ");
        append(b, json_string(table.id(row)));
        append(b, ", \"year\": ");
        append_integer(b, table.year(row));
        append(b, ", \"points\": ");
        append_points(b, r.points[row]);
        append(b, ", \"euros\": ");
        append_euros(b, r.euros[row]);
        append(b, ", \"indicators\": {");
        for (std::size_t i = 0; i < n_ind; ++i) {
            if (i > 0) append(b, ", ");
            append(b, indicator_keys[i]);
            append(b, ": ");
            append(b, outcome_values[r.outcomes[row * n_ind + i]]);
        }
        append(b, "}, \"gates\": {");
        for (std::size_t g = 0; g < n_grp; ++g) {
            if (g > 0) append(b, ", ");
            append(b, group_keys[g]);
            append(b, r.open[row * n_grp + g] != 0 ? ": true" : ": false");
        }
        append(b, "}}");
    };
    std::string tail = "\n  ],\n  \"totals\": [";
    bool first = true;
    for (const auto& t : r.totals) {
        tail += fmt::format("{}\n    {{\"year\": {}, \"physicians\": {}, \"rows\": {}, \"paid\": {}, \"points\": {}, \"euros\": {}}}", first ? "" : ",", t.year == 0 ? std::string("null") : std::to_string(t.year), t.physicians, t.rows, t.paid, t.points.to_string(), t.euros.to_fixed(2));
        first = false;
    }
    tail += "\n  ]\n}\n";
    return write_rows(out, head, table.size(), row_text, tail);
}

bool write_table(std::FILE* out, const program& p, const data_table& table, const population_results& r)
{
    std::size_t w_id = display_width("médecin");
    for (std::size_t row = 0; row < table.size(); ++row) w_id = std::max(w_id, display_width(table.id(row)));
    std::vector<std::size_t> w_group;
    std::string head = fmt::format("{} ({}) ; données : {}\n\n", p.label, p.id, table.file());
    head += fmt::format("{}  année  {:>8}  {:>10}", pad("médecin", w_id), "points", "euros");
    for (const auto& g : p.groups) {
        w_group.push_back(std::max<std::size_t>(display_width(g.id), 7));
        head += "  " + pad(g.id, w_group.back());
    }
    head += '\n';
    const auto n_grp = p.groups.size();
    auto row_text = [&](buffer& b, std::size_t row) {
        fmt::format_to(std::back_inserter(b), "{}  {:5}  {:>8}  {:>10}", pad(table.id(row), w_id), table.year(row), r.points[row].to_string(), r.euros[row].to_fixed(2));
        for (std::size_t g = 0; g < n_grp; ++g) {
            const auto cell = r.open[row * n_grp + g] != 0 ? r.group_points[row * n_grp + g].to_string() : std::string("fermé");
            append(b, "  " + pad(cell, w_group[g]));
        }
        b.push_back('\n');
    };
    std::string tail = "\nTotaux\n";
    for (const auto& t : r.totals) {
        if (t.year != 0) {
            tail += fmt::format("  {} : {} médecins, {} payés, {} points, {}, moyenne {} par médecin\n", t.year, t.rows, t.paid, t.points.to_string(), text::euros(t.euros), text::euros(t.mean));
        }
        else {
            // Over several years a physician has a row per year: "6000 médecins" would count
            // 3,000 physicians twice.
            tail += fmt::format("  toutes années : {} médecins, {} lignes médecin-année, {} lignes payées, {} points, {}, moyenne {} par ligne médecin-année\n", t.physicians, t.rows, t.paid, t.points.to_string(), text::euros(t.euros), text::euros(t.mean));
        }
    }
    return write_rows(out, head, table.size(), row_text, tail);
}

}  // namespace

bool write_results(std::FILE* out, result_format format, const program& p, const data_table& table, const population_results& r)
{
    bool written = false;
    switch (format) {
        case result_format::csv: written = write_csv(out, p, table, r); break;
        case result_format::json: written = write_json(out, p, table, r); break;
        case result_format::table: written = write_table(out, p, table, r); break;
    }
    return written && std::fflush(out) == 0;
}

}  // namespace donum::render
