// Tests of the report's renderers: the manifest first, French headings, well-formed
// Markdown tables and a constant CSV field count.
#include <doctest/doctest.h>

#include "report_support.hpp"

using namespace donum;
using namespace donum::test::report;
using exact::rational;

TEST_SUITE("report")
{
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
