// Tests of the population report: SHA-256 of the manifest, every figure of the example
// population against counts made here from the CSV with plain integer code, the exact
// definitions of deciles, near misses and "blocked by one" on hand-made populations.
#include <doctest/doctest.h>

#include "report_support.hpp"

using namespace donum;
using namespace donum::test::report;
using exact::rational;

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
}
