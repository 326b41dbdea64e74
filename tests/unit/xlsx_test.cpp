// Tests of the spreadsheet reader's pieces that need no workbook: cell names and how errors
// found in a sheet's CSV are located at their cells (tests/workbooks reads real workbooks).
#include <doctest/doctest.h>

#include "interpreter/data/xlsx.hpp"

using namespace donum;

TEST_SUITE("xlsx")
{
    TEST_CASE("cells are named as Excel names them")
    {
        CHECK(data::cell_name(12, 1) == "B12");
        CHECK(data::cell_name(1, 0) == "A1");
        CHECK(data::cell_name(1, 25) == "Z1");
        CHECK(data::cell_name(1, 26) == "AA1");
        CHECK(data::cell_name(1, 701) == "ZZ1");
        CHECK(data::cell_name(1048576, 16383) == "XFD1048576");
    }

    TEST_CASE("an error at a field names its cell, counting columns from the header's first")
    {
        data::sheet_csv sheet;
        sheet.sheet = "Données";
        sheet.csv = "id,n,d\n\n\"A,1\",x,10\n";
        sheet.first_column = 1;  // the header starts at B1
        std::vector<data::csv_error> errors{{"f.xlsx", 3, 7, "colonne « n » : pas un nombre entier"}, {"f.xlsx", 3, 0, "la ligne a 2 champs, l'en-tête en a 3"}, {"f.xlsx", 1, 1, "colonne manquante : « k »"}};
        data::name_cells(errors, sheet);
        CHECK(errors[0].message == "C3 : colonne « n » : pas un nombre entier");
        CHECK(errors[0].column == 0);
        CHECK(errors[1].message == "la ligne a 2 champs, l'en-tête en a 3");
        CHECK(errors[2].message == "B1 : colonne manquante : « k »");
    }

    TEST_CASE("a stored number is read in plain decimal, exactly")
    {
        CHECK(data::plain_decimal("12") == "12");
        CHECK(data::plain_decimal("0.5") == "0.5");
        CHECK(data::plain_decimal("2.50") == "2.5");
        CHECK(data::plain_decimal("150.0") == "150");
        CHECK(data::plain_decimal("1.5E+2") == "150");
        CHECK(data::plain_decimal("1E+16") == "10000000000000000");
        CHECK(data::plain_decimal("-1E-3") == "-0.001");
        CHECK(data::plain_decimal("2.9999999999999996") == "2.9999999999999996");
        CHECK(data::plain_decimal("0") == "0");
        CHECK(data::plain_decimal("-0.0") == "0");
        CHECK(data::plain_decimal("007") == "7");
        SUBCASE("anything else is left as it is")
        {
            CHECK(data::plain_decimal("#N/A") == "#N/A");
            CHECK(data::plain_decimal("1E") == "1E");
            CHECK(data::plain_decimal("1E+999") == "1E+999");
            CHECK(data::plain_decimal("") == "");
        }
    }

    TEST_CASE("number formats that show a date or a time are told from the others")
    {
        CHECK(data::is_date_format("dd/mm/yyyy"));
        CHECK(data::is_date_format("[$-40C]d mmmm yyyy"));
        CHECK(data::is_date_format("[h]:mm"));
        CHECK(data::is_date_format("hh:mm AM/PM"));
        CHECK_FALSE(data::is_date_format("General"));
        CHECK_FALSE(data::is_date_format("0.00"));
        CHECK_FALSE(data::is_date_format("# ##0,00 \"m\" [Red]"));
        CHECK_FALSE(data::is_date_format("#,##0.00\\ [$€-40C]"));
        CHECK_FALSE(data::is_date_format("0.0%;[Red]-0.0%"));
        CHECK_FALSE(data::is_date_format("@"));
        CHECK_FALSE(data::is_date_format("0_);(0)"));
    }

    TEST_CASE("a date cell's error says it is a date")
    {
        data::sheet_csv sheet;
        sheet.csv = "id,n\nM1,\n";
        sheet.notes[{2, 1}] = "la cellule contient la date 01/03/2024";
        std::vector<data::csv_error> errors{{"f.xlsx", 2, 4, "colonne « n » : champ vide"}};
        data::name_cells(errors, sheet);
        CHECK(errors[0].message == "B2 : colonne « n » : la cellule contient la date 01/03/2024");
    }
}
