#include "interpreter/render/report.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "interpreter/messages/messages.hpp"
#include "interpreter/render/report_data.hpp"
#include "interpreter/render/writers.hpp"
#include "interpreter/text/fr.hpp"

namespace donum::render {

using compile::indicator_info;
using messages::tr;
using messages::trf;
using compile::program;
using population::amount_distribution;
using population::manifest;
using population::population_report;
using population::report_section;

namespace {

constexpr auto left = grid::align::left;
constexpr auto right = grid::align::right;

std::string section_title(const report_section& s)
{
    return s.year ? trf("Year {}", *s.year) : std::string(tr("All years"));
}

// "30 %" preceded by the comparator; "-" without a target.
std::string target_of_year(const program& p, const indicator_info& i, int year)
{
    if (!i.target_slot) return "-";
    const auto& s = p.slots[*i.target_slot];
    const auto y = p.year_index(year);
    const auto value = text::slot_value(s, y ? s.by_year[*y] : std::nullopt);
    return i.measured_comparison() == compile::comparison::none ? value : fmt::format("{} {}", comparison_text(i.measured_comparison()), value);
}

// The target of a section; for all years, each year's when they differ.
std::string target_text(const program& p, const population_report& r, const indicator_info& i, const report_section& s)
{
    if (s.year) return target_of_year(p, i, *s.year);
    const auto years = years_present(r);
    std::vector<std::string> texts;
    for (const auto y : years) texts.push_back(target_of_year(p, i, y));
    if (texts.empty()) return "-";
    if (std::all_of(texts.begin(), texts.end(), [&](const auto& t) { return t == texts.front(); })) return texts.front();
    std::vector<std::string> parts;
    for (std::size_t k = 0; k < years.size(); ++k) parts.push_back(fmt::format("{} ({})", texts[k], years[k]));
    return fmt::format("{}", fmt::join(parts, ", "));
}

// ---------------------------------------------------------------------------------------
// Tables shared by the terminal and Markdown renderers.

grid files_grid(const manifest& m)
{
    grid t{{tr("Role"), tr("File"), "SHA-256"}, {}, {left, left, left}};
    for (const auto& f : m.files) t.add({role_text(f.role), f.path, f.sha256});
    return t;
}

grid totals_grid(const report_section& s)
{
    grid t{{tr("Measure"), tr("Value"), tr("Share")}, {}, {left, right, right}};
    const auto n = s.physicians;
    t.add({s.year ? tr("Physicians evaluated") : tr("Physicians evaluated (physician-year rows)"), text::count(n), ""});
    if (!s.year) t.add({tr("Distinct physicians"), text::count(s.distinct_ids), ""});
    t.add({tr("Physicians paid"), text::count(s.paid), text::share(s.paid, n)});
    t.add({tr("Physicians without payment"), text::count(s.unpaid), text::share(s.unpaid, n)});
    t.add({tr("Physicians blocked by a single indicator"), text::count(s.blocked_by_one), text::share(s.blocked_by_one, n)});
    t.add({tr("Points paid"), text::number(s.points), ""});
    t.add({tr("Total amount"), text::euros(s.euros), ""});
    return t;
}

grid amounts_grid(const amount_distribution& d)
{
    grid t{{tr("Measure"), tr("Amount")}, {}, {left, right}};
    t.add({tr("Mean"), text::euros(d.mean)});
    t.add({tr("Median"), text::euros(d.median)});
    for (std::size_t k = 0; k < d.deciles.size(); ++k) t.add({fmt::format("D{} ({} %)", k + 1, 10 * (k + 1)), text::euros(d.deciles[k])});
    t.add({tr("Maximum"), text::euros(d.maximum)});
    return t;
}

grid groups_grid(const program& p, const report_section& s)
{
    grid t{{tr("Group"), tr("Access open"), "%", tr("Block paid"), "%", tr("Points"), tr("Cost"), tr("Label")}, {}, {left, right, right, right, right, right, right, left}};
    for (std::size_t g = 0; g < p.groups.size(); ++g) {
        const auto& gs = s.groups[g];
        const auto& bp = gs.block_paid;
        t.add({p.groups[g].id, text::count(gs.open), text::share(gs.open, s.physicians), bp ? text::count(*bp) : "-", bp ? text::share(*bp, s.physicians) : "-", text::number(gs.points), text::euros(gs.euros), p.groups[g].label});
    }
    return t;
}

grid indicators_grid(const program& p, const population_report& r, const report_section& s)
{
    grid t{{tr("Indicator"), tr("Target"), tr("Met"), "%", tr("Paid"), "%", trf("Near ({} pts)", margin_text(r)), tr("Only one missing"), tr("Points"), tr("Cost"), tr("Label")},
           {},
           {left, left, right, right, right, right, right, right, right, right, left}};
    const auto n = s.physicians;
    for (std::size_t i = 0; i < p.indicators.size(); ++i) {
        const auto& info = p.indicators[i];
        const auto& st = s.indicators[i];
        t.add({text::dotted_id(p, info),
               target_text(p, r, info, s),
               text::count(st.met),
               text::share(st.met, n),
               st.paid ? text::count(*st.paid) + (st.partial ? trf(" (+{} in part)", text::count(*st.partial)) : std::string()) : tr("block"),
               st.paid ? text::share(*st.paid, n) : "-",
               st.near_misses ? text::count(*st.near_misses) : "-",
               text::count(st.blocked_alone),
               st.points ? text::number(*st.points) : tr("block"),
               st.euros ? text::euros(*st.euros) : tr("block"),
               info.label});
    }
    return t;
}

// Definitions for readers, one sentence each, as bullet texts.
std::vector<std::string> definitions(const population_report& r)
{
    const auto margin = margin_text(r);
    return {
        tr("Met: the indicator's condition holds (or its zero-denominator rule declares it met), whether its group is open or not."),
        tr("Paid: met and group open; the indicator brings its points (a levelled indicator, those of the highest level met). “+ N in part”: physicians who do not meet a prorated indicator but receive a share of it. “block”: the indicator is paid with its group, whose cost is in the table of groups."),
        trf("Near ({0} pts): indicator not met whose measured rate is at most {0} percentage points from the target, on the missed side (target - {0} points <= rate < target; <= target for “>”); only for targets written as rates, “-” otherwise.", margin),
        tr("Only one missing: physicians for whom this indicator is the only one missing to open a group or get the points of a block; each physician counts at most once per indicator."),
        tr("Cost: points paid for the indicator (or the group) times the year's point value."),
        tr("Amounts per physician: exact mean; median = the middle amount (mean of the two middle amounts when the number of physicians is even); decile Dk = the amount of rank ⌈k × n / 10⌉ among the n sorted amounts (nearest rank); rounded to the cent when shown."),
        tr("All years: each (physician, year) row counts as a physician."),
    };
}

std::string parameters_text(const manifest& m)
{
    if (m.parameters.empty()) return tr("none (values of the rule and scenario files)");
    return fmt::format("{}", fmt::join(m.parameters, ", "));
}

// Tables inside a section of the terminal report are indented by 4.
constexpr std::size_t table_indent = 4;

std::string render_table(const program& p, const population_report& r, const manifest& m)
{
    std::string out = trf("Population report: {} ({})\n\n", p.label, p.id);
    out += tr("Manifest\n");
    out += trf("  donum version: {}\n", m.donum_version);
    out += trf("  Date: {}\n", m.date);
    out += trf("  Data evaluated: {}\n", r.data_file);
    out += trf("  Parameters set: {}\n", parameters_text(m));
    out += tr("  Files:\n");
    out += render_text(files_grid(m), table_indent);
    for (const auto& s : r.sections) {
        out += trf("\n{}\n\n  Totals\n", section_title(s));
        out += render_text(totals_grid(s), table_indent);
        if (s.amounts) {
            out += tr("\n  Amount per physician\n");
            out += render_text(amounts_grid(*s.amounts), table_indent);
        }
        out += tr("\n  Groups\n");
        out += render_text(groups_grid(p, s), table_indent);
        out += tr("\n  Indicators\n");
        out += render_text(indicators_grid(p, r, s), table_indent);
    }
    out += tr("\nDefinitions\n");
    for (const auto& d : definitions(r)) out += "  - " + d + "\n";
    return out;
}

std::string render_md(const program& p, const population_report& r, const manifest& m)
{
    std::string out = trf("# Population report: {}\n\n", markdown_cell(p.label));
    out += tr("## Manifest\n\n");
    grid facts{{tr("Item"), tr("Value")}, {}, {left, left}};
    facts.add({tr("Convention"), fmt::format("{} ({})", p.label, p.id)});
    facts.add({tr("donum version"), m.donum_version});
    facts.add({tr("Date"), m.date});
    facts.add({tr("Data evaluated"), r.data_file});
    facts.add({tr("Parameters set"), parameters_text(m)});
    out += render_markdown(facts) + "\n";
    out += render_markdown(files_grid(m));
    for (const auto& s : r.sections) {
        out += trf("\n## {}\n\n### Totals\n\n", section_title(s));
        out += render_markdown(totals_grid(s));
        if (s.amounts) out += tr("\n### Amount per physician\n\n") + render_markdown(amounts_grid(*s.amounts));
        out += tr("\n### Groups\n\n") + render_markdown(groups_grid(p, s));
        out += tr("\n### Indicators\n\n") + render_markdown(indicators_grid(p, r, s));
    }
    out += tr("\n## Definitions\n\n");
    for (const auto& d : definitions(r)) out += "- " + d + "\n";
    return out;
}

}  // namespace

std::string render_report(const program& p, const population_report& r, const manifest& m, report_format format)
{
    switch (format) {
        case report_format::table: return render_table(p, r, m);
        case report_format::csv: return report_csv(p, r, m);
        case report_format::json: return report_json(p, r, m);
        case report_format::md: return render_md(p, r, m);
        case report_format::xlsx: return report_xlsx(p, r, m);
    }
    return render_table(p, r, m);
}

}  // namespace donum::render
