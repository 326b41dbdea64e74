// Pass 3 implementation: expressions. Each compile_kind is the typing rule of one kind of
// expression: it checks its operands' types and says the type of the result; the nodes are
// laid out by the emitter (emit.hpp), so that a rule reads without the code layout.
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "interpreter/compile/checker.hpp"
#include "interpreter/messages/messages.hpp"

namespace donum::compile::internal {

using messages::tr;
using messages::trf;

namespace ast = grammar::ast;
using grammar::source_range;

namespace {

// A comparison operator of the grammar as the program records it.
comparison written(ast::binary_op op)
{
    switch (op) {
        case ast::binary_op::ge: return comparison::ge;
        case ast::binary_op::gt: return comparison::gt;
        case ast::binary_op::le: return comparison::le;
        case ast::binary_op::lt: return comparison::lt;
        case ast::binary_op::eq: return comparison::eq;
        case ast::binary_op::ne: return comparison::ne;
        default: throw std::logic_error("check: a comparison without a comparison operator");
    }
}

// A number written without its unit where euros or points are meant (`montant >= 100`,
// `target 100` facing points): how to write it, for the type error's message.
std::string missing_unit(const ast::expr& number_side, value_type other)
{
    const ast::expr* e = &number_side;
    if (const auto* t = std::get_if<ast::target_ref>(&e->kind); t != nullptr && t->value.single) e = t->value.single.get();
    const auto* lit = std::get_if<ast::number_literal>(&e->kind);
    if (lit == nullptr || lit->suffix != ast::unit::none) return {};
    if (other == value_type::euro) return trf(": write the unit, {} €", lit->digits);
    if (other == value_type::points) return trf(": write the unit, {} pts", lit->digits);
    return {};
}

}  // namespace

typed checker::compile(const ast::expr& e, scope& sc)
{
    return std::visit([&](const auto& k) { return compile_kind(e, k, sc); }, e.kind);
}

// 22.5 | 30 % | 7 € | 40 pts
typed checker::compile_kind(const ast::expr& e, const ast::number_literal& lit, scope& /*sc*/)
{
    const auto v = m_constants.literal(e.range, lit);
    return {m_emit.constant(e.range, v ? v->value : rational(0)), v ? v->type : value_type::number};
}

// XX: only a value of a slot, never part of an expression
typed checker::compile_kind(const ast::expr& e, const ast::placeholder& /*p*/, scope& /*sc*/)
{
    error(e.range, tr("XX (not agreed yet) can only be the value of a target, a points value or the point value"));
    return {m_emit.constant(e.range), value_type::number};
}

// year
typed checker::compile_kind(const ast::expr& e, const ast::year_ref& /*y*/, scope& /*sc*/)
{
    return {m_emit.year(e.range), value_type::number};
}

// NAME: an input, or a definition declared above
typed checker::compile_kind(const ast::expr& e, const ast::name_ref& ref, scope& sc)
{
    const auto it = m_names.find(ref.text);
    if (it == m_names.end()) {
        const auto candidates = [&] {
            std::vector<std::string> names;
            for (const auto& [name, entry] : m_names) names.push_back(name);
            return names;
        };
        std::string hint = did_you_mean(ref.text, candidates);
        if (m_groups.count(ref.text) != 0) hint = tr(" (it is a group: gates are written 'requires all of GROUP')");
        if (m_indicator_ids.count(ref.text) != 0) hint = tr(" (it is an indicator: indicators cannot be read by expressions)");
        for (const auto& removed : m_file.removed_inputs) {
            if (removed.id.text == ref.text) {
                unusable(e.range, trf("input '{}' is removed, but this rule still reads it: change or remove the rule too", ref.text), {note(removed.range, tr("removed here"))});
                return {m_emit.constant(e.range), value_type::number};
            }
        }
        unusable(e.range, trf("unknown name '{}'{}", ref.text, hint));
        return {m_emit.constant(e.range), value_type::number};
    }
    const auto& entry = it->second;
    if (entry.kind == name_kind::input) {
        auto& in = m_program.inputs[entry.index];
        in.used = true;
        return {m_emit.input(e.range, entry.index), in.type == ast::input_type::boolean ? value_type::boolean : value_type::number};
    }
    if (entry.index == sc.defines_visible) {
        // Inside its own definition: definitions are computed once, in order.
        unusable(e.range, trf("'{}' refers to itself: a definition cannot use its own value", ref.text));
        return {m_emit.constant(e.range), value_type::number};
    }
    if (entry.index > sc.defines_visible) {
        unusable(e.range, trf("'{}' is defined below: a definition can only use inputs and definitions above it", ref.text), {note(entry.range, tr("defined here"))});
        return {m_emit.constant(e.range), value_type::number};
    }
    auto& def = m_program.defines[entry.index];
    def.used = true;
    sc.reads_rate = sc.reads_rate || def.reads_rate;
    return {m_emit.define(e.range, entry.index), def.type};
}

// target VALUE: the one target of an indicator, a slot the comparison gives its type
typed checker::compile_kind(const ast::expr& e, const ast::target_ref& t, scope& sc)
{
    if (sc.indicator == nullptr) {
        error(e.range, tr("'target' can only appear in an indicator's condition"));
        return {m_emit.constant(e.range), value_type::number};
    }
    if (sc.target_node != nullptr) {
        error(e.range, tr("an indicator has one target: this is the second"), {note(sc.target_node->range, tr("first target is here"))});
        return {m_emit.constant(e.range), value_type::number};
    }
    sc.target_node = &e;
    const auto owner = static_cast<std::size_t>(sc.indicator - m_program.indicators.data());
    auto s = slot_at({m_program.groups[sc.indicator->group].id, sc.indicator->id, slot_kind::target}, owner, value_type::number);
    sc.target_written = m_constants.fill(s, t.value, m_program.years);
    const auto si = add_slot(std::move(s));
    sc.indicator->target_slot = si;
    return {m_emit.slot(e.range, si), sc.target_written};
}

// not X | -X
typed checker::compile_kind(const ast::expr& e, const ast::unary& u, scope& sc)
{
    const auto operand = compile(*u.operand, sc);
    if (u.op == ast::unary_op::logical_not) {
        if (operand.type != value_type::boolean) {
            error(u.operand->range, trf("'not' needs a condition, but this is {}", type_name(operand.type)));
        }
        return {m_emit.logical_not(e.range, operand.id), value_type::boolean};
    }
    if (operand.type == value_type::boolean) {
        error(u.operand->range, tr("a boolean cannot be negated with '-': use 'not'"));
    }
    return {m_emit.negate(e.range, operand.id), operand.type};
}

// X and Y ... | X or Y ... | X + Y - Z ... | X * Y / Z ...
typed checker::compile_kind(const ast::expr& e, const ast::chain& c, scope& sc)
{
    auto acc = compile(*c.first, sc);
    const auto first_op = c.rest.front().op;
    const bool logical = first_op == ast::binary_op::logical_and || first_op == ast::binary_op::logical_or;
    if (logical) {
        std::vector<node_id> args{acc.id};
        if (acc.type != value_type::boolean) {
            error(c.first->range, trf("'{}' needs conditions, but this is {}", first_op == ast::binary_op::logical_and ? "and" : "or", type_name(acc.type)));
        }
        for (const auto& link : c.rest) {
            const auto v = compile(*link.operand, sc);
            if (v.type != value_type::boolean) {
                error(link.operand->range, trf("'{}' needs conditions, but this is {}", first_op == ast::binary_op::logical_and ? "and" : "or", type_name(v.type)));
            }
            args.push_back(v.id);
        }
        return {m_emit.logical(first_op, e.range, std::move(args)), value_type::boolean};
    }
    emitter::chain code(m_emit, acc.id);
    for (const auto& link : c.rest) {
        const auto rhs = compile(*link.operand, sc);
        acc.type = arithmetic_type(link.op, acc.type, rhs.type, link.op_range);
        // A division by a zero value is undefined, like a rate.
        if (link.op == ast::binary_op::div) sc.reads_rate = true;
        code.push(link.op, rhs.id, link.operand->range);
    }
    return {code.finish(e.range), acc.type};
}

// Gives an indicator's target its type: the type of the side it is compared with (a rate,
// whatever the unit its values are written in, when compared with a rate), or the unit of
// its values when it is not one side of a comparison. The values of a rate target lie in
// [0, 1]: each is checked here, unless its text was reported already (a percentage above
// 100 %, or one value written for several years).
void checker::type_target(scope& sc, value_type t)
{
    sc.target_typed = true;
    type_threshold(*sc.indicator->target_slot, t);
}

// The same for a slot compared like a target: a level's threshold, a prorata floor.
void checker::type_threshold(std::size_t slot, value_type t)
{
    auto& s = m_program.slots[slot];
    s.type = t;
    if (t != value_type::rate) return;
    for (std::size_t y = 0; y < s.by_year.size(); ++y) {
        const bool same_text_as_before = y > 0 && s.year_ranges[y].begin.byte == s.year_ranges[y - 1].begin.byte;
        if (same_text_as_before || m_constants.percentage_reported(s.year_ranges[y]) || !s.by_year[y]) continue;
        if (const auto why = check_slot_value(s, *s.by_year[y])) error(s.year_ranges[y], trf("{}: a rate can never reach it", *why));
    }
}

value_type checker::arithmetic_type(ast::binary_op op, value_type a, value_type b, const source_range& at)
{
    const char* symbol = op == ast::binary_op::add ? "+" : op == ast::binary_op::sub ? "-" : op == ast::binary_op::mul ? "*" : "/";
    if (a == value_type::boolean || b == value_type::boolean) {
        error(at, trf("'{}' needs numbers, but one side is a boolean", symbol));
        return value_type::number;
    }
    if (op == ast::binary_op::add || op == ast::binary_op::sub) {
        if (dimensionless(a) && dimensionless(b)) return a == value_type::rate || b == value_type::rate ? value_type::rate : value_type::number;
        if (a == b) return a;
        error(at, op == ast::binary_op::add ? trf("cannot add {} and {}", type_name(a), type_name(b)) : trf("cannot subtract {} and {}", type_name(a), type_name(b)));
        return a;
    }
    if (op == ast::binary_op::mul) {
        if (dimensionless(a) && dimensionless(b)) return a == value_type::rate || b == value_type::rate ? value_type::rate : value_type::number;
        if (dimensionless(a)) return b;
        if (dimensionless(b)) return a;
        if ((a == value_type::points && b == value_type::euro) || (a == value_type::euro && b == value_type::points)) return value_type::euro;
        error(at, trf("cannot multiply {} by {}", type_name(a), type_name(b)));
        return a;
    }
    if (dimensionless(b)) return a == value_type::rate && b == value_type::rate ? value_type::number : a;
    if (a == b) return value_type::number;
    error(at, trf("cannot divide {} by {}", type_name(a), type_name(b)));
    return a;
}

// X OP Y, OP in > >= < <= = !=; one side may be the indicator's target
typed checker::compile_kind(const ast::expr& e, const ast::comparison& c, scope& sc)
{
    const auto lhs = compile(*c.lhs, sc);
    const auto rhs = compile(*c.rhs, sc);
    const bool equality = c.op == ast::binary_op::eq || c.op == ast::binary_op::ne;
    const bool compatible = (dimensionless(lhs.type) && dimensionless(rhs.type)) || (lhs.type == rhs.type && (lhs.type != value_type::boolean || equality));
    if (!compatible) {
        if (lhs.type == value_type::boolean && rhs.type == value_type::boolean) {
            error(c.op_range, tr("booleans can only be compared with = or !="));
        }
        else {
            const auto hint = dimensionless(lhs.type) ? missing_unit(*c.lhs, rhs.type) : dimensionless(rhs.type) ? missing_unit(*c.rhs, lhs.type) : std::string();
            error(c.op_range, trf("cannot compare {} with {}{}", type_name(lhs.type), type_name(rhs.type), hint));
        }
    }
    // A target takes its meaning from the side it is compared with.
    const ast::expr* other = nullptr;
    const typed* measured = nullptr;
    if (std::holds_alternative<ast::target_ref>(c.rhs->kind)) {
        other = c.lhs.get();
        measured = &lhs;
    }
    else if (std::holds_alternative<ast::target_ref>(c.lhs->kind)) {
        other = c.rhs.get();
        measured = &rhs;
    }
    if (measured != nullptr && sc.indicator != nullptr && sc.indicator->target_slot) {
        const auto& target = measured == &lhs ? rhs : lhs;
        type_target(sc, measured->type == value_type::rate ? value_type::rate : compatible ? measured->type : target.type);
        sc.indicator->written_comparison = written(c.op);
        sc.indicator->target_on_right = other == c.lhs.get();
        sc.indicator->measured = compact(*other);
        sc.indicator->measured_node = measured->id;
    }
    return {m_emit.compare(written(c.op), e.range, lhs.id, rhs.id), value_type::boolean};
}

std::string compact(const ast::expr& e) { return compact(e.range); }

std::string compact(const source_range& r)
{
    if (r.file == nullptr || r.end.byte <= r.begin.byte) return {};
    const auto raw = std::string_view(r.file->text).substr(r.begin.byte, r.end.byte - r.begin.byte);
    std::string out;
    bool space = false;
    for (const char ch : raw) {
        if (ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t') {
            space = true;
            continue;
        }
        if (space && !out.empty()) out += ' ';
        space = false;
        out += ch;
    }
    return out;
}

// rate(N, D) | mean(X, ...) | min(X, ...) | max(X, ...)
typed checker::compile_kind(const ast::expr& e, const ast::call& c, scope& sc)
{
    static const std::vector<std::string> functions{"rate", "mean", "min", "max"};
    const auto& fn = c.callee.text;
    std::vector<typed> args;
    for (const auto& a : c.args) args.push_back(compile(a, sc));
    std::vector<node_id> ids;
    for (const auto& a : args) ids.push_back(a.id);
    if (fn == "rate") {
        if (args.size() != 2) {
            error(e.range, trf("rate(numerator, denominator) takes 2 arguments, not {}", args.size()));
            return {m_emit.constant(e.range), value_type::rate};
        }
        for (std::size_t i = 0; i < 2; ++i) {
            if (args[i].type != value_type::number) {
                error(c.args[i].range, i == 0 ? trf("the numerator of a rate must be a count, not {}", type_name(args[i].type))
                                              : trf("the denominator of a rate must be a count, not {}", type_name(args[i].type)));
            }
        }
        sc.reads_rate = true;
        return {m_emit.call(opcode::rate, e.range, std::move(ids)), value_type::rate};
    }
    if (fn == "mean" || fn == "min" || fn == "max") {
        if (args.empty()) {
            error(e.range, trf("{}() needs at least one argument", fn));
            return {m_emit.constant(e.range), value_type::number};
        }
        auto type = args.front().type;
        for (std::size_t i = 0; i < args.size(); ++i) {
            const auto t = args[i].type;
            if (t == value_type::boolean) {
                error(c.args[i].range, trf("{}() needs numbers, not a boolean", fn));
            }
            else if (dimensionless(t) && dimensionless(type)) {
                if (t == value_type::rate) type = value_type::rate;
            }
            else if (t != type) {
                error(c.args[i].range, trf("{}() mixes {} and {}", fn, type_name(type), type_name(t)));
            }
        }
        const auto op = fn == "mean" ? opcode::mean : fn == "min" ? opcode::min : opcode::max;
        return {m_emit.call(op, e.range, std::move(ids)), type};
    }
    error(c.callee.range, trf("unknown function '{}'{}; the functions are rate, mean, min and max", fn, did_you_mean(fn, [&] { return functions; })));
    return {m_emit.constant(e.range), value_type::number};
}

// if C then A else B
typed checker::compile_kind(const ast::expr& e, const ast::conditional& c, scope& sc)
{
    const auto cond = compile(*c.condition, sc);
    const auto a = compile(*c.then_value, sc);
    const auto b = compile(*c.else_value, sc);
    if (cond.type != value_type::boolean) {
        error(c.condition->range, trf("the condition of 'if' must be true or false, but it is {}", type_name(cond.type)));
    }
    auto type = a.type;
    if (dimensionless(a.type) && dimensionless(b.type)) {
        type = a.type == value_type::rate || b.type == value_type::rate ? value_type::rate : value_type::number;
    }
    else if (a.type != b.type) {
        error(c.else_value->range, trf("both branches of 'if' must have the same kind of value: {} and {}", type_name(a.type), type_name(b.type)));
    }
    return {m_emit.conditional(e.range, cond.id, a.id, b.id), type};
}

}  // namespace donum::compile::internal
