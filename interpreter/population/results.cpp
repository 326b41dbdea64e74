#include "interpreter/population/results.hpp"

#include "grammar/utf8.hpp"

#include <algorithm>
#include <charconv>
#include <exception>
#include <map>
#include <system_error>
#include <thread>

#include <fmt/format.h>

#include "interpreter/eval/evaluate.hpp"
#include "interpreter/exact/sum.hpp"
#include "interpreter/population/runner.hpp"
#include "interpreter/compile/summary.hpp"

namespace donum::population {

using compile::display_width;
using compile::pad;
using compile::program;
using compile::summary;
using data::data_table;
using eval::indicator_outcome;
using eval::result;
using exact::rational;

population_results evaluate_population(const program& p, const data_table& table, const population_options& options)
{
    const bool with_group_points = options.group_points;
    population_results out;
    const auto rows = table.size();
    const auto n_ind = p.indicators.size();
    const auto n_grp = p.groups.size();
    out.points.resize(rows);
    out.euros.resize(rows);
    out.outcomes.resize(rows * n_ind);
    out.open.resize(rows * n_grp);
    if (with_group_points) out.group_points.resize(rows * n_grp);
    const year_evaluators evaluators(p, table);
    struct nothing {};
    // Each row writes only its own slots: safe on several threads.
    for_each_evaluated_row<nothing>(table, evaluators, [] { return nothing{}; }, [&](nothing&, std::size_t row, const eval::result& r) {
        out.points[row] = r.points;
        out.euros[row] = r.euros;
        for (std::size_t i = 0; i < n_ind; ++i) out.outcomes[row * n_ind + i] = static_cast<std::uint8_t>(r.indicators[i].outcome);
        for (std::size_t g = 0; g < n_grp; ++g) {
            out.open[row * n_grp + g] = r.group_open[g] ? 1 : 0;
            if (with_group_points) out.group_points[row * n_grp + g] = r.group_points[g];
        }
    });
    if (options.totals) out.totals = totals(p, table, out);
    return out;
}

std::vector<population_totals> totals(const program& p, const data_table& table, const population_results& r)
{
    struct running {
        int year = 0;
        std::size_t physicians = 0;
        std::size_t paid = 0;
        exact::exact_sum points;
        exact::exact_sum euros;
    };
    std::map<int, running> by_year;
    running all;
    for (std::size_t row = 0; row < table.size(); ++row) {
        auto& t = by_year[table.year(row)];
        t.year = table.year(row);
        for (auto* x : {&t, &all}) {
            ++x->physicians;
            if (r.euros[row] > rational(0)) ++x->paid;
            x->points.add(r.points[row]);
            x->euros.add(r.euros[row]);
        }
    }
    auto finish = [&](const running& x) {
        population_totals t;
        t.year = x.year;
        t.physicians = x.physicians;
        t.paid = x.paid;
        const auto points = x.points.value();
        const auto euros = x.euros.value();
        if (!points || !euros) throw eval::total_overflow(p);
        t.points = *points;
        t.euros = *euros;
        try {
            t.mean = t.physicians == 0 ? rational(0) : t.euros / rational(static_cast<std::int64_t>(t.physicians));
        }
        catch (const exact::overflow_error&) {
            throw eval::total_overflow(p);
        }
        return t;
    };
    std::vector<population_totals> out;
    for (const auto& [year, t] : by_year) out.push_back(finish(t));
    if (out.size() > 1) out.push_back(finish(all));
    return out;
}

std::string csv_field(std::string_view s)
{
    if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string json_string(std::string_view raw)
{
    // JSON text is UTF-8: bytes of a data file that are not become U+FFFD.
    const auto clean = grammar::sanitize_utf8(raw);
    const std::string_view s = clean;
    std::string out = "\"";
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"') out += "\\\"";
        else if (c == '\\') out += "\\\\";
        else if (u < 0x20) out += fmt::format("\\u{:04x}", u);
        else out += c;
    }
    return out + "\"";
}

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

const char* outcome_json(std::uint8_t o)
{
    switch (static_cast<indicator_outcome>(o)) {
        case indicator_outcome::met: return "\"met\"";
        case indicator_outcome::not_met: return "\"not_met\"";
        case indicator_outcome::neutralised: return "\"neutralised\"";
    }
    return "\"not_met\"";
}

// Output is formatted in blocks of rows, two blocks at a time on two cores, and written in
// order: a million rows are as many lines to format, and nothing is written before every
// row is evaluated anyway.
constexpr std::size_t rows_per_block = 8192;

using text = fmt::memory_buffer;

void append(text& b, std::string_view s) { b.append(s.data(), s.data() + s.size()); }

void append_integer(text& b, std::int64_t v)
{
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, v).ptr;
    b.append(digits, end);
}

// rational::to_string without its allocation for the usual integers and halves.
void append_points(text& b, const rational& v)
{
    if (v.den() == 1) return append_integer(b, v.num());
    if (v.den() == 2 && v.num() > 0) {
        append_integer(b, v.num() / 2);
        return append(b, ".5");
    }
    append(b, v.to_string());
}

// rational::to_fixed(2) without its allocation for whole euros and half euros.
void append_euros(text& b, const rational& v)
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
    auto format_block = [&](std::size_t block, text& b) {
        b.clear();
        const auto end = std::min(rows, (block + 1) * rows_per_block);
        for (std::size_t row = block * rows_per_block; row < end; ++row) format_row(b, row);
    };
    auto write = [&](const text& b) { ok = ok && put(b.data(), b.size()); };
    const auto blocks = (rows + rows_per_block - 1) / rows_per_block;
    const bool two_cores = std::thread::hardware_concurrency() > 1 && blocks > 1;
    text first;
    text second;
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
    text head;
    fmt::format_to(std::back_inserter(head), "id,year,points,euros");
    for (const auto& i : p.indicators) fmt::format_to(std::back_inserter(head), ",{}", csv_field(p.groups[i.group].id + "." + i.id));
    for (const auto& g : p.groups) fmt::format_to(std::back_inserter(head), ",{}", csv_field("gate." + g.id));
    head.push_back('\n');
    const auto n_ind = p.indicators.size();
    const auto n_grp = p.groups.size();
    // The hot loop of a million-row output: plain appends, no format string per field.
    auto row_text = [&](text& b, std::size_t row) {
        // A plain loop: find_first_of calls memchr once per byte of the id.
        const auto id = table.id(row);
        const bool plain = std::none_of(id.begin(), id.end(), [](char c) { return c == ',' || c == '"' || c == '\r' || c == '\n'; });
        if (plain) append(b, id);
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
    return write_rows(out, std::string_view(head.data(), head.size()), table.size(), row_text, {});
}

bool write_json(std::FILE* out, const program& p, const data_table& table, const population_results& r)
{
    const auto head = fmt::format("{{\n  \"convention\": {},\n  \"label\": {},\n  \"data\": {},\n  \"rows\": [", json_string(p.id), json_string(p.label), json_string(table.file()));
    const auto n_ind = p.indicators.size();
    const auto n_grp = p.groups.size();
    std::vector<std::string> indicator_keys;
    for (const auto& i : p.indicators) indicator_keys.push_back(json_string(p.groups[i.group].id + "." + i.id));
    std::vector<std::string> group_keys;
    for (const auto& g : p.groups) group_keys.push_back(json_string(g.id));
    auto row_text = [&](text& b, std::size_t row) {
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
            append(b, outcome_json(r.outcomes[row * n_ind + i]));
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
        tail += fmt::format("{}\n    {{\"year\": {}, \"physicians\": {}, \"paid\": {}, \"points\": {}, \"euros\": {}}}", first ? "" : ",", t.year == 0 ? std::string("null") : std::to_string(t.year), t.physicians, t.paid, t.points.to_string(), t.euros.to_fixed(2));
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
    auto row_text = [&](text& b, std::size_t row) {
        fmt::format_to(std::back_inserter(b), "{}  {:5}  {:>8}  {:>10}", pad(table.id(row), w_id), table.year(row), r.points[row].to_string(), r.euros[row].to_fixed(2));
        for (std::size_t g = 0; g < n_grp; ++g) {
            const auto cell = r.open[row * n_grp + g] != 0 ? r.group_points[row * n_grp + g].to_string() : std::string("fermé");
            append(b, "  " + pad(cell, w_group[g]));
        }
        b.push_back('\n');
    };
    std::string tail = "\nTotaux\n";
    for (const auto& t : r.totals) {
        tail += fmt::format("  {} : {} médecins, {} payés, {} points, {} €, moyenne {} € par médecin\n", t.year == 0 ? std::string("toutes années") : std::to_string(t.year), t.physicians, t.paid, t.points.to_string(), t.euros.to_fixed(2), t.mean.to_fixed(2));
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

}  // namespace donum::population
