#include "grammar/characters.hpp"

#include <array>

#include <fmt/format.h>

namespace donum::grammar {

std::optional<std::size_t> lone_carriage_return(std::string_view text)
{
    for (auto at = text.find('\r'); at != std::string_view::npos; at = text.find('\r', at + 1)) {
        if (at + 1 == text.size() || text[at + 1] != '\n') return at;
    }
    return std::nullopt;
}

namespace {

struct lookalike {
    std::string_view bytes;
    std::string_view name;
    std::string_view instead;
};

// clang-format off
constexpr std::array<lookalike, 20> lookalikes = {{
    {"\xC2\xA0", "a no-break space (U+00A0)", "write an ordinary space"},
    {"\xE2\x80\xAF", "a narrow no-break space (U+202F, French typography before % or €)", "write an ordinary space"},
    {"\xE2\x80\x89", "a thin space (U+2009)", "write an ordinary space"},
    {"\xE2\x80\x87", "a figure space (U+2007)", "write an ordinary space"},
    {"\xE2\x80\x82", "an en space (U+2002)", "write an ordinary space"},
    {"\xE2\x80\x83", "an em space (U+2003)", "write an ordinary space"},
    {"\xE2\x80\x8B", "a zero-width space (U+200B, invisible)", "delete it"},
    {"\xE2\x81\xA0", "a word joiner (U+2060, invisible)", "delete it"},
    {"\xEF\xBB\xBF", "a byte order mark (U+FEFF, invisible)", "delete it: it may only open the file"},
    {"\xE2\x80\x9C", "a typographic quote (U+201C)", "write straight double quotes \"...\" around a label"},
    {"\xE2\x80\x9D", "a typographic quote (U+201D)", "write straight double quotes \"...\" around a label"},
    {"\xC2\xAB", "a French quote (U+00AB)", "write straight double quotes \"...\" around a label"},
    {"\xC2\xBB", "a French quote (U+00BB)", "write straight double quotes \"...\" around a label"},
    {"\xE2\x80\x98", "a typographic apostrophe (U+2018)", "labels are written between straight double quotes \"...\""},
    {"\xE2\x80\x99", "a typographic apostrophe (U+2019)", "labels are written between straight double quotes \"...\""},
    {"\xE2\x88\x92", "a minus sign (U+2212)", "write '-'"},
    {"\xE2\x80\x93", "an en dash (U+2013)", "write '-'"},
    {"\xE2\x80\x94", "an em dash (U+2014)", "write '-'"},
    {"\xC3\x97", "'×' (U+00D7)", "write '*'"},
    {"\xC3\xB7", "'÷' (U+00F7)", "write '/'"},
}};
// clang-format on

}  // namespace

std::optional<std::string> lookalike_message(std::string_view text)
{
    for (const auto& l : lookalikes) {
        if (text.starts_with(l.bytes)) return fmt::format("here is {}: {}", l.name, l.instead);
    }
    return std::nullopt;
}

}  // namespace donum::grammar
