// Tests of live_population (population/live.hpp) and of settings applied without compiling
// (compile::with_settings): for every settable value of the official files, at several
// values, for every year and for one year, the live answer is the report compute_report
// gives, figure for figure (compared as the JSON of `donum simulate`), and a program with
// settings reports what the same `--set` options compiled give.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "grammar/source.hpp"
#include "interpreter/compile/driver.hpp"
#include "interpreter/compile/parameter.hpp"
#include "interpreter/population/live.hpp"
#include "interpreter/population/manifest.hpp"
#include "interpreter/population/report.hpp"
#include "interpreter/render/report.hpp"
#include "population_support.hpp"

using namespace donum;
using donum::test::compiled_program;
using exact::rational;

namespace {

const population::manifest fixed_manifest{"test", {}, {}, "2026-01-01T00:00:00Z"};

std::string json_of(const compile::program& p, const population::population_report& r)
{
    return render::render_report(p, r, fixed_manifest, render::report_format::json);
}

// Every row's amount under p.
std::vector<rational> live_amounts(const compile::program& p, const data::data_table& table)
{
    const population::live_population base(p, table);
    return {base.amounts().begin(), base.amounts().end()};
}

// One --set text of p, which must be valid.
compile::setting setting_from(const compile::program& p, const std::string& text)
{
    grammar::source_file source{"--set", text};
    grammar::diagnostics issues;
    auto one = compile::setting_of(p, source, issues);
    REQUIRE_MESSAGE(one.has_value(), donum::test::messages(issues));
    return *one;
}

// Values worth trying for slot s: its bounds, an odd fraction, and moves around its value.
std::vector<rational> values_for(const compile::program& p, std::size_t s)
{
    const auto& slot = p.slots[s];
    const auto current = slot.by_year.back().value_or(rational(1, 2));
    if (slot.type == compile::value_type::rate) return {rational(0), rational(1), rational(1, 3), current + rational(3, 100) > rational(1) ? rational(1) : current + rational(3, 100)};
    if (slot.path.what == compile::slot_kind::point_value) return {rational(8), rational(15, 2)};
    return {rational(0), current * rational(2), current + rational(7, 3)};
}

// The comparison of an answer is that of the amounts computed row by row.
void check_comparison(const population::reference_comparison& c, const std::vector<rational>& now, const std::vector<rational>& reference)
{
    std::size_t winners = 0;
    std::size_t losers = 0;
    rational gained;
    rational lost;
    for (std::size_t row = 0; row < now.size(); ++row) {
        if (now[row] > reference[row]) {
            ++winners;
            gained = gained + (now[row] - reference[row]);
        }
        if (now[row] < reference[row]) {
            ++losers;
            lost = lost + (reference[row] - now[row]);
        }
    }
    CHECK(c.winners == winners);
    CHECK(c.losers == losers);
    CHECK(c.unchanged == now.size() - winners - losers);
    CHECK(c.gained == gained);
    CHECK(c.lost == lost);
}

// Every slot at each of its values, for every year then for the last year alone: the live
// answer equals the full report. Targets are answered from sums of flips kept every
// `spacing` sorted rows: the default, and a few rows apart so that every answer takes the
// difference of two sums and flips rows at both ends, against the base amounts and against
// references a euro above or below them (winners and losers on both sides).
void check_every_slot(const compile::program& p, const data::data_table& table)
{
    const auto base = live_amounts(p, table);
    auto shifted = base;
    for (std::size_t row = 0; row < shifted.size(); ++row) shifted[row] = shifted[row] + rational(static_cast<std::int64_t>(row % 3) - 1);
    for (const auto& [spacing, reference] : {std::pair{std::size_t{1024}, &base}, std::pair{std::size_t{7}, &base}, std::pair{std::size_t{7}, static_cast<const std::vector<rational>*>(&shifted)}}) {
        CAPTURE(spacing);
        const population::live_population live(p, table, *reference, {}, spacing);
        for (std::size_t s = 0; s < p.slots.size(); ++s) {
            for (const auto& v : values_for(p, s)) {
                for (const bool one_year : {false, true}) {
                    compile::setting set{{s, one_year ? std::optional<int>(p.years.back()) : std::nullopt, p.slots[s].name}, v};
                    if (compile::check_slot_value(p.slots[s], v)) continue;
                    const auto changed = compile::with_settings(p, std::span(&set, 1));
                    CAPTURE(p.slots[s].name);
                    CAPTURE(v.to_string());
                    CAPTURE(one_year);
                    const auto answer = live.answer(changed);
                    CHECK(json_of(changed, answer.report) == json_of(changed, population::compute_report(changed, table)));
                    check_comparison(*answer.comparison, population::evaluate_population(changed, table, {false, false}).euros, *reference);
                }
            }
        }
    }
}

}  // namespace

TEST_CASE("a live population answers every value of the forfait structure as a full report would")
{
    const auto p = donum::test::forfait();
    const auto table = donum::test::example_population(p);
    check_every_slot(p, table);
}

TEST_CASE("a live population answers every value of the DONUM 2026 as a full report would")
{
    const auto p = compiled_program(donum::test::source_path("stdlib-rules/donum-2026.donum"));
    auto loaded = data::load_table(donum::test::source_path("examples/population-2026.csv"), p);
    REQUIRE(loaded.errors.empty());
    check_every_slot(p, loaded.table);
}

TEST_CASE("a live population answers graded, prorated and capped payments as a full report would")
{
    const auto p = donum::test::small_program(R"(convention mix "Paliers, prorata, plafond" {
  point_value 7 €
  years 2024, 2025
}
input dmp "DMP" count
input patients "Patients" count
input ordo "Ordonnances" count
input logiciel "Logiciel" boolean
group socle "Socle" points 50 when all met {
  indicator logiciel "Logiciel" declared: logiciel
}
group services "Services" requires all of socle cap 80 {
  indicator dmp "DMP" calculated: rate(dmp, patients) >= target {2024: 60 %, 2025: 65 %}
    points 40 prorated above 20 %
  indicator ordo "Ordonnances" calculated: rate(ordo, patients) >= target 30 %
    points 20
    points 40 at 50 %
  indicator volume "Volume" calculated: patients >= target 150
    points 25
}
)");
    std::string csv = "id,year,dmp,patients,ordo,logiciel\n";
    for (int i = 0; i < 400; ++i) {
        const int patients = i % 7 == 0 ? 0 : 50 + (i * 37) % 200;
        csv += "M" + std::to_string(i) + "," + (i % 2 == 0 ? "2024" : "2025") + "," + std::to_string(patients * ((i * 13) % 100) / 100) + "," + std::to_string(patients) + "," +
               std::to_string(patients * ((i * 29) % 100) / 100) + "," + (i % 5 == 0 ? "0" : "1") + "\n";
    }
    const auto table = donum::test::table_of(p, csv);
    check_every_slot(p, table);
}

TEST_CASE("a live population answers several values changed at once as a full report would")
{
    const auto p = donum::test::forfait();
    const auto table = donum::test::example_population(p);
    const auto base = live_amounts(p, table);
    // Targets alone first (rows in several runs flip together), then points and the point
    // value with them; sums kept every 1,024 rows and every 7.
    const std::vector<std::string> texts{"volet2.dmp.target@2024=35%", "volet2.mss.target=20%", "volet2.aat.target@2024=30%", "volet1.teletransmission.target@2023=80%",
                                         "volet2.dmp.target@2023=10%", "volet2.sas.points=250", "point_value@2024=7.5€"};
    for (const std::size_t spacing : {std::size_t{1024}, std::size_t{7}}) {
        CAPTURE(spacing);
        const population::live_population live(p, table, base, {}, spacing);
        std::vector<compile::setting> settings;
        for (const auto& text : texts) {
            settings.push_back(setting_from(p, text));
            const auto changed = compile::with_settings(p, settings);
            CAPTURE(text);
            const auto answer = live.answer(changed);
            CHECK(json_of(changed, answer.report) == json_of(changed, population::compute_report(changed, table)));
            check_comparison(*answer.comparison, population::evaluate_population(changed, table, {false, false}).euros, base);
            CHECK(answer.rows_touched > 0);
        }
    }
}

TEST_CASE("a live answer compares each row with the reference amounts")
{
    const auto p = donum::test::forfait();
    const auto table = donum::test::example_population(p);
    const auto base_amounts = live_amounts(p, table);
    const population::live_population live(p, table, base_amounts);
    const auto slot = donum::test::slot_of(p, "volet2.dmp.target");
    compile::setting set{{slot, std::nullopt, "volet2.dmp.target"}, rational(35, 100)};
    const auto changed = compile::with_settings(p, std::span(&set, 1));
    const auto answer = live.answer(changed);
    REQUIRE(answer.comparison.has_value());
    const auto now = live_amounts(changed, table);
    std::size_t winners = 0;
    std::size_t losers = 0;
    rational lost;
    for (std::size_t row = 0; row < table.size(); ++row) {
        if (now[row] > base_amounts[row]) ++winners;
        if (now[row] < base_amounts[row]) {
            ++losers;
            lost = lost + (base_amounts[row] - now[row]);
        }
    }
    CHECK(answer.comparison->winners == winners);
    CHECK(answer.comparison->losers == losers);
    CHECK(answer.comparison->lost == lost);
    CHECK(losers > 0);
    CHECK(answer.rows_touched < table.size() / 2);  // those whose DMP rate lies between the old targets and 35 %
    CHECK(live.answer(p).rows_touched == 0);
}

TEST_CASE("settings applied to a program report what the same --set options compiled give")
{
    const auto path = donum::test::source_path("stdlib-rules/forfait-structure.donum");
    const auto p = donum::test::forfait();
    const auto table = donum::test::example_population(p);
    const std::vector<std::string> texts{"volet2.dmp.target@2024=35%", "volet2.sas.points=250", "point_value=7.5€", "volet1.points = 300"};
    std::vector<compile::setting> settings;
    for (const auto& text : texts) settings.push_back(setting_from(p, text));
    compile::compile_options options;
    options.settings = texts;
    auto compiled = compile::compile_rules(path, options);
    REQUIRE(compiled.checked.has_value());
    const auto applied = compile::with_settings(p, settings);
    CHECK(json_of(applied, population::compute_report(applied, table)) == json_of(*compiled.checked, population::compute_report(*compiled.checked, table)));
}

TEST_CASE("a setting or a scenario text gets the messages of the command line")
{
    const auto p = donum::test::forfait();
    grammar::diagnostics issues;
    grammar::source_file typo{"--set", "volet2.dmp.targt=35%"};
    CHECK_FALSE(compile::setting_of(p, typo, issues).has_value());
    CHECK(donum::test::messages(issues).find("vouliez-vous dire « volet2.dmp.target »") != std::string::npos);
    issues.clear();
    grammar::source_file above{"--set", "volet2.dmp.target=140%"};
    CHECK_FALSE(compile::setting_of(p, above, issues).has_value());
    CHECK(donum::test::messages(issues).find("140 % est au-dessus de 100 %") != std::string::npos);
    issues.clear();
    grammar::source_file scenario{"scénario", "scenario s \"S\"\nset volet2.dmp.target = 35 %\nset volet2.sas.points = 250\n"};
    const auto settings = compile::scenario_settings(p, scenario, issues);
    REQUIRE(settings.has_value());
    CHECK(settings->size() == 2);
    grammar::source_file twice{"scénario", "scenario s \"S\"\nset volet2.dmp.target = 35 %\nset volet2.dmp.target = 40 %\n"};
    CHECK_FALSE(compile::scenario_settings(p, twice, issues).has_value());
    grammar::source_file extending{"scénario", "scenario s \"S\" extends \"other.donum\"\nset volet2.dmp.target = 35 %\n"};
    CHECK_FALSE(compile::scenario_settings(p, extending, issues).has_value());
}

TEST_CASE("a live answer moves the rows between an old and a new target without re-running them, as a full report would")
{
    // Targets compared with a measured value in every way a condition reads them (>=, >, <=,
    // =, the target on the left), with zero-denominator policies, and a prorated payment
    // that reads its target (re-run: the generic path).
    const auto p = donum::test::small_program(R"(convention flips "Cibles" {
  point_value 7 €
  years 2024, 2025
}
input a "A" count
input b "B" count
input c "C" count
input d "D" count
input n "N" count
group socle "Socle" points 30 when all met {
  indicator seuil "Seuil" calculated: n >= target 100
}
group services "Services" requires all of socle {
  indicator a_met "A" calculated: rate(a, d) >= target {2024: 40 %, 2025: 50 %}
    points 20
    zero_denominator met
  indicator b_neutre "B" calculated: rate(b, d) > target 30 %
    points 15
    zero_denominator neutralised
  indicator c_bas "C" calculated: rate(c, d) <= target 60 %
    points 10
  indicator c_gauche "C à gauche" calculated: target 20 % <= rate(c, d)
    points 5
  indicator a_egal "A égal" calculated: a = target 3
    points 5
  indicator prorata "Prorata" calculated: rate(b, d) >= target 70 %
    points 40 prorated above 20 %
}
)");
    std::string csv = "id,year,a,b,c,d,n\n";
    for (int i = 0; i < 500; ++i) {
        const int d = i % 11 == 0 ? 0 : 5 + (i * 7) % 20;
        csv += "M" + std::to_string(i) + "," + (i % 3 == 0 ? "2025" : "2024") + "," + std::to_string(d * ((i * 13) % 101) / 100) + "," + std::to_string(d * ((i * 29) % 101) / 100) + "," +
               std::to_string(d * ((i * 53) % 101) / 100) + "," + std::to_string(d) + "," + std::to_string(50 + (i * 17) % 120) + "\n";
    }
    const auto table = donum::test::table_of(p, csv);
    check_every_slot(p, table);

    // Targets raised and lowered onto measured values met exactly (1/2, 2/5, 3/5, 3), to 0 %
    // and 100 %, one at a time then several at once in one year.
    const population::live_population live(p, table, live_amounts(p, table));
    const std::vector<std::vector<std::string>> sets{{"services.a_met.target@2024=50%"},
                                                     {"services.a_met.target@2024=20%"},
                                                     {"services.b_neutre.target=2/5"},
                                                     {"services.b_neutre.target=0%"},
                                                     {"services.c_bas.target@2025=100%"},
                                                     {"services.c_bas.target=3/5"},
                                                     {"services.c_gauche.target=1/2"},
                                                     {"services.a_egal.target@2024=2"},
                                                     {"socle.seuil.target@2024=120"},
                                                     {"services.a_met.target@2024=0%", "services.b_neutre.target@2024=100%", "services.c_bas.target@2024=1/2", "socle.seuil.target@2024=60"},
                                                     {"services.a_met.target=1/2", "services.prorata.target=50%"}};
    for (const auto& texts : sets) {
        std::vector<compile::setting> settings;
        for (const auto& text : texts) settings.push_back(setting_from(p, text));
        const auto changed = compile::with_settings(p, settings);
        CAPTURE(texts.front());
        CAPTURE(texts.size());
        const auto answer = live.answer(changed);
        CHECK(json_of(changed, answer.report) == json_of(changed, population::compute_report(changed, table)));
        const auto now = live_amounts(changed, table);
        const auto base = live.amounts();
        std::size_t winners = 0;
        std::size_t losers = 0;
        for (std::size_t row = 0; row < table.size(); ++row) {
            winners += now[row] > base[row] ? 1 : 0;
            losers += now[row] < base[row] ? 1 : 0;
        }
        REQUIRE(answer.comparison.has_value());
        CHECK(answer.comparison->winners == winners);
        CHECK(answer.comparison->losers == losers);
    }
}
