// Tests of the population report: SHA-256 of the manifest, every figure of the example
// population against counts made here from the CSV with plain integer code, the exact
// definitions of deciles, near misses and "blocked by one" on hand-made populations, and
// the four renderers (manifest first, French headings, well-formed tables).
#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "interpreter/compile/driver.hpp"
#include "interpreter/eval/evaluate.hpp"
#include "interpreter/population/report.hpp"
#include "interpreter/render/report.hpp"
#include "interpreter/population/sha256.hpp"
#include "interpreter/data/table.hpp"
#include "support.hpp"

using namespace donum;

namespace {

using exact::rational;
using std::int64_t;

compile::program compile_file(const std::string& path)
{
    auto compiled = compile::compile_rules(path, {});
    REQUIRE_MESSAGE(compiled.checked.has_value(), donum::test::messages(compiled.issues));
    return std::move(*compiled.checked);
}

compile::program compile_text(const std::string& text)
{
    return compile_file(donum::test::write_file(donum::test::temp_folder(), "rules.donum", text));
}

data::data_table load_text(const compile::program& p, const std::string& csv)
{
    auto loaded = data::load_table_text("data.csv", csv, p);
    REQUIRE(loaded.errors.empty());
    return std::move(loaded.table);
}

std::size_t indicator_index(const compile::program& p, const std::string& dotted)
{
    for (std::size_t i = 0; i < p.indicators.size(); ++i) {
        if (p.groups[p.indicators[i].group].id + "." + p.indicators[i].id == dotted) return i;
    }
    FAIL("no indicator " << dotted);
    return 0;
}

const population::report_section& section_of(const population::population_report& r, std::optional<int> year)
{
    for (const auto& s : r.sections) {
        if (s.year == year) return s;
    }
    FAIL("no section");
    return r.sections.front();
}

// ---------------------------------------------------------------------------------------
// The example population, read here without donum: one map of column -> value per row.

struct csv_row {
    std::map<std::string, int64_t> v;
    int64_t operator[](const std::string& column) const { return v.at(column); }
};

std::vector<csv_row> read_population()
{
    std::ifstream in(donum::test::source_path("examples/population-2023-2024.csv"));
    REQUIRE(in.good());
    std::string line;
    std::getline(in, line);
    std::vector<std::string> header;
    std::stringstream hs(line);
    for (std::string h; std::getline(hs, h, ',');) header.push_back(h);
    std::vector<csv_row> rows;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        std::stringstream ls(line);
        csv_row row;
        std::size_t c = 0;
        for (std::string field; std::getline(ls, field, ','); ++c) {
            if (header[c] != "id") row.v[header[c]] = std::stoll(field);
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

// A rate target in whole percent per year: num / den >= pct %, a zero denominator not met.
struct rate_rule {
    std::string id;
    std::string prefix;  ///< column prefix: dmp -> dmp_num, dmp_den
    int64_t pct_2023;
    int64_t pct_2024;
    int64_t half_points;  ///< points x 2, to stay in integers (22.5 -> 45)
};

const std::vector<rate_rule> rate_rules = {
    {"dmp", "dmp", 20, 30, 80},      {"mss", "mss", 5, 10, 80},       {"aat", "aat", 90, 90, 45},
    {"cmatmp", "cmatmp", 45, 50, 45}, {"pse", "pse", 80, 90, 45},      {"dmt", "dmt", 90, 90, 45},
    {"spe", "spe", 20, 30, 20},      {"dsg", "dsg", 10, 50, 20},      {"ordonnances", "ordo", 30, 40, 80},
};

// Declared or yes/no indicators: the column is 1.
const std::vector<std::pair<std::string, int64_t>> flag_rules = {
    {"exercice_coordonne", 240}, {"capacite_coder", 100}, {"service_patients", 140}, {"maitre_stage", 100},
    {"video_transmission", 100}, {"equipements_connectes", 50}, {"sas", 400},
};

bool rate_met(const csv_row& r, const rate_rule& rule)
{
    const auto num = r[rule.prefix + "_num"];
    const auto den = r[rule.prefix + "_den"];
    const auto pct = r["year"] == 2023 ? rule.pct_2023 : rule.pct_2024;
    return den > 0 && num * 100 >= pct * den;
}

bool rate_near(const csv_row& r, const rate_rule& rule)
{
    const auto num = r[rule.prefix + "_num"];
    const auto den = r[rule.prefix + "_den"];
    const auto pct = r["year"] == 2023 ? rule.pct_2023 : rule.pct_2024;
    return den > 0 && num * 100 < pct * den && num * 100 >= (pct - 5) * den;
}

// Volet 1, indicator by indicator, in program order.
std::vector<std::pair<std::string, bool>> volet1(const csv_row& r)
{
    return {{"volet1.logiciel", r["segur_lap"] == 1},
            {"volet1.sesam_vitale", r["sv_addendum"] >= 8},
            {"volet1.teletransmission", r["fse_den"] > 0 && 3 * r["fse_num"] > 2 * r["fse_den"]},
            {"volet1.horaires", r["horaires_annuaire"] == 1}};
}

bool volet1_met(const csv_row& r)
{
    for (const auto& [id, met] : volet1(r)) {
        if (!met) return false;
    }
    return true;
}

struct population_fixture {
    compile::program program = compile_file(donum::test::source_path("stdlib-rules/forfait-structure.donum"));
    data::data_table table = [this] {
        auto loaded = data::load_table(donum::test::source_path("examples/population-2023-2024.csv"), program);
        REQUIRE(loaded.errors.empty());
        return std::move(loaded.table);
    }();
    population::population_report report = population::compute_report(program, table);
    std::vector<csv_row> rows = read_population();
};

const population_fixture& example_population()
{
    static const population_fixture f;
    return f;
}

// ---------------------------------------------------------------------------------------
// Hand-made populations.

const std::string blocking_rules = R"(convention t "Test" { point_value 1 € years 2024 }
input a1 "a1" boolean
input a2 "a2" boolean
input n "n" count
input d "d" count
input b1 "b1" boolean
input b2 "b2" boolean
input m "m" count
input e "e" count
input g1 "g1" boolean
input g2 "g2" boolean
group a "A" points 10 when all met {
  indicator x "X" declared: a1
  indicator y "Y" declared: a2
  indicator z "Z" calculated: rate(n, d) >= target 50 % zero_denominator neutralised
}
group b "B" requires all of a {
  indicator u "U" declared: b1 points 1
  indicator v "V" declared: b2 points 1
  indicator w "W" calculated: rate(m, e) >= target 50 % points 1 zero_denominator neutralised
}
group c "C" requires all of b {
  indicator t "T" declared: b1 points 5
}
group f "F" {
  indicator f1 "F1" declared: g1 points 1
}
group h "H" {
  indicator h1 "H1" declared: g2 points 1
}
group k "K" requires all of f and all of h {
  indicator k1 "K1" declared: g1 points 1
}
)";

// One row per case; the comment says which indicator alone blocks a payment, if any.
const std::string blocking_data = "id,year,a1,a2,n,d,b1,b2,m,e,g1,g2\n"
                                  "R1,2024,1,0,1,1,1,1,1,1,1,1\n"   // a.y: A's block and B's gate, counted once
                                  "R2,2024,0,0,1,1,1,1,1,1,1,1\n"   // two missing in A: none
                                  "R3,2024,1,1,0,0,1,0,0,1,1,1\n"   // C wants all of b, 2 missing: none
                                  "R4,2024,1,1,0,0,1,0,0,0,1,1\n"   // b.v: w neutralised counts as met, v alone missing for C
                                  "R5,2024,1,1,1,1,1,1,1,1,0,0\n"   // K lacks f1 and h1: none
                                  "R6,2024,1,1,1,1,1,1,1,1,0,1\n"   // f.f1 alone blocks K
                                  "R7,2024,1,1,1,1,1,1,1,1,1,1\n";  // everything met

// Amounts of 1, 2, 4 and 8 € from four yes/no indicators: any amount from 0 to 15.
const std::string amount_rules = R"(convention t "Test" { point_value 1 € years 2024 }
input a "a" boolean
input b "b" boolean
input c "c" boolean
input d "d" boolean
group g "G" {
  indicator a "A" declared: a points 1
  indicator b "B" declared: b points 2
  indicator c "C" declared: c points 4
  indicator d "D" declared: d points 8
}
)";

// ---------------------------------------------------------------------------------------
// Renderer checks.

// Number of cells of a Markdown table line: unescaped pipes minus one.
std::size_t md_cells(const std::string& line)
{
    std::size_t pipes = 0;
    for (std::size_t k = 0; k < line.size(); ++k) {
        if (line[k] == '\\') ++k;
        else if (line[k] == '|') ++pipes;
    }
    return pipes - 1;
}

// Number of fields of a CSV record (quotes honoured).
std::size_t csv_fields(const std::string& line)
{
    std::size_t fields = 1;
    bool quoted = false;
    for (const char c : line) {
        if (c == '"') quoted = !quoted;
        else if (c == ',' && !quoted) ++fields;
    }
    return fields;
}

population::manifest sample_manifest()
{
    population::manifest m;
    m.donum_version = "0.1.0";
    m.date = "2025-03-12T10:00:00+01:00";
    m.files.push_back(population::hashed_text("règles", "stdlib-rules/forfait-structure.donum", "abc"));
    m.files.push_back({"données", "examples/population-2023-2024.csv", population::sha256_text("")});
    m.parameters = {"volet2.dmp.target@2024=35%", "point_value=7.5€"};
    return m;
}

const std::string sha_abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
const std::string sha_empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

void check_manifest(const std::string& text)
{
    CHECK(text.find("stdlib-rules/forfait-structure.donum") != std::string::npos);
    CHECK(text.find("examples/population-2023-2024.csv") != std::string::npos);
    CHECK(text.find(sha_abc) != std::string::npos);
    CHECK(text.find(sha_empty) != std::string::npos);
    CHECK(text.find("volet2.dmp.target@2024=35%") != std::string::npos);
    CHECK(text.find("point_value=7.5€") != std::string::npos);
    CHECK(text.find("2025-03-12T10:00:00+01:00") != std::string::npos);
    CHECK(text.find("0.1.0") != std::string::npos);
    CHECK(text.find("règles") != std::string::npos);
    // The manifest comes before any figure.
    CHECK(text.find(sha_abc) < text.find("10900015"));
}

}  // namespace

TEST_SUITE("report")
{
    TEST_CASE("SHA-256 of a text and of a file are the standard digests")
    {
        CHECK(population::sha256_text("abc") == sha_abc);
        CHECK(population::sha256_text("") == sha_empty);
        const auto dir = donum::test::temp_folder();
        // Larger than one read block, so that streaming is exercised.
        const std::string big(200000, 'x');
        const auto path = donum::test::write_file(dir, "big.txt", big);
        CHECK(population::sha256_file(path) == population::sha256_text(big));
        CHECK(population::hashed_file("données", path).sha256 == population::sha256_text(big));
        CHECK(population::sha256_file(donum::test::write_file(dir, "abc.txt", "abc")) == sha_abc);
    }

    TEST_CASE("hashing a file that cannot be read throws and names it")
    {
        const auto missing = (donum::test::temp_folder() / "absent.csv").string();
        CHECK_THROWS_WITH_AS(static_cast<void>(population::sha256_file(missing)), doctest::Contains("absent.csv"), std::runtime_error);
        CHECK_THROWS_AS(static_cast<void>(population::sha256_file(donum::test::temp_folder().string())), std::runtime_error);
    }

    TEST_CASE("the example population gives the known totals per year and in all")
    {
        const auto& f = example_population();
        REQUIRE(f.report.sections.size() == 3);
        const auto& y2023 = section_of(f.report, 2023);
        const auto& y2024 = section_of(f.report, 2024);
        const auto& all = section_of(f.report, std::nullopt);
        CHECK(y2023.physicians == 3000);
        CHECK(y2024.physicians == 3000);
        CHECK(all.physicians == 6000);
        CHECK(all.distinct_ids == 3000);
        CHECK(y2023.euros == rational(10900015));
        CHECK(y2024.euros == rational(23742495, 2));
        CHECK(y2023.euros.to_fixed(2) == "10900015.00");
        CHECK(y2024.euros.to_fixed(2) == "11871247.50");
        CHECK(all.euros == y2023.euros + y2024.euros);
        CHECK(y2023.paid == 2614);
        CHECK(y2024.paid == 2722);
        CHECK(all.paid == 5336);
        CHECK(all.unpaid == 664);

        // Independently: 280 points when volet 1 is met, plus each volet 2 indicator met.
        for (const int year : {2023, 2024}) {
            int64_t half_points = 0;
            std::size_t paid = 0;
            for (const auto& r : f.rows) {
                if (r["year"] != year || !volet1_met(r)) continue;
                ++paid;
                half_points += 560;
                for (const auto& rule : rate_rules) half_points += rate_met(r, rule) ? rule.half_points : 0;
                for (const auto& [column, hp] : flag_rules) half_points += r[column] == 1 ? hp : 0;
                half_points += r["appcv_fse"] >= 1 ? 80 : 0;
            }
            const auto& s = section_of(f.report, year);
            CHECK(s.points == rational(half_points, 2));
            CHECK(s.euros == rational(half_points * 7, 2));
            CHECK(s.paid == paid);
        }
    }

    TEST_CASE("met and paid counts per indicator equal counts made from the CSV")
    {
        const auto& f = example_population();
        for (const int year : {2023, 2024}) {
            const auto& s = section_of(f.report, year);
            std::map<std::string, std::size_t> met;
            std::map<std::string, std::size_t> paid;
            std::size_t open = 0;
            for (const auto& r : f.rows) {
                if (r["year"] != year) continue;
                const bool gate = volet1_met(r);
                open += gate ? 1 : 0;
                for (const auto& [id, ok] : volet1(r)) met[id] += ok ? 1 : 0;
                auto count = [&](const std::string& id, bool ok) {
                    met[id] += ok ? 1 : 0;
                    paid[id] += ok && gate ? 1 : 0;
                };
                for (const auto& rule : rate_rules) count("volet2." + rule.id, rate_met(r, rule));
                for (const auto& [column, hp] : flag_rules) count("volet2." + column, r[column] == 1);
                count("volet2.appli_carte_vitale", r["appcv_fse"] >= 1);
            }
            REQUIRE(met.size() == f.program.indicators.size());
            for (const auto& entry : met) {
                // Not a structured binding: CAPTURE keeps a reference to it, which clang
                // before 16 refuses for a binding.
                const auto& id = entry.first;
                const auto n = entry.second;
                CAPTURE(year);
                CAPTURE(id);
                const auto& st = s.indicators[indicator_index(f.program, id)];
                CHECK(st.met == n);
                if (id.starts_with("volet1.")) {
                    CHECK_FALSE(st.paid.has_value());
                    CHECK_FALSE(st.points.has_value());
                }
                else {
                    REQUIRE(st.paid.has_value());
                    CHECK(*st.paid == paid[id]);
                }
            }
            // Volet 2 opens exactly when volet 1's block is paid.
            CHECK(s.groups[0].open == 3000);
            CHECK(s.groups[0].block_paid == open);
            CHECK(s.groups[1].open == open);
            CHECK_FALSE(s.groups[1].block_paid.has_value());
        }
        // DMP 2024, spelled out: dmp_num*100 >= 30*dmp_den, dmp_den > 0, and volet 1 met.
        std::size_t dmp = 0;
        for (const auto& r : f.rows) {
            if (r["year"] == 2024 && r["dmp_den"] > 0 && r["dmp_num"] * 100 >= 30 * r["dmp_den"] && volet1_met(r)) ++dmp;
        }
        CHECK(section_of(f.report, 2024).indicators[indicator_index(f.program, "volet2.dmp")].paid == dmp);
    }

    TEST_CASE("near misses per indicator equal counts made from the CSV, for > and >= targets")
    {
        const auto& f = example_population();
        for (const int year : {2023, 2024}) {
            const auto& s = section_of(f.report, year);
            for (const auto& rule : rate_rules) {
                std::size_t near = 0;
                for (const auto& r : f.rows) near += r["year"] == year && rate_near(r, rule) ? 1 : 0;
                CAPTURE(rule.id);
                CHECK(s.indicators[indicator_index(f.program, "volet2." + rule.id)].near_misses == near);
            }
            // Teletransmission > 2/3: not met and 2/3 - 5 % = 37/60 <= rate <= 2/3.
            std::size_t near = 0;
            for (const auto& r : f.rows) {
                const auto num = r["fse_num"];
                const auto den = r["fse_den"];
                near += r["year"] == year && den > 0 && 60 * num >= 37 * den && 3 * num <= 2 * den ? 1 : 0;
            }
            CHECK(s.indicators[indicator_index(f.program, "volet1.teletransmission")].near_misses == near);
            // No rate target, no near-miss figure.
            CHECK_FALSE(s.indicators[indicator_index(f.program, "volet1.sesam_vitale")].near_misses.has_value());
            CHECK_FALSE(s.indicators[indicator_index(f.program, "volet2.appli_carte_vitale")].near_misses.has_value());
            CHECK_FALSE(s.indicators[indicator_index(f.program, "volet2.sas")].near_misses.has_value());
        }
        // All years: the sum of the years (each row judged against its own year's target).
        const auto dmp = indicator_index(f.program, "volet2.dmp");
        CHECK(*section_of(f.report, std::nullopt).indicators[dmp].near_misses == *section_of(f.report, 2023).indicators[dmp].near_misses + *section_of(f.report, 2024).indicators[dmp].near_misses);
    }

    TEST_CASE("physicians blocked by one volet 1 indicator equal counts made from the CSV")
    {
        const auto& f = example_population();
        for (const int year : {2023, 2024}) {
            const auto& s = section_of(f.report, year);
            std::map<std::string, std::size_t> alone;
            std::size_t blocked = 0;
            for (const auto& r : f.rows) {
                if (r["year"] != year) continue;
                std::vector<std::string> missing;
                for (const auto& [id, ok] : volet1(r)) {
                    if (!ok) missing.push_back(id);
                }
                if (missing.size() == 1) {
                    ++alone[missing.front()];
                    ++blocked;
                }
            }
            CHECK(s.blocked_by_one == blocked);
            for (std::size_t i = 0; i < f.program.indicators.size(); ++i) {
                const auto id = f.program.groups[f.program.indicators[i].group].id + "." + f.program.indicators[i].id;
                CAPTURE(id);
                CHECK(s.indicators[i].blocked_alone == alone[id]);
            }
        }
    }

    TEST_CASE("indicator costs are paid count times points times point value, and add up to the total")
    {
        const auto& f = example_population();
        for (const auto& s : f.report.sections) {
            rational sum = s.groups[0].euros;  // volet 1: the block, on the group
            rational points = s.groups[0].points;
            for (std::size_t i = 0; i < f.program.indicators.size(); ++i) {
                const auto& st = s.indicators[i];
                if (!st.euros) continue;
                sum = sum + *st.euros;
                points = points + *st.points;
            }
            CHECK(sum == s.euros);
            CHECK(points == s.points);
            CHECK(s.groups[0].euros + s.groups[1].euros == s.euros);
        }
        const auto& y2024 = section_of(f.report, 2024);
        const auto& aat = y2024.indicators[indicator_index(f.program, "volet2.aat")];
        CHECK(*aat.points == rational(45, 2) * rational(static_cast<int64_t>(*aat.paid)));
        CHECK(*aat.euros == *aat.points * rational(7));
        CHECK(y2024.groups[0].points == rational(280) * rational(static_cast<int64_t>(*y2024.groups[0].block_paid)));
    }

    TEST_CASE("median and deciles follow the documented definitions on tiny populations")
    {
        // Odd count: 0 3 8 12 15.
        const auto odd = population::distribution({rational(15), rational(0), rational(8), rational(3), rational(12)});
        REQUIRE(odd.has_value());
        CHECK(odd->mean == rational(38, 5));
        CHECK(odd->median == rational(8));
        const std::vector<rational> expected_odd = {0, 0, 3, 3, 8, 8, 12, 12, 15};  // ranks ceil(k*5/10)
        for (std::size_t k = 0; k < 9; ++k) CHECK(odd->deciles[k] == expected_odd[k]);
        CHECK(odd->maximum == rational(15));

        // Even count: the median is the mean of the two middle amounts, D5 the lower one.
        const auto even = population::distribution({rational(4), rational(1), rational(3), rational(2)});
        REQUIRE(even.has_value());
        CHECK(even->median == rational(5, 2));
        CHECK(even->deciles[4] == rational(2));
        CHECK(even->deciles[0] == rational(1));
        CHECK(even->deciles[8] == rational(4));

        // Ten amounts 1..10: Dk is k.
        std::vector<rational> ten;
        for (int64_t k = 10; k >= 1; --k) ten.emplace_back(k);
        const auto tenths = population::distribution(ten);
        for (std::size_t k = 0; k < 9; ++k) CHECK(tenths->deciles[k] == rational(static_cast<int64_t>(k + 1)));
        CHECK(tenths->median == rational(11, 2));

        CHECK_FALSE(population::distribution({}).has_value());
    }

    TEST_CASE("a tiny population evaluated end to end has the hand-computed distribution")
    {
        const auto p = compile_text(amount_rules);
        // Amounts 0, 3, 8, 12, 15 €.
        const auto table = load_text(p, "id,year,a,b,c,d\nP1,2024,0,0,0,0\nP2,2024,1,1,0,0\nP3,2024,0,0,0,1\nP4,2024,0,0,1,1\nP5,2024,1,1,1,1\n");
        const auto r = population::compute_report(p, table);
        REQUIRE(r.sections.size() == 1);
        const auto& s = r.sections.front();
        CHECK(s.year == 2024);
        CHECK(s.paid == 4);
        CHECK(s.unpaid == 1);
        CHECK(s.euros == rational(38));
        REQUIRE(s.amounts.has_value());
        CHECK(s.amounts->median == rational(8));
        CHECK(s.amounts->deciles[2] == rational(3));
        CHECK(s.amounts->maximum == rational(15));
        // Indicator d (8 €) is met by P3, P4, P5.
        CHECK(s.indicators[3].met == 3);
        CHECK(*s.indicators[3].euros == rational(24));
    }

    TEST_CASE("an empty population gives one section with no distribution")
    {
        const auto p = compile_text(amount_rules);
        const auto table = load_text(p, "id,year,a,b,c,d\n");
        const auto r = population::compute_report(p, table);
        REQUIRE(r.sections.size() == 1);
        CHECK_FALSE(r.sections.front().year.has_value());
        CHECK(r.sections.front().physicians == 0);
        CHECK_FALSE(r.sections.front().amounts.has_value());
        const auto text = render::render_report(p, r, sample_manifest(), render::report_format::table);
        CHECK(text.find("Toutes années") != std::string::npos);
    }

    TEST_CASE("blocked by one counts a physician once per sole missing indicator, through blocks and gates")
    {
        const auto p = compile_text(blocking_rules);
        const auto table = load_text(p, blocking_data);
        const auto r = population::compute_report(p, table);
        REQUIRE(r.sections.size() == 1);
        const auto& s = r.sections.front();
        CHECK(s.blocked_by_one == 3);
        for (std::size_t i = 0; i < p.indicators.size(); ++i) {
            const auto id = p.groups[p.indicators[i].group].id + "." + p.indicators[i].id;
            CAPTURE(id);
            const std::size_t expected = id == "a.y" || id == "b.v" || id == "f.f1" ? 1 : 0;
            CHECK(s.indicators[i].blocked_alone == expected);
        }

        // Row by row: R1 is blocked by a.y alone, once although it fails A's block and B's gate.
        const eval::evaluator e(p, 2024);
        std::vector<int64_t> inputs(table.input_count());
        std::vector<std::size_t> blamed;
        const std::vector<std::vector<std::string>> expected = {{"a.y"}, {}, {}, {"b.v"}, {}, {"f.f1"}, {}};
        for (std::size_t row = 0; row < table.size(); ++row) {
            table.read_row(row, inputs);
            population::sole_missing_indicators(p, e.evaluate(inputs), blamed);
            std::vector<std::string> ids;
            for (const auto i : blamed) ids.push_back(p.groups[p.indicators[i].group].id + "." + p.indicators[i].id);
            CAPTURE(row);
            CHECK(ids == expected[row]);
        }
    }

    TEST_CASE("near misses below a maximum rate lie within 5 points above it")
    {
        const auto p = compile_text(R"(convention t "Test" { point_value 1 € years 2024 }
input n "n" count
input d "d" count
group g "G" {
  indicator low "Low" calculated: rate(n, d) <= target 20 % points 1
}
)");
        // 20 % met; 21 % and 25 % near; 26 % not; no denominator: not met, not near.
        const auto table = load_text(p, "id,year,n,d\nA,2024,20,100\nB,2024,21,100\nC,2024,25,100\nD,2024,26,100\nE,2024,0,0\n");
        const auto r = population::compute_report(p, table);
        const auto& st = r.sections.front().indicators.front();
        CHECK(st.met == 1);
        CHECK(st.near_misses == 2);
    }

    TEST_CASE("every renderer starts with the manifest and uses French headings")
    {
        const auto& f = example_population();
        const auto m = sample_manifest();
        const auto table = render::render_report(f.program, f.report, m, render::report_format::table);
        const auto md = render::render_report(f.program, f.report, m, render::report_format::md);
        const auto csv = render::render_report(f.program, f.report, m, render::report_format::csv);
        const auto json = render::render_report(f.program, f.report, m, render::report_format::json);
        for (const auto* text : {&table, &md, &csv, &json}) check_manifest(*text);

        for (const auto* heading : {"Rapport de population", "Manifeste", "Année 2023", "Année 2024", "Toutes années", "Totaux", "Montant par médecin", "Groupes", "Indicateurs", "Définitions", "Médecins payés", "Seul manquant", "Proches"}) {
            CAPTURE(heading);
            CHECK(table.find(heading) != std::string::npos);
            CHECK(md.find(heading) != std::string::npos);
        }
        CHECK(table.find("Montant total") != std::string::npos);
        CHECK(table.find("10 900 015,00 €") != std::string::npos);
        CHECK(table.find("11 871 247,50 €") != std::string::npos);
        CHECK(md.find("# Rapport de population : Forfait structure") == 0);
        CHECK(md.find("\n## Manifeste\n") != std::string::npos);
        CHECK(md.find("\n### Indicateurs\n") != std::string::npos);
        CHECK(csv.find("section,année,élément,mesure,valeur\n") == 0);
        CHECK(csv.find("totaux,2024,,euros,11871247.50\n") != std::string::npos);
        CHECK(csv.find("totaux,toutes,,payés,5336\n") != std::string::npos);
        CHECK(json.find("\"euros\": 10900015.00") != std::string::npos);
        CHECK(json.find("\"year\": null") != std::string::npos);
        CHECK(json.find("\"label\": \"Volet 1 : équipement du cabinet\"") != std::string::npos);
        CHECK(json.find("\"targets\": {\"2023\": \"2/3\", \"2024\": \"2/3\"}") != std::string::npos);
    }

    TEST_CASE("the Markdown report has well-formed tables and the CSV report a constant field count")
    {
        const auto& f = example_population();
        const auto md = render::render_report(f.program, f.report, sample_manifest(), render::report_format::md);
        std::istringstream lines(md);
        std::vector<std::string> block;
        std::size_t tables = 0;
        auto check_block = [&] {
            if (block.empty()) return;
            ++tables;
            REQUIRE(block.size() >= 2);
            const auto columns = md_cells(block.front());
            CHECK(columns >= 2);
            CHECK(block[1].find("---") != std::string::npos);
            for (const auto& l : block) {
                CAPTURE(l);
                CHECK(md_cells(l) == columns);
                CHECK(l.back() == '|');
            }
            block.clear();
        };
        for (std::string line; std::getline(lines, line);) {
            if (line.starts_with("|")) block.push_back(line);
            else check_block();
        }
        check_block();
        CHECK(tables == 2 + 3 * 4);  // manifest facts and files; totals, amounts, groups, indicators per section

        const auto csv = render::render_report(f.program, f.report, sample_manifest(), render::report_format::csv);
        std::istringstream records(csv);
        std::size_t count = 0;
        for (std::string line; std::getline(records, line); ++count) {
            CAPTURE(line);
            CHECK(csv_fields(line) == 5);
        }
        CHECK(count > 100);
    }
}
