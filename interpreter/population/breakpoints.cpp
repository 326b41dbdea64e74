#include "interpreter/population/breakpoints.hpp"

#include <algorithm>
#include <optional>
#include <span>

#include "interpreter/exact/int128.hpp"

namespace donum::population {

using compile::indicator_info;
using exact::rational;
namespace ast = grammar::ast;

namespace {

// Which threshold of its indicator a slot is.
enum class role { target, level, floor, none };

role role_of(const compile::program& p, std::size_t slot, const indicator_info& i)
{
    if (i.target_slot == slot) return role::target;
    for (const auto& level : i.levels) {
        if (level.threshold_slot == slot) return role::level;
    }
    if (i.prorated && i.prorated->floor_slot == slot) return role::floor;
    (void)p;
    return role::none;
}

// The target t at which `t OP c` equals m, for a threshold that grows with the target:
// reached (m >= t OP c) exactly when t <= the value returned. std::nullopt when c makes the
// threshold not grow with t.
std::optional<rational> inverse(ast::binary_op op, const rational& m, const rational& c)
{
    switch (op) {
        case ast::binary_op::add: return m - c;
        case ast::binary_op::sub: return m + c;
        case ast::binary_op::mul:
            if (c <= rational(0)) return std::nullopt;
            return m / c;
        case ast::binary_op::div:
            if (c <= rational(0)) return std::nullopt;
            return m * c;
        default: return std::nullopt;
    }
}

}  // namespace

bool breakpoints_known(const compile::program& p, std::size_t slot)
{
    if (slot >= p.slots.size() || !p.slots[slot].owner || !p.slots[slot].is_threshold()) return false;
    const auto& i = p.indicators[*p.slots[slot].owner];
    if (i.measured_comparison() != compile::comparison::ge || !i.measured_node) return false;
    return role_of(p, slot, i) != role::none;
}

bool add_breakpoints(const compile::program& p, std::size_t slot, const eval::evaluator& ev, const eval::result& r, const rational& lo, const rational& hi, std::vector<rational>& out)
{
    const auto& i = p.indicators[*p.slots[slot].owner];
    const auto at = [&](compile::node_id n) { return r.values[static_cast<std::size_t>(n)]; };
    const auto measured = at(*i.measured_node);
    if (!measured.defined()) return true;  // the zero_denominator policy decides, whatever the value
    try {
        const auto m = measured.exact();
        auto add = [&](const rational& b) {
            if (b > lo && b <= hi) out.push_back(b);
        };
        // Met, a level with a threshold of its own, a floor of its own: at the measured value.
        add(m);
        if (role_of(p, slot, i) != role::target) return true;
        // Thresholds that follow the target.
        auto follow = [&](const indicator_info::relative_to_target& rel) {
            const auto c = at(rel.operand);
            if (!c.defined()) return true;  // never reached, whatever the target
            const auto b = inverse(rel.op, m, c.exact());
            if (!b) return false;
            add(*b);
            return true;
        };
        for (const auto& level : i.levels) {
            if (level.relative && !follow(*level.relative)) return false;
        }
        if (!i.prorated) return true;
        const auto& pr = *i.prorated;
        if (pr.floor_relative && !follow(*pr.floor_relative)) return false;
        // The share paid, rounded to hundredths: x(t) = 100 P (m - S) / (t - S) falls as t
        // grows; the rounded value changes where x = k + 1/2, t_k = S + 100 P (m - S) / (k + 1/2).
        const auto start = at(pr.start);
        const auto& points = ev.slot_value(*i.points_slot);
        if (!start.defined() || points <= rational(0)) return true;
        const auto s = start.exact();
        if (m <= s) return true;  // no progress: nothing paid below the target
        const auto low = std::max({lo, m, s});  // below m the target is met: all points
        if (low >= hi) return true;
        const auto scale = rational(100) * points * (m - s);
        const auto x_hi = scale / (hi - s);
        const auto x_low = scale / (low - s);
        // k + 1/2 in [x(hi), x(low)), k >= 0; x(low) <= 100 P since low >= m, so at most
        // 100 P + 1 values, and only for a row whose measured value lies in (lo, hi].
        const auto half = rational(1, 2);
        const auto from = x_hi - half;
        const auto to = x_low - half;
        const auto k_min = std::max<exact::i128>(0, exact::ceil_div(from.num(), from.den()));
        const auto k_end = exact::ceil_div(to.num(), to.den());
        for (auto k = k_min; k < k_end; ++k) add(s + scale / (rational(static_cast<std::int64_t>(k)) + half));
    }
    catch (const exact::overflow_error&) {
        return false;
    }
    return true;
}

// Whether, in a sweep of the single axis `slot` (ascending values), a row's contribution can
// change only at the row's breakpoints (breakpoints.hpp), so that the steps between two of
// them need no evaluation: the slot's breakpoints are known, no other indicator's outcome or
// computed payment depends on it, and the slot's value reaches nothing but comparisons (with
// the measured value: they flip at a breakpoint). Every other re-run node then computes from
// those outcomes and from values no step changes: constant between breakpoints, an overflow
// included. Arithmetic on the slot itself (a threshold `target + 20 %`, a prorata's share of
// the way to the target) changes at every step, and could overflow at a step the short path
// would skip: such slots keep the full path.
bool changes_at_breakpoints(const compile::program& p, std::size_t slot, const std::vector<std::uint8_t>& dep, std::span<const compile::node_id> rerun)
{
    if (!breakpoints_known(p, slot)) return false;
    const auto owner = *p.slots[slot].owner;
    const auto depends = [&](compile::node_id n) { return dep[static_cast<std::size_t>(n)] != 0; };
    for (std::size_t k = 0; k < p.indicators.size(); ++k) {
        const auto& i = p.indicators[k];
        if (k != owner && (depends(i.condition) || (i.amount_node && depends(*i.amount_node)))) return false;
    }
    const auto& readers = p.slots[slot].readers;
    const auto is_reader = [&](compile::node_id a) { return std::find(readers.begin(), readers.end(), a) != readers.end(); };
    return std::all_of(rerun.begin(), rerun.end(), [&](compile::node_id n) {
        const auto& node = p.code[static_cast<std::size_t>(n)];
        return compile::comparison_of(node.op) != compile::comparison::none || std::none_of(node.args.begin(), node.args.end(), is_reader);
    });
}

// The nodes whose values the short path reads (changes_at_breakpoints): what the re-run
// nodes take from outside the dependents and what add_breakpoints reads, with everything
// they are computed from, ascending: a row is evaluated for its amounts, then only these.
std::vector<compile::node_id> nodes_read(const compile::program& p, std::size_t slot, const std::vector<std::uint8_t>& dep, std::span<const compile::node_id> rerun)
{
    std::vector<std::uint8_t> wanted(p.code.size(), 0);
    std::vector<compile::node_id> todo;
    const auto want = [&](compile::node_id n) {
        const auto i = static_cast<std::size_t>(n);
        if (dep[i] != 0 || wanted[i] != 0) return;  // a dependent is re-run, a slot reader set
        wanted[i] = 1;
        todo.push_back(n);
    };
    for (const auto n : rerun) {
        for (const auto a : p.code[static_cast<std::size_t>(n)].args) want(a);
    }
    const auto& owner = p.indicators[*p.slots[slot].owner];
    want(*owner.measured_node);
    for (const auto& level : owner.levels) {
        if (level.relative) want(level.relative->operand);
    }
    if (owner.prorated) {
        want(owner.prorated->start);
        if (owner.prorated->floor_relative) want(owner.prorated->floor_relative->operand);
    }
    while (!todo.empty()) {
        const auto& node = p.code[static_cast<std::size_t>(todo.back())];
        todo.pop_back();
        for (const auto a : node.args) want(a);
        if (node.op == compile::opcode::define) want(p.defines[static_cast<std::size_t>(node.index)].root);
    }
    std::vector<compile::node_id> out;
    for (std::size_t i = 0; i < wanted.size(); ++i) {
        if (wanted[i] != 0) out.push_back(static_cast<compile::node_id>(i));
    }
    return out;
}

}  // namespace donum::population
