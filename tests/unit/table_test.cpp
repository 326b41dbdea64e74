// Tests of activity data loading: mapping of columns, every validation error with its line
// and column, dialects, forced year, and the example population against the reference.
#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "interpreter/compile/driver.hpp"
#include "interpreter/data/table.hpp"

#ifndef DONUM_SOURCE_DIR
#define DONUM_SOURCE_DIR "."
#endif

using namespace donum;

namespace {

using exact::rational;
__extension__ typedef __int128 i128;

std::filesystem::path temp_dir()
{
    const auto dir = std::filesystem::temp_directory_path() / ("donum-table-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    return dir;
}

compile::program compile_text(const std::string& text)
{
    static int counter = 0;
    const auto path = temp_dir() / ("rules" + std::to_string(counter++) + ".donum");
    std::ofstream(path, std::ios::binary) << text;
    auto compiled = compile::compile_rules(path.string(), {});
    REQUIRE(compiled.checked.has_value());
    return std::move(*compiled.checked);
}

// Inputs of every type, one read through a column of another name.
const std::string rules = R"(convention t "Test" { point_value 7 € years 2023, 2024 }
input flag "Flag" boolean
input n "N" count
input d "D" count
input level "Level" integer column "niveau"
group g "G" {
  indicator a "A" calculated: rate(n, d) >= target 50 %
    points 10
  indicator b "B" declared: flag
    points 5
  indicator c "C" calculated: level >= target 3
    points 1
}
)";

const compile::program& small_program()
{
    static const compile::program p = compile_text(rules);
    return p;
}

data::load_result load(const std::string& text, const data::table_options& options = {})
{
    return data::load_table_text("data.csv", text, small_program(), options);
}

std::string errors_text(const data::load_result& r)
{
    std::string out;
    for (const auto& e : r.errors) out += data::format_csv_error(e) + "\n";
    return out;
}

// The only error of `text`, as "line:column: message".
std::string only_error(const std::string& text)
{
    const auto r = load(text);
    REQUIRE_MESSAGE(r.errors.size() == 1, errors_text(r));
    const auto& e = r.errors.front();
    return std::to_string(e.line) + ":" + std::to_string(e.column) + ": " + e.message;
}

const std::string head = "id,year,flag,n,d,niveau\n";

}  // namespace

TEST_SUITE("table")
{
    TEST_CASE("a valid file fills the table in file order")
    {
        const auto r = load(head + "M1,2023,1,5,10,3\nM2,2024,0,0,0,-4\n\nM1,2024,1,7,7,2147483648\n");
        CHECK(r.errors.empty());
        CHECK_FALSE(r.fatal);
        REQUIRE(r.table.size() == 3);
        CHECK(r.table.input_count() == 4);
        CHECK(r.table.id(0) == "M1");
        CHECK(r.table.year(0) == 2023);
        CHECK(r.table.year(1) == 2024);
        CHECK(r.table.year_index(1) == 1);
        CHECK(r.table.line(2) == 5);
        CHECK(r.table.value(0, 1) == 5);
        CHECK(r.table.value(1, 3) == -4);          // an integer input may be negative
        CHECK(r.table.value(2, 3) == 2147483648);  // the column widened to 64 bits
        CHECK(r.table.value(0, 3) == 3);           // and kept its earlier values
        std::vector<std::int64_t> values(4);
        r.table.read_row(0, values);
        CHECK(values == std::vector<std::int64_t>{1, 5, 10, 3});
        CHECK(r.table.year_indexes() == std::vector<std::size_t>{0, 1});
        CHECK(r.table.memory_bytes() > 0);
    }

    TEST_CASE("missing columns are all listed in one error on the header line")
    {
        const auto r = load("\nflag;n;extra\nM1;2023;1;5\n");
        REQUIRE(r.errors.size() == 1);
        CHECK(r.fatal);
        CHECK(r.table.size() == 0);
        CHECK(r.errors[0].line == 2);
        CHECK(r.errors[0].column == 1);
        CHECK(r.errors[0].message == "colonnes manquantes : « id », « year », « d », « niveau » (sans colonne year, donnez l'année avec --year)");
        const auto one = load("id,flag,year,n,d\n");
        REQUIRE(one.errors.size() == 1);
        CHECK(one.errors[0].message == "colonne manquante : « niveau »");
    }

    TEST_CASE("each bad field is an error at its line and column")
    {
        CHECK(only_error(head + "M1,2023,1,5,10,3\nM2,2024,1,abc,10,3\n") == "3:11: colonne « n » : pas un nombre entier (« abc »)");
        CHECK(only_error(head + "M2,2024,1,1.5,10,3\n") == "2:11: colonne « n » : pas un nombre entier : nombre décimal (« 1.5 »)");
        CHECK(only_error(head + "M2,2024,1,,10,3\n") == "2:11: colonne « n » : champ vide");
        CHECK(only_error(head + "M2,2024,1,99999999999999999999,10,3\n") == "2:11: colonne « n » : entier hors limites (« 99999999999999999999 »)");
        CHECK(only_error(head + "M2,2024,1,2,-10,3\n") == "2:13: colonne « d » : un effectif ne peut pas être négatif (-10)");
        CHECK(only_error(head + "M2,2024,2,2,10,3\n") == "2:9: colonne « flag » : un item oui/non vaut 0 ou 1 (ou oui/non, vrai/faux, true/false), pas 2");
        CHECK(only_error(head + "M2,2024,1,12,10,3\n") == "2:11: colonne « n » (12) : au-dessus de son dénominateur « d » (10)");
        CHECK(only_error(head + "M2,2025,1,1,10,3\n") == "2:4: l'année 2025 n'est pas une année du fichier de règles (années : 2023, 2024)");
        CHECK(only_error(head + "M2,24a,1,1,10,3\n") == "2:4: colonne « year » : pas un nombre entier (« 24a »)");
        CHECK(only_error(head + " ,2024,1,1,10,3\n") == "2:1: colonne « id » : champ vide : chaque ligne doit donner l'identifiant du médecin");
        CHECK(only_error(head + "M2,2024,1,1,10\n") == "2:1: la ligne a 5 champs, l'en-tête en a 6");
    }

    TEST_CASE("a duplicate (id, year) names the first row's line")
    {
        const auto r = load(head + "M1,2023,1,5,10,3\nM1,2024,1,5,10,3\n M1 ,2023,0,5,10,3\n");
        REQUIRE(r.errors.size() == 1);
        CHECK(r.errors[0].line == 4);
        CHECK(r.errors[0].column == 1);
        CHECK(r.errors[0].message == "ligne en double pour l'identifiant M1 et l'année 2023 : la première est à la ligne 2");
        CHECK(r.table.size() == 2);
    }

    TEST_CASE("every problem of a file is collected and every rejected row kept with its reasons")
    {
        const auto r = load(head +
                            "M1,2023,1,5,10,3\n"    // 2 ok
                            "M2,2023,2,11,10,x\n"   // 3: boolean, pair, integer
                            "M3,2023,1,5\n"         // 4: field count
                            "M4,2024,1,5,10,3\n"    // 5 ok
                            "M1,2023,1,5,10,3\n"    // 6: duplicate of 2
                            "M5,\"20\"\"23\",0,0,0,0\n"  // 7: year
        );
        CHECK_FALSE(r.fatal);
        CHECK(r.table.size() == 2);
        REQUIRE_MESSAGE(r.errors.size() == 6, errors_text(r));
        REQUIRE(r.rejected.size() == 4);
        CHECK(r.rejected[0].line == 3);
        CHECK(r.rejected[0].id == "M2");
        CHECK(r.rejected[0].fields == std::vector<std::string>{"M2", "2023", "2", "11", "10", "x"});
        CHECK(r.rejected[0].error_count == 3);
        CHECK(r.errors[r.rejected[0].first_error].message == "colonne « flag » : un item oui/non vaut 0 ou 1 (ou oui/non, vrai/faux, true/false), pas 2");
        CHECK(r.errors[r.rejected[0].first_error + 1].message == "colonne « niveau » : pas un nombre entier (« x »)");
        CHECK(r.errors[r.rejected[0].first_error + 2].message == "colonne « n » (11) : au-dessus de son dénominateur « d » (10)");
        CHECK(r.rejected[1].line == 4);
        CHECK(r.rejected[1].fields.empty());
        CHECK(r.rejected[2].line == 6);
        CHECK(r.errors[r.rejected[2].first_error].message == "ligne en double pour l'identifiant M1 et l'année 2023 : la première est à la ligne 2");
        CHECK(r.rejected[3].line == 7);
        CHECK(r.errors[r.rejected[3].first_error].message == "colonne « year » : pas un nombre entier (« 20\"23 »)");
        CHECK(r.table.id(1) == "M4");
    }

    TEST_CASE("a French Excel export (semicolons, BOM, CRLF, quotes) loads like the plain file")
    {
        const auto plain = load(head + "M1,2023,1,5,10,3\nM2,2024,0,0,0,-4\n");
        const auto excel = load("\xEF\xBB\xBFid;year;flag;n;d;niveau\r\n\"M1\";2023;1;5;10;3\r\nM2;2024;0;\"0\";0;-4\r\n");
        REQUIRE(plain.errors.empty());
        REQUIRE_MESSAGE(excel.errors.empty(), errors_text(excel));
        REQUIRE(plain.table.size() == excel.table.size());
        for (std::size_t row = 0; row < plain.table.size(); ++row) {
            CHECK(plain.table.id(row) == excel.table.id(row));
            CHECK(plain.table.year(row) == excel.table.year(row));
            CHECK(plain.table.line(row) == excel.table.line(row));
            for (std::size_t i = 0; i < plain.table.input_count(); ++i) CHECK(plain.table.value(row, i) == excel.table.value(row, i));
        }
        // Columns of an error count bytes after the BOM.
        const auto bad = load("\xEF\xBB\xBFid;year;flag;n;d;niveau\r\nM1;2023;7;5;10;3\r\n");
        REQUIRE(bad.errors.size() == 1);
        CHECK(bad.errors[0].column == 9);
    }

    TEST_CASE("extra columns are ignored and columns may come in any order")
    {
        const auto r = load("note,niveau,d,n,flag,year,id,other\n\"a, b\",3,10,5,1,2023,M1,x\n");
        REQUIRE_MESSAGE(r.errors.empty(), errors_text(r));
        REQUIRE(r.table.size() == 1);
        std::vector<std::int64_t> values(4);
        r.table.read_row(0, values);
        CHECK(values == std::vector<std::int64_t>{1, 5, 10, 3});
        CHECK(r.columns.size() == 8);
    }

    TEST_CASE("a forced year replaces the year column and keys duplicates")
    {
        data::table_options options;
        options.year = 2024;
        const auto r = load("id,flag,n,d,niveau\nM1,1,5,10,3\nM2,1,5,10,3\nM1,0,0,0,0\n", options);
        REQUIRE(r.errors.size() == 1);
        CHECK(r.errors[0].message == "ligne en double pour l'identifiant M1 et l'année 2024 : la première est à la ligne 2");
        CHECK(r.table.size() == 2);
        CHECK(r.table.year(1) == 2024);
        // The year column, when present, is not read at all.
        const auto ignored = load(head + "M1,1999,1,5,10,3\n", options);
        CHECK(ignored.errors.empty());
        CHECK(ignored.table.year(0) == 2024);
        options.year = 2030;
        const auto wrong = load(head + "M1,2023,1,5,10,3\n", options);
        CHECK(wrong.fatal);
        REQUIRE(wrong.errors.size() == 1);
        CHECK(wrong.errors[0].message == "l'année 2030 n'est pas une année du fichier de règles (années : 2023, 2024)");
    }

    TEST_CASE("an empty file or a broken header is fatal")
    {
        CHECK(load("").fatal);
        const auto r = load("id,year,,n\n");
        CHECK(r.fatal);
        CHECK_FALSE(r.errors.empty());
    }

    TEST_CASE("reading in parts, cut anywhere, gives what one part gives")
    {
        // Every kind of row the parts must agree on: quoted line breaks (a cut there is found
        // out and the rows are read again), CRLF and lone CR, blank lines, rejected rows,
        // duplicates of accepted and of rejected rows far apart, a BOM.
        const std::vector<std::string> texts = {
            head + "M1,2023,1,5,10,3\nM2,2023,2,11,10,x\nM3,2023,1,5\n\nM4,2024,1,5,10,3\nM1,2023,1,5,10,3\nM2,2023,1,1,1,1\nM5,\"20\"\"23\",0,0,0,0\n",
            "\xEF\xBB\xBFid;year;flag;n;d;niveau\r\n\"M1\";2023;1;5;10;3\r\n\r\nM2;2024;0;\"0\";0;-4\r\n\"M\r\n1\";2023;1;5;10;3\r\nM1;2023;1;5;10;3\r\nM3;2024;0;0;0;0",
            "id,year,flag,n,d,niveau\rM1,2023,1,5,10,3\rM2,2023,1,\"5\n\",10,3\rM1,2023,0,0,0,0\r",
            head + "\"M\n1\",2023,1,5,10,3\n\"M\n1\",2023,1,5,10,3\n\"M\n2\",2023,1,\"\n\",10,3\n\"M\n2\",2023,1,1,10,3\n",
            head + "M1,2023,1,5,10,3\n\"unterminated,2023,1,5,10,3\nM2,2024,0,0,0,0\n",
        };
        for (const auto& text : texts) {
            CAPTURE(text);
            const auto whole = load(text);
            for (const std::size_t part : {1, 2, 3, 5, 8, 13, 31, 64}) {
                CAPTURE(part);
                data::table_options options;
                options.part_bytes = part;
                const auto cut = load(text, options);
                CHECK(errors_text(cut) == errors_text(whole));
                CHECK(cut.fatal == whole.fatal);
                REQUIRE(cut.rejected.size() == whole.rejected.size());
                for (std::size_t i = 0; i < whole.rejected.size(); ++i) {
                    CHECK(cut.rejected[i].line == whole.rejected[i].line);
                    CHECK(cut.rejected[i].id == whole.rejected[i].id);
                    CHECK(cut.rejected[i].fields == whole.rejected[i].fields);
                    CHECK(cut.rejected[i].first_error == whole.rejected[i].first_error);
                    CHECK(cut.rejected[i].error_count == whole.rejected[i].error_count);
                }
                REQUIRE(cut.table.size() == whole.table.size());
                CHECK(cut.rows == whole.table.size());
                CHECK(cut.year_indexes == whole.table.year_indexes());
                for (std::size_t row = 0; row < whole.table.size(); ++row) {
                    CHECK(cut.table.id(row) == whole.table.id(row));
                    CHECK(cut.table.year(row) == whole.table.year(row));
                    CHECK(cut.table.line(row) == whole.table.line(row));
                    for (std::size_t i = 0; i < whole.table.input_count(); ++i) CHECK(cut.table.value(row, i) == whole.table.value(row, i));
                }
            }
        }
        // And the figures are those a reader of the text expects, not only consistent.
        const auto first = load(texts[0]);
        CHECK(first.table.size() == 2);
        CHECK(first.rejected.size() == 5);
        CHECK(errors_text(first).find("data.csv:7:1: erreur : ligne en double pour l'identifiant M1 et l'année 2023 : la première est à la ligne 2") != std::string::npos);
        CHECK(errors_text(first).find("data.csv:8:1: erreur : ligne en double pour l'identifiant M2 et l'année 2023 : la première est à la ligne 3") != std::string::npos);
        const auto quoted = load(texts[3]);
        CHECK(quoted.table.size() == 1);
        CHECK(errors_text(quoted).find("data.csv:4:1: erreur : ligne en double pour l'identifiant M\n1 et l'année 2023 : la première est à la ligne 2") != std::string::npos);
        CHECK(errors_text(quoted).find("data.csv:9:1: erreur : ligne en double pour l'identifiant M\n2 et l'année 2023 : la première est à la ligne 6") != std::string::npos);
    }
}
