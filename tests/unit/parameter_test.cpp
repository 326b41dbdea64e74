// The texts of command-line options (grammar/parameters.cpp): `--vary NAME[@YEAR]`,
// `--sweep NAME[@YEAR]=FROM..TO:STEP`, `--budget AMOUNT`, `--reach SHARE` and versions
// `FILE[+SCENARIO...][@YEAR]`. Good texts give their AST with ranges; bad ones one error
// with its exact message and column.
#include <doctest/doctest.h>

#include <string>
#include <variant>

#include <fmt/format.h>

#include "grammar/parser.hpp"

using namespace donum::grammar;

namespace {

// A source named after its option, as the command line builds it.
source_file option(const std::string& name, const std::string& text)
{
    return {name, text};
}

// The one error of `result` as "line:column: message", or "no error".
template <typename Result>
std::string error_of(const Result& result)
{
    if (result.issues.size() != 1) return result.issues.empty() ? "no error" : "several errors";
    const auto& d = result.issues.front();
    return fmt::format("{}:{}: {}", d.range.begin.line, d.range.begin.column, d.message);
}

// Columns of a range, as "begin-end" (end exclusive).
std::string columns(const source_range& r)
{
    return fmt::format("{}-{}", r.begin.column, r.end.column);
}

const ast::number_literal& literal(const ast::expr& e)
{
    return std::get<ast::number_literal>(e.kind);
}

// A value that is one literal: its digits and unit.
void check_literal(const ast::value_spec& v, const std::string& digits, ast::unit unit)
{
    REQUIRE(v.single);
    CHECK(v.table.empty());
    CHECK(literal(*v.single).digits == digits);
    CHECK(literal(*v.single).suffix == unit);
}

// A value that is the fraction `num/den`.
void check_fraction(const ast::value_spec& v, const std::string& num, const std::string& den)
{
    REQUIRE(v.single);
    const auto& c = std::get<ast::chain>(v.single->kind);
    REQUIRE(c.rest.size() == 1);
    CHECK(c.rest[0].op == ast::binary_op::div);
    CHECK(literal(*c.first).digits == num);
    CHECK(literal(*c.rest[0].operand).digits == den);
}

const std::string sweep_example = "par exemple volet2.dmp.target=20%..60%:1%";
const std::string bounds_example = "DÉBUT..FIN:PAS, par exemple 20%..60%:1%";

}  // namespace

TEST_SUITE("parameters")
{
    TEST_CASE("a parameter is a dotted name with an optional year")
    {
        auto s = option("--vary", "volet2.dmp.target@2024");
        const auto r = parse_parameter(s);
        REQUIRE(r.value);
        REQUIRE(r.value->parts.size() == 3);
        CHECK(r.value->parts[0].text == "volet2");
        CHECK(r.value->parts[2].text == "target");
        CHECK(columns(r.value->parts[2].range) == "12-18");
        CHECK(r.value->year == "2024");
        CHECK(columns(r.value->year_range) == "19-23");
        CHECK(columns(r.value->range) == "1-23");
        CHECK(r.value->range.file == &s);

        auto plain = option("--vary", " point_value ");
        const auto p = parse_parameter(plain);
        REQUIRE(p.value);
        CHECK(p.value->parts.size() == 1);
        CHECK_FALSE(p.value->year);
        CHECK(columns(p.value->range) == "2-13");
    }

    TEST_CASE("a bad parameter says what to write")
    {
        auto s = option("--vary", "");
        CHECK(error_of(parse_parameter(s)) == "1:1: nom réglable attendu, par exemple volet2.dmp.target, volet1.points ou point_value, avec @ANNÉE pour une seule année");
        s.text = "volet2.dmp.target@20x4";
        CHECK(error_of(parse_parameter(s)) == "1:21: année de quatre chiffres attendue, par exemple 2024");
        s.text = "volet2.dmp.target@24";
        CHECK(error_of(parse_parameter(s)) == "1:21: année de quatre chiffres attendue, par exemple 2024");
        s.text = "volet2.dmp.target 2024";
        CHECK(error_of(parse_parameter(s)) == "1:19: texte inattendu après le nom : écrivez NOM ou NOM@ANNÉE, par exemple volet2.dmp.target@2024");
        s.text = "volet2.dmp.target=35%";
        CHECK(error_of(parse_parameter(s)) == "1:18: texte inattendu après le nom : écrivez NOM ou NOM@ANNÉE, par exemple volet2.dmp.target@2024");
        s.text = "volet2.";
        CHECK(error_of(parse_parameter(s)) == "1:8: nom attendu après « . »");
        s.text = "volet_é";
        CHECK(error_of(parse_parameter(s)) == "1:7: les identifiants s'écrivent en ASCII : lettres sans accents, chiffres et « _ »");
    }

    TEST_CASE("a sweep of fractions for one year")
    {
        auto s = option("--sweep", "volet2.dmp.target@2024=1/2..2/3:1/12");
        const auto r = parse_sweep(s);
        REQUIRE(r.value);
        const auto& w = *r.value;
        CHECK(w.slot.parts.size() == 3);
        CHECK(w.slot.year == "2024");
        check_fraction(w.from, "1", "2");
        check_fraction(w.to, "2", "3");
        check_fraction(w.step, "1", "12");
        CHECK(columns(w.from.range) == "24-27");
        CHECK(columns(w.to.range) == "29-32");
        CHECK(columns(w.step.range) == "33-37");
        CHECK(columns(w.from.single->range) == "24-27");
        CHECK(columns(w.range) == "1-37");
    }

    TEST_CASE("a sweep's bounds carry their unit")
    {
        SUBCASE("percentages")
        {
            auto s = option("--sweep", "volet2.dmp.target=0%..100%:1%");
            const auto r = parse_sweep(s);
            REQUIRE(r.value);
            CHECK_FALSE(r.value->slot.year);
            check_literal(r.value->from, "0", ast::unit::percent);
            check_literal(r.value->to, "100", ast::unit::percent);
            check_literal(r.value->step, "1", ast::unit::percent);
        }
        SUBCASE("euros, with a space before the sign")
        {
            auto s = option("--sweep", "point_value=6 €..8 €:0.5 €");
            const auto r = parse_sweep(s);
            REQUIRE(r.value);
            check_literal(r.value->from, "6", ast::unit::euro);
            check_literal(r.value->to, "8", ast::unit::euro);
            check_literal(r.value->step, "0.5", ast::unit::euro);
            CHECK(columns(r.value->from.range) == "13-18");  // columns count bytes: '€' is three
        }
        SUBCASE("euros written EUR")
        {
            auto s = option("--sweep", "point_value=6EUR..8EUR:0.5EUR");
            const auto r = parse_sweep(s);
            REQUIRE(r.value);
            check_literal(r.value->to, "8", ast::unit::euro);
        }
        SUBCASE("plain numbers and points")
        {
            auto s = option("--sweep", "volet2.sas.points=100..300:50");
            auto r = parse_sweep(s);
            REQUIRE(r.value);
            check_literal(r.value->from, "100", ast::unit::none);
            check_literal(r.value->step, "50", ast::unit::none);
            s.text = "volet2.sas.points=100 pts..300 pts:50 pts";
            r = parse_sweep(s);
            REQUIRE(r.value);
            check_literal(r.value->to, "300", ast::unit::points);
        }
        SUBCASE("a constant expression, as in --set")
        {
            auto s = option("--sweep", "a=-1..(1 + 2) / 3:1/4");
            const auto r = parse_sweep(s);
            REQUIRE(r.value);
            CHECK(std::get<ast::unary>(r.value->from.single->kind).op == ast::unary_op::negate);
            CHECK(std::get<ast::chain>(r.value->to.single->kind).rest.at(0).op == ast::binary_op::div);
        }
    }

    TEST_CASE("'..' is never read as a decimal point")
    {
        // A number's '.' must be followed by a digit: `0.5..0.7` is 0.5 .. 0.7, `1..2` is 1 .. 2.
        auto s = option("--sweep", "a=0.5..0.7:0.1");
        auto r = parse_sweep(s);
        REQUIRE(r.value);
        check_literal(r.value->from, "0.5", ast::unit::none);
        check_literal(r.value->to, "0.7", ast::unit::none);
        check_literal(r.value->step, "0.1", ast::unit::none);
        s.text = "a=1..2:0.25";
        r = parse_sweep(s);
        REQUIRE(r.value);
        check_literal(r.value->from, "1", ast::unit::none);
        check_literal(r.value->to, "2", ast::unit::none);
        check_literal(r.value->step, "0.25", ast::unit::none);
        s.text = "a=1...2:1";
        CHECK(error_of(parse_sweep(s)) == "1:6: dernière valeur attendue après « .. » : " + bounds_example);
        s.text = "a=0.2.0.6:0.1";
        CHECK(error_of(parse_sweep(s)) == "1:6: « .. » attendu après la première valeur : " + bounds_example);
        s.text = "a=.5..1:.1";
        CHECK(error_of(parse_sweep(s)) == "1:3: DÉBUT..FIN:PAS attendu après « = », " + sweep_example);
    }

    TEST_CASE("spaces are allowed around '=', '..' and ':'")
    {
        auto s = option("--sweep", " volet2.dmp.target@2024 = 20 % .. 60 % : 1 % ");
        const auto r = parse_sweep(s);
        REQUIRE(r.value);
        CHECK(r.value->slot.year == "2024");
        check_literal(r.value->from, "20", ast::unit::percent);
        CHECK(columns(r.value->from.range) == "27-31");
        CHECK(columns(r.value->to.range) == "35-39");
        CHECK(columns(r.value->step.range) == "42-45");
    }

    TEST_CASE("a bad sweep says what to write, where")
    {
        auto s = option("--sweep", "");
        CHECK(error_of(parse_sweep(s)) == "1:1: NOM=DÉBUT..FIN:PAS attendu, " + sweep_example);
        s.text = "volet2.dmp.target";
        CHECK(error_of(parse_sweep(s)) == "1:18: « = » attendu après le nom : NOM=DÉBUT..FIN:PAS, " + sweep_example);
        s.text = "volet2.dmp.target=";
        CHECK(error_of(parse_sweep(s)) == "1:19: DÉBUT..FIN:PAS attendu après « = », " + sweep_example);
        s.text = "volet2.dmp.target=20%";
        CHECK(error_of(parse_sweep(s)) == "1:22: « .. » attendu après la première valeur : " + bounds_example);
        s.text = "volet2.dmp.target=20%..60%";
        CHECK(error_of(parse_sweep(s)) == "1:27: « :PAS » attendu après la dernière valeur : " + bounds_example);
        s.text = "volet2.dmp.target=20%..60%:";
        CHECK(error_of(parse_sweep(s)) == "1:28: pas attendu après « : » : " + bounds_example);
        s.text = "volet2.dmp.target=20%..:1%";
        CHECK(error_of(parse_sweep(s)) == "1:24: dernière valeur attendue après « .. » : " + bounds_example);
        s.text = "volet2.dmp.target=20%..60%:1% and more";
        CHECK(error_of(parse_sweep(s)) == "1:31: texte inattendu après le pas : écrivez NOM=DÉBUT..FIN:PAS, " + sweep_example);
        s.text = "volet2.dmp.target@20x4=20%..60%:1%";
        CHECK(error_of(parse_sweep(s)) == "1:21: année de quatre chiffres attendue, par exemple 2024");
        // A '-' between the bounds is a subtraction: the error comes where '..' is missing.
        s.text = "volet2.dmp.target=20%-60%:1%";
        CHECK(error_of(parse_sweep(s)) == "1:26: « .. » attendu après la première valeur : " + bounds_example);
    }

    TEST_CASE("a table by year or XX cannot bound a sweep")
    {
        const std::string table = "un balayage prend une valeur par borne, pas une table par année : pour balayer une seule année, écrivez NOM@ANNÉE=DÉBUT..FIN:PAS, par exemple volet2.dmp.target@2024=20%..60%:1%";
        const std::string xx = "XX (une valeur pas encore convenue) ne peut pas borner un balayage : écrivez un nombre, un pourcentage, une fraction ou un montant, par exemple 20%..60%:1%";
        auto s = option("--sweep", "volet2.dmp.target={ 2024: 20 % }..60%:1%");
        CHECK(error_of(parse_sweep(s)) == "1:19: " + table);
        s.text = "volet2.dmp.target=20%..{ 2024: 60 % }:1%";
        CHECK(error_of(parse_sweep(s)) == "1:24: " + table);
        s.text = "volet2.dmp.target=XX..60%:1%";
        CHECK(error_of(parse_sweep(s)) == "1:19: " + xx);
        s.text = "volet2.dmp.target=20%..XX:1%";
        CHECK(error_of(parse_sweep(s)) == "1:24: " + xx);
        s.text = "volet2.dmp.target=20%..60%:XX";
        CHECK(error_of(parse_sweep(s)) == "1:28: " + xx);
    }

    TEST_CASE("a sweep error prints as a --set error does: option, line, column, text, caret")
    {
        auto s = option("--sweep", "volet2.dmp.target@2024=1/2");
        const auto r = parse_sweep(s);
        CHECK_FALSE(r.value);
        REQUIRE(r.issues.size() == 1);
        CHECK(render(r.issues[0]) == "--sweep:1:27: erreur : « .. » attendu après la première valeur : DÉBUT..FIN:PAS, par exemple 20%..60%:1%\n"
                                     "  volet2.dmp.target@2024=1/2\n"
                                     "                            ^\n");
    }

    TEST_CASE("a 50,000-deep bound is an error, not a crash")
    {
        auto s = option("--sweep", "a=" + std::string(50000, '(') + "1..2:1");
        const auto r = parse_sweep(s);
        CHECK_FALSE(r.value);
        REQUIRE(r.issues.size() == 1);
        CHECK(r.issues[0].message.find("trop imbriqué") != std::string::npos);
    }

    TEST_CASE("an amount is exact digits and a scale, with its currency")
    {
        struct row {
            const char* text;
            const char* digits;
            const char* scale;
            int exponent;
        };
        const row rows[] = {
            {"12M€", "12", "M", 6},           {"12 M€", "12", "M", 6},       {"2.5Md€", "2.5", "Md", 9},
            {"2.5 Md€", "2.5", "Md", 9},      {"3G€", "3", "G", 9},          {"150k€", "150", "k", 3},
            {"1200000€", "1200000", "", 0},   {"1200000 €", "1200000", "", 0}, {"1200000 EUR", "1200000", "", 0},
            {"12 MEUR", "12", "M", 6},        {"12 M EUR", "12", "M", 6},    {" 0.5k€ ", "0.5", "k", 3},
        };
        for (const auto& x : rows) {
            CAPTURE(x.text);
            auto s = option("--budget", x.text);
            const auto r = parse_amount(s);
            REQUIRE(r.value);
            CHECK(r.value->digits == x.digits);
            CHECK(r.value->scale == x.scale);
            CHECK(r.value->exponent == x.exponent);
        }
        auto s = option("--budget", "2.5 Md€");
        const auto r = parse_amount(s);
        REQUIRE(r.value);
        CHECK(columns(r.value->digits_range) == "1-4");
        CHECK(columns(r.value->scale_range) == "5-7");
        CHECK(columns(r.value->range) == "1-10");
        s.text = "1200000 €";
        const auto plain = parse_amount(s);
        REQUIRE(plain.value);
        CHECK(columns(plain.value->scale_range) == "8-8");
    }

    TEST_CASE("a bad amount says what to write")
    {
        const std::string currency = "« € » ou « EUR » attendu après le montant, précédé de k, M ou Md (ou G) pour les milliers, millions ou milliards, par exemple 12M€";
        const std::string amount = "montant en euros attendu, par exemple 12M€, 2.5Md€, 150k€ ou 1200000 €";
        auto s = option("--budget", "12M");
        CHECK(error_of(parse_amount(s)) == "1:4: " + currency);  // the currency is required
        s.text = "1200000";
        CHECK(error_of(parse_amount(s)) == "1:8: " + currency);
        s.text = "12 m€";
        CHECK(error_of(parse_amount(s)) == "1:4: " + currency);
        s.text = "1 200 000 €";
        CHECK(error_of(parse_amount(s)) == "1:3: " + currency);
        s.text = "";
        CHECK(error_of(parse_amount(s)) == "1:1: " + amount);
        s.text = "-5M€";
        CHECK(error_of(parse_amount(s)) == "1:1: " + amount);
        s.text = "M€";
        CHECK(error_of(parse_amount(s)) == "1:1: " + amount);
        s.text = "12M€ net";
        CHECK(error_of(parse_amount(s)) == "1:8: texte inattendu après le montant : écrivez par exemple 12M€, 2.5Md€, 150k€ ou 1200000 €");
    }

    TEST_CASE("a share is a constant: a percentage, a decimal or a fraction")
    {
        auto s = option("--reach", "70%");
        auto r = parse_share(s);
        REQUIRE(r.value);
        CHECK(literal(r.value->value).digits == "70");
        CHECK(literal(r.value->value).suffix == ast::unit::percent);
        CHECK(columns(r.value->range) == "1-4");
        s.text = " 70 % ";
        r = parse_share(s);
        REQUIRE(r.value);
        CHECK(literal(r.value->value).suffix == ast::unit::percent);
        CHECK(columns(r.value->range) == "2-6");
        s.text = "0.7";
        r = parse_share(s);
        REQUIRE(r.value);
        CHECK(literal(r.value->value).digits == "0.7");
        CHECK(literal(r.value->value).suffix == ast::unit::none);
        s.text = "2/3";
        r = parse_share(s);
        REQUIRE(r.value);
        CHECK(std::get<ast::chain>(r.value->value.kind).rest.at(0).op == ast::binary_op::div);
    }

    TEST_CASE("a bad share says what to write")
    {
        const std::string share = "part de médecins attendue : un pourcentage, un nombre décimal ou une fraction, par exemple 70%, 0.7 ou 7/10";
        auto s = option("--reach", "");
        CHECK(error_of(parse_share(s)) == "1:1: " + share);
        s.text = "XX";
        CHECK(error_of(parse_share(s)) == "1:1: " + share);
        s.text = "{ 2024: 70 % }";
        CHECK(error_of(parse_share(s)) == "1:1: " + share);
        s.text = "70% of them";
        CHECK(error_of(parse_share(s)) == "1:5: texte inattendu après la part : écrivez par exemple 70%, 0.7 ou 7/10");
    }

    TEST_CASE("a version is a rule file, its scenarios and a year")
    {
        struct row {
            const char* text;
            const char* rules;
            std::vector<std::string> scenarios;
            const char* year;  // "" when none
        };
        const row rows[] = {
            {"forfait-structure.donum@2023", "forfait-structure.donum", {}, "2023"},
            {"donum-projet.donum", "donum-projet.donum", {}, ""},
            {"donum-projet.donum+scenario-cnam.donum", "donum-projet.donum", {"scenario-cnam.donum"}, ""},
            {"p.donum+s1.donum+s2.donum@2026", "p.donum", {"s1.donum", "s2.donum"}, "2026"},
            // Blanks around each path are dropped; blanks inside one are kept.
            {" my rules.donum + my scenario.donum @2024 ", "my rules.donum", {"my scenario.donum"}, "2024"},
            // An '@' followed by a path is part of the path; so is '#' (no comments here).
            {"dir@home/rules.donum", "dir@home/rules.donum", {}, ""},
            {"rules@v2.donum@2024", "rules@v2.donum", {}, "2024"},
            {"C:\\rules\\r.donum@2024", "C:\\rules\\r.donum", {}, "2024"},
            {"a#b.donum", "a#b.donum", {}, ""},
        };
        for (const auto& x : rows) {
            CAPTURE(x.text);
            auto s = option("--vs", x.text);
            const auto r = parse_version(s);
            REQUIRE(r.value);
            CHECK(r.value->rules.value == x.rules);
            REQUIRE(r.value->scenarios.size() == x.scenarios.size());
            for (std::size_t i = 0; i < x.scenarios.size(); ++i) CHECK(r.value->scenarios[i].value == x.scenarios[i]);
            CHECK(r.value->year.value_or("") == x.year);
        }
        auto s = option("--vs", "p.donum+s.donum@2026");
        const auto r = parse_version(s);
        REQUIRE(r.value);
        CHECK(columns(r.value->rules.range) == "1-8");
        CHECK(columns(r.value->scenarios.at(0).range) == "9-16");
        CHECK(columns(r.value->year_range) == "17-21");
        CHECK(columns(r.value->range) == "1-21");
    }

    TEST_CASE("a bad version says what to write")
    {
        const std::string year = "année de quatre chiffres attendue après « @ », par exemple forfait-structure.donum@2024";
        const std::string rules = "fichier de règles attendu : FICHIER[+SCÉNARIO...][@ANNÉE], par exemple forfait-structure.donum@2024";
        const std::string scenario = "fichier de scénario attendu après « + » : FICHIER+SCÉNARIO, par exemple donum-projet.donum+scenario-cnam.donum";
        auto s = option("diff", "");
        CHECK(error_of(parse_version(s)) == "1:1: " + rules);
        s.text = "@2024";
        CHECK(error_of(parse_version(s)) == "1:1: " + rules);
        s.text = "+s.donum";
        CHECK(error_of(parse_version(s)) == "1:1: " + rules);
        s.text = "p.donum+";
        CHECK(error_of(parse_version(s)) == "1:9: " + scenario);
        s.text = "p.donum++s.donum";
        CHECK(error_of(parse_version(s)) == "1:9: " + scenario);
        s.text = "p.donum@20x4";
        CHECK(error_of(parse_version(s)) == "1:11: " + year);
        s.text = "p.donum@24";
        CHECK(error_of(parse_version(s)) == "1:11: " + year);
        s.text = "p.donum@20245";
        CHECK(error_of(parse_version(s)) == "1:13: " + year);
        s.text = "p.donum@";
        CHECK(error_of(parse_version(s)) == "1:9: " + year);
        s.text = "p.donum@2024+s.donum";
        CHECK(error_of(parse_version(s)) == "1:8: l'année vient en dernier, après les scénarios : FICHIER+SCÉNARIO@ANNÉE, par exemple donum-projet.donum+scenario-cnam.donum@2026");
    }
}
