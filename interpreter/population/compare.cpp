#include "interpreter/population/compare.hpp"

#include <stdexcept>

#include <fmt/format.h>

#include "interpreter/eval/evaluate.hpp"
#include "interpreter/exact/sum.hpp"
#include "interpreter/population/runner.hpp"
#include "interpreter/population/totals.hpp"
#include "interpreter/messages/messages.hpp"

namespace donum::population {

using eval::evaluator;
using eval::indicator_outcome;
using eval::result;
using exact::exact_sum;

namespace {

// What every share needs to evaluate a row under each version.
struct versions_plan {
    std::vector<evaluator> evaluators;               // by version, at its year
    std::vector<std::vector<std::size_t>> columns;  // by version: its inputs among the table's columns

    versions_plan(std::span<const version> versions, const data::data_table& table)
    {
        eval::placeholder_collector open;
        for (const auto& v : versions) {
            try {
                evaluators.emplace_back(*v.rules, v.year);
            }
            catch (const eval::placeholder_error& e) {
                open.add(e);
            }
            columns.push_back(data::columns_of(table, *v.rules));
        }
        open.throw_if_any();
    }
};

// One share's buffers and sums.
struct share {
    std::vector<result> results;                   // by version, reused row after row
    std::vector<std::vector<std::int64_t>> inputs;  // by version
    std::vector<exact_sum> euros;                  // by version
    std::vector<std::size_t> paid;
    std::vector<std::vector<std::size_t>> open;
    std::vector<std::vector<std::size_t>> met;
    std::vector<exact_sum> gained;  // by pair, and below
    std::vector<exact_sum> lost;
    std::vector<std::size_t> winners;
    std::vector<std::size_t> losers;
    std::vector<std::vector<rational>> changes;
    std::vector<std::map<std::string, std::pair<std::size_t, exact_sum>>> drivers;
    std::vector<std::size_t> row_numbers;  // rows kept, when per physician
    std::vector<physician_change> rows;
};

// b - a, the change of one physician's amount; beyond 64 bits, an evaluation error at the
// point value of the later version (the caller adds the row).
rational difference(const compile::program& later, const rational& a, const rational& b)
{
    try {
        return b - a;
    }
    catch (const exact::overflow_error&) {
        throw eval::evaluation_error(later.slots[later.point_value_slot].range, messages::tr("the change of this physician's amount is too large for exact arithmetic (beyond 64 bits)"));
    }
}

// Evaluates `row` under every version into s.results, then the reasons of each pair.
physician_change evaluate_row(std::span<const version> versions, const versions_plan& plan, const data::data_table& table, std::size_t row, std::vector<result>& results,
                              std::vector<std::vector<std::int64_t>>& inputs)
{
    const auto n = versions.size();
    physician_change out;
    for (std::size_t k = 0; k < n; ++k) {
        table.read_row(row, plan.columns[k], inputs[k]);
        plan.evaluators[k].evaluate(inputs[k], results[k]);
        out.euros.push_back(results[k].euros);
    }
    for (std::size_t k = 0; k + 1 < n; ++k) {
        auto reasons = explain_change(versions[k], plan.evaluators[k].payment(), results[k], versions[k + 1], plan.evaluators[k + 1].payment(), results[k + 1]);
        exact_sum sum;
        for (const auto& r : reasons) sum.add(r.euros);
        const auto delta = difference(*versions[k + 1].rules, results[k].euros, results[k + 1].euros);
        if (sum.value() != delta) {
            throw std::logic_error(fmt::format("diff: the reasons of {} add up to {}, not {}", table.id(row), sum.value() ? sum.value()->to_string() : "?", delta.to_string()));
        }
        out.reasons.push_back(std::move(reasons));
    }
    return out;
}

share make_share(std::span<const version> versions)
{
    const auto n = versions.size();
    share s;
    s.results.resize(n);
    s.euros.resize(n);
    s.paid.assign(n, 0);
    for (const auto& v : versions) {
        s.inputs.emplace_back(v.rules->inputs.size());
        s.open.emplace_back(v.rules->groups.size(), 0);
        s.met.emplace_back(v.rules->indicators.size(), 0);
    }
    s.gained.resize(n - 1);
    s.lost.resize(n - 1);
    s.winners.assign(n - 1, 0);
    s.losers.assign(n - 1, 0);
    s.changes.resize(n - 1);
    s.drivers.resize(n - 1);
    return s;
}

}  // namespace

population_comparison compare_population(std::span<const version> versions, const data::data_table& table, bool per_physician)
{
    if (versions.size() < 2) throw std::invalid_argument("compare_population: at least two versions");
    const auto n = versions.size();
    const versions_plan plan(versions, table);
    auto shares = for_each_row<share>(table, [&] { return make_share(versions); }, [&](share& s, std::size_t row) {
        auto change = evaluate_row(versions, plan, table, row, s.results, s.inputs);
        for (std::size_t k = 0; k < n; ++k) {
            const auto& r = s.results[k];
            s.euros[k].add(r.euros);
            if (r.euros > rational(0)) ++s.paid[k];
            for (std::size_t g = 0; g < s.open[k].size(); ++g) s.open[k][g] += r.group_open[g] ? 1 : 0;
            for (std::size_t i = 0; i < s.met[k].size(); ++i) s.met[k][i] += r.indicators[i].outcome == indicator_outcome::met ? 1 : 0;
        }
        for (std::size_t k = 0; k + 1 < n; ++k) {
            const auto delta = change.euros[k + 1] - change.euros[k];
            for (const auto& reason : change.reasons[k]) {
                auto& d = s.drivers[k][reason.key];
                ++d.first;
                d.second.add(reason.euros);
            }
            s.changes[k].push_back(delta);
            if (delta > rational(0)) {
                ++s.winners[k];
                s.gained[k].add(delta);
            }
            else if (delta < rational(0)) {
                ++s.losers[k];
                s.lost[k].add(delta);
            }
        }
        if (per_physician) s.rows.push_back(std::move(change));
    });

    // Merged in row order; every total exact.
    const auto& last = *versions.back().rules;
    population_comparison out;
    out.physicians = table.size();
    for (std::size_t k = 0; k < n; ++k) {
        exact_sum euros;
        version_totals t;
        t.open.assign(versions[k].rules->groups.size(), 0);
        t.met.assign(versions[k].rules->indicators.size(), 0);
        for (const auto& s : shares) {
            euros.add(s.euros[k]);
            t.paid += s.paid[k];
            for (std::size_t g = 0; g < t.open.size(); ++g) t.open[g] += s.open[k][g];
            for (std::size_t i = 0; i < t.met.size(); ++i) t.met[i] += s.met[k][i];
        }
        t.euros = total(*versions[k].rules, euros);
        out.versions.push_back(std::move(t));
    }
    for (std::size_t k = 0; k + 1 < n; ++k) {
        pair_totals t;
        exact_sum gained;
        exact_sum lost;
        std::map<std::string, exact_sum> driver_euros;
        for (auto& s : shares) {
            t.winners += s.winners[k];
            t.losers += s.losers[k];
            gained.add(s.gained[k]);
            lost.add(s.lost[k]);
            t.changes.insert(t.changes.end(), s.changes[k].begin(), s.changes[k].end());
            for (const auto& [key, d] : s.drivers[k]) {
                t.drivers[key].physicians += d.first;
                driver_euros[key].add(d.second);
            }
        }
        t.gained = total(last, gained);
        t.lost = total(last, lost);
        exact_sum balance;
        balance.add(gained);
        balance.add(lost);
        t.balance = total(last, balance);
        const auto mean = [&](const rational& sum, std::size_t count) -> std::optional<rational> {
            if (count == 0) return std::nullopt;
            return guard_totals(last, [&] { return sum / rational(static_cast<std::int64_t>(count)); });
        };
        t.mean_gained = mean(t.gained, t.winners);
        t.mean_lost = mean(t.lost, t.losers);
        t.mean_balance = mean(t.balance, table.size());
        t.distribution = guard_totals(last, [&] { return distribution(t.changes); });
        for (auto& [key, d] : t.drivers) d.euros = total(last, driver_euros[key]);
        out.pairs.push_back(std::move(t));
    }
    if (per_physician) {
        out.rows.reserve(table.size());
        for (auto& s : shares) {
            for (auto& r : s.rows) out.rows.push_back(std::move(r));
        }
    }
    return out;
}

physician_change compare_row(std::span<const version> versions, const data::data_table& table, std::size_t row)
{
    const versions_plan plan(versions, table);
    std::vector<result> results(versions.size());
    std::vector<std::vector<std::int64_t>> inputs;
    for (const auto& v : versions) inputs.emplace_back(v.rules->inputs.size());
    try {
        return evaluate_row(versions, plan, table, row, results, inputs);
    }
    catch (eval::evaluation_error& e) {
        e.set_row(table.file(), table.line(row), std::string(table.id(row)));
        throw;
    }
}

}  // namespace donum::population
