// Inside data/: reading one part of an activity file (rows.cpp), then merging it, in file order,
// with the parts before it (merge.cpp). The pipeline that runs both on every core is parts.cpp.
#ifndef DONUM_INTERPRETER_DATA_PART_HPP
#define DONUM_INTERPRETER_DATA_PART_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "interpreter/data/batch.hpp"
#include "interpreter/data/csv.hpp"
#include "interpreter/data/schema.hpp"
#include "interpreter/data/stream.hpp"
#include "interpreter/data/table.hpp"

namespace donum::data::detail {

/// A byte range of a record in its part.
using record_range = std::pair<std::size_t, std::size_t>;

/// What one field of the header is to a plain record (see csv_plain_records): ordered so
/// that the numbers come last (decimal: a decimal input's, stored scaled, exact/fixed.hpp).
enum class field_role : std::uint8_t { skip, id, year, number, decimal };

/// How a plain record's field is read.
struct plain_field {
    field_role role = field_role::skip;
    std::uint32_t column = 0;  ///< number, decimal: its schema column; year: the one after them
    std::int64_t most = 0;     ///< number: the largest value valid (1 for a yes/no item)
};

/// Most columns a plain record is read for in one scan (its values are gathered on the stack).
inline constexpr std::size_t max_plain_columns = 255;

/// How the file's fields map to the schema, once its header is read: what every part needs.
/// A schema column that has no field in the file (file_layout::input_column).
inline constexpr std::size_t no_field = static_cast<std::size_t>(-1);

struct file_layout {
    std::string file;                  ///< the name errors give
    const schema* columns = nullptr;   ///< what the rows are validated against
    std::vector<int> years;            ///< the rows' years: the schema's, or {0} when years are ignored
    csv_header header;
    std::optional<std::size_t> forced_year_index;  ///< --year (or years ignored): every row's year
    bool years_ignored = false;                   ///< rows have no year (table_options::ignore_year)
    std::size_t id_column = 0;                    ///< field of the id
    std::size_t year_column = 0;                  ///< field of the year, unless forced
    std::vector<std::size_t> input_column;        ///< by schema column: its field, or no_field
    std::vector<std::size_t> absent;              ///< schema columns no rule reads, not in the file: 0
    // The plain records' one-scan reading: how to read each field; other schema columns
    // reading the same field (copies); off when a field has two roles (a column named id or
    // year read as an input) or the schema has more than max_plain_columns columns.
    bool plain = false;
    std::vector<plain_field> fields;
    std::vector<std::pair<std::size_t, std::size_t>> copies;  ///< (from, to) schema columns

    /// Index of `year` among the schema's years.
    [[nodiscard]] std::optional<std::size_t> year_at(std::int64_t year) const;
    /// Fills the plain-record plan from the other members.
    void plan_plain_records();
};

/// The hash of a (id, year) key: its upper bits choose a slot in the merge's table.
[[nodiscard]] std::uint32_t key_hash(std::string_view id, std::size_t year_index);

/// What reading one part produced; lines count from 1 at the part's first line.
struct table_part {
    std::size_t index = 0;   ///< in file order
    std::size_t offset = 0;  ///< of the part in the file
    std::size_t bytes = 0;   ///< its size
    row_batch rows;
    std::vector<record_range> records;          ///< every record read whole, accepted or not
    std::vector<std::uint32_t> row_record;      ///< by accepted row: its record
    std::vector<std::uint32_t> row_hashes;      ///< by accepted row: key_hash of (id, year)
    std::vector<csv_error> errors;
    std::vector<rejected_row> rejected;
    std::vector<record_range> rejected_ranges;  ///< by rejected row; empty range: not a record
    std::vector<int> rejected_year;             ///< year index of a rejected row's valid (id, year), else -1
    csv_position end;                           ///< where its records end, in the part
    csv_part_status status = csv_part_status::complete;

    explicit table_part(const file_layout& layout) : rows(layout.columns->columns.size(), layout.file, layout.years) {}
};

/// Reads the rows of `bytes` (a part: see read_csv_rows) into `part`: each record validated
/// against the layout, appended to part.rows or set aside as rejected with its reasons. Safe
/// on several threads at once, each with its own part.
void read_part(const file_layout& layout, std::string& bytes, bool last, table_part& part);

/// read_in_batches on an open `source` named `file`, into `result` (whose table the consumer
/// may fill).
void read_in_parts(const csv_source& source, std::string file, const schema& s, const table_options& options, batch_consumer& consumer, load_result& result);

}  // namespace donum::data::detail

#endif
