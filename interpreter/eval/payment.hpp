// Gates and payment: from the outcomes of a row's indicators to its groups, points and euros.
// The one implementation of these rules, used by the evaluator, explanations, reports,
// sweeps and the reasons of a diff.
//
// Semantics, exactly (docs/language.md, section 7):
// - Neutralised indicators, one rule for every count: a neutralised indicator (undefined
//   condition, `zero_denominator neutralised`) counts with the met ones towards what a gate
//   or a block needs, but never alone: at least one indicator must be really met. So
//   `all of G` is `at least N of G` (N = G's indicators), `any of G` is `at least 1 of G`,
//   and a group whose indicators are all neutralised opens nothing and pays no block. A
//   neutralised indicator is never paid itself.
// - A gate term holds iff G is open and: `all of G` / `at least K of G` / `any of G`: met +
//   neutralised >= N / K / 1, with met >= 1; `payment of G`: G pays its block. A group is
//   open iff every term of its gate holds; groups are decided in program::group_order, after
//   the groups their gates read.
// - A block group pays its block points iff it is open and met + neutralised >= N (`when
//   all met`) or K (`when at least K met`), with met >= 1. Otherwise each met indicator of an
//   open group pays its points of the year. A closed group pays nothing.
// - A group with a cap (`cap V`) pays at most V points; a convention with a cap pays at most
//   V points in all. The cap applies after everything else.
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
    /// The most points group g pays a physician (`cap`), if it has a cap.
    [[nodiscard]] const std::optional<rational>& group_cap(std::size_t g) const { return m_group_caps[g]; }
    /// The most points the convention pays a physician in all, if it has a cap.
    [[nodiscard]] const std::optional<rational>& cap() const { return m_cap; }
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
    std::vector<std::optional<rational>> m_group_caps;        ///< by group
    std::optional<rational> m_cap;
    rational m_point_value;
    std::optional<std::int64_t> m_scale;  ///< common denominator, unset when it does not fit
    std::vector<std::int64_t> m_indicator_scaled;
    std::vector<std::int64_t> m_block_scaled;
    std::vector<std::int64_t> m_group_caps_scaled;  ///< INT64_MAX: no cap
    std::int64_t m_cap_scaled = 0;                  ///< INT64_MAX: no cap
    bool m_computed = false;  ///< an indicator's points are computed by the code: no integer path
    // With m_scale: points (a count of 1/scale) and euros (points times the point value: a
    // count of 1/scale times scale's share of the point value) reduced by table.
    std::optional<exact::fraction_table> m_points;
    std::optional<exact::fraction_table> m_euros;
    std::int64_t m_euros_factor = 0;
    /// By group: some indicator of it can be neutralised (its zero_denominator policy).
    std::vector<char> m_may_neutralise;
};

/// The met or neutralised indicators that `term` needs of its group: N for `all` and
/// `payment` of a block paid when all are met, K for `at least K` and a block paid when at
/// least K are, 1 for `any`.
[[nodiscard]] std::size_t term_required(const program& p, const gate_term_info& term);

/// How many more met indicators group g needs in `r` to reach `required` (see the rule of
/// neutralised indicators above): 0 when it has them.
[[nodiscard]] std::size_t still_needed(std::size_t required, std::size_t g, const result& r);

/// Whether `term` holds in `r`.
[[nodiscard]] bool term_holds(const program& p, const gate_term_info& term, const result& r);

/// What indicator i pays in `r` when its group is open, before any cap: its points when met,
/// the points its graded or prorated payment computes (compile::indicator_info::amount_node;
/// a met indicator whose measure is undefined pays its first level), nothing when
/// neutralised. Throws evaluation_error when the computed points overflowed.
[[nodiscard]] rational indicator_paid(const program& p, const payment_plan& plan, std::size_t i, const result& r);

/// What group g pays in `r` before its cap: its block when paid, else the sum of what its
/// indicators pay when it is open; 0 when closed.
[[nodiscard]] rational group_uncapped(const program& p, const payment_plan& plan, std::size_t g, const result& r);

/// Whether block group g pays its block in `r`. False for a group not paid as a block.
[[nodiscard]] bool block_paid(const program& p, std::size_t g, const result& r);

/// Decides the groups of the row from r.indicators (open, met, neutralised) and pays it with
/// `plan` (group points, total points, euros): the last step of an evaluation. Throws
/// evaluation_error when a sum of points or the euros go beyond 64 bits.
void pay(const program& p, const payment_plan& plan, result& r);

}  // namespace donum::eval

#endif
