// Indicator conditions compiled into integer comparisons, for evaluator::evaluate_amounts.
//
// Most conditions of the official rule files are one of three shapes: a yes/no input
// (`segur_lap`), an input compared with a constant or a target (`sv_addendum >= target 8`),
// or the rate of two inputs compared with one (`rate(dmp_num, dmp_den) >= target 30 %`).
// Each is decided straight from the row's integers: for a rate a/b against n/d (d > 0), the
// sign of a·d − n·b in 128 bits (exact), b = 0 giving an undefined condition. That is what
// the general sweep computes through its value nodes (evaluate.hpp's semantics), without
// building the values: the same outcome, and the same overflow (a rate whose sign cannot be
// normalised, b = INT64_MIN or a = INT64_MIN with b < 0) at the same node. A decimal input
// (stored scaled, exact/fixed.hpp) is never one of these inputs: its conditions are general.
#ifndef DONUM_INTERPRETER_EVAL_CONDITIONS_HPP
#define DONUM_INTERPRETER_EVAL_CONDITIONS_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "interpreter/compile/program.hpp"
#include "interpreter/exact/rational.hpp"

namespace donum::eval {

/// The integer form of one indicator's condition, for one year.
struct compiled_condition {
    enum class shape : std::uint8_t {
        general,  ///< none of the below: decided by the general sweep
        boolean,  ///< input `a`: true iff it is 1
        input,    ///< input `a` OP num/den
        rate,     ///< rate(input `a`, input `b`) OP num/den
    };
    shape what = shape::general;
    // The comparison, seen from the input side, as a test of the integer difference
    // left - right (a·den − num·b): met iff (equality ? difference == 0 : difference >=
    // at_least) != negated. So `>` is `>= 1`, `<` is not `>= 0`, `<=` is not `>= 1`.
    bool equality = false;
    bool negated = false;
    std::int8_t at_least = 0;
    std::int32_t a = -1;
    std::int32_t b = -1;
    std::int64_t num = 0;
    std::int64_t den = 1;
    compile::node_id rate_node = -1;  ///< the rate's node, where an overflow is reported
};

/// The integer form of the condition of indicator `indicator` of `p`, with the slot values of
/// the year evaluated (`slot_values`, indexed like program::slots, none of them XX).
[[nodiscard]] compiled_condition compile_condition(const compile::program& p, std::size_t indicator, std::span<const std::optional<exact::rational>> slot_values);

/// The nodes the general sweep must still compute when the conditions are decided as
/// `conditions` say: every node that a definition or a general condition needs (what
/// evaluate() would raise an overflow for), and every node that a computed payment needs
/// (compile::indicator_info::amount_node, read by pay()), ascending.
[[nodiscard]] std::vector<compile::node_id> nodes_still_needed(const compile::program& p, std::span<const compiled_condition> conditions);

}  // namespace donum::eval

#endif
