#include "interpreter/render/diff.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "interpreter/messages/messages.hpp"
#include "interpreter/population/report.hpp"
#include "interpreter/render/writers.hpp"
#include "interpreter/text/fr.hpp"

namespace donum::render {

using exact::rational;

namespace {

grid rules_grid(const diff_document& d)
{
    grid t;
    t.head = {messages::tr("item"), messages::tr("property")};
    for (const auto& v : d.versions) t.head.push_back(v.name);
    for (const auto& r : *d.rules) {
        if (!r.changed && !d.all) continue;
        std::vector<std::string> cells{r.section, r.label};
        cells.insert(cells.end(), r.values.begin(), r.values.end());
        t.add(std::move(cells));
    }
    return t;
}

std::string mean(const std::optional<rational>& m)
{
    return m ? text::signed_euros(*m) : std::string("-");
}

// The population under each version: amounts, payments, gates and indicators side by side.
grid impact_grid(const diff_document& d)
{
    const auto& c = *d.comparison;
    const auto n = d.versions.size();
    grid t;
    t.head = {messages::tr("measure")};
    for (const auto& v : d.versions) t.head.push_back(v.name);
    std::vector<std::string> total{messages::tr("total amount")};
    std::vector<std::string> paid{messages::tr("physicians paid")};
    for (std::size_t k = 0; k < n; ++k) {
        total.push_back(text::euros(c.versions[k].euros));
        paid.push_back(fmt::format("{} ({})", text::count(c.versions[k].paid), text::share(c.versions[k].paid, c.physicians)));
    }
    t.add(std::move(total));
    t.add(std::move(paid));
    // Gates and indicators, matched by identifier across versions.
    std::vector<std::string> group_ids;
    for (const auto& v : d.versions) {
        for (const auto& g : v.rules->groups) {
            if (!g.gate.empty() && std::find(group_ids.begin(), group_ids.end(), g.id) == group_ids.end()) group_ids.push_back(g.id);
        }
    }
    for (const auto& id : group_ids) {
        std::vector<std::string> cells{messages::trf("access {}", id)};
        for (std::size_t k = 0; k < n; ++k) {
            const auto& groups = d.versions[k].rules->groups;
            const auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.id == id; });
            cells.push_back(it == groups.end() ? "—" : text::share(c.versions[k].open[static_cast<std::size_t>(it - groups.begin())], c.physicians));
        }
        t.add(std::move(cells));
    }
    for (const auto& m : population::match_indicators(d.versions)) {
        std::vector<std::string> cells{messages::trf("met {}", m.key)};
        for (std::size_t k = 0; k < n; ++k) cells.push_back(m.index[k] ? text::share(c.versions[k].met[*m.index[k]], c.physicians) : "—");
        t.add(std::move(cells));
    }
    return t;
}

std::string render_text(const diff_document& d, bool markdown)
{
    auto table = [&](const grid& g) { return markdown ? render_markdown(g) : render::render_text(g); };
    std::string out = markdown ? messages::tr("# Comparison of the versions\n\n## Rules\n\n") : messages::tr("Comparison of the versions: rules\n");
    const auto changed = static_cast<std::size_t>(std::count_if(d.rules->begin(), d.rules->end(), [](const auto& r) { return r.changed; }));
    out += changed == 0 ? messages::tr("  (no difference)\n") : table(rules_grid(d));
    if (!d.all && changed != d.rules->size()) out += messages::trf("{}{} identical row(s) hidden; --all shows them\n", markdown ? "\n" : "  ", d.rules->size() - changed);
    if (d.comparison == nullptr) return out;

    const auto& c = *d.comparison;
    out += markdown ? messages::tr("\n## Effect on the population\n\n") : messages::trf("\nEffect on the population: {} physicians ({})\n", text::count(c.physicians), d.data_file);
    out += table(impact_grid(d));
    for (std::size_t k = 0; k + 1 < d.versions.size(); ++k) {
        const auto& p = c.pairs[k];
        out += fmt::format("{}{} → {}{}", markdown ? "\n### " : "\n", d.versions[k].name, d.versions[k + 1].name, markdown ? "\n\n" : "\n");
        grid t;
        t.head = {messages::tr("measure"), messages::tr("physicians"), messages::tr("amount"), messages::tr("mean")};
        t.add({messages::tr("winners"), text::count(p.winners), text::signed_euros(p.gained), mean(p.mean_gained)});
        t.add({messages::tr("losers"), text::count(p.losers), text::signed_euros(p.lost), mean(p.mean_lost)});
        t.add({messages::tr("unchanged"), text::count(c.physicians - p.winners - p.losers), "", ""});
        t.add({messages::tr("balance"), text::count(c.physicians), text::signed_euros(p.balance), mean(p.mean_balance)});
        out += table(t);
        if (const auto& dist = p.distribution) {
            std::string deciles;
            for (std::size_t i = 0; i < 9; ++i) deciles += fmt::format("{}D{} {}", i ? ", " : "", i + 1, text::signed_euros(dist->deciles[i]));
            out += messages::trf("{}Distribution of the differences per physician: {}; median {}; maximum {}\n", markdown ? "\n" : "  ", deciles, text::signed_euros(dist->median), text::signed_euros(dist->maximum));
        }
        std::vector<std::pair<std::string, population::change_driver>> drivers(p.drivers.begin(), p.drivers.end());
        std::stable_sort(drivers.begin(), drivers.end(), [](const auto& x, const auto& y) { return x.second.physicians > y.second.physicians; });
        grid dt;
        dt.head = {messages::tr("change"), messages::tr("physicians concerned"), messages::tr("total effect")};
        for (const auto& [key, driver] : drivers) dt.add({key, text::count(driver.physicians), text::signed_euros(driver.euros)});
        out += markdown ? messages::tr("\nChanges that explain the differences:\n\n") : messages::tr("  Changes that explain the differences:\n");
        out += drivers.empty() ? messages::tr("  (none)\n") : table(dt);
    }
    return out;
}

std::string render_csv(const diff_document& d)
{
    csv_writer w;
    w.field("section").field("propriete");
    for (const auto& v : d.versions) w.field(v.name);
    w.field("change").end_row();
    for (const auto& r : *d.rules) {
        if (!r.changed && !d.all) continue;
        w.field(r.section).field(r.label);
        // Values hold numbers ("22.5", ">= 2/3"): a decimal comma in the French dialect.
        for (const auto& x : r.values) w.number(x);
        w.field(r.changed ? "1" : "0").end_row();
    }
    return w.take();
}

std::string render_json(const diff_document& d)
{
    json_writer w;
    w.begin_object().key("versions").begin_array(true);
    for (const auto& v : d.versions) w.string(v.name);
    w.end_array().key("rules").begin_array();
    for (const auto& r : *d.rules) {
        if (!r.changed && !d.all) continue;
        w.begin_object(true).key("section").string(r.section).key("property").string(r.label).key("changed").boolean(r.changed).key("values").begin_array();
        for (const auto& x : r.values) w.string(x);
        w.end_array().end_object();
    }
    w.end_array();
    if (d.comparison != nullptr) {
        const auto& c = *d.comparison;
        w.key("impact").begin_object().key("physicians").number(c.physicians).key("versions").begin_array();
        for (std::size_t k = 0; k < d.versions.size(); ++k) {
            w.begin_object(true).key("name").string(d.versions[k].name).key("euros").number(c.versions[k].euros.to_fixed(2)).key("paid").number(c.versions[k].paid).end_object();
        }
        w.end_array().key("changes").begin_array();
        for (std::size_t k = 0; k + 1 < d.versions.size(); ++k) {
            const auto& p = c.pairs[k];
            w.begin_object(true).key("from").string(d.versions[k].name).key("to").string(d.versions[k + 1].name).key("winners").number(p.winners).key("losers").number(p.losers);
            w.key("gained").number(p.gained.to_fixed(2)).key("lost").number(p.lost.to_fixed(2)).key("drivers").begin_array();
            for (const auto& [key, driver] : p.drivers) w.begin_object().key("change").string(key).key("physicians").number(driver.physicians).key("euros").number(driver.euros.to_fixed(2)).end_object();
            w.end_array().end_object();
        }
        w.end_array().end_object();
    }
    return w.end_object().take();
}

}  // namespace

std::string render_diff(const diff_document& d, diff_format format)
{
    switch (format) {
        case diff_format::csv: return render_csv(d);
        case diff_format::json: return render_json(d);
        case diff_format::md: return render_text(d, true);
        case diff_format::table: break;
    }
    return render_text(d, false);
}

std::string render_per_physician(std::span<const population::version> versions, const data::data_table& table, const population::population_comparison& c)
{
    const auto n = versions.size();
    csv_writer w;
    w.field("id");
    for (const auto& v : versions) w.field("montant " + v.name);
    for (std::size_t k = 0; k + 1 < n; ++k) {
        const auto title = versions[k].name + " → " + versions[k + 1].name;
        w.field("différence " + title).field("raisons " + title);
    }
    w.end_row();
    for (std::size_t row = 0; row < table.size(); ++row) {
        const auto& change = c.rows[row];
        w.field(table.id(row));
        for (std::size_t k = 0; k < n; ++k) w.number(change.euros[k].to_fixed(2));
        for (std::size_t k = 0; k + 1 < n; ++k) {
            std::string reasons;
            for (const auto& r : change.reasons[k]) reasons += (reasons.empty() ? "" : " ; ") + render_reason(r);
            // The difference of the amounts as printed: the columns reconcile to the cent.
            w.number(exact::printed_difference(change.euros[k], change.euros[k + 1], 2)).field(reasons);
        }
        w.end_row();
    }
    return w.take();
}

std::string render_versus(std::string_view name, const population::physician_change& change)
{
    // The difference of the amounts as printed, to the cent, so that the line reconciles.
    const auto delta = change.euros[1].rounded(2) - change.euros[0].rounded(2);
    std::string text = messages::trf("\nCompared with {}: {} → {} ({})\n", name, text::euros(change.euros[0]), text::euros(change.euros[1]), text::signed_euros(delta));
    if (change.reasons[0].empty()) text += messages::tr("  no change\n");
    for (const auto& r : change.reasons[0]) text += "  " + render_reason(r) + "\n";
    return text;
}

table versus_table(std::string_view name, int year, const population::physician_change& change)
{
    table t{"versus", messages::tr("Differences"), {{"year", messages::tr("year")}, {"version", messages::tr("version compared")}, {"reason", messages::tr("reason")}, {"euros", messages::tr("difference")}}, {}, {}};
    const auto y = cell::of_number(year, number_style::year);
    const auto v = cell::of_text(std::string(name));
    t.add({y, v, cell::of_text(messages::tr("amount of this version")), cell::of_number(change.euros[0].rounded(2), number_style::euros)});
    t.add({y, v, cell::of_text(messages::tr("amount of the version compared")), cell::of_number(change.euros[1].rounded(2), number_style::euros)});
    for (const auto& r : change.reasons[0]) t.add({y, v, cell::of_text(r.text), cell::of_number(r.euros, number_style::euros)});
    return t;
}

std::string render_reason(const population::change_reason& r) { return messages::trf("{}: {}", r.text, text::signed_euros(r.euros)); }

}  // namespace donum::render
