// 128-bit integers for exact intermediates: a product of two 64-bit values always fits, so
// comparisons and sums of products never overflow before the result is narrowed (and
// checked) back to 64 bits.
#ifndef DONUM_INTERPRETER_EXACT_INT128_HPP
#define DONUM_INTERPRETER_EXACT_INT128_HPP

#include <cstdint>
#include <limits>
#include <optional>

namespace donum::exact {

__extension__ typedef __int128 i128;

/// a / b rounded towards minus infinity. Precondition: b != 0.
[[nodiscard]] constexpr i128 floor_div(i128 a, i128 b)
{
    const i128 q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

/// a / b rounded towards plus infinity. Precondition: b != 0.
[[nodiscard]] constexpr i128 ceil_div(i128 a, i128 b)
{
    const i128 q = a / b;
    return (a % b != 0 && ((a < 0) == (b < 0))) ? q + 1 : q;
}

/// Greatest common divisor of |a| and |b| (0 when both are 0).
[[nodiscard]] constexpr i128 gcd(i128 a, i128 b)
{
    if (a < 0) a = -a;
    if (b < 0) b = -b;
    while (b != 0) {
        const i128 t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/// v as a 64-bit integer, or std::nullopt when it does not fit. INT64_MIN is refused too:
/// its negation does not fit, and no rational holds it.
[[nodiscard]] constexpr std::optional<std::int64_t> narrow(i128 v)
{
    if (v > std::numeric_limits<std::int64_t>::max() || v <= std::numeric_limits<std::int64_t>::min()) return std::nullopt;
    return static_cast<std::int64_t>(v);
}

}  // namespace donum::exact

#endif
