#include "interpreter/data/habits.hpp"
#include "interpreter/messages/messages.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include <fmt/format.h>

namespace donum::data {

namespace {

std::string lower(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string_view trimmed(std::string_view s)
{
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

}  // namespace

std::optional<std::int64_t> yes_no_word(std::string_view field)
{
    // Short words only: a long field is not worth lowering.
    const auto word = trimmed(field);
    if (word.size() > 5) return std::nullopt;
    const auto w = lower(word);
    static constexpr std::array<std::string_view, 4> yes{"oui", "vrai", "true", "yes"};
    static constexpr std::array<std::string_view, 4> no{"non", "faux", "false", "no"};
    if (std::find(yes.begin(), yes.end(), w) != yes.end()) return 1;
    if (std::find(no.begin(), no.end(), w) != no.end()) return 0;
    return std::nullopt;
}

std::string header_hint(const std::vector<std::string>& names, const std::vector<std::string>& missing)
{
    if (names.size() == 1) {
        if (names.front().find('\t') != std::string::npos) {
            return messages::tr("; the header was read as one column: the file is separated by tabs, donum reads ',' or ';' (save it as CSV)");
        }
        if (names.front().find('|') != std::string::npos) {
            return messages::tr("; the header was read as one column: the file is separated by '|', donum reads ',' or ';'");
        }
    }
    std::string hint;
    for (const auto& m : missing) {
        for (const auto& n : names) {
            if (n != m && lower(n) == m) {
                hint += messages::trf("; '{}' is written '{}' in the header: column names are read as written, in lower case", m, n);
                break;
            }
        }
    }
    return hint;
}

}  // namespace donum::data
