// Internal to compile/ (not part of its API): the one writer of program::code, in the
// spirit of Lua's lcode.h. The checker's typing rules (check_expr.cpp) decide what an
// expression computes and of which type; these calls decide how its nodes are laid out.
//
// Layout invariant the evaluator and the sweep rely on: a node's arguments, and the root of
// a definition it reads, are emitted before it, so evaluating the code in index order never
// reads a value not yet computed.
#ifndef DONUM_INTERPRETER_COMPILE_EMIT_HPP
#define DONUM_INTERPRETER_COMPILE_EMIT_HPP

#include <cstddef>
#include <optional>
#include <vector>

#include "grammar/ast.hpp"
#include "grammar/source.hpp"
#include "interpreter/compile/program.hpp"

namespace donum::compile::internal {

/// Appends code nodes to a program; each call returns the node it emitted.
class emitter {
public:
    explicit emitter(program& p) : m_program(p) {}

    /// A constant; also what an expression in error compiles to, so that checking goes on.
    node_id constant(const grammar::source_range& at, const rational& value = rational(0));
    node_id input(const grammar::source_range& at, std::size_t index);
    node_id define(const grammar::source_range& at, std::size_t index);
    /// Reads slot `index` for the evaluated year; recorded among the slot's readers.
    node_id slot(const grammar::source_range& at, std::size_t index);
    node_id year(const grammar::source_range& at);
    node_id negate(const grammar::source_range& at, node_id operand);
    node_id logical_not(const grammar::source_range& at, node_id operand);
    /// `a and b and c` (all of `args`) or `a or b or c`.
    node_id logical(grammar::ast::binary_op op, const grammar::source_range& at, std::vector<node_id> args);
    /// `lhs OP rhs` (`op` is not none).
    node_id compare(comparison op, const grammar::source_range& at, node_id lhs, node_id rhs);
    /// rate(n, d), mean(...), min(...), max(...): `op` is the function's opcode.
    node_id call(opcode op, const grammar::source_range& at, std::vector<node_id> args);
    node_id conditional(const grammar::source_range& at, node_id condition, node_id then_value, node_id else_value);

    /// An arithmetic chain of one precedence level, kept flat whatever its length, so that
    /// evaluating a 100,000-term sum does not recurse 100,000 times: a - b + c is
    /// add(a, -b, c) and a * b / c / d is div(mul(a, b), mul(c, d)). Push each operand
    /// after emitting it (a subtraction emits its negation then), then finish.
    class chain {
    public:
        chain(emitter& e, node_id first) : m_emit(e), m_plus{first} {}
        void push(grammar::ast::binary_op op, node_id operand, const grammar::source_range& operand_range);
        node_id finish(const grammar::source_range& at);

    private:
        emitter& m_emit;
        std::optional<bool> m_additive;  ///< set by the first operator: + - or * /
        std::vector<node_id> m_plus;  ///< terms, or factors of the numerator
        std::vector<node_id> m_over;  ///< factors of the denominator
    };

private:
    node_id emit(opcode op, const grammar::source_range& at, std::vector<node_id> args = {}, std::int32_t index = -1);

    program& m_program;
};

}  // namespace donum::compile::internal

#endif
