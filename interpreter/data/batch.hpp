// A batch of accepted rows: what reading one part of a file yields (data/stream.hpp), and
// what the population runner hands its work a stretch at a time, whether the rows come from
// a file as it is read or from a table in memory.
#ifndef DONUM_INTERPRETER_DATA_BATCH_HPP
#define DONUM_INTERPRETER_DATA_BATCH_HPP

#include <cstddef>
#include <algorithm>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace donum::data {

class data_table;

/// Accepted rows of an activity file, in file order: values row-major, one per column of the
/// schema the file was read for (for a program's schema, a row is its input vector), with
/// each row's id, year and line. Its rows are numbered among every accepted row of the file
/// (the rows of its table): first_row() is the number of its first one.
class row_batch {
public:
    /// An empty batch of rows of `width` values, read from `file` for a schema whose years are
    /// `years` (both must outlive the batch).
    row_batch(std::size_t width, const std::string& file, const std::vector<int>& years) : m_width(width), m_file(&file), m_years(&years) {}
    row_batch(row_batch&&) noexcept = default;
    row_batch& operator=(row_batch&&) noexcept = default;
    row_batch(const row_batch& other);
    row_batch& operator=(const row_batch& other);
    ~row_batch() = default;

    /// Number of rows.
    [[nodiscard]] std::size_t size() const { return m_line.size(); }
    /// Values per row: the schema's columns.
    [[nodiscard]] std::size_t width() const { return m_width; }
    /// The number, among the accepted rows of the file, of row 0.
    [[nodiscard]] std::size_t first_row() const { return m_first_row; }
    /// Its place among the batches of a read: 0, 1, 2, … in file order.
    [[nodiscard]] std::size_t index() const { return m_index; }
    /// The data file's name.
    [[nodiscard]] const std::string& file() const { return *m_file; }
    /// Bytes of the file its rows were read from (its part; 0 for rows of a table).
    [[nodiscard]] std::size_t bytes() const { return m_bytes; }
    /// The schema's years (year_index indexes them).
    [[nodiscard]] const std::vector<int>& years() const { return *m_years; }

    /// Values of row i (size width()). Precondition: i < size().
    [[nodiscard]] std::span<const std::int64_t> values(std::size_t i) const { return {m_values.get() + i * m_width, m_width}; }
    /// Physician id of row i (trimmed of surrounding spaces and tabs).
    [[nodiscard]] std::string_view id(std::size_t i) const
    {
        const auto begin = i == 0 ? 0 : m_id_end[i - 1];
        return {m_id_chars.data() + begin, m_id_end[i] - begin};
    }
    /// Index of row i's year among the schema's years.
    [[nodiscard]] std::size_t year_index(std::size_t i) const { return m_year_index[i]; }
    /// Year row i is evaluated as.
    [[nodiscard]] int year(std::size_t i) const { return (*m_years)[m_year_index[i]]; }
    /// 1-based physical line where row i starts in the file.
    [[nodiscard]] std::size_t line(std::size_t i) const { return m_line[i]; }

    /// Where the values of the next row go: write them there (width() of them), then push()
    /// the row. Writing there and not pushing leaves the batch as it was.
    [[nodiscard]] std::int64_t* next_values()
    {
        if (size() == m_capacity) grow(m_capacity * 2 + 16);
        return m_values.get() + size() * m_width;
    }
    /// Appends a row whose values were written at next_values(): its id, year index and line.
    void push(std::string_view id, std::uint16_t year_index, std::size_t line)
    {
        m_id_chars.append(id);
        m_id_end.push_back(m_id_chars.size());
        m_year_index.push_back(year_index);
        m_line.push_back(line);
    }
    /// Appends a row: its values (width() of them), id, year index and line.
    void push(const std::int64_t* values, std::string_view id, std::uint16_t year_index, std::size_t line)
    {
        std::copy(values, values + m_width, next_values());
        push(id, year_index, line);
    }
    /// Empties the batch (keeping its memory) and numbers its next rows from `first_row`.
    void clear(std::size_t first_row = 0);
    /// Numbers the rows from `first_row`.
    void set_first_row(std::size_t first_row) { m_first_row = first_row; }
    /// Sets bytes().
    void set_bytes(std::size_t bytes) { m_bytes = bytes; }
    /// Sets index().
    void set_index(std::size_t index) { m_index = index; }
    /// Adds `lines` to the line of every row (a part's lines count from its first line).
    void shift_lines(std::size_t lines);
    /// Removes the rows listed in `rows` (ascending).
    void erase(const std::vector<std::size_t>& rows);
    /// Room for `rows` rows with `id_bytes` bytes of ids.
    void reserve(std::size_t rows, std::size_t id_bytes);

private:
    friend class data_table;

    std::size_t m_width = 0;
    const std::string* m_file = nullptr;
    const std::vector<int>* m_years = nullptr;
    std::size_t m_first_row = 0;
    std::size_t m_index = 0;
    std::size_t m_bytes = 0;
    // Values, row-major, in room for m_capacity rows (not cleared first: rows are written
    // before they are read, a part's worth of megabytes at a time).
    std::unique_ptr<std::int64_t[]> m_values;
    std::size_t m_capacity = 0;
    void grow(std::size_t rows);
    std::string m_id_chars;             ///< ids back to back
    std::vector<std::size_t> m_id_end;  ///< by row: end of its id in m_id_chars
    std::vector<std::uint16_t> m_year_index;
    std::vector<std::size_t> m_line;
};

}  // namespace donum::data

#endif
