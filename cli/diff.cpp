// `donum diff`: convention versions side by side; with data, what the changes do to the
// population and to each physician, with the reasons.
#include <algorithm>
#include <cstdio>
#include <map>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/exit_codes.hpp"
#include "cli/versions.hpp"
#include "interpreter/population/compare.hpp"
#include "interpreter/population/diff.hpp"
#include "interpreter/population/report.hpp"
#include "interpreter/render/writers.hpp"

namespace donum::cli {

namespace {

using exact::rational;

std::string signed_euros(const rational& e)
{
    return (e > rational(0) ? "+" : "") + e.to_fixed(2) + " €";
}

std::string percent(std::size_t count, std::size_t total)
{
    return total == 0 ? std::string("-") : rational(static_cast<std::int64_t>(count) * 100, static_cast<std::int64_t>(total)).to_fixed(1) + " %";
}

}  // namespace

int diff_command::run() const
{
    if (versions.size() < 2) {
        std::fprintf(stderr, "donum diff: give at least two versions\n");
        return usage_error;
    }
    if (!per_physician.empty() && data.empty()) {
        std::fprintf(stderr, "donum diff: --per-physician needs --data\n");
        return usage_error;
    }
    auto loaded = load_versions(versions, rules_opts);
    if (!loaded) return rule_error;
    std::vector<population::version> views;
    for (const auto& v : *loaded) views.push_back(v.view);
    const bool markdown = format == "md";
    const auto n = views.size();

    // Rules side by side.
    const auto rows = population::diff_rules(views);
    text_table rules_table;
    rules_table.head = {"élément", "propriété"};
    for (const auto& v : views) rules_table.head.push_back(v.name);
    std::size_t changed = 0;
    for (const auto& r : rows) {
        if (r.changed) ++changed;
        if (!r.changed && !all) continue;
        std::vector<std::string> cells{r.section, r.label};
        cells.insert(cells.end(), r.values.begin(), r.values.end());
        rules_table.rows.push_back(std::move(cells));
    }

    std::string out;
    if (format == "csv") {
        out += "section,propriete";
        for (const auto& v : views) out += "," + render::csv_field(v.name);
        out += ",change\n";
        for (const auto& r : rows) {
            if (!r.changed && !all) continue;
            out += render::csv_field(r.section) + "," + render::csv_field(r.label);
            for (const auto& x : r.values) out += "," + render::csv_field(x);
            out += r.changed ? ",1\n" : ",0\n";
        }
    }
    else if (format == "json") {
        out += "{\n  \"versions\": [";
        for (std::size_t k = 0; k < n; ++k) out += (k ? ", " : "") + render::json_string(views[k].name);
        out += "],\n  \"rules\": [";
        bool first = true;
        for (const auto& r : rows) {
            if (!r.changed && !all) continue;
            out += fmt::format("{}\n    {{\"section\": {}, \"property\": {}, \"changed\": {}, \"values\": [", first ? "" : ",", render::json_string(r.section), render::json_string(r.label), r.changed ? "true" : "false");
            for (std::size_t k = 0; k < r.values.size(); ++k) out += (k ? ", " : "") + render::json_string(r.values[k]);
            out += "]}";
            first = false;
        }
        out += "\n  ]";
    }
    else {
        out += markdown ? "# Comparaison des versions\n\n## Règles\n\n" : "Comparaison des versions : règles\n";
        out += changed == 0 ? "  (aucune différence)\n" : rules_table.render(markdown);
        if (!all && changed != rows.size()) out += fmt::format("{}{} ligne(s) identique(s) masquée(s) ; --all les montre\n", markdown ? "\n" : "  ", rows.size() - changed);
    }

    if (!data.empty()) {
        // Read once, for every version's columns; each version evaluates every row at its
        // own year, so the year column is not read.
        std::vector<const compile::program*> programs;
        for (const auto& v : views) programs.push_back(v.rules);
        data::table_options every_version_its_year;
        every_version_its_year.ignore_year = true;
        const auto loaded_data = load_data(data, data::schema_of(programs), every_version_its_year, false);
        if (!loaded_data) return data_error;
        const auto& table = loaded_data->table;
        const auto rows_count = table.size();
        population::population_comparison comparison;
        const int compared = refuse_on_evaluation_errors([&] {
            comparison = population::compare_population(views, table, !per_physician.empty());
            return ok;
        });
        if (compared != ok) return compared;
        const auto& vt = comparison.versions;
        const auto& pt = comparison.pairs;
        std::string per;
        if (!per_physician.empty()) {
            per += "id";
            for (const auto& v : views) per += "," + render::csv_field("montant " + v.name);
            for (std::size_t k = 0; k + 1 < n; ++k) {
                const auto title = views[k].name + " → " + views[k + 1].name;
                per += "," + render::csv_field("différence " + title) + "," + render::csv_field("raisons " + title);
            }
            per += "\n";
            for (std::size_t row = 0; row < rows_count; ++row) {
                const auto& change = comparison.rows[row];
                per += render::csv_field(table.id(row));
                for (std::size_t k = 0; k < n; ++k) per += "," + change.euros[k].to_fixed(2);
                for (std::size_t k = 0; k + 1 < n; ++k) {
                    std::string text;
                    for (const auto& r : change.reasons[k]) text += (text.empty() ? "" : " ; ") + population::render_reason(r);
                    per += "," + (change.euros[k + 1] - change.euros[k]).to_fixed(2) + "," + render::csv_field(text);
                }
                per += "\n";
            }
        }

        if (format == "json") {
            out += ",\n  \"impact\": {\"physicians\": " + std::to_string(rows_count) + ", \"versions\": [";
            for (std::size_t k = 0; k < n; ++k) {
                out += fmt::format("{}\n    {{\"name\": {}, \"euros\": {}, \"paid\": {}}}", k ? "," : "", render::json_string(views[k].name), vt[k].euros.to_fixed(2), vt[k].paid);
            }
            out += "],\n  \"changes\": [";
            for (std::size_t k = 0; k + 1 < n; ++k) {
                const auto& p = pt[k];
                out += fmt::format("{}\n    {{\"from\": {}, \"to\": {}, \"winners\": {}, \"losers\": {}, \"gained\": {}, \"lost\": {}, \"drivers\": [", k ? "," : "", render::json_string(views[k].name), render::json_string(views[k + 1].name), p.winners, p.losers, p.gained.to_fixed(2), p.lost.to_fixed(2));
                bool first = true;
                for (const auto& [key, d] : p.drivers) {
                    out += fmt::format("{}{{\"change\": {}, \"physicians\": {}, \"euros\": {}}}", first ? "" : ", ", render::json_string(key), d.physicians, d.euros.to_fixed(2));
                    first = false;
                }
                out += "]}";
            }
            out += "]}";
        }
        else if (format != "csv") {
            out += markdown ? "\n## Effet sur la population\n\n" : "\nEffet sur la population : " + std::to_string(rows_count) + " médecins (" + data + ")\n";
            text_table impact;
            impact.head = {"mesure"};
            for (const auto& v : views) impact.head.push_back(v.name);
            std::vector<std::string> total{"montant total"}, paid{"médecins payés"};
            for (std::size_t k = 0; k < n; ++k) {
                total.push_back(vt[k].euros.to_fixed(2) + " €");
                paid.push_back(fmt::format("{} ({})", vt[k].paid, percent(vt[k].paid, rows_count)));
            }
            impact.rows.push_back(total);
            impact.rows.push_back(paid);
            // Gates and indicators, matched by identifier across versions.
            std::vector<std::string> group_ids;
            for (const auto& v : views) {
                for (const auto& g : v.rules->groups) {
                    if (!g.gate.empty() && std::find(group_ids.begin(), group_ids.end(), g.id) == group_ids.end()) group_ids.push_back(g.id);
                }
            }
            for (const auto& id : group_ids) {
                std::vector<std::string> cells{"accès " + id};
                for (std::size_t k = 0; k < n; ++k) {
                    const auto& groups = views[k].rules->groups;
                    const auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.id == id; });
                    cells.push_back(it == groups.end() ? "—" : percent(vt[k].open[static_cast<std::size_t>(it - groups.begin())], rows_count));
                }
                impact.rows.push_back(std::move(cells));
            }
            for (const auto& m : population::match_indicators(views)) {
                std::vector<std::string> cells{"atteint " + m.key};
                for (std::size_t k = 0; k < n; ++k) cells.push_back(m.index[k] ? percent(vt[k].met[*m.index[k]], rows_count) : "—");
                impact.rows.push_back(std::move(cells));
            }
            out += impact.render(markdown);
            for (std::size_t k = 0; k + 1 < n; ++k) {
                const auto& p = pt[k];
                out += fmt::format("{}{} → {}{}", markdown ? "\n### " : "\n", views[k].name, views[k + 1].name, markdown ? "\n\n" : "\n");
                text_table t;
                t.head = {"mesure", "médecins", "montant", "moyenne"};
                auto mean = [](const rational& sum, std::size_t count) { return count == 0 ? std::string("-") : signed_euros(sum / rational(static_cast<std::int64_t>(count))); };
                t.rows.push_back({"gagnants", std::to_string(p.winners), signed_euros(p.gained), mean(p.gained, p.winners)});
                t.rows.push_back({"perdants", std::to_string(p.losers), signed_euros(p.lost), mean(p.lost, p.losers)});
                t.rows.push_back({"inchangés", std::to_string(rows_count - p.winners - p.losers), "", ""});
                t.rows.push_back({"solde", std::to_string(rows_count), signed_euros(p.gained + p.lost), mean(p.gained + p.lost, rows_count)});
                out += t.render(markdown);
                if (const auto d = population::distribution(p.changes)) {
                    std::string deciles;
                    for (std::size_t i = 0; i < 9; ++i) deciles += fmt::format("{}D{} {}", i ? ", " : "", i + 1, signed_euros(d->deciles[i]));
                    out += fmt::format("{}Distribution des écarts par médecin : {} ; médiane {} ; maximum {}\n", markdown ? "\n" : "  ", deciles, signed_euros(d->median), signed_euros(d->maximum));
                }
                std::vector<std::pair<std::string, population::change_driver>> drivers(p.drivers.begin(), p.drivers.end());
                std::sort(drivers.begin(), drivers.end(), [](const auto& x, const auto& y) { return x.second.physicians > y.second.physicians; });
                text_table dt;
                dt.head = {"changement", "médecins concernés", "effet total"};
                for (const auto& [key, d] : drivers) dt.rows.push_back({key, std::to_string(d.physicians), signed_euros(d.euros)});
                out += markdown ? "\nChangements qui expliquent les écarts :\n\n" : "  Changements qui expliquent les écarts :\n";
                out += drivers.empty() ? "  (aucun)\n" : dt.render(markdown);
            }
        }
        if (!per_physician.empty() && !write_output(per_physician, per)) return output_error;
    }
    if (format == "json") out += "\n}\n";
    return write_output(output, out) ? ok : output_error;
}

}  // namespace donum::cli
