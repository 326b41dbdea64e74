#include "interpreter/data/batch.hpp"

namespace donum::data {

void row_batch::clear(std::size_t first_row)
{
    m_first_row = first_row;
    m_bytes = 0;
    m_values.clear();
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
    // Rare (duplicates): rebuilt without them.
    std::vector<std::int64_t> values;
    std::string id_chars;
    std::vector<std::size_t> id_end;
    std::vector<std::uint16_t> year_index;
    std::vector<std::size_t> line;
    for (std::size_t i = 0, next = 0; i < size(); ++i) {
        if (next < rows.size() && rows[next] == i) {
            ++next;
            continue;
        }
        const auto v = this->values(i);
        values.insert(values.end(), v.begin(), v.end());
        id_chars.append(id(i));
        id_end.push_back(id_chars.size());
        year_index.push_back(m_year_index[i]);
        line.push_back(m_line[i]);
    }
    m_values = std::move(values);
    m_id_chars = std::move(id_chars);
    m_id_end = std::move(id_end);
    m_year_index = std::move(year_index);
    m_line = std::move(line);
}

void row_batch::reserve(std::size_t rows, std::size_t id_bytes)
{
    m_values.reserve(rows * m_width);
    m_id_chars.reserve(id_bytes);
    m_id_end.reserve(rows);
    m_year_index.reserve(rows);
    m_line.reserve(rows);
}

}  // namespace donum::data
