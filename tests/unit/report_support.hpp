// Helpers of the population report tests: the example population counted from its CSV with
// plain integer code (the reference the report is checked against), small rule texts, and
// checks of the renderers' shape.
#ifndef DONUM_TESTS_UNIT_REPORT_SUPPORT_HPP
#define DONUM_TESTS_UNIT_REPORT_SUPPORT_HPP

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

namespace donum::test::report {

using exact::rational;
using std::int64_t;

inline compile::program compile_file(const std::string& path)
{
    auto compiled = compile::compile_rules(path, {});
    REQUIRE_MESSAGE(compiled.checked.has_value(), donum::test::messages(compiled.issues));
    return std::move(*compiled.checked);
}

inline compile::program compile_text(const std::string& text)
{
    return compile_file(donum::test::write_file(donum::test::temp_folder(), "rules.donum", text));
}

inline data::data_table load_text(const compile::program& p, const std::string& csv)
{
    auto loaded = data::load_table_text("data.csv", csv, p);
    REQUIRE(loaded.errors.empty());
    return std::move(loaded.table);
}

inline std::size_t indicator_index(const compile::program& p, const std::string& dotted)
{
    for (std::size_t i = 0; i < p.indicators.size(); ++i) {
        if (p.groups[p.indicators[i].group].id + "." + p.indicators[i].id == dotted) return i;
    }
    FAIL("no indicator " << dotted);
    return 0;
}

inline const population::report_section& section_of(const population::population_report& r, std::optional<int> year)
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

inline std::vector<csv_row> read_population()
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

inline const std::vector<rate_rule> rate_rules = {
    {"dmp", "dmp", 20, 30, 80},      {"mss", "mss", 5, 10, 80},       {"aat", "aat", 90, 90, 45},
    {"cmatmp", "cmatmp", 45, 50, 45}, {"pse", "pse", 80, 90, 45},      {"dmt", "dmt", 90, 90, 45},
    {"spe", "spe", 20, 30, 20},      {"dsg", "dsg", 10, 50, 20},      {"ordonnances", "ordo", 30, 40, 80},
};

// Declared or yes/no indicators: the column is 1.
inline const std::vector<std::pair<std::string, int64_t>> flag_rules = {
    {"exercice_coordonne", 240}, {"capacite_coder", 100}, {"service_patients", 140}, {"maitre_stage", 100},
    {"video_transmission", 100}, {"equipements_connectes", 50}, {"sas", 400},
};

inline bool rate_met(const csv_row& r, const rate_rule& rule)
{
    const auto num = r[rule.prefix + "_num"];
    const auto den = r[rule.prefix + "_den"];
    const auto pct = r["year"] == 2023 ? rule.pct_2023 : rule.pct_2024;
    return den > 0 && num * 100 >= pct * den;
}

inline bool rate_near(const csv_row& r, const rate_rule& rule)
{
    const auto num = r[rule.prefix + "_num"];
    const auto den = r[rule.prefix + "_den"];
    const auto pct = r["year"] == 2023 ? rule.pct_2023 : rule.pct_2024;
    return den > 0 && num * 100 < pct * den && num * 100 >= (pct - 5) * den;
}

// Volet 1, indicator by indicator, in program order.
inline std::vector<std::pair<std::string, bool>> volet1(const csv_row& r)
{
    return {{"volet1.logiciel", r["segur_lap"] == 1},
            {"volet1.sesam_vitale", r["sv_addendum"] >= 8},
            {"volet1.teletransmission", r["fse_den"] > 0 && 3 * r["fse_num"] > 2 * r["fse_den"]},
            {"volet1.horaires", r["horaires_annuaire"] == 1}};
}

inline bool volet1_met(const csv_row& r)
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

inline const population_fixture& example_population()
{
    static const population_fixture f;
    return f;
}

// ---------------------------------------------------------------------------------------
// Hand-made populations.

inline const std::string blocking_rules = R"(convention t "Test" { point_value 1 € years 2024 }
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
inline const std::string blocking_data = "id,year,a1,a2,n,d,b1,b2,m,e,g1,g2\n"
                                  "R1,2024,1,0,1,1,1,1,1,1,1,1\n"   // a.y: A's block and B's gate, counted once
                                  "R2,2024,0,0,1,1,1,1,1,1,1,1\n"   // two missing in A: none
                                  "R3,2024,1,1,0,0,1,0,0,1,1,1\n"   // C wants all of b, 2 missing: none
                                  "R4,2024,1,1,0,0,1,0,0,0,1,1\n"   // b.v: w neutralised counts as met, v alone missing for C
                                  "R5,2024,1,1,1,1,1,1,1,1,0,0\n"   // K lacks f1 and h1: none
                                  "R6,2024,1,1,1,1,1,1,1,1,0,1\n"   // f.f1 alone blocks K
                                  "R7,2024,1,1,1,1,1,1,1,1,1,1\n";  // everything met

// Amounts of 1, 2, 4 and 8 € from four yes/no indicators: any amount from 0 to 15.
inline const std::string amount_rules = R"(convention t "Test" { point_value 1 € years 2024 }
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
inline std::size_t md_cells(const std::string& line)
{
    std::size_t pipes = 0;
    for (std::size_t k = 0; k < line.size(); ++k) {
        if (line[k] == '\\') ++k;
        else if (line[k] == '|') ++pipes;
    }
    return pipes - 1;
}

// Number of fields of a CSV record (quotes honoured).
inline std::size_t csv_fields(const std::string& line)
{
    std::size_t fields = 1;
    bool quoted = false;
    for (const char c : line) {
        if (c == '"') quoted = !quoted;
        else if (c == ',' && !quoted) ++fields;
    }
    return fields;
}

inline population::manifest sample_manifest()
{
    population::manifest m;
    m.donum_version = "0.1.0";
    m.date = "2025-03-12T10:00:00+01:00";
    m.files.push_back(population::hashed_text("règles", "stdlib-rules/forfait-structure.donum", "abc"));
    m.files.push_back({"données", "examples/population-2023-2024.csv", population::sha256_text("")});
    m.parameters = {"volet2.dmp.target@2024=35%", "point_value=7.5€"};
    return m;
}

inline const std::string sha_abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
inline const std::string sha_empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

inline void check_manifest(const std::string& text)
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

}  // namespace donum::test::report

#endif
