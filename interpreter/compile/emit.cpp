#include "interpreter/compile/emit.hpp"

#include <stdexcept>

namespace donum::compile::internal {

namespace ast = grammar::ast;
using grammar::source_range;

node_id emitter::emit(opcode op, const source_range& at, std::vector<node_id> args, std::int32_t index)
{
    code_node n;
    n.op = op;
    n.range = at;
    n.args = std::move(args);
    n.index = index;
    m_program.code.push_back(std::move(n));
    return static_cast<node_id>(m_program.code.size() - 1);
}

node_id emitter::constant(const source_range& at, const rational& value)
{
    const auto id = emit(opcode::constant, at);
    m_program.code.back().value = value;
    return id;
}

node_id emitter::input(const source_range& at, std::size_t index) { return emit(opcode::input, at, {}, static_cast<std::int32_t>(index)); }

node_id emitter::define(const source_range& at, std::size_t index) { return emit(opcode::define, at, {}, static_cast<std::int32_t>(index)); }

node_id emitter::slot(const source_range& at, std::size_t index)
{
    const auto id = emit(opcode::slot, at, {}, static_cast<std::int32_t>(index));
    m_program.slots[index].readers.push_back(id);
    return id;
}

node_id emitter::year(const source_range& at) { return emit(opcode::year, at); }

node_id emitter::negate(const source_range& at, node_id operand) { return emit(opcode::negate, at, {operand}); }

node_id emitter::logical_not(const source_range& at, node_id operand) { return emit(opcode::logical_not, at, {operand}); }

node_id emitter::logical(ast::binary_op op, const source_range& at, std::vector<node_id> args)
{
    return emit(op == ast::binary_op::logical_and ? opcode::logical_and : opcode::logical_or, at, std::move(args));
}

node_id emitter::compare(comparison op, const source_range& at, node_id lhs, node_id rhs)
{
    switch (op) {
        case comparison::ge: return emit(opcode::ge, at, {lhs, rhs});
        case comparison::gt: return emit(opcode::gt, at, {lhs, rhs});
        case comparison::le: return emit(opcode::le, at, {lhs, rhs});
        case comparison::lt: return emit(opcode::lt, at, {lhs, rhs});
        case comparison::eq: return emit(opcode::eq, at, {lhs, rhs});
        case comparison::ne: return emit(opcode::ne, at, {lhs, rhs});
        case comparison::none: break;
    }
    throw std::logic_error("emit: a comparison without an operator");
}

node_id emitter::call(opcode op, const source_range& at, std::vector<node_id> args) { return emit(op, at, std::move(args)); }

node_id emitter::conditional(const source_range& at, node_id condition, node_id then_value, node_id else_value)
{
    return emit(opcode::conditional, at, {condition, then_value, else_value});
}

void emitter::chain::push(ast::binary_op op, node_id operand, const source_range& operand_range)
{
    if (!m_additive) m_additive = op == ast::binary_op::add || op == ast::binary_op::sub;
    if (op == ast::binary_op::sub) m_plus.push_back(m_emit.negate(operand_range, operand));
    else if (op == ast::binary_op::div) m_over.push_back(operand);
    else m_plus.push_back(operand);
}

node_id emitter::chain::finish(const source_range& at)
{
    if (m_additive.value_or(true)) {
        return m_emit.emit(opcode::add, at, std::move(m_plus));
    }
    auto numerator = m_plus.size() == 1 ? m_plus.front() : m_emit.emit(opcode::mul, at, std::move(m_plus));
    if (m_over.empty()) {
        return numerator;
    }
    const auto denominator = m_over.size() == 1 ? m_over.front() : m_emit.emit(opcode::mul, at, std::move(m_over));
    return m_emit.emit(opcode::div, at, {numerator, denominator});
}

}  // namespace donum::compile::internal
