// The writers every output of donum goes through: one CSV writer, one JSON writer, one table
// renderer (aligned columns for a terminal, or Markdown). Escaping, separators and commas
// live here and nowhere else.
#ifndef DONUM_INTERPRETER_RENDER_WRITERS_HPP
#define DONUM_INTERPRETER_RENDER_WRITERS_HPP

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace donum::render {

/// How a CSV file is written. The plain dialect is what programs expect: ',' between fields,
/// '.' in numbers, LF, no BOM. The French one is what French Excel opens as it is (a
/// double-click): ';' between fields, ',' in numbers, CRLF, a UTF-8 BOM (without it Excel
/// reads UTF-8 as Windows-1252: "diffÃ©rence"), and a fraction written "2/3 (≈ 0,666667)"
/// so that Excel does not take it for a date (2 March).
struct csv_dialect {
    char separator = ',';
    char decimal = '.';
    bool bom = false;
    bool crlf = false;
    bool fractions_as_text = false;

    /// The plain dialect.
    [[nodiscard]] static csv_dialect plain() { return {}; }
    /// The French Excel dialect (`--csv-dialect fr`).
    [[nodiscard]] static csv_dialect french() { return {';', ',', true, true, true}; }
    /// The line end.
    [[nodiscard]] const char* eol() const { return crlf ? "\r\n" : "\n"; }
};

/// Chooses the dialect of every CSV written from now on (csv_writer's default): set once, by
/// the command line, before anything is rendered.
void set_default_csv_dialect(const csv_dialect& d);

/// The dialect chosen by set_default_csv_dialect (plain unless set).
[[nodiscard]] const csv_dialect& default_csv_dialect();

/// Whether `s` is a CSV field as it is: it holds no separator, quote or line break. Inline and
/// a plain loop (find_first_of calls memchr once per byte): `donum eval --format csv` asks it
/// of every row's id.
[[nodiscard]] inline bool csv_plain(std::string_view s, char separator = ',')
{
    for (const char c : s) {
        if (c == separator || c == '"' || c == '\r' || c == '\n') return false;
    }
    return true;
}

/// `s` as one CSV field: unchanged, or between double quotes (inner quotes doubled) when it
/// holds the separator, a quote or a line break.
[[nodiscard]] std::string csv_field(std::string_view s, char separator = ',');

/// A number written as plain digits ("-1234.5", "2/3", "30 %", "7.50 €") in `d`: unchanged
/// in the plain dialect; in the French one, the decimal point between digits becomes a comma
/// and a fraction N/D is followed by its approximation, "2/3 (≈ 0,666667)".
[[nodiscard]] std::string csv_number(std::string_view plain, const csv_dialect& d);

/// A CSV document built row by row in a dialect (default_csv_dialect() unless given): fields
/// quoted as csv_field does, the separator between them, the line end after each row, the
/// BOM first when the dialect has one.
class csv_writer {
public:
    csv_writer() : csv_writer(default_csv_dialect()) {}
    explicit csv_writer(const csv_dialect& d);
    /// Appends one text field to the current row.
    csv_writer& field(std::string_view value);
    /// Appends one number (plain digits, see csv_number) to the current row.
    csv_writer& number(std::string_view plain);
    /// Ends the current row.
    csv_writer& end_row();
    /// Appends a whole row of text fields.
    csv_writer& row(const std::vector<std::string>& fields);
    /// The document so far.
    [[nodiscard]] const std::string& text() const { return m_text; }
    /// Moves the document out.
    [[nodiscard]] std::string take() { return std::move(m_text); }
    /// The dialect written.
    [[nodiscard]] const csv_dialect& dialect() const { return m_dialect; }

private:
    csv_dialect m_dialect;
    std::string m_text;
    bool m_row_started = false;
};

/// `s` as a JSON string literal, quotes included: quote, backslash and control characters
/// escaped; bytes that are not UTF-8 replaced by U+FFFD, other bytes kept as they are.
[[nodiscard]] std::string json_string(std::string_view s);

/// A JSON document written as it goes: the writer puts the commas, the colons and the
/// indentation (two spaces per level; arrays of scalars and objects marked `compact` on one
/// line), so that no caller manages them by hand.
class json_writer {
public:
    /// Opens an object, as a value (in an array, at the top, or after key()).
    json_writer& begin_object(bool compact = false);
    json_writer& end_object();
    /// Opens an array, as a value.
    json_writer& begin_array(bool compact = false);
    json_writer& end_array();
    /// The key of the next value, inside an object.
    json_writer& key(std::string_view k);
    /// Puts the next member (or element) on the line of the previous one, after ", ": a long
    /// object written a few members per line. No effect on the first one.
    json_writer& same_line();
    /// A string value.
    json_writer& string(std::string_view s);
    /// A number as written (exact decimals, integers): must be valid JSON.
    json_writer& number(std::string_view digits);
    /// An integer value.
    json_writer& number(long long v);
    /// An unsigned integer value.
    json_writer& number(unsigned long long v);
    json_writer& number(std::size_t v) { return number(static_cast<unsigned long long>(v)); }
    json_writer& number(int v) { return number(static_cast<long long>(v)); }
    /// true or false.
    json_writer& boolean(bool b);
    /// null.
    json_writer& null();
    /// The document (a final newline after the top value).
    [[nodiscard]] std::string take();

private:
    struct level {
        bool compact = false;
        bool empty = true;
    };
    void before_value();
    void newline();

    std::string m_text;
    std::vector<level> m_levels;
    bool m_after_key = false;
    bool m_same_line = false;
};

/// A table for people: a header row and rows of cells.
struct grid {
    enum class align { left, right };
    std::vector<std::string> head;
    std::vector<std::vector<std::string>> rows;
    std::vector<align> alignment;  ///< by column; missing columns are left-aligned
    /// Minimum width by column, in characters, so that several grids line up (render_text
    /// only); missing columns have none. (Initialised here so that `grid{head, rows,
    /// alignment}` stays warning-free.)
    std::vector<std::size_t> min_width = {};

    /// Appends a row.
    void add(std::vector<std::string> cells) { rows.push_back(std::move(cells)); }
};

/// The grid as aligned columns for a terminal: `indent` spaces first, two spaces between
/// columns, widths in characters (UTF-8), no trailing spaces; each cell as terminal_text
/// writes it.
[[nodiscard]] std::string render_text(const grid& g, std::size_t indent = 2);

/// The grid as a Markdown table: a header row and a separator (`---:` for right-aligned
/// columns); each cell as markdown_cell writes it, so that the table stays whole.
[[nodiscard]] std::string render_markdown(const grid& g);

/// `s` as one Markdown table cell (or heading): `|` escaped, line breaks flattened, other
/// control characters as terminal_text writes them, " " when empty.
[[nodiscard]] std::string markdown_cell(std::string_view s);

/// `text` safe to show on a terminal: every control character (C0 and DEL, C1 U+0080..U+009F,
/// and the line feed unless `keep_line_feeds`), every bidirectional override or isolate
/// (U+202A..U+202E, U+2066..U+2069) and every byte that is not valid UTF-8 is written as an
/// escape (`\x1b`, `\u202e`), so that an id or a label read from a file can never move the
/// cursor, recolour, reorder or rewrite the screen. Text without them is returned as is.
[[nodiscard]] std::string terminal_text(std::string_view text, bool keep_line_feeds = false);

/// Number of characters (UTF-8 code points) of terminal_text(text), for aligning French
/// labels and ids read from files.
[[nodiscard]] std::size_t display_width(std::string_view text);

/// terminal_text(text) padded with spaces to `width` characters.
[[nodiscard]] std::string pad(std::string_view text, std::size_t width);

/// `text` cut to `width` characters on a character boundary, the cut marked with "…".
[[nodiscard]] std::string truncate(std::string_view text, std::size_t width);

}  // namespace donum::render

#endif
