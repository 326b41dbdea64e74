// Solve (see sweep.hpp): the value of a parameter that meets a budget or a reach, exactly on
// the data, by a k-ary search over the values where the population changes (a target) or by
// solving an affine cost (points, point value).
#include <algorithm>
#include <limits>
#include <map>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>

#include "interpreter/population/breakpoints.hpp"
#include "interpreter/population/dependents.hpp"
#include "interpreter/population/runner.hpp"
#include "interpreter/population/sweep.hpp"
#include "interpreter/messages/messages.hpp"

namespace donum::population {

using messages::tr;
using messages::trf;

using compile::indicator_info;
using compile::node_id;
using compile::opcode;
using eval::result;
using eval::value;

namespace {

// Probes per pass of the search: one pass costs one full evaluation plus, per probe, the few
// dependent nodes, so wide passes (fewer of them) are cheaper than a bisection.
constexpr std::size_t probes_per_pass = 32;


// The multiple of 1/grid just below (or above) v.
rational to_grid(const rational& v, std::int64_t grid, bool up)
{
    const exact::i128 scaled = static_cast<exact::i128>(v.num()) * grid;
    exact::i128 q = exact::floor_div(scaled, v.den());
    if (up && q * v.den() != scaled) q += 1;
    if (q > std::numeric_limits<std::int64_t>::max() || q < -std::numeric_limits<std::int64_t>::max()) throw exact::overflow_error(tr("rounded value beyond 64 bits"));
    return {static_cast<std::int64_t>(q), grid};
}

bool same_population(const sweep_step& a, const sweep_step& b)
{
    return a.euros == b.euros && a.points == b.points && a.paid == b.paid && a.indicator_met == b.indicator_met && a.group_open == b.group_open;
}

class solver {
public:
    solver(const program& p, const data_table& table, const solve_goal& goal) : m_p(p), m_table(table), m_goal(goal)
    {
        if (goal.year) m_only_year = p.year_index(*goal.year);
    }

    // The population at each of `values`, in one pass over the data.
    std::vector<solve_point> probe(const std::vector<rational>& values)
    {
        sweep_axis axis{m_goal.slot, m_goal.year, values, m_goal.name};
        auto swept = run_sweep_of_year(m_p, m_table, std::span<const sweep_axis>(&axis, 1), m_only_year);
        ++m_result.passes;
        m_result.probes += values.size();
        std::vector<solve_point> out;
        for (std::size_t i = 0; i < values.size(); ++i) {
            auto& s = swept.steps[i];
            // Against the first probe of a pass, winners and losers mean nothing here.
            s.winners = s.losers = 0;
            s.gained = s.lost = rational(0);
            solve_point point;
            point.value = values[i];
            m_result.physicians = s.physicians;
            if (m_goal.what == solve_goal::kind::reach) {
                point.reached = m_goal.reach_of == solve_goal::subject::indicator ? s.indicator_met[m_goal.reach_index] : s.group_open[m_goal.reach_index];
                point.share = s.physicians == 0 ? rational(0) : rational(static_cast<std::int64_t>(point.reached), static_cast<std::int64_t>(s.physicians));
            }
            point.population = std::move(s);
            out.push_back(std::move(point));
        }
        return out;
    }

    // The first index in [0, n) whose value meets `q` (n when none does), `q` being false
    // then true along the indexes, by passes of up to probes_per_pass probes; every point
    // probed is kept in `known`.
    template <typename Value_of, typename Q>
    std::size_t first_true(std::size_t n, const Value_of& value_of, const Q& q, std::map<std::size_t, solve_point>& known)
    {
        std::size_t lo_i = 0;
        std::size_t hi_i = n;  // the first true lies in [lo_i, hi_i]; hi_i == n: none
        while (lo_i < hi_i) {
            const std::size_t width = hi_i - lo_i;
            std::vector<std::size_t> picks;
            if (width <= probes_per_pass) {
                for (std::size_t i = lo_i; i < hi_i; ++i) picks.push_back(i);
            }
            else {
                for (std::size_t j = 1; j <= probes_per_pass; ++j) picks.push_back(lo_i + static_cast<std::size_t>(static_cast<exact::i128>(j) * width / (probes_per_pass + 1)));
                picks.erase(std::unique(picks.begin(), picks.end()), picks.end());
            }
            std::vector<rational> values;
            for (const auto i : picks) values.push_back(value_of(i));
            auto points = probe(values);
            for (std::size_t j = 0; j < picks.size(); ++j) known.emplace(picks[j], std::move(points[j]));
            std::size_t new_lo = lo_i;
            std::size_t new_hi = hi_i;
            for (const auto i : picks) {
                if (q(known.at(i))) {
                    new_hi = i;
                    break;
                }
                new_lo = i + 1;
            }
            lo_i = new_lo;
            hi_i = new_hi;
        }
        return lo_i;
    }

    // The defined values of the `measured` nodes over the rows counted, sorted, without
    // repeats: one pass (the parameter's value does not matter there).
    std::vector<value> measured_values(const std::vector<node_id>& measured)
    {
        std::vector<value> seen;
        const eval::slot_override placeholder{m_goal.slot, m_p.slots[m_goal.slot].is_payment() ? rational(1) : rational(0)};
        const year_evaluators evaluators(m_p, m_table, std::span<const eval::slot_override>(&placeholder, 1), m_only_year);
        auto shares = for_each_evaluated_row<std::vector<value>>(m_table, evaluators, [] { return std::vector<value>(); }, [&](std::vector<value>& values, std::size_t, const result& r) {
            for (const auto m : measured) {
                const auto v = r.values[static_cast<std::size_t>(m)];
                if (v.defined()) values.push_back(v);
            }
        });
        for (auto& values : shares) seen.insert(seen.end(), values.begin(), values.end());
        ++m_result.passes;
        std::sort(seen.begin(), seen.end(), [](const value& a, const value& b) { return eval::compare(a, b) < 0; });
        seen.erase(std::unique(seen.begin(), seen.end(), [](const value& a, const value& b) { return eval::compare(a, b) == 0; }), seen.end());
        return seen;
    }

    solve_result steps(const std::vector<node_id>& slot_nodes)
    {
        const auto& s = m_p.slots[m_goal.slot];
        // Each reader of the target must be a comparison that is an indicator's whole
        // condition: then who meets it is monotone in the target, and changes only where
        // the target crosses the other side's value.
        std::vector<node_id> measured;
        std::optional<bool> decreasing;
        bool round_down = true;
        const auto dep = dependents(m_p, slot_nodes);
        for (std::size_t i = 0; i < m_p.code.size(); ++i) {
            const auto& n = m_p.code[i];
            const bool reads = std::any_of(n.args.begin(), n.args.end(), [&](node_id a) { return std::find(slot_nodes.begin(), slot_nodes.end(), a) != slot_nodes.end(); });
            if (!reads) continue;
            const bool comparison = n.op == opcode::ge || n.op == opcode::gt || n.op == opcode::le || n.op == opcode::lt;
            const bool whole = std::any_of(m_p.indicators.begin(), m_p.indicators.end(), [&](const indicator_info& ind) { return ind.condition == static_cast<node_id>(i); });
            if (!comparison || !whole || n.args.size() != 2) {
                throw std::invalid_argument(trf("{}: solve needs the target compared (>=, >, <=, <) with a measured value as an indicator's whole condition", m_goal.name));
            }
            const bool target_right = std::find(slot_nodes.begin(), slot_nodes.end(), n.args[1]) != slot_nodes.end();
            const auto other = n.args[target_right ? 0 : 1];
            if (dep[static_cast<std::size_t>(other)] != 0) {
                throw std::invalid_argument(trf("{}: the target is compared with a value that depends on it", m_goal.name));
            }
            // Seen from the measured side: met iff measured OP target.
            const auto op = target_right ? comparison_of(n.op) : mirrored(comparison_of(n.op));
            const bool down = op == compile::comparison::ge || op == compile::comparison::gt;
            if (decreasing && *decreasing != down) {
                throw std::invalid_argument(trf("{}: the target is compared in both directions: no monotone answer", m_goal.name));
            }
            decreasing = down;
            // The step of a target value t holds the values that meet it the same: (previous,
            // t] for >= and <, [t, next) for > and <=; rounding goes inside.
            round_down = op == compile::comparison::ge || op == compile::comparison::lt;
            measured.push_back(other);
        }
        if (!decreasing) throw std::invalid_argument(trf("{}: the target is read by no condition", m_goal.name));

        const auto seen = measured_values(measured);

        rational lo(0);
        rational hi(1);
        if (s.type != compile::value_type::rate) {
            if (!seen.empty()) {
                lo = std::min(lo, seen.front().exact());
                // Above every measured value, to try a target nobody meets; a measured value
                // at the very top of 64 bits has nothing above it: the search stops there.
                try {
                    hi = seen.back().exact() + rational(1);
                }
                catch (const exact::overflow_error&) {
                    hi = seen.back().exact();
                }
            }
        }
        std::vector<rational> candidates{lo};
        for (const auto& v : seen) {
            const auto x = v.exact();
            if (x > lo && x < hi) candidates.push_back(x);
        }
        candidates.push_back(hi);
        const std::size_t n = candidates.size();
        m_result.candidates = n;

        // Q(i), false then true along the candidates; the answer is next to its first true.
        const bool budget = m_goal.what == solve_goal::kind::budget;
        const bool answer_is_first_true = budget == *decreasing;
        auto q = [&](const solve_point& x) {
            if (budget) return *decreasing ? x.population.euros <= m_goal.amount : x.population.euros > m_goal.amount;
            const bool reaches = x.share >= m_goal.amount;
            return *decreasing ? !reaches : reaches;
        };
        std::map<std::size_t, solve_point> known;
        const std::size_t f = first_true(n, [&](std::size_t i) { return candidates[i]; }, q, known);
        // Index of the answer and of the candidate on the other side, as signed positions.
        const auto answer = static_cast<std::ptrdiff_t>(answer_is_first_true ? f : f - 1);
        const auto beyond = static_cast<std::ptrdiff_t>(answer_is_first_true ? f - 1 : f);
        m_result.how = solve_result::method::steps;
        m_result.met = answer >= 0 && answer < static_cast<std::ptrdiff_t>(n);
        if (!m_result.met) {
            // Every candidate misses: the closest is the end where the search stopped.
            m_result.answer = known.at(f == n ? n - 1 : 0);
            return m_result;
        }
        m_result.answer = known.at(static_cast<std::size_t>(answer));
        if (beyond >= 0 && beyond < static_cast<std::ptrdiff_t>(n)) m_result.other_side = known.at(static_cast<std::size_t>(beyond));

        // Values with two decimals in percent on each side of the answer: the one with the
        // same population result (if any), and the one away from the other side, which
        // still meets the goal by monotony (checked all the same).
        if (s.type == compile::value_type::rate) {
            m_result.friendly_applies = true;
            const auto& exact = m_result.answer.value;
            const auto inside = to_grid(exact, 10000, !round_down);
            const auto outside = to_grid(exact, 10000, round_down);
            const bool up_meets = !m_result.other_side || m_result.other_side->value < exact;
            const auto meeting = to_grid(exact, 10000, up_meets);
            std::vector<rational> tries;
            for (const auto& t : {inside, outside}) {
                if (t != exact && t >= lo && t <= hi && std::find(tries.begin(), tries.end(), t) == tries.end()) tries.push_back(t);
            }
            auto points = tries.empty() ? std::vector<solve_point>{} : probe(tries);
            if (inside == exact) m_result.friendly = m_result.answer;
            if (meeting == exact) m_result.rounded = m_result.answer;
            for (auto& pt : points) {
                if (!m_result.friendly && same_population(pt.population, m_result.answer.population)) m_result.friendly = pt;
                const bool meets = budget ? pt.population.euros <= m_goal.amount : pt.share >= m_goal.amount;
                if (!m_result.rounded && pt.value == meeting && meets) m_result.rounded = pt;
            }
        }
        return m_result;
    }

    solve_result affine()
    {
        if (m_goal.what != solve_goal::kind::budget) {
            throw std::invalid_argument(trf("{} changes what is paid, never who meets an indicator or a gate: solve it for a budget", m_goal.name));
        }
        const bool point_value = m_goal.slot == m_p.point_value_slot;
        // Grid of friendly values: a cent of point value, half a point.
        const std::int64_t grid = point_value ? 100 : 2;
        const rational first = point_value ? rational(1) : rational(0);
        const rational lowest = point_value ? rational(1, grid) : rational(0);
        auto allowed = [&](const rational& v) { return point_value ? v > rational(0) : v >= rational(0); };
        m_result.how = solve_result::method::affine;
        try {
            auto two = probe({first, first + rational(1)});
            m_result.slope = two[1].population.euros - two[0].population.euros;
            m_result.intercept = two[0].population.euros - m_result.slope * first;
            if (m_result.slope == rational(0)) {
                m_result.met = m_result.intercept <= m_goal.amount;
                m_result.answer = std::move(two[0]);
                return m_result;
            }
            const rational v = (m_goal.amount - m_result.intercept) / m_result.slope;
            if (!allowed(v)) {
                m_result.met = false;
                m_result.answer = std::move(probe({lowest})[0]);
                return m_result;
            }
            m_result.met = true;
            std::vector<rational> values{v};
            const auto below = to_grid(v, grid, false);
            const auto above = to_grid(v, grid, true);
            const bool with_below = below != v && allowed(below);
            const bool with_above = above != v;
            if (with_below) values.push_back(below);
            if (with_above) values.push_back(above);
            auto points = probe(values);
            m_result.answer = std::move(points[0]);
            std::size_t next = 1;
            if (with_below) m_result.below = std::move(points[next++]);
            if (with_above) m_result.above = std::move(points[next]);
        }
        catch (const exact::overflow_error&) {
            throw eval::total_overflow(m_p);
        }
        return m_result;
    }

    // A parameter whose effect is not a step function of the measured values: a target or
    // threshold that a graded or prorated payment reads, or points under a cap or read by
    // such a payment. Cost and reach are still monotone in it (`increasing`: cost and reach
    // grow with the value), so the answer is searched among the values lo + i / grid,
    // i in [0, n), exactly evaluated: the best value of the grid.
    solve_result grid(bool increasing, const rational& lo, std::int64_t grid, std::size_t n)
    {
        m_result.how = solve_result::method::grid;
        m_result.grid = rational(1, grid);
        m_result.candidates = n;
        const bool budget = m_goal.what == solve_goal::kind::budget;
        const bool answer_is_first_true = budget != increasing;
        auto q = [&](const solve_point& x) {
            if (budget) return increasing ? x.population.euros > m_goal.amount : x.population.euros <= m_goal.amount;
            const bool reaches = x.share >= m_goal.amount;
            return increasing ? reaches : !reaches;
        };
        auto value_of = [&](std::size_t i) { return lo + rational(static_cast<std::int64_t>(i), grid); };
        std::map<std::size_t, solve_point> known;
        const std::size_t f = first_true(n, value_of, q, known);
        const auto answer = static_cast<std::ptrdiff_t>(answer_is_first_true ? f : f - 1);
        const auto beyond = static_cast<std::ptrdiff_t>(answer_is_first_true ? f - 1 : f);
        m_result.met = answer >= 0 && answer < static_cast<std::ptrdiff_t>(n);
        auto point = [&](std::size_t i) {
            if (!known.contains(i)) known.emplace(i, std::move(probe({value_of(i)})[0]));
            return known.at(i);
        };
        if (!m_result.met) {
            m_result.answer = point(f == n ? n - 1 : 0);
            return m_result;
        }
        m_result.answer = point(static_cast<std::size_t>(answer));
        if (beyond >= 0 && beyond < static_cast<std::ptrdiff_t>(n)) m_result.other_side = point(static_cast<std::size_t>(beyond));
        return m_result;
    }

    // grid() for a target or threshold read by a computed payment: its indicator compares
    // it with >=, >, <= or <, which gives the direction.
    solve_result threshold_grid()
    {
        const auto& s = m_p.slots[m_goal.slot];
        const auto& owner = m_p.indicators.at(*s.owner);
        const auto cmp = owner.measured_comparison();
        if (cmp == compile::comparison::none || cmp == compile::comparison::eq || cmp == compile::comparison::ne || !owner.measured_node) {
            throw std::invalid_argument(trf("{}: solve needs a target compared (>=, >, <=, <) with a measured value", m_goal.name));
        }
        const bool increasing = cmp == compile::comparison::le || cmp == compile::comparison::lt;
        if (s.type == compile::value_type::rate) {
            grid(increasing, rational(0), 10000, 10001);
            return exact_within_grid();
        }
        // Another unit: from min(0, lowest measured) to the highest + 1, by hundredths.
        const auto seen = measured_values({*owner.measured_node});
        rational lo(0);
        rational hi(1);
        if (!seen.empty()) {
            lo = std::min(lo, seen.front().exact());
            hi = seen.back().exact() + rational(1);
        }
        const auto width = (hi - lo) * rational(100);
        const auto n = static_cast<std::size_t>(exact::floor_div(width.num(), width.den())) + 1;
        grid(increasing, lo, 100, n);
        return exact_within_grid();
    }

    // After grid(): the exact answer between the grid value found and its neighbour, among
    // the breakpoints of the rows there (breakpoints.hpp), searched like the steps of a
    // plain target; the grid value stays as the friendly value when it gives the same
    // population. Left as it is when the breakpoints are not known in closed form.
    solve_result exact_within_grid()
    {
        if (!m_result.met || !m_result.other_side || !breakpoints_known(m_p, m_goal.slot)) return m_result;
        const auto& grid_answer = m_result.answer;
        const auto lo = std::min(grid_answer.value, m_result.other_side->value);
        const auto hi = std::max(grid_answer.value, m_result.other_side->value);
        const eval::slot_override at_hi{m_goal.slot, hi};
        const year_evaluators evaluators(m_p, m_table, std::span<const eval::slot_override>(&at_hi, 1), m_only_year);
        struct found {
            bool known = true;
            std::vector<rational> values;
        };
        auto shares = for_each_evaluated_row<found>(m_table, evaluators, [] { return found{}; }, [&](found& f, std::size_t row, const result& r) {
            if (f.known) f.known = add_breakpoints(m_p, m_goal.slot, *evaluators.of_year(m_table.year_index(row)), r, lo, hi, f.values);
        });
        ++m_result.passes;
        std::vector<rational> candidates;
        for (auto& f : shares) {
            if (!f.known) return m_result;
            candidates.insert(candidates.end(), f.values.begin(), f.values.end());
        }
        candidates.push_back(hi);
        std::sort(candidates.begin(), candidates.end());
        candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
        // Cost and reach only fall as the value grows (>=): the goal holds up to (reach) or
        // from (budget) one candidate; every candidate is the upper end of its step.
        const bool budget = m_goal.what == solve_goal::kind::budget;
        auto q = [&](const solve_point& x) { return budget ? x.population.euros <= m_goal.amount : x.share < m_goal.amount; };
        std::map<std::size_t, solve_point> known;
        const auto n = candidates.size();
        const std::size_t f = first_true(n, [&](std::size_t i) { return candidates[i]; }, q, known);
        // lo shares its step with candidates[0], which therefore misses (budget) or reaches
        // (reach) like lo: 1 <= f <= n.
        const std::size_t answer = budget ? f : f - 1;
        const std::size_t beyond = budget ? f - 1 : f;
        auto point = [&](std::size_t i) {
            if (!known.contains(i)) known.emplace(i, std::move(probe({candidates[i]})[0]));
            return known.at(i);
        };
        if (f == 0 || answer >= n) return m_result;  // contradicts the orientation: keep the grid
        const auto grid_point = m_result.answer;
        m_result.how = solve_result::method::steps;
        m_result.candidates = n;
        m_result.answer = point(answer);
        if (beyond < n) m_result.other_side = point(beyond);
        else m_result.other_side.reset();
        if (m_p.slots[m_goal.slot].type == compile::value_type::rate) {
            m_result.friendly_applies = true;
            m_result.rounded = grid_point;
            if (same_population(grid_point.population, m_result.answer.population)) m_result.friendly = grid_point;
        }
        return m_result;
    }

    // grid() for points that are not paid in proportion (a cap, a graded or prorated
    // payment): cost grows with them; the range ends at the first power of ten of points
    // whose cost exceeds the budget.
    solve_result points_grid()
    {
        if (m_goal.what != solve_goal::kind::budget) {
            throw std::invalid_argument(trf("{} changes what is paid, never who meets an indicator or a gate: solve it for a budget", m_goal.name));
        }
        std::vector<rational> tens;
        for (std::int64_t v = 1; v <= 1000000000; v *= 10) tens.push_back(rational(v));
        auto far = probe(tens);
        const auto beyond = std::find_if(far.begin(), far.end(), [&](const solve_point& x) { return x.population.euros > m_goal.amount; });
        if (beyond == far.end()) {
            // Even a billion points stays within the budget (caps): every value meets it.
            m_result.how = solve_result::method::grid;
            m_result.grid = rational(1, 100);
            m_result.met = true;
            m_result.answer = std::move(far.back());
            return m_result;
        }
        const auto hi = beyond->value;
        return grid(true, rational(0), 100, static_cast<std::size_t>(hi.num()) * 100 + 1);
    }

private:
    const program& m_p;
    const data_table& m_table;
    const solve_goal& m_goal;
    std::optional<std::size_t> m_only_year;
    solve_result m_result;
};

}  // namespace

bool find_reach_subject(const program& p, const std::string& of, std::size_t slot, solve_goal& goal)
{
    std::string subject = of;
    if (subject.empty() && slot < p.slots.size() && p.slots[slot].is_threshold() && p.slots[slot].owner) {
        const auto& i = p.indicators[*p.slots[slot].owner];
        subject = p.groups[i.group].id + "." + i.id;
    }
    for (std::size_t i = 0; i < p.indicators.size(); ++i) {
        if (subject == p.indicators[i].id || subject == p.groups[p.indicators[i].group].id + "." + p.indicators[i].id) {
            goal.reach_of = solve_goal::subject::indicator;
            goal.reach_index = i;
            return true;
        }
    }
    for (std::size_t g = 0; g < p.groups.size(); ++g) {
        if (subject == p.groups[g].id) {
            goal.reach_of = solve_goal::subject::group;
            goal.reach_index = g;
            return true;
        }
    }
    return false;
}

solve_result solve(const program& p, const data_table& table, const solve_goal& goal)
{
    if (goal.slot >= p.slots.size()) throw std::invalid_argument(trf("{}: no such parameter in convention {}", goal.name, p.id));
    if (goal.year && !p.year_index(*goal.year)) {
        throw std::invalid_argument(trf("{}: {} is not a year of convention {} (years: {})", goal.name, *goal.year, p.id, fmt::join(p.years, ", ")));
    }
    if (goal.what == solve_goal::kind::reach) {
        if (goal.amount < rational(0) || goal.amount > rational(1)) {
            throw std::invalid_argument(trf("a reach is a share between 0 % and 100 %, not {} %", goal.amount.to_percent(2)));
        }
        const auto count = goal.reach_of == solve_goal::subject::indicator ? p.indicators.size() : p.groups.size();
        if (goal.reach_index >= count) throw std::invalid_argument(tr("the reach names no indicator or group of the convention"));
    }
    const auto& slot = p.slots[goal.slot];
    const auto& nodes = slot.readers;
    solver s(p, table, goal);
    // Euros are points × the point value: affine in it, and in points paid as written when
    // no cap bends the sum and no computed payment reads them.
    const bool capped = p.cap_slot || std::any_of(p.groups.begin(), p.groups.end(), [](const compile::group_info& g) { return g.cap_slot.has_value(); });
    if (goal.slot == p.point_value_slot || (slot.is_payment() && nodes.empty() && !capped)) return s.affine();
    if (slot.is_payment()) return s.points_grid();
    if (nodes.empty()) throw std::invalid_argument(trf("{} is read by no rule: no value changes the population", goal.name));
    const auto dep = dependents(p, nodes);
    const bool computed = std::any_of(p.indicators.begin(), p.indicators.end(), [&](const indicator_info& i) { return i.amount_node && dep[static_cast<std::size_t>(*i.amount_node)] != 0; });
    if (computed || slot.path.what == compile::slot_kind::floor || slot.path.level > 1) return s.threshold_grid();
    return s.steps(nodes);
}

}  // namespace donum::population
