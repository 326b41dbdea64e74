// The table of activity data: columns in their narrowest width, ids, years and lines.
#include "interpreter/data/table.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <type_traits>

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

void data_table::column::append(const std::int64_t* values, std::size_t count, std::size_t stride)
{
    // The width of the widest value first, so that the column widens once at most.
    int width = m_width;
    for (std::size_t i = 0; i < count && width < 8; ++i) width = std::max(width, width_of(values[i * stride]));
    widen(width);
    auto to = [&](auto& target) {
        using value_type = typename std::decay_t<decltype(target)>::value_type;
        const auto old = target.size();
        target.resize(old + count);
        for (std::size_t i = 0; i < count; ++i) target[old + i] = static_cast<value_type>(values[i * stride]);
    };
    switch (m_width) {
        case 1: to(m8); break;
        case 2: to(m16); break;
        case 4: to(m32); break;
        default: to(m64); break;
    }
}

void data_table::column::copy(std::size_t begin, std::size_t end, std::int64_t* out, std::size_t stride) const
{
    auto from = [&](const auto& source) {
        for (std::size_t row = begin; row < end; ++row, out += stride) *out = source[row];
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

data_table::data_table(std::string file, std::vector<std::string> column_names, std::vector<int> years)
    : m_file(std::move(file)), m_column_names(std::move(column_names)), m_years(std::move(years)), m_columns(m_column_names.size())
{
}

void data_table::reserve(std::size_t rows, std::size_t id_bytes)
{
    m_id_chars.reserve(id_bytes);
    m_id_begin.reserve(rows);
    m_id_length.reserve(rows);
    m_year_index.reserve(rows);
    m_line.reserve(rows);
    for (auto& c : m_columns) c.reserve(rows);
}

void data_table::append(const row_batch& batch)
{
    const auto rows = batch.size();
    for (std::size_t c = 0; c < m_columns.size(); ++c) m_columns[c].append(batch.m_values.get() + c, rows, batch.width());
    const auto base = m_id_chars.size();
    for (std::size_t i = 0; i < rows; ++i) {
        const auto begin = i == 0 ? 0 : batch.m_id_end[i - 1];
        m_id_begin.push_back(base + begin);
        m_id_length.push_back(static_cast<std::uint32_t>(batch.m_id_end[i] - begin));
    }
    m_id_chars.append(batch.m_id_chars);
    m_year_index.insert(m_year_index.end(), batch.m_year_index.begin(), batch.m_year_index.end());
    m_line.insert(m_line.end(), batch.m_line.begin(), batch.m_line.end());
}

void data_table::read_rows(std::size_t begin, std::size_t end, row_batch& out) const
{
    out.clear(begin);
    const auto rows = end - begin;
    const auto width = m_columns.size();
    out.grow(rows);
    for (std::size_t c = 0; c < width; ++c) m_columns[c].copy(begin, end, out.m_values.get() + c, width);
    for (std::size_t row = begin; row < end; ++row) {
        out.m_id_chars.append(id(row));
        out.m_id_end.push_back(out.m_id_chars.size());
    }
    out.m_year_index.assign(m_year_index.begin() + static_cast<std::ptrdiff_t>(begin), m_year_index.begin() + static_cast<std::ptrdiff_t>(end));
    out.m_line.assign(m_line.begin() + static_cast<std::ptrdiff_t>(begin), m_line.begin() + static_cast<std::ptrdiff_t>(end));
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
