#include <doctest/doctest.h>

#include <numeric>
#include <optional>
#include <vector>

#include <limits>

#include "interpreter/exact/rational.hpp"

using donum::exact::overflow_error;
using donum::exact::parse_decimal;
using donum::exact::rational;

TEST_SUITE("rational")
{
    TEST_CASE("fractions are normalised and compare exactly")
    {
        CHECK(rational(200, 300) == rational(2, 3));
        CHECK(rational(4, -6) == rational(-2, 3));
        CHECK(rational(200, 300) <= rational(2, 3));
        CHECK_FALSE(rational(200, 300) > rational(2, 3));
        CHECK(rational(201, 300) > rational(2, 3));
        // 1/3 + 1/3 + 1/3 is exactly 1, which floating point would not promise.
        CHECK(rational(1, 3) + rational(1, 3) + rational(1, 3) == rational(1));
    }

    TEST_CASE("points and euros are exact")
    {
        const auto points = *parse_decimal("22.5") * rational(4) + rational(280);
        CHECK(points == rational(370));
        CHECK((points * rational(7)).to_fixed(2) == "2590.00");
        CHECK((*parse_decimal("302.5") * rational(7)).to_fixed(2) == "2117.50");
    }

    TEST_CASE("rounding to cents is half away from zero")
    {
        CHECK(rational(1, 200).to_fixed(2) == "0.01");
        CHECK(rational(-1, 200).to_fixed(2) == "-0.01");
        CHECK(rational(1, 300).to_fixed(2) == "0.00");
        CHECK(rational(2, 3).to_percent() == "66.67");
        CHECK(rational(3, 10).to_percent() == "30");
    }

    TEST_CASE("an amount is printed in millions without dividing it first")
    {
        CHECK(rational(12345678).to_fixed(2, -6) == "12.35");
        CHECK(rational(-5000).to_fixed(2, -6) == "-0.01");
        CHECK(rational(4999).to_fixed(2, -6) == "0.00");
        CHECK(rational(1, 1000000000000000000).to_fixed(2, -6) == "0.00");
        CHECK(rational(3, 2).to_fixed(1, 1) == "15.0");
    }

    TEST_CASE("decimals are printed when exact, fractions otherwise")
    {
        CHECK(rational(45, 2).to_string() == "22.5");
        CHECK(rational(2, 3).to_string() == "2/3");
        CHECK(rational(1115).to_string() == "1115");
    }

    TEST_CASE("overflow throws instead of giving a wrong number")
    {
        const rational big(std::numeric_limits<std::int64_t>::max());
        CHECK_THROWS_AS(big + rational(1), overflow_error);
        CHECK_THROWS_AS(big * rational(2), overflow_error);
        CHECK_THROWS_AS(rational(1) / rational(0), std::domain_error);
        // Intermediate products beyond 64 bits are fine when the result fits.
        CHECK(big * rational(1, 2) * rational(2) == big);
    }

    TEST_CASE("parsing decimals rejects what does not fit in 64 bits")
    {
        CHECK(*parse_decimal("1960.00") == rational(1960));
        CHECK(*parse_decimal("0.05") == rational(1, 20));
        CHECK_FALSE(parse_decimal("99999999999999999999").has_value());
        CHECK_FALSE(parse_decimal("1.5x").has_value());
    }

    TEST_CASE("a fraction table reduces as the constructor does, or says it does not fit")
    {
        constexpr auto max = std::numeric_limits<std::int64_t>::max();
        const std::vector<std::int64_t> nums{-max, -1000001, -12, -7, -2, -1, 0, 1, 2, 3, 6, 7, 12, 35, 1000000, 999999999999, max - 1, max};
        for (const std::int64_t den : {1, 2, 3, 4, 6, 7, 8, 10, 12, 100, 1024, 4095, 4096, 4097, 1000003}) {
            CAPTURE(den);
            const donum::exact::fraction_table table(den);
            for (const auto num : nums) {
                for (const std::int64_t factor : {1, 7, -5, 1000003}) {
                    if (std::gcd(factor, den) != 1) continue;
                    CAPTURE(num);
                    CAPTURE(factor);
                    const auto got = table.of(num, factor);
                    std::optional<rational> want;
                    try {
                        want = rational(num, den) * rational(factor);
                    }
                    catch (const overflow_error&) {
                    }
                    REQUIRE(got == want);
                }
            }
        }
    }
}
