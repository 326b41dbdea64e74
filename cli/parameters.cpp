#include "cli/parameters.hpp"

#include <fmt/format.h>

#include "interpreter/compile/names.hpp"
#include "interpreter/text/fr.hpp"

namespace donum::cli {

using exact::rational;

namespace {

std::string trim(std::string s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.erase(s.begin());
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
    return s;
}

// Strips `suffix` (and the spaces before it) from `s` if present.
bool strip(std::string& s, std::string_view suffix)
{
    if (s.size() < suffix.size() || s.compare(s.size() - suffix.size(), suffix.size(), suffix) != 0) return false;
    s = trim(s.substr(0, s.size() - suffix.size()));
    return true;
}

// A non-negative decimal with an optional sign.
std::optional<rational> number(std::string s)
{
    s = trim(std::move(s));
    bool negative = false;
    if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
        negative = s.front() == '-';
        s.erase(s.begin());
    }
    if (s.empty()) return std::nullopt;
    auto v = exact::parse_decimal(s);
    if (!v) return std::nullopt;
    return negative ? -*v : *v;
}

}  // namespace

std::optional<parameter> find_parameter(const compile::program& p, const std::string& text, std::string& error)
{
    parameter out;
    out.name = trim(text);
    std::string base = out.name;
    if (const auto at = base.find('@'); at != std::string::npos) {
        const auto year = number(base.substr(at + 1));
        if (!year || !year->is_integer() || !p.year_index(static_cast<int>(year->num()))) {
            error = fmt::format("'{}': {} is not a year of {} (years: {})", out.name, base.substr(at + 1), p.id, fmt::join(p.years, ", "));
            return std::nullopt;
        }
        out.year = static_cast<int>(year->num());
        base = base.substr(0, at);
    }
    for (std::size_t s = 0; s < p.slots.size(); ++s) {
        if (p.slots[s].name == base) {
            out.slot = s;
            return out;
        }
    }
    std::vector<std::string> names;
    for (const auto& s : p.slots) names.push_back(s.name);
    const auto best = compile::closest_name(base, names);
    error = fmt::format("unknown settable name '{}'{}", base, best ? fmt::format(" (did you mean '{}'?)", *best) : std::string());
    return std::nullopt;
}

std::optional<rational> parse_value(const compile::slot& s, const std::string& text, std::string& error)
{
    std::string t = trim(text);
    std::optional<rational> v;
    if (strip(t, "%")) {
        if (s.type != compile::value_type::rate) {
            error = fmt::format("'{}': {} is not a rate target, write its value without %", text, s.name);
            return std::nullopt;
        }
        v = number(t);
        if (v) v = *v / rational(100);
    }
    else if (strip(t, "€") || strip(t, "EUR")) {
        if (s.path.what != compile::slot::kind::point_value) {
            error = fmt::format("'{}': only point_value is in euros", text);
            return std::nullopt;
        }
        v = number(t);
    }
    else {
        strip(t, "pts");
        v = number(t);
    }
    if (!v) error = fmt::format("'{}' is not a number (write e.g. 35%, 7.5€ or 20)", text);
    return v;
}

std::optional<rational> parse_euros(const std::string& text, std::string& error)
{
    std::string t = trim(text);
    if (!strip(t, "€")) strip(t, "EUR");
    rational scale(1);
    if (strip(t, "Md") || strip(t, "G")) scale = rational(1000000000);
    else if (strip(t, "M")) scale = rational(1000000);
    else if (strip(t, "k")) scale = rational(1000);
    const auto v = number(t);
    if (!v || *v < rational(0)) {
        error = fmt::format("'{}' is not an amount (write e.g. 300M€, 2.5Md€, 150k€ or 1200000€)", text);
        return std::nullopt;
    }
    return *v * scale;
}

std::optional<rational> parse_share(const std::string& text, std::string& error)
{
    std::string t = trim(text);
    const bool percent = strip(t, "%");
    auto v = number(t);
    if (v && percent) v = *v / rational(100);
    if (!v || *v < rational(0) || *v > rational(1)) {
        error = fmt::format("'{}' is not a share between 0 % and 100 % (write e.g. 70%)", text);
        return std::nullopt;
    }
    return v;
}

std::string show_value(const compile::slot& s, const rational& v)
{
    return text::slot_value(s, v);
}

}  // namespace donum::cli
