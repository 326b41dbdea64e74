// A population kept evaluated (see live.hpp for what is kept and why the answers are exact).
#include "interpreter/population/live.hpp"
#include "interpreter/population/live_parts.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include <fmt/format.h>

#include "interpreter/eval/evaluate.hpp"
#include "interpreter/eval/payment.hpp"
#include "interpreter/exact/sum.hpp"
#include "interpreter/messages/messages.hpp"
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

using namespace live_internal;

std::optional<std::size_t> live_population::class_set::find(std::uint64_t print, std::size_t section, std::span<const indicator_result> o, std::span<const value> a, const rational* reference) const
{
    if (table.empty()) return std::nullopt;
    const auto mask = table.size() - 1;
    for (auto at = static_cast<std::size_t>(print) & mask;; at = (at + 1) & mask) {
        if (table[at] == 0) return std::nullopt;
        const std::size_t local = table[at] - 1;
        if (prints[local] != print || list[local].section != section || (reference != nullptr && list[local].reference != *reference)) continue;
        const auto mine = outcomes_of(local);
        const auto values = amounts_of(local);
        if (std::equal(o.begin(), o.end(), mine.begin(), [](const auto& x, const auto& y) { return same(x, y); }) &&
            std::equal(a.begin(), a.end(), values.begin(), [](const auto& x, const auto& y) { return same(x, y); })) {
            return local;
        }
    }
}

std::size_t live_population::class_set::add(std::uint64_t print, std::size_t section, std::size_t row, std::span<const indicator_result> o, std::span<const value> a, const rational* reference)
{
    const auto local = list.size();
    list.push_back({section, row, 0, reference == nullptr ? rational(0) : *reference, rational(0)});
    outcomes.insert(outcomes.end(), o.begin(), o.end());
    amount_values.insert(amount_values.end(), a.begin(), a.end());
    prints.push_back(print);
    points.emplace_back();
    group_points.resize(group_points.size() + groups);
    group_open.resize(group_open.size() + groups);
    auto place = [this](std::size_t c) {
        const auto mask = table.size() - 1;
        auto at = static_cast<std::size_t>(prints[c]) & mask;
        while (table[at] != 0) at = (at + 1) & mask;
        table[at] = static_cast<std::uint32_t>(c + 1);
    };
    if (table.size() < 2 * list.size()) {
        table.assign(std::max<std::size_t>(64, table.size() * 2), 0);
        for (std::size_t c = 0; c < list.size(); ++c) place(c);
    }
    else {
        place(local);
    }
    return local;
}

rational live_population::class_set::count(std::size_t local, const compile::program& p, const payment_plan& plan, std::span<const node_id> amount_nodes, eval::result& scratch, tally& counted,
                                           std::vector<std::size_t>& blamed, std::vector<std::uint32_t>& out)
{
    const auto o = outcomes_of(local);
    scratch.indicators.assign(o.begin(), o.end());
    const auto a = amounts_of(local);
    for (std::size_t j = 0; j < a.size(); ++j) scratch.values[static_cast<std::size_t>(amount_nodes[j])] = a[j];
    eval::pay(p, plan, scratch);
    points[local] = scratch.points;
    for (std::size_t g = 0; g < groups; ++g) {
        group_points[local * groups + g] = scratch.group_points[g];
        group_open[local * groups + g] = scratch.group_open[g] ? 1 : 0;
    }
    internal::tally_counts(p, {}, scratch, 1, counted, blamed);
    internal::for_each_count(counted, [&](std::size_t k, std::size_t& n) {
        for (; n > 0; --n) out.push_back(static_cast<std::uint32_t>(k));
    });
    return scratch.euros;
}

live_population::~live_population() = default;

const value& live_population::kept(node_id node, std::size_t row) const
{
    const auto c = m_column_of[static_cast<std::size_t>(node)];
    return c >= 0 ? m_columns[static_cast<std::size_t>(c)][row] : m_fixed[m_table->year_index(row)][static_cast<std::size_t>(node)];
}

live_population::live_population(compile::program base, const data_table& table, std::vector<rational> reference, const report_options& options, std::size_t spacing)
    : m_p(std::make_shared<const compile::program>(std::move(base))), m_table(&table), m_options(options), m_reference(std::move(reference)), m_spacing(std::max<std::size_t>({spacing, table.size() / max_flip_sums, 1}))
{
    const auto& p = *m_p;
    if (!m_reference.empty() && m_reference.size() != table.size()) {
        throw std::invalid_argument(messages::trf("live_population: {} reference amounts for {} rows", m_reference.size(), table.size()));
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
        if (info.amount_node) {
            keep[static_cast<std::size_t>(*info.amount_node)] = 1;
            m_amount_nodes.push_back(*info.amount_node);
        }
        if (info.measured_node) keep[static_cast<std::size_t>(*info.measured_node)] = 1;
    }
    m_column_of.assign(p.code.size(), -1);
    for (std::size_t i = 0; i < p.code.size(); ++i) {
        if (keep[i] == 0 || fixed_node(p.code[i])) continue;
        m_column_of[i] = static_cast<std::int32_t>(m_kept.size());
        m_kept.push_back(static_cast<node_id>(i));
    }
    m_columns.assign(m_kept.size(), std::vector<value>(table.size()));
    std::vector<indicator_result> outcomes(table.size() * n_ind);
    m_euros.resize(table.size());

    // Every row once: its kept values, outcomes and amount, and the base report's counts.
    struct share {
        std::vector<tally> counts;
        std::vector<tally> payments;
        std::vector<std::map<rational, std::size_t>> amounts;
        std::vector<comparison_sums> compared;
        std::vector<std::size_t> blamed;
    };
    const auto sections = m_present.size();
    auto shares = for_each_evaluated_row<share>(
        table, *m_evaluators,
        [&] { return share{std::vector<tally>(sections, tally(n_grp, n_ind)), std::vector<tally>(sections, tally(n_grp, n_ind)), std::vector<std::map<rational, std::size_t>>(sections), std::vector<comparison_sums>(sections), {}}; },
        [&](share& sh, std::size_t row, const eval::result& r) {
            const auto y = table.year_index(row);
            const auto k = m_section_of[y];
            for (std::size_t c = 0; c < m_kept.size(); ++c) m_columns[c][row] = r.values[static_cast<std::size_t>(m_kept[c])];
            std::copy(r.indicators.begin(), r.indicators.end(), outcomes.begin() + static_cast<std::ptrdiff_t>(row * n_ind));
            m_euros[row] = r.euros;
            const std::span<const std::optional<window>> windows(m_windows.data() + y * n_ind, n_ind);
            internal::tally_counts(p, windows, r, 1, sh.counts[k], sh.blamed);
            internal::tally_payment(p, m_evaluators->of_year(y)->payment(), r, 1, sh.payments[k]);
            ++sh.amounts[k][r.euros];
            if (!m_reference.empty()) sh.compared[k].add(r.euros, m_reference[row], 1);
        });
    m_counts.assign(sections, tally(n_grp, n_ind));
    m_payments.assign(sections, tally(n_grp, n_ind));
    m_amounts.resize(sections);
    m_compared.resize(sections);
    for (auto& sh : shares) {
        for (std::size_t k = 0; k < sections; ++k) {
            m_counts[k].add(sh.counts[k]);
            m_payments[k].add(sh.payments[k]);
            for (const auto& [amount, count] : sh.amounts[k]) m_amounts[k][amount] += count;
            m_compared[k].add(sh.compared[k]);
        }
    }

    // The classes, in row order: each one's representative is its lowest row.
    auto classes = std::make_unique<class_set>();
    classes->indicators = n_ind;
    classes->amounts = m_amount_nodes.size();
    classes->groups = n_grp;
    m_class_of.resize(table.size());
    m_section_classes.resize(sections);
    m_physicians.assign(sections, 0);
    eval::result scratch;
    scratch.values.resize(p.code.size());
    tally counted(n_grp, n_ind);
    std::vector<std::size_t> blamed;
    std::vector<value> amounts(m_amount_nodes.size());
    for (std::size_t row = 0; row < table.size(); ++row) {
        const auto y = table.year_index(row);
        const auto k = m_section_of[y];
        ++m_physicians[k];
        const std::span<const indicator_result> row_outcomes(outcomes.data() + row * n_ind, n_ind);
        for (std::size_t a = 0; a < amounts.size(); ++a) amounts[a] = kept(m_amount_nodes[a], row);
        const auto* ref = m_reference.empty() ? nullptr : &m_reference[row];
        const auto print = fingerprint(k, row_outcomes, amounts, ref);
        auto id = classes->find(print, k, row_outcomes, amounts, ref);
        if (!id) {
            id = classes->add(print, k, row, row_outcomes, amounts, ref);
            classes->list[*id].euros = classes->count(*id, p, m_evaluators->of_year(y)->payment(), m_amount_nodes, scratch, counted, blamed, classes->counts);
            classes->count_first.push_back(static_cast<std::uint32_t>(classes->counts.size()));
            m_section_classes[k].push_back(static_cast<std::uint32_t>(*id));
        }
        ++classes->list[*id].rows;
        m_class_of[row] = static_cast<std::uint32_t>(*id);
    }
    m_classes = std::move(classes);

    // The rows of each section sorted by each measured value compared with a target.
    m_indexed.assign(n_ind, false);
    m_sorted.resize(sections * n_ind);
    for (std::size_t i = 0; i < n_ind; ++i) {
        const auto& info = p.indicators[i];
        if (!info.measured_node || !info.target_slot || info.measured_comparison() == compile::comparison::none) continue;
        if (m_column_of[static_cast<std::size_t>(*info.measured_node)] < 0) continue;
        m_indexed[i] = true;
        const auto& column = m_columns[static_cast<std::size_t>(m_column_of[static_cast<std::size_t>(*info.measured_node)])];
        for (std::size_t row = 0; row < table.size(); ++row) {
            if (column[row].defined()) m_sorted[m_section_of[table.year_index(row)] * n_ind + i].push_back(static_cast<std::uint32_t>(row));
        }
        for (std::size_t k = 0; k < sections; ++k) {
            auto& rows = m_sorted[k * n_ind + i];
            std::stable_sort(rows.begin(), rows.end(), [&](std::uint32_t a, std::uint32_t b) { return eval::compare(column[a], column[b]) < 0; });
        }
    }

    build_flip_sums();
    build_pay_pairs();

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

}  // namespace donum::population
