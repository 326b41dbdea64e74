// Tests of the French vocabulary: shares, amounts, points, rates and slot values.
#include <doctest/doctest.h>

#include "interpreter/text/fr.hpp"

using namespace donum;
using exact::rational;

TEST_SUITE("fr")
{
    TEST_CASE("numbers are written the same way everywhere")
    {
        CHECK(text::share(871, 1000) == "87,1 %");
        CHECK(text::share(1, 3, 2) == "33,33 %");
        CHECK(text::share(5, 0) == "-");
        CHECK(text::share_number(1, 8) == "12,5");
        CHECK(text::euros(rational(123455, 100)) == "1 234,55 €");
        CHECK(text::euros(rational(1187124750, 100)) == "11 871 247,50 €");
        CHECK(text::signed_euros(rational(25, 2)) == "+12,50 €");
        CHECK(text::signed_euros(rational(-1234567)) == "-1 234 567,00 €");
        CHECK(text::signed_euros(rational(0)) == "0,00 €");
        CHECK(text::points(rational(3, 2)) == "1,5 point");
        CHECK(text::points(rational(45, 2)) == "22,5 points");
        CHECK(text::plural(1, "acte", "actes") == "1 acte");
        CHECK(text::plural(3000, "acte", "actes") == "3 000 actes");
        CHECK(text::rate_value(rational(1, 4)) == "= 25 %");
        CHECK(text::rate_value(rational(2, 3)) == "≈ 66,67 %");
        CHECK(text::count(999) == "999");
        CHECK(text::count(1000000) == "1 000 000");
        CHECK(text::number(rational(2, 3)) == "2/3");
    }

    TEST_CASE("plain numbers on request, for scripts")
    {
        text::set_number_writing(text::number_writing::plain);
        CHECK(text::euros(rational(1187124750, 100)) == "11871247.50 €");
        CHECK(text::points(rational(45, 2)) == "22.5 points");
        CHECK(text::share(871, 1000) == "87.1 %");
        CHECK(text::count(3000) == "3000");
        // donum serve's console line stays French while its API writes plain numbers.
        CHECK(text::grouped_count(115000) == "115 000");
        text::set_number_writing(text::number_writing::french);
        CHECK(text::count(3000) == "3 000");
    }

    TEST_CASE("a slot value is written in its unit")
    {
        compile::slot rate;
        rate.type = compile::value_type::rate;
        CHECK(text::slot_value(rate, rational(3, 10)) == "30 %");
        CHECK(text::slot_value(rate, rational(2, 3)) == "2/3");
        CHECK(text::slot_value(rate, std::nullopt) == "XX");
        compile::slot euro;
        euro.type = compile::value_type::euro;
        CHECK(text::slot_value(euro, rational(7)) == "7,00 €");
        compile::slot points;
        points.type = compile::value_type::points;
        CHECK(text::slot_value(points, rational(45, 2)) == "22,5");
    }

    TEST_CASE("a percentage never overflows: the point moves, nothing is multiplied")
    {
        CHECK(text::short_percent(rational(3, 10)) == "30");
        CHECK(text::short_percent(rational(61, 200)) == "30.5");
        CHECK(text::short_percent(rational(1, 2000)) == "0.05");
        CHECK(text::short_percent(rational(3)) == "300");
        CHECK(text::short_percent(rational(0)) == "0");
        CHECK(text::short_percent(rational(-1, 4)) == "-25");
        CHECK(text::short_percent(rational(1, 3)) == std::nullopt);
        const rational fine(4611686018427387903, 9223372036854775807);
        CHECK(text::short_percent(fine) == std::nullopt);
        compile::slot rate;
        rate.type = compile::value_type::rate;
        CHECK(text::slot_value(rate, fine) == "4611686018427387903/9223372036854775807");
        CHECK(text::rate_value(fine) == "≈ 50 %");
    }
}
