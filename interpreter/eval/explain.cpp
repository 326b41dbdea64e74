#include "interpreter/eval/explain.hpp"

#include <algorithm>

namespace donum::eval {

namespace {

// The rates and inputs the code under `root` reads, through definitions too, each once, in
// the order of a depth-first walk (an explicit stack: conditions may be deep).
void reads_of(const program& p, compile::node_id root, const result& r, indicator_explanation& ie)
{
    std::vector<compile::node_id> stack{root};
    std::vector<bool> seen(p.code.size(), false);
    std::vector<bool> in_rate(p.code.size(), false);
    std::vector<bool> input_seen(p.inputs.size(), false);
    while (!stack.empty()) {
        const auto n = stack.back();
        stack.pop_back();
        const auto i = static_cast<std::size_t>(n);
        if (seen[i]) continue;
        seen[i] = true;
        const auto& node = p.code[i];
        if (node.op == opcode::rate) {
            ie.rates.push_back({n, r.values[static_cast<std::size_t>(node.args[0])], r.values[static_cast<std::size_t>(node.args[1])], r.values[i]});
            for (const auto a : node.args) in_rate[static_cast<std::size_t>(a)] = true;
        }
        else if (node.op == opcode::input && !in_rate[i] && !input_seen[static_cast<std::size_t>(node.index)]) {
            input_seen[static_cast<std::size_t>(node.index)] = true;
            ie.inputs.push_back({static_cast<std::size_t>(node.index), r.values[i]});
        }
        else if (node.op == opcode::define) {
            stack.push_back(p.defines[static_cast<std::size_t>(node.index)].root);
        }
        // Arguments pushed last first, so that they are walked in the order written.
        for (auto a = node.args.rbegin(); a != node.args.rend(); ++a) stack.push_back(*a);
    }
}

}  // namespace

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
        if (r.group_open[g] && !p.groups[g].block_slot) ie.points_paid = indicator_paid(p, plan, k, r);
        if (ind.measured_node) {
            const auto m = static_cast<std::size_t>(*ind.measured_node);
            ie.measured = r.values[m];
            const auto& mn = p.code[m];
            if (mn.op == opcode::rate) {
                ie.numerator = r.values[static_cast<std::size_t>(mn.args[0])];
                ie.denominator = r.values[static_cast<std::size_t>(mn.args[1])];
            }
        }

        reads_of(p, ind.condition, r, ie);
        auto at = [&](node_id n) { return r.values[static_cast<std::size_t>(n)]; };
        for (const auto& level : ind.levels) ie.levels.push_back({at(level.threshold), at(level.reached), ev.slot_value(level.points_slot)});
        if (ind.prorated) {
            ie.start = at(ind.prorated->start);
            if (ind.prorated->floor) ie.floor = at(*ind.prorated->floor);
            ie.fraction = at(ind.prorated->fraction);
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
        ge.cap = plan.group_cap(g);
        ge.uncapped = group_uncapped(p, plan, g, r);
        for (std::size_t t = 0; t < gi.gate.size(); ++t) {
            const auto& term = gi.gate[t];
            const auto other = term.group;
            gate_term_explanation te;
            te.term = t;
            te.group_open = r.group_open[other];
            te.met = r.group_met[other];
            te.required = term_required(p, term);
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
    e.cap = plan.cap();
    for (const auto& ge : e.groups) e.uncapped = e.uncapped + ge.points;
    return e;
}

}  // namespace donum::eval
