// Tests of the population runner: errors name their row and are the first failing row's
// whatever the share; states come back in row order; placeholders of every year at once;
// the example population's amounts against the reference.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "interpreter/compile/driver.hpp"
#include "interpreter/data/table.hpp"
#include "interpreter/exact/sum.hpp"
#include "interpreter/population/runner.hpp"
#include "support.hpp"

using namespace donum;

namespace {

using exact::rational;
__extension__ typedef __int128 i128;

compile::program program_of(const std::string& text)
{
    auto compiled = test::compile_text(text);
    REQUIRE(compiled.checked.has_value());
    return std::move(*compiled.checked);
}

const std::string square_rules = R"(convention t "Test" { point_value 7 € years 2024 }
input a "A" integer
group g "G" {
  indicator i "I" calculated: a * a >= target 1
    points 1
}
)";

// `rows` rows `id,year,a`: a = 2 everywhere, except 5,000,000,000 (whose square overflows)
// at the 1-based rows listed in `big`.
std::string rows_with_overflows(std::size_t rows, const std::vector<std::size_t>& big)
{
    std::string text = "id,year,a\n";
    for (std::size_t r = 1; r <= rows; ++r) {
        const bool overflow = std::find(big.begin(), big.end(), r) != big.end();
        text += "M" + std::to_string(r) + ",2024," + (overflow ? "5000000000" : "2") + "\n";
    }
    return text;
}

}  // namespace

TEST_SUITE("runner")
{
    TEST_CASE("an evaluation error names the row, its line and its physician")
    {
        const auto p = program_of(square_rules);
        const auto r = data::load_table_text("big.csv", "id,year,a\nM1,2024,3\nM2,2024,5000000000\n", p);
        REQUIRE(r.errors.empty());
        const population::year_evaluators evaluators(p, r.table);
        std::vector<rational> seen;
        try {
            population::pass_options in_order;
            in_order.in_order = true;
            population::for_each_evaluated_row<int>(r.table, evaluators, [] { return 0; }, [&](int&, std::size_t, const eval::result& x) { seen.push_back(x.points); }, in_order);
            FAIL("no evaluation_error");
        }
        catch (const eval::evaluation_error& e) {
            CHECK(e.data_file() == "big.csv");
            CHECK(e.data_line() == 3);
            CHECK(e.id() == "M2");
            CHECK(e.year() == 2024);
            CHECK(e.range().begin.line == 4);
        }
        CHECK(seen == std::vector<rational>{rational(1)});
    }

    TEST_CASE("on several shares, the error is the first failing row of the file")
    {
        const auto p = program_of(square_rules);
        // Overflows in the second half (a later share) and the first half: the first wins,
        // whichever thread fails first.
        const auto r = data::load_table_text("big.csv", rows_with_overflows(4000, {3500, 1200, 3900}), p);
        REQUIRE(r.errors.empty());
        const population::year_evaluators evaluators(p, r.table);
        population::pass_options small_shares;
        small_shares.min_rows_per_share = 100;
        try {
            population::for_each_evaluated_row<int>(r.table, evaluators, [] { return 0; }, [](int&, std::size_t, const eval::result&) {}, small_shares);
            FAIL("no evaluation_error");
        }
        catch (const eval::evaluation_error& e) {
            CHECK(e.data_line() == 1201);
            CHECK(e.id() == "M1200");
        }
    }

    TEST_CASE("shares see their rows in order and come back in row order")
    {
        const auto p = program_of(square_rules);
        const auto r = data::load_table_text("d.csv", rows_with_overflows(10000, {}), p);
        REQUIRE(r.errors.empty());
        for (const std::size_t per_share : {1, 100, 3000, 20000}) {
            population::pass_options options;
            options.min_rows_per_share = per_share;
            const auto shares = population::for_each_row<std::vector<std::size_t>>(r.table, [] { return std::vector<std::size_t>(); }, [](std::vector<std::size_t>& rows, std::size_t row) { rows.push_back(row); }, options);
            std::vector<std::size_t> all;
            for (const auto& s : shares) all.insert(all.end(), s.begin(), s.end());
            REQUIRE(all.size() == 10000);
            for (std::size_t i = 0; i < all.size(); ++i) REQUIRE(all[i] == i);
        }
    }

    TEST_CASE("the evaluators refuse the placeholders of every year that occurs, at once")
    {
        const auto p = program_of(R"(convention t "Test" { point_value 7 € years 2023, 2024, 2025 }
input f "F" boolean
input c "C" count
group g "G" {
  indicator i "I" declared: f
    points { 2023: 1, 2024: XX, 2025: XX }
  indicator j "J" calculated: c >= target { 2023: XX, 2024: 1, 2025: 1 }
    points 1
}
)");
        const auto r = data::load_table_text("d.csv", "id,year,f,c\nM1,2023,1,0\nM1,2024,1,0\n", p);
        REQUIRE(r.errors.empty());
        try {
            const population::year_evaluators evaluators(p, r.table);
            FAIL("no placeholder_error");
        }
        catch (const eval::placeholder_error& e) {
            std::vector<std::string> names;
            for (const auto& o : e.open()) names.push_back(o.name);
            CHECK(names == std::vector<std::string>{"g.j.target@2023", "g.i.points@2024"});
        }
        data::table_options only_2023;
        only_2023.year = 2023;
        const auto r2023 = data::load_table_text("d.csv", "id,f,c\nM1,1,0\n", p, only_2023);
        CHECK_THROWS_AS(population::year_evaluators(p, r2023.table), eval::placeholder_error);
    }

    TEST_CASE("the example population gives the reference amounts of the forfait structure")
    {
        auto compiled = compile::compile_rules(test::source_path("stdlib-rules/forfait-structure.donum"), {});
        REQUIRE(compiled.checked.has_value());
        const auto& p = *compiled.checked;
        const auto r = data::load_table(test::source_path("examples/population-2023-2024.csv"), p);
        REQUIRE(r.errors.empty());
        REQUIRE(r.table.size() == 6000);
        // Figures of bench/reference_forfait on this file: totals per year, number of rows
        // paid nothing, total half-points, and sum over rows of (row number x cents), which
        // catches amounts swapped between rows. Small shares: the merge order matters.
        struct sums {
            exact::exact_sum euros_2023;
            exact::exact_sum euros_2024;
            exact::exact_sum half_points;
            std::size_t unpaid = 0;
            i128 weighted = 0;
        };
        const population::year_evaluators evaluators(p, r.table);
        population::pass_options options;
        options.min_rows_per_share = 700;
        const auto shares = population::for_each_evaluated_row<sums>(
            r.table, evaluators, [] { return sums{}; },
            [&](sums& s, std::size_t row, const eval::result& x) {
                (r.table.year(row) == 2023 ? s.euros_2023 : s.euros_2024).add(x.euros);
                s.half_points.add(x.points * rational(2));
                if (x.euros == rational(0)) ++s.unpaid;
                const auto cents = x.euros * rational(100);
                REQUIRE(cents.is_integer());
                s.weighted += static_cast<i128>(row + 1) * cents.num();
            },
            options);
        sums all;
        for (const auto& s : shares) {
            all.euros_2023.add(s.euros_2023);
            all.euros_2024.add(s.euros_2024);
            all.half_points.add(s.half_points);
            all.unpaid += s.unpaid;
            all.weighted += s.weighted;
        }
        CHECK(all.euros_2023.value()->to_fixed(2) == "10900015.00");
        CHECK(all.euros_2024.value()->to_fixed(2) == "11871247.50");
        CHECK(all.half_points.value() == rational(6506075));
        CHECK(all.unpaid == 664);
        CHECK(static_cast<std::int64_t>(all.weighted) == 6832176473500);
    }

    TEST_CASE("a pass over a file works on its parts and folds them in file order")
    {
        const auto p = program_of(square_rules);
        const auto columns = data::schema_of(p);
        const auto text = rows_with_overflows(5000, {});
        const auto table = data::load_table_text("d.csv", text, p);
        for (const std::size_t part : {7, 100, 4096, 1 << 20}) {
            CAPTURE(part);
            population::file_rows source;
            source.path = "d.csv";
            source.text = text;
            source.columns = &columns;
            source.options.part_bytes = part;
            std::vector<std::size_t> rows;
            std::vector<std::size_t> lines;
            const auto pass = population::for_each_batch<std::vector<std::size_t>>(
                source, [] { return std::vector<std::size_t>(); },
                [&](std::vector<std::size_t>& seen, const data::row_batch& batch, std::size_t i) {
                    seen.push_back(batch.first_row() + i);
                    seen.push_back(batch.line(i));
                },
                [&](std::vector<std::size_t>&& seen) {
                    for (std::size_t k = 0; k < seen.size(); k += 2) {
                        rows.push_back(seen[k]);
                        lines.push_back(seen[k + 1]);
                    }
                });
            CHECK_FALSE(pass.error);
            CHECK(pass.loaded.rows == 5000);
            REQUIRE(rows.size() == 5000);
            for (std::size_t i = 0; i < rows.size(); ++i) {
                REQUIRE(rows[i] == i);
                REQUIRE(lines[i] == table.table.line(i));
            }
        }
    }

    TEST_CASE("over a file, the error is the first failing row's, and a later data error wins over it")
    {
        const auto p = program_of(square_rules);
        const auto columns = data::schema_of(p);
        const population::year_evaluators evaluators(p);
        auto run = [&](const std::string& text, bool allow_rejected) {
            population::file_rows source;
            source.path = "big.csv";
            source.text = text;
            source.columns = &columns;
            source.options.part_bytes = 100;
            source.allow_rejected = allow_rejected;
            std::size_t folded = 0;
            auto pass = population::evaluate_rows<std::size_t>(
                source, evaluators, [] { return std::size_t{0}; }, [](std::size_t& n, const data::row_batch&, std::size_t, const eval::result&) { ++n; }, [&](std::size_t&& n) { folded += n; });
            return std::pair{std::move(pass), folded};
        };
        const auto failing = rows_with_overflows(4000, {3500, 1200, 3900});
        const auto [pass, folded] = run(failing, false);
        REQUIRE(pass.error);
        try {
            pass.rethrow();
        }
        catch (const eval::evaluation_error& e) {
            CHECK(e.data_file() == "big.csv");
            CHECK(e.data_line() == 1201);
            CHECK(e.id() == "M1200");
        }
        CHECK(folded < 1200);
        // A row that is not an integer, after the overflows: the data error is what counts.
        const auto [bad, unused] = run(failing + "M99999,2024,x\n", false);
        CHECK_FALSE(bad.error);
        CHECK(bad.loaded.errors.size() == 1);
        CHECK_FALSE(population::rows_usable(bad.loaded, false));
        // With --skip-invalid the other rows are evaluated: the overflow counts again.
        const auto [skipped, unused2] = run(failing + "M99999,2024,x\n", true);
        CHECK(skipped.error);
        CHECK(skipped.loaded.rejected.size() == 1);
    }

    TEST_CASE("over a file, the placeholders of the years met come before an evaluation error")
    {
        const auto p = program_of(R"(convention t "Test" { point_value 7 € years 2024, 2025 }
input a "A" integer
group g "G" {
  indicator i "I" calculated: a * a >= target { 2024: 1, 2025: XX }
    points 1
}
)");
        const auto columns = data::schema_of(p);
        const population::year_evaluators evaluators(p);
        population::file_rows source;
        source.path = "d.csv";
        source.columns = &columns;
        source.options.part_bytes = 64;
        const auto text = rows_with_overflows(300, {10}) + "M1,2025,1\n";
        source.text = text;
        const auto pass = population::evaluate_rows<int>(
            source, evaluators, [] { return 0; }, [](int&, const data::row_batch&, std::size_t, const eval::result&) {}, [](int&&) {});
        CHECK_THROWS_AS(pass.rethrow(), eval::placeholder_error);
        // Without a row of 2025, the overflow.
        const auto text2024 = rows_with_overflows(300, {10});
        source.text = text2024;
        const auto other = population::evaluate_rows<int>(
            source, evaluators, [] { return 0; }, [](int&, const data::row_batch&, std::size_t, const eval::result&) {}, [](int&&) {});
        CHECK_THROWS_AS(other.rethrow(), eval::evaluation_error);
    }
}
