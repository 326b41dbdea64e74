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
#include <numeric>

#include <fmt/format.h>

#include "interpreter/compile/summary.hpp"

namespace donum::eval {

using compile::display_value;

namespace ast = grammar::ast;

namespace {

__extension__ typedef __int128 i128;

constexpr std::int64_t min64 = std::numeric_limits<std::int64_t>::min();

constexpr bool overflowed(const value& v) { return v.den < 0; }
constexpr value overflow_at(std::size_t node) { return {static_cast<std::int64_t>(node), -1}; }
constexpr value boolean(bool b) { return {b ? 1 : 0, 1}; }
constexpr value of(const rational& r) { return {r.num(), r.den()}; }

// Sign of a.num/a.den - b.num/b.den, both defined: exact, since dens are positive and the
// products fit 128 bits.
int compare(const value& a, const value& b)
{
    const i128 left = static_cast<i128>(a.num) * b.den;
    const i128 right = static_cast<i128>(b.num) * a.den;
    return left < right ? -1 : left > right ? 1 : 0;
}

// Floor and ceiling of a / b for b > 0.
i128 floor_div(i128 a, i128 b)
{
    const i128 q = a / b;
    return (a % b != 0 && a < 0) ? q - 1 : q;
}
i128 ceil_div(i128 a, i128 b)
{
    const i128 q = a / b;
    return (a % b != 0 && a > 0) ? q + 1 : q;
}

const char* node_text(opcode op)
{
    switch (op) {
        case opcode::rate: return "this rate";
        case opcode::mean: return "this mean";
        case opcode::add: return "this sum";
        case opcode::mul: return "this product";
        case opcode::div: return "this division";
        case opcode::negate: return "this negation";
        default: return "this expression";
    }
}

}  // namespace

// -- errors -----------------------------------------------------------------------------------

evaluation_error::evaluation_error(const grammar::source_range& range, std::string message)
    : std::runtime_error(message), m_range(range), m_message(std::move(message))
{
    update_what();
}

void evaluation_error::set_row(std::string data_file, std::size_t data_line, std::string id, int year)
{
    m_data_file = std::move(data_file);
    m_data_line = data_line;
    m_id = std::move(id);
    m_year = year;
    update_what();
}

void evaluation_error::update_what()
{
    std::string where = "<rules>";
    if (m_range.file != nullptr) {
        where = fmt::format("{}:{}:{}", m_range.file->name, m_range.begin.line, m_range.begin.column);
    }
    m_what = fmt::format("{}: error: {}", where, m_message);
    if (!m_data_file.empty() || !m_id.empty()) {
        m_what += fmt::format(" ({}:{}: physician {}, year {})", m_data_file, m_data_line, m_id, m_year);
    }
}

grammar::diagnostic evaluation_error::to_diagnostic() const
{
    grammar::diagnostic d{grammar::severity::error, m_range, m_message, {}};
    if (!m_data_file.empty() || !m_id.empty()) {
        d.message += fmt::format(" (data {}:{}: physician {}, year {})", m_data_file, m_data_line, m_id, m_year);
    }
    return d;
}

namespace {

std::string placeholder_message(int year, const std::vector<open_placeholder>& open)
{
    std::vector<std::string> names;
    for (const auto& o : open) {
        if (o.range.file != nullptr) names.push_back(fmt::format("{} ({}:{})", o.name, o.range.file->name, o.range.begin.line));
        else names.push_back(o.name);
    }
    return fmt::format("year {} cannot be evaluated: {} value{} not agreed yet (XX): {}; set {} with --set or a scenario", year, open.size(),
                       open.size() == 1 ? " is" : "s are", fmt::join(names, ", "), open.size() == 1 ? "it" : "them");
}

}  // namespace

placeholder_error::placeholder_error(int year, std::vector<open_placeholder> open)
    : std::runtime_error(placeholder_message(year, open)), m_year(year), m_open(std::move(open))
{
}

const char* outcome_name(indicator_outcome o)
{
    switch (o) {
        case indicator_outcome::met: return "atteint";
        case indicator_outcome::not_met: return "non atteint";
        case indicator_outcome::neutralised: return "neutralisé";
    }
    return "?";
}

// -- preparation --------------------------------------------------------------------------------

evaluator::evaluator(const program& p, int year) : evaluator(p, year, {}) {}

evaluator::evaluator(const program& p, int year, std::span<const std::pair<std::size_t, rational>> overrides) : m_program(&p), m_year(year), m_year_index(0)
{
    const auto yi = p.year_index(year);
    if (!yi) {
        throw std::invalid_argument(fmt::format("year {} is not a year of convention {} (years: {})", year, p.id, fmt::join(p.years, ", ")));
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

    // Points of the year, and the same as integers over their least common denominator.
    m_point_value = *m_slot_values[p.point_value_slot];
    m_indicator_points.resize(p.indicators.size());
    m_block_points.resize(p.groups.size());
    std::int64_t scale = 1;
    bool scalable = true;
    auto widen = [&](const rational& r) {
        const auto g = std::gcd(scale, r.den());
        if (__builtin_mul_overflow(scale / g, r.den(), &scale)) scalable = false;
    };
    for (std::size_t i = 0; i < p.indicators.size(); ++i) {
        if (const auto& si = p.indicators[i].points_slot) {
            m_indicator_points[i] = *m_slot_values[*si];
            if (scalable) widen(*m_indicator_points[i]);
        }
    }
    for (std::size_t g = 0; g < p.groups.size(); ++g) {
        if (const auto& si = p.groups[g].block_slot) {
            m_block_points[g] = *m_slot_values[*si];
            if (scalable) widen(*m_block_points[g]);
        }
    }
    auto scaled = [&](const std::optional<rational>& r) -> std::int64_t {
        if (!r || !scalable) return 0;
        std::int64_t out = 0;
        if (__builtin_mul_overflow(r->num(), scale / r->den(), &out)) scalable = false;
        return out;
    };
    for (const auto& r : m_indicator_points) m_indicator_scaled.push_back(scaled(r));
    for (const auto& r : m_block_points) m_block_scaled.push_back(scaled(r));
    if (scalable) m_points_scale = scale;
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
        case opcode::input: r = {inputs[ins.index], 1}; break;
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
            catch (const overflow_error&) {
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
                catch (const overflow_error&) {
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
            catch (const overflow_error&) {
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
    throw evaluation_error(cn.range, fmt::format("{} is too large for exact arithmetic (beyond 64 bits)", node_text(cn.op)));
}

void evaluator::decide_one(std::size_t k, result& out) const
{
    const auto& ind = m_program->indicators[k];
    const value& c = out.values[static_cast<std::size_t>(ind.condition)];
    if (overflowed(c)) raise_overflow(c);
    indicator_result ir;
    if (c.defined()) {
        ir.outcome = c.is_true() ? indicator_outcome::met : indicator_outcome::not_met;
    }
    else {
        ir.undefined = true;
        ir.outcome = ind.zero_policy == ast::zero_policy::met ? indicator_outcome::met
                     : ind.zero_policy == ast::zero_policy::neutralised ? indicator_outcome::neutralised
                                                                       : indicator_outcome::not_met;
    }
    out.indicators[k] = ir;
}

void evaluator::evaluate_nodes(std::span<const node_id> nodes, result& out) const
{
    const auto n = m_code.size();
    if (out.values.size() != n) {
        throw std::invalid_argument(fmt::format("evaluate_nodes: {} values for {} code nodes (evaluate the row first)", out.values.size(), n));
    }
    value* const v = out.values.data();
    bool overflow = false;
    node_id previous = -1;
    for (const auto id : nodes) {
        if (id <= previous || static_cast<std::size_t>(id) >= n) {
            throw std::invalid_argument(fmt::format("evaluate_nodes: node {} is out of range or not in ascending order", id));
        }
        previous = id;
        const auto i = static_cast<std::size_t>(id);
        // A row's inputs do not change: an input node keeps the value the row gave it.
        if (m_code[i].op == opcode::input) continue;
        v[i] = compute(i, nullptr, v);
        overflow = overflow || overflowed(v[i]);
    }
    // Rare: only then look for the definition evaluate() would report, in its order.
    if (overflow) {
        for (const auto& d : m_program->defines) {
            if (overflowed(v[d.root])) raise_overflow(v[d.root]);
        }
    }
}

void evaluator::decide(std::span<const std::size_t> indicators, result& out) const
{
    const auto& p = *m_program;
    if (out.values.size() != m_code.size()) {
        throw std::invalid_argument(fmt::format("decide: {} values for {} code nodes (evaluate the row first)", out.values.size(), m_code.size()));
    }
    out.indicators.resize(p.indicators.size());
    for (const auto k : indicators) {
        if (k >= p.indicators.size()) throw std::invalid_argument(fmt::format("decide: indicator {} out of range ({} indicators)", k, p.indicators.size()));
        decide_one(k, out);
    }
}

rational evaluator::points_from_scaled(std::int64_t scaled) const
{
    const auto scale = *m_points_scale;
    if (scaled % scale == 0) return {scaled / scale};
    return {scaled, scale};
}

void evaluator::pay(result& out) const
{
    const auto& p = *m_program;
    const auto groups = p.groups.size();
    out.group_open.assign(groups, false);
    out.group_met.assign(groups, 0);
    out.group_neutralised.assign(groups, 0);
    out.group_points.resize(groups);
    // Branch-free counts: outcomes vary from row to row, so branches would mispredict.
    for (std::size_t g = 0; g < groups; ++g) {
        std::uint32_t met = 0;
        std::uint32_t neutralised = 0;
        for (const auto i : p.groups[g].indicators) {
            const auto o = out.indicators[i].outcome;
            met += static_cast<std::uint32_t>(o == indicator_outcome::met);
            neutralised += static_cast<std::uint32_t>(o == indicator_outcome::neutralised);
        }
        out.group_met[g] = met;
        out.group_neutralised[g] = neutralised;
    }
    auto counted = [&](std::size_t g) { return p.groups[g].indicators.size() - out.group_neutralised[g]; };
    for (const auto g : p.group_order) {
        bool open = true;
        for (const auto& t : p.groups[g].gate) {
            const auto other = t.group;
            bool holds = out.group_open[other];
            switch (t.quantifier) {
                case ast::gate_term::kind::all: holds = holds && out.group_met[other] == counted(other); break;
                case ast::gate_term::kind::any: holds = holds && out.group_met[other] >= 1; break;
                case ast::gate_term::kind::at_least: holds = holds && out.group_met[other] >= t.k; break;
            }
            open = open && holds;
        }
        out.group_open[g] = open;
    }

    // Which points are paid, then their sum: integers over a common denominator when they
    // fit, exact rationals otherwise.
    auto block_paid = [&](std::size_t g) {
        const auto& gi = p.groups[g];
        return out.group_open[g] && (gi.block_all ? out.group_met[g] == counted(g) : out.group_met[g] >= gi.block_k);
    };
    bool done = false;
    if (m_points_scale) {
        // 128-bit sums of 64-bit terms cannot overflow; each is checked once at the end.
        i128 total = 0;
        bool fits = true;
        for (std::size_t g = 0; g < groups && fits; ++g) {
            i128 sum = 0;
            if (p.groups[g].block_slot) {
                if (block_paid(g)) sum = m_block_scaled[g];
            }
            else if (out.group_open[g]) {
                for (const auto i : p.groups[g].indicators) {
                    sum += out.indicators[i].outcome == indicator_outcome::met ? m_indicator_scaled[i] : 0;
                }
            }
            total += sum;
            fits = sum > min64 && sum <= std::numeric_limits<std::int64_t>::max() && total > min64 && total <= std::numeric_limits<std::int64_t>::max();
            if (fits) out.group_points[g] = points_from_scaled(static_cast<std::int64_t>(sum));
        }
        if (fits) {
            out.points = points_from_scaled(static_cast<std::int64_t>(total));
            done = true;
        }
    }
    if (!done) {
        rational total;
        for (std::size_t g = 0; g < groups; ++g) {
            const auto& gi = p.groups[g];
            rational sum;
            try {
                if (gi.block_slot) {
                    if (block_paid(g)) sum = *m_block_points[g];
                }
                else if (out.group_open[g]) {
                    for (const auto i : gi.indicators) {
                        if (out.indicators[i].outcome == indicator_outcome::met && m_indicator_points[i]) sum = sum + *m_indicator_points[i];
                    }
                }
                total = total + sum;
            }
            catch (const overflow_error&) {
                throw evaluation_error(gi.range, fmt::format("the points of group '{}' are too large for exact arithmetic (beyond 64 bits)", gi.id));
            }
            out.group_points[g] = sum;
        }
        out.points = total;
    }

    std::int64_t euros = 0;
    if (out.points.is_integer() && m_point_value.is_integer() && !__builtin_mul_overflow(out.points.num(), m_point_value.num(), &euros) && euros != min64) {
        out.euros = rational(euros);
        return;
    }
    try {
        out.euros = out.points * m_point_value;
    }
    catch (const overflow_error&) {
        throw evaluation_error(p.slots[p.point_value_slot].range, fmt::format("{} points times the point value is too large for exact arithmetic (beyond 64 bits)", out.points.to_string()));
    }
}

void evaluator::evaluate(std::span<const std::int64_t> inputs, result& out) const
{
    run(inputs, out);
    pay(out);
}

result evaluator::evaluate(std::span<const std::int64_t> inputs) const
{
    result out;
    evaluate(inputs, out);
    return out;
}

// -- explanation --------------------------------------------------------------------------------

explanation evaluator::explain(std::span<const std::int64_t> inputs) const
{
    const auto& p = *m_program;
    result r;
    evaluate(inputs, r);

    explanation e;
    e.year = m_year;
    e.point_value = m_point_value;
    e.points = r.points;
    e.euros = r.euros;

    for (std::size_t k = 0; k < p.indicators.size(); ++k) {
        const auto& ind = p.indicators[k];
        indicator_explanation ie;
        ie.indicator = k;
        ie.result = r.indicators[k];
        ie.condition = r.values[static_cast<std::size_t>(ind.condition)];
        if (ind.target_slot) ie.target = m_slot_values[*ind.target_slot];
        ie.points_of_year = m_indicator_points[k];
        const auto g = ind.group;
        if (ie.result.outcome == indicator_outcome::met && r.group_open[g] && !p.groups[g].block_slot && m_indicator_points[k]) {
            ie.points_paid = *m_indicator_points[k];
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
            const i128 num = ie.numerator->num;
            const i128 den = ie.denominator->num;
            const i128 tnum = ie.target->num();
            const i128 tden = ie.target->den();
            // >=: smallest n' with n' * tden >= tnum * den; >: smallest with n' * tden > tnum * den.
            const i128 needed = strict ? floor_div(tnum * den, tden) + 1 : ceil_div(tnum * den, tden);
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
            const auto counted = p.groups[other].indicators.size() - r.group_neutralised[other];
            te.required = term.quantifier == ast::gate_term::kind::all ? counted : term.quantifier == ast::gate_term::kind::any ? 1 : term.k;
            te.holds = te.group_open && te.met >= te.required;
            for (const auto i : p.groups[other].indicators) {
                if (r.indicators[i].outcome == indicator_outcome::not_met) te.missing.push_back(i);
            }
            ge.terms.push_back(std::move(te));
        }
        if (gi.block_slot) {
            ge.block = true;
            ge.block_points = m_block_points[g];
            ge.block_paid = ge.open && (gi.block_all ? ge.met == gi.indicators.size() - ge.neutralised : ge.met >= gi.block_k);
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
    if (overflowed(v)) return "dépassement";
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
                else if (!ie.measured->defined() && !overflowed(*ie.measured)) measure += " (dénominateur nul)";
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
