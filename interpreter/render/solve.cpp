#include "interpreter/render/solve.hpp"

#include <fmt/format.h>

#include "interpreter/messages/messages.hpp"
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
    std::string out = messages::trf("{}{}: cost {}, {} physicians paid of {}", shown, exact, millions(pop.euros), text::count(pop.paid), text::count(pop.physicians));
    if (reach) out += messages::trf(", reached by {} ({} %)", text::count(x.reached), text::localize(x.share.to_percent()));
    return out;
}

}  // namespace

std::string render_solve(const compile::program& p, const population::solve_goal& goal, const population::solve_result& r, const std::string& data_file)
{
    const auto& s = p.slots[goal.slot];
    const bool is_reach = goal.what == population::solve_goal::kind::reach;
    std::string text = messages::trf("Parameter: {} ({}); {} physicians counted ({})\n", goal.name, p.label, text::count(r.physicians), data_file);
    text += is_reach ? messages::trf("Goal: at least {} % of physicians\n", text::localize(goal.amount.to_percent())) : messages::trf("Goal: budget {}\n", millions(goal.amount));
    if (!r.met) {
        text += messages::trf("Goal out of reach within the parameter's possible values. Nearest value:\n  {}\n", point_text(s, r.answer, is_reach));
    }
    else {
        text += messages::trf("Answer: {}\n", point_text(s, r.answer, is_reach));
        if (r.how == population::solve_result::method::affine) {
            text += messages::trf("  (the cost is affine in {}: {} per unit, {} at 0; the answer meets it exactly)\n", goal.name, text::euros(r.slope), text::euros(r.intercept));
            if (r.below) text += messages::trf("  round value below: {}\n", point_text(s, *r.below, false));
            if (r.above) text += messages::trf("  round value above: {}\n", point_text(s, *r.above, false));
        }
        else if (r.how == population::solve_result::method::grid) {
            if (r.other_side) text += messages::trf("On the other side of the goal, the neighbouring value: {}\n", point_text(s, *r.other_side, is_reach));
            const auto step = s.type == compile::value_type::rate ? text::localize(r.grid.to_percent()) + " %" : text::number(r.grid);
            text += messages::trf("  (a prorated, levelled or capped payment: best value on a step of {}; {} probes, {} passes over the data)\n", step, r.probes, r.passes);
        }
        else {
            if (r.other_side) text += messages::trf("On the other side of the goal, the neighbouring value: {}\n", point_text(s, *r.other_side, is_reach));
            if (r.friendly) text += messages::trf("Round value giving the same population: {}\n", point_text(s, *r.friendly, is_reach));
            else if (r.rounded) text += messages::trf("Value rounded to 0.01 % that meets the goal: {}\n", point_text(s, *r.rounded, is_reach));
            text += messages::trf("  ({} values where the population changes, {} probes, {} passes over the data)\n", text::count(r.candidates), text::count(r.probes), text::count(r.passes));
        }
    }
    return text;
}

document solve_document(const compile::program& p, const population::solve_goal& goal, const population::solve_result& r, const std::string& data_file)
{
    const auto& s = p.slots[goal.slot];
    const bool is_reach = goal.what == population::solve_goal::kind::reach;
    document d;
    d.title = messages::trf("Value that meets the goal: {}", text::slot_label(p, s));
    d.facts = {{messages::tr("Parameter"), fmt::format("{} ({})", text::slot_label(p, s), goal.name)},
               {"Convention", fmt::format("{} ({})", p.label, p.id)},
               {messages::tr("Data"), messages::trf("{} ({} physicians counted)", data_file, text::count(r.physicians))},
               {messages::tr("Goal"), is_reach ? messages::trf("at least {} % of physicians", text::localize(goal.amount.to_percent())) : messages::trf("budget of {} €", text::localize(goal.amount.to_fixed(2)))},
               {messages::tr("Goal met"), r.met ? messages::tr("yes") : messages::tr("no: nearest value")},
               {messages::tr("Method"), r.how == population::solve_result::method::affine ? messages::tr("cost affine in the value: exact answer")
                           : r.how == population::solve_result::method::grid ? messages::trf("best value on a step of {}", text::localize(r.grid.to_string()))
                                                                               : messages::tr("exact threshold where the population changes")}};
    const auto style = s.type == compile::value_type::rate ? number_style::rate : s.type == compile::value_type::euro ? number_style::euros : number_style::decimal;
    table t{"values", messages::tr("Values evaluated"), {{"role", messages::tr("value")}, {"value", messages::tr("parameter")}, {"exact", messages::tr("exact value")}, {"euros", messages::tr("total cost")}, {"paid", messages::tr("physicians paid")}, {"physicians", messages::tr("physicians counted")}}, {}, {}};
    if (is_reach) {
        t.columns.push_back({"reached", messages::tr("physicians reaching")});
        t.columns.push_back({"share", messages::tr("share reaching")});
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
    add(r.met ? messages::tr("answer") : messages::tr("nearest value"), r.answer);
    if (r.other_side) add(messages::tr("neighbouring value, on the other side of the goal"), *r.other_side);
    if (r.friendly) add(messages::tr("round value giving the same population"), *r.friendly);
    else if (r.rounded) add(messages::tr("value rounded to 0.01 % that meets the goal"), *r.rounded);
    if (r.below) add(messages::tr("round value below"), *r.below);
    if (r.above) add(messages::tr("round value above"), *r.above);
    d.tables.push_back(std::move(t));
    return d;
}

}  // namespace donum::render
