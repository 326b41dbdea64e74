// Reading the rows of one part: each record parsed and validated against the schema, then
// appended to the part's batch or set aside as rejected with its reasons.
//
// Two ways through, one result. A plain record (one line of unquoted fields, every value
// valid: nearly every record of a real file) is taken in one scan that splits the fields and
// reads the numbers in the same loop (plain_reader). Anything else, at the first doubt, goes
// through the CSV state machine and the full validation below, which reports each problem at
// its line and column; the fast path never reports anything, so the two cannot disagree on
// errors. The unit tests and the CSV fuzzer check that they agree on values.
#include <algorithm>
#include <array>
#include <cstring>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>

#include "interpreter/data/habits.hpp"
#include "interpreter/data/part.hpp"
#include "interpreter/exact/fixed.hpp"
#include "interpreter/messages/messages.hpp"

namespace donum::data::detail {

using messages::tr;
using messages::trf;

namespace ast = grammar::ast;

std::optional<std::size_t> file_layout::year_at(std::int64_t year) const
{
    const auto& ys = columns->years;
    const auto it = std::find(ys.begin(), ys.end(), year);
    if (it == ys.end()) return std::nullopt;
    return static_cast<std::size_t>(it - ys.begin());
}

void file_layout::plan_plain_records()
{
    const auto width = header.names.size();
    const auto& cs = columns->columns;
    fields.assign(width, plain_field{});
    copies.clear();
    plain = cs.size() <= max_plain_columns;
    auto claim = [&](std::size_t field, field_role role, std::size_t column, std::int64_t most) {
        auto& f = fields[field];
        if (f.role != field_role::skip) {
            // A second input reading the same column gets its value copied; any other second
            // role is left to the full reading.
            if (f.role >= field_role::number && role == f.role && cs[column].type == cs[f.column].type) copies.emplace_back(f.column, column);
            else plain = false;
            return;
        }
        f = {role, static_cast<std::uint32_t>(column), most};
    };
    claim(id_column, field_role::id, 0, 0);
    // The year goes after the row's values; any number of 18 digits or fewer fits.
    if (!forced_year_index) claim(year_column, field_role::year, cs.size(), std::numeric_limits<std::int64_t>::max());
    for (std::size_t c = 0; c < input_column.size(); ++c) {
        if (input_column[c] == no_field) continue;  // absent: written 0 for each row
        const auto role = cs[c].type == ast::input_type::decimal ? field_role::decimal : field_role::number;
        claim(input_column[c], role, c, cs[c].type == ast::input_type::boolean ? 1 : std::numeric_limits<std::int64_t>::max());
    }
}

std::uint32_t key_hash(std::string_view id, std::size_t year_index)
{
    // Eight bytes at a time, multiplied and folded; the upper bits choose the slot.
    constexpr std::uint64_t k = 0x9E3779B97F4A7C15ULL;
    std::uint64_t h = (static_cast<std::uint64_t>(year_index + 1) * k) ^ id.size();
    std::size_t i = 0;
    for (; i + 8 <= id.size(); i += 8) {
        std::uint64_t chunk = 0;
        std::memcpy(&chunk, id.data() + i, 8);
        h = (h ^ chunk) * k;
        h ^= h >> 29;
    }
    if (i < id.size()) {
        std::uint64_t chunk = 0;
        std::memcpy(&chunk, id.data() + i, id.size() - i);
        h = (h ^ chunk) * k;
        h ^= h >> 29;
    }
    return static_cast<std::uint32_t>((h * 0xBF58476D1CE4E5B9ULL) >> 32);
}

namespace {

// A plain loop: find_first_not_of(" \t") calls memchr once per byte, measurably slow on
// a million ids.
std::string_view trim(std::string_view s)
{
    std::size_t begin = 0;
    std::size_t end = s.size();
    while (begin < end && (s[begin] == ' ' || s[begin] == '\t')) ++begin;
    while (end > begin && (s[end - 1] == ' ' || s[end - 1] == '\t')) --end;
    return s.substr(begin, end - begin);
}

// A field quoted in a message, cut so that a corrupt line does not flood the terminal.
std::string shown(std::string_view field)
{
    field = trim(field);
    if (field.size() > 40) return trf("\"{}…\"", field.substr(0, 40));
    return trf("\"{}\"", field);
}

/// Bytes that end a text field of a plain record: the separator, a line end, the NUL of the
/// buffer's end (or of the data: the full reading rejects it) and a quote (quoted fields, and
/// quotes inside unquoted ones, are left to the full reading).
using byte_table = std::array<bool, 256>;

byte_table text_stops(char separator)
{
    byte_table t{};
    for (const char c : {separator, '\n', '\r', '\0', '"'}) t[static_cast<unsigned char>(c)] = true;
    return t;
}

/// A decimal input's field read by the full reading, as parse_int_field reads the others.
int_parse_result decimal_field(std::string_view field)
{
    const auto r = exact::parse_fixed(field);
    return {r.ok, r.value, r.error};
}

/// A decimal input's field of a plain record at `p`: '-'? digits, then '.' (or ',' unless it
/// is the separator) and 1 to 6 digits, at most 12 whole digits so that the scaled value fits
/// without a check. Sets `out` to the value scaled by exact::fixed_scale and returns the end
/// of the number; nullptr for anything else, left to the full reading (which names it).
const char* plain_decimal_field(const char* p, char separator, std::int64_t& out)
{
    const bool negative = *p == '-';
    if (negative) ++p;
    const char* q = p;
    // Unsigned: a field of 20 digits or more wraps (defined) before its length is checked.
    std::uint64_t whole = 0;
    for (unsigned d = 0; (d = static_cast<unsigned char>(*q) - unsigned{'0'}) < 10; ++q) whole = whole * 10 + d;
    if (q == p || q - p > 12) return nullptr;
    std::int64_t fraction = 0;
    std::int64_t unit = exact::fixed_scale;
    if (*q == '.' || (*q == ',' && separator != ',')) {
        const char* const point = q++;
        for (unsigned d = 0; (d = static_cast<unsigned char>(*q) - unsigned{'0'}) < 10; ++q) {
            unit /= 10;
            fraction += d * unit;
        }
        if (q == point + 1 || q - point - 1 > exact::fixed_digits) return nullptr;
    }
    const auto value = static_cast<std::int64_t>(whole) * exact::fixed_scale + fraction;
    out = negative ? -value : value;
    return q;
}

/// The fast path (see the file comment): takes a record only when every field is as the full
/// reading would accept it, and then appends exactly what it would.
class plain_reader final : public csv_plain_records {
public:
    plain_reader(const file_layout& layout, table_part& part) : m_layout(layout), m_part(part), m_stops(text_stops(layout.header.separator)), m_width(layout.columns->columns.size()) {}

    /// The index of the next record among those the part reads whole: the full reading sets
    /// it from csv_row::index.
    std::uint32_t next_record = 0;

    const char* take(const char* record, const char* end, std::size_t line) override
    {
        const char separator = m_layout.header.separator;
        std::array<std::int64_t, max_plain_columns + 1> row;  // the values, then the year
        const plain_field* f = m_layout.fields.data();
        const plain_field* const last = f + m_layout.fields.size() - 1;
        const char* p = record;
        std::string_view id;
        for (;; ++f) {
            const char* q = p;
            // Year and whole-number fields (most of a record) are tested first: a decimal
            // input is rare, and its test before them cost every field of every record.
            if (f->role == field_role::year || f->role == field_role::number) {
                // Plain digits only: a sign, a blank or an empty field is the full reading's.
                // Unsigned, so that a field of 20 digits or more wraps (defined) before the
                // length check sends it to the full reading, instead of overflowing.
                auto x = std::uint64_t{static_cast<unsigned char>(*q)} - std::uint64_t{'0'};
                if (x > 9) return nullptr;
                for (unsigned d = 0; (d = static_cast<unsigned char>(*++q) - unsigned{'0'}) < 10;) x = x * 10 + d;
                if (q - p > 18 || x > static_cast<std::uint64_t>(f->most)) return nullptr;
                row[f->column] = static_cast<std::int64_t>(x);
            }
            else if (f->role == field_role::decimal) [[unlikely]] {
                q = plain_decimal_field(p, separator, row[f->column]);
                if (q == nullptr) return nullptr;
            }
            else {
                while (!m_stops[static_cast<unsigned char>(*q)]) ++q;
                if (*q == '"') return nullptr;
                if (f->role == field_role::id) id = {p, static_cast<std::size_t>(q - p)};
            }
            if (f == last) {
                p = q;
                break;
            }
            if (*q != separator) return nullptr;
            p = q + 1;
        }
        // One line, as many fields as the header: a line end or the end of the buffer follows.
        if (*p != '\n' && *p != '\r' && p != end) return nullptr;

        for (const auto& [from, to] : m_layout.copies) row[to] = row[from];
        for (const auto c : m_layout.absent) row[c] = 0;
        for (const auto& [num, den] : m_layout.columns->ratios) {
            if (row[num] > row[den]) return nullptr;
        }
        id = trim(id);
        if (id.empty()) return nullptr;
        std::size_t year_index = 0;
        if (m_layout.forced_year_index) {
            year_index = *m_layout.forced_year_index;
        }
        else {
            const auto yi = m_layout.year_at(row[m_width]);
            if (!yi) return nullptr;
            year_index = *yi;
        }
        if (id.size() > std::numeric_limits<std::uint32_t>::max()) return nullptr;
        m_part.rows.push(row.data(), id, static_cast<std::uint16_t>(year_index), line);
        m_part.row_record.push_back(next_record++);
        m_part.row_hashes.push_back(key_hash(id, year_index));
        return p;
    }

private:
    const file_layout& m_layout;
    table_part& m_part;
    byte_table m_stops;
    std::size_t m_width;  ///< the schema's columns
};

/// The full validation of one row read by the state machine: appended to part.rows, or set
/// aside as rejected with every reason. Returns false to stop reading (too many rejected rows).
class row_validator {
public:
    row_validator(const file_layout& layout, table_part& part) : m_layout(layout), m_part(part), m_values(layout.columns->columns.size()), m_parsed(m_values.size()) {}

    bool row(const csv_row& r)
    {
        const auto& s = *m_layout.columns;
        auto& part = m_part;
        const auto errors_before = part.errors.size();
        auto error = [&](std::size_t field, std::string message) { part.errors.push_back({m_layout.file, r.lines[field], r.columns[field], std::move(message)}); };

        const auto id = trim(r.fields[m_layout.id_column]);
        if (id.empty()) error(m_layout.id_column, tr("id: empty field: every row needs the physician's id"));

        std::optional<std::uint16_t> year_index;
        if (m_layout.forced_year_index) {
            year_index = static_cast<std::uint16_t>(*m_layout.forced_year_index);
        }
        else {
            const auto field = r.fields[m_layout.year_column];
            const auto value = parse_int_field(field);
            const auto yi = value.ok ? m_layout.year_at(value.value) : std::nullopt;
            if (!value.ok) error(m_layout.year_column, trf("year: {}{}", tr(value.error.data()), value.error == "empty field" ? std::string() : " (" + shown(field) + ")"));
            else if (!yi) error(m_layout.year_column, trf("year {} is not a year of the rule file (years: {})", value.value, fmt::join(s.years, ", ")));
            else year_index = static_cast<std::uint16_t>(*yi);
        }

        for (std::size_t i = 0; i < m_layout.input_column.size(); ++i) {
            const auto c = m_layout.input_column[i];
            const auto& in = s.columns[i];
            if (c == no_field) {  // a column no rule reads, absent from the file
                m_values[i] = 0;
                m_parsed[i] = 1;
                continue;
            }
            auto value = in.type == ast::input_type::decimal ? decimal_field(r.fields[c]) : parse_int_field(r.fields[c]);
            // A yes/no item may be written as a word (habits.hpp); the plain reader leaves
            // such a record to this reading.
            if (!value.ok && in.type == ast::input_type::boolean) {
                if (const auto word = yes_no_word(r.fields[c])) value = {true, *word, {}};
            }
            m_parsed[i] = 0;
            if (!value.ok) {
                const bool yes_no = in.type == ast::input_type::boolean && value.error != "empty field";
                const std::string seen = value.error == "empty field" ? std::string() : " (" + shown(r.fields[c]) + ")";
                error(c, yes_no ? trf("{}: {}{}: a yes/no item is 0 or 1, oui/non, vrai/faux or true/false", in.name, tr(value.error.data()), seen)
                                : trf("{}: {}{}", in.name, tr(value.error.data()), seen));
                continue;
            }
            if (in.type == ast::input_type::count && value.value < 0) {
                error(c, trf("{}: a count cannot be negative ({})", in.name, value.value));
                continue;
            }
            if (in.type == ast::input_type::boolean && value.value != 0 && value.value != 1) {
                error(c, trf("{}: a yes/no item must be 0 or 1 (or oui/non, vrai/faux, true/false), not {}", in.name, value.value));
                continue;
            }
            m_values[i] = value.value;
            m_parsed[i] = 1;
        }
        for (const auto& [num, den] : s.ratios) {
            if (m_parsed[num] && m_parsed[den] && m_values[num] > m_values[den]) {
                // Both of one scale (schema_of): both decimal, or both whole numbers.
                const auto shown_value = [&](std::size_t column) { return s.columns[column].type == ast::input_type::decimal ? exact::fixed_text(m_values[column]) : std::to_string(m_values[column]); };
                error(m_layout.input_column[num], trf("{} ({}) is above its denominator {} ({})", s.columns[num].name, shown_value(num), s.columns[den].name, shown_value(den)));
            }
        }

        if (part.errors.size() != errors_before) {
            rejected_row rr;
            rr.line = r.line;
            rr.id = std::string(id);
            rr.fields.assign(r.fields.begin(), r.fields.end());
            rr.first_error = errors_before;
            rr.error_count = part.errors.size() - errors_before;
            part.rejected.push_back(std::move(rr));
            part.rejected_ranges.push_back(part.records.back());
            part.rejected_year.push_back(!id.empty() && year_index ? *year_index : -1);
            return part.rejected.size() < max_rejected_rows;
        }
        if (id.size() > std::numeric_limits<std::uint32_t>::max()) throw std::length_error(tr("activity file: an id is too long"));
        part.rows.push(m_values.data(), id, *year_index, r.line);
        part.row_record.push_back(static_cast<std::uint32_t>(r.index));
        part.row_hashes.push_back(key_hash(id, *year_index));
        return true;
    }

private:
    const file_layout& m_layout;
    table_part& m_part;
    std::vector<std::int64_t> m_values;  ///< by schema column
    std::vector<char> m_parsed;          ///< by schema column: its value is valid
};

}  // namespace

void read_part(const file_layout& layout, std::string& bytes, bool last, table_part& part)
{
    // A row takes about a hundred bytes: room for the part's rows at once.
    part.rows.reserve(bytes.size() / 80 + 16, bytes.size() / 10 + 16);
    part.records.reserve(bytes.size() / 80 + 16);
    plain_reader plain(layout, part);
    row_validator validator(layout, part);
    csv_callbacks callbacks;
    callbacks.on_row = [&](const csv_row& r) {
        if (r.index >= std::numeric_limits<std::uint32_t>::max()) throw std::length_error(tr("activity file: too many rows in a part"));
        plain.next_record = static_cast<std::uint32_t>(r.index + 1);
        return validator.row(r);
    };
    callbacks.on_error = [&](const csv_error& e) {
        part.errors.push_back(e);
        rejected_row rr;
        rr.line = e.line;
        rr.first_error = part.errors.size() - 1;
        rr.error_count = 1;
        part.rejected.push_back(std::move(rr));
        part.rejected_ranges.emplace_back(0, 0);
        part.rejected_year.push_back(-1);
        // Every rejected row is kept with its reasons: past the limit the file is fatal
        // anyway (see the merge), so stop reading instead of filling the memory.
        return part.rejected.size() < max_rejected_rows;
    };
    part.status = read_csv_rows(layout.file, bytes, layout.header, 1, last, callbacks, part.end, &part.records, layout.plain ? &plain : nullptr);
}

}  // namespace donum::data::detail
