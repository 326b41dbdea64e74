// The read in parts (stream.hpp): the header first, then the parts read on every core,
// merged in file order, processed, and folded in file order.
#include <algorithm>
#include <cctype>
#include <condition_variable>
#include <exception>
#include <map>
#include <mutex>
#include <system_error>
#include <thread>
#include <unordered_map>

#include <fmt/format.h>

#include "interpreter/data/habits.hpp"
#include "interpreter/data/merge.hpp"
#include "interpreter/data/part.hpp"
#include "interpreter/data/stream.hpp"
#include "interpreter/data/xlsx.hpp"
#include "interpreter/messages/messages.hpp"

namespace donum::data {

using messages::tr;
using messages::trf;

using detail::file_layout;
using detail::part_merger;
using detail::table_part;

namespace {

constexpr std::size_t no_column = detail::no_field;

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

/// One read: the header, then the parts through the pipeline.
class part_reader {
public:
    part_reader(const csv_source& source, std::string file, const schema& s, const table_options& options, batch_consumer& consumer, load_result& result)
        : m_source(source), m_options(options), m_consumer(consumer), m_result(result), m_merger(m_layout, source, result)
    {
        m_layout.file = std::move(file);
        m_layout.columns = &s;
        m_layout.years_ignored = options.ignore_year;
        m_layout.years = options.ignore_year ? std::vector<int>{0} : s.years;
    }

    void run()
    {
        if (m_options.ignore_year) {
            m_layout.forced_year_index = 0;
        }
        else if (m_options.year) {
            const auto yi = m_layout.year_at(*m_options.year);
            if (!yi) {
                fatal(0, 0, trf("year {} is not a year of the rule file (years: {})", *m_options.year, fmt::join(m_layout.columns->years, ", ")));
                return;
            }
            m_layout.forced_year_index = *yi;
        }
        const auto start = read_header();
        if (!start) {
            m_result.fatal = true;
            return;
        }
        // By default, parts are large enough to be a few milliseconds of work, small enough
        // that a part's rows stay in the core's cache from their reading to their processing,
        // and many enough that the cores finish together.
        const auto rows_bytes = m_source.size() - start->offset;
        m_part_bytes = m_options.part_bytes > 0 ? m_options.part_bytes : std::clamp<std::size_t>(rows_bytes / 16, std::size_t{64} << 10U, std::size_t{512} << 10U);
        m_next_offset = start->offset;
        m_next_line = start->line;
        read_parts((rows_bytes + m_part_bytes - 1) / m_part_bytes);
        if (m_failure) std::rethrow_exception(m_failure);
        if (m_resume) read_one_after_another(*m_resume);
        m_result.physicians = m_merger.physicians();
    }

private:
    const csv_source& m_source;
    const table_options& m_options;
    batch_consumer& m_consumer;
    load_result& m_result;
    file_layout m_layout;
    part_merger m_merger;
    std::size_t m_part_bytes = 0;

    // Where the next part starts, guarded by m_cut_mutex (held while its bytes are read).
    std::mutex m_cut_mutex;
    std::size_t m_next_offset = 0;
    std::size_t m_next_index = 0;
    // The pipeline's state, guarded by m_mutex; m_changed wakes threads waiting for work.
    std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_cut_done = false;        // no more parts to cut (end of file, stop, or m_resume)
    std::size_t m_reading = 0;      // parts being read
    std::map<std::size_t, table_part> m_read;  // read, waiting for their merge
    std::size_t m_next_merge = 0;
    std::size_t m_next_line = 1;    // first line of part m_next_merge
    bool m_merging = false;
    std::map<std::size_t, table_part> m_merged;  // merged, waiting for process()
    std::size_t m_processing = 0;
    std::map<std::size_t, table_part> m_processed;  // waiting for fold()
    std::size_t m_next_fold = 0;
    bool m_folding = false;
    bool m_hand_on = true;  // batches go on to the consumer (see table_options::only_if_valid)
    bool m_stop = false;    // fatal, or a failure: drop everything
    std::exception_ptr m_failure;
    std::optional<csv_position> m_resume;  // a part ended inside quotes: read on from there

    void fatal(std::size_t line, std::size_t column, std::string message)
    {
        m_result.errors.push_back({m_layout.file, line, column, std::move(message)});
        m_result.fatal = true;
    }

    // Reads the header from the first bytes (more of them until it is whole); nullopt when
    // the file is fatal (its errors are in m_result).
    std::optional<csv_position> read_header()
    {
        csv_callbacks callbacks;
        callbacks.on_header = [this](const csv_header& h) { return header(h); };
        callbacks.on_error = [this](const csv_error& e) {
            m_result.errors.push_back(e);
            return true;
        };
        for (std::size_t want = std::size_t{64} << 10U;; want *= 2) {
            auto [bytes, last] = read_to_line_end(m_source, 0, want);
            csv_position start;
            const auto status = read_csv_header(m_layout.file, bytes, last, callbacks, start);
            if (status == csv_part_status::incomplete) {
                want = std::max(want, bytes.size());  // a quoted field goes on beyond them
                continue;
            }
            if (status != csv_part_status::complete || m_result.fatal) return std::nullopt;
            return start;
        }
    }

    bool header(const csv_header& h)
    {
        m_layout.header = h;
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
        m_layout.id_column = find("id");
        if (!m_layout.forced_year_index) m_layout.year_column = find("year");
        for (std::size_t i = 0; i < m_layout.columns->columns.size(); ++i) {
            const auto& c = m_layout.columns->columns[i];
            // A column no rule reads may be absent: the rows then read 0 there, said once.
            if (!c.read && !index.contains(c.name)) {
                m_layout.input_column.push_back(no_column);
                if (std::find(m_layout.absent.begin(), m_layout.absent.end(), i) == m_layout.absent.end()) {
                    m_layout.absent.push_back(i);
                    m_result.warnings.push_back(trf("{}: no column '{}': no rule reads it (its input is used nowhere), so its values are taken as 0", m_layout.file, c.name));
                }
                continue;
            }
            m_layout.input_column.push_back(find(c.name));
        }
        if (!missing.empty()) {
            std::vector<std::string> quoted;
            for (const auto& m : missing) quoted.push_back(trf("'{}'", m));
            // The --year hint only for a file with no year column at all: one written `Year`
            // gets the letter-case hint of header_hint instead.
            const bool year_case = std::any_of(h.names.begin(), h.names.end(), [](const std::string& n) {
                return n.size() == 4 && std::equal(n.begin(), n.end(), "year", [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
            });
            const bool year_missing = !year_case && std::find(missing.begin(), missing.end(), "year") != missing.end();
            const char* hint = year_missing ? tr(" (without a year column, give the year with --year)") : "";
            const auto habits = header_hint(h.names, missing);
            fatal(h.line, 1, missing.size() == 1 ? trf("missing column: {}{}{}", quoted.front(), hint, habits) : trf("missing columns: {}{}{}", fmt::join(quoted, ", "), hint, habits));
            return false;
        }
        m_layout.plan_plain_records();
        return true;
    }

    // Runs `step` without the lock; an exception it throws stops the read (rethrown once
    // every thread has stopped). Returns false then.
    template <typename Step>
    bool unlocked(std::unique_lock<std::mutex>& lock, Step&& step)
    {
        lock.unlock();
        std::exception_ptr failure;
        try {
            step();
        }
        catch (...) {
            failure = std::current_exception();
        }
        lock.lock();
        if (!failure) return true;
        if (!m_failure) m_failure = failure;
        m_stop = true;
        return false;
    }

    // Every thread runs this loop: merge, fold, process, read, in that order of preference
    // (finishing parts before starting new ones keeps the memory to the parts in flight).
    void work(std::size_t parts_in_flight)
    {
        std::optional<std::size_t> mine;  // the last part this thread read: processed here if it can
        std::unique_lock lock(m_mutex);
        for (;;) {
            if (m_stop) {
                m_read.clear();
                m_merged.clear();
                m_processed.clear();
                m_cut_done = true;
            }
            if (const auto it = m_read.find(m_next_merge); !m_merging && it != m_read.end()) {
                auto part = std::move(it->second);
                m_read.erase(it);
                m_merging = true;
                const auto first_line = m_next_line;
                bool go_on = false;
                const bool merged = unlocked(lock, [&] { go_on = m_merger.merge(part, first_line); });
                m_merging = false;
                if (!merged) {
                    m_changed.notify_all();
                    continue;
                }
                if (!go_on) m_stop = true;  // fatal
                if (m_options.only_if_valid && m_merger.rejected_any()) m_hand_on = false;
                m_next_line += part.end.line - 1;
                ++m_next_merge;
                if (part.status == csv_part_status::incomplete) {
                    // Cut inside a quoted field: the parts after it were misread.
                    m_resume = csv_position{part.offset + part.end.offset, m_next_line};
                    m_cut_done = true;
                    m_read.clear();
                }
                if (m_hand_on && !m_stop) m_merged.emplace(part.index, std::move(part));
                m_changed.notify_all();
                continue;
            }
            if (const auto it = m_processed.find(m_next_fold); !m_folding && it != m_processed.end()) {
                auto part = std::move(it->second);
                m_processed.erase(it);
                m_folding = true;
                const bool folded = unlocked(lock, [&] { m_consumer.fold(part.rows); });
                m_folding = false;
                if (folded) ++m_next_fold;
                m_changed.notify_all();
                continue;
            }
            if (!m_merged.empty()) {
                auto it = mine ? m_merged.find(*mine) : m_merged.end();
                if (it == m_merged.end()) it = m_merged.begin();
                auto part = std::move(it->second);
                m_merged.erase(it);
                ++m_processing;
                const bool processed = unlocked(lock, [&] { m_consumer.process(part.rows); });
                --m_processing;
                if (processed) m_processed.emplace(part.index, std::move(part));
                m_changed.notify_all();
                continue;
            }
            const auto in_flight = m_reading + m_read.size() + m_merged.size() + m_processing + m_processed.size();
            if (!m_cut_done && in_flight < parts_in_flight) {
                ++m_reading;
                std::optional<table_part> part;
                bool last = false;
                unlocked(lock, [&] { part = read_next(last); });
                --m_reading;
                if (!part || last) m_cut_done = true;
                if (!part) {
                    m_changed.notify_all();
                    continue;
                }
                mine = part->index;
                // A part after a cut inside quotes was misread: dropped.
                if (!m_stop && !(m_resume && part->index >= m_next_merge)) m_read.emplace(part->index, std::move(*part));
                m_changed.notify_all();
                continue;
            }
            if (m_cut_done && m_reading == 0 && m_read.empty() && !m_merging && m_merged.empty() && m_processing == 0 && m_processed.empty() && !m_folding) return;
            m_changed.wait(lock);
        }
    }

    // Cuts the next part and reads its rows (lock not held); nullopt at the end of the file.
    std::optional<table_part> read_next(bool& last)
    {
        std::unique_lock cutting(m_cut_mutex);
        if (m_next_offset >= m_source.size()) {
            last = true;
            return std::nullopt;
        }
        auto [bytes, at_end] = read_to_line_end(m_source, m_next_offset, m_part_bytes);
        table_part part(m_layout);
        part.index = m_next_index++;
        part.offset = m_next_offset;
        part.bytes = bytes.size();
        m_next_offset += bytes.size();
        last = at_end;
        cutting.unlock();
        detail::read_part(m_layout, bytes, at_end, part);
        part.rows.set_bytes(part.bytes);
        part.rows.set_index(part.index);
        return part;
    }

    void read_parts(std::size_t parts)
    {
        const auto cores = std::max(1U, std::thread::hardware_concurrency());
        const auto threads = std::clamp<std::size_t>(parts, 1, cores);
        // Room for each thread's part, and for parts done early waiting for their turn.
        const auto in_flight = 3 * threads;
        std::vector<std::thread> workers;
        for (std::size_t t = 1; t < threads; ++t) {
            try {
                workers.emplace_back([this, in_flight] { work(in_flight); });
            }
            catch (const std::system_error&) {
                break;  // no more threads: fewer cores do the same work
            }
        }
        work(in_flight);
        for (auto& w : workers) w.join();
    }

    // The rest of a file where a cut fell inside a quoted field, from `from` (a record
    // boundary) on: each part starts where the records of the one before ended.
    void read_one_after_another(csv_position from)
    {
        for (std::size_t want = m_part_bytes; from.offset < m_source.size() && !m_result.fatal;) {
            auto [bytes, last] = read_to_line_end(m_source, from.offset, want);
            table_part part(m_layout);
            part.index = m_next_merge;
            part.offset = from.offset;
            detail::read_part(m_layout, bytes, last, part);
            if (part.status == csv_part_status::incomplete && part.end.offset == 0) {
                want *= 2;  // one record longer than the part: more bytes
                continue;
            }
            part.bytes = part.end.offset;
            part.rows.set_bytes(part.bytes);
            part.rows.set_index(part.index);
            const bool go_on = m_merger.merge(part, from.line);
            if (m_options.only_if_valid && m_merger.rejected_any()) m_hand_on = false;
            if (!go_on) break;
            if (m_hand_on) {
                m_consumer.process(part.rows);
                m_consumer.fold(part.rows);
            }
            from.offset += part.end.offset;
            from.line += part.end.line - 1;
            ++m_next_merge;
            want = m_part_bytes;
        }
    }
};

}  // namespace

namespace detail {

void read_in_parts(const csv_source& source, std::string file, const schema& s, const table_options& options, batch_consumer& consumer, load_result& result)
{
    part_reader reader(source, std::move(file), s, options, consumer, result);
    reader.run();
}

}  // namespace detail

load_result read_in_batches(const std::string& path, const schema& s, const table_options& options, batch_consumer& consumer)
{
    // A workbook is read as the CSV of its sheet, its errors named by cell (xlsx.hpp).
    if (const auto sheet = read_spreadsheet(path, options.sheet)) {
        auto loaded = read_text_in_batches(path, sheet->csv, s, options, consumer);
        name_cells(loaded.errors, *sheet);
        return loaded;
    }
    const auto source = csv_source::open_file(path);
    load_result result;
    detail::read_in_parts(source, path, s, options, consumer, result);
    return result;
}

load_result read_text_in_batches(std::string display_name, std::string_view text, const schema& s, const table_options& options, batch_consumer& consumer)
{
    const auto source = csv_source::from_text(text);
    load_result result;
    detail::read_in_parts(source, std::move(display_name), s, options, consumer, result);
    return result;
}

}  // namespace donum::data
