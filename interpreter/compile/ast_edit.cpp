// The AST edits of pass 2 (ast_edit.hpp).
#include "interpreter/compile/ast_edit.hpp"

#include <type_traits>
#include <variant>

namespace donum::compile::internal {

namespace ast = grammar::ast;
using grammar::source_range;

namespace {

// The first non-null result of `f` on `e` or one of its sub-expressions, depth first in the
// order written.
template <typename T, typename F>
T* first_in(ast::expr& e, const F& f)
{
    if (T* found = f(e)) return found;
    return std::visit(
        [&](auto& k) -> T* {
            using K = std::decay_t<decltype(k)>;
            if constexpr (std::is_same_v<K, ast::target_ref>) {
                return nullptr;
            }
            else if constexpr (std::is_same_v<K, ast::unary>) {
                return first_in<T>(*k.operand, f);
            }
            else if constexpr (std::is_same_v<K, ast::chain>) {
                if (T* t = first_in<T>(*k.first, f)) return t;
                for (auto& link : k.rest) {
                    if (T* t = first_in<T>(*link.operand, f)) return t;
                }
                return nullptr;
            }
            else if constexpr (std::is_same_v<K, ast::comparison>) {
                if (T* t = first_in<T>(*k.lhs, f)) return t;
                return first_in<T>(*k.rhs, f);
            }
            else if constexpr (std::is_same_v<K, ast::call>) {
                for (auto& a : k.args) {
                    if (T* t = first_in<T>(a, f)) return t;
                }
                return nullptr;
            }
            else if constexpr (std::is_same_v<K, ast::conditional>) {
                if (T* t = first_in<T>(*k.condition, f)) return t;
                if (T* t = first_in<T>(*k.then_value, f)) return t;
                return first_in<T>(*k.else_value, f);
            }
            else {
                return nullptr;
            }
        },
        e.kind);
}

}  // namespace

ast::expr_ptr clone_ptr(const ast::expr_ptr& e) { return e ? std::make_unique<ast::expr>(clone(*e)) : nullptr; }

ast::value_spec clone(const ast::value_spec& v)
{
    ast::value_spec out;
    out.range = v.range;
    out.single = clone_ptr(v.single);
    for (const auto& entry : v.table) {
        out.table.push_back({entry.range, entry.year_range, entry.year, clone_ptr(entry.value)});
    }
    return out;
}

ast::expr clone(const ast::expr& e)
{
    ast::expr out;
    out.range = e.range;
    out.kind = std::visit(
        [](const auto& k) -> ast::expr_kind {
            using T = std::decay_t<decltype(k)>;
            if constexpr (std::is_same_v<T, ast::target_ref>) {
                return ast::target_ref{clone(k.value)};
            }
            else if constexpr (std::is_same_v<T, ast::unary>) {
                return ast::unary{k.op, clone_ptr(k.operand)};
            }
            else if constexpr (std::is_same_v<T, ast::chain>) {
                ast::chain c;
                c.first = clone_ptr(k.first);
                for (const auto& link : k.rest) c.rest.push_back({link.op, link.op_range, clone_ptr(link.operand)});
                return c;
            }
            else if constexpr (std::is_same_v<T, ast::comparison>) {
                return ast::comparison{k.op, k.op_range, clone_ptr(k.lhs), clone_ptr(k.rhs)};
            }
            else if constexpr (std::is_same_v<T, ast::call>) {
                ast::call c;
                c.callee = k.callee;
                for (const auto& a : k.args) c.args.push_back(clone(a));
                return c;
            }
            else if constexpr (std::is_same_v<T, ast::conditional>) {
                return ast::conditional{clone_ptr(k.condition), clone_ptr(k.then_value), clone_ptr(k.else_value)};
            }
            else {
                return k;
            }
        },
        e.kind);
    return out;
}

// The target of an indicator: the one `target` node of its condition.
ast::value_spec* find_target(ast::expr& e)
{
    return first_in<ast::value_spec>(e, [](ast::expr& x) -> ast::value_spec* {
        auto* t = std::get_if<ast::target_ref>(&x.kind);
        return t != nullptr ? &t->value : nullptr;
    });
}

// The comparison one side of which is the target itself (`rate(a, b) >= target 30 %`), or
// nullptr.
ast::comparison* comparison_of_target(ast::expr& e)
{
    return first_in<ast::comparison>(e, [](ast::expr& x) -> ast::comparison* {
        auto* c = std::get_if<ast::comparison>(&x.kind);
        const bool with_target = c != nullptr && (std::holds_alternative<ast::target_ref>(c->lhs->kind) || std::holds_alternative<ast::target_ref>(c->rhs->kind));
        return with_target ? c : nullptr;
    });
}

// `a >= b` read from the other side: `b <= a`.
ast::binary_op mirrored(ast::binary_op op)
{
    switch (op) {
        case ast::binary_op::gt: return ast::binary_op::lt;
        case ast::binary_op::ge: return ast::binary_op::le;
        case ast::binary_op::lt: return ast::binary_op::gt;
        case ast::binary_op::le: return ast::binary_op::ge;
        default: return op;
    }
}

// The text of a range, for messages.
std::string source_text(const source_range& r)
{
    if (r.file == nullptr || r.end.byte <= r.begin.byte) return {};
    return std::string(std::string_view(r.file->text).substr(r.begin.byte, r.end.byte - r.begin.byte));
}

}  // namespace donum::compile::internal
