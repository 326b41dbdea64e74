#include "grammar/characters.hpp"

#include <array>

#include <fmt/format.h>

#include "interpreter/messages/messages.hpp"

namespace donum::grammar {

std::optional<std::size_t> lone_carriage_return(std::string_view text)
{
    for (auto at = text.find('\r'); at != std::string_view::npos; at = text.find('\r', at + 1)) {
        if (at + 1 == text.size() || text[at + 1] != '\n') return at;
    }
    return std::nullopt;
}

namespace {

using messages::N_;

// What the character is and what to write instead: English, marked for the catalogue.
struct lookalike {
    std::string_view bytes;
    const char* name;
    const char* instead;
};

// clang-format off
constexpr std::array<lookalike, 20> lookalikes = {{
    {"\xC2\xA0", N_("a no-break space (U+00A0)"), N_("write an ordinary space")},
    {"\xE2\x80\xAF", N_("a narrow no-break space (U+202F, French typography before % or €)"), N_("write an ordinary space")},
    {"\xE2\x80\x89", N_("a thin space (U+2009)"), N_("write an ordinary space")},
    {"\xE2\x80\x87", N_("a figure space (U+2007)"), N_("write an ordinary space")},
    {"\xE2\x80\x82", N_("an en space (U+2002)"), N_("write an ordinary space")},
    {"\xE2\x80\x83", N_("an em space (U+2003)"), N_("write an ordinary space")},
    {"\xE2\x80\x8B", N_("a zero-width space (U+200B, invisible)"), N_("delete it")},
    {"\xE2\x81\xA0", N_("a word joiner (U+2060, invisible)"), N_("delete it")},
    {"\xEF\xBB\xBF", N_("a byte order mark (U+FEFF, invisible)"), N_("delete it: it may only open the file")},
    {"\xE2\x80\x9C", N_("a typographic quote (U+201C)"), N_("write straight double quotes \"...\" around a label")},
    {"\xE2\x80\x9D", N_("a typographic quote (U+201D)"), N_("write straight double quotes \"...\" around a label")},
    {"\xC2\xAB", N_("a French quote (U+00AB)"), N_("write straight double quotes \"...\" around a label")},
    {"\xC2\xBB", N_("a French quote (U+00BB)"), N_("write straight double quotes \"...\" around a label")},
    {"\xE2\x80\x98", N_("a typographic apostrophe (U+2018)"), N_("labels are written between straight double quotes \"...\"")},
    {"\xE2\x80\x99", N_("a typographic apostrophe (U+2019)"), N_("labels are written between straight double quotes \"...\"")},
    {"\xE2\x88\x92", N_("a minus sign (U+2212)"), N_("write '-'")},
    {"\xE2\x80\x93", N_("an en dash (U+2013)"), N_("write '-'")},
    {"\xE2\x80\x94", N_("an em dash (U+2014)"), N_("write '-'")},
    {"\xC3\x97", N_("'×' (U+00D7)"), N_("write '*'")},
    {"\xC3\xB7", N_("'÷' (U+00F7)"), N_("write '/'")},
}};
// clang-format on

}  // namespace

std::optional<std::string> lookalike_message(std::string_view text)
{
    for (const auto& l : lookalikes) {
        if (text.starts_with(l.bytes)) return messages::trf("here is {}: {}", messages::tr(l.name), messages::tr(l.instead));
    }
    return std::nullopt;
}

}  // namespace donum::grammar
