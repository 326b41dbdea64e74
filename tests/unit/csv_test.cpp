// Tests of the CSV reader: dialects, quoting, positions of errors, recovery, robustness.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "interpreter/data/csv.hpp"
#include "interpreter/messages/messages.hpp"

namespace {

using donum::data::csv_callbacks;
using donum::data::csv_error;
using donum::data::csv_header;
using donum::data::csv_row;

/// Everything a read produced, copied out of the callbacks.
struct read_log {
    bool result = false;
    bool header_seen = false;
    csv_header header;
    std::vector<std::vector<std::string>> rows;
    std::vector<std::size_t> row_lines;
    std::vector<std::size_t> row_indexes;
    std::vector<std::vector<std::size_t>> row_columns;
    std::vector<std::vector<std::size_t>> field_lines;
    std::vector<csv_error> errors;
};

csv_callbacks logging_callbacks(read_log& log) {
    csv_callbacks callbacks;
    callbacks.on_header = [&log](const csv_header& header) {
        log.header_seen = true;
        log.header = header;
        return true;
    };
    callbacks.on_row = [&log](const csv_row& row) {
        log.rows.emplace_back(row.fields.begin(), row.fields.end());
        log.row_lines.push_back(row.line);
        log.row_indexes.push_back(row.index);
        log.row_columns.emplace_back(row.columns.begin(), row.columns.end());
        log.field_lines.emplace_back(row.lines.begin(), row.lines.end());
        return true;
    };
    callbacks.on_error = [&log](const csv_error& error) {
        log.errors.push_back(error);
        return true;
    };
    return callbacks;
}

read_log read(std::string_view text) {
    read_log log;
    log.result = donum::data::read_csv_text("data.csv", text, logging_callbacks(log));
    return log;
}

using rows_t = std::vector<std::vector<std::string>>;
using names_t = std::vector<std::string>;

}  // namespace

TEST_SUITE("csv") {

TEST_CASE("a comma file gives its header, its rows in order and the position of each field") {
    const auto log = read("id,name,count\n1,alice,10\n2,bob,20\n");
    CHECK(log.result);
    CHECK(log.errors.empty());
    REQUIRE(log.header_seen);
    CHECK(log.header.file == "data.csv");
    CHECK(log.header.separator == ',');
    CHECK(log.header.names == names_t{"id", "name", "count"});
    CHECK(log.header.line == 1);
    CHECK(log.rows == rows_t{{"1", "alice", "10"}, {"2", "bob", "20"}});
    CHECK(log.row_lines == std::vector<std::size_t>{2, 3});
    CHECK(log.row_indexes == std::vector<std::size_t>{0, 1});
    CHECK(log.row_columns[0] == std::vector<std::size_t>{1, 3, 9});
    CHECK(log.field_lines[1] == std::vector<std::size_t>{3, 3, 3});
}

TEST_CASE("a semicolon file with a BOM and CRLF is read like a comma file") {
    const auto comma = read("id,name,count\n1,alice,10\n2,bob,20\n");
    const auto semicolon = read("\xEF\xBB\xBFid;name;count\r\n1;alice;10\r\n2;bob;20\r\n");
    CHECK(semicolon.errors.empty());
    CHECK(semicolon.header.separator == ';');
    CHECK(semicolon.header.names == comma.header.names);
    CHECK(semicolon.rows == comma.rows);
    CHECK(semicolon.row_lines == comma.row_lines);
    CHECK(semicolon.row_columns == comma.row_columns);  // the BOM is not counted in columns
}

TEST_CASE("lone CR line ends separate records and count as lines") {
    const auto log = read("a,b\r1,2\r3,4\r");
    CHECK(log.errors.empty());
    CHECK(log.rows == rows_t{{"1", "2"}, {"3", "4"}});
    CHECK(log.row_lines == std::vector<std::size_t>{2, 3});
}

TEST_CASE("the last record needs no final line end") {
    const auto log = read("a,b\n1,2");
    CHECK(log.errors.empty());
    CHECK(log.rows == rows_t{{"1", "2"}});
}

TEST_CASE("quoted fields are unquoted with doubled quotes, separators and line ends inside") {
    const auto log = read("a,b,c\n\"x,y\",\"say \"\"hi\"\"\",\"\"\n\"\"\"\",plain,\"\"\"q\"\"\"\n");
    CHECK(log.errors.empty());
    CHECK(log.rows == rows_t{{"x,y", "say \"hi\"", ""}, {"\"", "plain", "\"q\""}});
}

TEST_CASE("line ends inside quotes are kept and line numbers stay physical") {
    const auto log = read("a,b,c\n1,\"two\nlines\",3\n4,\"crlf\r\ninside\",6\n7,\"cr\rinside\",9\n10,11,12\n");
    CHECK(log.errors.empty());
    CHECK(log.rows == rows_t{{"1", "two\nlines", "3"},
                             {"4", "crlf\r\ninside", "6"},
                             {"7", "cr\rinside", "9"},
                             {"10", "11", "12"}});
    CHECK(log.row_lines == std::vector<std::size_t>{2, 4, 6, 8});
    // The third field of the first row starts on line 3, column 8 (after `lines",`).
    CHECK(log.field_lines[0] == std::vector<std::size_t>{2, 2, 3});
    CHECK(log.row_columns[0] == std::vector<std::size_t>{1, 3, 8});
}

TEST_CASE("an error after a multi-line quoted field points at the physical line") {
    const auto log = read("a,b\n\"x\ny\",1,extra\n");
    REQUIRE(log.errors.size() == 1);
    CHECK(log.errors[0].line == 3);
    CHECK(log.errors[0].column == 6);
    CHECK(log.errors[0].message == "la ligne a 3 champs, l'en-tête en a 2");
}

TEST_CASE("the separator is the one occurring more outside quotes on the header line") {
    CHECK(read("\"a,b,c\";d\n1;2\n").header.separator == ';');
    CHECK(read("\"a;b;c\",d\n1,2\n").header.separator == ',');
    CHECK(read("a;b,c\n").header.separator == ',');  // tie
    CHECK(read("alone\n").header.separator == ',');   // none
    // Commas in data rows of a semicolon file are data (French decimals).
    const auto log = read("a;b\n1,5;2\n");
    CHECK(log.errors.empty());
    CHECK(log.rows == rows_t{{"1,5", "2"}});
}

TEST_CASE("blanks around a quoted field are ignored, a quote inside a plain field is data") {
    const auto log = read("a,b,c\n1, \"x,y\" ,5\"\n");
    CHECK(log.errors.empty());
    CHECK(log.rows == rows_t{{"1", "x,y", "5\""}});
    CHECK(log.row_columns[0] == std::vector<std::size_t>{1, 3, 11});
}

TEST_CASE("header names are unquoted and trimmed, data fields are not trimmed") {
    const auto log = read(" id ,\"  name\",\t\"x;y\" \n 1 , a ,b\n");
    CHECK(log.errors.empty());
    CHECK(log.header.names == names_t{"id", "name", "x;y"});
    CHECK(log.rows == rows_t{{" 1 ", " a ", "b"}});
}

TEST_CASE("an empty file is an error on line 1 with no column") {
    for (const std::string_view text : {std::string_view{""}, std::string_view{"\xEF\xBB\xBF"},
                                        std::string_view{"\n\r\n\r"}}) {
        const auto log = read(text);
        CHECK(log.result);
        CHECK_FALSE(log.header_seen);
        REQUIRE(log.errors.size() == 1);
        CHECK(log.errors[0].message == "fichier vide : pas de ligne d'en-tête");
        CHECK(log.errors[0].line == 1);
        CHECK(log.errors[0].column == 0);
    }
}

TEST_CASE("a header without rows is fine and calls no row callback") {
    const auto log = read("a,b\n\n");
    CHECK(log.result);
    CHECK(log.header_seen);
    CHECK(log.errors.empty());
    CHECK(log.rows.empty());
}

TEST_CASE("blank lines are skipped anywhere, including before the header") {
    const auto log = read("\n\na,b\n\n1,2\r\n\r\n\n3,4\n\n\n");
    CHECK(log.errors.empty());
    CHECK(log.header.line == 3);
    CHECK(log.rows == rows_t{{"1", "2"}, {"3", "4"}});
    CHECK(log.row_lines == std::vector<std::size_t>{5, 8});
}

TEST_CASE("an unterminated quote is reported at the opening quote and ends reading") {
    const auto log = read("a,b\n1,2\n3,\"open\n4,5\n6,7\n");
    CHECK(log.result);
    CHECK(log.rows == rows_t{{"1", "2"}});
    REQUIRE(log.errors.size() == 1);
    CHECK(log.errors[0].line == 3);
    CHECK(log.errors[0].column == 3);
    CHECK(log.errors[0].message.find("non terminé") != std::string::npos);

    const auto in_header = read("a,\"b\n1,2\n");
    CHECK_FALSE(in_header.header_seen);
    REQUIRE(in_header.errors.size() == 1);
    CHECK(in_header.errors[0].line == 1);
    CHECK(in_header.errors[0].column == 3);
}

TEST_CASE("text after a closing quote rejects the row and reading goes on") {
    const auto log = read("a,b,c\n1,\"ab\"c,3\n4,\"ok\"  ,6\n");
    REQUIRE(log.errors.size() == 1);
    CHECK(log.errors[0].line == 2);
    CHECK(log.errors[0].column == 3);
    CHECK(log.errors[0].message.find("après le guillemet fermant") != std::string::npos);
    CHECK(log.rows == rows_t{{"4", "ok", "6"}});  // spaces after a closing quote are allowed
    CHECK(log.row_indexes == std::vector<std::size_t>{0});
}

TEST_CASE("NUL bytes are reported with their position and the row is skipped") {
    using namespace std::string_literals;
    const auto log = read("a,b\n1,x\0y\n2,\"q\0\"\n3,4\n"s);
    REQUIRE(log.errors.size() == 2);
    CHECK(log.errors[0].line == 2);
    CHECK(log.errors[0].column == 4);
    CHECK(log.errors[0].message == "octet NUL dans les données");
    CHECK(log.errors[1].line == 3);
    CHECK(log.errors[1].column == 5);
    CHECK(log.rows == rows_t{{"3", "4"}});

    const auto in_header = read("a,\0\n1,2\n"s);
    CHECK_FALSE(in_header.header_seen);
    REQUIRE(in_header.errors.size() == 1);
    CHECK(in_header.errors[0].column == 3);
}

TEST_CASE("invalid UTF-8 passes through as bytes") {
    const auto log = read("nom,\xC3\xA9t\xC3\xA9\n\xFF\xFE,\xC3\n");
    CHECK(log.errors.empty());
    CHECK(log.header.names == names_t{"nom", "\xC3\xA9t\xC3\xA9"});
    CHECK(log.rows == rows_t{{"\xFF\xFE", "\xC3"}});
}

TEST_CASE("duplicate and empty header names are reported at their column") {
    const auto log = read("id,name, id ,,x\n1,2,3,4,5\n");
    CHECK(log.result);
    CHECK_FALSE(log.header_seen);
    CHECK(log.rows.empty());
    REQUIRE(log.errors.size() == 2);
    CHECK(log.errors[0].line == 1);
    CHECK(log.errors[0].column == 9);
    CHECK(log.errors[0].message.find("nom de colonne « id » en double") != std::string::npos);
    CHECK(log.errors[1].column == 14);
    CHECK(log.errors[1].message.find("nom de colonne vide") != std::string::npos);

    const auto trailing = read("a,b,\n");  // a trailing separator makes an empty name
    REQUIRE(trailing.errors.size() == 1);
    CHECK(trailing.errors[0].column == 5);
}

TEST_CASE("a corrupt header reports a bounded number of errors") {
    const auto log = read(std::string(1000, ',') + "\n");
    CHECK(log.errors.size() == 21);
    CHECK(log.errors.back().message.find("trop de problèmes") != std::string::npos);

    const auto wide = read(std::string(donum::data::csv_max_columns + 10, ';'));
    REQUIRE(wide.errors.size() == 1);
    CHECK(wide.errors[0].message.find("plus de") != std::string::npos);
}

TEST_CASE("rows with too many or too few fields are reported and reading continues") {
    const auto log = read("a,b,c\n1,2,3,4,5\n6,7\n8,9,10\n,,\n");
    CHECK(log.result);
    REQUIRE(log.errors.size() == 2);
    CHECK(log.errors[0].line == 2);
    CHECK(log.errors[0].column == 7);  // the first extra field
    CHECK(log.errors[0].message == "la ligne a 5 champs, l'en-tête en a 3");
    CHECK(log.errors[1].line == 3);
    CHECK(log.errors[1].column == 1);
    CHECK(log.errors[1].message == "la ligne a 2 champs, l'en-tête en a 3");
    CHECK(log.rows == rows_t{{"8", "9", "10"}, {"", "", ""}});
    CHECK(log.row_lines == std::vector<std::size_t>{4, 5});
    CHECK(log.row_indexes == std::vector<std::size_t>{0, 1});
    CHECK(read("a,b\n1\n").errors.at(0).message == "la ligne a 1 champ, l'en-tête en a 2");
}

TEST_CASE("a callback returning false stops reading and makes the read return false") {
    read_log log;
    auto callbacks = logging_callbacks(log);
    callbacks.on_row = [&log](const csv_row& row) {
        log.rows.emplace_back(row.fields.begin(), row.fields.end());
        return false;
    };
    CHECK_FALSE(donum::data::read_csv_text("x", "a\n1\n2\n", callbacks));
    CHECK(log.rows.size() == 1);

    callbacks.on_header = [](const csv_header&) { return false; };
    CHECK_FALSE(donum::data::read_csv_text("x", "a\n1\n", callbacks));
    CHECK(log.rows.size() == 1);

    int errors = 0;
    callbacks = csv_callbacks{};
    callbacks.on_error = [&errors](const csv_error&) { return ++errors < 2; };
    CHECK_FALSE(donum::data::read_csv_text("x", "a,b\n1\n2\n3\n", callbacks));
    CHECK(errors == 2);
}

TEST_CASE("empty callbacks are allowed") {
    CHECK(donum::data::read_csv_text("x", "a,b\n1,2\n3\n", csv_callbacks{}));
}

TEST_CASE("a 50 MB single line is read without trouble") {
    const std::size_t big = 50U << 20U;
    SUBCASE("one unquoted data field") {
        const auto log = read("a,b\n1," + std::string(big, 'x') + "\n");
        CHECK(log.errors.empty());
        REQUIRE(log.rows.size() == 1);
        CHECK(log.rows[0][1].size() == big);
    }
    SUBCASE("one quoted data field full of doubled quotes") {
        std::string text = "a\n\"";
        for (std::size_t i = 0; i < big / 2; ++i) {
            text += "\"\"";
        }
        text += "\"";
        const auto log = read(text);
        CHECK(log.errors.empty());
        REQUIRE(log.rows.size() == 1);
        CHECK(log.rows[0][0] == std::string(big / 2, '"'));
    }
    SUBCASE("a row made only of separators") {
        const auto log = read("a,b\n" + std::string(big, ','));
        REQUIRE(log.errors.size() == 1);
        CHECK(log.errors[0].message == fmt::format("la ligne a {} champs, l'en-tête en a 2", big + 1));
    }
    SUBCASE("an unterminated quote at the start of a huge line") {
        const auto log = read("a,b\n\"" + std::string(big, 'x'));
        REQUIRE(log.errors.size() == 1);
        CHECK(log.errors[0].column == 1);
    }
}

TEST_CASE("errors are formatted like compiler diagnostics") {
    using donum::data::format_csv_error;
    CHECK(format_csv_error({"d.csv", 3, 7, "boom"}) == "d.csv:3:7: erreur : boom");
    CHECK(format_csv_error({"d.csv", 1, 0, "fichier vide"}) == "d.csv:1: erreur : fichier vide");
}

TEST_CASE("with --lang en, the errors are the English texts of the code") {
    namespace msg = donum::messages;
    msg::set_language(msg::language::en);
    CHECK(donum::data::format_csv_error({"d.csv", 3, 7, "boom"}) == "d.csv:3:7: error: boom");
    CHECK(read("a,b\n1,2,3\n").errors.at(0).message == "row has 3 fields, header has 2");
    CHECK(read("a,b\n1\n").errors.at(0).message == "row has 1 field, header has 2");
    msg::set_language(msg::language::fr);
}

TEST_CASE("a file on disk is read, a missing file throws csv_io_error") {
    const auto path = std::filesystem::temp_directory_path() / "donum_csv_test_file.csv";
    {
        std::ofstream out{path, std::ios::binary};
        out << "\xEF\xBB\xBFx;y\r\n1;\"a\r\nb\"\r\n";
    }
    read_log log;
    CHECK(donum::data::read_csv_file(path.string(), logging_callbacks(log)));
    std::filesystem::remove(path);
    CHECK(log.errors.empty());
    CHECK(log.header.file == path.string());
    CHECK(log.rows == rows_t{{"1", "a\r\nb"}});

    CHECK_THROWS_AS(donum::data::read_csv_file("/nonexistent/donum.csv", csv_callbacks{}),
                    donum::data::csv_io_error);
    CHECK_THROWS_AS(donum::data::read_csv_file(
                        std::filesystem::temp_directory_path().string(), csv_callbacks{}),
                    donum::data::csv_io_error);
}

TEST_CASE("integer fields accept signs and surrounding spaces") {
    using donum::data::parse_int_field;
    CHECK(parse_int_field("12").ok);
    CHECK(parse_int_field("12").value == 12);
    CHECK(parse_int_field(" 12 ").value == 12);
    CHECK(parse_int_field("\t-3").value == -3);
    CHECK(parse_int_field("+4").value == 4);
    CHECK(parse_int_field("-0").value == 0);
    CHECK(parse_int_field("9223372036854775807").value == INT64_MAX);
    CHECK(parse_int_field("-9223372036854775808").value == INT64_MIN);
}

TEST_CASE("integer fields that are not integers give distinct reasons") {
    using donum::data::parse_int_field;
    const auto empty = parse_int_field("");
    const auto blank = parse_int_field("   ");
    const auto decimal = parse_int_field("1.5");
    const auto french_decimal = parse_int_field("1,5");
    const auto garbage = parse_int_field("12abc");
    const auto huge = parse_int_field("99999999999999999999");
    CHECK_FALSE(empty.ok);
    CHECK_FALSE(decimal.ok);
    CHECK_FALSE(garbage.ok);
    CHECK_FALSE(huge.ok);
    CHECK(empty.error == "empty field");
    CHECK(blank.error == "empty field");
    CHECK(decimal.error == "not an integer: decimal number");
    CHECK(french_decimal.error == "not an integer: decimal number");
    CHECK(garbage.error == "not an integer");
    CHECK(huge.error == "integer out of range");
    CHECK(parse_int_field("-99999999999999999999").error == "integer out of range");
    CHECK(parse_int_field("9223372036854775808").error == "integer out of range");
    for (const std::string_view bad : {"+", "-", "+-3", "-+3", "- 3", "1 2", "0x10", "1e3", "1."}) {
        CAPTURE(bad);
        CHECK_FALSE(parse_int_field(bad).ok);
        CHECK(parse_int_field(bad).error == "not an integer");
    }
}

}  // TEST_SUITE("csv")
