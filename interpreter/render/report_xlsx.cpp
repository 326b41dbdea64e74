// The population report as a workbook (report_format::xlsx): one sheet per section of the
// report, each a long table with a year column, so that a filter or a pivot table reads it.
#include <fmt/format.h>

#include "interpreter/messages/messages.hpp"
#include "interpreter/render/report.hpp"
#include "interpreter/render/report_data.hpp"
#include "interpreter/render/xlsx.hpp"
#include "interpreter/text/fr.hpp"

namespace donum::render {

using messages::N_;
using messages::tr;
using messages::trf;

using compile::program;
using exact::rational;
using population::manifest;
using population::population_report;

namespace {

cell year_cell(const population::report_section& s) { return s.year ? cell::of_number(*s.year, number_style::year) : cell::of_text(tr("all years")); }

cell euros_cell(const rational& v) { return cell::of_number(v.rounded(2), number_style::euros); }

// The target of indicator `i` in the section's year: its comparator, and the value (a rate
// as a percentage, points or euros as numbers, « XX » when not agreed).
std::pair<cell, cell> target_cells(const program& p, const compile::indicator_info& i, const population::report_section& s)
{
    if (!i.target_slot || !s.year) return {cell::of_text(""), cell::of_text(i.target_slot ? tr("by year") : "-")};
    const auto& slot = p.slots[*i.target_slot];
    const auto y = p.year_index(*s.year);
    const auto& v = y ? slot.by_year[*y] : std::optional<rational>();
    const auto style = slot.type == compile::value_type::rate ? number_style::rate : slot.type == compile::value_type::euro ? number_style::euros : number_style::decimal;
    return {cell::of_text(std::string(comparison_text(i.measured_comparison()))), cell::of_optional(v, style, "XX")};
}

document report_document(const program& p, const population_report& r, const manifest& m)
{
    document d;
    d.title = trf("Population report: {}", p.label);
    d.facts = {{"Convention", fmt::format("{} ({})", p.label, p.id)}, {tr("Data evaluated"), r.data_file}, {tr("Date"), m.date}, {tr("Near-miss margin"), trf("{} percentage points", margin_text(r))}};

    table totals{"totals", tr("Summary"), {{"year", tr("year")}, {"measure", tr("measure")}, {"value", tr("value")}, {"share", tr("share of physicians")}}, {}, {}};
    table deciles{"amounts", tr("Deciles"), {{"year", tr("year")}, {"measure", tr("measure")}, {"euros", tr("amount per physician")}}, {}, {}};
    table groups{"groups", tr("Groups"), {{"year", tr("year")}, {"group", tr("group")}, {"label", tr("label")}, {"open", tr("access open")}, {"open_share", tr("access open (%)")}, {"block_paid", tr("block paid")}, {"block_paid_share", tr("block paid (%)")}, {"points", "points"}, {"euros", tr("cost")}}, {}, {}};
    table indicators{"indicators",
                     tr("Indicators"),
                     {{"year", tr("year")}, {"indicator", tr("indicator")}, {"label", tr("label")}, {"comparator", tr("comparator")}, {"target", tr("target")}, {"met", tr("met")}, {"met_share", tr("met (%)")}, {"paid", tr("paid physicians")}, {"paid_share", tr("paid (%)")},
                      {"blocked_alone", tr("only one missing")}, {"blocked_alone_share", tr("only one missing (%)")}, {"points", "points"}, {"euros", tr("cost")}},
                     {},
                     {}};
    table near{"near_misses", tr("Near misses"), {{"year", tr("year")}, {"indicator", tr("indicator")}, {"label", tr("label")}, {"comparator", tr("comparator")}, {"target", tr("target")}, {"near_misses", trf("{} points or less from the target", margin_text(r))}, {"near_misses_share", tr("share of physicians")}, {"met", tr("met")}}, {}, {}};
    for (const auto& s : r.sections) {
        const auto n = s.physicians;
        const auto y = year_cell(s);
        totals.add({y, cell::of_text(tr(s.year ? N_("Physicians evaluated") : N_("Physicians evaluated (physician-year rows)"))), cell::of_count(n), {}});
        if (!s.year) totals.add({y, cell::of_text(tr("Distinct physicians")), cell::of_count(s.distinct_ids), {}});
        totals.add({y, cell::of_text(tr("Physicians paid")), cell::of_count(s.paid), cell::of_share(s.paid, n)});
        totals.add({y, cell::of_text(tr("Physicians without payment")), cell::of_count(s.unpaid), cell::of_share(s.unpaid, n)});
        totals.add({y, cell::of_text(tr("Physicians blocked by a single indicator")), cell::of_count(s.blocked_by_one), cell::of_share(s.blocked_by_one, n)});
        totals.add({y, cell::of_text(tr("Points paid")), cell::of_number(s.points, number_style::decimal), {}});
        totals.add({y, cell::of_text(tr("Total amount")), euros_cell(s.euros), {}});
        if (s.amounts) {
            const auto& a = *s.amounts;
            deciles.add({y, cell::of_text(tr("Mean")), euros_cell(a.mean)});
            deciles.add({y, cell::of_text(tr("Median")), euros_cell(a.median)});
            for (std::size_t k = 0; k < a.deciles.size(); ++k) deciles.add({y, cell::of_text(fmt::format("D{} ({} %)", k + 1, 10 * (k + 1))), euros_cell(a.deciles[k])});
            deciles.add({y, cell::of_text(tr("Maximum")), euros_cell(a.maximum)});
        }
        for (std::size_t g = 0; g < p.groups.size(); ++g) {
            const auto& gs = s.groups[g];
            const auto& bp = gs.block_paid;
            groups.add({y, cell::of_text(p.groups[g].id), cell::of_text(p.groups[g].label), cell::of_count(gs.open), cell::of_share(gs.open, n), bp ? cell::of_count(*bp) : cell::of_text("-"), bp ? cell::of_share(*bp, n) : cell::of_text("-"),
                        cell::of_number(gs.points, number_style::decimal), euros_cell(gs.euros)});
        }
        for (std::size_t i = 0; i < p.indicators.size(); ++i) {
            const auto& info = p.indicators[i];
            const auto& st = s.indicators[i];
            const auto [comparator, target] = target_cells(p, info, s);
            indicators.add({y, cell::of_text(text::dotted_id(p, info)), cell::of_text(info.label), comparator, target, cell::of_count(st.met), cell::of_share(st.met, n), st.paid ? cell::of_count(*st.paid) : cell::of_text(tr("block")),
                            st.paid ? cell::of_share(*st.paid, n) : cell::of_text("-"), cell::of_count(st.blocked_alone), cell::of_share(st.blocked_alone, n),
                            st.points ? cell::of_number(*st.points, number_style::decimal) : cell::of_text(tr("block")), st.euros ? euros_cell(*st.euros) : cell::of_text(tr("block"))});
            if (st.near_misses) near.add({y, cell::of_text(text::dotted_id(p, info)), cell::of_text(info.label), comparator, target, cell::of_count(*st.near_misses), cell::of_share(*st.near_misses, n), cell::of_count(st.met)});
        }
    }
    indicators.notes = {tr("Met: the condition holds, whether the group is open or not. Paid: met and the group open. “block”: paid with its group (cost in the Groups sheet)."),
                        tr("Only one missing: physicians for whom this indicator is the only one missing to open a group or get a block.")};
    near.notes = {trf("Indicator not met whose measured rate is at most {} percentage points from the target, on the missed side; only for targets written as rates.", margin_text(r))};
    deciles.notes = {tr("Decile Dk = the amount of rank ⌈k × n / 10⌉ among the n sorted amounts; mean and median exact, rounded to the cent.")};
    d.tables = {std::move(totals), std::move(deciles), std::move(groups), std::move(indicators), std::move(near)};
    return d;
}

}  // namespace

std::string report_xlsx(const program& p, const population_report& r, const manifest& m) { return document_xlsx(report_document(p, r, m), manifest_table(m)); }

}  // namespace donum::render
