// Exact numbers: every rate, target, point and euro amount is a rational num/den of 64-bit
// integers. Comparisons cross-multiply in 128 bits, so they are exact and cannot overflow;
// arithmetic that would overflow throws instead of returning a wrong number.
#ifndef DONUM_INTERPRETER_EXACT_RATIONAL_HPP
#define DONUM_INTERPRETER_EXACT_RATIONAL_HPP

#include <compare>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>
#include <stdexcept>
#include <string>
#include <string_view>

namespace donum::exact {

/// Thrown when an exact result does not fit in 64-bit integers.
struct overflow_error : std::overflow_error {
    using std::overflow_error::overflow_error;
};

/// An exact rational number, always normalised: den > 0 and gcd(num, den) == 1.
class rational {
public:
    constexpr rational() = default;
    /// The integer n.
    constexpr rational(std::int64_t n) : m_num(n) {}  // NOLINT: integers convert implicitly
    /// num/den, normalised. Throws std::domain_error if den == 0, overflow_error on INT64_MIN.
    rational(std::int64_t num, std::int64_t den);

    [[nodiscard]] constexpr std::int64_t num() const { return m_num; }
    [[nodiscard]] constexpr std::int64_t den() const { return m_den; }
    [[nodiscard]] constexpr bool is_integer() const { return m_den == 1; }

    /// Exact arithmetic; throws overflow_error when a result does not fit, std::domain_error
    /// on division by zero.
    friend rational operator+(const rational& a, const rational& b);
    friend rational operator-(const rational& a, const rational& b);
    friend rational operator*(const rational& a, const rational& b);
    friend rational operator/(const rational& a, const rational& b);
    friend rational operator-(const rational& a);

    /// Exact comparison by 128-bit cross-multiplication.
    friend std::strong_ordering operator<=>(const rational& a, const rational& b);
    friend bool operator==(const rational& a, const rational& b) = default;

    /// Shortest exact decimal if the value has one with at most `max_decimals` digits after
    /// the point ("22.5", "1115"), else "num/den".
    [[nodiscard]] std::string to_string(int max_decimals = 6) const;

    /// Rounds to `decimals` digits, half away from zero, and prints them all with '.' as the
    /// decimal separator: euros are printed with to_fixed(2).
    [[nodiscard]] std::string to_fixed(int decimals) const;

    /// The value times 10^power (e.g. -6: in millions), rounded and printed as to_fixed:
    /// computed in 128 bits, so it never overflows where dividing first could.
    [[nodiscard]] std::string to_fixed(int decimals, int power) const;

    /// The nearest multiple of 10^-decimals, half away from zero: what is paid, in cents, is
    /// rounded(2). Throws overflow_error when it does not fit.
    [[nodiscard]] rational rounded(int decimals) const;

    /// As a percentage with up to `decimals` digits, rounded half away from zero: "66.67".
    [[nodiscard]] std::string to_percent(int decimals = 2) const;

    /// Approximate value, for charts and statistics only: never for a decision.
    [[nodiscard]] double to_double() const { return static_cast<double>(m_num) / static_cast<double>(m_den); }

private:
    friend struct rational_access;
    friend class fraction_table;
    struct reduced_tag {};
    constexpr rational(reduced_tag /*unused*/, std::int64_t num, std::int64_t den) : m_num(num), m_den(den) {}

    std::int64_t m_num = 0;
    std::int64_t m_den = 1;
};

/// Fractions over one fixed denominator, reduced by a table of each residue's gcd rather
/// than by a gcd each: what a row's payment builds, points over the common denominator of
/// the points values (usually 1 or 2), euros over theirs. No division either: the residue is
/// a mask for a power of two, and the division by the gcd (exact) a shift and a product by
/// the inverse of its odd part modulo 2^64.
class fraction_table {
public:
    /// Fractions over `den` (> 0); the table is kept for denominators up to 4096, larger
    /// ones are reduced by a gcd.
    explicit fraction_table(std::int64_t den);

    /// num·factor / den, reduced, where factor and den have no common divisor; std::nullopt
    /// when it does not fit a rational (num·factor reduced beyond 64 bits).
    [[nodiscard]] std::optional<rational> of(std::int64_t num, std::int64_t factor = 1) const
    {
        if (m_den == 1) return product(num, factor, 1);
        if (m_reduce.empty()) return slow(num, factor);
        const auto residue = m_mask != 0 ? num & m_mask : (num % m_den + m_den) % m_den;
        const auto& r = m_reduce[static_cast<std::size_t>(residue)];
        // num is a multiple of the gcd: the exact quotient.
        const auto quotient = static_cast<std::int64_t>(static_cast<std::uint64_t>(num >> r.shift) * r.inverse);
        return product(quotient, factor, r.den);
    }

private:
    /// How a numerator of a residue is reduced: divided by 2^shift times an odd number whose
    /// inverse modulo 2^64 is `inverse`; the denominator becomes `den`.
    struct reduction {
        int shift = 0;
        std::uint64_t inverse = 1;
        std::int64_t den = 1;
    };

    [[nodiscard]] static std::optional<rational> product(std::int64_t num, std::int64_t factor, std::int64_t den)
    {
        std::int64_t n = 0;
        if (__builtin_mul_overflow(num, factor, &n) || n == std::numeric_limits<std::int64_t>::min()) return std::nullopt;
        return rational(rational::reduced_tag{}, n, den);
    }
    [[nodiscard]] std::optional<rational> slow(std::int64_t num, std::int64_t factor) const;

    std::int64_t m_den;
    std::int64_t m_mask = 0;            ///< den - 1 when den is a power of two
    std::vector<reduction> m_reduce;    ///< by residue of num modulo den
};

/// `to` minus `from` as they are printed with `decimals` digits (each rounded half away from
/// zero first, as to_fixed does), printed the same way: the difference of two amounts shown
/// side by side, to the cent, whatever their exact values. Computed in 128 bits: never
/// overflows.
[[nodiscard]] std::string printed_difference(const rational& from, const rational& to, int decimals);

/// Parses an unsigned decimal as written in a rule file ("12", "22.5", "1960.00") exactly.
/// Returns std::nullopt if it does not fit in 64 bits.
[[nodiscard]] std::optional<rational> parse_decimal(std::string_view digits);

/// Why parse_decimal refuses `digits`, in words after "the number X ": "is too large
/// (beyond 64 bits)" when its integer part alone does not fit, else "has too many digits
/// for exact arithmetic (beyond 64 bits)" (0.0000000000000000000001 is not large: its
/// denominator is). Precondition: parse_decimal(digits) is std::nullopt. The words are
/// English, marked for the catalogue: show them with messages::tr().
[[nodiscard]] const char* why_not_decimal(std::string_view digits);

/// Number of digits after the decimal point in `digits` as written ("1960.00" -> 2).
[[nodiscard]] std::size_t decimals_written(std::string_view digits);

}  // namespace donum::exact

#endif
