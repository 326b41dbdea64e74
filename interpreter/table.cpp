// Loading activity data: one pass of the CSV reader, each row parsed into a reused buffer,
// validated, then appended to the columns or set aside as rejected.
#include "interpreter/table.hpp"

#include <exception>
#include <thread>

#include <algorithm>
#include <limits>
#include <unordered_map>

#include <fmt/format.h>

namespace donum::interpreter {

namespace ast = grammar::ast;

// -- the table ----------------------------------------------------------------------------------

void data_table::column::push(std::int64_t v)
{
    if (!is_wide) {
        if (v >= std::numeric_limits<std::int32_t>::min() && v <= std::numeric_limits<std::int32_t>::max()) {
            narrow.push_back(static_cast<std::int32_t>(v));
            return;
        }
        wide.reserve(narrow.capacity());
        wide.assign(narrow.begin(), narrow.end());
        narrow.clear();
        narrow.shrink_to_fit();
        is_wide = true;
    }
    wide.push_back(v);
}

void data_table::read_row(std::size_t row, std::span<std::int64_t> out) const
{
    const auto n = std::min(out.size(), m_columns.size());
    for (std::size_t i = 0; i < n; ++i) out[i] = m_columns[i].get(row);
}

std::vector<std::size_t> data_table::year_indexes() const
{
    std::vector<bool> seen(m_program_years.size(), false);
    for (const auto y : m_year_index) seen[y] = true;
    std::vector<std::size_t> out;
    for (std::size_t y = 0; y < seen.size(); ++y) {
        if (seen[y]) out.push_back(y);
    }
    return out;
}

std::size_t data_table::memory_bytes() const
{
    std::size_t bytes = m_id_chars.capacity() + m_id_begin.capacity() * sizeof(std::uint64_t) + m_id_length.capacity() * sizeof(std::uint32_t) +
                        m_year_index.capacity() * sizeof(std::uint16_t) + m_line.capacity() * sizeof(std::size_t);
    for (const auto& c : m_columns) bytes += c.narrow.capacity() * sizeof(std::int32_t) + c.wide.capacity() * sizeof(std::int64_t);
    return bytes;
}

// -- loading ------------------------------------------------------------------------------------

namespace {

std::string_view trim(std::string_view s)
{
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

// A field quoted in a message, cut so that a corrupt line does not flood the terminal.
std::string shown(std::string_view field)
{
    field = trim(field);
    if (field.size() > 40) return fmt::format("\"{}…\"", field.substr(0, 40));
    return fmt::format("\"{}\"", field);
}

constexpr std::size_t no_column = std::numeric_limits<std::size_t>::max();

}  // namespace

/// The loader's state during one read; the callbacks of the CSV reader call into it.
class table_loader {
public:
    table_loader(const program& p, const table_options& options, std::string file) : m_program(p), m_options(options)
    {
        m_result.table.m_file = std::move(file);
        m_result.table.m_program_years = p.years;
        m_result.table.m_columns.resize(p.inputs.size());
        m_values.resize(p.inputs.size());
        m_parsed.resize(p.inputs.size());
        // Numerator/denominator pairs: rate() of two plain inputs, each pair once.
        for (const auto& n : p.code) {
            if (n.op != opcode::rate || n.args.size() != 2) continue;
            const auto& a = p.code[static_cast<std::size_t>(n.args[0])];
            const auto& b = p.code[static_cast<std::size_t>(n.args[1])];
            if (a.op != opcode::input || b.op != opcode::input) continue;
            const std::pair pair{static_cast<std::size_t>(a.index), static_cast<std::size_t>(b.index)};
            if (std::find(m_pairs.begin(), m_pairs.end(), pair) == m_pairs.end()) m_pairs.push_back(pair);
        }
    }

    load_result run(const std::function<bool(const csv_callbacks&)>& read)
    {
        if (m_options.year) {
            const auto yi = m_program.year_index(*m_options.year);
            if (!yi) {
                fatal(0, 0, fmt::format("year {} is not a year of the rule file (years: {})", *m_options.year, fmt::join(m_program.years, ", ")));
                return std::move(m_result);
            }
            m_forced_year_index = *yi;
        }
        csv_callbacks callbacks;
        callbacks.on_header = [this](const csv_header& h) { return header(h); };
        callbacks.on_row = [this](const csv_row& r) { return row(r); };
        callbacks.on_error = [this](const csv_error& e) { return reader_error(e); };
        read(callbacks);
        if (!m_header_seen) m_result.fatal = true;
        // The ids of every keyed row stay: accepted rows point into them.
        m_result.table.m_id_chars = std::move(m_keys_chars);
        return std::move(m_result);
    }

private:
    struct key {
        std::uint64_t begin;
        std::size_t line;
        std::uint32_t length;
        std::uint16_t year_index;
    };

    const program& m_program;
    const table_options& m_options;
    load_result m_result;
    bool m_header_seen = false;
    std::string m_file_name;
    std::optional<std::size_t> m_forced_year_index;
    std::size_t m_id_column = no_column;
    std::size_t m_year_column = no_column;
    std::vector<std::size_t> m_input_column;
    std::vector<std::pair<std::size_t, std::size_t>> m_pairs;
    std::vector<std::int64_t> m_values;  // the row being read
    std::vector<char> m_parsed;          // its values that are integers
    // Duplicate detection: every row with a valid (id, year), its id in m_keys_chars, found
    // through an open-addressing table. A slot holds the upper 32 bits of the key's hash
    // (which also choose its position) and the key index + 1 (0: empty), so that probing and
    // growing rarely touch the keys themselves: at a million rows those are cache misses.
    std::string m_keys_chars;
    std::vector<key> m_keys;
    std::vector<std::uint64_t> m_slots;

    void fatal(std::size_t line, std::size_t column, std::string message)
    {
        m_result.errors.push_back({m_result.table.m_file, line, column, std::move(message)});
        m_result.fatal = true;
    }

    void error(const csv_row& r, std::size_t field, std::string message)
    {
        m_result.errors.push_back({m_result.table.m_file, r.lines[field], r.columns[field], std::move(message)});
    }

    bool header(const csv_header& h)
    {
        m_header_seen = true;
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
        if (!m_options.year) m_year_column = find("year");
        for (const auto& in : m_program.inputs) m_input_column.push_back(find(in.column));
        if (!missing.empty()) {
            std::vector<std::string> quoted;
            for (const auto& m : missing) quoted.push_back(fmt::format("'{}'", m));
            const bool year_missing = std::find(missing.begin(), missing.end(), "year") != missing.end();
            fatal(h.line, 1, fmt::format("missing column{}: {}{}", missing.size() == 1 ? "" : "s", fmt::join(quoted, ", "), year_missing ? " (without a year column, give the year with --year)" : ""));
            return false;
        }
        return true;
    }

    bool reader_error(const csv_error& e)
    {
        m_result.errors.push_back(e);
        if (!m_header_seen) {
            m_result.fatal = true;
            return true;
        }
        rejected_row rr;
        rr.line = e.line;
        rr.first_error = m_result.errors.size() - 1;
        rr.error_count = 1;
        m_result.rejected.push_back(std::move(rr));
        return below_rejection_limit(e.line);
    }

    // Every rejected row is kept with its reasons (for --skip-invalid): past a limit, the
    // file is refused as a whole instead of filling the memory (spreadsheets can export
    // millions of empty ",,,,," rows).
    bool below_rejection_limit(std::size_t line)
    {
        if (m_result.rejected.size() < max_rejected_rows) return true;
        fatal(line, 0, fmt::format("more than {} invalid rows: reading stops here and nothing is evaluated; fix or clean the file", max_rejected_rows));
        return false;
    }

    static std::uint32_t hash(std::string_view id, std::uint16_t year_index)
    {
        const auto h = std::hash<std::string_view>{}(id) ^ (static_cast<std::uint64_t>(year_index + 1) * 0x9E3779B97F4A7C15ULL);
        return static_cast<std::uint32_t>((h * 0x9E3779B97F4A7C15ULL) >> 32);
    }

    std::string_view key_id(const key& k) const { return {m_keys_chars.data() + k.begin, k.length}; }

    // Records (id, year) and returns the line of an earlier row with the same key, if any.
    std::optional<std::size_t> remember(std::string_view id, std::uint16_t year_index, std::size_t line)
    {
        if (m_keys.size() * 2 >= m_slots.size()) grow();
        const auto mask = m_slots.size() - 1;
        const auto h = hash(id, year_index);
        auto at = static_cast<std::size_t>(h) & mask;
        while (m_slots[at] != 0) {
            if (static_cast<std::uint32_t>(m_slots[at] >> 32) == h) {
                const auto& k = m_keys[static_cast<std::uint32_t>(m_slots[at]) - 1];
                if (k.year_index == year_index && key_id(k) == id) return k.line;
            }
            at = (at + 1) & mask;
        }
        if (m_keys.size() >= std::numeric_limits<std::uint32_t>::max() - 1 || id.size() > std::numeric_limits<std::uint32_t>::max()) {
            throw std::length_error("activity file: too many rows");
        }
        m_keys.push_back({m_keys_chars.size(), line, static_cast<std::uint32_t>(id.size()), year_index});
        m_keys_chars.append(id);
        m_slots[at] = (static_cast<std::uint64_t>(h) << 32) | m_keys.size();
        return std::nullopt;
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

    bool row(const csv_row& r)
    {
        const auto errors_before = m_result.errors.size();

        const auto id = trim(r.fields[m_id_column]);
        if (id.empty()) error(r, m_id_column, "id: empty field: every row needs the physician's id");

        std::optional<std::uint16_t> year_index;
        if (m_forced_year_index) {
            year_index = static_cast<std::uint16_t>(*m_forced_year_index);
        }
        else {
            const auto field = r.fields[m_year_column];
            const auto parsed = parse_int_field(field);
            if (!parsed.ok) {
                error(r, m_year_column, fmt::format("year: {}{}", parsed.error, parsed.error == "empty field" ? std::string() : " (" + shown(field) + ")"));
            }
            else if (parsed.value < std::numeric_limits<int>::min() || parsed.value > std::numeric_limits<int>::max() || !m_program.year_index(static_cast<int>(parsed.value))) {
                error(r, m_year_column, fmt::format("year {} is not a year of the rule file (years: {})", parsed.value, fmt::join(m_program.years, ", ")));
            }
            else {
                year_index = static_cast<std::uint16_t>(*m_program.year_index(static_cast<int>(parsed.value)));
            }
        }

        for (std::size_t i = 0; i < m_input_column.size(); ++i) {
            const auto c = m_input_column[i];
            const auto& in = m_program.inputs[i];
            const auto parsed = parse_int_field(r.fields[c]);
            m_parsed[i] = 0;
            if (!parsed.ok) {
                error(r, c, fmt::format("{}: {}{}", in.column, parsed.error, parsed.error == "empty field" ? std::string() : " (" + shown(r.fields[c]) + ")"));
                continue;
            }
            if (in.type == ast::input_type::count && parsed.value < 0) {
                error(r, c, fmt::format("{}: a count cannot be negative ({})", in.column, parsed.value));
                continue;
            }
            if (in.type == ast::input_type::boolean && parsed.value != 0 && parsed.value != 1) {
                error(r, c, fmt::format("{}: a yes/no item must be 0 or 1, not {}", in.column, parsed.value));
                continue;
            }
            m_values[i] = parsed.value;
            m_parsed[i] = 1;
        }
        for (const auto& [num, den] : m_pairs) {
            if (m_parsed[num] && m_parsed[den] && m_values[num] > m_values[den]) {
                error(r, m_input_column[num], fmt::format("{} ({}) is above its denominator {} ({})", m_program.inputs[num].column, m_values[num], m_program.inputs[den].column, m_values[den]));
            }
        }

        std::size_t key_index = 0;
        if (!id.empty() && year_index) {
            if (const auto first = remember(id, *year_index, r.line)) {
                error(r, m_id_column, fmt::format("duplicate row for id {} and year {}: first at line {}", id, m_program.years[*year_index], *first));
            }
            else {
                key_index = m_keys.size() - 1;
            }
        }

        if (m_result.errors.size() != errors_before) {
            rejected_row rr;
            rr.line = r.line;
            rr.id = std::string(id);
            rr.fields.assign(r.fields.begin(), r.fields.end());
            rr.first_error = errors_before;
            rr.error_count = m_result.errors.size() - errors_before;
            m_result.rejected.push_back(std::move(rr));
            return below_rejection_limit(r.line);
        }
        auto& t = m_result.table;
        const auto& k = m_keys[key_index];
        t.m_id_begin.push_back(k.begin);
        t.m_id_length.push_back(k.length);
        t.m_year_index.push_back(*year_index);
        t.m_line.push_back(r.line);
        for (std::size_t i = 0; i < m_values.size(); ++i) t.m_columns[i].push(m_values[i]);
        return true;
    }
};

load_result load_table(const std::string& path, const program& p, const table_options& options)
{
    table_loader loader(p, options, path);
    return loader.run([&](const csv_callbacks& callbacks) { return read_csv_file(path, callbacks); });
}

load_result load_table_text(std::string display_name, std::string_view text, const program& p, const table_options& options)
{
    table_loader loader(p, options, display_name);
    return loader.run([&](const csv_callbacks& callbacks) { return read_csv_text(display_name, text, callbacks); });
}

// -- evaluation of a whole table ----------------------------------------------------------------

namespace {

void evaluate_rows(const program& p, const data_table& table, const std::function<void(std::size_t row, const result& r)>& on_row, bool parallel)
{
    std::vector<std::optional<evaluator>> by_year(p.years.size());
    std::optional<int> first_open_year;
    std::vector<open_placeholder> open;
    for (const auto y : table.year_indexes()) {
        try {
            by_year[y].emplace(p, p.years[y]);
        }
        catch (const placeholder_error& e) {
            if (!first_open_year) first_open_year = e.year();
            for (const auto& o : e.open()) {
                const bool known = std::any_of(open.begin(), open.end(), [&](const open_placeholder& x) { return x.name == o.name; });
                if (!known) open.push_back(o);
            }
        }
    }
    if (first_open_year) throw placeholder_error(*first_open_year, std::move(open));

    // Rows [begin, end) in order; the first evaluation error stops the share.
    auto share = [&](std::size_t begin, std::size_t end) {
        result r;
        std::vector<std::int64_t> values(table.input_count());
        for (std::size_t row = begin; row < end; ++row) {
            table.read_row(row, values);
            try {
                by_year[table.year_index(row)]->evaluate(values, r);
            }
            catch (evaluation_error& e) {
                e.set_row(table.file(), table.line(row), std::string(table.id(row)), table.year(row));
                throw;
            }
            on_row(row, r);
        }
    };
    const auto threads = !parallel ? 1 : std::min<std::size_t>(std::max(1u, std::thread::hardware_concurrency()), std::max<std::size_t>(1, table.size() / parallel_rows_per_thread));
    if (threads <= 1) {
        share(0, table.size());
        return;
    }
    // Contiguous shares, one per core: the errors of an earlier share come first, so the
    // error reported is that of the first failing row, as in a single pass.
    std::vector<std::exception_ptr> errors(threads);
    std::vector<std::thread> workers;
    const auto per = (table.size() + threads - 1) / threads;
    for (std::size_t t = 0; t < threads; ++t) {
        workers.emplace_back([&, t] {
            try {
                share(t * per, std::min(table.size(), (t + 1) * per));
            }
            catch (...) {
                errors[t] = std::current_exception();
            }
        });
    }
    for (auto& w : workers) w.join();
    for (const auto& e : errors) {
        if (e) std::rethrow_exception(e);
    }
}

}  // namespace

void evaluate_table(const program& p, const data_table& table, const std::function<void(std::size_t row, const result& r)>& on_row)
{
    evaluate_rows(p, table, on_row, false);
}

void evaluate_table_in_parallel(const program& p, const data_table& table, const std::function<void(std::size_t row, const result& r)>& on_row)
{
    evaluate_rows(p, table, on_row, true);
}

}  // namespace donum::interpreter
