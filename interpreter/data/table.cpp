// The table of activity data: columns in their narrowest width, ids, years and lines.
#include "interpreter/data/table.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace donum::data {

// -- the table ----------------------------------------------------------------------------------

namespace {

// The width in bytes that holds v.
int width_of(std::int64_t v)
{
    if (v >= std::numeric_limits<std::int8_t>::min() && v <= std::numeric_limits<std::int8_t>::max()) return 1;
    if (v >= std::numeric_limits<std::int16_t>::min() && v <= std::numeric_limits<std::int16_t>::max()) return 2;
    if (v >= std::numeric_limits<std::int32_t>::min() && v <= std::numeric_limits<std::int32_t>::max()) return 4;
    return 8;
}

template <typename To, typename From>
void convert(std::vector<To>& to, std::vector<From>& from)
{
    to.reserve(std::max(from.capacity(), std::size_t{16}));
    to.assign(from.begin(), from.end());
    from.clear();
    from.shrink_to_fit();
}

}  // namespace

void data_table::column::widen(int width)
{
    if (width <= m_width) return;
    auto to = [&](auto& target) {
        switch (m_width) {
            case 1: convert(target, m8); break;
            case 2: convert(target, m16); break;
            case 4: convert(target, m32); break;
            default: break;
        }
    };
    switch (width) {
        case 2: to(m16); break;
        case 4: to(m32); break;
        default: to(m64); break;
    }
    m_width = width;
}

void data_table::column::push(std::int64_t v)
{
    widen(width_of(v));
    switch (m_width) {
        case 1: m8.push_back(static_cast<std::int8_t>(v)); break;
        case 2: m16.push_back(static_cast<std::int16_t>(v)); break;
        case 4: m32.push_back(static_cast<std::int32_t>(v)); break;
        default: m64.push_back(v); break;
    }
}

void data_table::column::append(const column& other, const std::vector<std::size_t>& skip)
{
    widen(other.m_width);
    auto from = [&](auto& target) {
        switch (other.m_width) {
            case 1: detail::append_except(target, other.m8, skip); break;
            case 2: detail::append_except(target, other.m16, skip); break;
            case 4: detail::append_except(target, other.m32, skip); break;
            default: detail::append_except(target, other.m64, skip); break;
        }
    };
    switch (m_width) {
        case 1: from(m8); break;
        case 2: from(m16); break;
        case 4: from(m32); break;
        default: from(m64); break;
    }
}

void data_table::column::reserve(std::size_t rows)
{
    switch (m_width) {
        case 1: m8.reserve(rows); break;
        case 2: m16.reserve(rows); break;
        case 4: m32.reserve(rows); break;
        default: m64.reserve(rows); break;
    }
}

void data_table::reserve(std::size_t rows)
{
    m_id_begin.reserve(rows);
    m_id_length.reserve(rows);
    m_year_index.reserve(rows);
    m_line.reserve(rows);
    for (auto& c : m_columns) c.reserve(rows);
}

std::size_t data_table::column::bytes() const
{
    return m8.capacity() + m16.capacity() * 2 + m32.capacity() * 4 + m64.capacity() * 8;
}

void data_table::read_row(std::size_t row, std::span<std::int64_t> out) const
{
    const auto n = std::min(out.size(), m_columns.size());
    for (std::size_t i = 0; i < n; ++i) out[i] = m_columns[i].get(row);
}

void data_table::read_row(std::size_t row, std::span<const std::size_t> columns, std::span<std::int64_t> out) const
{
    const auto n = std::min(out.size(), columns.size());
    for (std::size_t i = 0; i < n; ++i) out[i] = m_columns[columns[i]].get(row);
}

std::vector<std::size_t> columns_of(const data_table& table, const program& p)
{
    const auto& names = table.column_names();
    std::vector<std::size_t> out;
    out.reserve(p.inputs.size());
    for (const auto& in : p.inputs) {
        const auto it = std::find(names.begin(), names.end(), in.column);
        if (it == names.end()) throw std::invalid_argument("columns_of: the table has no column '" + in.column + "'");
        out.push_back(static_cast<std::size_t>(it - names.begin()));
    }
    return out;
}

std::vector<std::size_t> data_table::year_indexes() const
{
    std::vector<bool> seen(m_years.size(), false);
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
    for (const auto& c : m_columns) bytes += c.bytes();
    return bytes;
}

}  // namespace donum::data
