#include "interpreter/results.hpp"

#include "grammar/utf8.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "interpreter/evaluate.hpp"
#include "interpreter/summary.hpp"

namespace donum::interpreter {

population_results evaluate_population(const program& p, const data_table& table)
{
    population_results out;
    const auto rows = table.size();
    const auto n_ind = p.indicators.size();
    const auto n_grp = p.groups.size();
    out.points.resize(rows);
    out.euros.resize(rows);
    out.outcomes.resize(rows * n_ind);
    out.open.resize(rows * n_grp);
    out.group_points.resize(rows * n_grp);
    // Each row writes only its own slots: safe on several threads.
    evaluate_table_in_parallel(p, table, [&](std::size_t row, const result& r) {
        out.points[row] = r.points;
        out.euros[row] = r.euros;
        for (std::size_t i = 0; i < n_ind; ++i) out.outcomes[row * n_ind + i] = static_cast<std::uint8_t>(r.indicators[i].outcome);
        for (std::size_t g = 0; g < n_grp; ++g) {
            out.open[row * n_grp + g] = r.group_open[g] ? 1 : 0;
            out.group_points[row * n_grp + g] = r.group_points[g];
        }
    });
    return out;
}

std::vector<population_totals> totals(const data_table& table, const population_results& r)
{
    std::map<int, population_totals> by_year;
    population_totals all;
    for (std::size_t row = 0; row < table.size(); ++row) {
        auto& t = by_year[table.year(row)];
        t.year = table.year(row);
        for (auto* x : {&t, &all}) {
            ++x->physicians;
            if (r.euros[row] > rational(0)) ++x->paid;
            x->points = x->points + r.points[row];
            x->euros = x->euros + r.euros[row];
        }
    }
    std::vector<population_totals> out;
    for (auto& [year, t] : by_year) out.push_back(t);
    if (out.size() > 1) out.push_back(all);
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

// Buffers output and writes it in large blocks; remembers a write failure.
class sink {
public:
    explicit sink(std::FILE* out) : m_out(out) {}
    ~sink() = default;
    sink(const sink&) = delete;
    sink& operator=(const sink&) = delete;
    fmt::memory_buffer& buffer() { return m_buffer; }
    void flush_if_large()
    {
        if (m_buffer.size() > (1u << 20)) flush();
    }
    bool flush()
    {
        if (m_buffer.size() > 0 && std::fwrite(m_buffer.data(), 1, m_buffer.size(), m_out) != m_buffer.size()) m_ok = false;
        m_buffer.clear();
        return m_ok;
    }

private:
    std::FILE* m_out;
    fmt::memory_buffer m_buffer;
    bool m_ok = true;
};

void write_csv(sink& s, const program& p, const data_table& table, const population_results& r)
{
    auto& b = s.buffer();
    fmt::format_to(std::back_inserter(b), "id,year,points,euros");
    for (const auto& i : p.indicators) fmt::format_to(std::back_inserter(b), ",{}", csv_field(p.groups[i.group].id + "." + i.id));
    for (const auto& g : p.groups) fmt::format_to(std::back_inserter(b), ",{}", csv_field("gate." + g.id));
    b.push_back('\n');
    const auto n_ind = p.indicators.size();
    const auto n_grp = p.groups.size();
    // The hot loop of a million-row output: plain appends, no format string per field.
    auto append = [&](std::string_view text) { b.append(text.data(), text.data() + text.size()); };
    for (std::size_t row = 0; row < table.size(); ++row) {
        const auto id = table.id(row);
        if (id.find_first_of(",\"\r\n") == std::string_view::npos) append(id);
        else append(csv_field(id));
        b.push_back(',');
        append(std::to_string(table.year(row)));
        b.push_back(',');
        append(r.points[row].to_string());
        b.push_back(',');
        append(r.euros[row].to_fixed(2));
        for (std::size_t i = 0; i < n_ind; ++i) {
            b.push_back(',');
            append(outcome_code(r.outcomes[row * n_ind + i]));
        }
        for (std::size_t g = 0; g < n_grp; ++g) {
            b.push_back(',');
            b.push_back(r.open[row * n_grp + g] != 0 ? '1' : '0');
        }
        b.push_back('\n');
        s.flush_if_large();
    }
}

void write_json(sink& s, const program& p, const data_table& table, const population_results& r)
{
    auto& b = s.buffer();
    fmt::format_to(std::back_inserter(b), "{{\n  \"convention\": {},\n  \"label\": {},\n  \"data\": {},\n  \"rows\": [", json_string(p.id), json_string(p.label), json_string(table.file()));
    const auto n_ind = p.indicators.size();
    const auto n_grp = p.groups.size();
    for (std::size_t row = 0; row < table.size(); ++row) {
        fmt::format_to(std::back_inserter(b), "{}\n    {{\"id\": {}, \"year\": {}, \"points\": {}, \"euros\": {}, \"indicators\": {{", row == 0 ? "" : ",", json_string(table.id(row)), table.year(row), r.points[row].to_string(), r.euros[row].to_fixed(2));
        for (std::size_t i = 0; i < n_ind; ++i) {
            fmt::format_to(std::back_inserter(b), "{}{}: {}", i == 0 ? "" : ", ", json_string(p.groups[p.indicators[i].group].id + "." + p.indicators[i].id), outcome_json(r.outcomes[row * n_ind + i]));
        }
        b.append(std::string_view("}, \"gates\": {"));
        for (std::size_t g = 0; g < n_grp; ++g) {
            fmt::format_to(std::back_inserter(b), "{}{}: {}", g == 0 ? "" : ", ", json_string(p.groups[g].id), r.open[row * n_grp + g] != 0 ? "true" : "false");
        }
        b.append(std::string_view("}}"));
        s.flush_if_large();
    }
    b.append(std::string_view("\n  ],\n  \"totals\": ["));
    bool first = true;
    for (const auto& t : totals(table, r)) {
        fmt::format_to(std::back_inserter(b), "{}\n    {{\"year\": {}, \"physicians\": {}, \"paid\": {}, \"points\": {}, \"euros\": {}}}", first ? "" : ",", t.year == 0 ? std::string("null") : std::to_string(t.year), t.physicians, t.paid, t.points.to_string(), t.euros.to_fixed(2));
        first = false;
    }
    b.append(std::string_view("\n  ]\n}\n"));
}

void write_table(sink& s, const program& p, const data_table& table, const population_results& r)
{
    auto& b = s.buffer();
    std::size_t w_id = display_width("médecin");
    for (std::size_t row = 0; row < table.size(); ++row) w_id = std::max(w_id, display_width(table.id(row)));
    std::vector<std::size_t> w_group;
    fmt::format_to(std::back_inserter(b), "{} ({}) ; données : {}\n\n", p.label, p.id, table.file());
    std::string head = fmt::format("{}  année  {:>8}  {:>10}", pad("médecin", w_id), "points", "euros");
    for (const auto& g : p.groups) {
        w_group.push_back(std::max<std::size_t>(display_width(g.id), 7));
        head += "  " + pad(g.id, w_group.back());
    }
    b.append(head);
    b.push_back('\n');
    const auto n_grp = p.groups.size();
    for (std::size_t row = 0; row < table.size(); ++row) {
        fmt::format_to(std::back_inserter(b), "{}  {:5}  {:>8}  {:>10}", pad(table.id(row), w_id), table.year(row), r.points[row].to_string(), r.euros[row].to_fixed(2));
        for (std::size_t g = 0; g < n_grp; ++g) {
            const auto cell = r.open[row * n_grp + g] != 0 ? r.group_points[row * n_grp + g].to_string() : std::string("fermé");
            b.append("  " + pad(cell, w_group[g]));
        }
        b.push_back('\n');
        s.flush_if_large();
    }
    b.append(std::string_view("\nTotaux\n"));
    for (const auto& t : totals(table, r)) {
        const auto mean = t.physicians == 0 ? rational(0) : t.euros / rational(static_cast<std::int64_t>(t.physicians));
        fmt::format_to(std::back_inserter(b), "  {} : {} médecins, {} payés, {} points, {} €, moyenne {} € par médecin\n", t.year == 0 ? std::string("toutes années") : std::to_string(t.year), t.physicians, t.paid, t.points.to_string(), t.euros.to_fixed(2), mean.to_fixed(2));
    }
}

}  // namespace

bool write_results(std::FILE* out, result_format format, const program& p, const data_table& table, const population_results& r)
{
    sink s(out);
    switch (format) {
        case result_format::csv: write_csv(s, p, table, r); break;
        case result_format::json: write_json(s, p, table, r); break;
        case result_format::table: write_table(s, p, table, r); break;
    }
    return s.flush() && std::fflush(out) == 0;
}

}  // namespace donum::interpreter
