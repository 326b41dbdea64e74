// Activity data from spreadsheets. An Excel workbook (.xlsx) is read with Debian's libzip
// (the zip container) and expat (its XML), never a hand-written unzip, and its sheet becomes
// the CSV text the CSV reader reads: the same rows, so the same validation, and each error
// located by its cell ("B12: n: not an integer"). Any other binary format a user may hand
// over (an .xls, an OpenDocument sheet, UTF-16 text, a PDF, another zip) is refused with what
// it is and what to do, instead of a "NUL byte in data".
//
// How a sheet becomes CSV: row N of the sheet is line N of the text (empty rows are blank
// lines, which the CSV reader skips), so that a line is a row; the columns start at the
// header's first cell (the first non-empty row); a row shorter than the header is padded with
// empty fields; a cell is its text as Excel shows it without a format: a number in plain
// decimal, exactly as stored ("12", "0.5", 1.5E+2 as "150", so that an integer is read
// exactly and a fraction in a count is refused at its cell), a shared or inline string,
// TRUE/FALSE as 1/0, a formula's cached value, an error as written ("#N/A"); a line break
// inside a cell becomes a space. A date (a number formatted as a date, or a date cell) is
// never read as its serial number: its field is left empty, so that validation refuses it
// wherever the schema reads it, and the error says it is a date (French Excel turns a typed
// "1/3" into the 1st of March).
#ifndef DONUM_INTERPRETER_DATA_XLSX_HPP
#define DONUM_INTERPRETER_DATA_XLSX_HPP

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "interpreter/data/csv.hpp"

namespace donum::data {

/// A sheet as CSV text, and what is needed to name cells in its errors.
struct sheet_csv {
    std::string sheet;             ///< the sheet's name
    std::string csv;               ///< one line per row of the sheet, ',' separated
    std::size_t first_column = 0;  ///< 0-based column of the header's first cell (0: A)
    /// Why a cell's field is empty although the cell is not: its date ("a date (01/03/2024)…"),
    /// by (1-based row, 0-based column).
    std::map<std::pair<std::size_t, std::size_t>, std::string> notes;
};

/// Reads the activity file at `path` as a spreadsheet when it is one: std::nullopt for a
/// text file (CSV, to be read as such) or anything but a regular file (a pipe cannot be
/// read twice); the sheet named `sheet` (the first one when empty) of an .xlsx workbook as
/// CSV. Throws csv_io_error for a workbook that cannot be read, a sheet that is not there
/// (naming the sheets), or another format (.xls, .ods, UTF-16, PDF, zip), saying what it is
/// and how to save it.
[[nodiscard]] std::optional<sheet_csv> read_spreadsheet(const std::string& path, const std::string& sheet);

/// The number an .xlsx cell stores (`<v>`: "12", "0.5", "1.5E+2", "-1E-3") in plain decimal,
/// exactly and without trailing zeros ("12", "0.5", "150", "-0.001"); `text` unchanged when it
/// is not such a number.
[[nodiscard]] std::string plain_decimal(std::string_view text);

/// Whether an Excel number format (its code, "dd/mm/yyyy", "[h]:mm", "0.00 \"m\"") shows a
/// date or a time: a d, m, y, h or s outside quotes, escapes and [colour] brackets.
[[nodiscard]] bool is_date_format(std::string_view code);

/// "B12": the cell at 1-based `row` and 0-based `column`.
[[nodiscard]] std::string cell_name(std::size_t row, std::size_t column);

/// Names the cells of `errors`, found by reading `sheet.csv`: an error at a field (line L,
/// column C) becomes "B12: message" (column 0 then), so that it reads
/// "population.xlsx:12: error: B12: n: not an integer"; a row's error keeps its line, which
/// is the row. An error at a cell with a note (a date) says what the cell holds instead of
/// "empty field".
void name_cells(std::vector<csv_error>& errors, const sheet_csv& sheet);

}  // namespace donum::data

#endif
