// The population report as a workbook (report_format::xlsx): one sheet per section of the
// report, each a long table with a year column, so that a filter or a pivot table reads it.
#include <fmt/format.h>

#include "interpreter/render/report.hpp"
#include "interpreter/render/report_data.hpp"
#include "interpreter/render/xlsx.hpp"
#include "interpreter/text/fr.hpp"

namespace donum::render {

using compile::program;
using exact::rational;
using population::manifest;
using population::population_report;

namespace {

cell year_cell(const population::report_section& s) { return s.year ? cell::of_number(*s.year, number_style::year) : cell::of_text("toutes années"); }

cell euros_cell(const rational& v) { return cell::of_number(v.rounded(2), number_style::euros); }

// The target of indicator `i` in the section's year: its comparator, and the value (a rate
// as a percentage, points or euros as numbers, « XX » when not agreed).
std::pair<cell, cell> target_cells(const program& p, const compile::indicator_info& i, const population::report_section& s)
{
    if (!i.target_slot || !s.year) return {cell::of_text(""), cell::of_text(i.target_slot ? "par année" : "-")};
    const auto& slot = p.slots[*i.target_slot];
    const auto y = p.year_index(*s.year);
    const auto& v = y ? slot.by_year[*y] : std::optional<rational>();
    const auto style = slot.type == compile::value_type::rate ? number_style::rate : slot.type == compile::value_type::euro ? number_style::euros : number_style::decimal;
    return {cell::of_text(std::string(comparison_text(i.measured_comparison()))), cell::of_optional(v, style, "XX")};
}

document report_document(const program& p, const population_report& r, const manifest& m)
{
    document d;
    d.title = fmt::format("Rapport de population : {}", p.label);
    d.facts = {{"Convention", fmt::format("{} ({})", p.label, p.id)}, {"Données évaluées", r.data_file}, {"Date", m.date}, {"Marge des quasi-atteintes", margin_text(r) + " points de pourcentage"}};

    table totals{"totals", "Synthèse", {{"year", "année"}, {"measure", "mesure"}, {"value", "valeur"}, {"share", "part des médecins"}}, {}, {}};
    table deciles{"amounts", "Déciles", {{"year", "année"}, {"measure", "mesure"}, {"euros", "montant par médecin"}}, {}, {}};
    table groups{"groups", "Groupes", {{"year", "année"}, {"group", "groupe"}, {"label", "libellé"}, {"open", "accès ouvert"}, {"open_share", "accès ouvert (%)"}, {"block_paid", "bloc payé"}, {"block_paid_share", "bloc payé (%)"}, {"points", "points"}, {"euros", "coût"}}, {}, {}};
    table indicators{"indicators",
                     "Indicateurs",
                     {{"year", "année"}, {"indicator", "indicateur"}, {"label", "libellé"}, {"comparator", "comparateur"}, {"target", "cible"}, {"met", "atteint"}, {"met_share", "atteint (%)"}, {"paid", "payé"}, {"paid_share", "payé (%)"},
                      {"blocked_alone", "seul manquant"}, {"blocked_alone_share", "seul manquant (%)"}, {"points", "points"}, {"euros", "coût"}},
                     {},
                     {}};
    table near{"near_misses", "Quasi-atteintes", {{"year", "année"}, {"indicator", "indicateur"}, {"label", "libellé"}, {"comparator", "comparateur"}, {"target", "cible"}, {"near_misses", fmt::format("à {} points ou moins de la cible", margin_text(r))}, {"near_misses_share", "part des médecins"}, {"met", "atteint"}}, {}, {}};
    for (const auto& s : r.sections) {
        const auto n = s.physicians;
        const auto y = year_cell(s);
        totals.add({y, cell::of_text(s.year ? "Médecins évalués" : "Médecins évalués (lignes médecin-année)"), cell::of_count(n), {}});
        if (!s.year) totals.add({y, cell::of_text("Médecins distincts"), cell::of_count(s.distinct_ids), {}});
        totals.add({y, cell::of_text("Médecins payés"), cell::of_count(s.paid), cell::of_share(s.paid, n)});
        totals.add({y, cell::of_text("Médecins sans paiement"), cell::of_count(s.unpaid), cell::of_share(s.unpaid, n)});
        totals.add({y, cell::of_text("Médecins bloqués par un seul indicateur"), cell::of_count(s.blocked_by_one), cell::of_share(s.blocked_by_one, n)});
        totals.add({y, cell::of_text("Points payés"), cell::of_number(s.points, number_style::decimal), {}});
        totals.add({y, cell::of_text("Montant total"), euros_cell(s.euros), {}});
        if (s.amounts) {
            const auto& a = *s.amounts;
            deciles.add({y, cell::of_text("Moyenne"), euros_cell(a.mean)});
            deciles.add({y, cell::of_text("Médiane"), euros_cell(a.median)});
            for (std::size_t k = 0; k < a.deciles.size(); ++k) deciles.add({y, cell::of_text(fmt::format("D{} ({} %)", k + 1, 10 * (k + 1))), euros_cell(a.deciles[k])});
            deciles.add({y, cell::of_text("Maximum"), euros_cell(a.maximum)});
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
            indicators.add({y, cell::of_text(text::dotted_id(p, info)), cell::of_text(info.label), comparator, target, cell::of_count(st.met), cell::of_share(st.met, n), st.paid ? cell::of_count(*st.paid) : cell::of_text("bloc"),
                            st.paid ? cell::of_share(*st.paid, n) : cell::of_text("-"), cell::of_count(st.blocked_alone), cell::of_share(st.blocked_alone, n),
                            st.points ? cell::of_number(*st.points, number_style::decimal) : cell::of_text("bloc"), st.euros ? euros_cell(*st.euros) : cell::of_text("bloc")});
            if (st.near_misses) near.add({y, cell::of_text(text::dotted_id(p, info)), cell::of_text(info.label), comparator, target, cell::of_count(*st.near_misses), cell::of_share(*st.near_misses, n), cell::of_count(st.met)});
        }
    }
    indicators.notes = {"Atteint : la condition est remplie, que le groupe soit ouvert ou non. Payé : atteint et groupe ouvert. « bloc » : payé avec son groupe (coût dans la feuille Groupes).",
                        "Seul manquant : médecins pour qui cet indicateur est le seul qui manque pour ouvrir un groupe ou obtenir un bloc."};
    near.notes = {fmt::format("Indicateur non atteint dont le taux mesuré est à {} points de pourcentage au plus de la cible, du côté manqué ; seulement pour les cibles exprimées en taux.", margin_text(r))};
    deciles.notes = {"Décile Dk = montant de rang ⌈k × n / 10⌉ parmi les n montants triés ; moyenne et médiane exactes, arrondies au centime."};
    d.tables = {std::move(totals), std::move(deciles), std::move(groups), std::move(indicators), std::move(near)};
    return d;
}

}  // namespace

std::string report_xlsx(const program& p, const population_report& r, const manifest& m) { return document_xlsx(report_document(p, r, m), manifest_table(m)); }

}  // namespace donum::render
