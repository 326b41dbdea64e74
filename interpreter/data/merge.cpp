// The merge of the parts, in file order: lines made absolute, errors and rejected rows
// gathered, duplicate (id, year) keys found among every row read so far.
#include "interpreter/data/merge.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <unordered_set>

#include <fmt/format.h>
#include "interpreter/messages/messages.hpp"

namespace donum::data::detail {

using messages::tr;
using messages::trf;

void key_set::rehash(std::size_t size)
{
    std::vector<std::uint64_t> slots(size, 0);
    const auto mask = slots.size() - 1;
    for (const auto s : m_slots) {
        if (s == 0) continue;
        auto at = static_cast<std::size_t>(s >> 32) & mask;
        while (slots[at] != 0) at = (at + 1) & mask;
        slots[at] = s;
    }
    m_slots = std::move(slots);
}

void key_set::grow()
{
    rehash(std::max<std::size_t>(1024, m_slots.size() * 2));
}

void key_set::reserve(std::size_t keys)
{
    // At most half full, as insert() keeps it; a power of two.
    std::size_t size = 1024;
    while (size < 2 * keys + 2) size *= 2;
    if (size > m_slots.size()) rehash(size);
}

std::optional<std::size_t> key_set::insert(std::string_view id, std::uint16_t year_index, std::uint32_t h, std::size_t line, bool accepted)
{
    if (m_line.size() * 2 >= m_slots.size()) grow();
    const auto mask = m_slots.size() - 1;
    auto at = static_cast<std::size_t>(h) & mask;
    while (m_slots[at] != 0) {
        if (static_cast<std::uint32_t>(m_slots[at] >> 32) == h) {
            const auto key = static_cast<std::uint32_t>(m_slots[at]) - 1;
            if (m_year[key] == year_index && id_of(key) == id) return m_line[key];
        }
        at = (at + 1) & mask;
    }
    // A file holds at most 4 GiB (csv_source), so its lines and id bytes fit 32 bits.
    constexpr auto most = std::numeric_limits<std::uint32_t>::max() - 1;
    if (m_line.size() >= most || line > most || m_id_chars.size() + id.size() > most) throw std::length_error(tr("activity file: too many rows"));
    m_id_chars.append(id);
    m_id_end.push_back(static_cast<std::uint32_t>(m_id_chars.size()));
    m_year.push_back(year_index);
    m_line.push_back(static_cast<std::uint32_t>(line));
    m_rejected.push_back(!accepted);
    m_slots[at] = (static_cast<std::uint64_t>(h) << 32) | m_line.size();
    return std::nullopt;
}

std::size_t key_set::accepted_ids() const
{
    std::unordered_set<std::string_view> ids;
    for (std::size_t key = 0; key < m_line.size(); ++key) {
        if (!m_rejected[key]) ids.insert(id_of(key));
    }
    return ids.size();
}

namespace {

// The fields, line and columns of a record read again from the file (a row found to be a
// duplicate only when merging).
struct reread {
    std::vector<std::string> fields;
    std::size_t id_line = 0;
    std::size_t id_column = 0;
};

reread read_again(const file_layout& layout, const csv_source& source, std::size_t offset, const record_range& range, std::size_t line)
{
    reread out;
    auto bytes = source.read(offset + range.first, range.second - range.first);
    csv_callbacks callbacks;
    callbacks.on_row = [&](const csv_row& r) {
        out.fields.assign(r.fields.begin(), r.fields.end());
        out.id_line = r.lines[layout.id_column];
        out.id_column = r.columns[layout.id_column];
        return false;
    };
    csv_position end;
    (void)read_csv_rows(layout.file, bytes, layout.header, line, true, callbacks, end);
    return out;
}

}  // namespace

bool part_merger::merge(table_part& part, std::size_t first_line)
{
    const auto shift = first_line - 1;
    auto& rows = part.rows;
    // The first part tells how many rows the file holds, about: the key set is made that
    // large at once (rehashing a million keys as it doubles costs a serial pass each time).
    // Accepted rows only (a file of rejected rows stops at max_rejected_rows), and at most
    // 4 million keys ahead (64 MB of slots): beyond, the set grows as it goes.
    if (part.index == 0 && part.bytes > 0 && m_source.size() > part.bytes) {
        const auto parts = m_source.size() / part.bytes + 1;
        m_keys.reserve(std::min<std::size_t>(parts * rows.size(), std::size_t{1} << 22U));
    }
    std::vector<std::size_t> dropped;  // accepted rows of the part found duplicates
    auto duplicate_message = [&](std::string_view id, std::uint16_t year_index, std::size_t first) {
        if (m_layout.years_ignored) return trf("duplicate row for id {}: first at line {}", id, first);
        return trf("duplicate row for id {} and year {}: first at line {}", id, m_layout.columns->years[year_index], first);
    };
    // Every rejected row is kept with its reasons (for --skip-invalid): past a limit, the
    // file is refused as a whole instead of filling the memory (spreadsheets can export
    // millions of empty ",,,,," rows).
    auto limit_reached = [&](std::size_t line) {
        if (m_result.rejected.size() < max_rejected_rows) return false;
        m_result.errors.push_back({m_layout.file, line, 0, trf("more than {} invalid rows: reading stops here and nothing is evaluated; fix or clean the file", max_rejected_rows)});
        m_result.fatal = true;
        return true;
    };

    std::size_t a = 0;
    std::size_t r = 0;
    while (a < rows.size() || r < part.rejected.size()) {
        if (r == part.rejected.size() || (a < rows.size() && rows.line(a) < part.rejected[r].line)) {
            const auto line = rows.line(a) + shift;
            const auto year = static_cast<std::uint16_t>(rows.year_index(a));
            // The slot of a row a little ahead is fetched from memory meanwhile: at a
            // million rows almost every probe is a cache miss.
            if (a + 16 < rows.size()) m_keys.prefetch(part.row_hashes[a + 16]);
            if (const auto first = m_keys.insert(rows.id(a), year, part.row_hashes[a], line)) {
                auto again = read_again(m_layout, m_source, part.offset, part.records[part.row_record[a]], line);
                m_result.errors.push_back({m_layout.file, again.id_line, again.id_column, duplicate_message(rows.id(a), year, *first)});
                rejected_row rr;
                rr.line = line;
                rr.id = std::string(rows.id(a));
                rr.fields = std::move(again.fields);
                rr.first_error = m_result.errors.size() - 1;
                rr.error_count = 1;
                m_result.rejected.push_back(std::move(rr));
                dropped.push_back(a);
                if (limit_reached(line)) return false;
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
        if (const auto year = part.rejected_year[r]; year >= 0) {
            const auto y = static_cast<std::uint16_t>(year);
            if (const auto first = m_keys.insert(rr.id, y, key_hash(rr.id, y), rr.line, false)) {
                const auto again = read_again(m_layout, m_source, part.offset, part.rejected_ranges[r], rr.line);
                m_result.errors.push_back({m_layout.file, again.id_line, again.id_column, duplicate_message(rr.id, y, *first)});
                ++rr.error_count;
            }
        }
        m_result.rejected.push_back(std::move(rr));
        ++r;
        if (limit_reached(m_result.rejected.back().line)) return false;
    }
    rows.erase(dropped);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto y = rows.year_index(i);
        if (y >= m_year_seen.size()) m_year_seen.resize(y + 1, 0);
        if (m_year_seen[y] != 0) continue;
        m_year_seen[y] = 1;
        auto& present = m_result.year_indexes;
        present.insert(std::lower_bound(present.begin(), present.end(), y), y);
    }
    rows.shift_lines(shift);
    rows.set_first_row(m_rows);
    m_rows += rows.size();
    m_result.rows = m_rows;
    return true;
}

}  // namespace donum::data::detail
