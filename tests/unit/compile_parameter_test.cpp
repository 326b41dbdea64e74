// compile/parameter.hpp: parameters named and valued as the grammar parses a setting
// (`NAME[@YEAR] = VALUE`), checked against a program with the checker's code and messages.
#include <doctest/doctest.h>

#include "grammar/parser.hpp"
#include "interpreter/compile/parameter.hpp"
#include "support.hpp"

using namespace donum;
using exact::rational;

namespace {

const std::string rules = test::header + "input n \"N\" count\ninput d \"D\" count\n"
                                         "group g \"G\" {\n"
                                         "  indicator r \"R\" calculated: rate(n, d) >= target 30 % points 10\n"
                                         "  indicator c \"C\" calculated: n >= target 12 points 5\n"
                                         "}\n"
                                         "group b \"B\" points 20 when all met { indicator k \"K\" declared: n > 0 }\n";

const compile::program& checked()
{
    static const compile::program p = *test::compile_text(rules).checked;
    return p;
}

// A setting `text` parsed by the grammar, kept alive with its source (the AST points into it).
struct setting {
    explicit setting(const std::string& text) : source(std::make_shared<grammar::source_file>())
    {
        source->name = "--set";
        source->text = text;
        auto parsed = grammar::parse_setting(*source);
        REQUIRE_MESSAGE(parsed.setting.has_value(), text);
        stmt = std::move(*parsed.setting);
    }
    std::shared_ptr<grammar::source_file> source;
    grammar::ast::set_stmt stmt;
};

// The parameter a setting names, and the messages of the search.
std::pair<std::optional<compile::parameter>, std::string> find(const std::string& text)
{
    const setting s(text);
    grammar::diagnostics issues;
    auto found = compile::find_parameter(checked(), s.stmt.slot, issues);
    return {std::move(found), test::messages(issues)};
}

// The value a setting gives its (known) slot, or the messages that refuse it.
std::string value_of(const std::string& text)
{
    const setting s(text);
    grammar::diagnostics issues;
    const auto slot = checked().slot_index(compile::dotted_name(s.stmt.slot));
    REQUIRE_MESSAGE(slot.has_value(), text);
    const auto v = compile::parameter_value(checked(), *slot, s.stmt.value, issues);
    CHECK(v.has_value() == issues.empty());
    return v ? v->to_string() : test::messages(issues);
}

}  // namespace

TEST_SUITE("parameter")
{
    TEST_CASE("a settable name is found with its year, as written")
    {
        const auto [plain, none] = find("g.r.target = 1");
        REQUIRE(plain.has_value());
        CHECK(plain->slot == checked().slot_index("g.r.target"));
        CHECK_FALSE(plain->year.has_value());
        CHECK(plain->name == "g.r.target");
        CHECK(none.empty());

        const auto [dated, also_none] = find("b.points@2024 = 1");
        REQUIRE(dated.has_value());
        CHECK(dated->slot == checked().slot_index("b.points"));
        CHECK(dated->year == 2024);
        CHECK(dated->name == "b.points@2024");

        CHECK(find("point_value = 1").first->slot == checked().point_value_slot);
    }

    TEST_CASE("an unknown name or year is an error at the name, with the closest name")
    {
        CHECK(find("g.r.targt = 1").second == "error: « g.r.targt » n'est pas un nom réglable : un indicateur a « target » et « points » (vouliez-vous dire « g.r.target » ?)\n");
        CHECK(find("g.zz.points = 1").second == "error: il n'y a pas d'indicateur « zz » dans le groupe « g » (vouliez-vous dire « g.r.points » ?)\n");
        CHECK(find("g.r.target@2030 = 1").second == "error: 2030 n'est pas une année de cette convention (années : 2023, 2024)\n");

        const setting s("g.r.targt@2024 = 1");
        grammar::diagnostics issues;
        CHECK_FALSE(compile::find_parameter(checked(), s.stmt.slot, issues).has_value());
        REQUIRE(issues.size() == 1);
        CHECK(issues[0].range.begin.column == 1);
        CHECK(issues[0].range.end.column == 15);  // the whole name, year included
    }

    TEST_CASE("values are exact and in the slot's unit")
    {
        CHECK(value_of("g.r.target = 35 %") == "0.35");
        CHECK(value_of("g.r.target = 35%") == "0.35");
        CHECK(value_of("g.r.target = 2/3") == "2/3");
        CHECK(value_of("g.r.target = 0.35") == "0.35");
        CHECK(value_of("g.r.target = 20 % + 5 %") == "0.25");
        CHECK(value_of("g.c.target = 15") == "15");
        CHECK(value_of("point_value = 7.5 €") == "7.5");
        CHECK(value_of("point_value = 7.5 EUR") == "7.5");
        CHECK(value_of("g.r.points = 22.5") == "22.5");
        CHECK(value_of("b.points = 40 pts") == "40");
        CHECK(value_of("b.points = 0") == "0");
    }

    TEST_CASE("a value in the wrong unit is refused with the checker's message")
    {
        CHECK(value_of("point_value = 7") == "error: la valeur du point est un montant en euros (par exemple 7 €), pas un nombre\n");
        CHECK(value_of("point_value = 30 %") == "error: la valeur du point est un montant en euros (par exemple 7 €), pas un pourcentage\n");
        CHECK(value_of("g.r.points = 20 €") == "error: des points sont un nombre (par exemple 22.5), pas un montant en euros\n");
        CHECK(value_of("g.r.target = 7 €") == "error: la cible g.r.target est un pourcentage, pas un montant en euros\n");
        CHECK(value_of("g.c.target = 30 %") == "error: la cible g.c.target est un nombre, pas un pourcentage\n");
    }

    TEST_CASE("a value out of its slot's range is refused with the checker's message")
    {
        CHECK(value_of("g.r.target = 150 %") == "error: 150 % est au-dessus de 100 % : un taux ne peut jamais l'atteindre\n");
        CHECK(value_of("g.r.target = 3/2") == "error: la cible 1.5 de g.r.target est hors de 0 %..100 %\n");
        CHECK(value_of("g.r.target = 35") == "error: la cible 35 de g.r.target est hors de 0 %..100 % (écrivez 35 % pour un pourcentage)\n");
        CHECK(value_of("g.r.target = -5 %") == "error: la cible -0.05 de g.r.target est hors de 0 %..100 %\n");
        CHECK(value_of("g.r.points = -1") == "error: des points ne peuvent pas être négatifs\n");
        CHECK(value_of("point_value = 0 €") == "error: la valeur du point doit être positive\n");
        CHECK(value_of("g.r.target = 1/0") == "error: division par zéro\n");
        CHECK(value_of("g.c.target = 99999999999999999999") == "error: le nombre 99999999999999999999 est trop grand (au-delà de 64 bits)\n");
    }

    TEST_CASE("XX, tables and expressions are not values of a parameter")
    {
        CHECK(value_of("g.r.target = XX") == "error: g.r.target ne peut pas valoir XX (pas encore convenu) : donnez une valeur\n");
        CHECK(value_of("g.r.target = { 2023: 20 %, 2024: 30 % }") == "error: g.r.target prend une seule valeur ici, pas une table par année : nommez l'année avec g.r.target@ANNÉE\n");
        CHECK(value_of("g.c.target = n + 1") == "error: une cible, un nombre de points ou la valeur du point doit être une constante : un nombre, un pourcentage, une fraction, un montant ou XX\n");
    }
}
