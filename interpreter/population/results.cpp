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
    const year_evaluators evaluators(p, table);
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
    struct running {
        int year = 0;
        std::size_t rows = 0;
        std::size_t paid = 0;
        exact::exact_sum points;
        exact::exact_sum euros;
    };
    std::map<int, running> by_year;
    running all;
    for (std::size_t row = 0; row < table.size(); ++row) {
        auto& t = by_year[table.year(row)];
        t.year = table.year(row);
        for (auto* x : {&t, &all}) {
            ++x->rows;
            if (r.euros[row] > rational(0)) ++x->paid;
            x->points.add(r.points[row]);
            x->euros.add(r.euros[row]);
        }
    }
    auto finish = [&](const running& x, std::size_t physicians) {
        population_totals t;
        t.year = x.year;
        t.rows = x.rows;
        t.physicians = physicians;
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
    for (const auto& [year, t] : by_year) out.push_back(finish(t, t.rows));
    if (out.size() > 1) {
        std::unordered_set<std::string_view> ids;
        for (std::size_t row = 0; row < table.size(); ++row) ids.insert(table.id(row));
        out.push_back(finish(all, ids.size()));
    }
    return out;
}

}  // namespace donum::population
