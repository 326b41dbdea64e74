#include <doctest/doctest.h>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "interpreter/population/diff.hpp"
#include "interpreter/render/diff.hpp"
#include "interpreter/data/table.hpp"
#include "support.hpp"

using namespace donum;
using exact::rational;

namespace {

compile::compiled compile_file(const std::string& path, std::vector<std::string> scenarios = {}, std::vector<std::string> settings = {})
{
    compile::compile_options o;
    o.scenarios = std::move(scenarios);
    o.settings = std::move(settings);
    auto c = compile::compile_rules(path, o);
    REQUIRE(c.checked);
    return c;
}

// Every physician's reasons add up exactly to the difference of the two amounts.
void check_reasons_add_up(const population::version& a, const population::version& b, const std::string& data)
{
    auto ta = data::load_table(data, *a.rules, {a.year});
    auto tb = data::load_table(data, *b.rules, {b.year});
    REQUIRE(ta.errors.empty());
    REQUIRE(tb.errors.empty());
    const eval::evaluator ea(*a.rules, a.year);
    const eval::evaluator eb(*b.rules, b.year);
    std::vector<std::int64_t> ia(a.rules->inputs.size()), ib(b.rules->inputs.size());
    std::size_t moved = 0;
    for (std::size_t row = 0; row < ta.table.size(); ++row) {
        ta.table.read_row(row, ia);
        tb.table.read_row(row, ib);
        const auto ra = ea.evaluate(ia);
        const auto rb = eb.evaluate(ib);
        rational sum;
        for (const auto& r : population::explain_change(a, ea.payment(), ra, b, eb.payment(), rb)) {
            CHECK(r.euros != rational(0));
            sum = sum + r.euros;
        }
        CHECK(sum == rb.euros - ra.euros);
        if (ra.euros != rb.euros) ++moved;
    }
    CHECK(moved > 0);
}

}  // namespace

TEST_SUITE("diff")
{
    TEST_CASE("the forfait structure 2023 and 2024 differ by exactly seven targets")
    {
        const auto c = compile_file(test::source_path("stdlib-rules/forfait-structure.donum"));
        const population::version v[] = {{"2023", &*c.checked, 2023}, {"2024", &*c.checked, 2024}};
        std::vector<std::string> changed;
        for (const auto& r : population::diff_rules(v)) {
            if (r.changed) changed.push_back(r.section + " " + r.label + " " + r.values[0] + " -> " + r.values[1]);
        }
        CHECK(changed == std::vector<std::string>{
                             "indicateur dmp cible >= 20 % -> >= 30 %", "indicateur mss cible >= 5 % -> >= 10 %",
                             "indicateur cmatmp cible >= 45 % -> >= 50 %", "indicateur pse cible >= 80 % -> >= 90 %",
                             "indicateur spe cible >= 20 % -> >= 30 %", "indicateur dsg cible >= 10 % -> >= 50 %",
                             "indicateur ordonnances cible >= 30 % -> >= 40 %"});
    }

    TEST_CASE("renamed, added and removed indicators are matched and flagged")
    {
        const auto dir = test::temp_folder();
        const std::string head = "convention v \"V\" { point_value 7 € years 2024 }\ninput x \"X\" boolean\ninput y \"Y\" boolean\n";
        const auto a = compile_file(test::write_file(dir, "a.donum", head + "group g \"G\" {\n indicator old_name \"Taux DMP\" declared: x points 10\n indicator gone \"Supprimé\" declared: y points 5\n}\n"));
        const auto b = compile_file(test::write_file(dir, "b.donum", head + "group g \"G\" {\n indicator new_name \"Taux DMP\" declared: x points 10\n indicator fresh \"Ajouté\" declared: y points 7\n}\n"));
        const population::version v[] = {{"A", &*a.checked, 2024}, {"B", &*b.checked, 2024}};
        const auto matches = population::match_indicators(v);
        REQUIRE(matches.size() == 3);
        CHECK(matches[0].key == "old_name");
        CHECK(matches[0].renamed);
        CHECK(matches[0].index[1] == std::optional<std::size_t>(0));
        CHECK(matches[1].key == "gone");
        CHECK_FALSE(matches[1].index[1]);
        CHECK(matches[2].key == "fresh");
        CHECK_FALSE(matches[2].index[0]);
        std::vector<std::string> changed;
        for (const auto& r : population::diff_rules(v)) {
            if (r.changed) changed.push_back(r.section + " " + r.label + " " + r.values[0] + " -> " + r.values[1]);
        }
        INFO(fmt::format("{}", fmt::join(changed, " | ")));
        CHECK(changed == std::vector<std::string>{"convention points au maximum 15 -> 17", "convention montant maximum 105.00 € -> 119.00 €", "indicateur old_name identifiant (renommé) old_name -> new_name", "indicateur gone présence oui -> —", "indicateur fresh présence — -> oui"});

        // Reasons of one physician: the removed indicator and the added one.
        const eval::evaluator ea(*a.checked, 2024), eb(*b.checked, 2024);
        const std::vector<std::int64_t> inputs{1, 1};
        const auto reasons = population::explain_change(v[0], ea.payment(), ea.evaluate(inputs), v[1], eb.payment(), eb.evaluate(inputs));
        REQUIRE(reasons.size() == 2);
        CHECK(render::render_reason(reasons[0]) == "indicateur gone absent de g en B : -35,00 €");
        CHECK(render::render_reason(reasons[1]) == "indicateur fresh ajouté à g en B : +49,00 €");
    }

    TEST_CASE("a target change is explained with the physician's rate")
    {
        const auto c = compile_file(test::source_path("stdlib-rules/forfait-structure.donum"));
        const population::version a{"2023", &*c.checked, 2023}, b{"2024", &*c.checked, 2024};
        std::vector<std::int64_t> inputs(c.checked->inputs.size(), 0);
        const std::pair<const char*, std::int64_t> given[] = {{"segur_lap", 1}, {"sv_addendum", 8}, {"horaires_annuaire", 1}, {"fse_num", 900}, {"fse_den", 1000}, {"dmp_num", 25}, {"dmp_den", 100}};
        for (const auto& [name, value] : given) {
            for (std::size_t i = 0; i < inputs.size(); ++i) {
                if (c.checked->inputs[i].name == name) inputs[i] = value;
            }
        }
        const eval::evaluator ea(*c.checked, 2023), eb(*c.checked, 2024);
        const auto reasons = population::explain_change(a, ea.payment(), ea.evaluate(inputs), b, eb.payment(), eb.evaluate(inputs));
        REQUIRE(reasons.size() == 1);
        CHECK(render::render_reason(reasons[0]) == "cible dmp 20 % → 30 % : taux 25 % n'atteint plus la cible : -280,00 €");
    }

    TEST_CASE("each physician's reasons add up exactly to the difference")
    {
        const auto forfait = compile_file(test::source_path("stdlib-rules/forfait-structure.donum"));
        const auto data = test::source_path("examples/population-2024.csv");
        SUBCASE("2023 to 2024: targets")
        {
            check_reasons_add_up({"2023", &*forfait.checked, 2023}, {"2024", &*forfait.checked, 2024}, data);
        }
        SUBCASE("2024 to the DONUM draft: another structure")
        {
            const auto draft = compile_file(test::source_path("stdlib-rules/donum-projet.donum"), {test::source_path("examples/scenario-cnam.donum")});
            check_reasons_add_up({"2024", &*forfait.checked, 2024}, {"DONUM", &*draft.checked, 2026}, data);
        }
        SUBCASE("a point value, points and a gate change together")
        {
            const auto proposal = compile_file(test::source_path("stdlib-rules/forfait-structure.donum"), {}, {"point_value=7.5€", "volet2.sas.points=250", "volet1.teletransmission.target=90%"});
            check_reasons_add_up({"2024", &*forfait.checked, 2024}, {"proposition", &*proposal.checked, 2024}, data);
        }
    }
}
