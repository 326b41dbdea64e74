#include "interpreter/eval/conditions.hpp"

namespace donum::eval {

using compile::code_node;
using compile::comparison;
using compile::node_id;
using compile::opcode;
using compile::program;
using exact::rational;

namespace {

// The value of a constant or slot node in the year evaluated, if `n` is one.
std::optional<rational> constant_of(const code_node& n, std::span<const std::optional<rational>> slot_values)
{
    if (n.op == opcode::constant) return n.value;
    if (n.op == opcode::slot && n.index >= 0 && static_cast<std::size_t>(n.index) < slot_values.size()) return slot_values[static_cast<std::size_t>(n.index)];
    return std::nullopt;
}

bool is_input(const code_node& n) { return n.op == opcode::input && n.index >= 0; }

// An input compared by the integer tests of compiled_condition: not a decimal input, whose
// stored value is scaled (exact/fixed.hpp) and is left to the general evaluation.
bool is_whole_input(const program& p, const code_node& n)
{
    return is_input(n) && p.inputs[static_cast<std::size_t>(n.index)].type != grammar::ast::input_type::decimal;
}

// Sets the test of `out` for comparison `op` (see compiled_condition).
void set_test(compiled_condition& out, comparison op)
{
    switch (op) {
        case comparison::ge: break;
        case comparison::gt: out.at_least = 1; break;
        case comparison::lt: out.negated = true; break;
        case comparison::le:
            out.at_least = 1;
            out.negated = true;
            break;
        case comparison::eq: out.equality = true; break;
        case comparison::ne:
            out.equality = true;
            out.negated = true;
            break;
        case comparison::none: break;
    }
}

}  // namespace

compiled_condition compile_condition(const program& p, std::size_t indicator, std::span<const std::optional<rational>> slot_values)
{
    compiled_condition out;
    const auto at = [&](node_id id) -> const code_node& { return p.code[static_cast<std::size_t>(id)]; };
    const auto& c = at(p.indicators[indicator].condition);
    if (is_input(c)) {
        out.what = compiled_condition::shape::boolean;
        out.a = c.index;
        return out;
    }
    const auto op = compile::comparison_of(c.op);
    if (op == comparison::none || c.args.size() != 2) return out;
    // The measured side (an input, or a rate of two inputs) and the constant side, either way.
    for (const bool measured_left : {true, false}) {
        const auto& measured = at(c.args[measured_left ? 0 : 1]);
        const auto constant = constant_of(at(c.args[measured_left ? 1 : 0]), slot_values);
        if (!constant) continue;
        set_test(out, measured_left ? op : compile::mirrored(op));
        out.num = constant->num();
        out.den = constant->den();
        if (is_whole_input(p, measured)) {
            out.what = compiled_condition::shape::input;
            out.a = measured.index;
            return out;
        }
        if (measured.op == opcode::rate && measured.args.size() == 2 && is_whole_input(p, at(measured.args[0])) && is_whole_input(p, at(measured.args[1]))) {
            out.what = compiled_condition::shape::rate;
            out.a = at(measured.args[0]).index;
            out.b = at(measured.args[1]).index;
            out.rate_node = c.args[measured_left ? 0 : 1];
            return out;
        }
        out = compiled_condition{};
    }
    return compiled_condition{};
}

std::vector<node_id> nodes_still_needed(const program& p, std::span<const compiled_condition> conditions)
{
    std::vector<char> needed(p.code.size(), 0);
    std::vector<node_id> todo;
    auto need = [&](node_id id) {
        if (id < 0 || static_cast<std::size_t>(id) >= needed.size() || needed[static_cast<std::size_t>(id)] != 0) return;
        needed[static_cast<std::size_t>(id)] = 1;
        todo.push_back(id);
    };
    for (const auto& d : p.defines) need(d.root);
    for (std::size_t k = 0; k < p.indicators.size(); ++k) {
        if (conditions[k].what == compiled_condition::shape::general) need(p.indicators[k].condition);
        // A graded or prorated payment is read by pay() from its node's value.
        if (const auto& amount = p.indicators[k].amount_node) need(*amount);
    }
    while (!todo.empty()) {
        const auto& n = p.code[static_cast<std::size_t>(todo.back())];
        todo.pop_back();
        for (const auto a : n.args) need(a);
        // A reference reads its definition's root.
        if (n.op == opcode::define && n.index >= 0 && static_cast<std::size_t>(n.index) < p.defines.size()) need(p.defines[static_cast<std::size_t>(n.index)].root);
    }
    std::vector<node_id> out;
    for (std::size_t i = 0; i < needed.size(); ++i) {
        if (needed[i] != 0) out.push_back(static_cast<node_id>(i));
    }
    return out;
}

}  // namespace donum::eval
