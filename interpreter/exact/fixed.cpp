#include "interpreter/exact/fixed.hpp"

#include <limits>

#include "interpreter/messages/messages.hpp"

namespace donum::exact {

using messages::N_;

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

fixed_parse_result parse_fixed(std::string_view field)
{
    const auto first = field.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {false, 0, N_("empty field")};
    field = field.substr(first, field.find_last_not_of(" \t") - first + 1);

    std::size_t i = 0;
    const bool negative = field[0] == '-';
    if (field[0] == '-' || field[0] == '+') ++i;
    if (i == field.size() || !is_digit(field[i])) return {false, 0, N_("not a decimal number")};
    // Accumulated unsigned, scaled as it goes: the magnitude limit is checked at each digit,
    // so that a field of any length never overflows.
    constexpr auto most = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    std::uint64_t whole = 0;
    bool too_large = false;
    for (; i < field.size() && is_digit(field[i]); ++i) {
        whole = whole * 10 + static_cast<std::uint64_t>(field[i] - '0');
        if (whole > most / static_cast<std::uint64_t>(fixed_scale)) too_large = true;
        if (too_large) whole = 0;  // keeps reading, for the reason of the whole field
    }
    std::uint64_t fraction = 0;
    int fraction_digits = 0;
    if (i < field.size() && (field[i] == '.' || field[i] == ',')) {
        ++i;
        if (i == field.size() || !is_digit(field[i])) return {false, 0, N_("not a decimal number")};
        for (; i < field.size() && is_digit(field[i]); ++i) {
            if (++fraction_digits <= fixed_digits) fraction = fraction * 10 + static_cast<std::uint64_t>(field[i] - '0');
        }
    }
    if (i != field.size()) return {false, 0, N_("not a decimal number")};
    if (fraction_digits > fixed_digits) return {false, 0, N_("too many digits after the decimal point (6 at most)")};
    if (too_large) return {false, 0, N_("decimal number out of range")};
    for (int d = fraction_digits; d < fixed_digits; ++d) fraction *= 10;
    const auto scaled = whole * static_cast<std::uint64_t>(fixed_scale) + fraction;
    if (scaled > most) return {false, 0, N_("decimal number out of range")};
    const auto value = static_cast<std::int64_t>(scaled);
    return {true, negative ? -value : value, {}};
}

rational fixed_value(std::int64_t scaled) { return {scaled, fixed_scale}; }

std::string fixed_text(std::int64_t scaled)
{
    // Unsigned magnitude: -INT64_MIN does not fit an int64.
    const bool negative = scaled < 0;
    const auto magnitude = negative ? 0 - static_cast<std::uint64_t>(scaled) : static_cast<std::uint64_t>(scaled);
    const auto scale = static_cast<std::uint64_t>(fixed_scale);
    std::string out = (negative ? "-" : "") + std::to_string(magnitude / scale);
    auto fraction = magnitude % scale;
    if (fraction == 0) return out;
    std::string digits = std::to_string(fraction);
    digits.insert(0, static_cast<std::size_t>(fixed_digits) - digits.size(), '0');
    digits.erase(digits.find_last_not_of('0') + 1);
    return out + "." + digits;
}

}  // namespace donum::exact
