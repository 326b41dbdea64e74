// Excel workbooks (.xlsx), written with libxlsxwriter (Debian's libxlsxwriter-dev): every
// workbook donum writes goes through this one writer, so that they all look alike:
// - one sheet per table, its header row bold and frozen, a filter over its columns, widths
//   from the content (8 to 60 characters);
// - numbers stored as numbers, with French formats chosen by their style (document.hpp):
//   euros "# ##0,00 €", shares "0,0 %", rates with the decimals they need, counts "# ##0";
// - exact values: Excel holds a number as a binary double and shows 15 significant digits.
//   A value with a finite decimal expansion of at most 15 significant digits is held
//   exactly (what Excel shows is the value); any other (2/3, or an amount beyond 15
//   digits) is written as the nearest double and also, as exact text, in a sheet « Valeurs
//   exactes » (sheet, cell, exact value), which the manifest sheet mentions;
// - the manifest sheet last.
// Rows are written as they come (constant memory), so that a million-row evaluation does not
// hold a million rows of cells.
#ifndef DONUM_INTERPRETER_RENDER_XLSX_HPP
#define DONUM_INTERPRETER_RENDER_XLSX_HPP

#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "interpreter/population/manifest.hpp"
#include "interpreter/render/chart.hpp"
#include "interpreter/render/document.hpp"

namespace donum::render {

/// Most data rows a sheet can hold (Excel: 1,048,576 rows, one for the header).
inline constexpr std::size_t xlsx_max_rows = 1048575;

/// Whether Excel holds `v` exactly: a finite decimal of at most 15 significant digits.
[[nodiscard]] bool excel_exact(const exact::rational& v);

/// The double Excel should hold for `v`: the correctly rounded value of its decimal when
/// excel_exact, the nearest double of num/den otherwise.
[[nodiscard]] double excel_double(const exact::rational& v);

/// Thrown when a workbook cannot hold what is written to it (too many rows) or cannot be
/// made (temporary folder, libxlsxwriter error); the message is for the user.
struct xlsx_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// A workbook being written: sheets one after the other, rows in order.
class xlsx_book {
public:
    /// A new workbook, written to a private temporary folder. Throws xlsx_error.
    xlsx_book();
    ~xlsx_book();
    xlsx_book(const xlsx_book&) = delete;
    xlsx_book& operator=(const xlsx_book&) = delete;

    /// Starts a sheet named `name` (cut to 31 characters, made unique, characters Excel
    /// refuses replaced) whose header row holds the columns' titles. Ends the previous one.
    void begin_sheet(std::string_view name, std::span<const column> columns);
    /// Appends a row to the current sheet. Throws xlsx_error beyond xlsx_max_rows.
    void add_row(std::span<const cell> cells);
    /// A whole table as a sheet (its notes in rows under it).
    void add_table(const table& t);
    /// A sheet `name` holding the chart's data (one column of x, then cost and share per
    /// series) and two native line charts beside it: cost against x, share against x, each
    /// with the current value marked when the spec has one.
    void add_chart_sheet(std::string_view name, const chart_spec& spec);
    /// Ends the workbook: the sheet of exact values when some were needed, then `manifest`
    /// as the last sheet (with a row saying how exact values are given), and returns the
    /// bytes of the .xlsx file. Throws xlsx_error.
    [[nodiscard]] std::string finish(table manifest);

private:
    struct impl;
    std::unique_ptr<impl> m;
};

/// The document as a workbook: its facts as a first sheet « Informations » when it has some,
/// then one sheet per table, then `manifest`. Throws xlsx_error.
[[nodiscard]] std::string document_xlsx(const document& d, table manifest);

/// A manifest table (columns: élément, valeur, sha256) of a run without one of
/// population::manifest: the donum version and the (label, value) facts given.
[[nodiscard]] table simple_manifest(std::string_view donum_version, const std::vector<std::pair<std::string, std::string>>& facts);

/// The manifest of a report as a table: donum's version, the date, the parameters set, then
/// each file with its role and SHA-256.
[[nodiscard]] table manifest_table(const population::manifest& m);

}  // namespace donum::render

#endif
