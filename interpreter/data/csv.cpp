// CSV reader: a hand-written single-pass state machine over a mutable in-memory buffer, so that
// unquoted fields are plain views and quoted fields are unescaped in place, without any per-row
// allocation.
#include "interpreter/data/csv.hpp"

#include <array>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <system_error>
#include <unordered_map>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "interpreter/messages/messages.hpp"

namespace donum::data {

using messages::N_;
using messages::tr;
using messages::trf;

std::string format_csv_error(const csv_error& error) {
    if (error.column == 0) {
        return trf("{}:{}: error: {}", error.file, error.line, error.message);
    }
    return trf("{}:{}:{}: error: {}", error.file, error.line, error.column,
                       error.message);
}

namespace {

/// Bytes that end a scan in a given state.
using byte_table = std::array<bool, 256>;

constexpr byte_table make_table(std::string_view stops) {
    byte_table table{};
    for (const char c : stops) {
        table[static_cast<unsigned char>(c)] = true;
    }
    return table;
}

// '\0' is in every table for two reasons: it finds NUL bytes in the data, and it stops scans at
// the terminator std::string guarantees at data()[size()], so the inner loops need no bounds
// check (the caller then tells the terminator from a real NUL by comparing with the size).
constexpr byte_table comma_stops = make_table(std::string_view{",\n\r\0", 4});
constexpr byte_table semicolon_stops = make_table(std::string_view{";\n\r\0", 4});
constexpr byte_table quoted_stops = make_table(std::string_view{"\"\n\r\0", 4});

/// Header problems reported before giving up: a corrupt header would otherwise yield one error
/// per column, drowning the useful first few.
constexpr std::size_t max_header_errors = 20;

enum class record_status { complete, rejected, fatal };

/// Where one record stands while it is being parsed.
struct record_state {
    std::size_t line = 0;         ///< physical line where the record starts
    std::size_t field_count = 0;  ///< all fields seen, including those beyond storage
    bool rejected = false;        ///< an error was reported; the record must not reach on_row
    std::size_t extra_line = 0;   ///< where the first field beyond the expected count starts
    std::size_t extra_column = 0;
};


class csv_parser {
public:
    /// A parser over `buffer`, whose first byte is at physical line `first_line`. When not
    /// `final`, the buffer is a part of the file that ends just after a line end: reaching its
    /// end inside a quoted field is not an error but `incomplete()`.
    csv_parser(std::string file, std::string& buffer, const csv_callbacks& callbacks,
               std::size_t first_line = 1, bool final = true)
        : callbacks_(callbacks),
          file_(std::move(file)),
          data_(buffer.data()),
          size_(buffer.size()),
          line_(first_line),
          final_(final) {}

    /// True when a part ended inside a quoted field: it was cut inside a record.
    [[nodiscard]] bool incomplete() const { return incomplete_; }
    /// Physical line reached: the line of the byte after the last one parsed.
    [[nodiscard]] std::size_t line() const { return line_; }
    /// Offset of the byte after the last one parsed.
    [[nodiscard]] std::size_t position() const { return pos_; }

    /// Reads the BOM, blank lines and the header, then stops: the data rows start at
    /// position(), line(). Returns false if reading must end (bad header, stopped, incomplete).
    bool run_header(csv_header& header) {
        skip_bom();
        skip_blank_lines();
        if (pos_ >= size_) {
            if (final_) {
                report(1, 0, tr("empty file: no header row"));
            } else {
                incomplete_ = true;
            }
            return false;
        }
        detect_separator();
        if (!read_header(header)) {
            return false;
        }
        return !callbacks_.on_header || callbacks_.on_header(header);
    }

    /// Reads data rows of `width` fields separated by `separator` from the start of the buffer
    /// (a record boundary). Same return value as run().
    bool run_rows(char separator, std::size_t width,
                  std::vector<std::pair<std::size_t, std::size_t>>* record_ranges) {
        record_ranges_ = record_ranges;
        separator_ = separator;
        unquoted_stops_ = separator == ';' ? &semicolon_stops : &comma_stops;
        return read_rows(width);
    }

    /// Runs the whole read; same contract as read_csv_file.
    bool run() {
        skip_bom();
        skip_blank_lines();
        if (pos_ >= size_) {
            report(1, 0, tr("empty file: no header row"));
            return !stopped_;
        }
        detect_separator();

        csv_header header;
        if (!read_header(header)) {
            return !stopped_;
        }
        if (callbacks_.on_header && !callbacks_.on_header(header)) {
            return false;
        }
        return read_rows(header.names.size());
    }

private:
    const csv_callbacks& callbacks_;
    std::string file_;
    char* data_;
    std::size_t size_;
    std::size_t pos_ = 0;
    std::size_t line_ = 1;
    bool final_ = true;
    bool incomplete_ = false;
    std::size_t record_begin_ = 0;
    std::vector<std::pair<std::size_t, std::size_t>>* record_ranges_ = nullptr;
    std::size_t line_start_ = 0;  ///< offset of the current physical line's first byte
    char separator_ = ',';
    const byte_table* unquoted_stops_ = &comma_stops;
    bool stopped_ = false;  ///< on_error asked to stop

    // Field storage reused by every record. Only `capacity_` fields are stored: a row with more
    // fields than the header is rejected anyway, so counting the rest is enough, and a huge
    // corrupt line cannot blow up memory.
    std::vector<std::string_view> fields_;
    std::vector<std::size_t> columns_;
    std::vector<std::size_t> lines_;
    std::size_t capacity_ = 0;
    std::size_t expected_ = 0;  ///< header width, to locate the first extra field of a row

    [[nodiscard]] std::size_t column_of(std::size_t offset) const {
        return offset - line_start_ + 1;
    }

    /// Hands an error to on_error; returns false (and remembers it) if the caller wants to stop.
    bool report(std::size_t line, std::size_t column, std::string message) {
        if (callbacks_.on_error &&
            !callbacks_.on_error(csv_error{file_, line, column, std::move(message)})) {
            stopped_ = true;
        }
        return !stopped_;
    }

    /// Reports only the first problem of a record: later ones are usually consequences.
    void reject(record_state& record, std::size_t line, std::size_t column,
                std::string_view message) {
        if (!record.rejected) {
            record.rejected = true;
            report(line, column, std::string{message});
        }
    }

    void skip_bom() {
        if (size_ >= 3 && static_cast<unsigned char>(data_[0]) == 0xEF &&
            static_cast<unsigned char>(data_[1]) == 0xBB &&
            static_cast<unsigned char>(data_[2]) == 0xBF) {
            pos_ = 3;
            line_start_ = 3;  // columns count from after the BOM, as editors show them
        }
    }

    /// At a '\r' or '\n': steps over one line end (CRLF counts as one) and starts a new line.
    void consume_line_end() {
        if (data_[pos_] == '\r' && pos_ + 1 < size_ && data_[pos_ + 1] == '\n') {
            ++pos_;
        }
        ++pos_;
        ++line_;
        line_start_ = pos_;
    }

    void skip_blank_lines() {
        while (pos_ < size_ && (data_[pos_] == '\n' || data_[pos_] == '\r')) {
            consume_line_end();
        }
    }

    /// Chooses the separator from the header line alone: data rows may legitimately contain
    /// the other character (French decimals use ',' in ';' files).
    void detect_separator() {
        std::size_t commas = 0;
        std::size_t semicolons = 0;
        bool in_quotes = false;
        for (std::size_t p = pos_; p < size_; ++p) {
            const char c = data_[p];
            if (c == '"') {
                in_quotes = !in_quotes;  // "" toggles twice: no effect, as wanted
            } else if (!in_quotes) {
                if (c == '\n' || c == '\r') {
                    break;
                }
                commas += c == ',' ? 1U : 0U;
                semicolons += c == ';' ? 1U : 0U;
            }
        }
        if (semicolons > commas) {
            separator_ = ';';
            unquoted_stops_ = &semicolon_stops;
        }
    }

    void store_field(record_state& record, std::string_view value, std::size_t line,
                     std::size_t column) {
        const std::size_t i = record.field_count++;
        if (i == expected_) {
            record.extra_line = line;
            record.extra_column = column;
        }
        if (i >= capacity_) {
            return;
        }
        if (i == fields_.size()) {
            fields_.push_back(value);
            columns_.push_back(column);
            lines_.push_back(line);
        } else {
            fields_[i] = value;
            columns_[i] = column;
            lines_[i] = line;
        }
    }

    /// Scans an unquoted field from pos_ up to the separator, a line end or the end of data.
    /// Quotes inside are kept as literal bytes (`5"` is common in hand-made files).
    std::string_view scan_unquoted(record_state& record) {
        const std::size_t start = pos_;
        const byte_table& stops = *unquoted_stops_;
        for (;;) {
            while (!stops[static_cast<unsigned char>(data_[pos_])]) {
                ++pos_;
            }
            if (pos_ < size_ && data_[pos_] == '\0') {
                reject(record, line_, column_of(pos_), tr("NUL byte in data"));
                ++pos_;
                continue;
            }
            return {data_ + start, pos_ - start};
        }
    }

    /// Parses a quoted field whose opening quote is at pos_, unescaping it in place (the output
    /// never outgrows the input, so writing behind the read position is safe). Returns false on
    /// an unterminated quote, which is fatal: everything after it would be misread.
    bool parse_quoted(record_state& record, std::string_view& value) {
        const std::size_t open_line = line_;
        const std::size_t open_column = column_of(pos_);
        ++pos_;
        const std::size_t begin = pos_;
        std::size_t write = pos_;
        for (;;) {
            const std::size_t chunk = pos_;
            while (!quoted_stops[static_cast<unsigned char>(data_[pos_])]) {
                ++pos_;
            }
            if (write != chunk) {
                std::memmove(data_ + write, data_ + chunk, pos_ - chunk);
            }
            write += pos_ - chunk;
            if (pos_ >= size_) {
                if (!final_) {
                    incomplete_ = true;  // the part was cut inside this field: no error
                    return false;
                }
                report(open_line, open_column,
                       tr("unterminated quoted field: no closing quote before the end of the file"));
                return false;
            }
            const char c = data_[pos_];
            if (c == '"') {
                if (pos_ + 1 < size_ && data_[pos_ + 1] == '"') {
                    data_[write++] = '"';
                    pos_ += 2;
                    continue;
                }
                ++pos_;
                break;
            }
            if (c == '\0') {
                reject(record, line_, column_of(pos_), tr("NUL byte in data"));
                data_[write++] = c;
                ++pos_;
                continue;
            }
            // A line end inside quotes is data: keep its bytes, but count the physical line so
            // later positions stay right.
            if (c == '\r' && pos_ + 1 < size_ && data_[pos_ + 1] == '\n') {
                data_[write++] = '\r';
                ++pos_;
            }
            data_[write++] = data_[pos_];
            ++pos_;
            ++line_;
            line_start_ = pos_;
        }
        value = {data_ + begin, write - begin};

        // Spaces after the closing quote carry no meaning; anything else means the quote was
        // not meant as a closing one, and guessing would silently corrupt the value.
        while (pos_ < size_ && (data_[pos_] == ' ' || data_[pos_] == '\t')) {
            ++pos_;
        }
        if (pos_ < size_ && data_[pos_] != separator_ && data_[pos_] != '\n' &&
            data_[pos_] != '\r') {
            reject(record, open_line, open_column,
                   tr("unexpected text after the closing quote of a quoted field (a quote inside a "
                      "quoted field must be doubled: \"\")"));
            scan_unquoted(record);  // skip the rest of the field to resynchronise
        }
        return true;
    }

    /// Parses one record starting at pos_ (which must be before the end, on a non-blank line)
    /// and leaves pos_ at the start of the next line.
    record_status parse_record(record_state& record) {
        record = record_state{};
        record.line = line_;
        for (;;) {
            const std::size_t field_line = line_;
            const std::size_t column = column_of(pos_);
            std::string_view value;
            // Blanks before an opening quote are layout (`a, "b,c"` in hand-written files), so
            // the field is quoted; blanks before anything else are data and are kept.
            std::size_t quote = pos_;
            while (quote < size_ && (data_[quote] == ' ' || data_[quote] == '\t')) {
                ++quote;
            }
            if (quote < size_ && data_[quote] == '"') {
                pos_ = quote;
                if (!parse_quoted(record, value)) {
                    return record_status::fatal;
                }
            } else {
                value = scan_unquoted(record);
            }
            store_field(record, value, field_line, column);
            if (pos_ < size_) {
                if (data_[pos_] == separator_) {
                    ++pos_;
                    continue;  // even at a line end: "a,b," has an empty third field
                }
                consume_line_end();  // scans stop only at a separator or a line end
            }
            return record.rejected ? record_status::rejected : record_status::complete;
        }
    }

    /// Reads and validates the header record into `header`; false if reading must end.
    bool read_header(csv_header& header) {
        capacity_ = csv_max_columns + 1;
        expected_ = csv_max_columns;
        record_state record;
        if (parse_record(record) != record_status::complete) {
            return false;
        }
        if (record.field_count > csv_max_columns) {
            report(record.extra_line, record.extra_column,
                   trf("header has more than {} columns", csv_max_columns));
            return false;
        }

        header.file = file_;
        header.separator = separator_;
        header.line = record.line;
        header.names.reserve(record.field_count);
        for (std::size_t i = 0; i < record.field_count; ++i) {
            std::string_view name = fields_[i];
            const auto first = name.find_first_not_of(" \t");
            name = first == std::string_view::npos
                       ? std::string_view{}
                       : name.substr(first, name.find_last_not_of(" \t") - first + 1);
            header.names.emplace_back(name);
        }

        std::size_t errors = 0;
        auto header_error = [&](std::size_t i, std::string message) {
            if (errors++ == max_header_errors) {
                report(record.line, 0, tr("too many problems in the header; giving up"));
                return false;
            }
            return report(lines_[i], columns_[i], std::move(message));
        };
        std::unordered_map<std::string_view, std::size_t> seen;
        seen.reserve(header.names.size());
        for (std::size_t i = 0; i < header.names.size(); ++i) {
            const std::string& name = header.names[i];
            if (name.empty()) {
                if (!header_error(i, trf("empty column name (column {} of the header)",
                                                 i + 1))) {
                    return false;
                }
                continue;
            }
            const auto [it, inserted] = seen.emplace(name, i);
            if (!inserted &&
                !header_error(i, trf("duplicate column name \"{}\" (column {} of the "
                                             "header, already column {})",
                                             name, i + 1, it->second + 1))) {
                return false;
            }
        }
        return errors == 0;
    }

    bool read_rows(std::size_t width) {
        capacity_ = width + 1;
        expected_ = width;
        fields_.resize(capacity_);
        columns_.resize(capacity_);
        lines_.resize(capacity_);

        record_state record;
        std::size_t index = 0;
        for (;;) {
            skip_blank_lines();
            if (pos_ >= size_) {
                return true;
            }
            record_begin_ = pos_;
            const record_status status = parse_record(record);
            if (stopped_) {
                return false;
            }
            if (status == record_status::fatal) {
                return true;
            }
            if (status == record_status::rejected) {
                continue;
            }
            if (record.field_count != width) {
                const bool too_many = record.field_count > width;
                const std::string message =
                    record.field_count == 1 ? trf("row has {} field, header has {}", record.field_count, width)
                                            : trf("row has {} fields, header has {}", record.field_count, width);
                // Point at the first extra field, or at the row itself when fields are missing.
                if (!report(too_many ? record.extra_line : record.line,
                            too_many ? record.extra_column : 1, message)) {
                    return false;
                }
                continue;
            }
            if (record_ranges_ != nullptr) {
                record_ranges_->emplace_back(record_begin_, pos_);
            }
            if (callbacks_.on_row) {
                const csv_row row{index, record.line,
                                  std::span<const std::string_view>{fields_.data(), width},
                                  std::span<const std::size_t>{columns_.data(), width},
                                  std::span<const std::size_t>{lines_.data(), width}};
                if (!callbacks_.on_row(row)) {
                    return false;
                }
            }
            ++index;
        }
    }
};

struct file_closer {
    void operator()(std::FILE* file) const { std::fclose(file); }
};

std::string errno_message() {
    return std::error_code{errno, std::generic_category()}.message();
}

// Beyond this size a data file is refused (a million physicians take about 110 MB): a pipe
// is read whole, and must not exhaust the memory.
constexpr std::size_t max_data_bytes = std::size_t{4} << 30U;

/// Reads the whole file (or pipe) in one buffer: the parser needs the buffer mutable to
/// unescape quoted fields in place.
std::string read_whole_file(const std::string& path) {
    // fopen happily opens a directory; say so plainly instead of a confusing read error.
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (!ec && std::filesystem::is_directory(status)) {
        throw csv_io_error{trf("{}: cannot read: is a directory", path)};
    }
    // A device such as /dev/zero never ends: only files and pipes hold data files.
    if (!ec && (std::filesystem::is_character_file(status) || std::filesystem::is_block_file(status) || std::filesystem::is_socket(status))) {
        throw csv_io_error{trf("{}: cannot read: not a file", path)};
    }
    const std::unique_ptr<std::FILE, file_closer> file{std::fopen(path.c_str(), "rb")};
    if (!file) {
        throw csv_io_error{trf("{}: cannot open: {}", path, errno_message())};
    }
    // The size is only a hint (pipes have none, files may grow): read until EOF regardless.
    std::size_t hint = std::size_t{1} << 16U;
    if (!ec && std::filesystem::is_regular_file(status)) {
        const auto size = std::filesystem::file_size(path, ec);
        if (!ec) {
            hint = static_cast<std::size_t>(size) + 1;  // +1: see EOF without growing
        }
    }

    std::string buffer(hint, '\0');
    std::size_t used = 0;
    for (;;) {
        if (used == buffer.size()) {
            // A pipe that never ends must not take all the memory.
            if (buffer.size() >= max_data_bytes) {
                throw csv_io_error{trf("{}: cannot read: more than {} GiB", path, max_data_bytes >> 30U)};
            }
            buffer.resize(std::min(buffer.size() * 2, max_data_bytes));
        }
        const std::size_t n = std::fread(buffer.data() + used, 1, buffer.size() - used, file.get());
        used += n;
        if (n == 0) {
            if (std::ferror(file.get()) != 0) {
                throw csv_io_error{trf("{}: cannot read: {}", path, errno_message())};
            }
            if (std::feof(file.get()) != 0) {
                break;
            }
        }
    }
    buffer.resize(used);
    return buffer;
}

}  // namespace

csv_source csv_source::open_file(const std::string& path) {
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::is_regular_file(status)) {
        // A pipe (or whatever read_whole_file explains it refuses) is read whole at once.
        csv_source source;
        source.m_path = path;
        source.m_text = read_whole_file(path);
        source.m_size = source.m_text.size();
        return source;
    }
    csv_source source;
    source.m_path = path;
    source.m_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (source.m_fd < 0) {
        throw csv_io_error{trf("{}: cannot open: {}", path, errno_message())};
    }
    struct stat info {};
    if (::fstat(source.m_fd, &info) != 0) {
        throw csv_io_error{trf("{}: cannot read: {}", path, errno_message())};
    }
    if (static_cast<std::uint64_t>(info.st_size) > max_data_bytes) {
        throw csv_io_error{trf("{}: cannot read: more than {} GiB", path, max_data_bytes >> 30U)};
    }
    source.m_size = static_cast<std::size_t>(info.st_size);
    return source;
}

csv_source csv_source::from_text(std::string_view text) {
    csv_source source;
    source.m_text = std::string{text};
    source.m_size = source.m_text.size();
    return source;
}

csv_source::csv_source(csv_source&& other) noexcept
    : m_path(std::move(other.m_path)),
      m_fd(std::exchange(other.m_fd, -1)),
      m_text(std::move(other.m_text)),
      m_size(other.m_size) {}

csv_source& csv_source::operator=(csv_source&& other) noexcept {
    if (this != &other) {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
        m_path = std::move(other.m_path);
        m_fd = std::exchange(other.m_fd, -1);
        m_text = std::move(other.m_text);
        m_size = other.m_size;
    }
    return *this;
}

csv_source::~csv_source() {
    if (m_fd >= 0) {
        ::close(m_fd);
    }
}

std::string csv_source::read(std::size_t offset, std::size_t count) const {
    if (offset >= m_size) {
        return {};
    }
    count = std::min(count, m_size - offset);
    if (m_fd < 0) {
        return m_text.substr(offset, count);
    }
    std::string bytes(count, '\0');
    std::size_t done = 0;
    while (done < count) {
        const auto n = ::pread(m_fd, bytes.data() + done, count - done, static_cast<off_t>(offset + done));
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            throw csv_io_error{trf("{}: cannot read: {}", m_path, errno_message())};
        }
        if (n == 0) {
            break;  // the file shrank since it was opened: what is left is all there is
        }
        done += static_cast<std::size_t>(n);
    }
    bytes.resize(done);
    return bytes;
}

csv_part_status read_csv_header(const std::string& display_name, std::string& part, bool last,
                                const csv_callbacks& callbacks, csv_rows_start& start) {
    csv_parser parser{display_name, part, callbacks, 1, last};
    csv_header header;
    const bool go_on = parser.run_header(header);
    if (parser.incomplete()) {
        return csv_part_status::incomplete;
    }
    if (!go_on) {
        return csv_part_status::stopped;
    }
    start.offset = parser.position();
    start.line = parser.line();
    return csv_part_status::complete;
}

csv_part_status read_csv_rows(const std::string& display_name, std::string& part,
                              const csv_header& header, std::size_t first_line, bool last,
                              const csv_callbacks& callbacks, std::size_t& end_line,
                              std::vector<std::pair<std::size_t, std::size_t>>* record_ranges) {
    csv_parser parser{display_name, part, callbacks, first_line, last};
    const bool go_on = parser.run_rows(header.separator, header.names.size(), record_ranges);
    end_line = parser.line();
    if (parser.incomplete()) {
        return csv_part_status::incomplete;
    }
    return go_on ? csv_part_status::complete : csv_part_status::stopped;
}

std::size_t csv_cut(std::string_view bytes) {
    const auto lf = bytes.rfind('\n');
    if (lf != std::string_view::npos) {
        return lf + 1;
    }
    // Without any LF, a CR ends a line unless it is the last byte: the LF of a CRLF may
    // follow just beyond.
    const auto cr = bytes.size() < 2 ? std::string_view::npos : bytes.rfind('\r', bytes.size() - 2);
    return cr == std::string_view::npos ? 0 : cr + 1;
}

bool read_csv_file(const std::string& path, const csv_callbacks& callbacks) {
    std::string buffer = read_whole_file(path);
    return csv_parser{path, buffer, callbacks}.run();
}

bool read_csv_text(std::string display_name, std::string_view text,
                   const csv_callbacks& callbacks) {
    std::string buffer{text};
    return csv_parser{std::move(display_name), buffer, callbacks}.run();
}

int_parse_result parse_int_field(std::string_view field) {
    // Hot path: a field of 1 to 18 plain digits (every count of a real file) cannot overflow
    // and needs none of the checks below.
    if (!field.empty() && field.size() <= 18) {
        std::int64_t value = 0;
        std::size_t i = 0;
        for (; i < field.size(); ++i) {
            const auto digit = static_cast<unsigned>(field[i]) - unsigned{'0'};
            if (digit > 9) {
                break;
            }
            value = value * 10 + static_cast<std::int64_t>(digit);
        }
        if (i == field.size()) {
            return {true, value, {}};
        }
    }
    const auto first = field.find_first_not_of(" \t");
    if (first == std::string_view::npos) {
        return {false, 0, N_("empty field")};
    }
    field = field.substr(first, field.find_last_not_of(" \t") - first + 1);

    // from_chars takes '-' but not '+': strip '+' ourselves, after requiring a digit right
    // after any sign so that "+-3" or "- 3" are not accepted.
    const std::size_t sign_length = field.front() == '+' || field.front() == '-' ? 1 : 0;
    if (field.size() <= sign_length || field[sign_length] < '0' || field[sign_length] > '9') {
        return {false, 0, N_("not an integer")};
    }

    const std::string_view digits = field.front() == '+' ? field.substr(1) : field;
    std::int64_t value = 0;
    const char* end = digits.data() + digits.size();
    const auto [ptr, ec] = std::from_chars(digits.data(), end, value);
    if (ec == std::errc::result_out_of_range) {
        return {false, 0, N_("integer out of range")};
    }
    if (ec != std::errc{}) {
        return {false, 0, N_("not an integer")};
    }
    if (ptr != end) {
        // Worth its own reason: "1.5" or the French "1,5" is a likely user mistake.
        const bool decimal = (*ptr == '.' || *ptr == ',') && ptr + 1 != end &&
                             ptr[1] >= '0' && ptr[1] <= '9';
        return {false, 0, decimal ? N_("not an integer: decimal number") : N_("not an integer")};
    }
    return {true, value, {}};
}

}  // namespace donum::data
