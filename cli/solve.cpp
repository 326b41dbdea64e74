// `donum solve`: the value of a target, a points value or the point value that meets a
// budget or a reach, exactly on the data.
#include <cstdio>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/exit_codes.hpp"
#include "cli/parameters.hpp"
#include "interpreter/population/sweep.hpp"

namespace donum::cli {

namespace {

using exact::rational;

std::string millions(const rational& euros)
{
    return fmt::format("{} € ({} M€)", euros.to_fixed(2), (euros / rational(1000000)).to_fixed(2));
}

// One evaluated value: the parameter and what the population gets with it.
std::string point_text(const compile::slot& s, const population::solve_point& x, bool reach)
{
    const auto& pop = x.population;
    // The exact value always, and a decimal approximation where it has no short decimal.
    auto shown = show_value(s, x.value);
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

int solve_command::run() const
{
    if (budget.empty() == reach.empty()) {
        std::fprintf(stderr, "donum solve: give either --budget AMOUNT or --reach SHARE\n");
        return usage_error;
    }
    const auto compiled = load_program(rules, rules_opts, false);
    if (!compiled) return rule_error;
    const auto& p = *compiled->checked;
    std::string error;
    const auto param = find_parameter(p, vary, error);
    if (!param) {
        std::fprintf(stderr, "donum solve: --vary %s: %s\n", vary.c_str(), error.c_str());
        return usage_error;
    }
    population::solve_goal goal;
    goal.slot = param->slot;
    goal.year = param->year;
    goal.name = param->name;
    const auto& s = p.slots[param->slot];
    if (!budget.empty()) {
        const auto amount = parse_euros(budget, error);
        if (!amount) {
            std::fprintf(stderr, "donum solve: --budget %s\n", error.c_str());
            return usage_error;
        }
        goal.what = population::solve_goal::kind::budget;
        goal.amount = *amount;
    }
    else {
        const auto share = parse_share(reach, error);
        if (!share) {
            std::fprintf(stderr, "donum solve: --reach %s\n", error.c_str());
            return usage_error;
        }
        goal.what = population::solve_goal::kind::reach;
        goal.amount = *share;
        // Whose reach: --of, or the indicator whose target is varied.
        std::string subject = of;
        if (subject.empty()) {
            for (const auto& i : p.indicators) {
                if (i.target_slot == param->slot) subject = p.groups[i.group].id + "." + i.id;
            }
        }
        bool found = false;
        for (std::size_t i = 0; i < p.indicators.size() && !found; ++i) {
            if (subject == p.indicators[i].id || subject == p.groups[p.indicators[i].group].id + "." + p.indicators[i].id) {
                goal.reach_of = population::solve_goal::subject::indicator;
                goal.reach_index = i;
                found = true;
            }
        }
        for (std::size_t g = 0; g < p.groups.size() && !found; ++g) {
            if (subject == p.groups[g].id) {
                goal.reach_of = population::solve_goal::subject::group;
                goal.reach_index = g;
                found = true;
            }
        }
        if (!found) {
            std::fprintf(stderr, "donum solve: --reach needs --of INDICATOR or GROUP (%s is not a target)\n", param->name.c_str());
            return usage_error;
        }
    }
    const auto loaded = load_data(data, p, year, false);
    if (!loaded) return data_error;
    population::solve_result r;
    const int solved = refuse_on_evaluation_errors([&] {
        try {
            r = population::solve(p, loaded->table, goal);
            return ok;
        }
        catch (const std::invalid_argument& e) {
            std::fprintf(stderr, "donum solve: %s\n", e.what());
            return usage_error;
        }
    });
    if (solved != ok) return solved;
    const bool is_reach = goal.what == population::solve_goal::kind::reach;
    std::string text = fmt::format("Paramètre : {} ({}) ; {} médecins comptés ({})\n", param->name, p.label, r.physicians, data);
    text += is_reach ? fmt::format("Objectif : au moins {} % des médecins\n", goal.amount.to_percent()) : fmt::format("Objectif : budget {}\n", millions(goal.amount));
    if (!r.met) {
        text += fmt::format("Objectif inatteignable dans les valeurs possibles du paramètre. Valeur la plus proche :\n  {}\n", point_text(s, r.answer, is_reach));
    }
    else {
        text += fmt::format("Réponse : {}\n", point_text(s, r.answer, is_reach));
        if (r.how == population::solve_result::method::affine) {
            text += fmt::format("  (le coût est affine en {} : {} € par unité, {} € à 0 ; la réponse l'égale exactement)\n", param->name, r.slope.to_fixed(2), r.intercept.to_fixed(2));
            if (r.below) text += fmt::format("  valeur ronde en dessous : {}\n", point_text(s, *r.below, false));
            if (r.above) text += fmt::format("  valeur ronde au-dessus : {}\n", point_text(s, *r.above, false));
        }
        else {
            if (r.other_side) text += fmt::format("De l'autre côté de l'objectif, la valeur voisine : {}\n", point_text(s, *r.other_side, is_reach));
            if (r.friendly) text += fmt::format("Valeur ronde donnant la même population : {}\n", point_text(s, *r.friendly, is_reach));
            else if (r.rounded) text += fmt::format("Valeur arrondie à 0,01 % qui tient l'objectif : {}\n", point_text(s, *r.rounded, is_reach));
            text += fmt::format("  ({} valeurs où la population change, {} essais, {} passages sur les données)\n", r.candidates, r.probes, r.passes);
        }
    }
    if (!write_output(output, text)) return output_error;
    return ok;
}

}  // namespace donum::cli
