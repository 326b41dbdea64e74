#include "interpreter/render/explanation.hpp"

#include <fmt/format.h>

#include "interpreter/messages/messages.hpp"
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
    if (v.overflowed()) return messages::tr("overflow");
    if (!v.defined()) return messages::tr("undefined");
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
    if (!t.group_open) return messages::trf("{} closed", other);
    const char* not_met = messages::tr(t.missing.size() == 1 ? messages::N_("not met") : messages::N_("are not met"));
    // Every indicator neutralised: nothing is missing, but nothing is met either.
    if (t.met == 0 && t.missing.empty()) return messages::trf("{}: no indicator met (all neutralised)", other);
    switch (term.quantifier) {
        case ast::gate_term::kind::all: return messages::trf("{}: {} {}", other, ids(p, t.missing), not_met);
        case ast::gate_term::kind::any: return messages::trf("{}: no indicator met", other);
        case ast::gate_term::kind::at_least:
            return messages::trf("{}: {} of {} required ({} {})", other, text::plural(t.met, messages::tr("met"), messages::tr("indicators met")), t.required, ids(p, t.missing), not_met);
        case ast::gate_term::kind::paid:
            return messages::trf("{}: block not paid, {} of {} required ({} {})", other, text::plural(t.met, messages::tr("met"), messages::tr("indicators met")), t.required, ids(p, t.missing), not_met);
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
        else if (!rr.rate.overflowed()) v += messages::tr(" (zero denominator)");
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
        const auto v = info.type == grammar::ast::input_type::boolean && in.v.defined() ? std::string(in.v.is_true() ? messages::tr("yes") : messages::tr("no")) : value_text(in.v);
        inputs.push_back(fmt::format("{} = {}", info.name, v));
    }
    std::string out;
    if (!rates.empty()) out += messages::trf("    rates: {}\n", fmt::join(rates, " ; "));
    if (!inputs.empty()) out += messages::trf("    data: {}\n", fmt::join(inputs, ", "));
    return out;
}

// What the numerator lacks, named by its input's label when it is one: "58 « Consultations
// avec alimentation du DMP »"; else "58 au numérateur".
std::string missing_text(const program& p, const compile::indicator_info& ind, std::size_t missing)
{
    const auto& rate = p.code[static_cast<std::size_t>(*ind.measured_node)];
    const auto& numerator = p.code[static_cast<std::size_t>(rate.args.at(0))];
    if (numerator.op == compile::opcode::input) return messages::trf("{} “{}”", missing, p.inputs[static_cast<std::size_t>(numerator.index)].label);
    return messages::trf("{} in the numerator", missing);
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
            const char* reached = !level.reached.defined() ? messages::tr("undefined") : level.reached.is_true() ? messages::tr("met") : messages::tr("not met");
            parts.push_back(fmt::format("{} {} ({}) {}", comparison_text(ind.measured_comparison()), shown(level.threshold), text::points(level.points), reached));
        }
        return messages::trf("    levels: {}; paid at the highest level met\n", fmt::join(parts, " ; "));
    }
    if (!ind.prorated || !open || ie.result.outcome != indicator_outcome::not_met || !ie.fraction || !ie.points_of_year) return {};
    const auto& pr = *ind.prorated;
    if (!ie.measured || !ie.measured->defined()) return messages::tr("    prorated: measure undefined, nothing prorated\n");
    if (!ie.start->defined()) return messages::trf("    prorated: start {} undefined, nothing prorated\n", pr.start_text);
    if (ie.floor && ie.floor->defined() && eval::compare(*ie.measured, *ie.floor) < 0) {
        return messages::trf("    prorated: below the floor of {}, nothing prorated\n", shown(*ie.floor));
    }
    const auto start = pr.start_text == "0" ? shown(*ie.start) : fmt::format("{} = {}", pr.start_text, shown(*ie.start));
    if (!ie.target || !ie.fraction->defined() || ie.fraction->exact() == rational(0)) {
        return messages::trf("    prorated from {}: no progress towards the target, nothing prorated\n", start);
    }
    return messages::trf("    prorated from {}: ({} − {}) / ({} − {}) {} of the {} points\n", start, shown(*ie.measured), shown(*ie.start), shown(value::of(*ie.target)),
                       shown(*ie.start), text::rate_value(ie.fraction->exact()), text::number(*ie.points_of_year));
}

}  // namespace

std::string render_explanation(const program& p, const eval::explanation& e)
{
    std::string out = messages::trf("{} ({}), year {}\n", p.label, p.id, e.year);
    for (const auto& ge : e.groups) {
        const auto& g = p.groups[ge.group];
        std::vector<std::string> failures;
        for (const auto& t : ge.terms) {
            if (!t.holds) failures.push_back(term_failure(p, g, t));
        }
        out += messages::trf("\n{} [{}]: {}", g.label, g.id, ge.open ? messages::tr("open") : messages::tr("closed"));
        if (!failures.empty()) out += fmt::format(" ({})", fmt::join(failures, " ; "));
        out += '\n';
        if (ge.block) {
            const auto condition = g.block_all ? std::string(messages::tr("all indicators met")) : messages::trf("at least {} indicators met", g.block_k);
            const auto block = ge.block_points ? text::number(*ge.block_points) : std::string("?");
            if (ge.block_paid) out += messages::trf("  block of {} points ({}): paid\n", block, condition);
            else if (!ge.open) out += messages::trf("  block of {} points ({}): not paid, group closed\n", block, condition);
            else {
                const auto neutralised = ge.neutralised == 0 ? std::string() : fmt::format(" (+ {})", text::plural(ge.neutralised, messages::tr("neutralised"), messages::tr("indicators neutralised")));
                out += messages::trf("  block of {} points ({}): not paid, {}{} of {}\n", block, condition, text::plural(ge.met, messages::tr("met"), messages::tr("indicators met")), neutralised, g.block_all ? g.indicators.size() : g.block_k);
            }
        }
        for (const auto i : g.indicators) {
            const auto& ie = e.indicators[i];
            const auto& ind = p.indicators[i];
            std::string measure;
            // A long formula (a mean of rates) is in the rule file and on `check --summary`;
            // here its value and, on the next lines, what it read.
            const std::string measured_name = display_width(ind.measured) > 60 ? std::string(messages::tr("measure")) : ind.measured;
            if (ie.numerator && ie.denominator && ie.measured) {
                measure = fmt::format("{} = {}/{}", measured_name, value_text(*ie.numerator), value_text(*ie.denominator));
                if (ie.measured->defined()) measure += fmt::format(" {}", text::rate_value(ie.measured->exact()));
                else if (!ie.measured->defined() && !ie.measured->overflowed()) measure += messages::tr(" (zero denominator)");
            }
            else if (ie.measured && ie.measured->defined() && ind.target_slot && p.slots[*ind.target_slot].type == compile::value_type::rate) {
                // A rate computed otherwise than by one rate(n, d): a mean of rates, a ratio.
                measure = fmt::format("{} {}", measured_name, text::rate_value(ie.measured->exact()));
            }
            else if (ie.measured) {
                measure = fmt::format("{} = {}", measured_name, value_text(*ie.measured));
            }
            else {
                measure = messages::trf("{}: {}", measured_name, ie.condition.defined() ? (ie.condition.is_true() ? messages::tr("yes") : messages::tr("no")) : messages::tr("undefined"));
            }
            std::string target;
            if (ie.target && ind.target_slot) {
                target = messages::trf(", target {} {}", comparison_text(ind.measured_comparison()), text::slot_value(p.slots[*ind.target_slot], ie.target));
            }
            std::string outcome = text::outcome(ie.result.outcome);
            if (ie.result.undefined) outcome += messages::tr(" (undefined: zero_denominator rule)");
            std::string points;
            if (ie.points_of_year) {
                points = ie.points_paid == rational(0) && ie.result.outcome == indicator_outcome::met ? messages::trf("; 0 points of {} (group closed)", text::number(*ie.points_of_year))
                                                                                                      : messages::trf("; {}", text::points(ie.points_paid));
            }
            out += messages::trf("  {} ({}): {}{}: {}{}\n", ind.id, ind.label, measure, target, outcome, points);
            out += reads_text(p, ie);
            out += computed_payment(p, ie, ge.open);
            if (ie.gap) {
                const auto target_text = text::slot_value(p.slots[*ind.target_slot], ie.target);
                const char* verb = ind.measured_comparison() == compile::comparison::gt ? messages::tr("exceed") : messages::tr("reach");
                if (ie.gap->reachable) {
                    out += messages::trf("    {} missing to {} {} ({}/{})\n", missing_text(p, ind, static_cast<std::size_t>(ie.gap->missing)), verb, target_text, ie.gap->needed, value_text(*ie.denominator));
                }
                else {
                    out += messages::trf("    cannot {} {} without changing the denominator\n", verb, target_text);
                }
            }
        }
        if (ge.cap && ge.uncapped > *ge.cap) out += messages::trf("  group total: {} (cap; {} without the cap)\n", text::points(ge.points), text::points(ge.uncapped));
        else out += messages::trf("  group total: {}\n", text::points(ge.points));
    }
    const auto capped = e.cap && e.uncapped > *e.cap ? messages::trf(" (convention's cap; {} without the cap)", text::points(e.uncapped)) : std::string();
    out += messages::trf("\nTotal: {}{} × {} = {}\n", text::points(e.points), capped, text::euros(e.point_value), text::euros(e.euros));
    return out;
}

document explanation_document(const program& p, std::string_view id, std::string_view data_file, const std::vector<eval::explanation>& years)
{
    document d;
    d.title = messages::trf("Physician {}: {}", id, p.label);
    d.facts = {{messages::tr("Physician"), std::string(id)}, {"Convention", fmt::format("{} ({})", p.label, p.id)}, {messages::tr("Data"), std::string(data_file)}};
    table indicators{"indicators",
                     messages::tr("Indicators"),
                     {{"year", messages::tr("year")}, {"group", messages::tr("group")}, {"indicator", messages::tr("indicator")}, {"label", messages::tr("label")}, {"numerator", messages::tr("numerator")}, {"denominator", messages::tr("denominator")}, {"measure", "mesure"}, {"comparator", messages::tr("comparator")},
                      {"target", messages::tr("target")}, {"outcome", messages::tr("outcome")}, {"points", messages::tr("points paid")}, {"missing_acts", messages::tr("missing acts")}},
                     {},
                     {}};
    table groups{"groups", messages::tr("Groups"), {{"year", messages::tr("year")}, {"group", messages::tr("group")}, {"label", messages::tr("label")}, {"open", messages::tr("access")}, {"why", messages::tr("reason")}, {"block_paid", messages::tr("block paid")}, {"points", messages::tr("points paid")}}, {}, {}};
    table totals{"total", "Total", {{"year", messages::tr("year")}, {"points", "points"}, {"point_value", messages::tr("point value")}, {"euros", messages::tr("amount")}}, {}, {}};
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
            groups.add({year, cell::of_text(g.id), cell::of_text(g.label), cell::of_text(ge.open ? messages::tr("open") : messages::tr("closed")), cell::of_text(fmt::format("{}", fmt::join(failures, " ; "))),
                        ge.block ? cell::of_text(ge.block_paid ? messages::tr("yes") : messages::tr("no")) : cell::of_text("-"), cell::of_number(ge.points, number_style::decimal)});
        }
        for (const auto& ie : e.indicators) {
            const auto& ind = p.indicators[ie.indicator];
            const auto target_style = ind.target_slot && p.slots[*ind.target_slot].type == compile::value_type::rate ? number_style::rate : number_style::decimal;
            std::string outcome = text::outcome(ie.result.outcome);
            if (ie.result.undefined) outcome += messages::tr(" (undefined: zero_denominator rule)");
            cell missing;
            if (ie.gap) missing = ie.gap->reachable ? cell::of_count(static_cast<std::size_t>(ie.gap->missing)) : cell::of_text(messages::tr("unreachable"));
            indicators.add({year, cell::of_text(p.groups[ind.group].id), cell::of_text(ind.id), cell::of_text(ind.label), measured(ie.numerator, number_style::count), measured(ie.denominator, number_style::count),
                            measured(ie.measured, target_style), cell::of_text(ie.target ? std::string(comparison_text(ind.measured_comparison())) : std::string()),
                            ie.target ? cell::of_number(*ie.target, target_style) : cell{}, cell::of_text(outcome), cell::of_number(ie.points_paid, number_style::decimal), missing});
        }
        totals.add({year, cell::of_number(e.points, number_style::decimal), cell::of_number(e.point_value, number_style::euros), cell::of_number(e.euros.rounded(2), number_style::euros)});
    }
    indicators.notes = {messages::tr("Missing acts: the more paperless acts it would take, denominator unchanged, to reach a rate target not met.")};
    d.tables = {std::move(indicators), std::move(groups), std::move(totals)};
    return d;
}

}  // namespace donum::render
