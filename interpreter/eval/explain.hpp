// Why a row gets its amount: every indicator's measure, target and outcome, every gate
// term and block, as decided by the evaluation itself (payment.hpp), plus, for each rate
// target not met, the smallest numerator that meets it. render/explanation.hpp writes it in
// French.
#ifndef DONUM_INTERPRETER_EVAL_EXPLAIN_HPP
#define DONUM_INTERPRETER_EVAL_EXPLAIN_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "interpreter/eval/evaluate.hpp"

namespace donum::eval {

/// How far a rate is from its target: the smallest numerator n' (denominator fixed) that
/// meets the target.
struct numerator_gap {
    bool reachable = false;     ///< false when even n' = denominator does not meet it
    std::int64_t needed = 0;    ///< n', when reachable
    std::int64_t missing = 0;   ///< n' - n, when reachable
};

/// One indicator in an explanation.
struct indicator_explanation {
    std::size_t indicator = 0;           ///< index in program::indicators
    std::optional<value> measured;       ///< value of indicator_info::measured_node
    std::optional<value> numerator;      ///< when the measured side is a rate: its arguments
    std::optional<value> denominator;
    std::optional<rational> target;      ///< target of the year
    value condition;                     ///< value of the whole condition
    indicator_result result;
    std::optional<rational> points_of_year;  ///< the indicator's own points (none in a block)
    rational points_paid;
    std::optional<numerator_gap> gap;    ///< rate targets (>= or >) not met, defined rate
    /// A graded indicator: each level's threshold of the year and whether it is reached.
    struct level {
        value threshold;
        value reached;
        rational points;
    };
    std::vector<level> levels;
    /// A prorated indicator: its start, its floor (if written) and the share of its points
    /// a row that does not meet it earns (compile::indicator_info::prorata).
    std::optional<value> start;
    std::optional<value> floor;
    std::optional<value> fraction;
    /// What the condition reads, directly or through definitions, in the order it reads
    /// them: each rate with its two sides (0/0 shows which one was undefined), and each input
    /// read outside a rate.
    struct rate_read {
        compile::node_id node = -1;
        value numerator;
        value denominator;
        value rate;
    };
    struct input_read {
        std::size_t input = 0;  ///< index in program::inputs
        value v;
    };
    std::vector<rate_read> rates;
    std::vector<input_read> inputs;
};

/// One gate term in an explanation: `all|any|at least K of G`.
struct gate_term_explanation {
    std::size_t term = 0;             ///< index in group_info::gate
    bool holds = false;
    bool group_open = false;          ///< whether G itself is open
    std::size_t met = 0;              ///< met indicators of G
    std::size_t required = 0;         ///< met or neutralised indicators needed (payment.hpp)
    std::vector<std::size_t> missing; ///< indicators of G neither met nor neutralised
};

/// One group in an explanation.
struct group_explanation {
    std::size_t group = 0;  ///< index in program::groups
    bool open = false;
    std::vector<gate_term_explanation> terms;
    std::size_t met = 0;
    std::size_t neutralised = 0;
    bool block = false;                   ///< paid as one block
    bool block_paid = false;
    std::optional<rational> block_points; ///< the block's points of the year
    rational points;                      ///< points paid by the group
    std::optional<rational> cap;          ///< the most the group pays (`cap`), if any
    rational uncapped;                    ///< what it would pay without its cap
};

/// Why one row gets its amount.
struct explanation {
    int year = 0;
    rational point_value;
    rational points;
    rational euros;
    std::optional<rational> cap;  ///< the most the convention pays (`cap`), if any
    rational uncapped;            ///< the sum of the groups, before that cap
    std::vector<indicator_explanation> indicators;  ///< in program order
    std::vector<group_explanation> groups;          ///< in program order
};

/// Explains the row whose evaluation by `ev` is `r` (r = ev.evaluate(inputs)): reads the
/// values, outcomes and groups the evaluation decided, never decides them again.
[[nodiscard]] explanation explain(const evaluator& ev, const result& r);

/// Evaluates the row whose inputs are `inputs` with `ev` and explains it. Same errors as
/// evaluator::evaluate.
[[nodiscard]] explanation explain(const evaluator& ev, std::span<const std::int64_t> inputs);

}  // namespace donum::eval

#endif
