// What evaluating one physician-year produces: the value of every code node, the outcome of
// every indicator, then the groups and the amount. The evaluator fills it; payment, explain,
// sweeps and reports read it.
#ifndef DONUM_INTERPRETER_EVAL_RESULT_HPP
#define DONUM_INTERPRETER_EVAL_RESULT_HPP

#include <cstdint>
#include <vector>

#include "interpreter/exact/int128.hpp"
#include "interpreter/exact/rational.hpp"

namespace donum::eval {

using exact::rational;

/// The value of one code node for one row: num/den with den > 0, not necessarily reduced
/// (a rate keeps its counts, so that an explanation can show 200/300), or undefined.
struct value {
    std::int64_t num = 0;
    /// > 0 when defined; 0 when undefined; < 0 when the node overflowed (num is then the id
    /// of the node where it happened), which result::values only shows for nodes whose value
    /// was not needed (the untaken branch of an `if`).
    std::int64_t den = 1;

    /// An undefined value (a zero denominator somewhere below).
    [[nodiscard]] static constexpr value undefined() { return {0, 0}; }
    /// The exact number r, as a value.
    [[nodiscard]] static constexpr value of(const rational& r) { return {r.num(), r.den()}; }
    /// True when it is a number (neither undefined nor overflowed).
    [[nodiscard]] constexpr bool defined() const { return den > 0; }
    /// True when computing it overflowed.
    [[nodiscard]] constexpr bool overflowed() const { return den < 0; }
    /// True iff defined and equal to 1: how a boolean reads as a condition.
    [[nodiscard]] constexpr bool is_true() const { return den > 0 && num == den; }
    /// The exact value, reduced. Precondition: defined(). Throws overflow_error if num is
    /// INT64_MIN (a value no rational holds).
    [[nodiscard]] rational exact() const { return {num, den}; }
};

/// Sign of a - b (-1, 0, 1), both defined: exact, since denominators are positive and the
/// cross products fit 128 bits.
[[nodiscard]] constexpr int compare(const value& a, const value& b)
{
    const exact::i128 left = static_cast<exact::i128>(a.num) * b.den;
    const exact::i128 right = static_cast<exact::i128>(b.num) * a.den;
    return left < right ? -1 : left > right ? 1 : 0;
}

/// What became of one indicator in one row.
enum class indicator_outcome : std::uint8_t { not_met, met, neutralised };

/// Outcome of one indicator, and whether its condition was undefined (so that the outcome
/// is its zero_denominator policy).
struct indicator_result {
    indicator_outcome outcome = indicator_outcome::not_met;
    bool undefined = false;
};

/// Everything an evaluation computes for one row. Reuse one instance across rows: its vectors
/// keep their capacity, so that the per-row work allocates nothing.
struct result {
    rational points;                           ///< total points
    rational euros;                            ///< points times the point value
    std::vector<indicator_result> indicators;  ///< by index of program::indicators
    std::vector<std::uint8_t> group_open;      ///< by index of program::groups: 1 when its gate holds
    std::vector<rational> group_points;        ///< points paid by each group
    std::vector<std::uint32_t> group_met;      ///< met indicators of each group
    std::vector<std::uint32_t> group_neutralised;  ///< neutralised indicators of each group
    std::vector<value> values;                 ///< value of every code node (index: node_id)
};

}  // namespace donum::eval

#endif
