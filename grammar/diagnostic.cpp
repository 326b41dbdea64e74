#include "grammar/diagnostic.hpp"

#include "interpreter/messages/messages.hpp"

#include <algorithm>
#include <optional>
#include <string_view>

#include <fmt/format.h>

namespace donum::grammar {

std::string_view source_file::line_text(std::size_t line) const
{
    std::size_t start = 0;
    for (std::size_t current = 1; current < line; ++current) {
        const auto eol = text.find('\n', start);
        if (eol == std::string::npos) {
            return {};
        }
        start = eol + 1;
    }
    if (start > text.size()) {
        return {};
    }
    auto end = text.find('\n', start);
    if (end == std::string::npos) {
        end = text.size();
    }
    if (end > start && text[end - 1] == '\r') {
        --end;
    }
    return std::string_view(text).substr(start, end - start);
}

namespace {

// "error: " and its French "erreur : ", which puts a space before the colon.
std::string_view level_name(severity level)
{
    switch (level) {
        case severity::error: return messages::tr("error: ");
        case severity::warning: return messages::tr("warning: ");
        case severity::note: return messages::tr("note: ");
    }
    return messages::tr("error: ");
}

// Columns count bytes (as PEGTL does); the caret line counts characters, so that it stays
// under the text after accented letters or '€'. Tabs are copied to stay aligned.
std::string caret_line(std::string_view line, std::size_t column, std::size_t width)
{
    auto is_continuation = [](char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; };
    std::string out;
    const std::size_t start = std::min(column - 1, line.size());
    for (std::size_t i = 0; i < start; ++i) {
        if (!is_continuation(line[i])) out += line[i] == '\t' ? '\t' : ' ';
    }
    out += '^';
    std::size_t chars = 0;
    for (std::size_t i = start; i < std::min(start + width, line.size()); ++i) {
        if (!is_continuation(line[i])) ++chars;
    }
    for (std::size_t i = 1; i < chars; ++i) out += '~';
    return out;
}

// Lines longer than this (generated files, binary junk) are not worth quoting in full.
constexpr std::size_t max_quoted_line = 500;

// The line to quote under a diagnostic at `at`, or nothing when it is too long. The line is
// found from the byte offset (columns count bytes, so the line starts `column - 1` bytes
// before it) and only its first bytes are looked at: counting lines from the top of the
// file, and finding the end of a 50 MB line, for each diagnostic made a file with a few
// hundred thousand warnings (unused inputs, duplicate years) take minutes to report. A
// position without a consistent byte offset falls back to counting lines.
std::optional<std::string_view> quoted_line(const source_file& file, const source_pos& at)
{
    const std::string_view text(file.text);
    const bool has_offset = at.column >= 1 && at.byte >= at.column - 1 && at.byte <= text.size();
    const std::size_t start = has_offset ? at.byte - (at.column - 1) : 0;
    if (!has_offset || (start == 0 ? at.line != 1 : text[start - 1] != '\n')) {
        const auto line = file.line_text(at.line);
        if (line.size() > max_quoted_line) return std::nullopt;
        return line;
    }
    // Two more bytes than quoted: the end of line, and a '\r' before it.
    const auto head = text.substr(start, max_quoted_line + 2);
    const auto eol = head.find('\n');
    if (eol == std::string_view::npos && start + head.size() < text.size()) return std::nullopt;
    auto line = head.substr(0, eol);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.size() > max_quoted_line) return std::nullopt;
    return line;
}

void render_into(std::string& out, const diagnostic& d)
{
    const auto& r = d.range;
    if (r.file == nullptr) {
        out += fmt::format("donum: {}{}\n", level_name(d.level), d.message);
    }
    else {
        out += fmt::format("{}:{}:{}: {}{}\n", r.file->name, r.begin.line, r.begin.column, level_name(d.level), d.message);
        if (const auto quoted = quoted_line(*r.file, r.begin)) {
            const auto line = *quoted;
            std::size_t width = 1;
            if (r.end.line == r.begin.line && r.end.column > r.begin.column) {
                width = r.end.column - r.begin.column;
            }
            // Control bytes (a binary file, an escape sequence) are not sent to the terminal.
            std::string shown(line);
            std::replace_if(shown.begin(), shown.end(), [](char c) { return (static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == '\x7f'; }, '?');
            out += fmt::format("  {}\n  {}\n", shown, caret_line(line, r.begin.column, width));
        }
    }
    for (const auto& n : d.notes) {
        render_into(out, n);
    }
}

}  // namespace

std::string render(const diagnostic& d)
{
    std::string out;
    render_into(out, d);
    return out;
}

bool has_errors(const diagnostics& ds)
{
    return std::any_of(ds.begin(), ds.end(), [](const diagnostic& d) { return d.level == severity::error; });
}

std::size_t count(const diagnostics& ds, severity level)
{
    return static_cast<std::size_t>(std::count_if(ds.begin(), ds.end(), [&](const diagnostic& d) { return d.level == level; }));
}

}  // namespace donum::grammar
