#include "interpreter/population/runner.hpp"

#include <algorithm>
#include <exception>
#include <system_error>
#include <thread>

namespace donum::population {

std::size_t share_count(std::size_t rows, const pass_options& options)
{
    if (options.in_order) return 1;
    const std::size_t cores = std::max(1U, std::thread::hardware_concurrency());
    return std::clamp<std::size_t>(rows / std::max<std::size_t>(1, options.min_rows_per_share), 1, cores);
}

void run_shares(std::size_t count, std::size_t shares, const std::function<void(std::size_t share, std::size_t begin, std::size_t end)>& work)
{
    shares = std::max<std::size_t>(1, shares);
    std::vector<std::exception_ptr> errors(shares);
    auto run = [&](std::size_t s) {
        try {
            work(s, count * s / shares, count * (s + 1) / shares);
        }
        catch (...) {
            errors[s] = std::current_exception();
        }
    };
    // Share 0 runs here, and so does any share no thread could be started for.
    std::vector<std::thread> threads;
    std::vector<std::size_t> here{0};
    for (std::size_t s = 1; s < shares; ++s) {
        try {
            threads.emplace_back(run, s);
        }
        catch (const std::system_error&) {
            here.push_back(s);
        }
    }
    for (const auto s : here) run(s);
    for (auto& t : threads) t.join();
    // Shares are contiguous and in order: the first error of the lowest share is the first
    // failing row of the whole pass.
    for (const auto& e : errors) {
        if (e) std::rethrow_exception(e);
    }
}

bool rows_usable(const data::load_result& loaded, bool allow_rejected) { return !loaded.fatal && (allow_rejected || loaded.errors.empty()); }

year_evaluators::year_evaluators(const program& p, std::span<const slot_override> overrides, std::optional<std::size_t> only_year)
    : year_evaluators(p, [&](int) { return std::vector<slot_override>(overrides.begin(), overrides.end()); }, only_year)
{
}

year_evaluators::year_evaluators(const program& p, const std::function<std::vector<slot_override>(int year)>& overrides_of, std::optional<std::size_t> only_year)
{
    m_by_year.resize(p.years.size());
    m_blocked.resize(p.years.size());
    for (std::size_t y = 0; y < p.years.size(); ++y) {
        if (only_year && y != *only_year) continue;
        try {
            const auto overrides = overrides_of(p.years[y]);
            m_by_year[y].emplace(p, p.years[y], overrides);
        }
        catch (const eval::placeholder_error& e) {
            m_blocked[y].emplace(e);
        }
    }
}

year_evaluators::year_evaluators(const program& p, const data_table& table, std::span<const slot_override> overrides, std::optional<std::size_t> only_year) : year_evaluators(p, overrides, only_year)
{
    check(table.year_indexes());
}

year_evaluators::year_evaluators(const program& p, const data_table& table, const std::function<std::vector<slot_override>(int year)>& overrides_of, std::optional<std::size_t> only_year)
    : year_evaluators(p, overrides_of, only_year)
{
    check(table.year_indexes());
}

void year_evaluators::check(std::span<const std::size_t> years) const
{
    eval::placeholder_collector open;
    for (const auto y : years) {
        if (blocked(y)) open.add(*m_blocked[y]);
    }
    open.throw_if_any();
}

}  // namespace donum::population
