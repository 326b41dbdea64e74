// Sweeps and solve (see sweep.hpp for what is computed and why it is exact).
//
// The per-row loop keeps everything of one row in cache: its full result (the cache the
// steps start from), then for each step the few dependent nodes. A row's contribution to
// the totals changes at few steps (a target crosses the row's rate once), so it is recorded
// as runs: +contribution where a run starts, -contribution where it ends, and the totals of
// every step are the prefix sums. Memory is O(steps), never O(steps x rows).
#include "interpreter/population/sweep.hpp"

#include <algorithm>
#include <array>
#include <exception>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <stdexcept>
#include <thread>
#include <utility>

#include <fmt/format.h>

#include "interpreter/eval/evaluate.hpp"
#include "interpreter/compile/summary.hpp"

namespace donum::population {

using compile::display_value;
using compile::indicator_info;
using compile::node_id;
using compile::opcode;
using compile::program;
using compile::slot;
using compile::summary;
using data::data_table;
using eval::evaluation_error;
using eval::evaluator;
using eval::indicator_outcome;
using eval::open_placeholder;
using eval::placeholder_error;
using eval::result;
using eval::value;
using exact::overflow_error;
using exact::rational;

namespace {

__extension__ typedef __int128 i128;

constexpr std::size_t max_combinations = 100000;
constexpr std::size_t max_range_values = 100000;
// Probes per pass of solve's search: one pass costs one full evaluation plus, per probe,
// the few dependent nodes, so wide passes (fewer of them) are cheaper than a bisection.
constexpr std::size_t probes_per_pass = 32;

i128 gcd128(i128 a, i128 b)
{
    if (a < 0) a = -a;
    if (b < 0) b = -b;
    while (b != 0) {
        const i128 t = a % b;
        a = b;
        b = t;
    }
    return a;
}

i128 floor_div(i128 a, i128 b)
{
    const i128 q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// A sum of many rationals with small denominators, exact and without a gcd per term: one
// 128-bit numerator per denominator met (128 bits cannot overflow before 2^64 terms).
// Reduced once, by value().
class exact_sum {
public:
    void add(const rational& r, int sign) { add(sign > 0 ? static_cast<i128>(r.num()) : -static_cast<i128>(r.num()), r.den()); }

    void add(const exact_sum& other)
    {
        m_integer += other.m_integer;
        for (const auto& [den, num] : other.m_fractions) add(num, den);
    }

    // The sum, or std::nullopt when it does not fit a rational of 64-bit integers.
    [[nodiscard]] std::optional<rational> value() const
    {
        i128 den = 1;
        for (const auto& [d, n] : m_fractions) {
            if (n == 0) continue;
            const i128 g = gcd128(den, d);
            if (__builtin_mul_overflow(den / g, static_cast<i128>(d), &den)) return std::nullopt;
        }
        i128 num = 0;
        if (__builtin_mul_overflow(m_integer, den, &num)) return std::nullopt;
        for (const auto& [d, n] : m_fractions) {
            i128 term = 0;
            if (n == 0) continue;
            if (__builtin_mul_overflow(n, den / d, &term) || __builtin_add_overflow(num, term, &num)) return std::nullopt;
        }
        const i128 g = gcd128(num, den);
        num /= g;
        den /= g;
        constexpr i128 max = std::numeric_limits<std::int64_t>::max();
        if (num > max || num < -max || den > max) return std::nullopt;
        return rational(static_cast<std::int64_t>(num), static_cast<std::int64_t>(den));
    }

private:
    void add(i128 num, std::int64_t den)
    {
        if (den == 1) {
            m_integer += num;
            return;
        }
        for (auto& [d, n] : m_fractions) {
            if (d == den) {
                n += num;
                return;
            }
        }
        m_fractions.emplace_back(den, num);
    }

    i128 m_integer = 0;
    std::vector<std::pair<std::int64_t, i128>> m_fractions;
};

// Totals of one step, or (in the run-length form) their change from the previous step.
struct step_totals {
    std::int64_t rows = 0;
    std::int64_t paid = 0;
    std::int64_t winners = 0;
    std::int64_t losers = 0;
    std::vector<std::int64_t> met;   // by indicator
    std::vector<std::int64_t> open;  // by group
    exact_sum points;
    exact_sum euros;
    exact_sum gained;
    exact_sum lost;

    void add(const step_totals& o)
    {
        rows += o.rows;
        paid += o.paid;
        winners += o.winners;
        losers += o.losers;
        for (std::size_t i = 0; i < met.size(); ++i) met[i] += o.met[i];
        for (std::size_t g = 0; g < open.size(); ++g) open[g] += o.open[g];
        points.add(o.points);
        euros.add(o.euros);
        gained.add(o.gained);
        lost.add(o.lost);
    }
};

// What one row adds to the totals of a step, apart from what no step changes (its row count
// and the outcomes of indicators no axis reaches, counted once).
struct contribution {
    rational points;
    rational euros;
    std::vector<std::uint8_t> open;  // by group
    std::vector<std::uint8_t> met;   // by position in year_plan::affected
    bool operator==(const contribution&) const = default;
};

// What the axes do to the rows of one year.
struct year_plan {
    bool present = false;                    // rows of this year are evaluated
    std::vector<std::size_t> node_axes;      // active axes read by code nodes
    std::vector<std::size_t> payment_axes;   // active axes that are points or the point value
    std::vector<node_id> rerun;              // dependent nodes, slot nodes of the axes excepted
    std::vector<std::size_t> affected;       // indicators whose condition is dependent
    std::vector<std::uint8_t> is_affected;   // by indicator
    std::unique_ptr<evaluator> base;         // every active axis at its first value
    std::vector<std::unique_ptr<evaluator>> payers;  // by payment configuration (0: base)
    std::vector<const evaluator*> payer_of_step;     // by step
    std::vector<std::uint8_t> nodes_change;          // by step: a node axis moved since the previous
    [[nodiscard]] bool active() const { return !node_axes.empty() || !payment_axes.empty(); }
};

bool is_payment_slot(const program& p, std::size_t slot)
{
    if (slot == p.point_value_slot) return true;
    for (const auto& ind : p.indicators) {
        if (ind.points_slot == slot) return true;
    }
    for (const auto& g : p.groups) {
        if (g.block_slot == slot) return true;
    }
    return false;
}

std::vector<node_id> slot_nodes(const program& p, std::size_t slot)
{
    std::vector<node_id> out;
    for (std::size_t i = 0; i < p.code.size(); ++i) {
        if (p.code[i].op == opcode::slot && p.code[i].index >= 0 && static_cast<std::size_t>(p.code[i].index) == slot) out.push_back(static_cast<node_id>(i));
    }
    return out;
}

// Nodes that read any of `seeds`, directly, through other nodes or through a definition's
// register (the checker emits arguments and definition roots before their readers).
std::vector<std::uint8_t> dependents(const program& p, const std::vector<node_id>& seeds)
{
    std::vector<std::uint8_t> dep(p.code.size(), 0);
    for (const auto s : seeds) dep[static_cast<std::size_t>(s)] = 1;
    for (std::size_t i = 0; i < p.code.size(); ++i) {
        const auto& n = p.code[i];
        if (dep[i] != 0) continue;
        bool reads = std::any_of(n.args.begin(), n.args.end(), [&](node_id a) { return dep[static_cast<std::size_t>(a)] != 0; });
        if (n.op == opcode::define) reads = reads || dep[static_cast<std::size_t>(p.defines[static_cast<std::size_t>(n.index)].root)] != 0;
        dep[i] = reads ? 1 : 0;
    }
    return dep;
}

[[noreturn]] void total_overflow(const program& p)
{
    throw evaluation_error(p.slots[p.point_value_slot].range, "a total of the population is too large for exact arithmetic (beyond 64 bits)");
}

rational exact_total(const program& p, const exact_sum& s)
{
    const auto v = s.value();
    if (!v) total_overflow(p);
    return *v;
}

// Everything about the axes that is checked before any row is read.
void check_axes(const program& p, std::span<const sweep_axis> axes)
{
    if (axes.empty() || axes.size() > 2) {
        throw std::invalid_argument(fmt::format("a sweep varies one parameter or a grid of two, not {}", axes.size()));
    }
    std::size_t combinations = 1;
    for (const auto& a : axes) {
        if (a.slot >= p.slots.size()) throw std::invalid_argument(fmt::format("{}: no such parameter in convention {}", a.name, p.id));
        if (a.year && !p.year_index(*a.year)) {
            throw std::invalid_argument(fmt::format("{}: {} is not a year of convention {} (years: {})", a.name, *a.year, p.id, fmt::join(p.years, ", ")));
        }
        if (a.values.empty()) throw std::invalid_argument(fmt::format("{}: no value to sweep", a.name));
        for (const auto& v : a.values) check_parameter_value(p, a.slot, v, a.name);
        combinations *= a.values.size();
        if (combinations > max_combinations) {
            throw std::invalid_argument(fmt::format("a sweep has at most {} combinations of values", max_combinations));
        }
    }
    if (axes.size() == 2 && axes[0].slot == axes[1].slot && (!axes[0].year || !axes[1].year || *axes[0].year == *axes[1].year)) {
        throw std::invalid_argument(fmt::format("{} and {} set the same value: sweep it once", axes[0].name, axes[1].name));
    }
}

// The sweep proper. `only_year`: count only the rows of that year (solve with @year).
sweep_result sweep_rows(const program& p, const data_table& table, std::span<const sweep_axis> axes, const sweep_row_callback* on_row, std::optional<std::size_t> only_year)
{
    check_axes(p, axes);
    const auto n_ind = p.indicators.size();
    const auto n_grp = p.groups.size();
    const std::size_t n_axes = axes.size();
    const std::size_t second = n_axes == 2 ? axes[1].values.size() : 1;
    const std::size_t steps = axes[0].values.size() * second;
    // Value index of axis a at step c: row-major, the first axis outer. Tabulated: the
    // inner loop runs once per row and step, a division there would cost a tenth of it.
    std::vector<std::array<std::uint32_t, 2>> indexes(steps);
    for (std::size_t c = 0; c < steps; ++c) indexes[c] = {static_cast<std::uint32_t>(c / second), static_cast<std::uint32_t>(c % second)};
    auto index_of = [&](std::size_t c, std::size_t a) -> std::size_t { return indexes[c][a]; };

    std::array<std::vector<node_id>, 2> nodes_of;
    std::array<bool, 2> pays{};
    for (std::size_t a = 0; a < n_axes; ++a) {
        nodes_of[a] = slot_nodes(p, axes[a].slot);
        pays[a] = is_payment_slot(p, axes[a].slot);
    }

    // One plan per year present; the placeholders of every year are reported together.
    std::vector<year_plan> plans(p.years.size());
    std::vector<open_placeholder> open;
    std::optional<int> first_open_year;
    for (const auto y : table.year_indexes()) {
        if (only_year && y != *only_year) continue;
        auto& plan = plans[y];
        plan.present = true;
        const int year = p.years[y];
        std::vector<std::pair<std::size_t, rational>> first_values;
        std::vector<node_id> seeds;
        for (std::size_t a = 0; a < n_axes; ++a) {
            if (axes[a].year && *axes[a].year != year) continue;
            first_values.emplace_back(axes[a].slot, axes[a].values.front());
            if (!nodes_of[a].empty()) {
                plan.node_axes.push_back(a);
                seeds.insert(seeds.end(), nodes_of[a].begin(), nodes_of[a].end());
            }
            if (pays[a]) plan.payment_axes.push_back(a);
        }
        try {
            plan.base = std::make_unique<evaluator>(p, year, first_values);
        }
        catch (const placeholder_error& e) {
            if (!first_open_year) first_open_year = e.year();
            for (const auto& o : e.open()) {
                if (std::none_of(open.begin(), open.end(), [&](const open_placeholder& x) { return x.name == o.name; })) open.push_back(o);
            }
            continue;
        }
        const auto dep = dependents(p, seeds);
        for (std::size_t i = 0; i < dep.size(); ++i) {
            if (dep[i] != 0 && std::find(seeds.begin(), seeds.end(), static_cast<node_id>(i)) == seeds.end()) plan.rerun.push_back(static_cast<node_id>(i));
        }
        plan.is_affected.assign(n_ind, 0);
        for (std::size_t k = 0; k < n_ind; ++k) {
            if (dep[static_cast<std::size_t>(p.indicators[k].condition)] != 0) {
                plan.affected.push_back(k);
                plan.is_affected[k] = 1;
            }
        }
        plan.nodes_change.assign(steps, 0);
        for (std::size_t c = 1; c < steps; ++c) {
            plan.nodes_change[c] = std::any_of(plan.node_axes.begin(), plan.node_axes.end(), [&](std::size_t a) { return index_of(c, a) != index_of(c - 1, a); }) ? 1 : 0;
        }
        // One evaluator per configuration of the payment axes (their values differ only in
        // points and point value; code nodes of these evaluators are never run).
        plan.payer_of_step.assign(steps, plan.base.get());
        if (!plan.payment_axes.empty()) {
            std::map<std::vector<std::size_t>, const evaluator*> by_config;
            for (std::size_t c = 0; c < steps; ++c) {
                std::vector<std::size_t> config;
                for (const auto a : plan.payment_axes) config.push_back(index_of(c, a));
                if (std::all_of(config.begin(), config.end(), [](std::size_t i) { return i == 0; })) continue;
                auto& payer = by_config[config];
                if (payer == nullptr) {
                    auto values = first_values;
                    for (std::size_t j = 0; j < config.size(); ++j) values.emplace_back(axes[plan.payment_axes[j]].slot, axes[plan.payment_axes[j]].values[config[j]]);
                    plan.payers.push_back(std::make_unique<evaluator>(p, year, values));
                    payer = plan.payers.back().get();
                }
                plan.payer_of_step[c] = payer;
            }
        }
    }
    if (first_open_year) throw placeholder_error(*first_open_year, std::move(open));

    std::array<std::vector<value>, 2> slot_values;
    for (std::size_t a = 0; a < n_axes; ++a) {
        for (const auto& v : axes[a].values) slot_values[a].push_back({v.num(), v.den()});
    }

    step_totals empty;
    empty.met.assign(n_ind, 0);
    empty.open.assign(n_grp, 0);

    // A share of the rows, evaluated by one thread into its own totals.
    struct share {
        std::size_t begin = 0;
        std::size_t end = 0;
        std::vector<step_totals> changes;  // changes[c]: totals(c) - totals(c - 1)
        std::size_t full = 0;
        std::size_t partial = 0;
        std::size_t payments = 0;
        std::exception_ptr error;  // the first error of the share: the row order decides
    };

    auto run_rows = [&](share& w) {
        auto& changes = w.changes;
        result r;
        std::vector<std::int64_t> inputs(table.input_count());
        std::vector<rational> row_euros(on_row != nullptr && *on_row ? steps : 0);
        contribution current;
        contribution next;
        std::vector<indicator_outcome> outcomes;
        rational first;

        auto apply = [&](step_totals& t, const contribution& c, const year_plan& plan, int sign) {
            t.paid += c.euros > rational(0) ? sign : 0;
            for (std::size_t g = 0; g < n_grp; ++g) t.open[g] += c.open[g] != 0 ? sign : 0;
            for (std::size_t j = 0; j < plan.affected.size(); ++j) t.met[plan.affected[j]] += c.met[j] != 0 ? sign : 0;
            t.points.add(c.points, sign);
            t.euros.add(c.euros, sign);
            const auto order = c.euros <=> first;
            if (order > 0) {
                t.winners += sign;
                t.gained.add(c.euros, sign);
                t.gained.add(first, -sign);
            }
            else if (order < 0) {
                t.losers += sign;
                t.lost.add(first, sign);
                t.lost.add(c.euros, -sign);
            }
        };
        // The row contributes `c` to the steps [begin, end).
        auto record = [&](std::size_t begin, std::size_t end, const contribution& c, const year_plan& plan) {
            apply(changes[begin], c, plan, 1);
            if (end < steps) apply(changes[end], c, plan, -1);
            if (!row_euros.empty()) std::fill(row_euros.begin() + static_cast<std::ptrdiff_t>(begin), row_euros.begin() + static_cast<std::ptrdiff_t>(end), c.euros);
        };
        auto capture = [&](contribution& c, const year_plan& plan) {
            c.points = r.points;
            c.euros = r.euros;
            c.open.resize(n_grp);
            for (std::size_t g = 0; g < n_grp; ++g) c.open[g] = r.group_open[g] ? 1 : 0;
            c.met.resize(plan.affected.size());
            for (std::size_t j = 0; j < plan.affected.size(); ++j) c.met[j] = r.indicators[plan.affected[j]].outcome == indicator_outcome::met ? 1 : 0;
        };

        for (std::size_t row = w.begin; row < w.end; ++row) {
            const auto y = table.year_index(row);
            if (only_year && y != *only_year) continue;
            const auto& plan = plans[y];
            const evaluator& base = *plan.base;
            table.read_row(row, inputs);
            try {
                base.evaluate(inputs, r);
                ++w.full;
                changes[0].rows += 1;
                for (std::size_t k = 0; k < n_ind; ++k) {
                    if (plan.is_affected[k] == 0 && r.indicators[k].outcome == indicator_outcome::met) changes[0].met[k] += 1;
                }
                first = r.euros;
                capture(current, plan);
                if (!plan.active()) {
                    record(0, steps, current, plan);
                    if (!row_euros.empty()) (*on_row)(row, row_euros);
                    continue;
                }
                outcomes.resize(plan.affected.size());
                for (std::size_t j = 0; j < plan.affected.size(); ++j) outcomes[j] = r.indicators[plan.affected[j]].outcome;
                const evaluator* last_payer = &base;
                std::size_t run_begin = 0;
                for (std::size_t c = 1; c < steps; ++c) {
                    bool outcome_changed = false;
                    if (plan.nodes_change[c] != 0) {
                        for (const auto a : plan.node_axes) {
                            const value v = slot_values[a][index_of(c, a)];
                            for (const auto node : nodes_of[a]) r.values[static_cast<std::size_t>(node)] = v;
                        }
                        base.evaluate_nodes(plan.rerun, r);
                        base.decide(plan.affected, r);
                        ++w.partial;
                        for (std::size_t j = 0; j < plan.affected.size(); ++j) {
                            const auto o = r.indicators[plan.affected[j]].outcome;
                            if (o != outcomes[j]) {
                                outcomes[j] = o;
                                outcome_changed = true;
                            }
                        }
                    }
                    const evaluator* payer = plan.payer_of_step[c];
                    if (!outcome_changed && payer == last_payer) continue;
                    payer->pay(r);
                    ++w.payments;
                    last_payer = payer;
                    capture(next, plan);
                    if (next == current) continue;
                    record(run_begin, c, current, plan);
                    std::swap(current, next);
                    run_begin = c;
                }
                record(run_begin, steps, current, plan);
            }
            catch (evaluation_error& e) {
                e.set_row(table.file(), table.line(row), std::string(table.id(row)), table.year(row));
                w.error = std::current_exception();
                return;
            }
            catch (...) {
                w.error = std::current_exception();
                return;
            }
            if (!row_euros.empty()) (*on_row)(row, row_euros);
        }
    };

    // Rows are independent: contiguous shares on the cores, merged in row order (the sums
    // are exact, so the totals do not depend on the split). The per-row callback wants row
    // order on the calling thread: one share then.
    std::size_t threads = 1;
    if (on_row == nullptr || !*on_row) {
        constexpr std::size_t rows_per_thread = 20000;
        threads = std::clamp<std::size_t>(std::min<std::size_t>(std::thread::hardware_concurrency(), 8), 1, std::max<std::size_t>(1, table.size() / rows_per_thread));
    }
    std::vector<share> shares(threads);
    for (std::size_t i = 0; i < threads; ++i) {
        shares[i].begin = table.size() * i / threads;
        shares[i].end = table.size() * (i + 1) / threads;
        shares[i].changes.assign(steps, empty);
    }
    if (threads == 1) {
        run_rows(shares[0]);
    }
    else {
        std::vector<std::thread> pool;
        for (std::size_t i = 1; i < threads; ++i) pool.emplace_back(run_rows, std::ref(shares[i]));
        run_rows(shares[0]);
        for (auto& t : pool) t.join();
    }
    sweep_result out;
    for (auto& w : shares) {
        if (w.error) std::rethrow_exception(w.error);
        out.full_evaluations += w.full;
        out.partial_evaluations += w.partial;
        out.payments += w.payments;
    }
    auto& changes = shares[0].changes;
    for (std::size_t i = 1; i < threads; ++i) {
        for (std::size_t c = 0; c < steps; ++c) changes[c].add(shares[i].changes[c]);
    }

    // Prefix sums: the totals of each step.
    step_totals running = empty;
    out.steps.reserve(steps);
    for (std::size_t c = 0; c < steps; ++c) {
        running.add(changes[c]);
        sweep_step s;
        for (std::size_t a = 0; a < n_axes; ++a) s.values.push_back(axes[a].values[index_of(c, a)]);
        s.physicians = static_cast<std::size_t>(running.rows);
        s.paid = static_cast<std::size_t>(running.paid);
        for (const auto m : running.met) s.indicator_met.push_back(static_cast<std::size_t>(m));
        for (const auto o : running.open) s.group_open.push_back(static_cast<std::size_t>(o));
        s.points = exact_total(p, running.points);
        s.euros = exact_total(p, running.euros);
        try {
            s.mean_euros = s.physicians == 0 ? rational(0) : s.euros / rational(static_cast<std::int64_t>(s.physicians));
        }
        catch (const overflow_error&) {
            total_overflow(p);
        }
        s.winners = static_cast<std::size_t>(running.winners);
        s.losers = static_cast<std::size_t>(running.losers);
        s.gained = exact_total(p, running.gained);
        s.lost = exact_total(p, running.lost);
        out.steps.push_back(std::move(s));
    }
    return out;
}

// -- solve ----------------------------------------------------------------------------------

int compare(const value& a, const value& b)
{
    const i128 left = static_cast<i128>(a.num) * b.den;
    const i128 right = static_cast<i128>(b.num) * a.den;
    return left < right ? -1 : left > right ? 1 : 0;
}

// The multiple of 1/grid just below (or above) v.
rational to_grid(const rational& v, std::int64_t grid, bool up)
{
    const i128 scaled = static_cast<i128>(v.num()) * grid;
    i128 q = floor_div(scaled, v.den());
    if (up && q * v.den() != scaled) q += 1;
    if (q > std::numeric_limits<std::int64_t>::max() || q < -std::numeric_limits<std::int64_t>::max()) throw overflow_error("rounded value beyond 64 bits");
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
        auto swept = sweep_rows(m_p, m_table, std::span<const sweep_axis>(&axis, 1), nullptr, m_only_year);
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
                throw std::invalid_argument(fmt::format("{}: solve needs the target compared (>=, >, <=, <) with a measured value as an indicator's whole condition", m_goal.name));
            }
            const bool target_right = std::find(slot_nodes.begin(), slot_nodes.end(), n.args[1]) != slot_nodes.end();
            const auto other = n.args[target_right ? 0 : 1];
            if (dep[static_cast<std::size_t>(other)] != 0) {
                throw std::invalid_argument(fmt::format("{}: the target is compared with a value that depends on it", m_goal.name));
            }
            // Seen from the measured side: met iff measured OP target.
            const auto op = target_right ? comparison_of(n.op) : mirrored(comparison_of(n.op));
            const bool down = op == compile::comparison::ge || op == compile::comparison::gt;
            if (decreasing && *decreasing != down) {
                throw std::invalid_argument(fmt::format("{}: the target is compared in both directions: no monotone answer", m_goal.name));
            }
            decreasing = down;
            // The step of a target value t holds the values that meet it the same: (previous,
            // t] for >= and <, [t, next) for > and <=; rounding goes inside.
            round_down = op == compile::comparison::ge || op == compile::comparison::lt;
            measured.push_back(other);
        }
        if (!decreasing) throw std::invalid_argument(fmt::format("{}: the target is read by no condition", m_goal.name));

        // The measured values, from one pass (the target itself does not matter there).
        std::vector<value> seen;
        {
            std::vector<std::unique_ptr<evaluator>> by_year(m_p.years.size());
            const std::pair<std::size_t, rational> placeholder{m_goal.slot, rational(0)};
            for (const auto y : m_table.year_indexes()) {
                if (m_only_year && y != *m_only_year) continue;
                by_year[y] = std::make_unique<evaluator>(m_p, m_p.years[y], std::span<const std::pair<std::size_t, rational>>(&placeholder, 1));
            }
            result r;
            std::vector<std::int64_t> inputs(m_table.input_count());
            for (std::size_t row = 0; row < m_table.size(); ++row) {
                const auto y = m_table.year_index(row);
                if (m_only_year && y != *m_only_year) continue;
                m_table.read_row(row, inputs);
                try {
                    by_year[y]->evaluate(inputs, r);
                }
                catch (evaluation_error& e) {
                    e.set_row(m_table.file(), m_table.line(row), std::string(m_table.id(row)), m_table.year(row));
                    throw;
                }
                for (const auto m : measured) {
                    const auto v = r.values[static_cast<std::size_t>(m)];
                    if (v.defined()) seen.push_back(v);
                }
            }
            ++m_result.passes;
        }
        std::sort(seen.begin(), seen.end(), [](const value& a, const value& b) { return compare(a, b) < 0; });
        seen.erase(std::unique(seen.begin(), seen.end(), [](const value& a, const value& b) { return compare(a, b) == 0; }), seen.end());

        rational lo(0);
        rational hi(1);
        if (s.type != compile::value_type::rate) {
            if (!seen.empty()) {
                lo = std::min(lo, seen.front().exact());
                hi = seen.back().exact() + rational(1);
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
        auto probe_indexes = [&](const std::vector<std::size_t>& indexes) {
            std::vector<rational> values;
            for (const auto i : indexes) values.push_back(candidates[i]);
            auto points = probe(values);
            for (std::size_t j = 0; j < indexes.size(); ++j) known.emplace(indexes[j], std::move(points[j]));
        };
        std::size_t lo_i = 0;
        std::size_t hi_i = n;  // the first true lies in [lo_i, hi_i]; hi_i == n: none
        while (lo_i < hi_i) {
            const std::size_t width = hi_i - lo_i;
            std::vector<std::size_t> picks;
            if (width <= probes_per_pass) {
                for (std::size_t i = lo_i; i < hi_i; ++i) picks.push_back(i);
            }
            else {
                for (std::size_t j = 1; j <= probes_per_pass; ++j) picks.push_back(lo_i + j * width / (probes_per_pass + 1));
                picks.erase(std::unique(picks.begin(), picks.end()), picks.end());
            }
            probe_indexes(picks);
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
        const std::size_t f = lo_i;
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
            throw std::invalid_argument(fmt::format("{} changes what is paid, never who meets an indicator or a gate: solve it for a budget", m_goal.name));
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
        catch (const overflow_error&) {
            total_overflow(m_p);
        }
        return m_result;
    }

private:
    const program& m_p;
    const data_table& m_table;
    const solve_goal& m_goal;
    std::optional<std::size_t> m_only_year;
    solve_result m_result;
};

}  // namespace

void check_parameter_value(const program& p, std::size_t slot, const rational& v, std::string_view name)
{
    if (slot >= p.slots.size()) throw std::invalid_argument(fmt::format("{}: no such parameter in convention {}", name, p.id));
    const auto& s = p.slots[slot];
    // compile::check_slot_value decides; the command line words it with the parameter's name.
    if (!compile::check_slot_value(s, v)) return;
    const char* rule = s.path.what == slot::kind::target ? "a rate target lies between 0 % and 100 %" : s.path.what == slot::kind::point_value ? "the point value must be above 0 €" : "points cannot be negative";
    throw std::invalid_argument(fmt::format("{} cannot be {}: {}", name, display_value(s, v), rule));
}

std::vector<rational> range_values(const rational& from, const rational& to, const rational& step)
{
    if (step <= rational(0)) throw std::invalid_argument(fmt::format("the step of a range must be above 0, not {}", step.to_string()));
    if (from > to) throw std::invalid_argument(fmt::format("a range goes up: {} is above {}", from.to_string(), to.to_string()));
    std::vector<rational> out;
    try {
        const auto count = (to - from) / step;
        const auto whole = floor_div(count.num(), count.den());
        if (whole >= static_cast<i128>(max_range_values)) throw std::invalid_argument(fmt::format("a range has at most {} values", max_range_values));
        for (std::int64_t k = 0; k <= static_cast<std::int64_t>(whole); ++k) out.push_back(from + step * rational(k));
    }
    catch (const overflow_error&) {
        throw std::invalid_argument("this range is too fine for exact arithmetic (beyond 64 bits)");
    }
    if (out.back() != to) out.push_back(to);
    return out;
}

sweep_result run_sweep(const program& p, const data_table& table, std::span<const sweep_axis> axes, const sweep_row_callback& on_row)
{
    return sweep_rows(p, table, axes, on_row ? &on_row : nullptr, std::nullopt);
}

solve_result solve(const program& p, const data_table& table, const solve_goal& goal)
{
    if (goal.slot >= p.slots.size()) throw std::invalid_argument(fmt::format("{}: no such parameter in convention {}", goal.name, p.id));
    if (goal.year && !p.year_index(*goal.year)) {
        throw std::invalid_argument(fmt::format("{}: {} is not a year of convention {} (years: {})", goal.name, *goal.year, p.id, fmt::join(p.years, ", ")));
    }
    if (goal.what == solve_goal::kind::reach) {
        if (goal.amount < rational(0) || goal.amount > rational(1)) {
            throw std::invalid_argument(fmt::format("a reach is a share between 0 % and 100 %, not {} %", (goal.amount * rational(100)).to_string(2)));
        }
        const auto count = goal.reach_of == solve_goal::subject::indicator ? p.indicators.size() : p.groups.size();
        if (goal.reach_index >= count) throw std::invalid_argument("the reach names no indicator or group of the convention");
    }
    const auto nodes = slot_nodes(p, goal.slot);
    solver s(p, table, goal);
    if (nodes.empty()) {
        if (!is_payment_slot(p, goal.slot)) throw std::invalid_argument(fmt::format("{} is read by no rule: no value changes the population", goal.name));
        return s.affine();
    }
    return s.steps(nodes);
}

}  // namespace donum::population
