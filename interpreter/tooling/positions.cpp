#include "interpreter/tooling/positions.hpp"

#include <algorithm>
#include <string_view>

namespace donum::tooling {

namespace {

// The byte offset where line `line` (from 0) starts, or the size of the text beyond it.
std::size_t line_start(std::string_view text, std::size_t line)
{
    std::size_t at = 0;
    for (std::size_t l = 0; l < line; ++l) {
        const auto eol = text.find('\n', at);
        if (eol == std::string_view::npos) return text.size();
        at = eol + 1;
    }
    return at;
}

// UTF-16 code units of the UTF-8 sequence that starts with `lead`: two for the four-byte
// sequences (outside the basic plane), one for the others.
std::size_t utf16_units(unsigned char lead) { return lead >= 0xF0 ? 2 : 1; }

bool continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

editor_position to_editor(const grammar::source_file& file, const grammar::source_pos& pos)
{
    const std::string_view text(file.text);
    const auto line = pos.line == 0 ? 0 : pos.line - 1;
    // The column counts bytes: the line starts column - 1 bytes before the position.
    const bool consistent = pos.column >= 1 && pos.byte >= pos.column - 1 && pos.byte <= text.size();
    const std::size_t start = consistent ? pos.byte - (pos.column - 1) : line_start(text, line);
    const std::size_t end = consistent ? pos.byte : std::min(text.size(), start + pos.column - 1);
    std::size_t units = 0;
    for (std::size_t i = start; i < end; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (!continuation(c)) units += utf16_units(c);
    }
    return {line, units};
}

editor_range to_editor(const grammar::source_file& file, const grammar::source_range& range)
{
    return {to_editor(file, range.begin), to_editor(file, range.end)};
}

std::size_t to_byte(const grammar::source_file& file, const editor_position& pos)
{
    const std::string_view text(file.text);
    std::size_t at = line_start(text, pos.line);
    std::size_t units = 0;
    while (at < text.size() && text[at] != '\n' && text[at] != '\r' && units < pos.character) {
        units += utf16_units(static_cast<unsigned char>(text[at]));
        ++at;
        while (at < text.size() && continuation(static_cast<unsigned char>(text[at]))) ++at;
    }
    return at;
}

}  // namespace donum::tooling
