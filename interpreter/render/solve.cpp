#include "interpreter/render/solve.hpp"

#include <fmt/format.h>

#include "interpreter/text/fr.hpp"

namespace donum::render {

using exact::rational;

namespace {

std::string millions(const rational& euros)
{
    return fmt::format("{} € ({} M€)", euros.to_fixed(2), (euros / rational(1000000)).to_fixed(2));
}

// One evaluated value: the parameter and what the population gets with it.
std::string point_text(const compile::slot& s, const population::solve_point& x, bool reach)
{
    const auto& pop = x.population;
    // The exact value always, and a decimal approximation where it has no short decimal.
    auto shown = text::slot_value(s, x.value);
    std::string exact;
    if (shown.find('/') != std::string::npos) {
        exact = s.type == compile::value_type::rate ? fmt::format(" ≈ {:.4f} %", x.value.to_double() * 100) : fmt::format(" ≈ {:.4f}", x.value.to_double());
    }
    else if (s.type == compile::value_type::euro && !(x.value * rational(100)).is_integer()) {
        shown = x.value.to_string();
        exact = fmt::format(" ≈ {:.6f} €", x.value.to_double());
    }
    std::string out = fmt::format("{}{} : coût {}, {} médecins payés sur {}", shown, exact, millions(pop.euros), pop.paid, pop.physicians);
    if (reach) out += fmt::format(", atteint par {} ({} %)", x.reached, x.share.to_percent());
    return out;
}

}  // namespace

std::string render_solve(const compile::program& p, const population::solve_goal& goal, const population::solve_result& r, const std::string& data_file)
{
    const auto& s = p.slots[goal.slot];
    const bool is_reach = goal.what == population::solve_goal::kind::reach;
    std::string text = fmt::format("Paramètre : {} ({}) ; {} médecins comptés ({})\n", goal.name, p.label, r.physicians, data_file);
    text += is_reach ? fmt::format("Objectif : au moins {} % des médecins\n", goal.amount.to_percent()) : fmt::format("Objectif : budget {}\n", millions(goal.amount));
    if (!r.met) {
        text += fmt::format("Objectif inatteignable dans les valeurs possibles du paramètre. Valeur la plus proche :\n  {}\n", point_text(s, r.answer, is_reach));
    }
    else {
        text += fmt::format("Réponse : {}\n", point_text(s, r.answer, is_reach));
        if (r.how == population::solve_result::method::affine) {
            text += fmt::format("  (le coût est affine en {} : {} € par unité, {} € à 0 ; la réponse l'égale exactement)\n", goal.name, r.slope.to_fixed(2), r.intercept.to_fixed(2));
            if (r.below) text += fmt::format("  valeur ronde en dessous : {}\n", point_text(s, *r.below, false));
            if (r.above) text += fmt::format("  valeur ronde au-dessus : {}\n", point_text(s, *r.above, false));
        }
        else if (r.how == population::solve_result::method::grid) {
            if (r.other_side) text += fmt::format("De l'autre côté de l'objectif, la valeur voisine : {}\n", point_text(s, *r.other_side, is_reach));
            const auto step = s.type == compile::value_type::rate ? r.grid.to_percent() + " %" : r.grid.to_string();
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

}  // namespace donum::render
