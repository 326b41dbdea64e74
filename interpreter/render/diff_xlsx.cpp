// `donum diff` as workbooks: the comparison (rules, and with data the population, the
// changes per transition and their drivers) and the per-physician file.
#include <algorithm>

#include <fmt/format.h>

#include "interpreter/messages/messages.hpp"
#include "interpreter/population/report.hpp"
#include "interpreter/render/diff.hpp"
#include "interpreter/render/xlsx.hpp"

namespace donum::render {

using messages::tr;
using messages::trf;

using exact::rational;

namespace {

cell euros_cell(const rational& v) { return cell::of_number(v.rounded(2), number_style::euros); }

cell mean_cell(const rational& sum, std::size_t count) { return count == 0 ? cell{} : euros_cell(sum / rational(static_cast<std::int64_t>(count))); }

// The versions compared, for the manifest.
table versions_manifest(const diff_document& d, std::string_view donum_version)
{
    std::vector<std::pair<std::string, std::string>> facts;
    for (const auto& v : d.versions) facts.emplace_back(tr("Version compared"), v.name);
    if (!d.data_file.empty()) facts.emplace_back(tr("Data"), d.data_file);
    return simple_manifest(donum_version, facts);
}

}  // namespace

document diff_tables(const diff_document& d)
{
    document out;
    out.title = tr("Comparison of the versions");
    table rules{"rules", tr("Rules"), {{"section", tr("item")}, {"property", tr("property")}}, {}, {}};
    for (const auto& v : d.versions) rules.columns.push_back({v.name, v.name});
    rules.columns.push_back({"changed", tr("changed")});
    for (const auto& r : *d.rules) {
        if (!r.changed && !d.all) continue;
        std::vector<cell> cells{cell::of_text(r.section), cell::of_text(r.label)};
        for (const auto& x : r.values) cells.push_back(cell::of_text(x));
        cells.push_back(cell::of_text(r.changed ? tr("yes") : tr("no")));
        rules.add(std::move(cells));
    }
    out.tables.push_back(std::move(rules));
    if (d.comparison == nullptr) return out;

    const auto& c = *d.comparison;
    const auto n = d.versions.size();
    table population{"population", tr("Population"), {{"measure", tr("measure")}}, {}, {}};
    for (const auto& v : d.versions) population.columns.push_back({v.name, v.name});
    std::vector<cell> total{cell::of_text(tr("total amount"))};
    std::vector<cell> paid{cell::of_text(tr("physicians paid"))};
    std::vector<cell> paid_share{cell::of_text(tr("physicians paid (%)"))};
    for (std::size_t k = 0; k < n; ++k) {
        total.push_back(euros_cell(c.versions[k].euros));
        paid.push_back(cell::of_count(c.versions[k].paid));
        paid_share.push_back(cell::of_share(c.versions[k].paid, c.physicians));
    }
    population.add(std::move(total));
    population.add(std::move(paid));
    population.add(std::move(paid_share));
    std::vector<std::string> group_ids;
    for (const auto& v : d.versions) {
        for (const auto& g : v.rules->groups) {
            if (!g.gate.empty() && std::find(group_ids.begin(), group_ids.end(), g.id) == group_ids.end()) group_ids.push_back(g.id);
        }
    }
    for (const auto& id : group_ids) {
        std::vector<cell> cells{cell::of_text(trf("access {} (%)", id))};
        for (std::size_t k = 0; k < n; ++k) {
            const auto& groups = d.versions[k].rules->groups;
            const auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.id == id; });
            cells.push_back(it == groups.end() ? cell::of_text("—") : cell::of_share(c.versions[k].open[static_cast<std::size_t>(it - groups.begin())], c.physicians));
        }
        population.add(std::move(cells));
    }
    for (const auto& m : population::match_indicators(d.versions)) {
        std::vector<cell> cells{cell::of_text(trf("met {} (%)", m.key))};
        for (std::size_t k = 0; k < n; ++k) cells.push_back(m.index[k] ? cell::of_share(c.versions[k].met[*m.index[k]], c.physicians) : cell::of_text("—"));
        population.add(std::move(cells));
    }
    population.notes = {trf("{} physicians ({}), each evaluated under every version.", c.physicians, d.data_file)};
    out.tables.push_back(std::move(population));

    table changes{"changes",
                  tr("Differences"),
                  {{"from", tr("from")}, {"to", tr("to")}, {"winners", tr("winners")}, {"gained", tr("total gain")}, {"gained_mean", tr("mean gain")}, {"losers", tr("losers")}, {"lost", tr("total loss")}, {"lost_mean", tr("mean loss")}, {"unchanged", tr("unchanged")},
                   {"balance", tr("balance")}, {"median", tr("median difference")}, {"maximum", tr("maximum difference")}},
                  {},
                  {}};
    for (std::size_t i = 1; i <= 9; ++i) changes.columns.push_back({fmt::format("d{}", i), trf("difference D{}", i)});
    table drivers{"drivers", tr("Changes"), {{"from", tr("from")}, {"to", tr("to")}, {"change", tr("change")}, {"physicians", tr("physicians concerned")}, {"euros", tr("total effect")}}, {}, {}};
    for (std::size_t k = 0; k + 1 < n; ++k) {
        const auto& p = c.pairs[k];
        const auto from = cell::of_text(d.versions[k].name);
        const auto to = cell::of_text(d.versions[k + 1].name);
        std::vector<cell> cells{from, to, cell::of_count(p.winners), euros_cell(p.gained), mean_cell(p.gained, p.winners), cell::of_count(p.losers), euros_cell(p.lost), mean_cell(p.lost, p.losers),
                                cell::of_count(c.physicians - p.winners - p.losers), euros_cell(p.gained + p.lost)};
        const auto dist = population::distribution(p.changes);
        cells.push_back(dist ? euros_cell(dist->median) : cell{});
        cells.push_back(dist ? euros_cell(dist->maximum) : cell{});
        for (std::size_t i = 0; i < 9; ++i) cells.push_back(dist ? euros_cell(dist->deciles[i]) : cell{});
        changes.add(std::move(cells));
        std::vector<std::pair<std::string, population::change_driver>> sorted(p.drivers.begin(), p.drivers.end());
        std::stable_sort(sorted.begin(), sorted.end(), [](const auto& x, const auto& y) { return x.second.physicians > y.second.physicians; });
        for (const auto& [key, driver] : sorted) drivers.add({from, to, cell::of_text(key), cell::of_count(driver.physicians), euros_cell(driver.euros)});
    }
    changes.notes = {tr("Difference Dk: the k-th decile of the differences per physician (nearest rank).")};
    out.tables.push_back(std::move(changes));
    out.tables.push_back(std::move(drivers));
    return out;
}

std::string diff_xlsx(const diff_document& d, std::string_view donum_version) { return document_xlsx(diff_tables(d), versions_manifest(d, donum_version)); }

std::string per_physician_xlsx(std::span<const population::version> versions, const data::data_table& table, const population::population_comparison& c, std::string_view donum_version, std::string_view data_file)
{
    const auto n = versions.size();
    std::vector<column> columns{{"id", tr("physician")}};
    for (const auto& v : versions) columns.push_back({"amount", trf("amount {}", v.name)});
    for (std::size_t k = 0; k + 1 < n; ++k) {
        const auto title = versions[k].name + " → " + versions[k + 1].name;
        columns.push_back({"difference", trf("difference {}", title)});
        columns.push_back({"reasons", trf("reasons {}", title)});
    }
    xlsx_book book;
    book.begin_sheet(tr("Per physician"), columns);
    std::vector<cell> cells;
    for (std::size_t row = 0; row < table.size(); ++row) {
        const auto& change = c.rows[row];
        cells.clear();
        cells.push_back(cell::of_text(std::string(table.id(row))));
        for (std::size_t k = 0; k < n; ++k) cells.push_back(euros_cell(change.euros[k]));
        for (std::size_t k = 0; k + 1 < n; ++k) {
            std::string reasons;
            for (const auto& r : change.reasons[k]) reasons += (reasons.empty() ? "" : tr("; ")) + render_reason(r);
            cells.push_back(euros_cell(change.euros[k + 1] - change.euros[k]));
            cells.push_back(cell::of_text(std::move(reasons)));
        }
        book.add_row(cells);
    }
    std::vector<std::pair<std::string, std::string>> facts;
    for (const auto& v : versions) facts.emplace_back(tr("Version compared"), v.name);
    facts.emplace_back(tr("Data"), std::string(data_file));
    return book.finish(simple_manifest(donum_version, facts));
}

}  // namespace donum::render
