// Loading activity data: the CSV read in parts on every core, each row parsed into a reused
// buffer, validated against the schema, then appended to the part's columns or set aside as
// rejected; the parts merged in file order, where duplicates are found.
#include "interpreter/data/table.hpp"
#include "interpreter/data/xlsx.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <limits>
#include <map>
#include <mutex>
#include <system_error>
#include <thread>
#include <tuple>
#include <unordered_map>

#include <fmt/format.h>

#include "interpreter/data/habits.hpp"

namespace donum::data {

namespace ast = grammar::ast;

// -- loading ------------------------------------------------------------------------------------
//
// The file is cut into parts of about part_bytes at line ends, and the parts are read and
// validated on every core (each part into a table of its own), then merged in file order,
// where duplicate (id, year) pairs are found. A part is cut at a line end without knowing
// whether that line end is inside a quoted field: the reading of the part before tells, as it
// then ends inside a quoted field (csv_part_status::incomplete). That never happens in files
// without line breaks inside quotes; when it does, everything read so far is dropped and the
// rows are read again as one part, on one core: slower, same result.

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
    if (field.size() > 40) return fmt::format("\"{}…\"", field.substr(0, 40));
    return fmt::format("\"{}\"", field);
}

constexpr std::size_t no_column = std::numeric_limits<std::size_t>::max();

// The bytes of `source` from `offset` to just after a line end: about `want` of them, more
// when a line is longer; `last` when they reach the end of the file (fewer bytes than asked
// also mean the end: the file may have shrunk since it was opened).
std::pair<std::string, bool> read_to_line_end(const csv_source& source, std::size_t offset, std::size_t want)
{
    for (;; want *= 2) {
        auto bytes = source.read(offset, want);
        if (bytes.size() < want || offset + bytes.size() >= source.size()) return {std::move(bytes), true};
        if (const auto cut = csv_cut(bytes); cut > 0) {
            bytes.resize(cut);
            return {std::move(bytes), false};
        }
    }
}

// A byte range of a record in its part.
using record_range = std::pair<std::size_t, std::size_t>;

}  // namespace

/// What reading one part produced; lines count from 1 at the part's first line.
struct table_part {
    std::size_t offset = 0;  // of the part in the file
    std::size_t bytes = 0;   // its size
    data_table rows;
    std::vector<record_range> row_ranges;  // by accepted row
    std::vector<std::uint32_t> row_hashes;  // by accepted row: hash of (id, year), see remember
    std::vector<csv_error> errors;
    std::vector<rejected_row> rejected;
    std::vector<record_range> rejected_ranges;  // by rejected row; empty range: not a record
    std::vector<int> rejected_year;             // year index of a rejected row's valid (id, year), else -1
    std::size_t end_line = 1;
    csv_part_status status = csv_part_status::complete;
};

/// The loader's state during one read: the header's layout, then the merge of the parts.
class table_loader {
public:
    table_loader(const schema& s, const table_options& options, std::string file) : m_schema(s), m_options(options)
    {
        m_result.table.m_file = std::move(file);
        m_result.table.m_years = years();
        m_result.table.m_columns.resize(s.columns.size());
        for (const auto& c : s.columns) m_result.table.m_column_names.push_back(c.name);
    }

    load_result run(const csv_source& source)
    {
        if (m_options.ignore_year) {
            m_forced_year_index = 0;
        }
        else if (m_options.year) {
            const auto yi = year_at(*m_options.year);
            if (!yi) {
                fatal(0, 0, fmt::format("year {} is not a year of the rule file (years: {})", *m_options.year, fmt::join(m_schema.years, ", ")));
                return std::move(m_result);
            }
            m_forced_year_index = *yi;
        }
        const auto start = read_header(source);
        if (!start) {
            m_result.fatal = true;
            return std::move(m_result);
        }
        m_rows_bytes = source.size() - start->offset;
        if (!read_parts(source, *start)) {
            // A part was cut inside a quoted field: read every row again, as one part.
            reset();
            table_part part;
            part.offset = start->offset;
            auto bytes = source.read(start->offset, source.size() - start->offset);
            read_part(bytes, part, true);
            merge(source, part, start->line);
        }
        return std::move(m_result);
    }

private:
    struct rows_start {
        std::size_t offset;
        std::size_t line;
    };

    const schema& m_schema;
    const table_options& m_options;
    load_result m_result;
    csv_header m_header;
    std::optional<std::size_t> m_forced_year_index;
    std::size_t m_id_column = no_column;
    std::size_t m_year_column = no_column;
    std::vector<std::size_t> m_input_column;  // by schema column: its field in the file
    // Duplicate detection over every row with a valid (id, year), accepted or rejected, through
    // an open-addressing table. A slot holds the upper 32 bits of the key's hash (which also
    // choose its position) and the row: accepted row + 1, or rejected row + 1 with the top bit
    // set (0: empty), so that probing rarely touches the ids themselves (cache misses at a
    // million rows).
    std::vector<std::uint64_t> m_slots;
    std::size_t m_keys = 0;
    std::vector<int> m_rejected_year;  // by m_result.rejected: as table_part::rejected_year
    bool m_stop = false;                // the file turned out fatal while merging
    std::size_t m_rows_bytes = 0;       // bytes after the header

    static constexpr std::uint32_t rejected_flag = 0x80000000U;

    // The table's years: the schema's, or one year 0 when years are ignored.
    [[nodiscard]] std::vector<int> years() const { return m_options.ignore_year ? std::vector<int>{0} : m_schema.years; }

    [[nodiscard]] std::optional<std::size_t> year_at(std::int64_t year) const
    {
        const auto it = std::find(m_schema.years.begin(), m_schema.years.end(), year);
        if (it == m_schema.years.end()) return std::nullopt;
        return static_cast<std::size_t>(it - m_schema.years.begin());
    }

    void fatal(std::size_t line, std::size_t column, std::string message)
    {
        m_result.errors.push_back({m_result.table.m_file, line, column, std::move(message)});
        m_result.fatal = true;
    }

    void reset()
    {
        auto file = std::move(m_result.table.m_file);
        auto columns = std::move(m_result.columns);
        m_result = load_result{};
        m_result.table.m_file = std::move(file);
        m_result.table.m_years = years();
        m_result.table.m_columns.resize(m_schema.columns.size());
        for (const auto& c : m_schema.columns) m_result.table.m_column_names.push_back(c.name);
        m_result.columns = std::move(columns);
        m_slots.clear();
        m_keys = 0;
        m_rejected_year.clear();
        m_stop = false;
    }

    // Reads the header from the first bytes (more of them until it is whole); nullopt when
    // the file is fatal (its errors are in m_result).
    std::optional<rows_start> read_header(const csv_source& source)
    {
        csv_callbacks callbacks;
        callbacks.on_header = [this](const csv_header& h) { return header(h); };
        callbacks.on_error = [this](const csv_error& e) {
            m_result.errors.push_back(e);
            return true;
        };
        for (std::size_t want = std::size_t{64} << 10U;; want *= 2) {
            auto [bytes, last] = read_to_line_end(source, 0, want);
            csv_rows_start start;
            const auto status = read_csv_header(m_result.table.m_file, bytes, last, callbacks, start);
            if (status == csv_part_status::incomplete) {
                want = std::max(want, bytes.size());  // a quoted field goes on beyond them
                continue;
            }
            if (status != csv_part_status::complete || m_result.fatal) return std::nullopt;
            return rows_start{start.offset, start.line};
        }
    }

    bool header(const csv_header& h)
    {
        m_header = h;
        m_result.columns = h.names;
        std::unordered_map<std::string_view, std::size_t> index;
        for (std::size_t i = 0; i < h.names.size(); ++i) index.emplace(h.names[i], i);
        std::vector<std::string> missing;
        auto find = [&](const std::string& name) {
            const auto it = index.find(name);
            if (it != index.end()) return it->second;
            if (std::find(missing.begin(), missing.end(), name) == missing.end()) missing.push_back(name);
            return no_column;
        };
        m_id_column = find("id");
        if (!m_options.year && !m_options.ignore_year) m_year_column = find("year");
        for (const auto& c : m_schema.columns) m_input_column.push_back(find(c.name));
        if (!missing.empty()) {
            std::vector<std::string> quoted;
            for (const auto& m : missing) quoted.push_back(fmt::format("'{}'", m));
            const bool year_missing = std::find(missing.begin(), missing.end(), "year") != missing.end();
            fatal(h.line, 1, fmt::format("missing column{}: {}{}{}", missing.size() == 1 ? "" : "s", fmt::join(quoted, ", "), year_missing ? " (without a year column, give the year with --year)" : "", header_hint(h.names, missing)));
            return false;
        }
        return true;
    }

    // Cuts the rows into parts read on every core and merged in order. Returns false when a
    // part turned out cut inside a quoted field (nothing merged may be kept then).
    bool read_parts(const csv_source& source, const rows_start& start)
    {
        std::mutex read_mutex;  // the next part to cut
        std::size_t next_offset = start.offset;
        std::size_t next_index = 0;
        std::mutex queue_mutex;  // guards the members below it
        std::map<std::size_t, table_part> waiting;  // parts read, not merged yet
        std::size_t next_merge = 0;
        bool cut_inside_quotes = false;
        std::exception_ptr failure;
        std::mutex merge_mutex;  // held by the thread merging
        std::size_t next_line = start.line;  // guarded by merge_mutex
        std::atomic<bool> stop = false;
        // By default, parts are large enough to be a few milliseconds of work, small enough
        // that those in flight cost little memory next to the file's own size, and many
        // enough that the cores finish together.
        const auto part_bytes = m_options.part_bytes > 0 ? m_options.part_bytes : std::clamp<std::size_t>((source.size() - start.offset) / 16, std::size_t{256} << 10U, std::size_t{4} << 20U);

        // Merges the parts that come next in file order, unless another thread is at it: a
        // thread never waits for a merge, it goes on reading.
        auto merge_ready = [&] {
            for (;;) {
                std::unique_lock merging(merge_mutex, std::try_to_lock);
                if (!merging.owns_lock()) return;
                for (;;) {
                    std::optional<table_part> next;
                    {
                        const std::lock_guard lock(queue_mutex);
                        const auto it = waiting.find(next_merge);
                        if (stop || it == waiting.end()) break;
                        next = std::move(it->second);
                        waiting.erase(it);
                        ++next_merge;
                    }
                    merge(source, *next, next_line);
                    next_line += next->end_line - 1;
                    if (m_stop) stop = true;
                }
                merging.unlock();
                // A part that arrived after the last look found the merge busy: look again.
                const std::lock_guard lock(queue_mutex);
                if (stop || waiting.find(next_merge) == waiting.end()) return;
            }
        };

        auto work = [&] {
            try {
                for (;;) {
                    table_part part;
                    std::string bytes;
                    bool last = false;
                    std::size_t index = 0;
                    {
                        const std::lock_guard lock(read_mutex);
                        if (stop || next_offset >= source.size()) return;
                        std::tie(bytes, last) = read_to_line_end(source, next_offset, part_bytes);
                        part.offset = next_offset;
                        part.bytes = bytes.size();
                        index = next_index++;
                        next_offset += bytes.size();
                    }
                    read_part(bytes, part, last);
                    bytes = std::string();
                    {
                        const std::lock_guard lock(queue_mutex);
                        if (part.status == csv_part_status::incomplete) {
                            cut_inside_quotes = true;
                            stop = true;
                            return;
                        }
                        waiting.emplace(index, std::move(part));
                    }
                    merge_ready();
                }
            }
            catch (...) {
                const std::lock_guard lock(queue_mutex);
                if (!failure) failure = std::current_exception();
                stop = true;
            }
        };
        const auto rows_bytes = source.size() - start.offset;
        const auto threads = std::min<std::size_t>(std::max(1U, std::thread::hardware_concurrency()), (rows_bytes + part_bytes - 1) / part_bytes);
        std::vector<std::thread> workers;
        for (std::size_t t = 1; t < threads; ++t) {
            try {
                workers.emplace_back(work);
            }
            catch (const std::system_error&) {
                break;  // no more threads: fewer cores do the same work
            }
        }
        work();
        for (auto& w : workers) w.join();
        if (failure) std::rethrow_exception(failure);
        return !cut_inside_quotes;
    }

    // Reads the rows of one part into `part`; safe on several threads at once (each with its
    // own part).
    void read_part(std::string& bytes, table_part& part, bool last) const
    {
        part.rows.m_file = m_result.table.m_file;
        part.rows.m_years = m_result.table.m_years;
        part.rows.m_columns.resize(m_schema.columns.size());
        std::vector<std::int64_t> values(m_schema.columns.size());
        std::vector<char> parsed(m_schema.columns.size());
        std::vector<record_range> ranges;
        csv_callbacks callbacks;
        callbacks.on_row = [&](const csv_row& r) { return row(r, ranges.back(), part, values, parsed); };
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
            // anyway (see merge), so stop reading instead of filling the memory.
            return part.rejected.size() < max_rejected_rows;
        };
        part.status = read_csv_rows(m_result.table.m_file, bytes, m_header, 1, last, callbacks, part.end_line, &ranges);
    }

    // Validates one row: appended to part.rows, or set aside as rejected with its reasons.
    bool row(const csv_row& r, const record_range& range, table_part& part, std::vector<std::int64_t>& values, std::vector<char>& parsed) const
    {
        const auto errors_before = part.errors.size();
        auto error = [&](std::size_t field, std::string message) { part.errors.push_back({m_result.table.m_file, r.lines[field], r.columns[field], std::move(message)}); };

        const auto id = trim(r.fields[m_id_column]);
        if (id.empty()) error(m_id_column, "id: empty field: every row needs the physician's id");

        std::optional<std::uint16_t> year_index;
        if (m_forced_year_index) {
            year_index = static_cast<std::uint16_t>(*m_forced_year_index);
        }
        else {
            const auto field = r.fields[m_year_column];
            const auto value = parse_int_field(field);
            const auto yi = value.ok ? year_at(value.value) : std::nullopt;
            if (!value.ok) {
                error(m_year_column, fmt::format("year: {}{}", value.error, value.error == "empty field" ? std::string() : " (" + shown(field) + ")"));
            }
            else if (!yi) {
                error(m_year_column, fmt::format("year {} is not a year of the rule file (years: {})", value.value, fmt::join(m_schema.years, ", ")));
            }
            else {
                year_index = static_cast<std::uint16_t>(*yi);
            }
        }

        for (std::size_t i = 0; i < m_input_column.size(); ++i) {
            const auto c = m_input_column[i];
            const auto& in = m_schema.columns[i];
            auto value = parse_int_field(r.fields[c]);
            if (!value.ok && in.type == ast::input_type::boolean) {
                if (const auto word = yes_no_word(r.fields[c])) value = {true, *word, {}};
            }
            parsed[i] = 0;
            if (!value.ok) {
                const bool yes_no = in.type == ast::input_type::boolean && value.error != "empty field";
                error(c, fmt::format("{}: {}{}{}", in.name, value.error, value.error == "empty field" ? std::string() : " (" + shown(r.fields[c]) + ")",
                                     yes_no ? ": a yes/no item is 0 or 1, oui/non, vrai/faux or true/false" : ""));
                continue;
            }
            if (in.type == ast::input_type::count && value.value < 0) {
                error(c, fmt::format("{}: a count cannot be negative ({})", in.name, value.value));
                continue;
            }
            if (in.type == ast::input_type::boolean && value.value != 0 && value.value != 1) {
                error(c, fmt::format("{}: a yes/no item must be 0 or 1 (or oui/non, vrai/faux, true/false), not {}", in.name, value.value));
                continue;
            }
            values[i] = value.value;
            parsed[i] = 1;
        }
        for (const auto& [num, den] : m_schema.ratios) {
            if (parsed[num] && parsed[den] && values[num] > values[den]) {
                error(m_input_column[num], fmt::format("{} ({}) is above its denominator {} ({})", m_schema.columns[num].name, values[num], m_schema.columns[den].name, values[den]));
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
            part.rejected_ranges.push_back(range);
            part.rejected_year.push_back(!id.empty() && year_index ? *year_index : -1);
            return part.rejected.size() < max_rejected_rows;
        }
        if (id.size() > std::numeric_limits<std::uint32_t>::max()) throw std::length_error("activity file: an id is too long");
        auto& t = part.rows;
        t.m_id_begin.push_back(t.m_id_chars.size());
        t.m_id_length.push_back(static_cast<std::uint32_t>(id.size()));
        t.m_id_chars.append(id);
        t.m_year_index.push_back(*year_index);
        t.m_line.push_back(r.line);
        for (std::size_t i = 0; i < values.size(); ++i) t.m_columns[i].push(values[i]);
        part.row_ranges.push_back(range);
        part.row_hashes.push_back(hash(id, *year_index));
        return true;
    }

    static std::uint32_t hash(std::string_view id, std::uint16_t year_index)
    {
        const auto h = std::hash<std::string_view>{}(id) ^ (static_cast<std::uint64_t>(year_index + 1) * 0x9E3779B97F4A7C15ULL);
        return static_cast<std::uint32_t>((h * 0x9E3779B97F4A7C15ULL) >> 32);
    }

    void grow()
    {
        std::vector<std::uint64_t> slots(std::max<std::size_t>(1024, m_slots.size() * 2), 0);
        const auto mask = slots.size() - 1;
        for (const auto s : m_slots) {
            if (s == 0) continue;
            auto at = static_cast<std::size_t>(s >> 32) & mask;
            while (slots[at] != 0) at = (at + 1) & mask;
            slots[at] = s;
        }
        m_slots = std::move(slots);
    }

    // Records (id, year), whose hash is h, for `handle` (accepted row, or rejected row | rejected_flag) and
    // returns the line of an earlier row with the same key, if any. `id_of(handle)` gives an
    // earlier row's id and year index and line.
    template <typename Lookup>
    std::optional<std::size_t> remember(std::string_view id, std::uint16_t year_index, std::uint32_t h, std::uint32_t handle, const Lookup& lookup)
    {
        if (m_keys * 2 >= m_slots.size()) grow();
        const auto mask = m_slots.size() - 1;
        auto at = static_cast<std::size_t>(h) & mask;
        while (m_slots[at] != 0) {
            if (static_cast<std::uint32_t>(m_slots[at] >> 32) == h) {
                const auto [other_id, other_year, other_line] = lookup(static_cast<std::uint32_t>(m_slots[at]) - 1);
                if (other_year == year_index && other_id == id) return other_line;
            }
            at = (at + 1) & mask;
        }
        if (handle >= std::numeric_limits<std::uint32_t>::max() - 1) throw std::length_error("activity file: too many rows");
        m_slots[at] = (static_cast<std::uint64_t>(h) << 32) | (handle + 1);
        ++m_keys;
        return std::nullopt;
    }

    // The fields, line and columns of a record read again from the file (a row found to be a
    // duplicate only when merging).
    struct reread {
        std::vector<std::string> fields;
        std::size_t id_line = 0;
        std::size_t id_column = 0;
    };

    reread read_again(const csv_source& source, std::size_t offset, const record_range& range, std::size_t line) const
    {
        reread out;
        auto bytes = source.read(offset + range.first, range.second - range.first);
        csv_callbacks callbacks;
        callbacks.on_row = [&](const csv_row& r) {
            out.fields.assign(r.fields.begin(), r.fields.end());
            out.id_line = r.lines[m_id_column];
            out.id_column = r.columns[m_id_column];
            return false;
        };
        std::size_t end_line = 0;
        (void)read_csv_rows(m_result.table.m_file, bytes, m_header, line, true, callbacks, end_line);
        return out;
    }

    // Appends a part read from `source`, whose first line is `first_line`, to the result:
    // lines made absolute, duplicates of earlier rows (in this part or before) rejected.
    void merge(const csv_source& source, table_part& part, std::size_t first_line)
    {
        const auto shift = first_line - 1;
        auto& t = m_result.table;
        const auto& p = part.rows;
        const auto base = t.size();
        std::vector<std::size_t> dropped;  // accepted rows of the part found duplicates
        // An earlier row's id, year index and line, by its handle.
        auto lookup = [&](std::uint32_t handle) -> std::tuple<std::string_view, std::uint16_t, std::size_t> {
            if ((handle & rejected_flag) != 0) {
                const auto& r = m_result.rejected[handle & ~rejected_flag];
                return {r.id, static_cast<std::uint16_t>(m_rejected_year[handle & ~rejected_flag]), r.line};
            }
            if (handle >= base) {
                // A row of this part: the kept ones come in order, after `base`.
                const auto row = kept_row(handle - base, dropped);
                return {p.id(row), p.m_year_index[row], p.m_line[row] + shift};
            }
            return {t.id(handle), t.m_year_index[handle], t.m_line[handle]};
        };
        auto duplicate_message = [&](std::string_view id, std::uint16_t year_index, std::size_t first) {
            if (m_options.ignore_year) return fmt::format("duplicate row for id {}: first at line {}", id, first);
            return fmt::format("duplicate row for id {} and year {}: first at line {}", id, m_schema.years[year_index], first);
        };
        // Every rejected row is kept with its reasons (for --skip-invalid): past a limit, the
        // file is refused as a whole instead of filling the memory (spreadsheets can export
        // millions of empty ",,,,," rows).
        auto limit_reached = [&](std::size_t line) {
            if (m_result.rejected.size() < max_rejected_rows) return false;
            fatal(line, 0, fmt::format("more than {} invalid rows: reading stops here and nothing is evaluated; fix or clean the file", max_rejected_rows));
            m_stop = true;
            return true;
        };

        std::size_t a = 0;
        std::size_t r = 0;
        while (a < p.size() || r < part.rejected.size()) {
            if (r == part.rejected.size() || (a < p.size() && p.m_line[a] < part.rejected[r].line)) {
                const auto handle = static_cast<std::uint32_t>(base + a - dropped.size());
                const auto line = p.m_line[a] + shift;
                // The slot of a row a little ahead is fetched from memory meanwhile: at a
                // million rows almost every probe is a cache miss.
                if (a + 16 < p.size() && !m_slots.empty()) __builtin_prefetch(&m_slots[part.row_hashes[a + 16] & (m_slots.size() - 1)]);
                if (const auto first = remember(p.id(a), p.m_year_index[a], part.row_hashes[a], handle, lookup)) {
                    auto again = read_again(source, part.offset, part.row_ranges[a], line);
                    m_result.errors.push_back({t.m_file, again.id_line, again.id_column, duplicate_message(p.id(a), p.m_year_index[a], *first)});
                    rejected_row rr;
                    rr.line = line;
                    rr.id = std::string(p.id(a));
                    rr.fields = std::move(again.fields);
                    rr.first_error = m_result.errors.size() - 1;
                    rr.error_count = 1;
                    m_result.rejected.push_back(std::move(rr));
                    m_rejected_year.push_back(-1);  // a duplicate keys nothing new
                    dropped.push_back(a);
                    if (limit_reached(line)) return;
                }
                ++a;
                continue;
            }
            auto& rr = part.rejected[r];
            const auto first_error = m_result.errors.size();
            for (std::size_t e = rr.first_error; e < rr.first_error + rr.error_count; ++e) {
                auto error = std::move(part.errors[e]);
                if (error.line != 0) error.line += shift;
                m_result.errors.push_back(std::move(error));
            }
            rr.line += shift;
            rr.first_error = first_error;
            const auto year = part.rejected_year[r];
            int keyed_year = -1;
            if (year >= 0) {
                const auto handle = static_cast<std::uint32_t>(m_result.rejected.size()) | rejected_flag;
                const auto y = static_cast<std::uint16_t>(year);
                // Its handle is the index it gets just below.
                const auto first = remember(rr.id, y, hash(rr.id, y), handle, lookup);
                if (first) {
                    const auto again = read_again(source, part.offset, part.rejected_ranges[r], rr.line);
                    m_result.errors.push_back({t.m_file, again.id_line, again.id_column, duplicate_message(rr.id, y, *first)});
                    ++rr.error_count;
                }
                else {
                    keyed_year = year;
                }
            }
            m_result.rejected.push_back(std::move(rr));
            m_rejected_year.push_back(keyed_year);
            ++r;
            if (limit_reached(m_result.rejected.back().line)) return;
        }

        // The kept rows, appended column by column, in room reserved after the first part for
        // as many rows as its density predicts, so that the columns do not grow by doubling
        // (up to twice the memory needed).
        if (base == 0 && part.bytes > 0 && part.bytes < m_rows_bytes) {
            const auto scale = static_cast<double>(m_rows_bytes) / static_cast<double>(part.bytes) * 1.01;
            t.reserve(static_cast<std::size_t>(static_cast<double>(p.size()) * scale) + 64);
            t.m_id_chars.reserve(static_cast<std::size_t>(static_cast<double>(p.m_id_chars.size()) * scale) + 64);
        }
        detail::append_except(t.m_year_index, p.m_year_index, dropped);
        for (std::size_t row = 0, next = 0; row < p.size(); ++row) {
            if (next < dropped.size() && dropped[next] == row) {
                ++next;
                continue;
            }
            t.m_line.push_back(p.m_line[row] + shift);
            t.m_id_begin.push_back(t.m_id_chars.size() + p.m_id_begin[row]);
            t.m_id_length.push_back(p.m_id_length[row]);
        }
        t.m_id_chars.append(p.m_id_chars);  // dropped rows' ids stay, unused
        for (std::size_t i = 0; i < t.m_columns.size(); ++i) t.m_columns[i].append(p.m_columns[i], dropped);
    }

    // The part row of the k-th kept row, given the rows dropped so far (ascending).
    static std::size_t kept_row(std::size_t k, const std::vector<std::size_t>& dropped)
    {
        std::size_t row = k;
        for (const auto d : dropped) {
            if (d <= row) ++row;
            else break;
        }
        return row;
    }
};

load_result load_table(const std::string& path, const schema& s, const table_options& options)
{
    // A workbook is read as the CSV of its sheet, its errors named by cell (xlsx.hpp).
    if (const auto sheet = read_spreadsheet(path, options.sheet)) {
        auto loaded = load_table_text(path, sheet->csv, s, options);
        name_cells(loaded.errors, *sheet);
        return loaded;
    }
    const auto source = csv_source::open_file(path);
    table_loader loader(s, options, path);
    return loader.run(source);
}

load_result load_table(const std::string& path, const program& p, const table_options& options)
{
    return load_table(path, schema_of(p), options);
}

load_result load_table_text(std::string display_name, std::string_view text, const schema& s, const table_options& options)
{
    const auto source = csv_source::from_text(text);
    table_loader loader(s, options, std::move(display_name));
    return loader.run(source);
}

load_result load_table_text(std::string display_name, std::string_view text, const program& p, const table_options& options)
{
    return load_table_text(std::move(display_name), text, schema_of(p), options);
}

}  // namespace donum::data
