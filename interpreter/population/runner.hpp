// The population runner: the one loop over the rows of a table, used by every command that
// evaluates a population (eval, simulate, sweeps, solve, diff, explain --vs, test).
//
// - Threads: contiguous shares of the rows, one per core (fewer when the rows are few, or
//   when a thread cannot be started: the calling thread then does that share itself; a
//   failure to start a thread is never fatal). With pass_options::in_order, one share on the
//   calling thread.
// - Order: each share has its own state (accumulators, buffers) and sees its rows in file
//   order; the states come back in row order, so that merging them in that order gives what
//   one pass in file order gives.
// - Errors: a share stops at its first failing row; the error thrown is that of the first
//   failing row of the file, whatever the share (what a single pass would report). An
//   evaluation_error names the data file, line and physician of its row (its year is set by
//   the evaluator that threw it).
#ifndef DONUM_INTERPRETER_POPULATION_RUNNER_HPP
#define DONUM_INTERPRETER_POPULATION_RUNNER_HPP

#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "interpreter/compile/program.hpp"
#include "interpreter/data/table.hpp"
#include "interpreter/eval/errors.hpp"
#include "interpreter/eval/evaluate.hpp"

namespace donum::population {

using compile::program;
using data::data_table;
using eval::evaluator;
using eval::slot_override;

/// How a pass over rows uses the machine.
struct pass_options {
    /// One share, on the calling thread: for work that needs the rows in file order as they
    /// come (a callback writing a file row by row).
    bool in_order = false;
    /// Fewer threads when a share would hold fewer rows than this: starting a thread costs
    /// more than evaluating a few thousand rows.
    std::size_t min_rows_per_share = 20000;
};

/// How many shares a pass over `rows` rows uses: one per core, bounded by the options.
[[nodiscard]] std::size_t share_count(std::size_t rows, const pass_options& options);

/// Runs work(share, begin, end) for `shares` contiguous shares of [0, count), share 0 on the
/// calling thread and the others on threads of their own (on the calling thread too when a
/// thread cannot be started). Rethrows the exception of the lowest failing share.
void run_shares(std::size_t count, std::size_t shares, const std::function<void(std::size_t share, std::size_t begin, std::size_t end)>& work);

/// Calls work(state, row) for every row of `table`, in contiguous shares (see the file
/// comment), each share with its own State made by make(). Returns the states in row order.
/// An evaluation_error thrown by work is given the table's file, line and physician id.
template <typename State, typename Make, typename Work>
std::vector<State> for_each_row(const data_table& table, Make&& make, Work&& work, const pass_options& options = {})
{
    const auto shares = share_count(table.size(), options);
    std::vector<State> states;
    states.reserve(shares);
    for (std::size_t s = 0; s < shares; ++s) states.push_back(make());
    run_shares(table.size(), shares, [&](std::size_t share, std::size_t begin, std::size_t end) {
        auto& state = states[share];
        std::size_t row = begin;
        try {
            for (; row < end; ++row) work(state, row);
        }
        catch (eval::evaluation_error& e) {
            e.set_row(table.file(), table.line(row), std::string(table.id(row)));
            throw;
        }
    });
    return states;
}

/// The evaluators of one program for a pass over a table: one per year that occurs in it
/// (or only the year `only_year`, an index of program::years), each with the pass's slot
/// overrides, all built before any row so that the XX of every year are reported together
/// (placeholder_error).
class year_evaluators {
public:
    /// Overrides for every year.
    year_evaluators(const program& p, const data_table& table, std::span<const slot_override> overrides = {}, std::optional<std::size_t> only_year = {});
    /// Overrides per year: overrides_of(year) gives that year's.
    year_evaluators(const program& p, const data_table& table, const std::function<std::vector<slot_override>(int year)>& overrides_of, std::optional<std::size_t> only_year = {});

    /// The evaluator of year index `y`, or nullptr when the pass leaves that year out.
    [[nodiscard]] const evaluator* of_year(std::size_t y) const { return y < m_by_year.size() && m_by_year[y] ? &*m_by_year[y] : nullptr; }
    /// The evaluator of `row`'s year. Precondition: the pass includes that year.
    [[nodiscard]] const evaluator& of_row(const data_table& table, std::size_t row) const { return *m_by_year[table.year_index(row)]; }

private:
    std::vector<std::optional<evaluator>> m_by_year;  ///< by index of program::years
};

/// Evaluates every row of `table` that `evaluators` cover (a year left out of the pass is
/// skipped), then calls work(state, row, result): for_each_row with the evaluation done. The
/// result is reused for the share's next row: copy what must outlive the call.
template <typename State, typename Make, typename Work>
std::vector<State> for_each_evaluated_row(const data_table& table, const year_evaluators& evaluators, Make&& make, Work&& work, const pass_options& options = {})
{
    struct share {
        State state;
        std::vector<std::int64_t> inputs;
        eval::result r;
    };
    auto shares = for_each_row<share>(
        table, [&] { return share{make(), std::vector<std::int64_t>(table.input_count()), {}}; },
        [&](share& s, std::size_t row) {
            const auto* ev = evaluators.of_year(table.year_index(row));
            if (ev == nullptr) return;
            table.read_row(row, s.inputs);
            ev->evaluate(s.inputs, s.r);
            work(s.state, row, std::as_const(s.r));
        },
        options);
    std::vector<State> states;
    states.reserve(shares.size());
    for (auto& s : shares) states.push_back(std::move(s.state));
    return states;
}

}  // namespace donum::population

#endif
