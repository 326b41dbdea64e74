// A document of typed tables: the one shape behind the Markdown, CSV, JSON and xlsx renderings
// of what is not a stream of rows (check --summary, explain, solve, and the workbooks of
// simulate and diff). A cell is a text or an exact number with a style (count, euros, share,
// rate…): each renderer writes the number its own way (plain "0.3" for programs, "30 %" for
// people, a number cell with a percentage format for Excel), so that the figures are chosen
// once and the formats cannot disagree.
#ifndef DONUM_INTERPRETER_RENDER_DOCUMENT_HPP
#define DONUM_INTERPRETER_RENDER_DOCUMENT_HPP

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "interpreter/exact/rational.hpp"

namespace donum::render {

/// How a number is meant: what it counts decides how each format writes it.
enum class number_style {
    count,    ///< a number of physicians, rows, acts: an integer, thousands separated for people
    year,     ///< a year: an integer, never separated
    decimal,  ///< points or any exact quantity
    euros,    ///< an amount, written with 2 decimals (rounded half away from zero)
    share,    ///< a proportion of physicians in [0, 1], shown as a percentage (1 decimal for
              ///< people, 2 for programs); the counts beside it are exact
    rate,     ///< a rate (a target, a measure) in [0, 1], shown as a percentage with the
              ///< decimals it needs; an exact fraction such as 2/3 stays exact for programs
};

/// One cell: empty, a text, or an exact number with its style.
struct cell {
    enum class kind { empty, text, number };
    kind what = kind::empty;
    std::string text;                             ///< a text cell's text
    exact::rational value;                        ///< a number cell's value
    number_style style = number_style::decimal;  ///< a number cell's style

    /// A text cell.
    [[nodiscard]] static cell of_text(std::string s);
    /// A number cell.
    [[nodiscard]] static cell of_number(const exact::rational& v, number_style s);
    /// A count.
    [[nodiscard]] static cell of_count(std::size_t n);
    /// `count` / `total` as a share; empty when total is 0.
    [[nodiscard]] static cell of_share(std::size_t count, std::size_t total);
    /// The number, or a text (e.g. "XX", "bloc") when there is none.
    [[nodiscard]] static cell of_optional(const std::optional<exact::rational>& v, number_style s, std::string otherwise);
};

/// A column: a stable identifier for programs (CSV header, JSON key) and a French title for
/// people (Markdown header, spreadsheet header).
struct column {
    std::string id;
    std::string title;
};

/// A titled table; in a workbook, one sheet.
struct table {
    std::string id;     ///< for programs: a JSON key, "indicators"
    std::string title;  ///< for people: a heading, a sheet name ("Indicateurs")
    std::vector<column> columns;
    std::vector<std::vector<cell>> rows;
    std::vector<std::string> notes;  ///< sentences printed under the table (definitions)

    /// Appends a row.
    void add(std::vector<cell> cells) { rows.push_back(std::move(cells)); }
};

/// A document: a title, facts (label, value) such as the convention and the data file, then
/// tables.
struct document {
    std::string title;
    std::vector<std::pair<std::string, std::string>> facts;
    std::vector<table> tables;
};

/// A number for programs: the shortest exact decimal ("0.3", "22.5", "1115"), euros with 2
/// decimals, a share as a percentage with 2 decimals ("87.15"), a fraction without a short
/// decimal as "num/den" (a rate: "2/3"; other values are rounded to 6 decimals).
[[nodiscard]] std::string plain_number(const exact::rational& v, number_style s);

/// A cell's text for programs: its text, or plain_number of its value; "" when empty.
[[nodiscard]] std::string plain_text(const cell& c);

/// A cell's text for people: its text, or its number in French (text::number and friends):
/// "11 871 247,50 €", "87,1 %", "30 %", "3 000".
[[nodiscard]] std::string people_text(const cell& c);

/// The document as Markdown: a heading, the facts as a list, each table under its own
/// heading with its notes.
[[nodiscard]] std::string document_markdown(const document& d);

/// The document as JSON: {"title", "facts": {label: value}, "tables": {id: [{column id:
/// value}]}}; numbers as plain_number writes them (a JSON number when it is a decimal, a
/// string "2/3" otherwise), empty cells as null.
[[nodiscard]] std::string document_json(const document& d);

/// One table as CSV: the column ids as header, then the rows with plain_text.
[[nodiscard]] std::string table_csv(const table& t);

}  // namespace donum::render

#endif
