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
        CHECK(syntax_errors(header + "define x = a * 22,5\n") == "4:16: un nombre décimal s'écrit avec un point, pas une virgule : écrivez 22.5\n");
        CHECK(syntax_errors("convention t \"T\" extends \"b.donum\" { }\nset volet2.aat.points = 22,5\n") ==
              "2:25: un nombre décimal s'écrit avec un point, pas une virgule : écrivez 22.5\n");
    }

    TEST_CASE("a French keyword names the English one")
    {
        CHECK(syntax_errors(header + "group g \"G\" {\n  indicator i \"I\" calculated: a >= cible 10 points 3\n}\n") ==
              "5:36: « cible » est un mot français : les mots-clés de donum sont anglais, écrivez « target »\n");
        CHECK(syntax_errors(header + "groupe g \"G\" { }\n") == "4:1: « groupe » est un mot français : les mots-clés de donum sont anglais, écrivez « group »\n");
        CHECK(syntax_errors(header + "group g \"G\" {\n  indicateur i \"I\" calculated: a > 1 points 3\n}\n") ==
              "5:3: « indicateur » est un mot français : les mots-clés de donum sont anglais, écrivez « indicator »\n");
        CHECK(syntax_errors(header + "define x = si a > 1 alors 1 sinon 2\n") ==
              "4:12: « si » est un mot français : les mots-clés de donum sont anglais, écrivez « if CONDITION then A else B »\n");
        CHECK(syntax_errors(header + "define x = a > 1 et b > 1\n") == "4:18: « et » est un mot français : les mots-clés de donum sont anglais, écrivez « and »\n");
        CHECK(syntax_errors(header + "define x = a > 1 ou b > 1\n") == "4:18: « ou » est un mot français : les mots-clés de donum sont anglais, écrivez « or »\n");
        CHECK(syntax_errors(header + "define x = non a > 1\n") == "4:12: « non » est un mot français : les mots-clés de donum sont anglais, écrivez « not »\n");
        CHECK(syntax_errors(header + "group g \"G\" points 10 when all atteint { }\n") ==
              "4:32: « atteint » est un mot français : les mots-clés de donum sont anglais, écrivez « met »\n");
    }

    TEST_CASE("'==' and '<>' say how to compare")
    {
        CHECK(syntax_errors(header + "define x = year == 2024\n") == "4:17: « == » n'est pas un opérateur de donum : l'égalité s'écrit avec un seul « = », par exemple year = 2024\n");
        CHECK(syntax_errors(header + "define x = a <> b\n") == "4:14: « <> » n'est pas un opérateur de donum : écrivez « != » ou « ≠ »\n");
    }

    TEST_CASE("other syntax errors keep the parser's message")
    {
        CHECK(syntax_errors(header + "indicater x \"X\" calculated: 1 > 0\n") == "4:1: déclaration attendue : input, define, group, extend group, set, remove group ou example\n");
    }

    TEST_CASE("after a syntax error the parser reports the next independent one")
    {
        const auto text = header + "group g \"G\" points 10 when all {\n  indicator i \"I\" declared: a > 1\n}\n"
                                   "input c \"C\" count\n"
                                   "define y = a +\n"
                                   "input d \"D\" counts\n";
        CHECK(syntax_errors(text) == "4:32: « met » attendu\n"
                                     "9:1: opérande attendu après l'opérateur\n"
                                     "9:13: type de l'entrée attendu : boolean, count, integer ou decimal\n");
    }

    TEST_CASE("an unclosed group is followed by the errors after it")
    {
        const auto text = header + "group g \"G\" {\n  indicator i \"I\" declared: a > 1 points 2\n\n"
                                   "example \"e\" { expect 1 points 7 € }\n";
        CHECK(syntax_errors(text) == "7:1: « indicator » ou « } » attendu pour fermer le groupe (ouverture à la ligne 4, colonne 13)\n"
                                     "7:31: « , » attendu\n");
    }

    TEST_CASE("a scenario resumes at its next set line")
    {
        CHECK(syntax_errors("scenario s \"S\"\nset a.b.target = 30 %%\nset a.c.target = 22,5\n") ==
              "2:22: un scénario ne contient que des lignes « set NOM = VALEUR »\n"
              "3:18: un nombre décimal s'écrit avec un point, pas une virgule : écrivez 22.5\n");
    }

    TEST_CASE("a rate target without % suggests the percentage")
    {
        const auto r = donum::test::compile_text(header + "group g \"G\" {\n  indicator i \"I\" calculated: rate(a, b) >= target 30 points 3\n}\n");
        CHECK(donum::test::messages(r.issues) == "error: la cible 30 de g.i.target est hors de 0 %..100 % (écrivez 30 % pour un pourcentage) : un taux ne peut jamais l'atteindre\n");
    }

    TEST_CASE("a number compared with euros or points says which unit to write")
    {
        const auto r = donum::test::compile_text(header + "define e = a * 1 €\ndefine x = e >= 100\ndefine p = b * 1 pts\ndefine y = p < 3\n"
                                                          "group g \"G\" { indicator i \"I\" calculated: x and y points 1 }\n");
        CHECK(donum::test::messages(r.issues) == "error: impossible de comparer un montant en euros avec un nombre : écrivez l'unité, 100 €\n"
                                                 "error: impossible de comparer un nombre de points avec un nombre : écrivez l'unité, 3 pts\n");
    }
}
