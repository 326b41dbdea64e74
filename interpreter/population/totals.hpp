// The overflow policy of population figures: a total (a sum over rows, a mean, a total
// times the point value) that goes beyond exact 64-bit arithmetic is an evaluation_error at
// the point value of the program (eval::total_overflow), exit code 6, never exit 70.
#ifndef DONUM_INTERPRETER_POPULATION_TOTALS_HPP
#define DONUM_INTERPRETER_POPULATION_TOTALS_HPP

#include "interpreter/compile/program.hpp"
#include "interpreter/eval/errors.hpp"
#include "interpreter/exact/rational.hpp"
#include "interpreter/exact/sum.hpp"

namespace donum::population {

/// The value of `sum`, or eval::total_overflow(p) thrown when it does not fit 64 bits.
[[nodiscard]] inline exact::rational total(const compile::program& p, const exact::exact_sum& sum)
{
    const auto v = sum.value();
    if (!v) throw eval::total_overflow(p);
    return *v;
}

/// Runs `f` (arithmetic on totals: a mean, a product by the point value); an
/// exact::overflow_error it throws becomes eval::total_overflow(p).
template <typename F>
auto guard_totals(const compile::program& p, F&& f) -> decltype(f())
{
    try {
        return f();
    }
    catch (const exact::overflow_error&) {
        throw eval::total_overflow(p);
    }
}

}  // namespace donum::population

#endif
