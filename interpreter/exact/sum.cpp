#include "interpreter/exact/sum.hpp"

namespace donum::exact {

void exact_sum::add(const exact_sum& other)
{
    m_integer += other.m_integer;
    for (const auto& [den, num] : other.m_fractions) add(num, den);
}

void exact_sum::subtract(const exact_sum& other)
{
    m_integer -= other.m_integer;
    for (const auto& [den, num] : other.m_fractions) add(-num, den);
}

void exact_sum::add(i128 num, std::int64_t den)
{
    if (den == 1) {
        m_integer += num;
        return;
    }
    // Few denominators ever occur (halves, cents, a point value's): a linear search wins.
    for (auto& [d, n] : m_fractions) {
        if (d == den) {
            n += num;
            return;
        }
    }
    m_fractions.emplace_back(den, num);
}

std::optional<rational> exact_sum::value() const
{
    i128 den = 1;
    for (const auto& [d, n] : m_fractions) {
        if (n == 0) continue;
        if (__builtin_mul_overflow(den / gcd(den, d), static_cast<i128>(d), &den)) return std::nullopt;
    }
    i128 num = 0;
    if (__builtin_mul_overflow(m_integer, den, &num)) return std::nullopt;
    for (const auto& [d, n] : m_fractions) {
        i128 term = 0;
        if (n == 0) continue;
        if (__builtin_mul_overflow(n, den / d, &term) || __builtin_add_overflow(num, term, &num)) return std::nullopt;
    }
    const i128 g = gcd(num, den);
    const auto n64 = narrow(num / g);
    const auto d64 = narrow(den / g);
    if (!n64 || !d64) return std::nullopt;
    return rational(*n64, *d64);
}

}  // namespace donum::exact
