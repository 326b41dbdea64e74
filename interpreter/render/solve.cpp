#include "interpreter/render/solve.hpp"

#include <fmt/format.h>

#include "interpreter/text/fr.hpp"

namespace donum::render {

using exact::rational;

namespace {

std::string millions(const rational& euros)
{
    return fmt::format("{} ({} M€)", text::euros(euros), text::localize(euros.to_fixed(2, -6)));
}

// One evaluated value: the parameter and what the population gets with it.
std::string point_text(const compile::slot& s, const population::solve_point& x, bool reach)
{
    const auto& pop = x.population;
    // The exact value always, and a decimal approximation where it has no short decimal.
    auto shown = text::slot_value(s, x.value);
    std::string exact;
    // 100 % den, not (value * 100): a value near the limits of 64 bits must not overflow here.
    if (s.type == compile::value_type::euro && 100 % x.value.den() != 0) {
        shown = x.value.to_string();
        exact = fmt::format(" ≈ {} €", text::fixed(x.value, 6));
    }
    else if (shown.find('/') != std::string::npos) {
        exact = s.type == compile::value_type::rate ? fmt::format(" ≈ {} %", text::fixed(x.value * rational(100), 4)) : fmt::format(" ≈ {}", text::fixed(x.value, 4));
    }
    std::string out = fmt::format("{}{} : coût {}, {} médecins payés sur {}", shown, exact, millions(pop.euros), text::count(pop.paid), text::count(pop.physicians));
    if (reach) out += fmt::format(", atteint par {} ({} %)", text::count(x.reached), text::localize(x.share.to_percent()));
    return out;
}

}  // namespace

std::string render_solve(const compile::program& p, const population::solve_goal& goal, const population::solve_result& r, const std::string& data_file)
{
    const auto& s = p.slots[goal.slot];
    const bool is_reach = goal.what == population::solve_goal::kind::reach;
    std::string text = fmt::format("Paramètre : {} ({}) ; {} médecins comptés ({})\n", goal.name, p.label, text::count(r.physicians), data_file);
    text += is_reach ? fmt::format("Objectif : au moins {} % des médecins\n", text::localize(goal.amount.to_percent())) : fmt::format("Objectif : budget {}\n", millions(goal.amount));
    if (!r.met) {
        text += fmt::format("Objectif inatteignable dans les valeurs possibles du paramètre. Valeur la plus proche :\n  {}\n", point_text(s, r.answer, is_reach));
    }
    else {
        text += fmt::format("Réponse : {}\n", point_text(s, r.answer, is_reach));
        if (r.how == population::solve_result::method::affine) {
            text += fmt::format("  (le coût est affine en {} : {} par unité, {} à 0 ; la réponse l'égale exactement)\n", goal.name, text::euros(r.slope), text::euros(r.intercept));
            if (r.below) text += fmt::format("  valeur ronde en dessous : {}\n", point_text(s, *r.below, false));
            if (r.above) text += fmt::format("  valeur ronde au-dessus : {}\n", point_text(s, *r.above, false));
        }
        else if (r.how == population::solve_result::method::grid) {
            if (r.other_side) text += fmt::format("De l'autre côté de l'objectif, la valeur voisine : {}\n", point_text(s, *r.other_side, is_reach));
            const auto step = s.type == compile::value_type::rate ? text::localize(r.grid.to_percent()) + " %" : text::number(r.grid);
            text += fmt::format("  (un paiement au prorata, à paliers ou plafonné : meilleure valeur au pas de {} ; {} essais, {} passages sur les données)\n", step, r.probes, r.passes);
        }
        else {
            if (r.other_side) text += fmt::format("De l'autre côté de l'objectif, la valeur voisine : {}\n", point_text(s, *r.other_side, is_reach));
            if (r.friendly) text += fmt::format("Valeur ronde donnant la même population : {}\n", point_text(s, *r.friendly, is_reach));
            else if (r.rounded) text += fmt::format("Valeur arrondie à 0,01 % qui tient l'objectif : {}\n", point_text(s, *r.rounded, is_reach));
            text += fmt::format("  ({} valeurs où la population change, {} essais, {} passages sur les données)\n", r.candidates, r.probes, r.passes);
        }
    }
    return text;
}

document solve_document(const compile::program& p, const population::solve_goal& goal, const population::solve_result& r, const std::string& data_file)
{
    const auto& s = p.slots[goal.slot];
    const bool is_reach = goal.what == population::solve_goal::kind::reach;
    document d;
    d.title = fmt::format("Valeur qui tient l'objectif : {}", text::slot_label(p, s));
    d.facts = {{"Paramètre", fmt::format("{} ({})", text::slot_label(p, s), goal.name)},
               {"Convention", fmt::format("{} ({})", p.label, p.id)},
               {"Données", fmt::format("{} ({} médecins comptés)", data_file, text::count(r.physicians))},
               {"Objectif", is_reach ? fmt::format("au moins {} % des médecins", text::localize(goal.amount.to_percent())) : fmt::format("budget de {} €", text::localize(goal.amount.to_fixed(2)))},
               {"Objectif atteint", r.met ? "oui" : "non : valeur la plus proche"},
               {"Méthode", r.how == population::solve_result::method::affine ? "coût affine en la valeur : réponse exacte"
                           : r.how == population::solve_result::method::grid ? fmt::format("meilleure valeur au pas de {}", text::localize(r.grid.to_string()))
                                                                               : "seuil exact où la population change"}};
    const auto style = s.type == compile::value_type::rate ? number_style::rate : s.type == compile::value_type::euro ? number_style::euros : number_style::decimal;
    table t{"values", "Valeurs évaluées", {{"role", "valeur"}, {"value", "paramètre"}, {"exact", "valeur exacte"}, {"euros", "coût total"}, {"paid", "médecins payés"}, {"physicians", "médecins comptés"}}, {}, {}};
    if (is_reach) {
        t.columns.push_back({"reached", "médecins atteignant"});
        t.columns.push_back({"share", "part atteignant"});
    }
    auto add = [&](std::string role, const population::solve_point& x) {
        // A euro value is paid to the cent: the parameter cell holds it exactly, not rounded.
        std::vector<cell> cells{cell::of_text(std::move(role)), cell::of_number(x.value, style == number_style::euros ? number_style::decimal : style), cell::of_text(x.value.to_string()),
                                cell::of_number(x.population.euros.rounded(2), number_style::euros), cell::of_count(x.population.paid), cell::of_count(x.population.physicians)};
        if (is_reach) {
            cells.push_back(cell::of_count(x.reached));
            cells.push_back(cell::of_number(x.share, number_style::share));
        }
        t.add(std::move(cells));
    };
    add(r.met ? "réponse" : "valeur la plus proche", r.answer);
    if (r.other_side) add("valeur voisine, de l'autre côté de l'objectif", *r.other_side);
    if (r.friendly) add("valeur ronde donnant la même population", *r.friendly);
    else if (r.rounded) add("valeur arrondie à 0,01 % qui tient l'objectif", *r.rounded);
    if (r.below) add("valeur ronde en dessous", *r.below);
    if (r.above) add("valeur ronde au-dessus", *r.above);
    d.tables.push_back(std::move(t));
    return d;
}

}  // namespace donum::render
