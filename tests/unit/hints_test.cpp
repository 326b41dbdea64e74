// French writers' mistakes get targeted messages; after a syntax error, the parser resumes
// at the next declaration (grammar/hints.hpp, grammar/parser.hpp).
#include <doctest/doctest.h>

#include <string>

#include "grammar/parser.hpp"
#include "support.hpp"

using namespace donum::grammar;

namespace {

const std::string header = "convention t \"T\" { point_value 7 € years 2024 }\ninput a \"A\" count\ninput b \"B\" count\n";

// The syntax errors of `text`, one "line:column: message" per line.
std::string syntax_errors(const std::string& text)
{
    source_file s{"t.donum", text};
    const auto r = parse(s);
    std::string out;
    for (const auto& d : r.issues) out += std::to_string(d.range.begin.line) + ":" + std::to_string(d.range.begin.column) + ": " + d.message + "\n";
    return out;
}

}  // namespace

TEST_SUITE("hints")
{
    TEST_CASE("a decimal comma says to write a point")
    {
        CHECK(syntax_errors(header + "define x = a * 22,5\n") == "4:16: a decimal number takes a point, not a comma: write 22.5\n");
        CHECK(syntax_errors("convention t \"T\" extends \"b.donum\" { }\nset volet2.aat.points = 22,5\n") ==
              "2:25: a decimal number takes a point, not a comma: write 22.5\n");
    }

    TEST_CASE("a French keyword names the English one")
    {
        CHECK(syntax_errors(header + "group g \"G\" {\n  indicator i \"I\" calculated: a >= cible 10 points 3\n}\n") ==
              "5:36: 'cible' is French: donum's keywords are English, write 'target'\n");
        CHECK(syntax_errors(header + "groupe g \"G\" { }\n") == "4:1: 'groupe' is French: donum's keywords are English, write 'group'\n");
        CHECK(syntax_errors(header + "group g \"G\" {\n  indicateur i \"I\" calculated: a > 1 points 3\n}\n") ==
              "5:3: 'indicateur' is French: donum's keywords are English, write 'indicator'\n");
        CHECK(syntax_errors(header + "define x = si a > 1 alors 1 sinon 2\n") ==
              "4:12: 'si' is French: donum's keywords are English, write 'if CONDITION then A else B'\n");
        CHECK(syntax_errors(header + "define x = a > 1 et b > 1\n") == "4:18: 'et' is French: donum's keywords are English, write 'and'\n");
        CHECK(syntax_errors(header + "define x = a > 1 ou b > 1\n") == "4:18: 'ou' is French: donum's keywords are English, write 'or'\n");
        CHECK(syntax_errors(header + "define x = non a > 1\n") == "4:12: 'non' is French: donum's keywords are English, write 'not'\n");
        CHECK(syntax_errors(header + "group g \"G\" points 10 when all atteint { }\n") ==
              "4:32: 'atteint' is French: donum's keywords are English, write 'met'\n");
    }

    TEST_CASE("'==' and '<>' say how to compare")
    {
        CHECK(syntax_errors(header + "define x = year == 2024\n") == "4:17: '==' is not an operator of donum: equality is one '=', e.g. year = 2024\n");
        CHECK(syntax_errors(header + "define x = a <> b\n") == "4:14: '<>' is not an operator of donum: write '!=' or '≠'\n");
    }

    TEST_CASE("other syntax errors keep the parser's message")
    {
        CHECK(syntax_errors(header + "indicater x \"X\" calculated: 1 > 0\n") == "4:1: expected a declaration: input, define, group, extend group, set, remove group or example\n");
    }

    TEST_CASE("after a syntax error the parser reports the next independent one")
    {
        const auto text = header + "group g \"G\" points 10 when all {\n  indicator i \"I\" declared: a > 1\n}\n"
                                   "input c \"C\" count\n"
                                   "define y = a +\n"
                                   "input d \"D\" counts\n";
        CHECK(syntax_errors(text) == "4:32: expected 'met'\n"
                                     "9:1: expected an operand after the operator\n"
                                     "9:13: expected the input's type: boolean, count or integer\n");
    }

    TEST_CASE("an unclosed group is followed by the errors after it")
    {
        const auto text = header + "group g \"G\" {\n  indicator i \"I\" declared: a > 1 points 2\n\n"
                                   "example \"e\" { expect 1 points 7 € }\n";
        CHECK(syntax_errors(text) == "7:1: expected 'indicator' or '}' to close the group opened at line 4, column 13\n"
                                     "7:31: expected ','\n");
    }

    TEST_CASE("a scenario resumes at its next set line")
    {
        CHECK(syntax_errors("scenario s \"S\"\nset a.b.target = 30 %%\nset a.c.target = 22,5\n") ==
              "2:22: a scenario holds only 'set NAME = VALUE' lines\n"
              "3:18: a decimal number takes a point, not a comma: write 22.5\n");
    }

    TEST_CASE("a rate target without % suggests the percentage")
    {
        const auto r = donum::test::compile_text(header + "group g \"G\" {\n  indicator i \"I\" calculated: rate(a, b) >= target 30 points 3\n}\n");
        CHECK(donum::test::messages(r.issues) == "error: target 30 of g.i.target is outside 0 %..100 % (write 30 % for a percentage): a rate can never reach it\n");
    }

    TEST_CASE("a number compared with euros or points says which unit to write")
    {
        const auto r = donum::test::compile_text(header + "define e = a * 1 €\ndefine x = e >= 100\ndefine p = b * 1 pts\ndefine y = p < 3\n"
                                                          "group g \"G\" { indicator i \"I\" calculated: x and y points 1 }\n");
        CHECK(donum::test::messages(r.issues) == "error: cannot compare an amount in euros with a number: write the unit, 100 €\n"
                                                 "error: cannot compare a number of points with a number: write the unit, 3 pts\n");
    }
}
