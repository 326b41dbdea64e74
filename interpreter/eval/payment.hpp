// Gates and payment: from the outcomes of a row's indicators to its groups, points and euros.
// The one implementation of these rules, used by the evaluator, explanations, reports,
// sweeps and the reasons of a diff.
//
// Semantics, exactly (docs/language.md, section 7):
// - Indicators that *count* in group G: every indicator of G but the neutralised ones.
// - A gate term holds iff G is open and: `all of G`: every counted indicator of G is met
//   (true when all are neutralised); `any of G`: at least one is met; `at least K of G`: at
//   least K are met. A group is open iff every term of its gate holds; groups are decided in
//   program::group_order, after the groups their gates read.
// - A block group pays its block points iff it is open and (`when all met`: every counted
//   indicator is met; `when at least K met`: at least K are met). Otherwise each met
//   indicator of an open group pays its points of the year. A closed group pays nothing.
// - Points are the sum over groups; euros = points × the point value of the year, exact.
//   A sum beyond 64 bits is an evaluation_error at the group, euros beyond 64 bits at the
//   point value (errors.hpp).
#ifndef DONUM_INTERPRETER_EVAL_PAYMENT_HPP
#define DONUM_INTERPRETER_EVAL_PAYMENT_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "interpreter/compile/program.hpp"
#include "interpreter/eval/result.hpp"

namespace donum::eval {

using compile::gate_term_info;
using compile::program;

/// What one year pays: each indicator's and each block's points, and the point value; also
/// the points as integers over one common denominator when they fit, so that summing a row's
/// points needs no gcd.
class payment_plan {
public:
    /// The plan of `p` for `year`, from the year's value of every slot (`slot_values`, indexed
    /// like program::slots; the payment slots must not be XX).
    payment_plan(const program& p, int year, std::span<const std::optional<rational>> slot_values);

    /// The points indicator i pays when met, in a group paid indicator by indicator.
    [[nodiscard]] const std::optional<rational>& indicator_points(std::size_t i) const { return m_indicator_points[i]; }
    /// The block points of group g, when it is paid as a block.
    [[nodiscard]] const std::optional<rational>& block_points(std::size_t g) const { return m_block_points[g]; }
    /// Euros per point.
    [[nodiscard]] const rational& point_value() const { return m_point_value; }
    /// The year paid.
    [[nodiscard]] int year() const { return m_year; }
    /// Same points and point value as `other`: two plans pay every row the same.
    [[nodiscard]] bool operator==(const payment_plan& other) const;

private:
    friend void pay(const program& p, const payment_plan& plan, result& r);

    int m_year = 0;
    std::vector<std::optional<rational>> m_indicator_points;  ///< by indicator
    std::vector<std::optional<rational>> m_block_points;      ///< by group
    rational m_point_value;
    std::optional<std::int64_t> m_scale;  ///< common denominator, unset when it does not fit
    std::vector<std::int64_t> m_indicator_scaled;
    std::vector<std::int64_t> m_block_scaled;
    // With m_scale: points (a count of 1/scale) and euros (points times the point value: a
    // count of 1/scale times scale's share of the point value) reduced by table.
    std::optional<exact::fraction_table> m_points;
    std::optional<exact::fraction_table> m_euros;
    std::int64_t m_euros_factor = 0;
    /// By group: some indicator of it can be neutralised (its zero_denominator policy).
    std::vector<char> m_may_neutralise;
};

/// Indicators of group g that count in gates and blocks: all but the neutralised ones, in the
/// row whose groups are decided in `r`.
[[nodiscard]] std::size_t counted(const program& p, std::size_t g, const result& r);

/// The met indicators of its group that `term` needs (for `all`: the counted ones).
[[nodiscard]] std::size_t term_required(const program& p, const gate_term_info& term, const result& r);

/// Whether `term` holds in `r`: its group is open and has term_required() met indicators.
[[nodiscard]] bool term_holds(const program& p, const gate_term_info& term, const result& r);

/// Whether block group g pays its block in `r`. False for a group not paid as a block.
[[nodiscard]] bool block_paid(const program& p, std::size_t g, const result& r);

/// Decides the groups of the row from r.indicators (open, met, neutralised) and pays it with
/// `plan` (group points, total points, euros): the last step of an evaluation. Throws
/// evaluation_error when a sum of points or the euros go beyond 64 bits.
void pay(const program& p, const payment_plan& plan, result& r);

}  // namespace donum::eval

#endif
