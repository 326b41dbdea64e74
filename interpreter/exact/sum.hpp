// Exact sums of many rationals: the one way every population total is added up.
//
// A population total adds a million amounts that share a few denominators (whole euros,
// half points, cents). Adding them one by one with rational's operators reduces a fraction
// per term and throws as soon as a partial sum leaves 64 bits; exact_sum keeps one 128-bit
// numerator per denominator met instead, so that nothing can overflow before 2^64 terms,
// and reduces once, in value(). A total that does not fit 64 bits is then reported once,
// where the caller can say which rule it comes from.
#ifndef DONUM_INTERPRETER_EXACT_SUM_HPP
#define DONUM_INTERPRETER_EXACT_SUM_HPP

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "interpreter/exact/int128.hpp"
#include "interpreter/exact/rational.hpp"

namespace donum::exact {

/// A running exact sum of rationals.
class exact_sum {
public:
    /// Adds r `times` times (a negative count subtracts it). |r's numerator × times| stays
    /// within 2^126 for any count of rows a population holds, so the sum cannot overflow.
    void add(const rational& r, std::int64_t times = 1) { add(static_cast<i128>(r.num()) * times, r.den()); }

    /// Adds another sum.
    void add(const exact_sum& other);

    /// Takes another sum out: what add(other) added, exactly.
    void subtract(const exact_sum& other);

    /// The sum, or std::nullopt when it does not fit a rational of 64-bit integers.
    [[nodiscard]] std::optional<rational> value() const;

private:
    void add(i128 num, std::int64_t den);

    i128 m_integer = 0;
    std::vector<std::pair<std::int64_t, i128>> m_fractions;  ///< denominator, numerator
};

}  // namespace donum::exact

#endif
