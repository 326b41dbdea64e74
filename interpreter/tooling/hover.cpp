// Descriptions for people: French labels, values written as in `donum check --summary`
// (through text/fr.hpp), so that hovering a name shows what the table shows.
#include "interpreter/tooling/hover.hpp"

#include <fmt/format.h>

#include "interpreter/text/fr.hpp"

namespace donum::tooling {

namespace {

namespace ast = grammar::ast;
using compile::program;

const char* type_fr(compile::value_type t)
{
    switch (t) {
        case compile::value_type::boolean: return "condition (vrai ou faux)";
        case compile::value_type::number: return "nombre";
        case compile::value_type::rate: return "pourcentage";
        case compile::value_type::euro: return "montant en euros";
        case compile::value_type::points: return "points";
    }
    return "nombre";
}

const char* input_type_fr(ast::input_type t)
{
    switch (t) {
        case ast::input_type::boolean: return "oui/non (boolean : 0 ou 1)";
        case ast::input_type::count: return "nombre d'actes (count : 0, 1, 2…)";
        case ast::input_type::integer: return "entier (integer)";
        case ast::input_type::decimal: return "nombre décimal exact (decimal : 6 chiffres après la virgule au plus)";
    }
    return "entier";
}

// "2023 : >= 20 % · 2024 : >= 30 %", one entry per year of the convention.
template <typename Value>
std::string by_year(const program& p, Value&& value)
{
    std::string out;
    for (std::size_t y = 0; y < p.years.size(); ++y) {
        out += fmt::format("{}{} : {}", y == 0 ? "" : " · ", p.years[y], value(y));
    }
    return out;
}

std::string indicator_text(const program& p, const compile::indicator_info& i)
{
    const auto& g = p.groups.at(i.group);
    std::string out = fmt::format("**Indicateur `{}`** — {}\n\n", i.id, i.label);
    out += fmt::format("- groupe : `{}` ({}), {}\n", g.id, g.label, i.status == ast::indicator_status::declared ? "déclaré" : "calculé");
    if (!i.measured.empty()) out += fmt::format("- mesure : `{}`\n", i.measured);
    if (i.target_slot) {
        out += fmt::format("- cible (`{}`) : {}\n", p.slots.at(*i.target_slot).name, by_year(p, [&](std::size_t y) { return text::target(p, i, y); }));
    }
    const std::string points_name = i.points_slot ? fmt::format(" (`{}`)", p.slots.at(*i.points_slot).name) : std::string();
    out += fmt::format("- points{} : {}\n", points_name, by_year(p, [&](std::size_t y) { return text::indicator_points(p, i, y); }));
    for (std::size_t k = 0; k < i.levels.size(); ++k) {
        const auto& s = p.slots.at(i.levels[k].points_slot);
        out += fmt::format("- palier {} (`{}`) : {}\n", k + 2, s.name, by_year(p, [&](std::size_t y) {
                               return fmt::format("{} points à {}", text::slot_value(s, s.by_year[y]), text::level_target(p, i, k, y));
                           }));
    }
    if (i.prorated) out += fmt::format("- {}\n", text::prorata(p, i));
    out += fmt::format("- dénominateur nul : {}\n", text::zero_policy(i, true));
    return out;
}

std::string group_text(const program& p, const compile::group_info& g)
{
    std::string out = fmt::format("**Groupe `{}`** — {}\n\n", g.id, g.label);
    const auto gate = text::gate(p, g);
    out += fmt::format("- accès : {}\n", gate.empty() ? "sans condition" : gate);
    out += fmt::format("- paiement : {}\n", by_year(p, [&](std::size_t y) { return text::payment(p, g, y); }));
    if (g.block_slot) out += fmt::format("- points du bloc : `{}`\n", p.slots.at(*g.block_slot).name);
    if (g.cap_slot) {
        const auto& s = p.slots.at(*g.cap_slot);
        out += fmt::format("- plafond (`{}`) : {}\n", s.name, by_year(p, [&](std::size_t y) { return text::slot_value(s, s.by_year[y]); }));
    }
    std::string names;
    for (const auto i : g.indicators) names += fmt::format("{}`{}`", names.empty() ? "" : ", ", p.indicators.at(i).id);
    out += fmt::format("- indicateurs : {}\n", names.empty() ? "aucun" : names);
    return out;
}

std::string slot_text(const program& p, const compile::slot& s)
{
    std::string out = fmt::format("**Valeur réglable `{}`**\n\n", s.name);
    if (s.owner && !s.path.indicator.empty()) {
        const auto& i = p.indicators.at(*s.owner);
        out += fmt::format("- indicateur : `{}` ({})\n", i.id, i.label);
    }
    else if (!s.path.group.empty()) {
        out += fmt::format("- groupe : `{}`\n", s.path.group);
    }
    out += fmt::format("- valeur : {}\n", by_year(p, [&](std::size_t y) { return text::slot_value(s, s.by_year[y]); }));
    return out;
}

}  // namespace

std::optional<std::string> describe(const program& p, const symbol& s)
{
    switch (s.kind) {
        case symbol_kind::value:
            for (const auto& in : p.inputs) {
                if (in.name != s.name) continue;
                return fmt::format("**Entrée `{}`** — {}\n\n- type : {}\n- colonne CSV : `{}`\n", in.name, in.label, input_type_fr(in.type), in.column);
            }
            for (const auto& d : p.defines) {
                if (d.name != s.name) continue;
                return fmt::format("**Définition `{}`**{}\n\n- type : {}\n", d.name, d.label.empty() ? "" : " — " + d.label, type_fr(d.type));
            }
            return std::nullopt;
        case symbol_kind::indicator:
            for (const auto& i : p.indicators) {
                if (i.id == s.name) return indicator_text(p, i);
            }
            return std::nullopt;
        case symbol_kind::group:
            for (const auto& g : p.groups) {
                if (g.id == s.name) return group_text(p, g);
            }
            return std::nullopt;
        case symbol_kind::slot:
            if (const auto* slot = p.find_slot(s.name)) return slot_text(p, *slot);
            return std::nullopt;
        case symbol_kind::file:
            return fmt::format("**Version de base** : `{}`", s.name);
    }
    return std::nullopt;
}

}  // namespace donum::tooling
