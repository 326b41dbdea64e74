#include "interpreter/eval/explain.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "interpreter/compile/summary.hpp"

namespace donum::eval {

using compile::display_value;
using compile::group_info;
namespace ast = grammar::ast;

const char* outcome_name(indicator_outcome o)
{
    switch (o) {
        case indicator_outcome::met: return "atteint";
        case indicator_outcome::not_met: return "non atteint";
        case indicator_outcome::neutralised: return "neutralisé";
    }
    return "?";
}

explanation explain(const evaluator& ev, std::span<const std::int64_t> inputs)
{
    return explain(ev, ev.evaluate(inputs));
}

explanation explain(const evaluator& ev, const result& r)
{
    const auto& p = ev.rules();
    const auto& plan = ev.payment();
    explanation e;
    e.year = ev.year();
    e.point_value = plan.point_value();
    e.points = r.points;
    e.euros = r.euros;

    for (std::size_t k = 0; k < p.indicators.size(); ++k) {
        const auto& ind = p.indicators[k];
        indicator_explanation ie;
        ie.indicator = k;
        ie.result = r.indicators[k];
        ie.condition = r.values[static_cast<std::size_t>(ind.condition)];
        if (ind.target_slot) ie.target = ev.slot_value(*ind.target_slot);
        ie.points_of_year = plan.indicator_points(k);
        const auto g = ind.group;
        if (ie.result.outcome == indicator_outcome::met && r.group_open[g] && !p.groups[g].block_slot && ie.points_of_year) {
            ie.points_paid = *ie.points_of_year;
        }
        if (ind.measured_node) {
            const auto m = static_cast<std::size_t>(*ind.measured_node);
            ie.measured = r.values[m];
            const auto& mn = p.code[m];
            if (mn.op == opcode::rate) {
                ie.numerator = r.values[static_cast<std::size_t>(mn.args[0])];
                ie.denominator = r.values[static_cast<std::size_t>(mn.args[1])];
            }
        }

        // The gap only means something when the condition is exactly `rate >= target` (or
        // `>`): then raising the numerator alone, denominator fixed, is what meets it.
        const auto& cond = p.code[static_cast<std::size_t>(ind.condition)];
        const bool comparison = cond.op == opcode::gt || cond.op == opcode::ge || cond.op == opcode::lt || cond.op == opcode::le;
        const bool rate_vs_target = comparison && ind.measured_node && ie.numerator && ie.target &&
                                    std::find(cond.args.begin(), cond.args.end(), *ind.measured_node) != cond.args.end() &&
                                    std::any_of(cond.args.begin(), cond.args.end(), [&](node_id a) { return p.code[static_cast<std::size_t>(a)].op == opcode::slot; });
        const bool strict = ind.measured_comparison() == compile::comparison::gt;
        if (rate_vs_target && (strict || ind.measured_comparison() == compile::comparison::ge) && ie.result.outcome == indicator_outcome::not_met && !ie.result.undefined &&
            ie.numerator->defined() && ie.denominator->defined() && ie.numerator->den == 1 && ie.denominator->den == 1 && ie.denominator->num > 0) {
            using exact::i128;
            const i128 num = ie.numerator->num;
            const i128 den = ie.denominator->num;
            const i128 tnum = ie.target->num();
            const i128 tden = ie.target->den();
            // >=: smallest n' with n' * tden >= tnum * den; >: smallest with n' * tden > tnum * den.
            const i128 needed = strict ? exact::floor_div(tnum * den, tden) + 1 : exact::ceil_div(tnum * den, tden);
            numerator_gap gap;
            if (needed <= den) {
                gap.reachable = true;
                gap.needed = static_cast<std::int64_t>(needed);
                gap.missing = static_cast<std::int64_t>(needed - num);
            }
            ie.gap = gap;
        }
        e.indicators.push_back(std::move(ie));
    }

    for (std::size_t g = 0; g < p.groups.size(); ++g) {
        const auto& gi = p.groups[g];
        group_explanation ge;
        ge.group = g;
        ge.open = r.group_open[g];
        ge.met = r.group_met[g];
        ge.neutralised = r.group_neutralised[g];
        ge.points = r.group_points[g];
        for (std::size_t t = 0; t < gi.gate.size(); ++t) {
            const auto& term = gi.gate[t];
            const auto other = term.group;
            gate_term_explanation te;
            te.term = t;
            te.group_open = r.group_open[other];
            te.met = r.group_met[other];
            te.required = term_required(p, term, r);
            te.holds = term_holds(p, term, r);
            for (const auto i : p.groups[other].indicators) {
                if (r.indicators[i].outcome == indicator_outcome::not_met) te.missing.push_back(i);
            }
            ge.terms.push_back(std::move(te));
        }
        if (gi.block_slot) {
            ge.block = true;
            ge.block_points = plan.block_points(g);
            ge.block_paid = block_paid(p, g, r);
        }
        e.groups.push_back(std::move(ge));
    }
    return e;
}

// -- rendering ----------------------------------------------------------------------------------

namespace {

// "= 25 %" when exact with two decimals at most, else "≈ 66.67 %".
std::string percent_text(const rational& r)
{
    const auto exact = (r * rational(100)).to_string(2);
    if (exact.find('/') == std::string::npos) return "= " + exact + " %";
    return "≈ " + r.to_percent(2) + " %";
}

// French writes "0 point", "1 point", "1,5 point", "2 points".
std::string points_text(const rational& r) { return r.to_string() + (r < rational(2) ? " point" : " points"); }

std::string value_text(const value& v)
{
    if (v.overflowed()) return "dépassement";
    if (!v.defined()) return "indéfini";
    return v.exact().to_string(6);
}

std::string plural(std::size_t n, const char* one, const char* many) { return fmt::format("{} {}", n, n == 1 ? one : many); }

std::string ids(const program& p, const std::vector<std::size_t>& indicators)
{
    std::vector<std::string> out;
    for (const auto i : indicators) out.push_back(p.indicators[i].id);
    return fmt::format("{}", fmt::join(out, ", "));
}

// Why a gate term fails, in a few words: "volet1 : teletransmission non atteint".
std::string term_failure(const program& p, const group_info& g, const gate_term_explanation& t)
{
    const auto& term = g.gate[t.term];
    const auto& other = p.groups[term.group].id;
    if (!t.group_open) return fmt::format("{} fermé", other);
    const char* not_met = t.missing.size() == 1 ? "non atteint" : "non atteints";
    switch (term.quantifier) {
        case ast::gate_term::kind::all: return fmt::format("{} : {} {}", other, ids(p, t.missing), not_met);
        case ast::gate_term::kind::any: return fmt::format("{} : aucun indicateur atteint", other);
        case ast::gate_term::kind::at_least:
            return fmt::format("{} : {} sur {} requis ({} {})", other, plural(t.met, "atteint", "atteints"), t.required, ids(p, t.missing), not_met);
    }
    return other;
}

}  // namespace

std::string render_explanation(const program& p, const explanation& e)
{
    std::string out = fmt::format("{} ({}), année {}\n", p.label, p.id, e.year);
    for (const auto& ge : e.groups) {
        const auto& g = p.groups[ge.group];
        std::vector<std::string> failures;
        for (const auto& t : ge.terms) {
            if (!t.holds) failures.push_back(term_failure(p, g, t));
        }
        out += fmt::format("\n{} [{}] : {}", g.label, g.id, ge.open ? "ouvert" : "fermé");
        if (!failures.empty()) out += fmt::format(" ({})", fmt::join(failures, " ; "));
        out += '\n';
        if (ge.block) {
            const auto condition = g.block_all ? std::string("tous les indicateurs atteints") : fmt::format("au moins {} indicateurs atteints", g.block_k);
            const auto block = ge.block_points ? ge.block_points->to_string() : std::string("?");
            if (ge.block_paid) out += fmt::format("  bloc de {} points ({}) : payé\n", block, condition);
            else if (!ge.open) out += fmt::format("  bloc de {} points ({}) : non payé, groupe fermé\n", block, condition);
            else out += fmt::format("  bloc de {} points ({}) : non payé, {} sur {}\n", block, condition, plural(ge.met, "atteint", "atteints"), g.block_all ? g.indicators.size() - ge.neutralised : g.block_k);
        }
        for (const auto i : g.indicators) {
            const auto& ie = e.indicators[i];
            const auto& ind = p.indicators[i];
            std::string measure;
            if (ie.numerator && ie.denominator && ie.measured) {
                measure = fmt::format("{} = {}/{}", ind.measured, value_text(*ie.numerator), value_text(*ie.denominator));
                if (ie.measured->defined()) measure += fmt::format(" {}", percent_text(ie.measured->exact()));
                else if (!ie.measured->defined() && !ie.measured->overflowed()) measure += " (dénominateur nul)";
            }
            else if (ie.measured && ie.measured->defined() && ind.target_slot && p.slots[*ind.target_slot].type == compile::value_type::rate) {
                // A rate computed otherwise than by one rate(n, d): a mean of rates, a ratio.
                measure = fmt::format("{} {}", ind.measured, percent_text(ie.measured->exact()));
            }
            else if (ie.measured) {
                measure = fmt::format("{} = {}", ind.measured, value_text(*ie.measured));
            }
            else {
                measure = fmt::format("{} : {}", ind.measured, ie.condition.defined() ? (ie.condition.is_true() ? "oui" : "non") : "indéfini");
            }
            std::string target;
            if (ie.target && ind.target_slot) {
                target = fmt::format(", cible {} {}", comparison_text(ind.measured_comparison()), display_value(p.slots[*ind.target_slot], ie.target));
            }
            std::string outcome = outcome_name(ie.result.outcome);
            if (ie.result.undefined) outcome += " (indéfini : règle zero_denominator)";
            std::string points;
            if (ie.points_of_year) {
                points = ie.points_paid == rational(0) && ie.result.outcome == indicator_outcome::met ? fmt::format(" ; 0 point sur {} (groupe fermé)", ie.points_of_year->to_string())
                                                                                                      : fmt::format(" ; {}", points_text(ie.points_paid));
            }
            out += fmt::format("  {} ({}) : {}{} : {}{}\n", ind.id, ind.label, measure, target, outcome, points);
            if (ie.gap) {
                const auto target_text = display_value(p.slots[*ind.target_slot], ie.target);
                const char* verb = ind.measured_comparison() == compile::comparison::gt ? "dépasser" : "atteindre";
                if (ie.gap->reachable) {
                    out += fmt::format("    il manque {} pour {} {} ({}/{})\n", plural(static_cast<std::size_t>(ie.gap->missing), "acte dématérialisé", "actes dématérialisés"), verb, target_text, ie.gap->needed,
                                       value_text(*ie.denominator));
                }
                else {
                    out += fmt::format("    impossible de {} {} sans changer le dénominateur\n", verb, target_text);
                }
            }
        }
        out += fmt::format("  total du groupe : {}\n", points_text(ge.points));
    }
    out += fmt::format("\nTotal : {} × {} € = {} €\n", points_text(e.points), e.point_value.to_fixed(2), e.euros.to_fixed(2));
    return out;
}

}  // namespace donum::eval
