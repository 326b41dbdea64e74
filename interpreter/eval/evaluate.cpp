// The evaluator: one linear sweep over the compiled code per row, then gates and payment.
//
// The checker emits every node after its arguments (and a definition's root before any
// reference to it), so evaluating nodes in index order computes each value once, with no
// recursion and no allocation. Overflow does not throw inside the sweep: the node becomes
// "overflowed" (den < 0) and the error is raised only if a needed value depends on it, which
// is what makes the untaken branch of an `if` harmless.
#include "interpreter/eval/evaluate.hpp"

#include <algorithm>
#include <limits>

#include <fmt/format.h>

#include "interpreter/exact/fixed.hpp"
#include "interpreter/messages/messages.hpp"


namespace donum::eval {

using messages::N_;
using messages::tr;
using messages::trf;

namespace ast = grammar::ast;

namespace {

constexpr std::int64_t min64 = std::numeric_limits<std::int64_t>::min();

constexpr bool overflowed(const value& v) { return v.overflowed(); }
constexpr value overflow_at(std::size_t node) { return {static_cast<std::int64_t>(node), -1}; }
constexpr value boolean(bool b) { return {b ? 1 : 0, 1}; }
constexpr value of(const rational& r) { return value::of(r); }

// Whole sentences, so that a translation can make the words agree ("ce taux", "cette somme").
const char* overflow_text(opcode op)
{
    switch (op) {
        case opcode::rate: return N_("this rate is too large for exact arithmetic (beyond 64 bits)");
        case opcode::mean: return N_("this mean is too large for exact arithmetic (beyond 64 bits)");
        case opcode::add: return N_("this sum is too large for exact arithmetic (beyond 64 bits)");
        case opcode::mul: return N_("this product is too large for exact arithmetic (beyond 64 bits)");
        case opcode::div: return N_("this division is too large for exact arithmetic (beyond 64 bits)");
        case opcode::negate: return N_("this negation is too large for exact arithmetic (beyond 64 bits)");
        default: return N_("this expression is too large for exact arithmetic (beyond 64 bits)");
    }
}

}  // namespace


// -- preparation --------------------------------------------------------------------------------

evaluator::evaluator(const program& p, int year) : evaluator(p, year, {}) {}

evaluator::evaluator(const program& p, int year, std::span<const std::pair<std::size_t, rational>> overrides) : m_program(&p), m_year(year), m_year_index(0)
{
    const auto yi = p.year_index(year);
    if (!yi) {
        throw std::invalid_argument(trf("year {} is not a year of convention {} (years: {})", year, p.id, fmt::join(p.years, ", ")));
    }
    m_year_index = *yi;

    // The year's value of every slot, then the overrides: the rest of the preparation reads
    // only m_slot_values, so that an override is seen everywhere a slot is.
    m_slot_values.reserve(p.slots.size());
    for (const auto& s : p.slots) {
        m_slot_values.push_back(m_year_index < s.by_year.size() ? s.by_year[m_year_index] : std::nullopt);
    }
    for (const auto& [index, v] : overrides) {
        if (index >= p.slots.size()) {
            throw std::invalid_argument(fmt::format("evaluator: slot index {} out of range ({} slots)", index, p.slots.size()));
        }
        m_slot_values[index] = v;
    }

    // Every slot is read by the year's evaluation (targets by conditions, points by payment,
    // the point value by the euros), so every XX of the year blocks it.
    std::vector<open_placeholder> open;
    for (std::size_t si = 0; si < p.slots.size(); ++si) {
        const auto& s = p.slots[si];
        if (m_slot_values[si]) continue;
        const bool every_year = std::none_of(s.by_year.begin(), s.by_year.end(), [](const auto& v) { return v.has_value(); });
        const auto& range = every_year || m_year_index >= s.year_ranges.size() ? s.range : s.year_ranges[m_year_index];
        open.push_back({every_year ? s.name : fmt::format("{}@{}", s.name, year), range});
    }
    if (!open.empty()) {
        throw placeholder_error(year, std::move(open));
    }

    // Plan: one instruction per node, arguments flattened. Checks the ordering invariant the
    // sweep relies on; a violation is a bug of the checker, not of the rules.
    m_code.reserve(p.code.size());
    for (std::size_t i = 0; i < p.code.size(); ++i) {
        const auto& n = p.code[i];
        instruction ins;
        ins.op = n.op;
        ins.index = n.index;
        ins.first_arg = static_cast<std::uint32_t>(m_args.size());
        ins.arg_count = static_cast<std::uint32_t>(n.args.size());
        for (const auto a : n.args) {
            if (a < 0 || static_cast<std::size_t>(a) >= i) {
                throw std::logic_error(fmt::format("evaluate: node {} reads node {} which is not before it", i, a));
            }
            m_args.push_back(a);
        }
        auto need = [&](std::size_t count) {
            if (n.args.size() != count) throw std::logic_error(fmt::format("evaluate: node {} has {} arguments, not {}", i, n.args.size(), count));
        };
        switch (n.op) {
            case opcode::constant: ins.constant = of(n.value); break;
            case opcode::slot: {
                if (n.index < 0 || static_cast<std::size_t>(n.index) >= p.slots.size()) throw std::logic_error("evaluate: bad slot index");
                ins.constant = of(*m_slot_values[static_cast<std::size_t>(n.index)]);
                break;
            }
            case opcode::year: ins.constant = {year, 1}; break;
            case opcode::input:
                if (n.index < 0 || static_cast<std::size_t>(n.index) >= p.inputs.size()) throw std::logic_error("evaluate: bad input index");
                // A decimal input is stored scaled (exact/fixed.hpp): compute() reads the
                // denominator here to know it.
                if (p.inputs[static_cast<std::size_t>(n.index)].type == ast::input_type::decimal) ins.constant = {0, exact::fixed_scale};
                break;
            case opcode::define: {
                if (n.index < 0 || static_cast<std::size_t>(n.index) >= p.defines.size()) throw std::logic_error("evaluate: bad definition index");
                const auto root = p.defines[static_cast<std::size_t>(n.index)].root;
                if (root < 0 || static_cast<std::size_t>(root) >= i) throw std::logic_error("evaluate: a definition is read before it is computed");
                ins.index = root;
                break;
            }
            case opcode::rate:
            case opcode::div:
            case opcode::gt:
            case opcode::ge:
            case opcode::lt:
            case opcode::le:
            case opcode::eq:
            case opcode::ne: need(2); break;
            case opcode::negate:
            case opcode::logical_not: need(1); break;
            case opcode::conditional: need(3); break;
            case opcode::mean:
            case opcode::min:
            case opcode::max:
            case opcode::add:
            case opcode::mul:
            case opcode::logical_and:
            case opcode::logical_or:
                if (n.args.empty()) throw std::logic_error(fmt::format("evaluate: node {} has no arguments", i));
                break;
        }
        m_code.push_back(ins);
    }
    for (const auto& d : p.defines) {
        if (d.root < 0 || static_cast<std::size_t>(d.root) >= p.code.size()) throw std::logic_error("evaluate: bad definition root");
    }
    for (const auto& ind : p.indicators) {
        if (ind.condition < 0 || static_cast<std::size_t>(ind.condition) >= p.code.size()) throw std::logic_error("evaluate: bad indicator condition");
    }

    m_payment.emplace(p, year, m_slot_values);
    for (std::size_t k = 0; k < p.indicators.size(); ++k) {
        m_conditions.push_back(compile_condition(p, k, m_slot_values));
        m_of_shape[static_cast<std::size_t>(m_conditions.back().what)].push_back(static_cast<std::uint32_t>(k));
    }
    m_still_needed = nodes_still_needed(p, m_conditions);
}

// -- evaluation ---------------------------------------------------------------------------------

// Inlined into both loops: a call per node would cost the full sweep about as much as the
// arithmetic itself.
[[gnu::always_inline]] inline value evaluator::compute(std::size_t i, const std::int64_t* inputs, const value* v) const
{
    const instruction& ins = m_code[i];
    const node_id* const a = m_args.data() + ins.first_arg;
    const std::uint32_t count = ins.arg_count;
    value r;
    switch (ins.op) {
        case opcode::constant:
        case opcode::slot:
        case opcode::year: r = ins.constant; break;
        case opcode::input: r = ins.constant.den == 1 ? value{inputs[ins.index], 1} : value::of(exact::fixed_value(inputs[ins.index])); break;
        case opcode::define: r = v[ins.index]; break;
        case opcode::rate:
        case opcode::div: {
            const value x = v[a[0]];
            const value y = v[a[1]];
            if (overflowed(x)) { r = x; break; }
            if (overflowed(y)) { r = y; break; }
            if (!x.defined() || !y.defined() || y.num == 0) { r = value::undefined(); break; }
            if (x.den == 1 && y.den == 1 && ins.op == opcode::rate) {
                // Counts stay as written (200/300), normalised only for the sign.
                if (y.num > 0) r = {x.num, y.num};
                else if (x.num == min64 || y.num == min64) r = overflow_at(i);
                else r = {-x.num, -y.num};
                break;
            }
            try {
                r = of(x.exact() / y.exact());
            }
            catch (const exact::overflow_error&) {
                r = overflow_at(i);
            }
            break;
        }
        case opcode::negate: {
            const value x = v[a[0]];
            if (!x.defined()) r = x;
            else if (x.num == min64) r = overflow_at(i);
            else r = {-x.num, x.den};
            break;
        }
        case opcode::add:
        case opcode::mul:
        case opcode::mean: {
            // Left to right; a partial result beyond 64 bits is an overflow, as with
            // rational's own operators.
            bool undefined = false;
            bool integers = true;
            r = value::undefined();
            for (std::uint32_t k = 0; k < count; ++k) {
                const value x = v[a[k]];
                if (overflowed(x)) { r = x; break; }
                if (!x.defined()) undefined = true;
                else if (x.den != 1) integers = false;
            }
            if (overflowed(r)) break;
            if (undefined) { r = value::undefined(); break; }
            const bool multiply = ins.op == opcode::mul;
            if (integers) {
                std::int64_t acc = v[a[0]].num;
                bool fits = acc != min64;
                for (std::uint32_t k = 1; k < count && fits; ++k) {
                    fits = !(multiply ? __builtin_mul_overflow(acc, v[a[k]].num, &acc) : __builtin_add_overflow(acc, v[a[k]].num, &acc)) && acc != min64;
                }
                if (!fits) { r = overflow_at(i); break; }
                if (ins.op != opcode::mean) { r = {acc, 1}; break; }
                try {
                    r = of(rational(acc, static_cast<std::int64_t>(count)));
                }
                catch (const exact::overflow_error&) {
                    r = overflow_at(i);
                }
                break;
            }
            try {
                rational acc = v[a[0]].exact();
                for (std::uint32_t k = 1; k < count; ++k) {
                    acc = multiply ? acc * v[a[k]].exact() : acc + v[a[k]].exact();
                }
                if (ins.op == opcode::mean) acc = acc / rational(static_cast<std::int64_t>(count));
                r = of(acc);
            }
            catch (const exact::overflow_error&) {
                r = overflow_at(i);
            }
            break;
        }
        case opcode::min:
        case opcode::max: {
            r = v[a[0]];
            bool undefined = false;
            for (std::uint32_t k = 0; k < count; ++k) {
                const value x = v[a[k]];
                if (overflowed(x)) { r = x; break; }
                if (!x.defined()) { undefined = true; continue; }
                if (!r.defined() || (ins.op == opcode::min ? compare(x, r) < 0 : compare(x, r) > 0)) r = x;
            }
            if (!overflowed(r) && undefined) r = value::undefined();
            break;
        }
        case opcode::gt:
        case opcode::ge:
        case opcode::lt:
        case opcode::le:
        case opcode::eq:
        case opcode::ne: {
            const value x = v[a[0]];
            const value y = v[a[1]];
            if (overflowed(x)) { r = x; break; }
            if (overflowed(y)) { r = y; break; }
            if (!x.defined() || !y.defined()) { r = value::undefined(); break; }
            const int c = compare(x, y);
            switch (ins.op) {
                case opcode::gt: r = boolean(c > 0); break;
                case opcode::ge: r = boolean(c >= 0); break;
                case opcode::lt: r = boolean(c < 0); break;
                case opcode::le: r = boolean(c <= 0); break;
                case opcode::eq: r = boolean(c == 0); break;
                default: r = boolean(c != 0); break;
            }
            break;
        }
        case opcode::logical_not: {
            const value x = v[a[0]];
            r = x.defined() ? boolean(!x.is_true()) : x;
            break;
        }
        case opcode::logical_and:
        case opcode::logical_or: {
            // Kleene: the deciding value (false for and, true for or) wins over undefined.
            const bool is_and = ins.op == opcode::logical_and;
            bool decided = false;
            bool undefined = false;
            r = value::undefined();
            for (std::uint32_t k = 0; k < count; ++k) {
                const value x = v[a[k]];
                if (overflowed(x)) { r = x; break; }
                if (!x.defined()) undefined = true;
                else if (x.is_true() != is_and) decided = true;
            }
            if (overflowed(r)) break;
            r = decided ? boolean(!is_and) : undefined ? value::undefined() : boolean(is_and);
            break;
        }
        case opcode::conditional: {
            const value c = v[a[0]];
            if (!c.defined()) r = c;
            else r = v[a[c.is_true() ? 1 : 2]];
            break;
        }
    }
    return r;
}

void evaluator::run(std::span<const std::int64_t> inputs, result& out) const
{
    const auto& p = *m_program;
    if (inputs.size() != p.inputs.size()) {
        throw std::invalid_argument(fmt::format("evaluate: {} input values for {} inputs", inputs.size(), p.inputs.size()));
    }
    out.values.resize(m_code.size());
    value* const v = out.values.data();
    const std::int64_t* const in = inputs.data();
    const std::size_t n = m_code.size();
    for (std::size_t i = 0; i < n; ++i) v[i] = compute(i, in, v);

    // Needed values: every definition, then every condition. The first overflow is the error.
    for (const auto& d : p.defines) {
        if (overflowed(v[d.root])) raise_overflow(v[d.root]);
    }
    out.indicators.resize(p.indicators.size());
    for (std::size_t k = 0; k < p.indicators.size(); ++k) decide_one(k, out);
}

void evaluator::raise_overflow(const value& x) const
{
    const auto node = static_cast<std::size_t>(x.num);
    const auto& cn = m_program->code[node];
    evaluation_error e(cn.range, tr(overflow_text(cn.op)));
    e.set_year(m_year);
    throw e;
}

indicator_result evaluator::undefined_outcome(std::size_t k) const
{
    const auto policy = m_program->indicators[k].zero_policy;
    indicator_result ir;
    ir.undefined = true;
    ir.outcome = policy == ast::zero_policy::met ? indicator_outcome::met : policy == ast::zero_policy::neutralised ? indicator_outcome::neutralised : indicator_outcome::not_met;
    return ir;
}

void evaluator::decide_one(std::size_t k, result& out) const
{
    const auto& ind = m_program->indicators[k];
    const value& c = out.values[static_cast<std::size_t>(ind.condition)];
    if (overflowed(c)) raise_overflow(c);
    if (!c.defined()) {
        out.indicators[k] = undefined_outcome(k);
        return;
    }
    indicator_result ir;
    ir.outcome = c.is_true() ? indicator_outcome::met : indicator_outcome::not_met;
    out.indicators[k] = ir;
}

// What compute() and decide_one() give for the shapes of conditions.hpp, from the inputs.
// Inlined into evaluate_amounts: it runs for every indicator of every row.
[[gnu::always_inline]] inline void evaluator::decide_compiled(std::size_t k, const std::int64_t* inputs, result& out) const
{
    const auto& c = m_conditions[k];
    exact::i128 difference = 0;
    switch (c.what) {
        case compiled_condition::shape::general: decide_one(k, out); return;
        case compiled_condition::shape::boolean: out.indicators[k] = {inputs[c.a] == 1 ? indicator_outcome::met : indicator_outcome::not_met, false}; return;
        case compiled_condition::shape::input:
            // x/1 against num/den: x·den − num.
            difference = static_cast<exact::i128>(inputs[c.a]) * c.den - c.num;
            break;
        case compiled_condition::shape::rate: {
            std::int64_t a = inputs[c.a];
            std::int64_t b = inputs[c.b];
            if (b == 0) {
                out.indicators[k] = undefined_outcome(k);
                return;
            }
            if (b < 0) {
                // The rate's sign goes to its numerator, as compute() does.
                if (a == min64 || b == min64) raise_overflow(overflow_at(static_cast<std::size_t>(c.rate_node)));
                a = -a;
                b = -b;
            }
            // a/b against num/den, both denominators positive: a·den − num·b (below 2^127).
            difference = static_cast<exact::i128>(a) * c.den - static_cast<exact::i128>(c.num) * b;
            break;
        }
    }
    const bool met = (c.equality ? difference == 0 : difference >= c.at_least) != c.negated;
    out.indicators[k] = {met ? indicator_outcome::met : indicator_outcome::not_met, false};
}

void evaluator::rerun(std::span<const slot_change> changes, std::span<const node_id> dependents, std::span<const std::size_t> affected, result& out) const
{
    const auto n = m_code.size();
    if (out.values.size() != n) {
        throw std::invalid_argument(fmt::format("rerun: {} values for {} code nodes (evaluate the row first)", out.values.size(), n));
    }
    value* const v = out.values.data();
    for (const auto& c : changes) {
        for (const auto node : c.readers) v[static_cast<std::size_t>(node)] = c.to;
    }
    bool overflow = false;
    node_id previous = -1;
    for (const auto id : dependents) {
        if (id <= previous || static_cast<std::size_t>(id) >= n) {
            throw std::invalid_argument(fmt::format("rerun: node {} is out of range or not in ascending order", id));
        }
        previous = id;
        const auto i = static_cast<std::size_t>(id);
        // A row's inputs do not change: an input node keeps the value the row gave it.
        if (m_code[i].op == opcode::input) continue;
        v[i] = compute(i, nullptr, v);
        overflow = overflow || v[i].overflowed();
    }
    // Rare: only then look for the definition evaluate() would report, in its order.
    if (overflow) {
        for (const auto& d : m_program->defines) {
            if (v[d.root].overflowed()) raise_overflow(v[d.root]);
        }
    }
    out.indicators.resize(m_program->indicators.size());
    for (const auto k : affected) {
        if (k >= m_program->indicators.size()) throw std::invalid_argument(fmt::format("rerun: indicator {} out of range ({} indicators)", k, m_program->indicators.size()));
        decide_one(k, out);
    }
}

void evaluator::evaluate(std::span<const std::int64_t> inputs, result& out) const
{
    run(inputs, out);
    pay(*m_program, *m_payment, out);
}

void evaluator::evaluate_amounts(std::span<const std::int64_t> inputs, result& out) const
{
    const auto& p = *m_program;
    if (inputs.size() != p.inputs.size()) {
        throw std::invalid_argument(fmt::format("evaluate: {} input values for {} inputs", inputs.size(), p.inputs.size()));
    }
    const std::int64_t* const in = inputs.data();
    if (!m_still_needed.empty()) {
        out.values.resize(m_code.size());
        for (const auto i : m_still_needed) out.values[static_cast<std::size_t>(i)] = compute(static_cast<std::size_t>(i), in, out.values.data());
        for (const auto& d : p.defines) {
            if (overflowed(out.values[static_cast<std::size_t>(d.root)])) raise_overflow(out.values[static_cast<std::size_t>(d.root)]);
        }
    }
    out.indicators.resize(p.indicators.size());
    // Shape by shape, in tight loops. An overflow (rare) must be the first in indicator
    // order, as evaluate() reports it: the indicators are then decided again in order.
    using shape = compiled_condition::shape;
    bool overflow = false;
    for (const auto k : m_of_shape[static_cast<std::size_t>(shape::general)]) {
        if (overflowed(out.values[static_cast<std::size_t>(p.indicators[k].condition)])) overflow = true;
        else decide_one(k, out);
    }
    for (const auto k : m_of_shape[static_cast<std::size_t>(shape::boolean)]) decide_compiled(k, in, out);
    for (const auto k : m_of_shape[static_cast<std::size_t>(shape::input)]) decide_compiled(k, in, out);
    for (const auto k : m_of_shape[static_cast<std::size_t>(shape::rate)]) {
        const auto& c = m_conditions[k];
        if (in[c.b] < 0 && (in[c.a] == min64 || in[c.b] == min64)) overflow = true;
        else decide_compiled(k, in, out);
    }
    if (overflow) {
        for (std::size_t k = 0; k < p.indicators.size(); ++k) decide_compiled(k, in, out);
    }
    pay(p, *m_payment, out);
}

void evaluator::compute_nodes(std::span<const std::int64_t> inputs, std::span<const node_id> nodes, result& out) const
{
    if (inputs.size() != m_program->inputs.size()) {
        throw std::invalid_argument(fmt::format("compute_nodes: {} input values for {} inputs", inputs.size(), m_program->inputs.size()));
    }
    out.values.resize(m_code.size());
    for (const auto n : nodes) {
        if (n < 0 || static_cast<std::size_t>(n) >= m_code.size()) throw std::invalid_argument(fmt::format("compute_nodes: no code node {}", n));
        out.values[static_cast<std::size_t>(n)] = compute(static_cast<std::size_t>(n), inputs.data(), out.values.data());
    }
}

result evaluator::evaluate(std::span<const std::int64_t> inputs) const
{
    result out;
    evaluate(inputs, out);
    return out;
}

}  // namespace donum::eval
