// Inside data/: the parts of a file merged in file order, the one serial step of a read.
#ifndef DONUM_INTERPRETER_DATA_MERGE_HPP
#define DONUM_INTERPRETER_DATA_MERGE_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "interpreter/data/part.hpp"

namespace donum::data::detail {

/// Every (id, year) key seen so far (id alone when years are ignored), to find duplicates:
/// an open-addressing table whose slots hold the upper 32 bits of the key's hash (which also
/// choose the slot) and the key's number, so that probing rarely touches the ids themselves
/// (cache misses at a million rows). The ids are kept back to back: about 20 bytes a key.
class key_set {
public:
    /// Records the key (id, year_index) whose hash is h, first seen at `line`; returns the
    /// line of the earlier row with the same key instead, if any (and records nothing).
    /// `accepted`: the key is that of an accepted row (not of a rejected one, kept to find its
    /// duplicates).
    std::optional<std::size_t> insert(std::string_view id, std::uint16_t year_index, std::uint32_t h, std::size_t line, bool accepted = true);
    /// The number of distinct ids among the accepted rows' keys, whatever their year.
    [[nodiscard]] std::size_t accepted_ids() const;
    /// Makes the table room for about `keys` keys at once: not grown and rehashed step by step.
    void reserve(std::size_t keys);
    /// Starts the table of the next slot probed for hash h fetching from memory.
    void prefetch(std::uint32_t h) const
    {
        if (!m_slots.empty()) __builtin_prefetch(&m_slots[h & (m_slots.size() - 1)]);
    }

private:
    void grow();
    void rehash(std::size_t size);
    [[nodiscard]] std::string_view id_of(std::size_t key) const
    {
        const auto begin = key == 0 ? 0 : m_id_end[key - 1];
        return {m_id_chars.data() + begin, m_id_end[key] - begin};
    }

    std::vector<std::uint64_t> m_slots;
    std::string m_id_chars;
    std::vector<std::uint32_t> m_id_end;
    std::vector<std::uint16_t> m_year;
    std::vector<std::uint32_t> m_line;
    std::vector<bool> m_rejected;  ///< by key: that of a rejected row
};

/// Merges the parts of a read in file order into `result` (errors, rejected rows, rows
/// accepted): lines made absolute, duplicates of earlier rows (in the part or before)
/// rejected and dropped from the part's batch, which is numbered after the rows before it.
class part_merger {
public:
    part_merger(const file_layout& layout, const csv_source& source, load_result& result) : m_layout(layout), m_source(source), m_result(result) {}

    /// Merges `part`, whose first line is `first_line`. Returns false when the file turned
    /// out fatal (more than max_rejected_rows rejected rows): reading must stop.
    bool merge(table_part& part, std::size_t first_line);
    /// Rows accepted so far.
    [[nodiscard]] std::size_t rows() const { return m_rows; }
    /// Distinct ids among the rows accepted so far: the rows themselves when they are all of
    /// one year, else counted over the key set (only then: it takes a set of the ids).
    [[nodiscard]] std::size_t physicians() const { return m_result.year_indexes.size() <= 1 ? m_rows : m_keys.accepted_ids(); }
    /// True once a row was rejected.
    [[nodiscard]] bool rejected_any() const { return !m_result.rejected.empty(); }

private:
    const file_layout& m_layout;
    const csv_source& m_source;
    load_result& m_result;
    key_set m_keys;
    std::size_t m_rows = 0;
    std::vector<std::uint8_t> m_year_seen;  ///< by year index: a row of that year was accepted
};

}  // namespace donum::data::detail

#endif
