// Tests of decimal inputs: the fixed-point reading of a field (exact/fixed.hpp), a table
// column read by the plain reader and by the full reading (they must agree, cut anywhere),
// the errors at their line and column, and the evaluator's exact value v/10^6.
#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "evaluate_support.hpp"
#include "interpreter/data/table.hpp"
#include "interpreter/data/xlsx.hpp"
#include "interpreter/exact/fixed.hpp"

using namespace donum;
using donum::test::evaluation::compile_text;
using exact::parse_fixed;
using exact::rational;

namespace {

// Hours of SAS, an amount, a count, and a rate of two decimal inputs (a numerator above its
// denominator is refused).
const std::string rules = R"(convention t "Test" { point_value 7 € years 2026 }
input heures "Heures" decimal
input montant "Montant" decimal column "montant_eur"
input actes "Actes" count
input fait "Fait" decimal
input prevu "Prévu" decimal
group g "G" {
  indicator sas "SAS" calculated: heures >= target 2
    points 100
    points 200 at 4
  indicator m "M" calculated: montant > 0.5 and actes >= 1
    points 1
  indicator r "R" calculated: rate(fait, prevu) >= 50 %
    points 1
}
)";

const compile::program& program()
{
    static const compile::program p = compile_text(rules);
    return p;
}

data::load_result load(const std::string& text, std::size_t part_bytes = 0)
{
    data::table_options options;
    options.part_bytes = part_bytes;
    return data::load_table_text("data.csv", text, program(), options);
}

std::string errors_text(const data::load_result& r)
{
    std::string out;
    for (const auto& e : r.errors) out += data::format_csv_error(e) + "\n";
    return out;
}

}  // namespace

TEST_SUITE("decimal")
{
    TEST_CASE("a decimal field is read exactly, scaled by 10^6, with '.' or ','")
    {
        CHECK(parse_fixed("2.5").value == 2'500'000);
        CHECK(parse_fixed("2,5").value == 2'500'000);
        CHECK(parse_fixed(" -0.25\t").value == -250'000);
        CHECK(parse_fixed("+3").value == 3'000'000);
        CHECK(parse_fixed("12").value == 12'000'000);
        CHECK(parse_fixed("0.000001").value == 1);
        CHECK(parse_fixed("-0").value == 0);
        CHECK(parse_fixed("1000.50").value == 1'000'500'000);
        CHECK(parse_fixed("9223372036854.775807").value == std::numeric_limits<std::int64_t>::max());
        CHECK(parse_fixed("-9223372036854.775807").value == -std::numeric_limits<std::int64_t>::max());
        CHECK(parse_fixed("2.5").ok);
    }

    TEST_CASE("a decimal field is refused with its reason, never rounded")
    {
        CHECK(parse_fixed("").error == "empty field");
        CHECK(parse_fixed("  ").error == "empty field");
        CHECK(parse_fixed("0.1234567").error == "too many digits after the decimal point (6 at most)");
        CHECK(parse_fixed("2.5000000").error == "too many digits after the decimal point (6 at most)");
        CHECK(parse_fixed("9223372036854.775808").error == "decimal number out of range");
        CHECK(parse_fixed("99999999999999999999999999").error == "decimal number out of range");
        CHECK(parse_fixed("-9999999999999").error == "decimal number out of range");
        // Exponents are refused: a data file writes hours and euros in plain decimal, and an
        // Excel cell's exponent is expanded by the workbook reader (below).
        for (const std::string_view bad : {"1e3", "2.5.1", "abc", "2.", ".5", "1 000", "--1", "+-1", "2,5,1", "1_0", "0x10", "2.5 h"}) {
            CAPTURE(bad);
            CHECK_FALSE(parse_fixed(bad).ok);
            CHECK(parse_fixed(bad).error == "not a decimal number");
        }
    }

    TEST_CASE("a decimal value is written back without trailing zeros, and as an exact rational")
    {
        CHECK(exact::fixed_text(2'500'000) == "2.5");
        CHECK(exact::fixed_text(-250'000) == "-0.25");
        CHECK(exact::fixed_text(12'000'000) == "12");
        CHECK(exact::fixed_text(1) == "0.000001");
        CHECK(exact::fixed_text(0) == "0");
        CHECK(exact::fixed_text(std::numeric_limits<std::int64_t>::min()) == "-9223372036854.775808");
        CHECK(exact::fixed_value(2'500'000) == rational(5, 2));
        CHECK(exact::fixed_value(1'000'510'000) == rational(100051, 100));
    }

    TEST_CASE("an Excel number cell is read from its stored decimal text, not from a double")
    {
        CHECK(parse_fixed(data::plain_decimal("2.5")).value == 2'500'000);
        CHECK(parse_fixed(data::plain_decimal("2.5E-1")).value == 250'000);
        CHECK(parse_fixed(data::plain_decimal("1.5E+2")).value == 150'000'000);
        // 0.1 + 0.2 as a double: not 0.3, and refused rather than rounded.
        CHECK_FALSE(parse_fixed(data::plain_decimal("0.30000000000000004")).ok);
    }

    TEST_CASE("a decimal column loads the same by the plain reader, the full reading and in parts")
    {
        const std::vector<std::string> texts = {
            "id;year;heures;montant_eur;actes;fait;prevu\nA;2026;2,5;1000,51;3;1;2\nB;2026;4;-12,25;0;0,5;0,5\nC;2026;\"1,5\";0;0;0;0\n",
            "id,year,heures,montant_eur,actes,fait,prevu\nA,2026,\"2,5\",1000.51,3,1,2\nB,2026,4,-12.25,0,0.5,0.5\nC,2026, 1.5 ,0,0,0,0\n",
        };
        for (const auto& text : texts) {
            CAPTURE(text);
            const auto whole = load(text);
            REQUIRE_MESSAGE(whole.errors.empty(), errors_text(whole));
            REQUIRE(whole.table.size() == 3);
            CHECK(whole.table.value(0, 0) == 2'500'000);
            CHECK(whole.table.value(0, 1) == 1'000'510'000);
            CHECK(whole.table.value(0, 2) == 3);
            CHECK(whole.table.value(1, 1) == -12'250'000);
            CHECK(whole.table.value(2, 0) == 1'500'000);
            for (const std::size_t part : {1, 3, 7, 16}) {
                CAPTURE(part);
                const auto cut = load(text, part);
                CHECK(errors_text(cut).empty());
                REQUIRE(cut.table.size() == whole.table.size());
                for (std::size_t row = 0; row < whole.table.size(); ++row) {
                    for (std::size_t i = 0; i < whole.table.input_count(); ++i) CHECK(cut.table.value(row, i) == whole.table.value(row, i));
                }
            }
        }
    }

    TEST_CASE("a bad decimal field is an error at its line and column, and a count still refuses 2.5")
    {
        const auto r = load("id,year,heures,montant_eur,actes,fait,prevu\n"
                            "A,2026,2.5.1,0,0,0,0\n"
                            "B,2026,abc,0,0,0,0\n"
                            "C,2026,0.1234567,0,0,0,0\n"
                            "D,2026,,0,0,0,0\n"
                            "E,2026,99999999999999,0,0,0,0\n"
                            "F,2026,1,0,2.5,0,0\n"
                            "G,2026,1,0,0,2.5,2\n");
        CHECK(r.table.size() == 0);
        CHECK(errors_text(r) ==
              "data.csv:2:8: erreur : colonne « heures » : pas un nombre décimal (« 2.5.1 »)\n"
              "data.csv:3:8: erreur : colonne « heures » : pas un nombre décimal (« abc »)\n"
              "data.csv:4:8: erreur : colonne « heures » : trop de chiffres après la virgule (6 au plus) (« 0.1234567 »)\n"
              "data.csv:5:8: erreur : colonne « heures » : champ vide\n"
              "data.csv:6:8: erreur : colonne « heures » : nombre décimal hors limites (« 99999999999999 »)\n"
              "data.csv:7:12: erreur : colonne « actes » : pas un nombre entier : nombre décimal (« 2.5 »)\n"
              "data.csv:8:14: erreur : colonne « fait » (2.5) : au-dessus de son dénominateur « prevu » (2)\n");
    }

    TEST_CASE("two versions cannot read one column as decimal and as a whole number")
    {
        const auto whole = compile_text(R"(convention w "W" { point_value 7 € years 2026 }
input heures "Heures" count
group g "G" {
  indicator sas "SAS" calculated: heures >= 2
    points 100
}
)");
        const std::vector<const compile::program*> both{&program(), &whole};
        CHECK_THROWS_WITH_AS((void)data::schema_of(both), "la colonne « heures » est une entrée decimal dans une version et un nombre entier dans une autre : déclarez-la de la même façon dans les deux", data::mixed_column);
        const std::vector<const compile::program*> alone{&program(), &program()};
        CHECK(data::schema_of(alone).columns.front().type == grammar::ast::input_type::decimal);
    }

    TEST_CASE("the evaluator reads a decimal input as v/10^6, exactly, in levels and comparisons")
    {
        const auto& p = program();
        const eval::evaluator e(p, 2026);
        const auto paid = [&](std::int64_t heures, std::int64_t montant, std::int64_t actes) {
            const std::vector<std::int64_t> row{heures, montant, actes, 0, 1'000'000};
            auto full = e.evaluate(row);
            eval::result amounts;
            e.evaluate_amounts(row, amounts);
            CHECK(amounts.points == full.points);
            return full.points;
        };
        CHECK(paid(1'500'000, 0, 0) == 0);
        CHECK(paid(2'000'000, 0, 0) == 100);
        CHECK(paid(2'500'000, 0, 0) == 100);
        CHECK(paid(3'999'999, 0, 0) == 100);
        CHECK(paid(4'000'000, 0, 0) == 200);
        CHECK(paid(1'999'999, 500'000, 1) == 0);  // 0.5 is not above 0.5
        CHECK(paid(1'999'999, 500'001, 1) == 1);
        // rate(0.5, 1) >= 50 %: a rate of two decimal inputs is exact too.
        const auto r = e.evaluate(std::vector<std::int64_t>{0, 0, 0, 500'000, 1'000'000});
        CHECK(r.points == 1);
    }
}
