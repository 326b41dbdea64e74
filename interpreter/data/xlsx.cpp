#include "interpreter/data/xlsx.hpp"
#include "interpreter/messages/messages.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <string_view>

#include <expat.h>
#include <fmt/format.h>
#include <zip.h>

namespace donum::data {

using messages::tr;
using messages::trf;

namespace {

// The same limit as a CSV file: a sheet's XML beyond 4 GiB is refused rather than read.
constexpr std::uint64_t max_entry_bytes = 4ULL << 30;

// What the first bytes of a file say it is.
enum class file_kind { text, zip, ole2, utf16, pdf };

file_kind sniff(std::string_view head)
{
    const auto starts = [&](std::string_view magic) { return head.substr(0, magic.size()) == magic; };
    if (starts("PK\x03\x04")) return file_kind::zip;
    if (starts("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) return file_kind::ole2;
    if (starts("%PDF")) return file_kind::pdf;
    if (starts("\xFF\xFE") || starts("\xFE\xFF")) return file_kind::utf16;
    // UTF-16 without a BOM: every other byte of plain text is NUL.
    if (head.size() >= 4 && ((head[0] != '\0' && head[1] == '\0' && head[3] == '\0') || (head[0] == '\0' && head[1] != '\0' && head[2] == '\0'))) return file_kind::utf16;
    return file_kind::text;
}

// A zip archive opened with libzip, read entry by entry.
class zip_archive {
public:
    zip_archive(const std::string& path)
    {
        int error = 0;
        m_zip = zip_open(path.c_str(), ZIP_RDONLY, &error);
        if (m_zip == nullptr) {
            zip_error_t e;
            zip_error_init_with_code(&e, error);
            const std::string why = zip_error_strerror(&e);
            zip_error_fini(&e);
            throw csv_io_error(trf("{}: cannot read this workbook ({}): is it damaged? Open it in Excel and save it again as .xlsx", path, why));
        }
    }
    ~zip_archive() { zip_discard(m_zip); }
    zip_archive(const zip_archive&) = delete;
    zip_archive& operator=(const zip_archive&) = delete;

    [[nodiscard]] bool has(const std::string& name) const { return zip_name_locate(m_zip, name.c_str(), 0) >= 0; }

    // Hands the entry's bytes to `chunk` as they are inflated.
    void read(const std::string& path, const std::string& name, const std::function<void(const char*, std::size_t)>& chunk) const
    {
        zip_file_t* f = zip_fopen(m_zip, name.c_str(), 0);
        if (f == nullptr) throw csv_io_error(trf("{}: the workbook has no {}: is it damaged? Open it in Excel and save it again as .xlsx", path, name));
        std::array<char, 1 << 16> buffer{};
        std::uint64_t total = 0;
        for (;;) {
            const auto n = zip_fread(f, buffer.data(), buffer.size());
            if (n < 0) {
                zip_fclose(f);
                throw csv_io_error(trf("{}: cannot inflate {} of the workbook: is it damaged?", path, name));
            }
            if (n == 0) break;
            total += static_cast<std::uint64_t>(n);
            if (total > max_entry_bytes) {
                zip_fclose(f);
                throw csv_io_error(trf("{}: {} holds more than 4 GiB: too large to read", path, name));
            }
            chunk(buffer.data(), static_cast<std::size_t>(n));
        }
        zip_fclose(f);
    }

private:
    zip_t* m_zip = nullptr;
};

// An XML document read with expat, namespaces apart: handlers see local names ("row", not
// "x:row" or the namespace URI) and attributes by local name.
class xml_reader {
public:
    using attributes = std::map<std::string, std::string, std::less<>>;
    std::function<void(std::string_view, const attributes&)> on_start;
    std::function<void(std::string_view)> on_end;
    std::function<void(std::string_view)> on_text;

    void parse(const zip_archive& zip, const std::string& path, const std::string& entry)
    {
        XML_Parser parser = XML_ParserCreateNS(nullptr, '|');
        XML_SetUserData(parser, this);
        XML_SetElementHandler(parser, &start, &end);
        XML_SetCharacterDataHandler(parser, &text);
        auto fail = [&] {
            const auto message = trf("{}: {} of the workbook is not valid XML (line {}: {}): is it damaged?", path, entry, XML_GetCurrentLineNumber(parser), XML_ErrorString(XML_GetErrorCode(parser)));
            XML_ParserFree(parser);
            throw csv_io_error(message);
        };
        zip.read(path, entry, [&](const char* data, std::size_t size) {
            if (XML_Parse(parser, data, static_cast<int>(size), XML_FALSE) == XML_STATUS_ERROR) fail();
        });
        if (XML_Parse(parser, "", 0, XML_TRUE) == XML_STATUS_ERROR) fail();
        XML_ParserFree(parser);
    }

private:
    static std::string_view local(const XML_Char* name)
    {
        std::string_view n(name);
        const auto bar = n.rfind('|');
        return bar == std::string_view::npos ? n : n.substr(bar + 1);
    }
    static void XMLCALL start(void* self, const XML_Char* name, const XML_Char** attrs)
    {
        auto& r = *static_cast<xml_reader*>(self);
        if (!r.on_start) return;
        attributes a;
        for (int i = 0; attrs[i] != nullptr; i += 2) a.emplace(std::string(local(attrs[i])), attrs[i + 1]);
        r.on_start(local(name), a);
    }
    static void XMLCALL end(void* self, const XML_Char* name)
    {
        auto& r = *static_cast<xml_reader*>(self);
        if (r.on_end) r.on_end(local(name));
    }
    static void XMLCALL text(void* self, const XML_Char* s, int len)
    {
        auto& r = *static_cast<xml_reader*>(self);
        if (r.on_text) r.on_text(std::string_view(s, static_cast<std::size_t>(len)));
    }
};

std::string attribute(const xml_reader::attributes& a, std::string_view name)
{
    const auto it = a.find(name);
    return it == a.end() ? std::string() : it->second;
}

// What workbook.xml says: the sheets in tab order (name and the path of its XML in the
// archive) and the date system.
struct workbook_info {
    std::vector<std::pair<std::string, std::string>> sheets;
    bool date1904 = false;  ///< serial 0 is 1904-01-01 (old Mac workbooks), not 1899-12-30
};

workbook_info workbook_of(const zip_archive& zip, const std::string& path)
{
    workbook_info info;
    auto& sheets = info.sheets;  // name, relationship id, then path
    xml_reader workbook;
    workbook.on_start = [&](std::string_view name, const xml_reader::attributes& a) {
        if (name == "sheet") sheets.emplace_back(attribute(a, "name"), attribute(a, "id"));
        else if (name == "workbookPr") info.date1904 = attribute(a, "date1904") == "1" || attribute(a, "date1904") == "true";
    };
    workbook.parse(zip, path, "xl/workbook.xml");
    std::map<std::string, std::string> targets;
    xml_reader rels;
    rels.on_start = [&](std::string_view name, const xml_reader::attributes& a) {
        if (name == "Relationship") targets[attribute(a, "Id")] = attribute(a, "Target");
    };
    rels.parse(zip, path, "xl/_rels/workbook.xml.rels");
    for (auto& [name, id] : sheets) {
        const auto target = targets[id];
        // A target is relative to xl/, or absolute from the archive's root.
        id = target.empty() ? std::string() : target.front() == '/' ? target.substr(1) : "xl/" + target;
    }
    return info;
}

// For each cell style (the `s` of a cell, an index in cellXfs), whether its number format
// shows a date: built-in formats 14 to 22 and 45 to 47 (27 to 36 and 50 to 58 in East Asian
// locales), or a custom one whose code does (is_date_format).
std::vector<bool> date_styles(const zip_archive& zip, const std::string& path)
{
    std::vector<bool> dates;
    if (!zip.has("xl/styles.xml")) return dates;
    std::map<std::string, bool> custom;  // numFmtId -> shows a date
    std::vector<std::string> formats;    // of each cellXfs entry, in order
    bool in_cell_xfs = false;
    xml_reader styles;
    styles.on_start = [&](std::string_view name, const xml_reader::attributes& a) {
        if (name == "numFmt") custom[attribute(a, "numFmtId")] = is_date_format(attribute(a, "formatCode"));
        else if (name == "cellXfs") in_cell_xfs = true;
        else if (name == "xf" && in_cell_xfs) formats.push_back(attribute(a, "numFmtId"));
    };
    styles.on_end = [&](std::string_view name) {
        if (name == "cellXfs") in_cell_xfs = false;
    };
    styles.parse(zip, path, "xl/styles.xml");
    for (const auto& id : formats) {
        const auto it = custom.find(id);
        const auto n = std::strtoul(id.c_str(), nullptr, 10);
        dates.push_back(it != custom.end() ? it->second : (n >= 14 && n <= 22) || (n >= 27 && n <= 36) || (n >= 45 && n <= 47) || (n >= 50 && n <= 58));
    }
    return dates;
}

// The date of an Excel serial number, as a French reader writes it ("the date 01/03/2024");
// its time alone when the serial is below 1 ("the time 10:30").
std::string date_text(std::string_view serial, bool date1904)
{
    const double value = std::strtod(std::string(serial).c_str(), nullptr);
    if (!std::isfinite(value) || value < 0 || value > 2958466) return trf("the date or time {}", serial);
    using namespace std::chrono;
    const auto whole = static_cast<int>(std::floor(value));
    if (whole == 0 && !date1904) {
        const auto minutes = static_cast<int>(std::lround((value - whole) * 24 * 60));
        return trf("the time {:02}:{:02}", minutes / 60 % 24, minutes % 60);
    }
    // Serials below 61 are off by one in Excel's 1900 system (its 29/02/1900), not shown here.
    const sys_days origin = date1904 ? sys_days(year{1904} / January / 1) : sys_days(year{1899} / December / 30);
    const year_month_day d{origin + days{whole}};
    return trf("the date {:02}/{:02}/{}", static_cast<unsigned>(d.day()), static_cast<unsigned>(d.month()), static_cast<int>(d.year()));
}

// The note of a date cell, said where validation refuses its (empty) field.
std::string date_note(const std::string& shown)
{
    return trf("the cell holds {}, and donum reads numbers and text, not dates: Excel turns some typed values into dates (1/3 becomes the 1st of March); format the column as Number (Text for ids) and type the values again", shown);
}

// The shared strings: the text of each <si>, its runs joined, phonetic readings left out.
std::vector<std::string> shared_strings(const zip_archive& zip, const std::string& path)
{
    std::vector<std::string> strings;
    if (!zip.has("xl/sharedStrings.xml")) return strings;
    bool in_text = false;
    int phonetic = 0;
    xml_reader sst;
    sst.on_start = [&](std::string_view name, const xml_reader::attributes&) {
        if (name == "si") strings.emplace_back();
        else if (name == "rPh") ++phonetic;
        else if (name == "t" && phonetic == 0) in_text = true;
    };
    sst.on_end = [&](std::string_view name) {
        if (name == "rPh") --phonetic;
        else if (name == "t") in_text = false;
    };
    sst.on_text = [&](std::string_view s) {
        if (in_text && !strings.empty()) strings.back() += s;
    };
    sst.parse(zip, path, "xl/sharedStrings.xml");
    return strings;
}

// "B12" -> column 1 (0-based); std::nullopt when the reference has no letters.
std::optional<std::size_t> column_of(std::string_view ref)
{
    std::size_t column = 0;
    std::size_t letters = 0;
    for (const char c : ref) {
        if (c < 'A' || c > 'Z') break;
        column = column * 26 + static_cast<std::size_t>(c - 'A' + 1);
        ++letters;
    }
    if (letters == 0 || letters > 3) return std::nullopt;
    return column - 1;
}

// A field of the CSV text: quoted when it must be; a line break becomes a space so that a
// line stays a row.
void append_field(std::string& out, std::string_view value)
{
    // ';' too: the CSV reader takes the separator the header uses most.
    const bool quote = value.find_first_of(",;\"") != std::string_view::npos;
    if (quote) out += '"';
    for (const char c : value) {
        if (c == '"') out += "\"\"";
        else if (c == '\n' || c == '\r') out += ' ';
        else out += c;
    }
    if (quote) out += '"';
}

// Reads the sheet at `entry` as CSV text (see the file comment of xlsx.hpp).
sheet_csv sheet_as_csv(const zip_archive& zip, const std::string& path, const std::string& name, const std::string& entry, const std::vector<std::string>& strings,
                       const std::vector<bool>& dates, bool date1904)
{
    sheet_csv out;
    out.sheet = name;
    std::size_t row = 0;          // 1-based row being read
    std::size_t lines = 0;        // lines written so far
    std::size_t next_column = 0;  // of a cell without a reference
    std::vector<std::pair<std::size_t, std::string>> cells;  // of the row: column, text
    std::string type;
    bool date_style = false;
    std::string value;
    bool in_value = false;
    bool header_seen = false;
    std::size_t header_width = 0;
    auto end_row = [&] {
        while (lines + 1 < row) {
            out.csv += '\n';
            ++lines;
        }
        const auto filled = std::find_if(cells.begin(), cells.end(), [](const auto& c) { return !c.second.empty(); });
        if (filled != cells.end() && !header_seen) {
            header_seen = true;
            out.first_column = filled->first;
        }
        std::size_t width = 0;
        for (const auto& [column, text] : cells) {
            if (text.empty()) continue;
            if (column < out.first_column) {
                throw csv_io_error(trf("{}: {} holds '{}', left of the header, which starts at {}: the table is read from its header's first column; move or delete that cell", path, cell_name(row, column), text,
                                               cell_name(row, out.first_column)));
            }
            width = std::max(width, column - out.first_column + 1);
        }
        if (filled != cells.end()) {
            if (header_width == 0) header_width = width;
            width = std::max(width, header_width);
            std::vector<std::string_view> fields(width);
            for (const auto& [column, text] : cells) {
                if (column >= out.first_column && column - out.first_column < width) fields[column - out.first_column] = text;
            }
            for (std::size_t k = 0; k < width; ++k) {
                if (k > 0) out.csv += ',';
                append_field(out.csv, fields[k]);
            }
        }
        out.csv += '\n';
        ++lines;
        cells.clear();
    };
    xml_reader reader;
    reader.on_start = [&](std::string_view element, const xml_reader::attributes& a) {
        if (element == "row") {
            const auto r = attribute(a, "r");
            row = r.empty() ? row + 1 : std::strtoull(r.c_str(), nullptr, 10);
            if (row <= lines) row = lines + 1;  // rows out of order: kept in file order
            next_column = 0;
        }
        else if (element == "c") {
            const auto column = column_of(attribute(a, "r"));
            cells.emplace_back(column.value_or(next_column), std::string());
            next_column = cells.back().first + 1;
            type = attribute(a, "t");
            const auto style = attribute(a, "s");
            const auto index = style.empty() ? 0 : std::strtoull(style.c_str(), nullptr, 10);
            date_style = index < dates.size() && dates[index];
            value.clear();
        }
        else if (element == "v" || (element == "t" && type == "inlineStr")) {
            in_value = true;
        }
    };
    reader.on_text = [&](std::string_view s) {
        if (in_value) value += s;
    };
    reader.on_end = [&](std::string_view element) {
        if (element == "v" || element == "t") in_value = false;
        else if (element == "c" && !cells.empty()) {
            auto& [column, text] = cells.back();
            if (type == "s") {
                const auto index = std::strtoull(value.c_str(), nullptr, 10);
                if (value.empty() || index >= strings.size()) {
                    throw csv_io_error(trf("{}: {} refers to text the workbook does not hold: is it damaged? Open it in Excel and save it again", path, cell_name(row, column)));
                }
                text = strings[index];
            }
            else if (type == "b") text = value == "1" ? "1" : "0";
            else if (type == "d" && !value.empty()) out.notes[{row, column}] = date_note(trf("the date {}", value));
            else if ((type.empty() || type == "n") && !value.empty()) {
                if (date_style) out.notes[{row, column}] = date_note(date_text(value, date1904));
                else text = plain_decimal(value);
            }
            else text = value;
        }
        else if (element == "row") end_row();
    };
    reader.parse(zip, path, entry);
    return out;
}

}  // namespace

std::string plain_decimal(std::string_view text)
{
    // sign digits [. digits] [E [sign] digits]
    std::size_t i = 0;
    const bool negative = i < text.size() && text[i] == '-';
    if (negative) ++i;
    std::string digits;  // every digit, the point left out
    std::size_t whole = 0;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++whole) digits += text[i];
    if (i < text.size() && text[i] == '.') {
        for (++i; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) digits += text[i];
    }
    long exponent = 0;
    if (i < text.size() && (text[i] == 'E' || text[i] == 'e')) {
        ++i;
        const bool minus = i < text.size() && text[i] == '-';
        if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
        const auto first = i;
        for (; i < text.size() && text[i] >= '0' && text[i] <= '9' && exponent < 1000; ++i) exponent = exponent * 10 + (text[i] - '0');
        if (i == first) return std::string(text);
        if (minus) exponent = -exponent;
    }
    // A double is within 1E-330 and 1E+310: anything else is not a number Excel wrote.
    if (i != text.size() || digits.empty() || exponent > 400 || exponent < -400) return std::string(text);
    // The point sits after `point` digits; leading and trailing zeros go.
    auto point = static_cast<long>(whole) + exponent;
    const auto nonzero = digits.find_first_not_of('0');
    if (nonzero == std::string::npos) return "0";
    digits.erase(0, nonzero);
    point -= static_cast<long>(nonzero);
    digits.erase(digits.find_last_not_of('0') + 1);
    const auto size = static_cast<long>(digits.size());
    std::string out = negative ? "-" : "";
    if (point <= 0) out += "0." + std::string(static_cast<std::size_t>(-point), '0') + digits;
    else if (point >= size) out += digits + std::string(static_cast<std::size_t>(point - size), '0');
    else out += digits.substr(0, static_cast<std::size_t>(point)) + "." + digits.substr(static_cast<std::size_t>(point));
    return out;
}

bool is_date_format(std::string_view code)
{
    if (code == "General") return false;
    for (std::size_t i = 0; i < code.size(); ++i) {
        const char c = code[i];
        if (c == '"') {
            const auto close = code.find('"', i + 1);
            if (close == std::string_view::npos) return false;
            i = close;
        }
        else if (c == '\\' || c == '_' || c == '*') ++i;  // a literal, a space as wide, a fill
        else if (c == '[') {
            const auto close = code.find(']', i + 1);
            if (close == std::string_view::npos) return false;
            // [h], [mm], [ss]: an elapsed time; [Red], [$-40C], [>100]: not a date.
            const auto inside = code.substr(i + 1, close - i - 1);
            if (!inside.empty() && inside.find_first_not_of("hHmMsS") == std::string_view::npos) return true;
            i = close;
        }
        else if (std::string_view("dDmMyYhHsS").find(c) != std::string_view::npos) return true;
    }
    return false;
}

std::string cell_name(std::size_t row, std::size_t column)
{
    std::string letters;
    for (std::size_t c = column + 1; c > 0; c = (c - 1) / 26) letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
    return letters + std::to_string(row);
}

std::optional<sheet_csv> read_spreadsheet(const std::string& path, const std::string& sheet)
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
    std::string head(8, '\0');
    {
        std::ifstream in(path, std::ios::binary);
        in.read(head.data(), static_cast<std::streamsize>(head.size()));
        head.resize(static_cast<std::size_t>(in.gcount()));
    }
    switch (sniff(head)) {
        case file_kind::text:
            if (!sheet.empty()) throw csv_io_error(trf("{}: --sheet reads a sheet of an Excel workbook (.xlsx); this is a text file", path));
            return std::nullopt;
        case file_kind::ole2:
            throw csv_io_error(trf("{}: an Excel 97-2003 workbook (.xls), or a workbook protected by a password: donum reads .xlsx and CSV; open it in Excel and save it as \"Excel Workbook (.xlsx)\" or \"CSV UTF-8\"", path));
        case file_kind::utf16:
            throw csv_io_error(trf("{}: text in UTF-16 (Excel's \"Unicode Text\"): donum reads UTF-8; save it from Excel as \"CSV UTF-8\", or convert it (iconv -f UTF-16 -t UTF-8)", path));
        case file_kind::pdf:
            throw csv_io_error(trf("{}: a PDF document, not data: export the table as .xlsx or CSV", path));
        case file_kind::zip: break;
    }
    const zip_archive zip(path);
    if (!zip.has("xl/workbook.xml")) {
        if (zip.has("content.xml") && zip.has("mimetype")) throw csv_io_error(trf("{}: an OpenDocument spreadsheet (.ods): donum reads .xlsx and CSV; save it as .xlsx or \"CSV UTF-8\"", path));
        if (zip.has("xl/workbook.bin")) throw csv_io_error(trf("{}: an Excel binary workbook (.xlsb): donum reads .xlsx and CSV; open it in Excel and save it as \"Excel Workbook (.xlsx)\"", path));
        throw csv_io_error(trf("{}: a zip archive that is not an Excel workbook: extract the data file from it", path));
    }
    const auto info = workbook_of(zip, path);
    const auto& sheets = info.sheets;
    if (sheets.empty()) throw csv_io_error(trf("{}: the workbook has no sheet", path));
    auto chosen = sheets.begin();
    if (!sheet.empty()) {
        chosen = std::find_if(sheets.begin(), sheets.end(), [&](const auto& s) { return s.first == sheet; });
        if (chosen == sheets.end()) {
            std::vector<std::string> names;
            for (const auto& s : sheets) names.push_back(trf("'{}'", s.first));
            throw csv_io_error(trf("{}: no sheet '{}'; its sheets: {}", path, sheet, fmt::join(names, ", ")));
        }
    }
    if (chosen->second.empty() || !zip.has(chosen->second)) throw csv_io_error(trf("{}: the sheet '{}' cannot be found in the workbook: is it damaged?", path, chosen->first));
    return sheet_as_csv(zip, path, chosen->first, chosen->second, shared_strings(zip, path), date_styles(zip, path), info.date1904);
}

void name_cells(std::vector<csv_error>& errors, const sheet_csv& sheet)
{
    if (errors.empty()) return;
    // Where each line starts: a line is a row (no line break inside a field).
    std::vector<std::size_t> starts{0};
    for (std::size_t i = 0; i < sheet.csv.size(); ++i) {
        if (sheet.csv[i] == '\n') starts.push_back(i + 1);
    }
    for (auto& e : errors) {
        if (e.column == 0 || e.line == 0 || e.line > starts.size()) continue;
        // The field that starts at byte column e.column of the line: count separators outside
        // quotes before it.
        const auto begin = starts[e.line - 1];
        std::size_t field = 0;
        bool quoted = false;
        for (std::size_t i = begin; i < sheet.csv.size() && i + 1 < begin + e.column && sheet.csv[i] != '\n'; ++i) {
            if (sheet.csv[i] == '"') quoted = !quoted;
            else if (sheet.csv[i] == ',' && !quoted) ++field;
        }
        const auto column = sheet.first_column + field;
        if (const auto note = sheet.notes.find({e.line, column}); note != sheet.notes.end()) {
            // The field is empty because the cell holds a date: say so instead.
            const auto empty = e.message.find(tr("empty field"));  // as load.cpp wrote it
            e.message = empty == std::string::npos ? e.message + ": " + note->second : e.message.substr(0, empty) + note->second;
        }
        e.message = trf("{}: {}", cell_name(e.line, column), e.message);
        e.column = 0;
    }
}

}  // namespace donum::data
