#include "interpreter/population/report.hpp"

#include <algorithm>
#include <limits>
#include <unordered_set>
#include <utility>

#include <fmt/format.h>

#include "interpreter/eval/payment.hpp"
#include "interpreter/exact/sum.hpp"
#include "interpreter/population/runner.hpp"
#include "interpreter/population/totals.hpp"
#include "interpreter/population/report_tally.hpp"
#include "interpreter/messages/messages.hpp"

namespace donum::population {

using internal::finish;
using internal::near_miss_window;
using internal::tally;
using internal::tally_counts;
using internal::tally_payment;
using internal::window;

using messages::tr;

using compile::indicator_info;
using eval::indicator_outcome;

namespace internal {

std::optional<amount_distribution> distribution_of_counts(std::span<const std::pair<rational, std::size_t>> counts)
{
    std::size_t n = 0;
    exact::exact_sum sum;
    for (const auto& [amount, count] : counts) {
        n += count;
        sum.add(amount * rational(static_cast<std::int64_t>(count)));
    }
    if (n == 0) return std::nullopt;
    // x(k) of the header (1-based rank k): the amount whose run of counts holds rank k.
    auto at = [&](std::size_t k) -> const rational& {
        std::size_t seen = 0;
        for (const auto& [amount, count] : counts) {
            seen += count;
            if (k <= seen) return amount;
        }
        return counts.back().first;
    };
    amount_distribution d;
    const auto total = sum.value();
    if (!total) throw exact::overflow_error(tr("the sum of the amounts is beyond 64 bits"));
    d.mean = *total / rational(static_cast<std::int64_t>(n));
    d.median = n % 2 == 1 ? at(n / 2 + 1) : (at(n / 2) + at(n / 2 + 1)) / rational(2);
    for (std::size_t k = 1; k <= 9; ++k) d.deciles[k - 1] = at((k * n + 9) / 10);  // ceil(k n / 10), >= 1 since n >= 1
    d.maximum = counts.back().first;
    return d;
}

}  // namespace internal

std::optional<amount_distribution> distribution(std::vector<rational> amounts)
{
    std::sort(amounts.begin(), amounts.end());
    std::vector<std::pair<rational, std::size_t>> counts;
    for (const auto& a : amounts) {
        if (counts.empty() || counts.back().first != a) counts.emplace_back(a, 0);
        ++counts.back().second;
    }
    return internal::distribution_of_counts(counts);
}

namespace {

constexpr auto none = std::numeric_limits<std::size_t>::max();

// The only indicator of group g that is neither met nor neutralised, or none when there
// are zero or several: one missing indicator is what "blocked by one" is about.
std::size_t only_missing(const program& p, const result& r, std::size_t g)
{
    std::size_t found = none;
    for (const auto i : p.groups[g].indicators) {
        if (r.indicators[i].outcome != indicator_outcome::not_met) continue;
        if (found != none) return none;
        found = i;
    }
    return found;
}

}  // namespace

void sole_missing_indicators(const program& p, const result& r, std::vector<std::size_t>& out)
{
    out.clear();
    for (std::size_t g = 0; g < p.groups.size(); ++g) {
        const auto& gi = p.groups[g];
        std::size_t culprit = none;
        if (!r.group_open[g]) {
            bool single = true;
            for (const auto& t : gi.gate) {
                if (eval::term_holds(p, t, r)) continue;
                const auto h = t.group;
                const std::size_t needed = eval::still_needed(eval::term_required(p, t), h, r);
                // A closed group behind the term, or more than one indicator wanted: no
                // single indicator would open g.
                const auto i = r.group_open[h] && needed == 1 ? only_missing(p, r, h) : none;
                if (i == none || (culprit != none && culprit != i)) {
                    single = false;
                    break;
                }
                culprit = i;
            }
            if (!single) culprit = none;
        }
        else if (gi.block_slot && !eval::block_paid(p, g, r)) {
            const auto needed = eval::still_needed(gi.block_all ? gi.indicators.size() : gi.block_k, g, r);
            if (needed == 1) culprit = only_missing(p, r, g);
        }
        if (culprit != none) out.push_back(culprit);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
}

namespace {

bool has_near_miss(const program& p, const indicator_info& i)
{
    if (!i.target_slot || !i.measured_node) return false;
    const auto c = comparison_text(i.measured_comparison());
    return p.slots[*i.target_slot].type == compile::value_type::rate && (c == ">=" || c == ">" || c == "<=" || c == "<");
}

// `weight` more (or fewer, when negative): modular, so that taking rows out and putting them
// back cancels exactly.
void bump(std::size_t& count, std::int64_t weight)
{
    count += static_cast<std::size_t>(weight);
}

}  // namespace

namespace internal {

std::optional<window> near_miss_window(const program& p, const indicator_info& i, std::size_t year_index, const rational& margin)
{
    if (!has_near_miss(p, i)) return std::nullopt;
    const auto& target = p.slots[*i.target_slot].by_year[year_index];
    if (!target) return std::nullopt;  // XX: the pass refuses the year anyway
    const auto c = comparison_text(i.measured_comparison());
    try {
        if (c == ">=") return window{*target - margin, *target, true, false};
        if (c == ">") return window{*target - margin, *target, true, true};
        if (c == "<=") return window{*target, *target + margin, false, true};
        return window{*target, *target + margin, true, true};
    }
    catch (const exact::overflow_error&) {
        // A target of huge numerator and denominator (a fraction written by hand or by a
        // generator): its window's bound has no exact 64-bit value. Said at the target.
        const auto& s = p.slots[*i.target_slot];
        const auto& at = year_index < s.year_ranges.size() && s.year_ranges[year_index].file != nullptr ? s.year_ranges[year_index] : s.range;
        throw eval::evaluation_error(at, messages::trf("the near misses of this target (within {} points of it) are too fine for exact arithmetic (beyond 64 bits)", (margin * rational(100)).to_string()));
    }
}

tally::tally(std::size_t groups, std::size_t indicators)
    : open(groups), block_paid(groups), group_points(groups), met(indicators), neutralised(indicators), paid_count(indicators), near_misses(indicators), blocked_alone(indicators),
      partial(indicators), computed_points(indicators)
{
}

void tally::add(const tally& o)
{
    physicians += o.physicians;
    paid += o.paid;
    blocked_by_one += o.blocked_by_one;
    points.add(o.points);
    euros.add(o.euros);
    for (std::size_t g = 0; g < open.size(); ++g) {
        open[g] += o.open[g];
        block_paid[g] += o.block_paid[g];
        group_points[g].add(o.group_points[g]);
    }
    for (std::size_t i = 0; i < met.size(); ++i) {
        met[i] += o.met[i];
        neutralised[i] += o.neutralised[i];
        paid_count[i] += o.paid_count[i];
        near_misses[i] += o.near_misses[i];
        blocked_alone[i] += o.blocked_alone[i];
        partial[i] += o.partial[i];
        computed_points[i].add(o.computed_points[i]);
    }
    amounts.insert(amounts.end(), o.amounts.begin(), o.amounts.end());
    ids.insert(o.ids.begin(), o.ids.end());
}

void tally::subtract(const tally& o)
{
    physicians -= o.physicians;
    paid -= o.paid;
    blocked_by_one -= o.blocked_by_one;
    points.subtract(o.points);
    euros.subtract(o.euros);
    for (std::size_t g = 0; g < open.size(); ++g) {
        open[g] -= o.open[g];
        block_paid[g] -= o.block_paid[g];
        group_points[g].subtract(o.group_points[g]);
    }
    for (std::size_t i = 0; i < met.size(); ++i) {
        met[i] -= o.met[i];
        neutralised[i] -= o.neutralised[i];
        paid_count[i] -= o.paid_count[i];
        near_misses[i] -= o.near_misses[i];
        blocked_alone[i] -= o.blocked_alone[i];
        partial[i] -= o.partial[i];
        computed_points[i].subtract(o.computed_points[i]);
    }
}

void tally_payment(const program& p, const eval::payment_plan& plan, const result& r, std::int64_t weight, tally& t)
{
    if (r.euros > rational(0)) bump(t.paid, weight);
    t.points.add(r.points, weight);
    t.euros.add(r.euros, weight);
    // Group euros come from its points at the end: one product per year, not per row.
    for (std::size_t g = 0; g < p.groups.size(); ++g) t.group_points[g].add(r.group_points[g], weight);
    for (std::size_t i = 0; i < p.indicators.size(); ++i) {
        const auto& info = p.indicators[i];
        if (!info.amount_node || !r.group_open[info.group]) continue;
        const auto paid = eval::indicator_paid(p, plan, i, r);
        t.computed_points[i].add(paid, weight);
        if (paid > rational(0) && r.indicators[i].outcome != indicator_outcome::met) bump(t.partial[i], weight);
    }
}

void tally_counts(const program& p, std::span<const std::optional<window>> windows, const result& r, std::int64_t weight, tally& t, std::vector<std::size_t>& blamed)
{
    for (std::size_t g = 0; g < p.groups.size(); ++g) {
        if (r.group_open[g]) bump(t.open[g], weight);
        if (eval::block_paid(p, g, r)) bump(t.block_paid[g], weight);
    }
    for (std::size_t i = 0; i < p.indicators.size(); ++i) {
        const auto& info = p.indicators[i];
        const auto outcome = r.indicators[i].outcome;
        if (outcome == indicator_outcome::met) {
            bump(t.met[i], weight);
            if (r.group_open[info.group]) bump(t.paid_count[i], weight);
        }
        else if (outcome == indicator_outcome::neutralised) {
            bump(t.neutralised[i], weight);
        }
        else if (!windows.empty() && windows[i]) {
            const auto& v = r.values[static_cast<std::size_t>(*info.measured_node)];
            if (v.defined() && windows[i]->contains(v.exact())) bump(t.near_misses[i], weight);
        }
    }
    sole_missing_indicators(p, r, blamed);
    for (const auto i : blamed) bump(t.blocked_alone[i], weight);
    if (!blamed.empty()) bump(t.blocked_by_one, weight);
}

report_section finish(const program& p, const tally& t, std::optional<std::size_t> y, const std::vector<report_section>& years)
{
    report_section s;
    if (y) s.year = p.years[*y];
    s.physicians = t.physicians;
    s.paid = t.paid;
    s.unpaid = t.physicians - t.paid;
    s.blocked_by_one = t.blocked_by_one;
    s.distinct_ids = t.ids.size();
    s.points = total(p, t.points);
    s.euros = total(p, t.euros);
    s.amounts = guard_totals(p, [&] { return distribution(t.amounts); });
    // A year present is evaluated, so its point value and points are set.
    const auto point_value = y ? p.slots[p.point_value_slot].by_year[*y].value_or(rational(0)) : rational(0);
    s.groups.resize(p.groups.size());
    for (std::size_t g = 0; g < p.groups.size(); ++g) {
        auto& gs = s.groups[g];
        gs.open = t.open[g];
        if (p.groups[g].block_slot) gs.block_paid = t.block_paid[g];
        gs.points = total(p, t.group_points[g]);
        exact::exact_sum euros;
        if (y) euros.add(guard_totals(p, [&] { return gs.points * point_value; }));
        for (const auto& ys : years) euros.add(ys.groups[g].euros);
        gs.euros = total(p, euros);
    }
    s.indicators.resize(p.indicators.size());
    for (std::size_t i = 0; i < p.indicators.size(); ++i) {
        auto& st = s.indicators[i];
        const auto& info = p.indicators[i];
        st.met = t.met[i];
        st.neutralised = t.neutralised[i];
        st.blocked_alone = t.blocked_alone[i];
        if (has_near_miss(p, info)) st.near_misses = t.near_misses[i];
        if (p.groups[info.group].block_slot) continue;
        st.paid = t.paid_count[i];
        if (info.prorated) st.partial = t.partial[i];
        exact::exact_sum points;
        exact::exact_sum euros;
        if (y && info.amount_node) {
            const auto paid_points = total(p, t.computed_points[i]);
            points.add(paid_points);
            euros.add(guard_totals(p, [&] { return paid_points * point_value; }));
        }
        else if (y) {
            const auto& slot_index = info.points_slot;
            const auto each = slot_index ? p.slots[*slot_index].by_year[*y].value_or(rational(0)) : rational(0);
            const auto paid_points = guard_totals(p, [&] { return each * rational(static_cast<std::int64_t>(t.paid_count[i])); });
            points.add(paid_points);
            euros.add(guard_totals(p, [&] { return paid_points * point_value; }));
        }
        for (const auto& ys : years) {
            points.add(*ys.indicators[i].points);
            euros.add(*ys.indicators[i].euros);
        }
        st.points = total(p, points);
        st.euros = total(p, euros);
    }
    return s;
}

}  // namespace internal

population_report compute_report(const program& p, const data_table& table, const report_options& options)
{
    const auto n_ind = p.indicators.size();
    const auto n_grp = p.groups.size();
    const auto present = table.year_indexes();

    std::vector<std::size_t> section_of(p.years.size(), none);
    std::vector<std::optional<window>> windows(p.years.size() * n_ind);
    for (std::size_t k = 0; k < present.size(); ++k) {
        const auto y = present[k];
        section_of[y] = k;
        for (std::size_t i = 0; i < n_ind; ++i) windows[y * n_ind + i] = near_miss_window(p, p.indicators[i], y, options.near_miss_margin);
    }

    // Each share tallies its rows by section; the shares are merged in row order.
    struct share {
        std::vector<tally> sections;
        std::vector<std::size_t> blamed;
    };
    const year_evaluators evaluators(p, table);
    auto shares = for_each_evaluated_row<share>(
        table, evaluators, [&] { return share{std::vector<tally>(present.size(), tally(n_grp, n_ind)), {}}; },
        [&](share& sh, std::size_t row, const result& r) {
            const auto y = table.year_index(row);
            auto& t = sh.sections[section_of[y]];
            ++t.physicians;
            t.ids.insert(table.id(row));
            t.amounts.push_back(r.euros);
            const std::span<const std::optional<window>> of_year(windows.data() + y * n_ind, n_ind);
            tally_payment(p, evaluators.of_year(y)->payment(), r, 1, t);
            tally_counts(p, of_year, r, 1, t, sh.blamed);
        });

    population_report out;
    out.data_file = table.file();
    out.near_miss_margin = options.near_miss_margin;
    tally all(n_grp, n_ind);
    for (std::size_t k = 0; k < present.size(); ++k) {
        tally t(n_grp, n_ind);
        for (const auto& sh : shares) t.add(sh.sections[k]);
        out.sections.push_back(finish(p, t, present[k], {}));
        all.add(t);
    }
    if (present.size() != 1) out.sections.push_back(finish(p, all, std::nullopt, out.sections));
    return out;
}

}  // namespace donum::population
