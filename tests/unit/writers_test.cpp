// Tests of the writers: CSV quoting, JSON commas and escaping, aligned and Markdown tables.
#include <doctest/doctest.h>

#include "interpreter/render/writers.hpp"

using namespace donum;

TEST_SUITE("writers")
{
    TEST_CASE("a CSV field is quoted only when it must be")
    {
        CHECK(render::csv_field("M1") == "M1");
        CHECK(render::csv_field("a,b") == "\"a,b\"");
        CHECK(render::csv_field("dit \"x\"") == "\"dit \"\"x\"\"\"");
        CHECK(render::csv_field("deux\nlignes") == "\"deux\nlignes\"");
        render::csv_writer w;
        w.field("id").field("raisons").end_row().row({"M1", "a, b"});
        CHECK(w.text() == "id,raisons\nM1,\"a, b\"\n");
    }

    TEST_CASE("the French CSV dialect is what French Excel opens as it is")
    {
        const auto fr = render::csv_dialect::french();
        render::csv_writer w(fr);
        w.field("id").field("montant").field("cible").end_row().field("M1;2").number("1234.50").number("2/3").end_row();
        CHECK(w.text() == "\xEF\xBB\xBF" "id;montant;cible\r\n\"M1;2\";1234,50;2/3 (≈ 0,666667)\r\n");
        CHECK(render::csv_number("-0.5", fr) == "-0,5");
        CHECK(render::csv_number(">= 22.5 %", fr) == ">= 22,5 %");
        CHECK(render::csv_number("version 0.1.0", render::csv_dialect::plain()) == "version 0.1.0");
        CHECK(render::csv_number("497/1954", fr) == "497/1954 (≈ 0,254350)");
        CHECK(render::csv_number("2/3", render::csv_dialect::plain()) == "2/3");
        render::csv_writer plain(render::csv_dialect::plain());
        plain.number("22.5").end_row();
        CHECK(plain.text() == "22.5\n");
    }

    TEST_CASE("the JSON writer puts the commas, the colons and the indentation")
    {
        render::json_writer w;
        w.begin_object().key("n").number(3).key("texte").string("a \"b\"\n").key("liste").begin_array(true).number(std::string_view("1.5")).null().boolean(true).end_array();
        w.key("vide").begin_object().end_object().key("objets").begin_array().begin_object(true).key("x").number(1).end_object().end_array().end_object();
        CHECK(w.take() == "{\n  \"n\": 3,\n  \"texte\": \"a \\\"b\\\"\\u000a\",\n  \"liste\": [1.5, null, true],\n  \"vide\": {},\n  \"objets\": [\n    {\"x\": 1}\n  ]\n}\n");
        CHECK(render::json_string("\xff") == "\"\xef\xbf\xbd\"");
    }

    TEST_CASE("same_line writes a long object a few members per line")
    {
        render::json_writer w;
        w.begin_object().same_line().key("a").number(1).same_line().key("b").number(2).key("c").begin_array().same_line().number(3).same_line().number(4).end_array().end_object();
        CHECK(w.take() == "{\n  \"a\": 1, \"b\": 2,\n  \"c\": [\n    3, 4\n  ]\n}\n");
    }

    TEST_CASE("a grid renders as aligned columns or as a Markdown table whose pipes are escaped")
    {
        render::grid g;
        g.head = {"indicateur", "médecins"};
        g.alignment = {render::grid::align::left, render::grid::align::right};
        g.add({"a|b", "12"});
        g.add({"éé", "3"});
        CHECK(render::render_text(g) == "  indicateur  médecins\n  a|b               12\n  éé                 3\n");
        CHECK(render::render_markdown(g) == "| indicateur | médecins |\n| --- | ---: |\n| a\\|b | 12 |\n| éé | 3 |\n");
        CHECK(render::truncate("Logiciel Ségur", 9) == "Logiciel…");
        CHECK(render::pad("é", 3) == "é  ");
        CHECK(render::markdown_cell("a|b\nc") == "a\\|b c");
        CHECK(render::markdown_cell("") == " ");
    }

    TEST_CASE("a grid's minimum widths line it up with another grid, without trailing spaces")
    {
        render::grid g;
        g.head = {"id", "statut", "n"};
        g.min_width = {4, 8, 3};
        g.alignment = {render::grid::align::left, render::grid::align::left, render::grid::align::right};
        g.add({"a", "calculé", "1"});
        CHECK(render::render_text(g, 1) == " id    statut      n\n a     calculé     1\n");
    }

    TEST_CASE("text for a terminal has its control characters escaped")
    {
        CHECK(render::terminal_text("Médecin M1") == "Médecin M1");
        CHECK(render::terminal_text("A\x1b[31m") == "A\\x1b[31m");
        CHECK(render::terminal_text("a\tb\nc") == "a\\x09b\\x0ac");
        CHECK(render::terminal_text("a\nb", true) == "a\nb");
        CHECK(render::terminal_text("x\x7f") == "x\\x7f");
        CHECK(render::terminal_text("\xC2\x9B") == "\\u009b");           // C1 CSI
        CHECK(render::terminal_text("B\xE2\x80\xAEX") == "B\\u202eX");  // right-to-left override
        CHECK(render::terminal_text("\xff") == "\\xff");                  // not UTF-8
        CHECK(render::display_width("A\x1b") == 5);
        CHECK(render::pad("A\x1b", 6) == "A\\x1b ");
        render::grid g;
        g.head = {"id", "n"};
        g.add({"A\x1b[2J", "1"});
        CHECK(render::render_text(g) == "  id        n\n  A\\x1b[2J  1\n");
    }
}
