#include <doctest/doctest.h>

#include "support.hpp"

using namespace donum;
using test::compile_text;
using test::header;
using test::messages;

TEST_SUITE("check")
{
    TEST_CASE("the official forfait structure checks without any diagnostic")
    {
        const auto r = compile::compile_rules(test::source_path("stdlib-rules/forfait-structure.donum"), {});
        CHECK(messages(r.issues) == "");
        REQUIRE(r.checked);
        CHECK(r.checked->indicators.size() == 21);
        CHECK(r.checked->examples.size() == 8);
        REQUIRE(r.checked->find_slot("volet2.dmp.target"));
        CHECK(r.checked->find_slot("volet2.dmp.target")->by_year[1] == exact::rational(3, 10));
        CHECK(r.checked->find_slot("volet1.teletransmission.target")->by_year[0] == exact::rational(2, 3));
    }

    TEST_CASE("unknown names suggest the closest")
    {
        const auto r = compile_text(header + "input dmp_num \"N\" count\ninput dmp_den \"D\" count\n"
                                             "group g \"G\" { indicator i \"I\" calculated: rate(dmp_nun, dmp_den) >= target 30 % points 1 }\n");
        CHECK(messages(r.issues) == "error: nom « dmp_nun » inconnu (vouliez-vous dire « dmp_num » ?)\n"
                                    "warning: l'entrée « dmp_num » n'est jamais utilisée\n");
        CHECK_FALSE(r.checked);
    }

    TEST_CASE("unknown functions and groups suggest the closest")
    {
        const auto r = compile_text(header + "input x \"X\" count\n"
                                             "group a \"A\" { indicator i \"I\" calculated: maen(x) > 1 points 1 }\n"
                                             "group b \"B\" requires all of aa { indicator j \"J\" calculated: x > 1 points 1 }\n");
        CHECK(messages(r.issues) == "error: fonction « maen » inconnue (vouliez-vous dire « mean » ?) ; les fonctions sont rate, mean, min et max\n"
                                    "error: groupe « aa » inconnu (vouliez-vous dire « a » ?)\n");
    }

    TEST_CASE("type errors name both sides")
    {
        const auto r = compile_text(header + "input ok \"OK\" boolean\ninput n \"N\" count\n"
                                             "define e = 7 € + 3 pts\n"
                                             "group g \"G\" { indicator i \"I\" calculated: ok >= target 30 % points 1\n"
                                             "  indicator j \"J\" calculated: n + 1 points 1 }\n");
        CHECK(messages(r.issues) == "error: impossible d'additionner un montant en euros et un nombre de points\n"
                                    "error: impossible de comparer un booléen (vrai/faux) avec un pourcentage\n"
                                    "error: la condition de l'indicateur « j » doit être vraie ou fausse, mais c'est un nombre\n"
                                    "warning: la définition « e » n'est jamais utilisée\n");
    }

    TEST_CASE("percentages above 100 % are refused")
    {
        const auto r = compile_text(header + "input n \"N\" count\ninput d \"D\" count\n"
                                             "group g \"G\" { indicator i \"I\" calculated: rate(n, d) >= target 150 % points 1\n"
                                             "  indicator j \"J\" calculated: rate(n, d) >= target 3/2 points 1 }\n");
        // The percentage is reported once, as a literal; a fraction above 1 as a target.
        CHECK(messages(r.issues) == "error: 150 % est au-dessus de 100 % : un taux ne peut jamais l'atteindre\n"
                                    "error: la cible 1.5 de g.j.target est hors de 0 %..100 % : un taux ne peut jamais l'atteindre\n");
    }

    TEST_CASE("every year of the convention needs a target")
    {
        const auto r = compile_text(header + "input n \"N\" count\ninput d \"D\" count\n"
                                             "group g \"G\" { indicator i \"I\" calculated: rate(n, d) >= target { 2023: 20 %, 2025: 1 % } points 1 }\n");
        CHECK(messages(r.issues) == "error: 2025 n'est pas une année de cette convention (années : 2023, 2024)\n"
                                    "error: aucune valeur pour 2024 dans g.i.target (années de la convention : 2023, 2024) ; écrivez 2024: XX si elle n'est pas encore convenue\n");
    }

    TEST_CASE("gate cycles and impossible counts are errors")
    {
        const auto r = compile_text(header + "input x \"X\" boolean\n"
                                             "group a \"A\" requires all of b { indicator i \"I\" declared: x points 1 }\n"
                                             "group b \"B\" requires at least 2 of a { indicator j \"J\" declared: x points 1 }\n");
        CHECK(messages(r.issues) == "error: « 2 » doit être entre 1 et le nombre d'indicateurs du groupe « a » (1)\n"
                                    "error: cycle de prérequis : a requires b requires a\n");
    }

    TEST_CASE("placeholders are warnings, errors with strict, and listed by name")
    {
        const std::string text = header + "input n \"N\" count\ninput d \"D\" count\n"
                                          "group g \"G\" { indicator i \"I\" calculated: rate(n, d) >= target { 2023: 20 %, 2024: XX } points XX }\n";
        const auto lenient = compile_text(text);
        REQUIRE(lenient.checked);
        CHECK(grammar::count(lenient.issues, grammar::severity::warning) == 2);
        CHECK(lenient.checked->open_placeholders() == std::vector<std::string>{"g.i.target@2024", "g.i.points"});
        compile::compile_options strict;
        strict.check.strict = true;
        const auto r = compile_text(text, strict);
        CHECK_FALSE(r.checked);
        CHECK(grammar::count(r.issues, grammar::severity::error) == 2);
    }

    TEST_CASE("unused inputs and duplicates are reported with the previous declaration")
    {
        const auto r = compile_text(header + "input x \"X\" boolean\ninput x \"X\" count\ninput y \"Y\" count\n"
                                             "group g \"G\" { indicator i \"I\" declared: x points 1 }\n");
        REQUIRE(r.issues.size() == 2);
        CHECK(r.issues[0].message == "« x » est déjà déclaré");
        REQUIRE(r.issues[0].notes.size() == 1);
        CHECK(r.issues[0].notes[0].range.begin.line == 2);
        CHECK(r.issues[1].message == "l'entrée « y » n'est jamais utilisée");
    }

    TEST_CASE("a definition cannot use one declared below it")
    {
        const auto r = compile_text(header + "input x \"X\" count\ndefine a = b + 1\ndefine b = x\n"
                                             "group g \"G\" { indicator i \"I\" calculated: a > 1 points 1 }\n");
        CHECK(messages(r.issues) == "error: « b » est défini plus bas : une définition ne peut utiliser que les entrées et définitions au-dessus d'elle\n"
                                    "warning: la définition « b » n'est jamais utilisée\n");
    }

    TEST_CASE("block groups and per-indicator points do not mix")
    {
        const auto r = compile_text(header + "input x \"X\" boolean\n"
                                             "group a \"A\" points 10 when all met { indicator i \"I\" declared: x points 1 }\n"
                                             "group b \"B\" { indicator j \"J\" declared: x }\n");
        CHECK(messages(r.issues) == "error: l'indicateur « i » est payé par le bloc du groupe « a » : retirez ses points\n"
                                    "error: l'indicateur « j » n'a pas de points : écrivez « points N », ou payez le groupe « b » en bloc (« points N when all met »)\n");
    }

    TEST_CASE("numbers beyond 64 bits are errors, not wrong values")
    {
        const auto r = compile_text(header + "input x \"X\" count\n"
                                             "group g \"G\" { indicator i \"I\" calculated: x > 99999999999999999999 points 1 }\n");
        CHECK(messages(r.issues) == "error: le nombre 99999999999999999999 est trop grand (au-delà de 64 bits)\n");
    }

    TEST_CASE("examples are checked against the inputs and the years")
    {
        const auto r = compile_text(header + "input x \"X\" boolean\ninput n \"N\" count\n"
                                             "group g \"G\" { indicator i \"I\" declared: x and n > 0 points 1 }\n"
                                             "example \"e\" { year 2025 given x = 2, n = -1, z = 1 expect 1 points, 7.001 € }\n"
                                             "example \"f\" { given x = 1 expect 1 points, 7 € }\n");
        CHECK(messages(r.issues) == "error: 2025 n'est pas une année de cette convention (années : 2023, 2024)\n"
                                    "error: « x » est un booléen : sa valeur est 0 ou 1\n"
                                    "error: « n » est un effectif : il ne peut pas être négatif\n"
                                    "error: entrée « z » inconnue\n"
                                    "error: un montant en euros a au plus deux décimales\n"
                                    "error: l'exemple demande « year A » : la convention couvre 2023, 2024\n");
    }
}

TEST_CASE("an example may assume values for placeholders, checked like the slot's values")
{
    const std::string rules = test::header + "input n \"N\" count\ninput d \"D\" count\n"
                                             "group g \"G\" { indicator i \"I\" calculated: rate(n, d) >= target XX points 10 }\n";
    const auto good = compile_text(rules + "example \"e\" { year 2024 set g.i.target = 30 % given n = 3, d = 10 expect 10 points, 70.00 € }\n");
    REQUIRE(good.checked);
    REQUIRE(good.checked->examples.at(0).assumed.size() == 1);
    CHECK(good.checked->examples.at(0).assumed[0].second == exact::rational(3, 10));
    const auto bad = compile_text(rules + "example \"e\" { year 2024 set g.i.targt = 30 % set g.i.target@2024 = 1 % set g.i.target = XX\n"
                                          "  expect 0 points, 0.00 € }\n");
    CHECK(messages(bad.issues) == "error: « g.i.targt » n'est pas un nom réglable : un indicateur a « target » et « points » (vouliez-vous dire « g.i.target » ?)\n"
                                  "error: un exemple est évalué pour une seule année : donnez la valeur sans « @ANNÉE »\n"
                                  "error: un exemple ne peut pas supposer XX : donnez une valeur\n"
                                  "warning: valeur en attente XX : g.i.target n'est pas encore convenu (à convenir avant d'évaluer)\n");
}
