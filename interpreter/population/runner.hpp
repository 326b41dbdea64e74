// The population runner: the one loop over the rows of a population, used by every command
// that evaluates one (eval, simulate, sweeps, solve, diff, explain --vs, test).
//
// Rows come in batches (data::row_batch: values row-major, ids, years, lines, numbered in
// file order), from one of two sources:
// - a table in memory (data_table), for passes that need the rows several times or all at
//   once (solve's passes, explain, diff, sweeps, the aligned table of eval): the rows are cut
//   into contiguous shares, one per core (fewer when the rows are few, or when a thread
//   cannot be started: the calling thread then does that share itself; a failure to start a
//   thread is never fatal), each share read into batches of a few thousand rows;
// - a file read during the pass (file_rows), for passes that need each row once (eval's csv
//   and json): each part of the file is read, validated and merged in file order
//   (data/stream.hpp), then its batch is worked on by the core that read it, usually, while
//   the other cores read the next parts; nothing holds the whole population.
// The work is the same for both: work(state, batch, i) for each row i of each batch, with the
// state of its share (a table) or of its part (a file), made by make(); then fold(state) for
// each state in row order, one at a time, so that folding them in that order gives what one
// pass in file order gives. With pass_options::in_order, a table is one share on the calling
// thread (a file is not read in order: work on a table for that).
//
// Errors:
// - An evaluation_error thrown by work is given the row's data file, line and physician id
//   (its year is set by the evaluator that threw it). A share, or a part, stops at its first
//   failing row; the error reported is that of the first failing row of the file, whatever
//   the share or part (what a single pass would report); nothing is folded after it.
// - A file's data errors come first: the pass over a file returns its load_result, and when
//   the rows may not be used (a fatal problem, or a rejected row without allow_rejected),
//   no evaluation error or placeholder is raised: the caller reports the data errors.
// - Placeholders: the evaluators of a pass (year_evaluators) are built before any row; the
//   XX of every year present are reported together (placeholder_error) before any
//   evaluation error: at once for a table, after the read for a file (whose years are known
//   only then).
#ifndef DONUM_INTERPRETER_POPULATION_RUNNER_HPP
#define DONUM_INTERPRETER_POPULATION_RUNNER_HPP

#include <atomic>
#include <cstddef>
#include <exception>
#include <functional>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "interpreter/compile/program.hpp"
#include "interpreter/data/batch.hpp"
#include "interpreter/data/stream.hpp"
#include "interpreter/data/table.hpp"
#include "interpreter/eval/errors.hpp"
#include "interpreter/eval/evaluate.hpp"

namespace donum::population {

using compile::program;
using data::data_table;
using data::row_batch;
using eval::evaluator;
using eval::slot_override;

/// How a pass over a table uses the machine.
struct pass_options {
    /// One share, on the calling thread: for work that needs the rows in file order as they
    /// come (a callback writing a file row by row).
    bool in_order = false;
    /// Fewer threads when a share would hold fewer rows than this: starting a thread costs
    /// more than evaluating a few thousand rows.
    std::size_t min_rows_per_share = 20000;
};

/// A file whose rows a pass reads as it goes.
struct file_rows {
    std::string path;
    const data::schema* columns = nullptr;  ///< what the rows are validated against
    data::table_options options;
    /// Rejected rows do not prevent the pass (--skip-invalid): the others are worked on.
    bool allow_rejected = false;
    /// When set, the file's bytes, and `path` only names it in errors (tests, fuzzers).
    std::optional<std::string_view> text;
};

/// True when the rows of `loaded` may be used: nothing fatal, and no rejected row unless
/// `allow_rejected`.
[[nodiscard]] bool rows_usable(const data::load_result& loaded, bool allow_rejected);

/// How many shares a pass over `rows` rows uses: one per core, bounded by the options.
[[nodiscard]] std::size_t share_count(std::size_t rows, const pass_options& options);

/// Runs work(share, begin, end) for `shares` contiguous shares of [0, count), share 0 on the
/// calling thread and the others on threads of their own (on the calling thread too when a
/// thread cannot be started). Rethrows the exception of the lowest failing share.
void run_shares(std::size_t count, std::size_t shares, const std::function<void(std::size_t share, std::size_t begin, std::size_t end)>& work);

namespace detail {

/// Rows of a table read into a batch at a time: enough to amortise the reading, few enough
/// to stay in the core's cache.
inline constexpr std::size_t table_batch_rows = 2048;

/// Calls work(state, batch, i) for the rows i of `batch`; an evaluation_error is given its
/// row, whose index is left in `i`.
template <typename State, typename Work>
void work_on(State& state, const row_batch& batch, Work& work, std::size_t& i)
{
    try {
        for (i = 0; i < batch.size(); ++i) work(state, batch, i);
    }
    catch (eval::evaluation_error& e) {
        e.set_row(batch.file(), batch.line(i), std::string(batch.id(i)));
        throw;
    }
}

/// The consumer of a pass over a file: a state per part, worked on as parts arrive, folded in
/// order; the first failing row's error kept (the read goes on: data errors come first).
template <typename State, typename Make, typename Work, typename Fold>
class file_pass final : public data::batch_consumer {
public:
    file_pass(Make& make, Work& work, Fold& fold) : m_make(make), m_work(work), m_fold(fold) {}

    void process(row_batch& batch) override
    {
        if (batch.first_row() >= m_failed_at.load()) return;  // after a failing row: not needed
        State state = m_make();
        std::size_t i = 0;
        try {
            work_on(state, batch, m_work, i);
        }
        catch (const eval::evaluation_error&) {
            const std::lock_guard lock(m_mutex);
            const auto row = batch.first_row() + i;
            if (row < m_failed_at.load()) {
                m_failed_at = row;
                m_failure = std::current_exception();
            }
            return;
        }
        const std::lock_guard lock(m_mutex);
        m_states.emplace(batch.index(), std::move(state));
    }

    void fold(row_batch& batch) override
    {
        std::optional<State> state;
        {
            const std::lock_guard lock(m_mutex);
            const auto it = m_states.find(batch.index());
            if (it == m_states.end()) return;
            state.emplace(std::move(it->second));
            m_states.erase(it);
        }
        if (batch.first_row() + batch.size() <= m_failed_at.load()) m_fold(std::move(*state));
    }

    /// The error of the first failing row, if any.
    [[nodiscard]] std::exception_ptr failure() const { return m_failure; }

private:
    Make& m_make;
    Work& m_work;
    Fold& m_fold;
    std::mutex m_mutex;
    std::map<std::size_t, State> m_states;  ///< by batch index: processed, not folded yet
    std::atomic<std::size_t> m_failed_at = std::numeric_limits<std::size_t>::max();
    std::exception_ptr m_failure;
};

/// The pass over a file, its first evaluation error returned rather than thrown.
template <typename State, typename Make, typename Work, typename Fold>
std::pair<data::load_result, std::exception_ptr> read_and_work(const file_rows& source, Make& make, Work& work, Fold& fold)
{
    auto options = source.options;
    options.only_if_valid = !source.allow_rejected;
    file_pass<State, Make, Work, Fold> pass(make, work, fold);
    auto loaded = source.text ? data::read_text_in_batches(source.path, *source.text, *source.columns, options, pass) : data::read_in_batches(source.path, *source.columns, options, pass);
    return {std::move(loaded), pass.failure()};
}

}  // namespace detail

/// The pass over a table (see the file comment): work(state, batch, i) for every row, in
/// contiguous shares each with its own State made by make(); then fold(state) for each
/// share's state, in row order. Throws the first failing row's evaluation_error (nothing is
/// folded then).
template <typename State, typename Make, typename Work, typename Fold>
void for_each_batch(const data_table& table, Make&& make, Work&& work, Fold&& fold, const pass_options& options = {})
{
    const auto shares = share_count(table.size(), options);
    std::vector<std::optional<State>> states(shares);
    run_shares(table.size(), shares, [&](std::size_t share, std::size_t begin, std::size_t end) {
        auto& state = states[share].emplace(make());
        auto batch = table.make_batch();
        for (std::size_t from = begin; from < end; from += detail::table_batch_rows) {
            table.read_rows(from, std::min(end, from + detail::table_batch_rows), batch);
            std::size_t i = 0;
            detail::work_on(state, batch, work, i);
        }
    });
    for (auto& s : states) fold(std::move(*s));
}

/// What a pass over a file found. Nothing is thrown for the rows' problems: the caller
/// reports the data first (loaded), then calls rethrow().
struct file_pass_result {
    data::load_result loaded;  ///< errors, rejected rows, rows accepted (its table is empty)
    /// When the rows were usable (rows_usable): the placeholder_error of the blocked years met,
    /// or else the first failing row's evaluation_error; empty otherwise.
    std::exception_ptr error;

    /// Throws `error`, if any.
    void rethrow() const
    {
        if (error) std::rethrow_exception(error);
    }
};

/// The pass over a file (see the file comment): work(state, batch, i) for every accepted row,
/// each part with its own State made by make(); then fold(state) for each part's state, in
/// row order (never from a failing row on). Throws csv_io_error when the file cannot be read.
template <typename State, typename Make, typename Work, typename Fold>
file_pass_result for_each_batch(const file_rows& source, Make&& make, Work&& work, Fold&& fold)
{
    auto [loaded, failure] = detail::read_and_work<State>(source, make, work, fold);
    if (!rows_usable(loaded, source.allow_rejected)) failure = nullptr;
    return {std::move(loaded), failure};
}

/// Calls work(state, row) for every row of `table`, in contiguous shares, each share with its
/// own State made by make(). Returns the states in row order: for_each_batch, for work that
/// reads the table itself.
template <typename State, typename Make, typename Work>
std::vector<State> for_each_row(const data_table& table, Make&& make, Work&& work, const pass_options& options = {})
{
    std::vector<State> states;
    for_each_batch<State>(
        table, make, [&](State& state, const row_batch& batch, std::size_t i) { work(state, batch.first_row() + i); }, [&](State&& state) { states.push_back(std::move(state)); }, options);
    return states;
}

/// The evaluators of one program for a pass: one per year of the program (or only the year
/// `only_year`, an index of program::years), each with the pass's slot overrides, all built
/// before any row. A year still XX has none: it is blocked, and check() reports the XX of
/// every blocked year a pass met together (placeholder_error).
class year_evaluators {
public:
    /// Overrides for every year.
    explicit year_evaluators(const program& p, std::span<const slot_override> overrides = {}, std::optional<std::size_t> only_year = {});
    /// Overrides per year: overrides_of(year) gives that year's.
    year_evaluators(const program& p, const std::function<std::vector<slot_override>(int year)>& overrides_of, std::optional<std::size_t> only_year = {});
    /// For a pass over `table`: throws placeholder_error at once when a year present is
    /// blocked.
    year_evaluators(const program& p, const data_table& table, std::span<const slot_override> overrides = {}, std::optional<std::size_t> only_year = {});
    year_evaluators(const program& p, const data_table& table, const std::function<std::vector<slot_override>(int year)>& overrides_of, std::optional<std::size_t> only_year = {});

    /// The evaluator of year index `y`, or nullptr when the pass leaves that year out or it is
    /// blocked.
    [[nodiscard]] const evaluator* of_year(std::size_t y) const { return y < m_by_year.size() && m_by_year[y] ? &*m_by_year[y] : nullptr; }
    /// True when year index `y` is in the pass but still has XX.
    [[nodiscard]] bool blocked(std::size_t y) const { return y < m_blocked.size() && m_blocked[y]; }
    /// Throws placeholder_error listing the XX of every blocked year among `years` (indexes,
    /// ascending).
    void check(std::span<const std::size_t> years) const;

    /// For a pass that reads only the outcomes, groups and amounts of each result, not the
    /// node values: each row is evaluated with evaluator::evaluate_amounts.
    void set_amounts_only(bool only) { m_amounts_only = only; }
    /// Evaluates `inputs` with the evaluator of year index `y` (of_year(y) must not be null).
    void evaluate(std::size_t y, std::span<const std::int64_t> inputs, eval::result& out) const
    {
        if (m_amounts_only) m_by_year[y]->evaluate_amounts(inputs, out);
        else m_by_year[y]->evaluate(inputs, out);
    }

private:
    std::vector<std::optional<evaluator>> m_by_year;           ///< by index of program::years
    std::vector<std::optional<eval::placeholder_error>> m_blocked;  ///< by index: why it is blocked
    bool m_amounts_only = false;
};

namespace detail {

/// What a share or part of an evaluated pass holds: the caller's state, and the buffers one
/// evaluation reuses from row to row.
template <typename State>
struct evaluated_state {
    State state;
    eval::result r;
};

}  // namespace detail

/// Evaluates every row that `evaluators` cover (a year left out of the pass is skipped), then
/// calls work(state, batch, i, result): for_each_batch with the evaluation done (the rows'
/// values are the program's inputs: the table or file was read for schema_of(p)). The result
/// is reused for the share's next row: copy what must outlive the call.
template <typename State, typename Make, typename Work, typename Fold>
void evaluate_rows(const data_table& table, const year_evaluators& evaluators, Make&& make, Work&& work, Fold&& fold, const pass_options& options = {})
{
    using share = detail::evaluated_state<State>;
    for_each_batch<share>(
        table, [&] { return share{make(), {}}; },
        [&](share& s, const row_batch& batch, std::size_t i) {
            const auto y = batch.year_index(i);
            if (evaluators.of_year(y) == nullptr) return;
            evaluators.evaluate(y, batch.values(i), s.r);
            work(s.state, batch, i, std::as_const(s.r));
        },
        [&](share&& s) { fold(std::move(s.state)); }, options);
}

/// Same over a file read during the pass (see for_each_batch); the error returned, when the
/// rows were usable, is the placeholder_error of the blocked years met, if any, else the
/// first failing row's evaluation_error.
template <typename State, typename Make, typename Work, typename Fold>
file_pass_result evaluate_rows(const file_rows& source, const year_evaluators& evaluators, Make&& make, Work&& work, Fold&& fold)
{
    using share = detail::evaluated_state<State>;
    auto make_share = [&] { return share{make(), {}}; };
    auto work_share = [&](share& s, const row_batch& batch, std::size_t i) {
        const auto y = batch.year_index(i);
        if (evaluators.of_year(y) == nullptr) return;  // left out of the pass, or blocked (reported below)
        evaluators.evaluate(y, batch.values(i), s.r);
        work(s.state, batch, i, std::as_const(s.r));
    };
    auto fold_share = [&](share&& s) { fold(std::move(s.state)); };
    auto [loaded, failure] = detail::read_and_work<share>(source, make_share, work_share, fold_share);
    file_pass_result out{std::move(loaded), nullptr};
    if (!rows_usable(out.loaded, source.allow_rejected)) return out;
    try {
        evaluators.check(out.loaded.year_indexes);
    }
    catch (const eval::placeholder_error&) {
        out.error = std::current_exception();
        return out;
    }
    out.error = failure;
    return out;
}

/// evaluate_rows over a table, for work that reads the table itself: work(state, row,
/// result), the states returned in row order.
template <typename State, typename Make, typename Work>
std::vector<State> for_each_evaluated_row(const data_table& table, const year_evaluators& evaluators, Make&& make, Work&& work, const pass_options& options = {})
{
    std::vector<State> states;
    evaluate_rows<State>(
        table, evaluators, make, [&](State& state, const row_batch& batch, std::size_t i, const eval::result& r) { work(state, batch.first_row() + i, r); },
        [&](State&& state) { states.push_back(std::move(state)); }, options);
    return states;
}

}  // namespace donum::population

#endif
