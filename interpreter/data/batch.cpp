#include "interpreter/data/batch.hpp"

#include <algorithm>

namespace donum::data {

row_batch::row_batch(const row_batch& other)
    : m_width(other.m_width), m_file(other.m_file), m_years(other.m_years), m_first_row(other.m_first_row), m_index(other.m_index), m_bytes(other.m_bytes), m_id_chars(other.m_id_chars),
      m_id_end(other.m_id_end), m_year_index(other.m_year_index), m_line(other.m_line)
{
    grow(other.size());
    std::copy(other.m_values.get(), other.m_values.get() + other.size() * m_width, m_values.get());
}

row_batch& row_batch::operator=(const row_batch& other)
{
    if (this != &other) *this = row_batch(other);
    return *this;
}

void row_batch::grow(std::size_t rows)
{
    if (rows <= m_capacity) return;
    // Not value-initialised: see m_values.
    std::unique_ptr<std::int64_t[]> values(new std::int64_t[rows * m_width]);
    if (m_values) std::copy(m_values.get(), m_values.get() + size() * m_width, values.get());
    m_values = std::move(values);
    m_capacity = rows;
}

void row_batch::clear(std::size_t first_row)
{
    m_first_row = first_row;
    m_bytes = 0;
    m_id_chars.clear();
    m_id_end.clear();
    m_year_index.clear();
    m_line.clear();
}

void row_batch::shift_lines(std::size_t lines)
{
    if (lines == 0) return;
    for (auto& l : m_line) l += lines;
}

void row_batch::erase(const std::vector<std::size_t>& rows)
{
    if (rows.empty()) return;
    // Rare (duplicates): rebuilt without them, the values moved down in place.
    std::size_t kept = 0;
    std::string id_chars;
    std::vector<std::size_t> id_end;
    std::vector<std::uint16_t> year_index;
    std::vector<std::size_t> line;
    for (std::size_t i = 0, next = 0; i < size(); ++i) {
        if (next < rows.size() && rows[next] == i) {
            ++next;
            continue;
        }
        std::copy(m_values.get() + i * m_width, m_values.get() + (i + 1) * m_width, m_values.get() + kept * m_width);
        ++kept;
        id_chars.append(id(i));
        id_end.push_back(id_chars.size());
        year_index.push_back(m_year_index[i]);
        line.push_back(m_line[i]);
    }
    m_id_chars = std::move(id_chars);
    m_id_end = std::move(id_end);
    m_year_index = std::move(year_index);
    m_line = std::move(line);
}

void row_batch::reserve(std::size_t rows, std::size_t id_bytes)
{
    grow(rows);
    m_id_chars.reserve(id_bytes);
    m_id_end.reserve(rows);
    m_year_index.reserve(rows);
    m_line.reserve(rows);
}

}  // namespace donum::data
