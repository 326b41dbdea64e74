#include "interpreter/exact/rational.hpp"

#include <limits>
#include <numeric>

#include <fmt/format.h>

#include "interpreter/exact/int128.hpp"
#include "interpreter/messages/messages.hpp"

namespace donum::exact {

// Builds a rational from a fraction already reduced, without normalising it again.
struct rational_access {
    static rational reduced(std::int64_t num, std::int64_t den) { return {rational::reduced_tag{}, num, den}; }
};

namespace {

constexpr std::int64_t min64 = std::numeric_limits<std::int64_t>::min();

// v in 64 bits, or the overflow_error every rational operator throws.
std::int64_t checked(i128 v)
{
    const auto n = narrow(v);
    if (!n) throw overflow_error(messages::tr("number too large for exact arithmetic (beyond 64 bits)"));
    return *n;
}

// Normalises a 128-bit fraction and narrows it to 64 bits, so that intermediate products
// may exceed 64 bits as long as the reduced result fits.
rational make(i128 num, i128 den)
{
    if (den == 0) {
        throw std::domain_error(messages::tr("division by zero"));
    }
    if (den < 0) {
        num = -num;
        den = -den;
    }
    // The usual case, both within 64 bits: a 64-bit gcd (128-bit division is a library call,
    // several times slower, and a row's payment reduces a few fractions).
    constexpr i128 max = std::numeric_limits<std::int64_t>::max();
    if (num >= -max && num <= max && den <= max) {
        auto n = static_cast<std::int64_t>(num);
        auto d = static_cast<std::int64_t>(den);
        const auto a = static_cast<std::int64_t>(std::gcd(static_cast<std::uint64_t>(n < 0 ? -n : n), static_cast<std::uint64_t>(d)));
        if (a > 1) {
            n /= a;
            d /= a;
        }
        return rational_access::reduced(n, d);
    }
    const i128 a = gcd(num, den);
    if (a > 1) {
        num /= a;
        den /= a;
    }
    return rational_access::reduced(checked(num), checked(den));
}

std::string i128_to_string(i128 v)
{
    if (v == 0) {
        return "0";
    }
    const bool negative = v < 0;
    if (negative) {
        v = -v;
    }
    std::string out;
    while (v > 0) {
        out.insert(out.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
        v /= 10;
    }
    if (negative) {
        out.insert(out.begin(), '-');
    }
    return out;
}

// Rounds num/den * 10^decimals to the nearest integer, half away from zero.
i128 scaled_round(std::int64_t num, std::int64_t den, int decimals)
{
    i128 scale = 1;
    for (int i = 0; i < decimals; ++i) {
        scale *= 10;
    }
    const i128 n = static_cast<i128>(num) * scale;
    const i128 d = den;
    const i128 magnitude = ((n < 0 ? -n : n) * 2 + d) / (2 * d);
    return n < 0 ? -magnitude : magnitude;
}

std::string fixed_string(i128 scaled, int decimals)
{
    const bool negative = scaled < 0;
    std::string digits = i128_to_string(negative ? -scaled : scaled);
    if (decimals > 0) {
        while (digits.size() <= static_cast<std::size_t>(decimals)) {
            digits.insert(digits.begin(), '0');
        }
        digits.insert(digits.end() - decimals, '.');
    }
    return negative ? "-" + digits : digits;
}

}  // namespace

rational::rational(std::int64_t num, std::int64_t den)
{
    if (num == min64 || den == min64) {
        throw overflow_error(messages::tr("number too large for exact arithmetic (beyond 64 bits)"));
    }
    *this = make(num, den);
}

rational operator+(const rational& a, const rational& b)
{
    if (a.m_den == b.m_den) {
        return make(static_cast<i128>(a.m_num) + b.m_num, a.m_den);
    }
    return make(static_cast<i128>(a.m_num) * b.m_den + static_cast<i128>(b.m_num) * a.m_den, static_cast<i128>(a.m_den) * b.m_den);
}

rational operator-(const rational& a, const rational& b)
{
    return a + (-b);
}

rational operator-(const rational& a)
{
    rational r;
    r.m_num = checked(-static_cast<i128>(a.m_num));
    r.m_den = a.m_den;
    return r;
}

rational operator*(const rational& a, const rational& b)
{
    return make(static_cast<i128>(a.m_num) * b.m_num, static_cast<i128>(a.m_den) * b.m_den);
}

rational operator/(const rational& a, const rational& b)
{
    if (b.m_num == 0) {
        throw std::domain_error(messages::tr("division by zero"));
    }
    return make(static_cast<i128>(a.m_num) * b.m_den, static_cast<i128>(a.m_den) * b.m_num);
}

std::strong_ordering operator<=>(const rational& a, const rational& b)
{
    const i128 left = static_cast<i128>(a.m_num) * b.m_den;
    const i128 right = static_cast<i128>(b.m_num) * a.m_den;
    if (left < right) return std::strong_ordering::less;
    if (left > right) return std::strong_ordering::greater;
    return std::strong_ordering::equal;
}

std::string rational::to_string(int max_decimals) const
{
    if (m_den == 1) {
        return std::to_string(m_num);
    }
    // A decimal exists iff den divides some power of ten within max_decimals digits.
    i128 scale = 1;
    for (int d = 1; d <= max_decimals; ++d) {
        scale *= 10;
        if (scale % m_den == 0) {
            return fixed_string(static_cast<i128>(m_num) * (scale / m_den), d);
        }
    }
    return fmt::format("{}/{}", m_num, m_den);
}

std::string rational::to_fixed(int decimals) const
{
    return fixed_string(scaled_round(m_num, m_den, decimals), decimals);
}

std::string rational::to_fixed(int decimals, int power) const
{
    const int digits = decimals + power;
    if (digits >= 0) return fixed_string(scaled_round(m_num, m_den, digits), decimals);
    // Fewer digits than units: divide the denominator instead (|digits| <= 18 keeps it in
    // 128 bits).
    i128 scale = 1;
    for (int i = 0; i < -digits; ++i) scale *= 10;
    const i128 n = m_num;
    const i128 d = static_cast<i128>(m_den) * scale;
    const i128 magnitude = ((n < 0 ? -n : n) * 2 + d) / (2 * d);
    return fixed_string(n < 0 ? -magnitude : magnitude, decimals);
}

rational rational::rounded(int decimals) const
{
    i128 scale = 1;
    for (int i = 0; i < decimals; ++i) scale *= 10;
    return make(scaled_round(m_num, m_den, decimals), scale);
}

std::string rational::to_percent(int decimals) const
{
    const i128 scaled = scaled_round(m_num, m_den, decimals + 2);
    std::string out = fixed_string(scaled, decimals);
    // Trailing zeros say nothing in a percentage ("30.00" -> "30").
    if (out.find('.') != std::string::npos) {
        while (out.back() == '0') out.pop_back();
        if (out.back() == '.') out.pop_back();
    }
    return out;
}

fraction_table::fraction_table(std::int64_t den) : m_den(den)
{
    if (den <= 0) throw std::domain_error("fraction_table: the denominator must be above 0");
    if (den == 1 || den > 4096) return;
    if ((den & (den - 1)) == 0) m_mask = den - 1;
    m_reduce.resize(static_cast<std::size_t>(den));
    for (std::int64_t residue = 0; residue < den; ++residue) {
        const auto g = std::gcd(residue, den);
        auto& r = m_reduce[static_cast<std::size_t>(residue)];
        r.den = den / g;
        auto odd = static_cast<std::uint64_t>(g);
        while ((odd & 1U) == 0) {
            odd >>= 1U;
            ++r.shift;
        }
        // Newton's iteration doubles the correct low bits of an inverse modulo 2^64: from 3
        // (odd * odd = 1 mod 8), five steps reach 96.
        std::uint64_t inverse = odd;
        for (int i = 0; i < 5; ++i) inverse *= 2 - odd * inverse;
        r.inverse = inverse;
    }
}

std::optional<rational> fraction_table::slow(std::int64_t num, std::int64_t factor) const
{
    const auto magnitude = num < 0 ? ~static_cast<std::uint64_t>(num) + 1 : static_cast<std::uint64_t>(num);
    const auto g = static_cast<std::int64_t>(std::gcd(magnitude, static_cast<std::uint64_t>(m_den)));
    return product(num / g, factor, m_den / g);
}

std::string printed_difference(const rational& from, const rational& to, int decimals)
{
    return fixed_string(scaled_round(to.num(), to.den(), decimals) - scaled_round(from.num(), from.den(), decimals), decimals);
}

const char* why_not_decimal(std::string_view digits)
{
    const auto whole = digits.substr(0, digits.find('.'));
    return parse_decimal(whole) ? messages::N_("has too many digits for exact arithmetic (beyond 64 bits)") : messages::N_("is too large (beyond 64 bits)");
}

std::optional<rational> parse_decimal(std::string_view digits)
{
    i128 num = 0;
    i128 den = 1;
    bool after_point = false;
    for (const char c : digits) {
        if (c == '.') {
            after_point = true;
            continue;
        }
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        num = num * 10 + (c - '0');
        if (after_point) {
            den *= 10;
        }
        if (num > std::numeric_limits<std::int64_t>::max() || den > std::numeric_limits<std::int64_t>::max()) {
            return std::nullopt;
        }
    }
    try {
        return make(num, den);
    }
    catch (const overflow_error&) {
        return std::nullopt;
    }
}

std::size_t decimals_written(std::string_view digits)
{
    const auto point = digits.find('.');
    return point == std::string_view::npos ? 0 : digits.size() - point - 1;
}

}  // namespace donum::exact
