#include "interpreter/population/results.hpp"

#include <map>
#include <string_view>
#include <unordered_set>

#include "interpreter/eval/evaluate.hpp"
#include "interpreter/exact/sum.hpp"
#include "interpreter/population/runner.hpp"

namespace donum::population {

population_results evaluate_population(const program& p, const data_table& table, const population_options& options)
{
    const bool with_group_points = options.group_points;
    population_results out;
    const auto rows = table.size();
    const auto n_ind = p.indicators.size();
    const auto n_grp = p.groups.size();
    out.points.resize(rows);
    out.euros.resize(rows);
    out.outcomes.resize(rows * n_ind);
    out.open.resize(rows * n_grp);
    if (with_group_points) out.group_points.resize(rows * n_grp);
    year_evaluators evaluators(p, table);
    evaluators.set_amounts_only(true);
    struct nothing {};
    // Each row writes only its own slots: safe on several threads.
    for_each_evaluated_row<nothing>(table, evaluators, [] { return nothing{}; }, [&](nothing&, std::size_t row, const eval::result& r) {
        out.points[row] = r.points;
        out.euros[row] = r.euros;
        for (std::size_t i = 0; i < n_ind; ++i) out.outcomes[row * n_ind + i] = static_cast<std::uint8_t>(r.indicators[i].outcome);
        for (std::size_t g = 0; g < n_grp; ++g) {
            out.open[row * n_grp + g] = r.group_open[g] ? 1 : 0;
            if (with_group_points) out.group_points[row * n_grp + g] = r.group_points[g];
        }
    });
    if (options.totals) out.totals = totals(p, table, out);
    return out;
}

std::vector<population_totals> totals(const program& p, const data_table& table, const population_results& r)
{
    running_totals sums;
    for (std::size_t row = 0; row < table.size(); ++row) sums.add(table.year(row), r.points[row], r.euros[row]);
    std::size_t physicians = table.size();
    if (sums.years() > 1) {
        std::unordered_set<std::string_view> ids;
        for (std::size_t row = 0; row < table.size(); ++row) ids.insert(table.id(row));
        physicians = ids.size();
    }
    return sums.finish(p, physicians);
}

void running_totals::add(int year, const rational& points, const rational& euros)
{
    auto& t = m_by_year[year];
    ++t.rows;
    if (euros > rational(0)) ++t.paid;
    t.points.add(points);
    t.euros.add(euros);
}

void running_totals::add(const running_totals& other)
{
    for (const auto& [year, o] : other.m_by_year) {
        auto& t = m_by_year[year];
        t.rows += o.rows;
        t.paid += o.paid;
        t.points.add(o.points);
        t.euros.add(o.euros);
    }
}

std::vector<population_totals> running_totals::finish(const program& p, std::size_t physicians) const
{
    auto finish = [&](int year, const sums& x, std::size_t ids) {
        population_totals t;
        t.year = year;
        t.rows = x.rows;
        t.physicians = ids;
        t.paid = x.paid;
        const auto points = x.points.value();
        const auto euros = x.euros.value();
        if (!points || !euros) throw eval::total_overflow(p);
        t.points = *points;
        t.euros = *euros;
        try {
            t.mean = t.rows == 0 ? rational(0) : t.euros / rational(static_cast<std::int64_t>(t.rows));
        }
        catch (const exact::overflow_error&) {
            throw eval::total_overflow(p);
        }
        return t;
    };
    std::vector<population_totals> out;
    // A year holds one row per physician (a second is a duplicate, refused when loading).
    sums all;
    for (const auto& [year, t] : m_by_year) {
        out.push_back(finish(year, t, t.rows));
        all.rows += t.rows;
        all.paid += t.paid;
        all.points.add(t.points);
        all.euros.add(t.euros);
    }
    if (out.size() > 1) out.push_back(finish(0, all, physicians));
    return out;
}

}  // namespace donum::population
