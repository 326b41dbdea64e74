// CSV reader for yearly activity data: one pass over a buffer (the whole file, or a part of it
// cut at a line end), rows handed to a callback as views, content problems reported as
// located errors rather than exceptions. csv.cpp parses, csv_source.cpp reads the bytes.
#ifndef DONUM_INTERPRETER_DATA_CSV_HPP
#define DONUM_INTERPRETER_DATA_CSV_HPP

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace donum::data {

/// A problem in a data file, located for the user: "file:line:col: error: message".
/// `line` is the 1-based physical line; `column` is the 1-based byte column in that line where
/// the offending field starts (for a NUL byte: the byte itself), 0 if the problem is the whole
/// file. Columns never count a UTF-8 BOM, since editors do not show it.
struct csv_error {
    std::string file;
    std::size_t line = 0;
    std::size_t column = 0;
    std::string message;  ///< e.g. "row has 12 fields, header has 34"
};

/// Renders `error` as "file:line:col: error: message" ("file:line: error: message" when the
/// column is 0), the shape compilers use so editors can jump to it.
[[nodiscard]] std::string format_csv_error(const csv_error& error);

/// Thrown only for I/O problems (file missing, unreadable, a directory); content problems are
/// reported as csv_errors.
struct csv_io_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// One record handed to the row callback. Fields are views into the reader's buffer, valid only
/// during the callback; quoted fields are unquoted ("" -> "). The three spans have the same
/// size, the number of header columns (a row with another field count never reaches on_row).
struct csv_row {
    std::size_t index = 0;  ///< 0-based among rows passed to on_row (rejected rows leave no gap)
    std::size_t line = 0;   ///< 1-based physical line where the record starts
    std::span<const std::string_view> fields;  ///< raw bytes, not trimmed, not UTF-8 checked
    std::span<const std::size_t> columns;  ///< 1-based byte column of each field start in its line
    std::span<const std::size_t> lines;    ///< 1-based physical line of each field start (differs
                                           ///< from `line` after a quoted field holding a newline)
};

/// Parsed header and detected dialect.
struct csv_header {
    std::string file;
    char separator = ',';  ///< ',' or ';': the one occurring more outside quotes on the header
                           ///< line; ties (including none) give ','
    std::vector<std::string> names;  ///< BOM stripped, unquoted, surrounding spaces/tabs trimmed;
                                     ///< never empty, never duplicated
    std::size_t line = 1;            ///< physical line of the header (blank lines may precede it)
};

/// What the reader calls. An empty member means "accept and go on" (an empty on_error silently
/// drops errors). Each callback returns false to stop reading at once.
struct csv_callbacks {
    std::function<bool(const csv_header&)> on_header;  ///< called once, before any row
    std::function<bool(const csv_row&)> on_row;        ///< hot path: called for each valid row
    std::function<bool(const csv_error&)> on_error;    ///< called for each content problem
};

/// Most columns a header may have: far above any real activity file, low enough that a corrupt
/// file (say 50 MB of separators) cannot make the reader allocate gigabytes of names.
inline constexpr std::size_t csv_max_columns = 65536;

/// Reads the CSV file at `path` and calls callbacks.on_header once, then callbacks.on_row for
/// every data record in order.
/// - Separator ',' or ';' (detected on the header line); optional UTF-8 BOM; LF, CRLF or lone
///   CR line ends; quoted fields may hold separators, `""` escapes and line ends; blanks
///   around a quoted field are ignored; a quote inside an unquoted field is a literal byte.
/// - Blank lines (empty, anywhere, including trailing ones) are skipped.
/// - A record whose field count differs from the header, or holding a NUL byte or text after a
///   closing quote, is reported through on_error and not passed to on_row; reading continues.
/// - Fatal problems (empty file, bad header, unterminated quote) are reported through on_error
///   and end reading; on_header is not called for a bad header.
/// Returns false if a callback returned false (stopped early), true otherwise, even after
/// errors: the caller learns about errors only through on_error.
/// Throws csv_io_error if the file cannot be opened or read.
bool read_csv_file(const std::string& path, const csv_callbacks& callbacks);

/// Same as read_csv_file on an in-memory `text` (copied once); `display_name` is the file name
/// used in csv_header::file and in errors.
bool read_csv_text(std::string display_name, std::string_view text,
                   const csv_callbacks& callbacks);

/// A data file opened to be read in parts (see read_csv_header and read_csv_rows): a regular
/// file is read at offsets as needed, anything else (a pipe) is read whole at once. The
/// bytes are never changed, so a part may be read again.
class csv_source {
public:
    /// Opens the file at `path`. Throws csv_io_error when it is missing, unreadable, a
    /// directory, a device, or larger than 4 GiB.
    [[nodiscard]] static csv_source open_file(const std::string& path);
    /// In-memory `text` (copied once).
    [[nodiscard]] static csv_source from_text(std::string_view text);

    /// Size in bytes (of a regular file: when it was opened).
    [[nodiscard]] std::size_t size() const { return m_size; }
    /// Bytes [offset, offset + count) clipped to size(), in a string of their own (whose
    /// terminating NUL the parser relies on). Throws csv_io_error on a read error.
    [[nodiscard]] std::string read(std::size_t offset, std::size_t count) const;

    csv_source(const csv_source&) = delete;
    csv_source& operator=(const csv_source&) = delete;
    csv_source(csv_source&& other) noexcept;
    csv_source& operator=(csv_source&& other) noexcept;
    ~csv_source();

private:
    csv_source() = default;
    std::string m_path;
    int m_fd = -1;      ///< a regular file, read with pread; -1 when m_text holds everything
    std::string m_text;
    std::size_t m_size = 0;
};

/// How reading a part ended.
enum class csv_part_status {
    complete,    ///< read to the end of the part (content errors, if any, were reported)
    stopped,     ///< a callback returned false, or a fatal problem ended reading
    incomplete,  ///< not the last part, and it ends inside a quoted field: it was cut inside a
                 ///< record, and what was read of it must be read again from an earlier cut
};

/// A place in a file (or a part of it): byte offset and physical line.
struct csv_position {
    std::size_t offset = 0;
    std::size_t line = 1;
};

/// Reads the BOM, blank lines and header of `part`, the first bytes of a file (`last` when it
/// holds the whole file; otherwise it must end just after a line end), with the rules of
/// read_csv_file; calls callbacks.on_header (never on_row) and on_error for header problems.
/// On complete, `start` says where the data rows begin (after the header record).
csv_part_status read_csv_header(const std::string& display_name, std::string& part, bool last, const csv_callbacks& callbacks, csv_position& start);

/// A fast path for read_csv_rows. Most records are one line of plain unquoted fields, which
/// the caller can take in one scan (splitting the fields and reading its numbers in the same
/// loop) rather than through the state machine and on_row.
class csv_plain_records {
public:
    virtual ~csv_plain_records() = default;
    /// Offered each record before the state machine reads it: `record` is its first byte, at
    /// physical line `line`, `end` the end of the buffer (which holds a NUL, *end == 0). Either
    /// takes the whole record and returns the address of its line end (a '\n' or '\r' byte, or
    /// `end`), or takes nothing and returns nullptr: the state machine then reads the record
    /// as if there were no fast path. A record taken counts as a row passed to on_row (in
    /// csv_row::index and the record ranges); it must be one that the state machine would read
    /// as one line of unquoted fields, as many as the header's.
    virtual const char* take(const char* record, const char* end, std::size_t line) = 0;
};

/// Reads the data rows of `part`, which starts at a record boundary at physical line
/// `first_line` and, unless it is the `last` part, ends just after a line end; `header` is the
/// file's header (its separator and width). Rows and errors are reported as read_csv_file
/// does; csv_row::index counts from 0 in each part. Quoted fields are unescaped in place in
/// `part`. `end` receives where the records read end: after the part (complete), or, when
/// incomplete, at the start of the record the part's end cut, which was not reported
/// (neither its row nor its problems; everything before it was). `record_ranges`, when not
/// null, receives for each row passed to on_row the byte range [begin, end) of its record.
/// `plain`, when not null, is offered each record first.
csv_part_status read_csv_rows(const std::string& display_name, std::string& part, const csv_header& header, std::size_t first_line, bool last, const csv_callbacks& callbacks,
                              csv_position& end, std::vector<std::pair<std::size_t, std::size_t>>* record_ranges = nullptr, csv_plain_records* plain = nullptr);

/// The length of the longest prefix of `bytes` that ends just after a line end (LF, or a
/// CR when there is no LF at all, so that a CRLF is never split), 0 when there is none.
[[nodiscard]] std::size_t csv_cut(std::string_view bytes);

/// Result of parse_int_field: `value` is meaningful only if `ok`; otherwise `error` is a static
/// reason in English, a string literal marked with N_() ("empty field", "not an integer",
/// "not an integer: decimal number", "integer out of range"): show it with
/// messages::tr(error.data()).
struct int_parse_result {
    bool ok = false;
    std::int64_t value = 0;
    std::string_view error;
};

/// Parses a decimal integer field into int64 without overflow: optional '+' or '-' then ASCII
/// digits, surrounding spaces/tabs allowed. No locale, no floats, no thousands separators.
[[nodiscard]] int_parse_result parse_int_field(std::string_view field);

}  // namespace donum::data

#endif
