#include "interpreter/render/writers.hpp"

#include <algorithm>
#include <utility>

#include <fmt/format.h>

#include "grammar/utf8.hpp"
#include "interpreter/exact/rational.hpp"

namespace donum::render {

namespace {

// Chosen once by the command line before any rendering; read-only afterwards.
csv_dialect g_dialect;

bool digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

void set_default_csv_dialect(const csv_dialect& d) { g_dialect = d; }

const csv_dialect& default_csv_dialect() { return g_dialect; }

std::string csv_field(std::string_view s, char separator)
{
    if (csv_plain(s, separator)) return std::string(s);
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string csv_number(std::string_view plain, const csv_dialect& d)
{
    std::string out(plain);
    if (d.decimal != '.') {
        for (std::size_t i = 1; i + 1 < out.size(); ++i) {
            if (out[i] == '.' && digit(out[i - 1]) && digit(out[i + 1])) out[i] = d.decimal;
        }
    }
    const auto slash = plain.find('/');
    if (d.fractions_as_text && slash != std::string_view::npos) {
        // Only a whole field N/D: its approximation with 6 decimals, rounded half away from 0.
        const auto num = plain.substr(0, slash);
        const auto den = plain.substr(slash + 1);
        const auto all_digits = [](std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), digit); };
        const auto sign = !num.empty() && num[0] == '-' ? 1U : 0U;
        if (all_digits(num.substr(sign)) && all_digits(den) && num.size() <= 19 && den.size() <= 19) {
            const auto n = std::stoll(std::string(num));
            const auto q = std::stoll(std::string(den));
            if (q != 0) {
                const auto approx = exact::rational(n, q).to_fixed(6);
                out += fmt::format(" (≈ {})", csv_number(approx, csv_dialect{d.separator, d.decimal, false, false, false}));
            }
        }
    }
    return out;
}

csv_writer::csv_writer(const csv_dialect& d) : m_dialect(d)
{
    if (d.bom) m_text = "\xEF\xBB\xBF";
}

csv_writer& csv_writer::field(std::string_view value)
{
    if (m_row_started) m_text += m_dialect.separator;
    m_text += csv_field(value, m_dialect.separator);
    m_row_started = true;
    return *this;
}

csv_writer& csv_writer::number(std::string_view plain) { return field(csv_number(plain, m_dialect)); }

csv_writer& csv_writer::end_row()
{
    m_text += m_dialect.eol();
    m_row_started = false;
    return *this;
}

csv_writer& csv_writer::row(const std::vector<std::string>& fields)
{
    for (const auto& f : fields) field(f);
    return end_row();
}

std::string json_string(std::string_view raw)
{
    // JSON text is UTF-8: bytes of a data file that are not become U+FFFD.
    const auto clean = grammar::sanitize_utf8(raw);
    std::string out = "\"";
    for (const char c : std::string_view(clean)) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"') out += "\\\"";
        else if (c == '\\') out += "\\\\";
        else if (u < 0x20) out += fmt::format("\\u{:04x}", u);
        else out += c;
    }
    return out + "\"";
}

void json_writer::newline()
{
    m_text += '\n';
    m_text.append(m_levels.size() * 2, ' ');
}

void json_writer::before_value()
{
    const bool same_line = std::exchange(m_same_line, false);
    if (m_after_key) {
        m_after_key = false;
        return;
    }
    if (m_levels.empty()) return;
    auto& l = m_levels.back();
    const bool one_line = l.compact || (same_line && !l.empty);
    if (!l.empty) m_text += one_line ? ", " : ",";
    if (!one_line) newline();
    l.empty = false;
}

json_writer& json_writer::begin_object(bool compact)
{
    before_value();
    m_text += '{';
    m_levels.push_back({compact || (!m_levels.empty() && m_levels.back().compact), true});
    return *this;
}

json_writer& json_writer::end_object()
{
    const auto l = m_levels.back();
    m_levels.pop_back();
    if (!l.compact && !l.empty) newline();
    m_text += '}';
    return *this;
}

json_writer& json_writer::begin_array(bool compact)
{
    before_value();
    m_text += '[';
    m_levels.push_back({compact || (!m_levels.empty() && m_levels.back().compact), true});
    return *this;
}

json_writer& json_writer::end_array()
{
    const auto l = m_levels.back();
    m_levels.pop_back();
    if (!l.compact && !l.empty) newline();
    m_text += ']';
    return *this;
}

json_writer& json_writer::key(std::string_view k)
{
    before_value();
    m_text += json_string(k);
    m_text += ": ";
    m_after_key = true;
    return *this;
}

json_writer& json_writer::same_line()
{
    m_same_line = true;
    return *this;
}

json_writer& json_writer::string(std::string_view s)
{
    before_value();
    m_text += json_string(s);
    return *this;
}

json_writer& json_writer::number(std::string_view digits)
{
    before_value();
    m_text += digits;
    return *this;
}

json_writer& json_writer::number(long long v) { return number(std::string_view(std::to_string(v))); }

json_writer& json_writer::number(unsigned long long v) { return number(std::string_view(std::to_string(v))); }

json_writer& json_writer::boolean(bool b) { return number(std::string_view(b ? "true" : "false")); }

json_writer& json_writer::null() { return number(std::string_view("null")); }

std::string json_writer::take()
{
    m_text += '\n';
    return std::move(m_text);
}

namespace {

// Whether `text` holds nothing terminal_text would change: printable ASCII and valid UTF-8
// without C1 controls or bidirectional controls. The common case, checked first.
bool terminal_safe(std::string_view text, bool keep_line_feeds)
{
    for (const char c : text) {
        const auto b = static_cast<unsigned char>(c);
        if (b >= 0x80 || b == 0x7F || (b < 0x20 && !(keep_line_feeds && b == '\n'))) return false;
    }
    return true;
}

// The code point of a valid sequence of `n` bytes at the start of `s`.
unsigned code_point(std::string_view s, std::size_t n)
{
    const auto b0 = static_cast<unsigned char>(s[0]);
    unsigned cp = n == 2 ? (b0 & 0x1Fu) : n == 3 ? (b0 & 0x0Fu) : (b0 & 0x07u);
    for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[k]) & 0x3Fu);
    return cp;
}

}  // namespace

std::string terminal_text(std::string_view text, bool keep_line_feeds)
{
    if (terminal_safe(text, keep_line_feeds)) return std::string(text);
    std::string out;
    out.reserve(text.size() + 8);
    while (!text.empty()) {
        const auto b = static_cast<unsigned char>(text[0]);
        if (b < 0x80) {
            if (b == 0x7F || (b < 0x20 && !(keep_line_feeds && b == '\n'))) out += fmt::format("\\x{:02x}", b);
            else out += text[0];
            text.remove_prefix(1);
            continue;
        }
        const auto n = grammar::utf8_sequence(text);
        if (n == 0) {
            out += fmt::format("\\x{:02x}", b);
            text.remove_prefix(1);
            continue;
        }
        const auto cp = code_point(text, n);
        if ((cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) out += fmt::format("\\u{:04x}", cp);
        else out.append(text.substr(0, n));
        text.remove_prefix(n);
    }
    return out;
}

std::size_t display_width(std::string_view text)
{
    const auto count = [](std::string_view t) { return static_cast<std::size_t>(std::count_if(t.begin(), t.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; })); };
    return terminal_safe(text, false) ? count(text) : count(terminal_text(text));
}

std::string pad(std::string_view text, std::size_t width)
{
    std::string out = terminal_text(text);
    const auto w = display_width(out);
    if (w < width) out.append(width - w, ' ');
    return out;
}

std::string truncate(std::string_view text, std::size_t width)
{
    if (display_width(text) <= width) return std::string(text);
    std::size_t bytes = 0;
    for (std::size_t chars = 0; bytes < text.size() && chars + 1 < width; ++chars) {
        ++bytes;
        while (bytes < text.size() && (static_cast<unsigned char>(text[bytes]) & 0xC0) == 0x80) ++bytes;
    }
    return std::string(text.substr(0, bytes)) + "…";
}

namespace {

grid::align alignment_of(const grid& g, std::size_t column)
{
    return column < g.alignment.size() ? g.alignment[column] : grid::align::left;
}

}  // namespace

std::string render_text(const grid& g, std::size_t indent)
{
    std::vector<std::size_t> width = g.min_width;
    auto measure = [&](const std::vector<std::string>& cells) {
        if (cells.size() > width.size()) width.resize(cells.size(), 0);
        for (std::size_t c = 0; c < cells.size(); ++c) width[c] = std::max(width[c], display_width(cells[c]));
    };
    measure(g.head);
    for (const auto& r : g.rows) measure(r);
    std::string out;
    auto line = [&](const std::vector<std::string>& cells) {
        std::string text(indent, ' ');
        for (std::size_t c = 0; c < cells.size(); ++c) {
            if (c > 0) text += "  ";
            const auto shown = terminal_text(cells[c]);
            const auto w = display_width(shown);
            const auto gap = width[c] > w ? width[c] - w : 0;
            if (alignment_of(g, c) == grid::align::right) text.append(gap, ' ');
            text += shown;
            if (alignment_of(g, c) == grid::align::left) text.append(gap, ' ');
        }
        while (!text.empty() && text.back() == ' ') text.pop_back();
        out += text + "\n";
    };
    line(g.head);
    for (const auto& r : g.rows) line(r);
    return out;
}

std::string markdown_cell(std::string_view s)
{
    std::string out;
    for (const char c : s) {
        if (c == '|') out += "\\|";
        else if (c == '\n' || c == '\r') out += ' ';
        else out += c;
    }
    return out.empty() ? std::string(" ") : terminal_text(out);
}

std::string render_markdown(const grid& g)
{
    std::string out;
    // fmt rather than " " + string: GCC 12 warns falsely (-Wrestrict) on the latter.
    auto line = [&](const std::vector<std::string>& cells) {
        out += "|";
        for (const auto& c : cells) out += fmt::format(" {} |", markdown_cell(c));
        out += "\n";
    };
    line(g.head);
    out += "|";
    for (std::size_t c = 0; c < g.head.size(); ++c) out += alignment_of(g, c) == grid::align::right ? " ---: |" : " --- |";
    out += "\n";
    for (const auto& r : g.rows) line(r);
    return out;
}

}  // namespace donum::render
