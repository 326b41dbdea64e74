#include "interpreter/render/summary.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "interpreter/compile/maxima.hpp"
#include "interpreter/messages/messages.hpp"
#include "interpreter/render/writers.hpp"
#include "interpreter/text/fr.hpp"

namespace donum::render {

using compile::indicator_info;
using compile::program;
using messages::N_;
using messages::tr;
using messages::trf;
namespace ast = grammar::ast;

namespace {

// Labels and measures are cut so that a line stays readable in a terminal.
constexpr std::size_t label_width = 60;
constexpr std::size_t measure_width = 40;

// The points of a slot: one value when every year has the same, else "2023: 20, 2024: XX";
// "bloc" for an indicator paid with its group.
std::string points_cell(const program& p, const std::optional<std::size_t>& si)
{
    if (!si) return tr("block");
    const auto& s = p.slots[*si];
    const bool same = std::all_of(s.by_year.begin(), s.by_year.end(), [&](const auto& v) { return v == s.by_year.front(); });
    if (same) return text::slot_value(s, s.by_year.front());
    std::vector<std::string> parts;
    for (std::size_t y = 0; y < p.years.size(); ++y) parts.push_back(fmt::format("{}: {}", p.years[y], text::slot_value(s, s.by_year[y])));
    return fmt::format("{}", fmt::join(parts, ", "));
}

std::string measure_of(const indicator_info& i) { return i.measured.empty() ? std::string(tr("condition")) : i.measured; }

// The columns of the indicator tables: one target column per year.
std::vector<std::string> indicator_head(const program& p)
{
    std::vector<std::string> head = {tr("indicator"), tr("label"), tr("status"), tr("measure")};
    for (const auto y : p.years) head.push_back(std::to_string(y));
    head.push_back(tr("points"));
    head.push_back(tr("zero denominator"));
    return head;
}

std::vector<std::string> indicator_cells(const program& p, const indicator_info& i)
{
    std::vector<std::string> cells = {i.id, truncate(i.label, label_width), tr(i.status == ast::indicator_status::declared ? N_("declared") : N_("computed")), truncate(measure_of(i), measure_width)};
    for (std::size_t y = 0; y < p.years.size(); ++y) cells.push_back(text::target(p, i, y));
    cells.push_back(points_cell(p, i.points_slot) + (i.prorated ? tr(" prorated") : ""));
    cells.push_back(text::zero_policy(i, true));
    return cells;
}

// The rows of the levels of a graded indicator, under its own: "palier 2", its threshold
// by year (computed from the target when it follows it) and its points.
std::vector<std::vector<std::string>> level_rows(const program& p, const indicator_info& i)
{
    std::vector<std::vector<std::string>> rows;
    for (std::size_t k = 0; k < i.levels.size(); ++k) {
        const auto& level = i.levels[k];
        std::vector<std::string> cells = {"", trf("level {}", k + 2), "", level.threshold_slot ? std::string() : truncate(level.threshold_text, measure_width)};
        for (std::size_t y = 0; y < p.years.size(); ++y) cells.push_back(text::level_target(p, i, k, y));
        cells.push_back(points_cell(p, level.points_slot));
        cells.push_back("");
        rows.push_back(std::move(cells));
    }
    return rows;
}

// Column widths over the whole convention, so that the tables of every group line up; the
// status column is 8 characters wide at least.
std::vector<std::size_t> indicator_widths(const program& p)
{
    const auto head = indicator_head(p);
    std::vector<std::size_t> widths(head.size(), 0);
    widths[2] = 8;
    auto measure = [&](const std::vector<std::string>& cells) {
        for (std::size_t c = 0; c < cells.size(); ++c) widths[c] = std::max(widths[c], display_width(cells[c]));
    };
    measure(head);
    for (const auto& i : p.indicators) {
        measure(indicator_cells(p, i));
        for (const auto& row : level_rows(p, i)) measure(row);
    }
    return widths;
}

}  // namespace

std::string summary(const program& p)
{
    std::string out;
    out += fmt::format("{} ({})\n", p.label, p.id);
    if (!p.reference.empty()) out += trf("  Reference: {}\n", p.reference);
    if (!p.source_url.empty()) out += trf("  Source: {}\n", p.source_url);
    if (!p.in_force.empty()) out += trf("  In force: {}\n", p.in_force);
    const auto& pv = p.slots[p.point_value_slot];
    std::vector<std::string> values;
    for (std::size_t y = 0; y < p.years.size(); ++y) values.push_back(text::slot_value(pv, pv.by_year[y]));
    const bool same_value = std::all_of(values.begin(), values.end(), [&](const auto& v) { return v == values.front(); });
    out += trf("  Years: {}   Point value: {}\n", fmt::format("{}", fmt::join(p.years, ", ")), same_value && !values.empty() ? values.front() : fmt::format("{}", fmt::join(values, " / ")));
    if (p.cap_slot) out += trf("  Cap: {} points per physician in all\n", points_cell(p, p.cap_slot));

    const auto widths = indicator_widths(p);
    for (const auto& g : p.groups) {
        out += fmt::format("\n{} [{}]\n", g.label, g.id);
        if (!g.gate.empty()) out += trf("  Access: {}\n", text::gate(p, g));
        if (g.block_slot) {
            out += trf("  Payment: {} points as a block if {}\n", points_cell(p, g.block_slot), g.block_all ? std::string(tr("every indicator is met")) : trf("at least {} indicators are met", g.block_k));
        }
        else {
            out += tr("  Payment: each indicator met is paid on its own\n");
        }
        if (g.cap_slot) out += trf("  Cap: {} points per physician\n", points_cell(p, g.cap_slot));
        grid t{indicator_head(p), {}, {}, widths};
        for (const auto i : g.indicators) {
            t.add(indicator_cells(p, p.indicators[i]));
            for (auto& row : level_rows(p, p.indicators[i])) t.add(std::move(row));
        }
        out += render_text(t);
        for (const auto i : g.indicators) {
            const auto& ind = p.indicators[i];
            if (ind.prorated) out += trf("  {}: all its points if met, else {}\n", ind.id, text::prorata(p, ind));
            if (!ind.levels.empty()) out += trf("  {}: paid at the highest level met\n", ind.id);
        }
    }

    out += tr("\nMaximum (every indicator met)\n");
    for (const auto& m : compile::maxima(p)) {
        if (m.beyond_64_bits) {
            out += trf("  {}: too large for exact arithmetic (beyond 64 bits)\n", m.year);
        }
        else if (m.points && m.euros) {
            out += trf("  {}: {} points = {}\n", m.year, text::number(*m.points), text::euros(*m.euros));
        }
        else if (m.points) {
            out += trf("  {}: {} points, point value not set (XX)\n", m.year, text::number(*m.points));
        }
        else {
            out += trf("  {}: unknown, at least {} points; not set (XX): {}\n", m.year, text::number(m.known_points), fmt::format("{}", fmt::join(m.open, ", ")));
        }
    }
    return out;
}

namespace {

number_style style_of(const compile::slot& s)
{
    return s.type == compile::value_type::rate ? number_style::rate : s.type == compile::value_type::euro ? number_style::euros : number_style::decimal;
}

// A slot's value of year index `y` as a cell: the number, or « XX ».
cell slot_cell(const program& p, std::size_t si, std::size_t y)
{
    const auto& s = p.slots[si];
    return cell::of_optional(s.by_year[y], style_of(s), "XX");
}

}  // namespace

document summary_document(const program& p)
{
    document d;
    d.title = fmt::format("{} ({})", p.label, p.id);
    if (!p.reference.empty()) d.facts.emplace_back(tr("Reference"), p.reference);
    if (!p.source_url.empty()) d.facts.emplace_back(tr("Source"), p.source_url);
    if (!p.in_force.empty()) d.facts.emplace_back(tr("In force"), p.in_force);
    d.facts.emplace_back(tr("Years"), fmt::format("{}", fmt::join(p.years, ", ")));
    const auto& pv = p.slots[p.point_value_slot];
    for (std::size_t y = 0; y < p.years.size(); ++y) d.facts.emplace_back(trf("Point value {}", p.years[y]), text::slot_value(pv, pv.by_year[y]));
    if (p.cap_slot) d.facts.emplace_back(tr("Cap per physician (points)"), points_cell(p, p.cap_slot));

    table groups{"groups", tr("Groups"), {{"group", tr("group")}, {"label", tr("label")}, {"gate", tr("access")}, {"payment", tr("payment")}, {"cap", tr("cap (points)")}}, {}, {}};
    for (const auto& g : p.groups) {
        const auto payment = g.block_slot ? trf("{} points as a block if {}", points_cell(p, g.block_slot), g.block_all ? std::string(tr("every indicator is met")) : trf("at least {} indicators are met", g.block_k))
                                          : std::string(tr("each indicator met is paid on its own"));
        groups.add({cell::of_text(g.id), cell::of_text(g.label), cell::of_text(g.gate.empty() ? "-" : text::gate(p, g)), cell::of_text(payment), cell::of_text(g.cap_slot ? points_cell(p, g.cap_slot) : "-")});
    }

    table indicators{"indicators",
                     tr("Indicators"),
                     {{"group", tr("group")}, {"indicator", tr("indicator")}, {"label", tr("label")}, {"status", tr("status")}, {"measure", tr("measure")}, {"comparator", tr("comparator")}},
                     {},
                     {}};
    for (const auto y : p.years) indicators.columns.push_back({fmt::format("target_{}", y), trf("target {}", y)});
    for (const auto y : p.years) indicators.columns.push_back({fmt::format("points_{}", y), trf("points {}", y)});
    indicators.columns.push_back({"payment", tr("payment")});
    indicators.columns.push_back({"zero_denominator", tr("zero denominator")});
    for (const auto& g : p.groups) {
        for (const auto ii : g.indicators) {
            const auto& i = p.indicators[ii];
            std::vector<cell> cells{cell::of_text(g.id), cell::of_text(i.id), cell::of_text(i.label), cell::of_text(tr(i.status == ast::indicator_status::declared ? N_("declared") : N_("computed"))), cell::of_text(measure_of(i)),
                                    cell::of_text(i.target_slot ? std::string(compile::comparison_text(i.measured_comparison())) : std::string("-"))};
            for (std::size_t y = 0; y < p.years.size(); ++y) cells.push_back(i.target_slot ? slot_cell(p, *i.target_slot, y) : cell::of_text("-"));
            for (std::size_t y = 0; y < p.years.size(); ++y) cells.push_back(i.points_slot ? slot_cell(p, *i.points_slot, y) : cell::of_text(tr("block")));
            cells.push_back(cell::of_text(i.prorated ? trf("all its points if met, else {}", text::prorata(p, i)) : !i.levels.empty() ? std::string(tr("at the highest level met")) : std::string(tr("if met"))));
            cells.push_back(cell::of_text(text::zero_policy(i, true)));
            indicators.add(std::move(cells));
            for (std::size_t k = 0; k < i.levels.size(); ++k) {
                const auto& level = i.levels[k];
                std::vector<cell> row{cell::of_text(g.id), cell::of_text(i.id), cell::of_text(trf("level {}", k + 2)), {}, cell::of_text(level.threshold_slot ? std::string() : level.threshold_text), {}};
                for (std::size_t y = 0; y < p.years.size(); ++y) row.push_back(cell::of_text(text::level_target(p, i, k, y)));
                for (std::size_t y = 0; y < p.years.size(); ++y) row.push_back(slot_cell(p, level.points_slot, y));
                row.push_back({});
                row.push_back({});
                indicators.add(std::move(row));
            }
        }
    }

    table maximum{"maximum", tr("Maximum"), {{"year", tr("year")}, {"points", tr("points")}, {"euros", tr("euros")}, {"note", tr("note")}}, {}, {}};
    for (const auto& m : compile::maxima(p)) {
        std::string note;
        if (m.beyond_64_bits) note = tr("too large for exact arithmetic (beyond 64 bits)");
        else if (!m.points) note = trf("unknown, at least {} points; not set (XX): {}", m.known_points.to_string(), fmt::format("{}", fmt::join(m.open, ", ")));
        else if (!m.euros) note = tr("point value not set (XX)");
        maximum.add({cell::of_number(m.year, number_style::year), m.points ? cell::of_number(*m.points, number_style::decimal) : cell{}, m.euros ? cell::of_number(*m.euros, number_style::euros) : cell{}, cell::of_text(note)});
    }
    maximum.notes = {tr("Maximum: every indicator met.")};
    d.tables = {std::move(groups), std::move(indicators), std::move(maximum)};
    return d;
}

}  // namespace donum::render
