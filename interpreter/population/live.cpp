// A population kept evaluated (see live.hpp for what is kept and why the answers are exact).
#include "interpreter/population/live.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <unordered_set>
#include <utility>

#include <fmt/format.h>

#include "interpreter/eval/evaluate.hpp"
#include "interpreter/eval/payment.hpp"
#include "interpreter/exact/sum.hpp"
#include "interpreter/population/dependents.hpp"
#include "interpreter/population/totals.hpp"

namespace donum::population {

using compile::node_id;
using compile::opcode;
using eval::indicator_outcome;
using eval::indicator_result;
using eval::payment_plan;
using eval::value;
using internal::tally;
using internal::window;

/// Rows against their reference amounts: counts and exact sums, modular like a tally.
struct live_population::comparison_sums {
    std::size_t winners = 0;
    std::size_t losers = 0;
    std::size_t unchanged = 0;
    exact::exact_sum reference;
    exact::exact_sum euros;
    exact::exact_sum gained;
    exact::exact_sum lost;

    void add(const rational& euros_now, const rational& ref, int sign)
    {
        const std::size_t one = sign > 0 ? std::size_t{1} : ~std::size_t{0};
        reference.add(ref, sign);
        euros.add(euros_now, sign);
        const auto order = euros_now <=> ref;
        if (order > 0) {
            winners += one;
            gained.add(euros_now, sign);
            gained.add(ref, -sign);
        }
        else if (order < 0) {
            losers += one;
            lost.add(ref, sign);
            lost.add(euros_now, -sign);
        }
        else {
            unchanged += one;
        }
    }
    void add(const comparison_sums& o)
    {
        winners += o.winners;
        losers += o.losers;
        unchanged += o.unchanged;
        reference.add(o.reference);
        euros.add(o.euros);
        gained.add(o.gained);
        lost.add(o.lost);
    }
};

namespace {

// Nodes whose value is the same for every row of a year: not kept by row.
bool fixed_node(const compile::code_node& n)
{
    return n.op == opcode::constant || n.op == opcode::slot || n.op == opcode::year;
}

// What node i reads: its arguments, and for a definition its root.
template <typename F>
void for_each_read(const compile::program& p, std::size_t i, F&& f)
{
    const auto& n = p.code[i];
    for (const auto a : n.args) f(static_cast<std::size_t>(a));
    if (n.op == opcode::define) f(static_cast<std::size_t>(p.defines[static_cast<std::size_t>(n.index)].root));
}

// The plan of one answer for one year: what the changed slots reach.
struct year_change {
    bool active = false;                        // a slot changed in this year
    std::vector<eval::slot_change> changes;     // new values of the reader nodes
    std::vector<node_id> rerun;                 // dependents, the readers excepted
    std::vector<std::size_t> affected;          // indicators whose condition is dependent
    std::vector<std::size_t> probe_columns;     // kept columns the re-run reads
    std::vector<std::size_t> moved_windows;     // indicators whose near-miss window moved
    bool every_row = false;                     // every row of the year is touched
    std::optional<payment_plan> payment;        // the year's new payment
    std::vector<std::optional<window>> windows; // by indicator, new
    std::vector<value> new_values;              // storage of the changes' values
};

}  // namespace

live_population::live_population(compile::program base, const data_table& table, std::vector<rational> reference, const report_options& options)
    : m_p(std::make_shared<const compile::program>(std::move(base))), m_table(&table), m_options(options), m_reference(std::move(reference))
{
    const auto& p = *m_p;
    if (!m_reference.empty() && m_reference.size() != table.size()) {
        throw std::invalid_argument(fmt::format("live_population: {} reference amounts for {} rows", m_reference.size(), table.size()));
    }
    const auto n_ind = p.indicators.size();
    const auto n_grp = p.groups.size();
    m_present = table.year_indexes();
    m_section_of.assign(p.years.size(), 0);
    m_windows.resize(p.years.size() * n_ind);
    for (std::size_t k = 0; k < m_present.size(); ++k) {
        const auto y = m_present[k];
        m_section_of[y] = k;
        for (std::size_t i = 0; i < n_ind; ++i) m_windows[y * n_ind + i] = internal::near_miss_window(p, p.indicators[i], y, options.near_miss_margin);
    }
    m_evaluators = std::make_unique<year_evaluators>(p, table);
    m_fixed.resize(p.years.size());
    for (const auto y : m_present) {
        const auto& ev = *m_evaluators->of_year(y);
        auto& fixed = m_fixed[y];
        fixed.resize(p.code.size());
        for (std::size_t i = 0; i < p.code.size(); ++i) {
            const auto& n = p.code[i];
            if (n.op == opcode::constant) fixed[i] = value::of(n.value);
            if (n.op == opcode::slot) fixed[i] = value::of(ev.slot_value(static_cast<std::size_t>(n.index)));
            if (n.op == opcode::year) fixed[i] = {p.years[y], 1};
        }
    }

    // Kept nodes: every dependent of every slot, what they read, and what a report reads.
    std::vector<node_id> readers;
    for (const auto& s : p.slots) readers.insert(readers.end(), s.readers.begin(), s.readers.end());
    const auto dep = dependents(p, readers);
    std::vector<std::uint8_t> keep(p.code.size(), 0);
    for (std::size_t i = 0; i < p.code.size(); ++i) {
        if (dep[i] == 0) continue;
        keep[i] = 1;
        for_each_read(p, i, [&](std::size_t a) { keep[a] = 1; });
    }
    for (const auto& info : p.indicators) {
        if (info.amount_node) keep[static_cast<std::size_t>(*info.amount_node)] = 1;
        if (info.measured_node) keep[static_cast<std::size_t>(*info.measured_node)] = 1;
    }
    m_column_of.assign(p.code.size(), -1);
    for (std::size_t i = 0; i < p.code.size(); ++i) {
        if (keep[i] == 0 || fixed_node(p.code[i])) continue;
        m_column_of[i] = static_cast<std::int32_t>(m_kept.size());
        m_kept.push_back(static_cast<node_id>(i));
    }
    m_columns.assign(m_kept.size(), std::vector<value>(table.size()));
    m_outcomes.resize(table.size() * n_ind);
    m_euros.resize(table.size());

    struct share {
        std::vector<tally> sections;
        std::vector<std::map<rational, std::size_t>> amounts;
        comparison_sums compared;
        std::vector<std::size_t> blamed;
    };
    const auto sections = m_present.size();
    auto shares = for_each_evaluated_row<share>(
        table, *m_evaluators, [&] { return share{std::vector<tally>(sections, tally(n_grp, n_ind)), std::vector<std::map<rational, std::size_t>>(sections), {}, {}}; },
        [&](share& sh, std::size_t row, const eval::result& r) {
            const auto y = table.year_index(row);
            const auto k = m_section_of[y];
            keep_row(row, r);
            auto& t = sh.sections[k];
            ++t.physicians;
            const std::span<const std::optional<window>> windows(m_windows.data() + y * n_ind, n_ind);
            internal::tally_row(p, m_evaluators->of_year(y)->payment(), windows, r, 1, t, sh.blamed);
            ++sh.amounts[k][r.euros];
            if (!m_reference.empty()) sh.compared.add(r.euros, m_reference[row], 1);
        });
    m_tallies.assign(sections, tally(n_grp, n_ind));
    m_amounts.resize(sections);
    auto compared = std::make_shared<comparison_sums>();
    for (auto& sh : shares) {
        for (std::size_t k = 0; k < sections; ++k) {
            m_tallies[k].add(sh.sections[k]);
            for (const auto& [amount, count] : sh.amounts[k]) m_amounts[k][amount] += count;
        }
        compared->add(sh.compared);
    }
    m_compared = std::move(compared);
    std::vector<std::unordered_set<std::string_view>> ids(sections);
    for (std::size_t row = 0; row < table.size(); ++row) ids[m_section_of[table.year_index(row)]].insert(table.id(row));
    for (const auto& s : ids) m_distinct.push_back(s.size());
    // The all-years section (several years, or none): distinct ids across the years.
    if (sections != 1) {
        std::unordered_set<std::string_view> every;
        for (std::size_t row = 0; row < table.size(); ++row) every.insert(table.id(row));
        m_distinct.push_back(every.size());
    }
}

void live_population::keep_row(std::size_t row, const eval::result& r)
{
    for (std::size_t c = 0; c < m_kept.size(); ++c) m_columns[c][row] = r.values[static_cast<std::size_t>(m_kept[c])];
    const auto n_ind = m_p->indicators.size();
    std::copy(r.indicators.begin(), r.indicators.end(), m_outcomes.begin() + static_cast<std::ptrdiff_t>(row * n_ind));
    m_euros[row] = r.euros;
}

live_answer live_population::answer(const compile::program& changed) const
{
    const auto& p = *m_p;
    const auto& table = *m_table;
    if (changed.code.size() != p.code.size() || changed.slots.size() != p.slots.size() || changed.indicators.size() != p.indicators.size() || changed.years != p.years) {
        throw std::invalid_argument("live_population: the program is not the base program with other values");
    }
    const auto n_ind = p.indicators.size();
    const auto n_grp = p.groups.size();

    // What changes, year by year.
    std::vector<year_change> plans(p.years.size());
    for (const auto y : m_present) {
        auto& plan = plans[y];
        std::vector<node_id> seeds;
        std::vector<std::size_t> changed_slots;
        for (std::size_t s = 0; s < p.slots.size(); ++s) {
            const auto& now = changed.slots[s].by_year[y];
            if (now == p.slots[s].by_year[y]) continue;
            if (!now) eval::evaluator(changed, p.years[y]);  // throws the year's placeholder_error
            changed_slots.push_back(s);
            seeds.insert(seeds.end(), p.slots[s].readers.begin(), p.slots[s].readers.end());
        }
        if (changed_slots.empty()) continue;
        plan.active = true;
        plan.new_values.reserve(changed_slots.size());
        for (const auto s : changed_slots) {
            plan.new_values.push_back(value::of(*changed.slots[s].by_year[y]));
            if (!p.slots[s].readers.empty()) plan.changes.push_back({p.slots[s].readers, plan.new_values.back()});
        }
        const auto dep = dependents(p, seeds);
        std::vector<std::uint8_t> probe(p.code.size(), 0);
        for (std::size_t i = 0; i < p.code.size(); ++i) {
            if (dep[i] == 0 || std::find(seeds.begin(), seeds.end(), static_cast<node_id>(i)) != seeds.end()) continue;
            plan.rerun.push_back(static_cast<node_id>(i));
            for_each_read(p, i, [&](std::size_t a) { probe[a] = dep[a] == 0 ? 1 : probe[a]; });
        }
        for (std::size_t i = 0; i < p.code.size(); ++i) {
            if (probe[i] != 0 && m_column_of[i] >= 0) plan.probe_columns.push_back(static_cast<std::size_t>(m_column_of[i]));
        }
        for (std::size_t k = 0; k < n_ind; ++k) {
            const auto& info = p.indicators[k];
            if (dep[static_cast<std::size_t>(info.condition)] != 0) plan.affected.push_back(k);
            const bool amount_moves = info.amount_node && dep[static_cast<std::size_t>(*info.amount_node)] != 0;
            const bool measure_moves = info.measured_node && dep[static_cast<std::size_t>(*info.measured_node)] != 0;
            plan.every_row = plan.every_row || amount_moves || measure_moves;
        }
        std::vector<std::optional<rational>> values;
        for (const auto& s : changed.slots) values.push_back(s.by_year[y]);
        plan.payment.emplace(changed, p.years[y], values);
        plan.every_row = plan.every_row || !(*plan.payment == m_evaluators->of_year(y)->payment());
        for (std::size_t i = 0; i < n_ind; ++i) {
            plan.windows.push_back(internal::near_miss_window(changed, changed.indicators[i], y, m_options.near_miss_margin));
            if (plan.windows.back() != m_windows[y * n_ind + i]) plan.moved_windows.push_back(i);
        }
    }

    // The rows, in shares: each share takes touched rows out and puts them back.
    const auto sections = m_present.size();
    struct share {
        std::vector<tally> sections;
        std::vector<std::map<rational, std::int64_t>> amounts;
        comparison_sums compared;
        std::size_t touched = 0;
        std::vector<std::size_t> blamed;
        eval::result before;
        eval::result after;
    };
    const auto shares = share_count(table.size(), {});
    std::vector<share> work;
    for (std::size_t s = 0; s < shares; ++s) work.push_back({std::vector<tally>(sections, tally(n_grp, n_ind)), std::vector<std::map<rational, std::int64_t>>(sections), {}, 0, {}, {}, {}});
    // A scratch result of year y: the nodes that are the same for every row of the year are
    // set when the year changes (the re-run changes only dependents and the changed readers),
    // then each row's kept values (only those the re-run reads, for a probe) and outcomes.
    constexpr auto no_year = ~std::size_t{0};
    auto load = [&](eval::result& r, std::size_t& year_of_r, std::size_t y, std::size_t row, const std::vector<std::size_t>* columns) {
        if (year_of_r != y) {
            r.values = m_fixed[y];
            year_of_r = y;
        }
        if (columns == nullptr) {
            for (std::size_t c = 0; c < m_kept.size(); ++c) r.values[static_cast<std::size_t>(m_kept[c])] = m_columns[c][row];
        }
        else {
            for (const auto c : *columns) r.values[static_cast<std::size_t>(m_kept[c])] = m_columns[c][row];
        }
        const auto first = m_outcomes.begin() + static_cast<std::ptrdiff_t>(row * n_ind);
        r.indicators.assign(first, first + static_cast<std::ptrdiff_t>(n_ind));
    };
    run_shares(table.size(), shares, [&](std::size_t s, std::size_t begin, std::size_t end) {
        auto& w = work[s];
        std::size_t row = begin;
        std::size_t before_year = no_year;
        std::size_t after_year = no_year;
        try {
            for (; row < end; ++row) {
                const auto y = table.year_index(row);
                const auto& plan = plans[y];
                if (!plan.active) continue;
                const auto& ev = *m_evaluators->of_year(y);
                bool touched = plan.every_row;
                if (!touched) {
                    load(w.after, after_year, y, row, &plan.probe_columns);
                    ev.rerun(plan.changes, plan.rerun, plan.affected, w.after);
                    for (const auto k : plan.affected) touched = touched || w.after.indicators[k].outcome != m_outcomes[row * n_ind + k].outcome;
                }
                auto& t = w.sections[m_section_of[y]];
                if (!touched) {
                    // Only near misses can move, when the window of a changed target moved.
                    for (const auto i : plan.moved_windows) {
                        if (m_outcomes[row * n_ind + i].outcome != indicator_outcome::not_met) continue;
                        const auto& v = m_columns[static_cast<std::size_t>(m_column_of[static_cast<std::size_t>(*p.indicators[i].measured_node)])][row];
                        if (!v.defined()) continue;
                        const auto x = v.exact();
                        const auto& was = m_windows[y * n_ind + i];
                        const bool before = was && was->contains(x);
                        const bool after = plan.windows[i] && plan.windows[i]->contains(x);
                        if (before != after) t.near_misses[i] += after ? std::size_t{1} : ~std::size_t{0};
                    }
                    continue;
                }
                ++w.touched;
                load(w.before, before_year, y, row, nullptr);
                eval::pay(p, ev.payment(), w.before);
                internal::tally_row(p, ev.payment(), std::span(m_windows.data() + y * n_ind, n_ind), w.before, -1, t, w.blamed);
                load(w.after, after_year, y, row, nullptr);
                ev.rerun(plan.changes, plan.rerun, plan.affected, w.after);
                eval::pay(changed, *plan.payment, w.after);
                internal::tally_row(changed, *plan.payment, plan.windows, w.after, 1, t, w.blamed);
                auto& amounts = w.amounts[m_section_of[y]];
                --amounts[w.before.euros];
                ++amounts[w.after.euros];
                if (!m_reference.empty()) {
                    w.compared.add(w.before.euros, m_reference[row], -1);
                    w.compared.add(w.after.euros, m_reference[row], 1);
                }
            }
        }
        catch (eval::evaluation_error& e) {
            e.set_row(table.file(), table.line(row), std::string(table.id(row)));
            throw;
        }
    });

    // Base counts plus each share's changes, then the sections as compute_report makes them.
    live_answer out;
    out.report.data_file = table.file();
    out.report.near_miss_margin = m_options.near_miss_margin;
    tally all(n_grp, n_ind);
    std::map<rational, std::size_t> all_amounts;
    for (std::size_t k = 0; k < sections; ++k) {
        auto t = m_tallies[k];
        auto amounts = m_amounts[k];
        for (const auto& w : work) {
            t.add(w.sections[k]);
            for (const auto& [amount, delta] : w.amounts[k]) {
                auto& count = amounts[amount];
                count += static_cast<std::size_t>(delta);
                if (count == 0) amounts.erase(amount);
            }
        }
        out.report.sections.push_back(internal::finish(changed, t, m_present[k], {}));
        const std::vector<std::pair<rational, std::size_t>> counts(amounts.begin(), amounts.end());
        out.report.sections.back().amounts = guard_totals(changed, [&] { return internal::distribution_of_counts(counts); });
        out.report.sections.back().distinct_ids = m_distinct[k];
        all.add(t);
        for (const auto& [amount, count] : amounts) all_amounts[amount] += count;
    }
    if (sections != 1) {
        auto s = internal::finish(changed, all, std::nullopt, out.report.sections);
        const std::vector<std::pair<rational, std::size_t>> counts(all_amounts.begin(), all_amounts.end());
        s.amounts = guard_totals(changed, [&] { return internal::distribution_of_counts(counts); });
        s.distinct_ids = m_distinct.back();
        out.report.sections.push_back(std::move(s));
    }
    for (const auto& w : work) out.rows_touched += w.touched;
    if (!m_reference.empty()) {
        comparison_sums c = *m_compared;
        for (const auto& w : work) c.add(w.compared);
        reference_comparison r;
        r.reference = total(changed, c.reference);
        r.euros = total(changed, c.euros);
        r.winners = c.winners;
        r.losers = c.losers;
        r.unchanged = c.unchanged;
        r.gained = total(changed, c.gained);
        r.lost = total(changed, c.lost);
        out.comparison = r;
    }
    return out;
}

}  // namespace donum::population
