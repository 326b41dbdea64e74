// CSV reader: a hand-written single-pass state machine over a mutable in-memory buffer, so that
// unquoted fields are plain views and quoted fields are unescaped in place, without any per-row
// allocation. (The bytes come from csv_source.cpp.)
#include "interpreter/data/csv.hpp"

#include <array>
#include <charconv>
#include <cstring>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>
#include "interpreter/messages/messages.hpp"

namespace donum::data {

using messages::N_;
using messages::tr;
using messages::trf;

std::string format_csv_error(const csv_error& error)
{
    if (error.column == 0) return trf("{}:{}: error: {}", error.file, error.line, error.message);
    return trf("{}:{}:{}: error: {}", error.file, error.line, error.column, error.message);
}

namespace {

/// Bytes that end a scan in a given state.
using byte_table = std::array<bool, 256>;

constexpr byte_table make_table(std::string_view stops)
{
    byte_table table{};
    for (const char c : stops) table[static_cast<unsigned char>(c)] = true;
    return table;
}

// '\0' is in every table for two reasons: it finds NUL bytes in the data, and it stops scans at
// the terminator std::string guarantees at data()[size()], so the inner loops need no bounds
// check (the caller then tells the terminator from a real NUL by comparing with the size).
constexpr byte_table comma_stops = make_table(std::string_view{",\n\r\0", 4});
constexpr byte_table semicolon_stops = make_table(std::string_view{";\n\r\0", 4});
constexpr byte_table quoted_stops = make_table(std::string_view{"\"\n\r\0", 4});

/// Header problems reported before giving up: a corrupt header would otherwise yield one error
/// per column, drowning the useful first few.
constexpr std::size_t max_header_errors = 20;

enum class record_status { complete, rejected, fatal };

/// Where one record stands while it is being parsed.
struct record_state {
    std::size_t line = 0;         ///< physical line where the record starts
    std::size_t field_count = 0;  ///< all fields seen, including those beyond storage
    bool rejected = false;        ///< a problem was found; the record must not reach on_row
    csv_error problem;            ///< the first one, reported when the record ends (never for a
                                  ///< record cut by the end of a part: it is read again)
    std::size_t extra_line = 0;   ///< where the first field beyond the expected count starts
    std::size_t extra_column = 0;
};


class csv_parser {
public:
    /// A parser over `buffer`, whose first byte is at physical line `first_line`. When not
    /// `final`, the buffer is a part of the file that ends just after a line end: reaching its
    /// end inside a quoted field is not an error but `incomplete()`.
    csv_parser(std::string file, std::string& buffer, const csv_callbacks& callbacks, std::size_t first_line = 1, bool final = true)
        : m_callbacks(callbacks), m_file(std::move(file)), m_data(buffer.data()), m_size(buffer.size()), m_line(first_line), m_final(final)
    {
    }

    /// True when a part ended inside a quoted field: it was cut inside a record.
    [[nodiscard]] bool incomplete() const { return m_incomplete; }
    /// Physical line reached: the line of the byte after the last one parsed.
    [[nodiscard]] std::size_t line() const { return m_line; }
    /// Offset of the byte after the last one parsed.
    [[nodiscard]] std::size_t position() const { return m_pos; }
    /// Where the record that was being read when reading ended begins, and its line: when
    /// incomplete(), everything before it was read and reported, and it was not.
    [[nodiscard]] std::size_t record_begin() const { return m_record_begin; }
    [[nodiscard]] std::size_t record_line() const { return m_record_line; }

    /// Reads the BOM, blank lines and the header, then stops: the data rows start at
    /// position(), line(). Returns false if reading must end (bad header, stopped, incomplete).
    bool run_header(csv_header& header)
    {
        skip_bom();
        skip_blank_lines();
        if (m_pos >= m_size) {
            if (m_final) report(1, 0, tr("empty file: no header row"));
            else m_incomplete = true;
            return false;
        }
        detect_separator();
        if (!read_header(header)) return false;
        return !m_callbacks.on_header || m_callbacks.on_header(header);
    }

    /// Reads data rows of `width` fields separated by `separator` from the start of the buffer
    /// (a record boundary). Same return value as run().
    bool run_rows(char separator, std::size_t width, std::vector<std::pair<std::size_t, std::size_t>>* record_ranges, csv_plain_records* plain)
    {
        m_record_ranges = record_ranges;
        m_plain = plain;
        m_separator = separator;
        m_unquoted_stops = separator == ';' ? &semicolon_stops : &comma_stops;
        return read_rows(width);
    }

    /// Runs the whole read; same contract as read_csv_file.
    bool run()
    {
        skip_bom();
        skip_blank_lines();
        if (m_pos >= m_size) {
            report(1, 0, tr("empty file: no header row"));
            return !m_stopped;
        }
        detect_separator();

        csv_header header;
        if (!read_header(header)) return !m_stopped;
        if (m_callbacks.on_header && !m_callbacks.on_header(header)) return false;
        return read_rows(header.names.size());
    }

private:
    const csv_callbacks& m_callbacks;
    std::string m_file;
    char* m_data;
    std::size_t m_size;
    std::size_t m_pos = 0;
    std::size_t m_line = 1;
    bool m_final = true;
    bool m_incomplete = false;
    std::size_t m_record_begin = 0;
    std::size_t m_record_line = 0;
    std::vector<std::pair<std::size_t, std::size_t>>* m_record_ranges = nullptr;
    csv_plain_records* m_plain = nullptr;
    std::size_t m_line_start = 0;  ///< offset of the current physical line's first byte
    char m_separator = ',';
    const byte_table* m_unquoted_stops = &comma_stops;
    bool m_stopped = false;  ///< on_error asked to stop

    // Field storage reused by every record. Only `m_capacity` fields are stored: a row with more
    // fields than the header is rejected anyway, so counting the rest is enough, and a huge
    // corrupt line cannot blow up memory.
    std::vector<std::string_view> m_fields;
    std::vector<std::size_t> m_columns;
    std::vector<std::size_t> m_lines;
    std::size_t m_capacity = 0;
    std::size_t m_expected = 0;  ///< header width, to locate the first extra field of a row

    [[nodiscard]] std::size_t column_of(std::size_t offset) const { return offset - m_line_start + 1; }

    /// Hands an error to on_error; returns false (and remembers it) if the caller wants to stop.
    bool report(std::size_t line, std::size_t column, std::string message)
    {
        if (m_callbacks.on_error && !m_callbacks.on_error(csv_error{m_file, line, column, std::move(message)})) m_stopped = true;
        return !m_stopped;
    }

    /// Keeps only the first problem of a record (later ones are usually consequences), to be
    /// reported when the record ends.
    static void reject(record_state& record, std::size_t line, std::size_t column, std::string_view message)
    {
        if (record.rejected) return;
        record.rejected = true;
        record.problem.line = line;
        record.problem.column = column;
        record.problem.message = message;
    }

    /// Reports the problem of a record that ended (a no-op when it has none).
    void report_problem(record_state& record)
    {
        if (record.rejected) report(record.problem.line, record.problem.column, std::move(record.problem.message));
    }

    void skip_bom()
    {
        if (m_size >= 3 && static_cast<unsigned char>(m_data[0]) == 0xEF && static_cast<unsigned char>(m_data[1]) == 0xBB && static_cast<unsigned char>(m_data[2]) == 0xBF) {
            m_pos = 3;
            m_line_start = 3;  // columns count from after the BOM, as editors show them
        }
    }

    /// At a '\r' or '\n': steps over one line end (CRLF counts as one) and starts a new line.
    void consume_line_end()
    {
        if (m_data[m_pos] == '\r' && m_pos + 1 < m_size && m_data[m_pos + 1] == '\n') ++m_pos;
        ++m_pos;
        ++m_line;
        m_line_start = m_pos;
    }

    void skip_blank_lines()
    {
        while (m_pos < m_size && (m_data[m_pos] == '\n' || m_data[m_pos] == '\r')) consume_line_end();
    }

    /// Chooses the separator from the header line alone: data rows may legitimately contain
    /// the other character (French decimals use ',' in ';' files).
    void detect_separator()
    {
        std::size_t commas = 0;
        std::size_t semicolons = 0;
        bool in_quotes = false;
        for (std::size_t p = m_pos; p < m_size; ++p) {
            const char c = m_data[p];
            if (c == '"') {
                in_quotes = !in_quotes;  // "" toggles twice: no effect, as wanted
            }
            else if (!in_quotes) {
                if (c == '\n' || c == '\r') break;
                commas += c == ',' ? 1U : 0U;
                semicolons += c == ';' ? 1U : 0U;
            }
        }
        if (semicolons > commas) {
            m_separator = ';';
            m_unquoted_stops = &semicolon_stops;
        }
    }

    void store_field(record_state& record, std::string_view value, std::size_t line, std::size_t column)
    {
        const std::size_t i = record.field_count++;
        if (i == m_expected) {
            record.extra_line = line;
            record.extra_column = column;
        }
        if (i >= m_capacity) return;
        if (i == m_fields.size()) {
            m_fields.push_back(value);
            m_columns.push_back(column);
            m_lines.push_back(line);
        }
        else {
            m_fields[i] = value;
            m_columns[i] = column;
            m_lines[i] = line;
        }
    }

    /// Scans an unquoted field from m_pos up to the separator, a line end or the end of data.
    /// Quotes inside are kept as literal bytes (`5"` is common in hand-made files).
    std::string_view scan_unquoted(record_state& record)
    {
        const std::size_t start = m_pos;
        const byte_table& stops = *m_unquoted_stops;
        for (;;) {
            while (!stops[static_cast<unsigned char>(m_data[m_pos])]) ++m_pos;
            if (m_pos < m_size && m_data[m_pos] == '\0') {
                reject(record, m_line, column_of(m_pos), tr("NUL byte in data"));
                ++m_pos;
                continue;
            }
            return {m_data + start, m_pos - start};
        }
    }

    /// Parses a quoted field whose opening quote is at m_pos, unescaping it in place (the output
    /// never outgrows the input, so writing behind the read position is safe). Returns false on
    /// an unterminated quote, which is fatal: everything after it would be misread.
    bool parse_quoted(record_state& record, std::string_view& value)
    {
        const std::size_t open_line = m_line;
        const std::size_t open_column = column_of(m_pos);
        ++m_pos;
        const std::size_t begin = m_pos;
        std::size_t write = m_pos;
        for (;;) {
            const std::size_t chunk = m_pos;
            while (!quoted_stops[static_cast<unsigned char>(m_data[m_pos])]) ++m_pos;
            if (write != chunk) std::memmove(m_data + write, m_data + chunk, m_pos - chunk);
            write += m_pos - chunk;
            if (m_pos >= m_size) {
                if (!m_final) {
                    m_incomplete = true;  // the part was cut inside this field: no error
                    return false;
                }
                report_problem(record);
                report(open_line, open_column, tr("unterminated quoted field: no closing quote before the end of the file"));
                return false;
            }
            const char c = m_data[m_pos];
            if (c == '"') {
                if (m_pos + 1 < m_size && m_data[m_pos + 1] == '"') {
                    m_data[write++] = '"';
                    m_pos += 2;
                    continue;
                }
                ++m_pos;
                break;
            }
            if (c == '\0') {
                reject(record, m_line, column_of(m_pos), tr("NUL byte in data"));
                m_data[write++] = c;
                ++m_pos;
                continue;
            }
            // A line end inside quotes is data: keep its bytes, but count the physical line so
            // later positions stay right.
            if (c == '\r' && m_pos + 1 < m_size && m_data[m_pos + 1] == '\n') {
                m_data[write++] = '\r';
                ++m_pos;
            }
            m_data[write++] = m_data[m_pos];
            ++m_pos;
            ++m_line;
            m_line_start = m_pos;
        }
        value = {m_data + begin, write - begin};

        // Spaces after the closing quote carry no meaning; anything else means the quote was
        // not meant as a closing one, and guessing would silently corrupt the value.
        while (m_pos < m_size && (m_data[m_pos] == ' ' || m_data[m_pos] == '\t')) ++m_pos;
        if (m_pos < m_size && m_data[m_pos] != m_separator && m_data[m_pos] != '\n' && m_data[m_pos] != '\r') {
            reject(record, open_line, open_column,
                   tr("unexpected text after the closing quote of a quoted field (a quote inside a quoted field must be doubled: \"\")"));
            scan_unquoted(record);  // skip the rest of the field to resynchronise
        }
        return true;
    }

    /// Parses one record starting at m_pos (which must be before the end, on a non-blank line)
    /// and leaves m_pos at the start of the next line; reports the record's problem, if any.
    record_status parse_record(record_state& record)
    {
        record = record_state{};
        record.line = m_line;
        for (;;) {
            const std::size_t field_line = m_line;
            const std::size_t column = column_of(m_pos);
            std::string_view value;
            // Blanks before an opening quote are layout (`a, "b,c"` in hand-written files), so
            // the field is quoted; blanks before anything else are data and are kept.
            std::size_t quote = m_pos;
            while (quote < m_size && (m_data[quote] == ' ' || m_data[quote] == '\t')) ++quote;
            if (quote < m_size && m_data[quote] == '"') {
                m_pos = quote;
                if (!parse_quoted(record, value)) return record_status::fatal;
            }
            else {
                value = scan_unquoted(record);
            }
            store_field(record, value, field_line, column);
            if (m_pos < m_size) {
                if (m_data[m_pos] == m_separator) {
                    ++m_pos;
                    continue;  // even at a line end: "a,b," has an empty third field
                }
                consume_line_end();  // scans stop only at a separator or a line end
            }
            report_problem(record);
            return record.rejected ? record_status::rejected : record_status::complete;
        }
    }

    /// Reads and validates the header record into `header`; false if reading must end.
    bool read_header(csv_header& header)
    {
        m_capacity = csv_max_columns + 1;
        m_expected = csv_max_columns;
        record_state record;
        if (parse_record(record) != record_status::complete) return false;
        if (record.field_count > csv_max_columns) {
            report(record.extra_line, record.extra_column, trf("header has more than {} columns", csv_max_columns));
            return false;
        }

        header.file = m_file;
        header.separator = m_separator;
        header.line = record.line;
        header.names.reserve(record.field_count);
        for (std::size_t i = 0; i < record.field_count; ++i) {
            std::string_view name = m_fields[i];
            const auto first = name.find_first_not_of(" \t");
            name = first == std::string_view::npos ? std::string_view{} : name.substr(first, name.find_last_not_of(" \t") - first + 1);
            header.names.emplace_back(name);
        }

        std::size_t errors = 0;
        auto header_error = [&](std::size_t i, std::string message) {
            if (errors++ == max_header_errors) {
                report(record.line, 0, tr("too many problems in the header; giving up"));
                return false;
            }
            return report(m_lines[i], m_columns[i], std::move(message));
        };
        std::unordered_map<std::string_view, std::size_t> seen;
        seen.reserve(header.names.size());
        for (std::size_t i = 0; i < header.names.size(); ++i) {
            const std::string& name = header.names[i];
            if (name.empty()) {
                if (!header_error(i, trf("empty column name (column {} of the header)", i + 1))) return false;
                continue;
            }
            const auto [it, inserted] = seen.emplace(name, i);
            if (!inserted && !header_error(i, trf("duplicate column name \"{}\" (column {} of the header, already column {})", name, i + 1, it->second + 1))) return false;
        }
        return errors == 0;
    }

    bool read_rows(std::size_t width)
    {
        m_capacity = width + 1;
        m_expected = width;
        m_fields.resize(m_capacity);
        m_columns.resize(m_capacity);
        m_lines.resize(m_capacity);

        record_state record;
        std::size_t index = 0;
        for (;;) {
            skip_blank_lines();
            m_record_begin = m_pos;
            m_record_line = m_line;
            if (m_pos >= m_size) return true;
            if (m_plain != nullptr) {
                if (const char* end = m_plain->take(m_data + m_pos, m_data + m_size, m_line)) {
                    m_pos = static_cast<std::size_t>(end - m_data);
                    if (m_pos < m_size) consume_line_end();
                    if (m_record_ranges != nullptr) m_record_ranges->emplace_back(m_record_begin, m_pos);
                    ++index;
                    continue;
                }
            }
            const record_status status = parse_record(record);
            if (m_stopped) return false;
            if (status == record_status::fatal) return true;
            if (status == record_status::rejected) continue;
            if (record.field_count != width) {
                const bool too_many = record.field_count > width;
                const std::string message = record.field_count == 1 ? trf("row has {} field, header has {}", record.field_count, width) : trf("row has {} fields, header has {}", record.field_count, width);
                // Point at the first extra field, or at the row itself when fields are missing.
                if (!report(too_many ? record.extra_line : record.line, too_many ? record.extra_column : 1, message)) return false;
                continue;
            }
            if (m_record_ranges != nullptr) m_record_ranges->emplace_back(m_record_begin, m_pos);
            if (m_callbacks.on_row) {
                const csv_row row{index, record.line, std::span<const std::string_view>{m_fields.data(), width}, std::span<const std::size_t>{m_columns.data(), width},
                                  std::span<const std::size_t>{m_lines.data(), width}};
                if (!m_callbacks.on_row(row)) return false;
            }
            ++index;
        }
    }
};

}  // namespace

csv_part_status read_csv_header(const std::string& display_name, std::string& part, bool last, const csv_callbacks& callbacks, csv_position& start)
{
    csv_parser parser{display_name, part, callbacks, 1, last};
    csv_header header;
    const bool go_on = parser.run_header(header);
    if (parser.incomplete()) return csv_part_status::incomplete;
    if (!go_on) return csv_part_status::stopped;
    start.offset = parser.position();
    start.line = parser.line();
    return csv_part_status::complete;
}

csv_part_status read_csv_rows(const std::string& display_name, std::string& part, const csv_header& header, std::size_t first_line, bool last, const csv_callbacks& callbacks,
                              csv_position& end, std::vector<std::pair<std::size_t, std::size_t>>* record_ranges, csv_plain_records* plain)
{
    csv_parser parser{display_name, part, callbacks, first_line, last};
    const bool go_on = parser.run_rows(header.separator, header.names.size(), record_ranges, plain);
    if (parser.incomplete()) {
        end.offset = parser.record_begin();
        end.line = parser.record_line();
        return csv_part_status::incomplete;
    }
    end.offset = parser.position();
    end.line = parser.line();
    return go_on ? csv_part_status::complete : csv_part_status::stopped;
}

std::size_t csv_cut(std::string_view bytes)
{
    const auto lf = bytes.rfind('\n');
    if (lf != std::string_view::npos) return lf + 1;
    // Without any LF, a CR ends a line unless it is the last byte: the LF of a CRLF may
    // follow just beyond.
    const auto cr = bytes.size() < 2 ? std::string_view::npos : bytes.rfind('\r', bytes.size() - 2);
    return cr == std::string_view::npos ? 0 : cr + 1;
}

bool read_csv_file(const std::string& path, const csv_callbacks& callbacks)
{
    const auto source = csv_source::open_file(path);
    std::string buffer = source.read(0, source.size());
    return csv_parser{path, buffer, callbacks}.run();
}

bool read_csv_text(std::string display_name, std::string_view text, const csv_callbacks& callbacks)
{
    std::string buffer{text};
    return csv_parser{std::move(display_name), buffer, callbacks}.run();
}

int_parse_result parse_int_field(std::string_view field)
{
    // Hot path: a field of 1 to 18 plain digits (every count of a real file) cannot overflow
    // and needs none of the checks below.
    if (!field.empty() && field.size() <= 18) {
        std::int64_t value = 0;
        std::size_t i = 0;
        for (; i < field.size(); ++i) {
            const auto digit = static_cast<unsigned>(field[i]) - unsigned{'0'};
            if (digit > 9) break;
            value = value * 10 + static_cast<std::int64_t>(digit);
        }
        if (i == field.size()) return {true, value, {}};
    }
    const auto first = field.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {false, 0, N_("empty field")};
    field = field.substr(first, field.find_last_not_of(" \t") - first + 1);

    // from_chars takes '-' but not '+': strip '+' ourselves, after requiring a digit right
    // after any sign so that "+-3" or "- 3" are not accepted.
    const std::size_t sign_length = field.front() == '+' || field.front() == '-' ? 1 : 0;
    if (field.size() <= sign_length || field[sign_length] < '0' || field[sign_length] > '9') return {false, 0, N_("not an integer")};

    const std::string_view digits = field.front() == '+' ? field.substr(1) : field;
    std::int64_t value = 0;
    const char* end = digits.data() + digits.size();
    const auto [ptr, ec] = std::from_chars(digits.data(), end, value);
    if (ec == std::errc::result_out_of_range) return {false, 0, N_("integer out of range")};
    if (ec != std::errc{}) return {false, 0, N_("not an integer")};
    if (ptr != end) {
        // Worth its own reason: "1.5" or the French "1,5" is a likely user mistake.
        const bool decimal = (*ptr == '.' || *ptr == ',') && ptr + 1 != end && ptr[1] >= '0' && ptr[1] <= '9';
        return {false, 0, decimal ? N_("not an integer: decimal number") : N_("not an integer")};
    }
    return {true, value, {}};
}

}  // namespace donum::data
