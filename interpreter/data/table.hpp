// Activity data: a CSV file validated against a schema (schema.hpp: the columns the programs
// read) and held in columns, one row per physician and year, ready to be handed row by row
// to the evaluators.
//
// Validation reports every problem, each located at its file, line and column (the shape of
// csv_error), and never stops at the first one:
// - the header lacks a column of the schema (every input's column, `id`, and `year` unless
//   a year is forced or ignored): one error on the header line listing them all; no row is
//   read then;
// - a field is not an integer (a decimal input's: not a decimal number, exact/fixed.hpp), a
//   `count` is negative, a `boolean` is not 0 or 1;
// - a numerator is above its denominator: for every ratio of the schema (a `rate(a, b)` of
//   two inputs), a <= b must hold (reported on a's field);
// - an empty id; a year that is not an integer or not a year of the schema;
// - a second row with the same (id, year), or the same id when the year is ignored (the
//   error names the first row's line);
// - whatever the CSV reader reports (wrong field count, NUL byte, text after a quote).
// A row with any of these is rejected: it is not in the table, and the result lists it with
// its fields and reasons, so that a --skip-invalid run can evaluate the others and write the
// rejected ones out.
#ifndef DONUM_INTERPRETER_DATA_TABLE_HPP
#define DONUM_INTERPRETER_DATA_TABLE_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "interpreter/compile/program.hpp"
#include "interpreter/data/batch.hpp"
#include "interpreter/data/csv.hpp"
#include "interpreter/data/schema.hpp"

namespace donum::data {

using compile::program;

/// Rejected rows kept at most; one more makes the whole file fatal (see load_result::fatal).
inline constexpr std::size_t max_rejected_rows = 100000;

/// How to read activity data.
struct table_options {
    /// When set (--year Y), every row is evaluated as year Y: the `year` column is neither
    /// required nor read, and duplicates are checked on (id, Y).
    std::optional<int> year;
    /// When set, rows have no year: the `year` column is neither required nor read, year()
    /// is 0, and duplicates are checked on the id alone. For versions that each evaluate
    /// every row at their own year (donum diff).
    bool ignore_year = false;
    /// The file is read in parts of about this many bytes (cut at line ends), on every core;
    /// 0 chooses: a sixteenth of the file, between 64 and 512 KiB. The result does not
    /// depend on it (tests make it tiny to cut everywhere).
    std::size_t part_bytes = 0;
    /// For a read that hands its rows on (read_in_batches): none after the first rejected row
    /// or fatal problem, for a caller that uses the rows only when the file is valid.
    bool only_if_valid = false;
    /// For an Excel workbook (.xlsx, xlsx.hpp): the sheet to read; empty: the first one.
    std::string sheet{};
};

/// The accepted rows of an activity file, in file order. Values are stored by column, each
/// column in the narrowest of 8, 16, 32 or 64 bits that holds all its values (yes/no items
/// take one byte, counts of acts two: 1,000,000 rows x 31 inputs take about 50 MB), plus
/// about 30 bytes per row for id, year and line.
class data_table {
public:
    data_table() = default;
    /// An empty table of the file `file`, with these columns, whose rows' years are `years`
    /// (year_index indexes them).
    data_table(std::string file, std::vector<std::string> column_names, std::vector<int> years);

    /// Number of accepted rows.
    [[nodiscard]] std::size_t size() const { return m_line.size(); }
    /// Number of values per row: the schema's columns.
    [[nodiscard]] std::size_t input_count() const { return m_columns.size(); }
    /// The data file's name, as given to the loader.
    [[nodiscard]] const std::string& file() const { return m_file; }
    /// The header name of each column (the schema's), for columns_of.
    [[nodiscard]] const std::vector<std::string>& column_names() const { return m_column_names; }
    /// The years a row may have: the schema's, or {0} when years are ignored.
    [[nodiscard]] const std::vector<int>& years() const { return m_years; }

    /// Physician id of `row` (trimmed of surrounding spaces and tabs). Precondition: row < size().
    [[nodiscard]] std::string_view id(std::size_t row) const { return {m_id_chars.data() + m_id_begin[row], m_id_length[row]}; }
    /// Year `row` is evaluated as (the forced year, if any; 0 when years are ignored).
    [[nodiscard]] int year(std::size_t row) const { return m_years[m_year_index[row]]; }
    /// Index of year(row) in the schema's years (program::years for a program's schema).
    [[nodiscard]] std::size_t year_index(std::size_t row) const { return m_year_index[row]; }
    /// 1-based physical line where `row` starts in the file.
    [[nodiscard]] std::size_t line(std::size_t row) const { return m_line[row]; }
    /// Value of column `column` (a program's input index, for a program's schema) in `row`.
    [[nodiscard]] std::int64_t value(std::size_t row, std::size_t col) const { return m_columns[col].get(row); }
    /// Copies the values of `row` into `out` (size input_count()): for a program's schema,
    /// its input vector, ready for evaluator::evaluate.
    void read_row(std::size_t row, std::span<std::int64_t> out) const;
    /// Copies the values of `columns` (e.g. columns_of(schema, program)) of `row` into `out`.
    void read_row(std::size_t row, std::span<const std::size_t> columns, std::span<std::int64_t> out) const;
    /// Copies rows [begin, end) into `out` (emptied first; of width input_count()), numbered
    /// from `begin`: how the population runner reads a table, a batch at a time.
    void read_rows(std::size_t begin, std::size_t end, row_batch& out) const;
    /// A batch of this table's width, file and years, to pass to read_rows.
    [[nodiscard]] row_batch make_batch() const { return row_batch(m_columns.size(), m_file, m_years); }
    /// Indexes in the schema's years of the years that occur, ascending.
    [[nodiscard]] std::vector<std::size_t> year_indexes() const;
    /// Approximate heap bytes held by the table, for reports and benchmarks.
    [[nodiscard]] std::size_t memory_bytes() const;

    /// Appends the rows of `batch` (of this table's width): how a table is loaded.
    void append(const row_batch& batch);
    /// Room for `rows` rows with `id_bytes` bytes of ids.
    void reserve(std::size_t rows, std::size_t id_bytes);

private:
    // A column in the narrowest width that holds its values, widened for good (all values
    // converted) when a value needs more.
    class column {
    public:
        [[nodiscard]] std::int64_t get(std::size_t row) const
        {
            switch (m_width) {
                case 1: return m8[row];
                case 2: return m16[row];
                case 4: return m32[row];
                default: return m64[row];
            }
        }
        // Appends `count` values, `stride` apart from `values`.
        void append(const std::int64_t* values, std::size_t count, std::size_t stride);
        // Writes rows [begin, end) to `out`, `stride` apart.
        void copy(std::size_t begin, std::size_t end, std::int64_t* out, std::size_t stride) const;
        void reserve(std::size_t rows);
        [[nodiscard]] std::size_t bytes() const;

    private:
        void widen(int width);
        int m_width = 1;  // bytes per value; only the vector of that width is used
        std::vector<std::int8_t> m8;
        std::vector<std::int16_t> m16;
        std::vector<std::int32_t> m32;
        std::vector<std::int64_t> m64;
    };

    std::string m_file;
    std::vector<std::string> m_column_names;
    std::vector<int> m_years;  ///< the schema's, or {0} when years are ignored
    std::vector<column> m_columns;
    std::string m_id_chars;  ///< ids back to back
    std::vector<std::uint64_t> m_id_begin;
    std::vector<std::uint32_t> m_id_length;
    std::vector<std::uint16_t> m_year_index;
    std::vector<std::size_t> m_line;
};

/// A row left out of the table, with why.
struct rejected_row {
    std::size_t line = 0;             ///< 1-based physical line where the record starts
    std::string id;                   ///< empty when unknown
    std::vector<std::string> fields;  ///< raw fields; empty when the CSV reader refused the record
    std::size_t first_error = 0;      ///< its reasons: load_result::errors[first_error, +error_count)
    std::size_t error_count = 0;
};

/// What loading found.
struct load_result {
    data_table table;
    std::vector<csv_error> errors;      ///< every problem, in file order
    std::vector<rejected_row> rejected;  ///< rows with problems, in file order
    bool fatal = false;  ///< the file as a whole is unusable (empty, bad header, missing columns,
                         ///< forced year not in the schema, more than max_rejected_rows
                         ///< invalid rows): nothing may be evaluated
    std::vector<std::string> columns;   ///< header names, as read
    std::size_t rows = 0;               ///< rows accepted (those of the table, when it is kept)
    /// Indexes, among the table's years, of the years of the rows accepted, ascending (those
    /// of data_table::year_indexes, when the table is kept).
    std::vector<std::size_t> year_indexes;
    /// Distinct ids among the rows accepted: `rows` when they are all of one year (a second
    /// row of an id in a year is a duplicate); over several years, for the all-years totals.
    std::size_t physicians = 0;
    /// What was read with a doubt, for the user to know: a column no rule reads that the file
    /// lacks (its values taken as 0).
    std::vector<std::string> warnings;
};

/// Where each input of `p` is among the columns of `table` (index: input, value: column),
/// matched by column name: how a program reads a table loaded for several programs.
/// Throws std::invalid_argument when the table lacks one of p's columns.
[[nodiscard]] std::vector<std::size_t> columns_of(const data_table& table, const program& p);

/// Reads and validates the activity file at `path` against `s`. Throws csv_io_error when the
/// file cannot be read; every content problem is in the result instead.
[[nodiscard]] load_result load_table(const std::string& path, const schema& s, const table_options& options = {});

/// Same, for the schema of one program (schema_of(p)).
[[nodiscard]] load_result load_table(const std::string& path, const program& p, const table_options& options = {});

/// Same as load_table on in-memory `text`; `display_name` names it in errors.
[[nodiscard]] load_result load_table_text(std::string display_name, std::string_view text, const schema& s, const table_options& options = {});

/// Same, for the schema of one program.
[[nodiscard]] load_result load_table_text(std::string display_name, std::string_view text, const program& p, const table_options& options = {});

}  // namespace donum::data

#endif
