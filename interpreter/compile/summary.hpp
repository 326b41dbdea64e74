// The convention as a table a negotiator can hold against the PDF (`donum check --summary`).
#ifndef DONUM_INTERPRETER_COMPILE_SUMMARY_HPP
#define DONUM_INTERPRETER_COMPILE_SUMMARY_HPP

#include <optional>
#include <string>

#include "interpreter/compile/program.hpp"

namespace donum::compile {

/// Maximum points and euros of one year: every indicator met. Unknown while a points value
/// or the point value is XX; `open` then lists the placeholders that make it unknown.
struct year_maximum {
    int year = 0;
    rational known_points;                ///< sum of the points that are set
    std::optional<rational> points;       ///< the maximum, when every points value is set
    std::optional<rational> euros;        ///< points times the point value, when both are set
    std::vector<std::string> open;
    bool beyond_64_bits = false;  ///< the sum does not fit exact arithmetic: no maximum
};

/// Maximum of each year of `p`, in the order of p.years.
[[nodiscard]] std::vector<year_maximum> maxima(const program& p);

/// Renders the summary in French: header, each group with its gate and payment, each
/// indicator with status, comparator and target per year, points and zero-denominator
/// policy, then the maximum points and euros per year.
[[nodiscard]] std::string summary(const program& p);

/// A slot value for people: "30 %" for a rate, "2/3" when no short percentage is exact,
/// "22.5" for points, "7.00 €" for euros, "XX" when not agreed.
[[nodiscard]] std::string display_value(const slot& s, const std::optional<rational>& v);

/// The gate of `g` in French: "tous les indicateurs de volet1 atteints" (empty if none).
[[nodiscard]] std::string describe_gate(const program& p, const group_info& g);

/// Number of characters (UTF-8 code points) of `text`, for aligning French labels.
[[nodiscard]] std::size_t display_width(std::string_view text);

/// `text` padded with spaces to `width` characters.
[[nodiscard]] std::string pad(std::string_view text, std::size_t width);

}  // namespace donum::compile

#endif
