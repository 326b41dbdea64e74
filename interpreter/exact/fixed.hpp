// Decimal inputs (`input NAME "label" decimal`): hours, amounts with cents, written with up to
// fixed_digits digits after the point. The data layer holds each value as an integer scaled
// by fixed_scale (2.5 is 2500000), so that a table column stays a column of int64 and no
// float ever holds a value; the evaluator turns it into the exact rational value/10^6.
#ifndef DONUM_INTERPRETER_EXACT_FIXED_HPP
#define DONUM_INTERPRETER_EXACT_FIXED_HPP

#include <cstdint>
#include <string>
#include <string_view>

#include "interpreter/exact/rational.hpp"

namespace donum::exact {

/// Most digits after the decimal point of a decimal input: a micro-unit (a millionth of an
/// hour, of a euro) is finer than any remuneration rule counts.
inline constexpr int fixed_digits = 6;

/// 10^fixed_digits: a decimal input's value v is stored as v · fixed_scale.
inline constexpr std::int64_t fixed_scale = 1'000'000;

/// Result of parse_fixed: `value` (scaled by fixed_scale) is meaningful only if `ok`;
/// otherwise `error` is a static reason in English marked with N_() ("empty field", "not a
/// decimal number", ...): show it with messages::tr(error.data()).
struct fixed_parse_result {
    bool ok = false;
    std::int64_t value = 0;
    std::string_view error;
};

/// Parses a decimal number as a data file writes it: surrounding spaces and tabs, an optional
/// '+' or '-', digits, then optionally '.' or ',' (the French decimal separator) and 1 to
/// fixed_digits digits ("2.5", "2,5", "-0.25", "12"). Refused, each with its reason: more
/// fraction digits (never rounded), an absolute value of 9223372036854.775807 or more once
/// scaled (beyond 64 bits), and anything else: exponents ("1e3"), thousands separators, a
/// lone point ("2.", ".5"), two points ("2.5.1").
[[nodiscard]] fixed_parse_result parse_fixed(std::string_view field);

/// The scaled value `scaled` as the exact rational scaled / fixed_scale, reduced.
[[nodiscard]] rational fixed_value(std::int64_t scaled);

/// The scaled value `scaled` in plain decimal, without trailing zeros: "2.5", "-0.25", "12".
[[nodiscard]] std::string fixed_text(std::int64_t scaled);

}  // namespace donum::exact

#endif
