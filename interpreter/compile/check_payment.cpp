// Computed payments: the levels of a graded indicator (`points P at T`) and a prorata
// (`points P prorated [from S] [above F]`). Their code reads the indicator's condition, its
// measured value and its target, so that a `set`, a sweep or a solve of the target moves
// the amounts with it; eval::indicator_paid pays what indicator_info::amount_node computes.
#include <fmt/format.h>

#include "interpreter/compile/checker.hpp"
#include "interpreter/messages/messages.hpp"

namespace donum::compile::internal {

using messages::tr;
using messages::trf;

namespace ast = grammar::ast;
using grammar::source_range;

namespace {

bool comparable(value_type a, value_type b) { return (dimensionless(a) && dimensionless(b)) || a == b; }

}  // namespace

void checker::computed_payment(const ast::indicator_decl& d, std::size_t ii, bool paid_as_block)
{
    if (!d.prorated && d.levels.empty()) return;
    const auto& info = m_program.indicators[ii];
    const auto at = d.prorated ? d.prorated->range : d.levels.front().range;
    if (paid_as_block) {
        // `points P prorated` in a block group is reported with its points.
        if (!d.points) error(at, trf("indicator '{}' is paid by the block of group '{}': it has no points to grade", d.id.text, m_program.groups[info.group].id));
        return;
    }
    if (!d.points) {
        error(at, trf("indicator '{}' has levels but no points: write 'points P' (paid when its condition is met) before 'points P at T'", d.id.text));
        return;
    }
    if (d.prorated && !d.levels.empty()) {
        error(d.levels.front().range, trf("indicator '{}' is prorated: it cannot also be paid by levels", d.id.text));
        return;
    }
    const auto cmp = info.measured_comparison();
    if (!info.target_slot || !info.measured_node || cmp == comparison::none) {
        error(at, d.prorated ? trf("a prorated payment follows the measured value: the condition of indicator '{}' must compare it with its target, e.g. rate(dmp, patients) >= target", d.id.text)
                             : trf("a graded payment follows the measured value: the condition of indicator '{}' must compare it with its target, e.g. rate(dmp, patients) >= target", d.id.text));
        return;
    }
    if (cmp == comparison::eq || cmp == comparison::ne) {
        error(at, trf("indicator '{}' compares its target with '{}': levels and prorata need >=, >, <= or <", d.id.text, comparison_text(info.written_comparison)));
        return;
    }
    if (d.prorated) {
        if (cmp != comparison::ge) {
            error(at, trf("a prorata pays the way done towards a target to reach: indicator '{}' is met when its measure is {} its target, a prorata needs >=", d.id.text,
                          comparison_text(cmp)));
            return;
        }
        if (!std::holds_alternative<ast::comparison>(d.condition.kind)) {
            error(at, trf("a prorated indicator's condition is one comparison 'measured >= target', so that the share of its points follows the measured value on "
                          "the way to the target: indicator '{}' reads '{}'",
                          d.id.text, compact(d.condition)));
            return;
        }
        prorated(d, ii);
        return;
    }
    graded(d, ii);
}

node_id checker::threshold(const ast::threshold& t, slot_path path, std::size_t ii, std::optional<std::size_t>& own_slot, std::optional<indicator_info::relative_to_target>& relative)
{
    const auto target_slot = *m_program.indicators[ii].target_slot;
    const auto type = m_program.slots[target_slot].type;
    if (t.value) {
        auto s = slot_at(std::move(path), ii, type);
        const auto written = m_constants.fill(s, *t.value, m_program.years);
        const auto si = add_slot(std::move(s));
        if (!comparable(written, type)) {
            error(t.range, trf("this threshold is {}, but the measured value it is compared with is {}", type_name(written), type_name(type)));
        }
        else {
            type_threshold(si, type);  // a rate threshold lies in [0, 1]
        }
        own_slot = si;
        return m_emit.slot(t.range, si);
    }
    scope sc;  // no indicator: `target` in the operand is an error
    sc.defines_visible = m_program.defines.size();
    const auto operand = compile(*t.operand, sc);
    const auto result = arithmetic_type(t.op, type, operand.type, t.op_range);
    if (!comparable(result, type)) {
        error(t.range, trf("this threshold is {}, but the measured value it is compared with is {}", type_name(result), type_name(type)));
    }
    relative = indicator_info::relative_to_target{t.op, operand.id};
    emitter::chain code(m_emit, m_emit.slot(t.range, target_slot));
    code.push(t.op, operand.id, t.operand->range);
    return code.finish(t.range);
}

// Pays the points of the highest level reached: max(P, [measured OP T_k] P_k...) when the
// condition is met, 0 otherwise (the payment module applies the zero_denominator policy
// when the condition is undefined).
void checker::graded(const ast::indicator_decl& d, std::size_t ii)
{
    const auto group = m_program.groups[m_program.indicators[ii].group].id;
    const auto cmp = m_program.indicators[ii].measured_comparison();
    const auto measured = *m_program.indicators[ii].measured_node;
    const auto zero = m_emit.constant(d.points->range);
    std::vector<node_id> paid{m_emit.slot(d.points->range, *m_program.indicators[ii].points_slot)};
    std::vector<indicator_info::level> levels;
    for (std::size_t k = 0; k < d.levels.size(); ++k) {
        const auto& written = d.levels[k];
        indicator_info::level level;
        level.points_slot = value_slot(slot_at({group, d.id.text, slot_kind::points, k + 2}, ii, value_type::points), written.points);
        level.threshold = threshold(written.at, {group, d.id.text, slot_kind::target, k + 2}, ii, level.threshold_slot, level.relative);
        level.threshold_text = compact(written.at.range);
        level.reached = m_emit.compare(cmp, written.at.range, measured, level.threshold);
        paid.push_back(m_emit.conditional(written.range, level.reached, m_emit.slot(written.points.range, level.points_slot), zero));
        levels.push_back(std::move(level));
    }
    levels_in_order(d, ii, levels);
    auto& info = m_program.indicators[ii];
    info.levels = std::move(levels);
    info.amount_node = m_emit.conditional(d.range, info.condition, m_emit.call(opcode::max, d.range, std::move(paid)), zero);
}

// A level whose threshold does not lie beyond the one before (in the direction the
// indicator is met) is reached whenever the one before is: legal, rarely meant.
void checker::levels_in_order(const ast::indicator_decl& d, std::size_t ii, const std::vector<indicator_info::level>& levels)
{
    const auto cmp = m_program.indicators[ii].measured_comparison();
    const bool up = cmp == comparison::ge || cmp == comparison::gt;
    std::optional<std::size_t> before = m_program.indicators[ii].target_slot;
    for (std::size_t k = 0; k < levels.size(); ++k) {
        const auto& here = levels[k].threshold_slot;
        if (here && before) {
            const auto& a = m_program.slots[*before].by_year;
            const auto& b = m_program.slots[*here].by_year;
            for (std::size_t y = 0; y < a.size(); ++y) {
                if (!a[y] || !b[y] || (up ? *b[y] > *a[y] : *b[y] < *a[y])) continue;
                const auto year = m_program.years[y];
                warning(d.levels[k].at.range,
                        up ? trf("in {} the threshold of level {} of indicator '{}' is not above the one before: whoever reaches level {} reaches it too", year, k + 2, d.id.text, k + 1)
                           : trf("in {} the threshold of level {} of indicator '{}' is not below the one before: whoever reaches level {} reaches it too", year, k + 2, d.id.text, k + 1));
                break;
            }
        }
        before = here;
    }
}

// A met indicator pays P; one not met pays P × max(0, min(1, (measured − S) / (target −
// S))) when target > S and, with a floor, measured >= F; 0 otherwise.
void checker::prorated(const ast::indicator_decl& d, std::size_t ii)
{
    const auto& written = *d.prorated;
    const auto group = m_program.groups[m_program.indicators[ii].group].id;
    const auto target_slot = *m_program.indicators[ii].target_slot;
    const auto type = m_program.slots[target_slot].type;
    const auto measured = *m_program.indicators[ii].measured_node;
    indicator_info::prorata out;
    const auto zero = m_emit.constant(written.range);
    const auto one = m_emit.constant(written.range, rational(1));
    if (written.from) {
        scope sc;
        sc.defines_visible = m_program.defines.size();
        const auto start = compile(*written.from, sc);
        if (!comparable(start.type, type)) {
            error(written.from->range, trf("the start of a prorata is {}, but the measured value is {}", type_name(start.type), type_name(type)));
        }
        out.start = start.id;
        out.start_text = compact(*written.from);
    }
    else {
        out.start = zero;
        out.start_text = "0";
    }
    const auto target = m_emit.slot(written.range, target_slot);
    emitter::chain gap(m_emit, target);
    gap.push(ast::binary_op::sub, out.start, written.range);
    const auto way = gap.finish(written.range);
    emitter::chain done(m_emit, measured);
    done.push(ast::binary_op::sub, out.start, written.range);
    emitter::chain ratio(m_emit, done.finish(written.range));
    ratio.push(ast::binary_op::div, way, written.range);
    const auto clamped = m_emit.call(opcode::max, written.range, {zero, m_emit.call(opcode::min, written.range, {one, ratio.finish(written.range)})});
    auto counts = m_emit.compare(comparison::gt, written.range, way, zero);
    if (written.above) {
        out.floor = threshold(*written.above, {group, d.id.text, slot_kind::floor}, ii, out.floor_slot, out.floor_relative);
        out.floor_text = compact(written.above->range);
        counts = m_emit.logical(ast::binary_op::logical_and, written.range, {counts, m_emit.compare(comparison::ge, written.above->range, measured, *out.floor)});
    }
    out.fraction = m_emit.conditional(written.range, counts, clamped, zero);
    const auto points = m_emit.slot(d.points->range, *m_program.indicators[ii].points_slot);
    emitter::chain share(m_emit, points);
    share.push(ast::binary_op::mul, out.fraction, written.range);
    auto& info = m_program.indicators[ii];
    info.amount_node = m_emit.conditional(d.range, info.condition, points, share.finish(written.range));
    info.prorated = std::move(out);
}

}  // namespace donum::compile::internal
