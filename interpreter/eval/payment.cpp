#include "interpreter/eval/payment.hpp"

#include <algorithm>
#include <limits>
#include <numeric>

#include <fmt/format.h>

#include "interpreter/messages/messages.hpp"

#include "interpreter/eval/errors.hpp"

namespace donum::eval {

using messages::trf;

namespace ast = grammar::ast;

namespace {

constexpr std::int64_t min64 = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t max64 = std::numeric_limits<std::int64_t>::max();

[[noreturn]] void raise(evaluation_error e, int year)
{
    e.set_year(year);
    throw e;
}

}  // namespace

payment_plan::payment_plan(const program& p, int year, std::span<const std::optional<rational>> slot_values) : m_year(year)
{
    m_point_value = *slot_values[p.point_value_slot];
    m_indicator_points.resize(p.indicators.size());
    m_block_points.resize(p.groups.size());
    // The least common denominator of every points value, if it fits 64 bits.
    std::int64_t scale = 1;
    bool scalable = true;
    auto widen = [&](const rational& r) {
        const auto g = std::gcd(scale, r.den());
        if (__builtin_mul_overflow(scale / g, r.den(), &scale)) scalable = false;
    };
    for (std::size_t i = 0; i < p.indicators.size(); ++i) {
        if (const auto& s = p.indicators[i].points_slot) {
            m_indicator_points[i] = *slot_values[*s];
            if (scalable) widen(*m_indicator_points[i]);
        }
    }
    m_group_caps.resize(p.groups.size());
    for (std::size_t g = 0; g < p.groups.size(); ++g) {
        if (const auto& s = p.groups[g].block_slot) {
            m_block_points[g] = *slot_values[*s];
            if (scalable) widen(*m_block_points[g]);
        }
        if (const auto& s = p.groups[g].cap_slot) {
            m_group_caps[g] = *slot_values[*s];
            if (scalable) widen(*m_group_caps[g]);
        }
    }
    if (p.cap_slot) {
        m_cap = *slot_values[*p.cap_slot];
        if (scalable) widen(*m_cap);
    }
    m_computed = std::any_of(p.indicators.begin(), p.indicators.end(), [](const compile::indicator_info& i) { return i.amount_node.has_value(); });
    auto scaled = [&](const std::optional<rational>& r) -> std::int64_t {
        if (!r || !scalable) return 0;
        std::int64_t out = 0;
        if (__builtin_mul_overflow(r->num(), scale / r->den(), &out)) scalable = false;
        return out;
    };
    for (const auto& r : m_indicator_points) m_indicator_scaled.push_back(scaled(r));
    for (const auto& r : m_block_points) m_block_scaled.push_back(scaled(r));
    for (const auto& r : m_group_caps) m_group_caps_scaled.push_back(r ? scaled(r) : max64);
    m_cap_scaled = m_cap ? scaled(m_cap) : max64;
    if (scalable) {
        m_scale = scale;
        m_points.emplace(scale);
        std::int64_t den = 0;
        if (!__builtin_mul_overflow(m_point_value.den(), scale, &den)) {
            const rational per_unit(m_point_value.num(), den);  // euros of 1/scale point
            m_euros.emplace(per_unit.den());
            m_euros_factor = per_unit.num();
        }
    }
    m_may_neutralise.assign(p.groups.size(), 0);
    for (const auto& ind : p.indicators) {
        if (ind.zero_policy == ast::zero_policy::neutralised) m_may_neutralise[ind.group] = 1;
    }
}

bool payment_plan::operator==(const payment_plan& other) const
{
    return m_indicator_points == other.m_indicator_points && m_block_points == other.m_block_points && m_group_caps == other.m_group_caps && m_cap == other.m_cap &&
           m_point_value == other.m_point_value;
}

std::size_t term_required(const program& p, const gate_term_info& term)
{
    const auto& g = p.groups[term.group];
    switch (term.quantifier) {
        case ast::gate_term::kind::all: return g.indicators.size();
        case ast::gate_term::kind::any: return 1;
        case ast::gate_term::kind::at_least: return term.k;
        case ast::gate_term::kind::paid: return g.block_all ? g.indicators.size() : g.block_k;
    }
    return term.k;
}

std::size_t still_needed(std::size_t required, std::size_t g, const result& r)
{
    const std::size_t met = r.group_met[g];
    const std::size_t counted = met + r.group_neutralised[g];
    // Neutralised indicators count with the met ones, but one must really be met.
    const std::size_t short_of = counted >= required ? 0 : required - counted;
    return std::max<std::size_t>(short_of, met == 0 && required > 0 ? 1 : 0);
}

bool term_holds(const program& p, const gate_term_info& term, const result& r)
{
    if (term.quantifier == ast::gate_term::kind::paid) return block_paid(p, term.group, r);
    return r.group_open[term.group] && still_needed(term_required(p, term), term.group, r) == 0;
}

bool block_paid(const program& p, std::size_t g, const result& r)
{
    const auto& gi = p.groups[g];
    if (!gi.block_slot || !r.group_open[g]) return false;
    return still_needed(gi.block_all ? gi.indicators.size() : gi.block_k, g, r) == 0;
}

rational indicator_paid(const program& p, const payment_plan& plan, std::size_t i, const result& r)
{
    const auto& ind = p.indicators[i];
    const auto outcome = r.indicators[i].outcome;
    if (outcome == indicator_outcome::neutralised) return rational(0);
    if (!ind.amount_node) return outcome == indicator_outcome::met && plan.indicator_points(i) ? *plan.indicator_points(i) : rational(0);
    const auto& v = r.values[static_cast<std::size_t>(*ind.amount_node)];
    if (v.overflowed()) {
        const auto& at = p.code[static_cast<std::size_t>(v.num)].range;
        raise({at, trf("the points of indicator '{}' are too large for exact arithmetic (beyond 64 bits)", ind.id)}, plan.year());
    }
    // The measured value is undefined (a zero denominator): the indicator's policy decided
    // its outcome, and a met one pays its first level in full.
    if (!v.defined()) return outcome == indicator_outcome::met && plan.indicator_points(i) ? *plan.indicator_points(i) : rational(0);
    // A prorata is paid to the hundredth of a point, half away from zero: exact sums over a
    // population need a bounded denominator (docs/language.md, "Computed payments").
    return ind.prorated ? v.exact().rounded(2) : v.exact();
}

rational group_uncapped(const program& p, const payment_plan& plan, std::size_t g, const result& r)
{
    const auto& gi = p.groups[g];
    if (gi.block_slot) return block_paid(p, g, r) ? *plan.block_points(g) : rational(0);
    rational sum;
    if (!r.group_open[g]) return sum;
    for (const auto i : gi.indicators) sum = sum + indicator_paid(p, plan, i, r);
    return sum;
}

void pay(const program& p, const payment_plan& plan, result& r)
{
    const auto groups = p.groups.size();
    // Every element is written below (group_order holds every group): no clearing first.
    r.group_open.resize(groups);
    r.group_met.resize(groups);
    r.group_neutralised.resize(groups);
    r.group_points.resize(groups);
    // Branch-free counts: outcomes vary from row to row, so branches would mispredict.
    for (std::size_t g = 0; g < groups; ++g) {
        std::uint32_t met = 0;
        std::uint32_t neutralised = 0;
        for (const auto i : p.groups[g].indicators) met += static_cast<std::uint32_t>(r.indicators[i].outcome == indicator_outcome::met);
        if (plan.m_may_neutralise[g] != 0) {
            for (const auto i : p.groups[g].indicators) neutralised += static_cast<std::uint32_t>(r.indicators[i].outcome == indicator_outcome::neutralised);
        }
        r.group_met[g] = met;
        r.group_neutralised[g] = neutralised;
    }
    for (const auto g : p.group_order) {
        bool open = true;
        for (const auto& t : p.groups[g].gate) open = open && term_holds(p, t, r);
        r.group_open[g] = open;
    }

    // Which points are paid, then their sum: integers over a common denominator when they
    // fit, exact rationals otherwise.
    bool done = false;
    if (plan.m_scale && !plan.m_computed) {
        // Never empty: the numerator is above INT64_MIN, and no factor.
        auto points = [&](std::int64_t scaled) { return *plan.m_points->of(scaled); };
        // 128-bit sums of 64-bit terms cannot overflow; each is checked once at the end.
        exact::i128 total = 0;
        bool fits = true;
        for (std::size_t g = 0; g < groups && fits; ++g) {
            exact::i128 sum = 0;
            if (p.groups[g].block_slot) {
                if (block_paid(p, g, r)) sum = plan.m_block_scaled[g];
            }
            else if (r.group_open[g]) {
                // Masked rather than branched on: outcomes vary from row to row.
                for (const auto i : p.groups[g].indicators) {
                    const auto met = -static_cast<std::int64_t>(r.indicators[i].outcome == indicator_outcome::met);
                    sum += plan.m_indicator_scaled[i] & met;
                }
            }
            sum = std::min<exact::i128>(sum, plan.m_group_caps_scaled[g]);
            total += sum;
            fits = sum > min64 && sum <= max64 && total > min64 && total <= max64;
            if (fits) r.group_points[g] = points(static_cast<std::int64_t>(sum));
        }
        if (fits) {
            const auto paid = static_cast<std::int64_t>(std::min<exact::i128>(total, plan.m_cap_scaled));
            r.points = points(paid);
            // The euros from the same count, when they fit (otherwise as below, which says
            // why they do not).
            if (plan.m_euros) {
                if (const auto euros = plan.m_euros->of(paid, plan.m_euros_factor)) {
                    r.euros = *euros;
                    return;
                }
            }
            done = true;
        }
    }
    if (!done) {
        rational total;
        for (std::size_t g = 0; g < groups; ++g) {
            const auto& gi = p.groups[g];
            rational sum;
            try {
                sum = group_uncapped(p, plan, g, r);
                if (const auto& cap = plan.group_cap(g); cap && *cap < sum) sum = *cap;
                total = total + sum;
            }
            catch (const exact::overflow_error&) {
                raise({gi.range, trf("the points of group '{}' are too large for exact arithmetic (beyond 64 bits)", gi.id)}, plan.year());
            }
            r.group_points[g] = sum;
        }
        if (const auto& cap = plan.cap(); cap && *cap < total) total = *cap;
        r.points = total;
    }

    std::int64_t euros = 0;
    const auto& pv = plan.point_value();
    if (r.points.is_integer() && pv.is_integer() && !__builtin_mul_overflow(r.points.num(), pv.num(), &euros) && euros != min64) {
        r.euros = rational(euros);
        return;
    }
    try {
        r.euros = r.points * pv;
    }
    catch (const exact::overflow_error&) {
        raise({p.slots[p.point_value_slot].range, trf("{} points times the point value is too large for exact arithmetic (beyond 64 bits)", r.points.to_string())}, plan.year());
    }
}

}  // namespace donum::eval
