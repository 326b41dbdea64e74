#include "interpreter/render/report.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "interpreter/render/report_data.hpp"
#include "interpreter/render/writers.hpp"
#include "interpreter/text/fr.hpp"

namespace donum::render {

using compile::indicator_info;
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
    return s.year ? fmt::format("Année {}", *s.year) : std::string("Toutes années");
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
    grid t{{"Rôle", "Fichier", "SHA-256"}, {}, {left, left, left}};
    for (const auto& f : m.files) t.add({f.role, f.path, f.sha256});
    return t;
}

grid totals_grid(const report_section& s)
{
    grid t{{"Mesure", "Valeur", "Part"}, {}, {left, right, right}};
    const auto n = s.physicians;
    t.add({s.year ? "Médecins évalués" : "Médecins évalués (lignes médecin-année)", text::count(n), ""});
    if (!s.year) t.add({"Médecins distincts", text::count(s.distinct_ids), ""});
    t.add({"Médecins payés", text::count(s.paid), text::share(s.paid, n)});
    t.add({"Médecins sans paiement", text::count(s.unpaid), text::share(s.unpaid, n)});
    t.add({"Médecins bloqués par un seul indicateur", text::count(s.blocked_by_one), text::share(s.blocked_by_one, n)});
    t.add({"Points payés", text::number(s.points), ""});
    t.add({"Montant total", text::euros(s.euros), ""});
    return t;
}

grid amounts_grid(const amount_distribution& d)
{
    grid t{{"Mesure", "Montant"}, {}, {left, right}};
    t.add({"Moyenne", text::euros(d.mean)});
    t.add({"Médiane", text::euros(d.median)});
    for (std::size_t k = 0; k < d.deciles.size(); ++k) t.add({fmt::format("D{} ({} %)", k + 1, 10 * (k + 1)), text::euros(d.deciles[k])});
    t.add({"Maximum", text::euros(d.maximum)});
    return t;
}

grid groups_grid(const program& p, const report_section& s)
{
    grid t{{"Groupe", "Accès ouvert", "%", "Bloc payé", "%", "Points", "Coût", "Libellé"}, {}, {left, right, right, right, right, right, right, left}};
    for (std::size_t g = 0; g < p.groups.size(); ++g) {
        const auto& gs = s.groups[g];
        const auto& bp = gs.block_paid;
        t.add({p.groups[g].id, text::count(gs.open), text::share(gs.open, s.physicians), bp ? text::count(*bp) : "-", bp ? text::share(*bp, s.physicians) : "-", text::number(gs.points), text::euros(gs.euros), p.groups[g].label});
    }
    return t;
}

grid indicators_grid(const program& p, const population_report& r, const report_section& s)
{
    grid t{{"Indicateur", "Cible", "Atteint", "%", "Payé", "%", fmt::format("Proches ({} pts)", margin_text(r)), "Seul manquant", "Points", "Coût", "Libellé"},
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
               st.paid ? text::count(*st.paid) + (st.partial ? fmt::format(" (+{} en partie)", text::count(*st.partial)) : std::string()) : "bloc",
               st.paid ? text::share(*st.paid, n) : "-",
               st.near_misses ? text::count(*st.near_misses) : "-",
               text::count(st.blocked_alone),
               st.points ? text::number(*st.points) : "bloc",
               st.euros ? text::euros(*st.euros) : "bloc",
               info.label});
    }
    return t;
}

// Definitions for readers, one sentence each, as bullet texts.
std::vector<std::string> definitions(const population_report& r)
{
    const auto margin = margin_text(r);
    return {
        "Atteint : la condition de l'indicateur est remplie (ou sa règle de dénominateur nul le déclare atteint), que son groupe soit ouvert ou non.",
        "Payé : atteint et groupe ouvert ; l'indicateur rapporte ses points (un indicateur à paliers, ceux du plus haut palier atteint). « + N en partie » : médecins qui n'atteignent pas un indicateur au prorata mais en reçoivent une part. « bloc » : l'indicateur est payé avec son groupe, dont le coût figure dans le tableau des groupes.",
        fmt::format("Proches ({0} pts) : indicateur non atteint dont le taux mesuré est à {0} points de pourcentage au plus de la cible, du côté manqué (cible - {0} points <= taux < cible ; <= cible pour « > ») ; seulement pour les cibles exprimées en taux, « - » sinon.", margin),
        "Seul manquant : médecins pour qui cet indicateur est le seul qui manque pour ouvrir un groupe ou obtenir les points d'un bloc ; chaque médecin compte au plus une fois par indicateur.",
        "Coût : points payés pour l'indicateur (ou le groupe) multipliés par la valeur du point de l'année.",
        "Montants par médecin : moyenne exacte ; médiane = montant du milieu (moyenne des deux montants du milieu quand le nombre de médecins est pair) ; décile Dk = montant de rang ⌈k × n / 10⌉ parmi les n montants triés (rang le plus proche) ; arrondis au centime à l'affichage.",
        "Toutes années : chaque ligne (médecin, année) compte comme un médecin.",
    };
}

std::string parameters_text(const manifest& m)
{
    if (m.parameters.empty()) return "aucun (valeurs des fichiers de règles et de scénario)";
    return fmt::format("{}", fmt::join(m.parameters, ", "));
}

// Tables inside a section of the terminal report are indented by 4.
constexpr std::size_t table_indent = 4;

std::string render_table(const program& p, const population_report& r, const manifest& m)
{
    std::string out = fmt::format("Rapport de population : {} ({})\n\n", p.label, p.id);
    out += "Manifeste\n";
    out += fmt::format("  Version de donum : {}\n", m.donum_version);
    out += fmt::format("  Date : {}\n", m.date);
    out += fmt::format("  Données évaluées : {}\n", r.data_file);
    out += fmt::format("  Paramètres fixés : {}\n", parameters_text(m));
    out += "  Fichiers :\n";
    out += render_text(files_grid(m), table_indent);
    for (const auto& s : r.sections) {
        out += fmt::format("\n{}\n\n  Totaux\n", section_title(s));
        out += render_text(totals_grid(s), table_indent);
        if (s.amounts) {
            out += "\n  Montant par médecin\n";
            out += render_text(amounts_grid(*s.amounts), table_indent);
        }
        out += "\n  Groupes\n";
        out += render_text(groups_grid(p, s), table_indent);
        out += "\n  Indicateurs\n";
        out += render_text(indicators_grid(p, r, s), table_indent);
    }
    out += "\nDéfinitions\n";
    for (const auto& d : definitions(r)) out += "  - " + d + "\n";
    return out;
}

std::string render_md(const program& p, const population_report& r, const manifest& m)
{
    std::string out = fmt::format("# Rapport de population : {}\n\n", markdown_cell(p.label));
    out += "## Manifeste\n\n";
    grid facts{{"Élément", "Valeur"}, {}, {left, left}};
    facts.add({"Convention", fmt::format("{} ({})", p.label, p.id)});
    facts.add({"Version de donum", m.donum_version});
    facts.add({"Date", m.date});
    facts.add({"Données évaluées", r.data_file});
    facts.add({"Paramètres fixés", parameters_text(m)});
    out += render_markdown(facts) + "\n";
    out += render_markdown(files_grid(m));
    for (const auto& s : r.sections) {
        out += fmt::format("\n## {}\n\n### Totaux\n\n", section_title(s));
        out += render_markdown(totals_grid(s));
        if (s.amounts) out += "\n### Montant par médecin\n\n" + render_markdown(amounts_grid(*s.amounts));
        out += "\n### Groupes\n\n" + render_markdown(groups_grid(p, s));
        out += "\n### Indicateurs\n\n" + render_markdown(indicators_grid(p, r, s));
    }
    out += "\n## Définitions\n\n";
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
