// Loading activity data into a table: the read in parts (parts.cpp), each part's rows
// appended to the table in file order. An Excel workbook is read as the CSV of its sheet
// (xlsx.hpp), its errors named by cell.
#include <algorithm>

#include "interpreter/data/part.hpp"
#include "interpreter/data/xlsx.hpp"

namespace donum::data {

namespace {

/// Appends each part's rows to the table.
class table_builder final : public batch_consumer {
public:
    table_builder(data_table& table, std::size_t file_bytes) : m_table(table), m_file_bytes(file_bytes) {}

    void process(row_batch&) override {}

    void fold(row_batch& batch) override
    {
        // Room, after the first part, for as many rows as its density predicts, so that the
        // columns do not grow by doubling (up to twice the memory needed).
        if (m_table.size() == 0 && batch.bytes() > 0 && batch.bytes() < m_file_bytes) {
            const auto scale = static_cast<double>(m_file_bytes) / static_cast<double>(batch.bytes()) * 1.01;
            std::size_t id_bytes = 0;
            for (std::size_t i = 0; i < batch.size(); ++i) id_bytes += batch.id(i).size();
            m_table.reserve(static_cast<std::size_t>(static_cast<double>(batch.size()) * scale) + 64, static_cast<std::size_t>(static_cast<double>(id_bytes) * scale) + 64);
        }
        m_table.append(batch);
    }

private:
    data_table& m_table;
    std::size_t m_file_bytes;
};

load_result load(const csv_source& source, std::string file, const schema& s, const table_options& options)
{
    load_result result;
    std::vector<std::string> names;
    for (const auto& c : s.columns) names.push_back(c.name);
    result.table = data_table(file, std::move(names), options.ignore_year ? std::vector<int>{0} : s.years);
    table_builder builder(result.table, source.size());
    detail::read_in_parts(source, std::move(file), s, options, builder, result);
    return result;
}

}  // namespace

load_result load_table(const std::string& path, const schema& s, const table_options& options)
{
    if (const auto sheet = read_spreadsheet(path, options.sheet)) {
        auto loaded = load_table_text(path, sheet->csv, s, options);
        name_cells(loaded.errors, *sheet);
        return loaded;
    }
    const auto source = csv_source::open_file(path);
    return load(source, path, s, options);
}

load_result load_table(const std::string& path, const program& p, const table_options& options)
{
    return load_table(path, schema_of(p), options);
}

load_result load_table_text(std::string display_name, std::string_view text, const schema& s, const table_options& options)
{
    const auto source = csv_source::from_text(text);
    return load(source, std::move(display_name), s, options);
}

load_result load_table_text(std::string display_name, std::string_view text, const program& p, const table_options& options)
{
    return load_table_text(std::move(display_name), text, schema_of(p), options);
}

}  // namespace donum::data
