// Sweeps and solve: a population evaluated for many values of one parameter (or a grid of
// two), and the value of a parameter that meets a budget or a reach, exactly on the data.
//
// A *parameter* is a slot (a target, points value or the point value), for every year or
// for one year (`slot@year`). Only what it changes is evaluated again:
// - Each row is evaluated in full once, with the first value of every axis; its result
//   (every node value, every outcome) is the cache the steps start from.
// - The *dependent* nodes are those that read the parameter's slot node, directly or
//   through other nodes and definitions. Per step only they are re-run (the nodes they read
//   from outside the set, the frontier, keep the row's values), then the outcomes of the
//   indicators whose condition is dependent, then the payment, and only when an outcome
//   (or, for a points or point-value parameter, the payment plan) changed. A points or
//   point-value parameter changes no node: only the payment.
// - A row whose year is not the parameter's year (`@year`) is evaluated once and counts
//   the same in every step.
// - Rows are the outer loop, steps the inner one: a row's steps reuse its cached values in
//   cache memory, and per step only a change of the row's contribution is recorded (as a
//   difference between consecutive steps), so memory is per step, never steps x rows.
// - A single axis of ascending values whose breakpoints are known (breakpoints.hpp:
//   changes_at_breakpoints) skips the steps where a row cannot change: the row is evaluated
//   for its amounts and the few node values the re-run reads, then only at the first step
//   above each of its breakpoints (a target: the step after the row's measured value), in
//   order, so that an error is the one the step-by-step path meets first.
// - Rows are independent: the population runner (runner.hpp) splits large tables into
//   contiguous shares evaluated on the machine's cores and merged exactly, or reads a file in
//   parts each evaluated on the core that read it (no table, as eval); an error is the first
//   failing row's, as in a sequential run.
// Every comparison and sum is exact; a total beyond 64 bits is an evaluation_error.
//
// Solve, exactly on the data:
// - A target compared with a measured value (`measured >= target`, `>`, `<=`, `<`, the
//   whole condition of an indicator): who meets it changes only where the target crosses a
//   measured value of the population, so cost and reach are monotone step functions whose
//   steps are the distinct measured values. They are collected in one pass, sorted, and the
//   threshold is found by a k-ary search (each pass over the data evaluates up to 32 probes
//   as the steps of one sweep).
// - The point value, and points paid as written (no cap, no computed payment reads them),
//   change no outcome: the cost is affine in them (cost = slope * v + intercept, both exact
//   from two probes), solved exactly.
// - Otherwise (a target or threshold read by a graded or prorated payment, points under a
//   cap or read by such a payment), cost and reach are still monotone in the value but
//   neither plain steps nor affine: the same k-ary search first finds the best value on a
//   grid (0.01 % for a rate, 0.01 otherwise), each probe evaluated exactly. For a target,
//   level threshold or floor of an indicator met with `>=`, the exact answer is then found
//   between that grid value and its neighbour, among the values where some row's payment
//   changes (breakpoints.hpp: measured values, thresholds that follow the target, the
//   hundredths where a prorata's rounding changes); method steps, the grid value kept as
//   the friendly or rounded value. Points under a cap or in a computed payment stay on the
//   grid of 0.01 point (method grid).
#ifndef DONUM_INTERPRETER_POPULATION_SWEEP_HPP
#define DONUM_INTERPRETER_POPULATION_SWEEP_HPP

#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "interpreter/compile/program.hpp"
#include "interpreter/exact/rational.hpp"
#include "interpreter/data/table.hpp"
#include "interpreter/population/runner.hpp"

namespace donum::population {

using compile::program;
using compile::slot;
using data::data_table;
using exact::rational;

/// One swept parameter: a slot, for every year or only `year`, and its values in order.
struct sweep_axis {
    std::size_t slot = 0;          ///< index in program::slots
    std::optional<int> year;       ///< set: only rows of that year see the values
    std::vector<rational> values;  ///< at least one
    std::string name;              ///< as given, for messages: "volet2.dmp.target@2024"
};

/// The population at one combination of axis values.
struct sweep_step {
    std::vector<rational> values;            ///< one per axis
    std::size_t physicians = 0;              ///< rows evaluated (every row of the table)
    std::size_t paid = 0;                    ///< rows with a positive amount
    std::vector<std::size_t> indicator_met;  ///< by indicator: rows where it is met, gates aside
    std::vector<std::size_t> group_open;     ///< by group: rows whose gate holds
    rational points;                         ///< total points
    rational euros;                          ///< total euros, exact
    rational mean_euros;                     ///< euros / physicians; 0 without rows
    std::size_t winners = 0;                 ///< rows paid more than at the first combination
    std::size_t losers = 0;                  ///< rows paid less than at the first combination
    rational gained;                         ///< sum of the winners' increases, euros
    rational lost;                           ///< sum of the losers' decreases, euros (>= 0)
};

/// A sweep: one step per combination, row-major (first axis outer).
struct sweep_result {
    std::vector<sweep_step> steps;
    std::size_t full_evaluations = 0;    ///< rows evaluated in full (one per row)
    std::size_t partial_evaluations = 0; ///< row-steps whose dependent nodes were re-run
    std::size_t payments = 0;            ///< row-steps whose payment was recomputed
};

/// Called once per row with the row's amount at every step (index: step), in a buffer
/// reused for the next row: what a caller needs per row (deciles, exports) without steps x
/// rows in memory. Called in row order on the calling thread (the sweep then runs on one
/// thread).
using sweep_row_callback = std::function<void(std::size_t row, std::span<const rational> euros_by_step)>;

/// What a sweep is about, beyond its totals: the indicator whose share it reports and the
/// groups whose gate it follows.
struct sweep_figures {
    /// The indicator whose target or points the first axis sweeps (compile::slot::owner),
    /// if it sweeps one.
    std::optional<std::size_t> subject;
    /// Every group with a gate, in program order.
    std::vector<std::size_t> gated_groups;
};

/// The figures of a sweep of `axes` over `p`.
[[nodiscard]] sweep_figures figures_of(const program& p, std::span<const sweep_axis> axes);

/// Checks that `v` is a possible value of slot `slot` of `p`; `name` names the parameter in
/// the message. Throws std::invalid_argument ("volet2.dmp.target@2024 cannot be 150 %: a
/// rate target lies between 0 % and 100 %") for a rate target outside [0, 1], negative
/// points, a point value that is not positive, or a slot index out of range.
void check_parameter_value(const program& p, std::size_t slot, const rational& v, std::string_view name);

/// The values from..to by step, exactly (from, from + step, ... up to to included, plus to
/// itself when the steps do not land on it): "0..1:0.01" gives 101 values. Throws
/// std::invalid_argument if step <= 0, from > to, or more than 100,000 values.
[[nodiscard]] std::vector<rational> range_values(const rational& from, const rational& to, const rational& step);

/// Evaluates `table` (loaded for `p`) at every combination of the values of `axes` (one or
/// two; row-major, first axis outer), evaluating only what the axes change (see the file
/// comment). Each step equals a full evaluation of every row with the axes' slots set to
/// that step's values (for the axis' year only, when it has one). Winners and losers are
/// counted against the first combination. `on_row`, when set, receives each row's amounts.
/// Throws std::invalid_argument for bad axes (not 1 or 2, unknown slot or year, no value, a
/// value check_parameter_value refuses, the same slot twice for a common year, more than
/// 100,000 combinations), placeholder_error when a year present still has XX besides the
/// swept slots, evaluation_error (with its row) on overflow.
[[nodiscard]] sweep_result run_sweep(const program& p, const data_table& table, std::span<const sweep_axis> axes, const sweep_row_callback& on_row = {});

/// What a sweep over a file read during the pass found.
struct sweep_file_result {
    /// The read (data errors, rejected rows, rows and years accepted) and, when the rows were
    /// usable, the first error: placeholders, a row's evaluation_error, a total beyond 64 bits.
    file_pass_result pass;
    sweep_result sweep;  ///< the steps, when the rows were usable and nothing failed
};

/// run_sweep over a file read in parts on the cores as the pass goes, as eval reads it: no
/// table, each part evaluated where it was read, the parts folded in file order. The axes are
/// checked first (std::invalid_argument as run_sweep, nothing read); the rows' problems and
/// the first error are returned (report the data, then call pass.rethrow()). Throws
/// csv_io_error when the file cannot be read.
[[nodiscard]] sweep_file_result run_sweep(const program& p, const file_rows& source, std::span<const sweep_axis> axes);

/// Same as run_sweep over a table, counting only the rows of the year of index `only_year` (program::years) when it is
/// set: what solve() evaluates for a parameter of one year.
[[nodiscard]] sweep_result run_sweep_of_year(const program& p, const data_table& table, std::span<const sweep_axis> axes, std::optional<std::size_t> only_year);

/// What solve() looks for.
struct solve_goal {
    std::size_t slot = 0;     ///< the varied parameter: index in program::slots
    std::optional<int> year;  ///< set: vary it for that year only, and count only that year's rows
    std::string name;         ///< as given, for messages
    enum class kind { budget, reach };
    kind what = kind::budget;
    /// budget: total euros of the rows counted; reach: the share in [0, 1] of them that
    /// must meet `reach_of`.
    rational amount;
    enum class subject { indicator, group };
    subject reach_of = subject::indicator;  ///< reach: an indicator met, or a group's gate holding
    std::size_t reach_index = 0;            ///< reach: index in program::indicators or groups
};

/// The population at one value of the varied parameter.
struct solve_point {
    rational value;          ///< the parameter's value
    sweep_step population;   ///< totals of the rows counted (winners and losers left at 0)
    std::size_t reached = 0; ///< rows meeting the reach subject (0 for a budget)
    rational share;          ///< reached / rows counted (0 for a budget)
};

/// The answer of solve().
struct solve_result {
    enum class method {
        steps,   ///< a target: the answer is a measured value where the population changes
        affine,  ///< points or point value: the answer solves slope * v + intercept = budget
        grid,    ///< cost not a step or affine function (caps, graded or prorated payments):
                 ///< the best value on a grid of `grid` (0.01 % for a rate, 0.01 otherwise)
    };
    method how = method::steps;
    /// Some value in the parameter's range meets the goal. When false, `answer` is the
    /// closest achievable value (lowest cost, highest reach) and `other_side` is empty.
    bool met = false;
    /// steps, budget: the lowest target (or highest, for `<=`/`<`) whose cost is <= budget;
    /// steps, reach: the highest target (lowest, for `<=`/`<`) that still reaches the share;
    /// affine: v = (budget - intercept) / slope exactly (cost == budget);
    /// grid: the value of the grid that steps would give, among the grid's values.
    solve_point answer;
    /// steps, grid: the next candidate beyond the answer, which misses the goal (cost above the
    /// budget, share below the goal); empty when the answer is at the end of the range.
    std::optional<solve_point> other_side;
    /// steps, rate target: a value with at most two decimals in percent (0.01 %) that gives
    /// the same population result as the answer, checked by a probe; empty when none does.
    /// Rounded towards the inside of the answer's step (down for `>=` and `<`, up for `>`
    /// and `<=`) first, the other way second.
    std::optional<solve_point> friendly;
    /// steps, rate target: the value with at most two decimals in percent nearest to the
    /// answer on the side away from `other_side` (so that it still meets the goal), with its
    /// population: the figure to quote when no friendly value exists (on large populations
    /// the steps are often narrower than 0.01 %). Empty only if the probe contradicts
    /// monotony.
    std::optional<solve_point> rounded;
    bool friendly_applies = false;  ///< steps on a rate target: friendly and rounded were looked for
    /// affine: the grid values (0.5 point, 1 cent of point value) just below and above the
    /// answer, each evaluated (below costs <= budget, above >= budget); empty when outside
    /// the range or equal to the answer.
    std::optional<solve_point> below;
    std::optional<solve_point> above;
    rational grid;       ///< grid: the step of the values searched
    rational slope;      ///< affine: euros per unit of the parameter
    rational intercept;  ///< affine: euros at value 0
    std::size_t physicians = 0;  ///< rows counted
    std::size_t candidates = 0;  ///< steps: distinct values where the population can change
    std::size_t probes = 0;      ///< parameter values evaluated
    std::size_t passes = 0;      ///< passes over the data
};

/// The subject of a reach: `of` names an indicator (GROUP.INDICATOR or INDICATOR) or a group;
/// when `of` is empty, the indicator whose target is slot `slot`. Sets `goal.reach_of` and
/// `goal.reach_index`; returns false when nothing matches.
[[nodiscard]] bool find_reach_subject(const program& p, const std::string& of, std::size_t slot, solve_goal& goal);

/// Finds the value of goal.slot that meets `goal` on `table`, exactly (see the file comment
/// and solve_result). Range of the parameter: [0, 1] for a rate target; for another target
/// from min(0, lowest measured value) to the highest measured value + 1; points >= 0; point
/// value > 0 (on a grid: points from 0 to the first power of ten whose cost exceeds the
/// budget). Throws std::invalid_argument when the goal is malformed (unknown slot, year
/// or subject, a share outside [0, 1]), when a reach is asked of a points value or the
/// point value (they change no outcome), or when the target's steps cannot be known (its
/// slot is read by something else than the comparison that is an indicator's whole
/// condition or a computed payment); placeholder_error, evaluation_error as run_sweep.
[[nodiscard]] solve_result solve(const program& p, const data_table& table, const solve_goal& goal);

}  // namespace donum::population

#endif
