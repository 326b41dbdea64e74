#include "interpreter/render/explanation.hpp"

#include <fmt/format.h>

#include "interpreter/render/writers.hpp"
#include "interpreter/text/fr.hpp"

namespace donum::render {

using compile::group_info;
using compile::program;
using eval::gate_term_explanation;
using eval::indicator_outcome;
using eval::value;
using exact::rational;
namespace ast = grammar::ast;

namespace {

// A measured value: exact (up to 6 decimals), or why there is none.
std::string value_text(const value& v)
{
    if (v.overflowed()) return "dépassement";
    if (!v.defined()) return "indéfini";
    return text::localize(v.exact().to_string(6));
}

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
    // Every indicator neutralised: nothing is missing, but nothing is met either.
    if (t.met == 0 && t.missing.empty()) return fmt::format("{} : aucun indicateur atteint (tous neutralisés)", other);
    switch (term.quantifier) {
        case ast::gate_term::kind::all: return fmt::format("{} : {} {}", other, ids(p, t.missing), not_met);
        case ast::gate_term::kind::any: return fmt::format("{} : aucun indicateur atteint", other);
        case ast::gate_term::kind::at_least:
            return fmt::format("{} : {} sur {} requis ({} {})", other, text::plural(t.met, "atteint", "atteints"), t.required, ids(p, t.missing), not_met);
        case ast::gate_term::kind::paid:
            return fmt::format("{} : bloc non payé, {} sur {} requis ({} {})", other, text::plural(t.met, "atteint", "atteints"), t.required, ids(p, t.missing), not_met);
    }
    return other;
}

// The text of a node as written: "rate(dmt_num, dmt_den)".
std::string written(const grammar::source_range& r)
{
    if (r.file == nullptr || r.end.byte <= r.begin.byte) return "?";
    return std::string(std::string_view(r.file->text).substr(r.begin.byte, r.end.byte - r.begin.byte));
}

// The rates and inputs a condition reads, when the measure line does not show them all:
// "    taux : rate(dmt_num, dmt_den) = 10/11 ≈ 90.91 % ; rate(pse_num, pse_den) = 0/0
// (dénominateur nul)" and "    données : segur_lap = oui, sv_current = non".
std::string reads_text(const program& p, const eval::indicator_explanation& ie)
{
    const auto& ind = p.indicators[ie.indicator];
    std::vector<std::string> rates;
    for (const auto& rr : ie.rates) {
        if (ie.numerator && ind.measured_node && rr.node == *ind.measured_node) continue;  // on the measure line
        std::string v = fmt::format("{} = {}/{}", written(p.code[static_cast<std::size_t>(rr.node)].range), value_text(rr.numerator), value_text(rr.denominator));
        if (rr.rate.defined()) v += " " + text::rate_value(rr.rate.exact());
        else if (!rr.rate.overflowed()) v += " (dénominateur nul)";
        rates.push_back(std::move(v));
    }
    // Inputs already shown as the two sides of a rate are not repeated.
    std::vector<bool> in_a_rate(p.inputs.size(), false);
    for (const auto& rr : ie.rates) {
        for (const auto a : p.code[static_cast<std::size_t>(rr.node)].args) {
            const auto& arg = p.code[static_cast<std::size_t>(a)];
            if (arg.op == compile::opcode::input) in_a_rate[static_cast<std::size_t>(arg.index)] = true;
        }
    }
    std::vector<std::string> inputs;
    for (const auto& in : ie.inputs) {
        const auto& info = p.inputs[in.input];
        if (in_a_rate[in.input]) continue;
        // The measure line already gives a lone input compared with the target.
        if (ie.measured && ind.measured == info.name) continue;
        const auto v = info.type == grammar::ast::input_type::boolean && in.v.defined() ? std::string(in.v.is_true() ? "oui" : "non") : value_text(in.v);
        inputs.push_back(fmt::format("{} = {}", info.name, v));
    }
    std::string out;
    if (!rates.empty()) out += fmt::format("    taux : {}\n", fmt::join(rates, " ; "));
    if (!inputs.empty()) out += fmt::format("    données : {}\n", fmt::join(inputs, ", "));
    return out;
}

// What the numerator lacks, named by its input's label when it is one: "58 « Consultations
// avec alimentation du DMP »"; else "58 au numérateur".
std::string missing_text(const program& p, const compile::indicator_info& ind, std::size_t missing)
{
    const auto& rate = p.code[static_cast<std::size_t>(*ind.measured_node)];
    const auto& numerator = p.code[static_cast<std::size_t>(rate.args.at(0))];
    if (numerator.op == compile::opcode::input) return fmt::format("{} « {} »", missing, p.inputs[static_cast<std::size_t>(numerator.index)].label);
    return fmt::format("{} au numérateur", missing);
}

// The levels a graded indicator reached, or how much of its points a prorated one earns:
// one line under the indicator, empty for the others.
std::string computed_payment(const program& p, const eval::indicator_explanation& ie, bool open)
{
    const auto& ind = p.indicators[ie.indicator];
    const auto& format = p.slots[ind.target_slot.value_or(0)];
    // Rates as percentages with two decimals (the exact measure is on the line above).
    const bool rate = ind.target_slot && format.type == compile::value_type::rate;
    auto shown = [&](const value& v) {
        if (!v.defined()) return value_text(v);
        return rate ? text::localize(v.exact().to_percent(2)) + " %" : text::localize(v.exact().to_string(6));
    };
    if (!ie.levels.empty()) {
        std::vector<std::string> parts;
        for (const auto& level : ie.levels) {
            const char* reached = !level.reached.defined() ? "indéfini" : level.reached.is_true() ? "atteint" : "non atteint";
            parts.push_back(fmt::format("{} {} ({}) {}", comparison_text(ind.measured_comparison()), shown(level.threshold), text::points(level.points), reached));
        }
        return fmt::format("    paliers : {} ; payé au plus haut palier atteint\n", fmt::join(parts, " ; "));
    }
    if (!ind.prorated || !open || ie.result.outcome != indicator_outcome::not_met || !ie.fraction || !ie.points_of_year) return {};
    const auto& pr = *ind.prorated;
    if (!ie.measured || !ie.measured->defined()) return "    au prorata : mesure indéfinie, rien au prorata\n";
    if (!ie.start->defined()) return fmt::format("    au prorata : départ {} indéfini, rien au prorata\n", pr.start_text);
    if (ie.floor && ie.floor->defined() && eval::compare(*ie.measured, *ie.floor) < 0) {
        return fmt::format("    au prorata : sous le plancher de {}, rien au prorata\n", shown(*ie.floor));
    }
    const auto start = pr.start_text == "0" ? shown(*ie.start) : fmt::format("{} = {}", pr.start_text, shown(*ie.start));
    if (!ie.target || !ie.fraction->defined() || ie.fraction->exact() == rational(0)) {
        return fmt::format("    au prorata depuis {} : aucun progrès vers la cible, rien au prorata\n", start);
    }
    return fmt::format("    au prorata depuis {} : ({} − {}) / ({} − {}) {} des {} points\n", start, shown(*ie.measured), shown(*ie.start), shown(value::of(*ie.target)),
                       shown(*ie.start), text::rate_value(ie.fraction->exact()), text::number(*ie.points_of_year));
}

}  // namespace

std::string render_explanation(const program& p, const eval::explanation& e)
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
            const auto block = ge.block_points ? text::number(*ge.block_points) : std::string("?");
            if (ge.block_paid) out += fmt::format("  bloc de {} points ({}) : payé\n", block, condition);
            else if (!ge.open) out += fmt::format("  bloc de {} points ({}) : non payé, groupe fermé\n", block, condition);
            else {
                const auto neutralised = ge.neutralised == 0 ? std::string() : fmt::format(" (+ {})", text::plural(ge.neutralised, "neutralisé", "neutralisés"));
                out += fmt::format("  bloc de {} points ({}) : non payé, {}{} sur {}\n", block, condition, text::plural(ge.met, "atteint", "atteints"), neutralised, g.block_all ? g.indicators.size() : g.block_k);
            }
        }
        for (const auto i : g.indicators) {
            const auto& ie = e.indicators[i];
            const auto& ind = p.indicators[i];
            std::string measure;
            // A long formula (a mean of rates) is in the rule file and on `check --summary`;
            // here its value and, on the next lines, what it read.
            const std::string measured_name = display_width(ind.measured) > 60 ? std::string("mesure") : ind.measured;
            if (ie.numerator && ie.denominator && ie.measured) {
                measure = fmt::format("{} = {}/{}", measured_name, value_text(*ie.numerator), value_text(*ie.denominator));
                if (ie.measured->defined()) measure += fmt::format(" {}", text::rate_value(ie.measured->exact()));
                else if (!ie.measured->defined() && !ie.measured->overflowed()) measure += " (dénominateur nul)";
            }
            else if (ie.measured && ie.measured->defined() && ind.target_slot && p.slots[*ind.target_slot].type == compile::value_type::rate) {
                // A rate computed otherwise than by one rate(n, d): a mean of rates, a ratio.
                measure = fmt::format("{} {}", measured_name, text::rate_value(ie.measured->exact()));
            }
            else if (ie.measured) {
                measure = fmt::format("{} = {}", measured_name, value_text(*ie.measured));
            }
            else {
                measure = fmt::format("{} : {}", measured_name, ie.condition.defined() ? (ie.condition.is_true() ? "oui" : "non") : "indéfini");
            }
            std::string target;
            if (ie.target && ind.target_slot) {
                target = fmt::format(", cible {} {}", comparison_text(ind.measured_comparison()), text::slot_value(p.slots[*ind.target_slot], ie.target));
            }
            std::string outcome = text::outcome(ie.result.outcome);
            if (ie.result.undefined) outcome += " (indéfini : règle zero_denominator)";
            std::string points;
            if (ie.points_of_year) {
                points = ie.points_paid == rational(0) && ie.result.outcome == indicator_outcome::met ? fmt::format(" ; 0 point sur {} (groupe fermé)", text::number(*ie.points_of_year))
                                                                                                      : fmt::format(" ; {}", text::points(ie.points_paid));
            }
            out += fmt::format("  {} ({}) : {}{} : {}{}\n", ind.id, ind.label, measure, target, outcome, points);
            out += reads_text(p, ie);
            out += computed_payment(p, ie, ge.open);
            if (ie.gap) {
                const auto target_text = text::slot_value(p.slots[*ind.target_slot], ie.target);
                const char* verb = ind.measured_comparison() == compile::comparison::gt ? "dépasser" : "atteindre";
                if (ie.gap->reachable) {
                    out += fmt::format("    il manque {} pour {} {} ({}/{})\n", missing_text(p, ind, static_cast<std::size_t>(ie.gap->missing)), verb, target_text, ie.gap->needed, value_text(*ie.denominator));
                }
                else {
                    out += fmt::format("    impossible de {} {} sans changer le dénominateur\n", verb, target_text);
                }
            }
        }
        if (ge.cap && ge.uncapped > *ge.cap) out += fmt::format("  total du groupe : {} (plafond ; {} sans plafond)\n", text::points(ge.points), text::points(ge.uncapped));
        else out += fmt::format("  total du groupe : {}\n", text::points(ge.points));
    }
    const auto capped = e.cap && e.uncapped > *e.cap ? fmt::format(" (plafond de la convention ; {} sans plafond)", text::points(e.uncapped)) : std::string();
    out += fmt::format("\nTotal : {}{} × {} = {}\n", text::points(e.points), capped, text::euros(e.point_value), text::euros(e.euros));
    return out;
}

document explanation_document(const program& p, std::string_view id, std::string_view data_file, const std::vector<eval::explanation>& years)
{
    document d;
    d.title = fmt::format("Médecin {} : {}", id, p.label);
    d.facts = {{"Médecin", std::string(id)}, {"Convention", fmt::format("{} ({})", p.label, p.id)}, {"Données", std::string(data_file)}};
    table indicators{"indicators",
                     "Indicateurs",
                     {{"year", "année"}, {"group", "groupe"}, {"indicator", "indicateur"}, {"label", "libellé"}, {"numerator", "numérateur"}, {"denominator", "dénominateur"}, {"measure", "mesure"}, {"comparator", "comparateur"},
                      {"target", "cible"}, {"outcome", "résultat"}, {"points", "points payés"}, {"missing_acts", "actes manquants"}},
                     {},
                     {}};
    table groups{"groups", "Groupes", {{"year", "année"}, {"group", "groupe"}, {"label", "libellé"}, {"open", "accès"}, {"why", "raison"}, {"block_paid", "bloc payé"}, {"points", "points payés"}}, {}, {}};
    table totals{"total", "Total", {{"year", "année"}, {"points", "points"}, {"point_value", "valeur du point"}, {"euros", "montant"}}, {}, {}};
    // A measured value as a cell: a number (a rate in the target's style), or why there is none.
    auto measured = [](const std::optional<value>& v, number_style style) {
        if (!v) return cell{};
        if (!v->defined()) return cell::of_text(value_text(*v));
        return cell::of_number(v->exact(), style);
    };
    for (const auto& e : years) {
        const auto year = cell::of_number(e.year, number_style::year);
        for (const auto& ge : e.groups) {
            const auto& g = p.groups[ge.group];
            std::vector<std::string> failures;
            for (const auto& t : ge.terms) {
                if (!t.holds) failures.push_back(term_failure(p, g, t));
            }
            groups.add({year, cell::of_text(g.id), cell::of_text(g.label), cell::of_text(ge.open ? "ouvert" : "fermé"), cell::of_text(fmt::format("{}", fmt::join(failures, " ; "))),
                        ge.block ? cell::of_text(ge.block_paid ? "oui" : "non") : cell::of_text("-"), cell::of_number(ge.points, number_style::decimal)});
        }
        for (const auto& ie : e.indicators) {
            const auto& ind = p.indicators[ie.indicator];
            const auto target_style = ind.target_slot && p.slots[*ind.target_slot].type == compile::value_type::rate ? number_style::rate : number_style::decimal;
            std::string outcome = text::outcome(ie.result.outcome);
            if (ie.result.undefined) outcome += " (indéfini : règle zero_denominator)";
            cell missing;
            if (ie.gap) missing = ie.gap->reachable ? cell::of_count(static_cast<std::size_t>(ie.gap->missing)) : cell::of_text("inatteignable");
            indicators.add({year, cell::of_text(p.groups[ind.group].id), cell::of_text(ind.id), cell::of_text(ind.label), measured(ie.numerator, number_style::count), measured(ie.denominator, number_style::count),
                            measured(ie.measured, target_style), cell::of_text(ie.target ? std::string(comparison_text(ind.measured_comparison())) : std::string()),
                            ie.target ? cell::of_number(*ie.target, target_style) : cell{}, cell::of_text(outcome), cell::of_number(ie.points_paid, number_style::decimal), missing});
        }
        totals.add({year, cell::of_number(e.points, number_style::decimal), cell::of_number(e.point_value, number_style::euros), cell::of_number(e.euros.rounded(2), number_style::euros)});
    }
    indicators.notes = {"Actes manquants : actes dématérialisés de plus qu'il faudrait, dénominateur inchangé, pour atteindre une cible de taux non atteinte."};
    d.tables = {std::move(indicators), std::move(groups), std::move(totals)};
    return d;
}

}  // namespace donum::render
