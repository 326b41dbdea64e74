#include "interpreter/messages/messages.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <string>
#include <unordered_map>

#include "interpreter/messages/catalogue.hpp"

namespace donum::messages {

namespace {

std::atomic<language> chosen{language::fr};

using french_map = std::unordered_map<std::string_view, const char*>;

// Built once, on first use (a function-local static is initialised once, even with threads).
const french_map& french()
{
    static const french_map map = [] {
        french_map m;
        for (auto part : {grammar_catalogue(), compile_catalogue(), data_catalogue(), engine_catalogue(), cli_catalogue(), serve_catalogue(), render_catalogue()})
            for (const entry& e : part) m.emplace(e.english, e.french);
        return m;
    }();
    return map;
}

}  // namespace

void set_language(language l) noexcept { chosen.store(l, std::memory_order_relaxed); }

language current_language() noexcept { return chosen.load(std::memory_order_relaxed); }

std::optional<language> language_named(std::string_view name) noexcept
{
    // A locale name: its language is what comes before '_', '.' or '@' ("fr_FR.UTF-8").
    const auto end = name.find_first_of("_.@-");
    std::string lang{name.substr(0, end)};
    std::transform(lang.begin(), lang.end(), lang.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lang == "fr") return language::fr;
    if (lang == "en") return language::en;
    return std::nullopt;
}

const char* tr(const char* english) noexcept
{
    if (current_language() == language::en) return english;
    try {
        const auto& map = french();
        const auto it = map.find(english);
        return it == map.end() ? english : it->second;
    } catch (...) {
        return english;  // no memory for the catalogue: the English text is still a message
    }
}

}  // namespace donum::messages
