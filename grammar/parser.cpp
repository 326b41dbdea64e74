// Pass 1 implementation: PEGTL parse tree (a selection of the grammar's rules) -> AST, for
// rule files and scenarios. The builders shared with the texts of command-line options
// (grammar/parameters.cpp) come first; grammar/parse_tree.hpp declares them.
#include "grammar/parser.hpp"

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string_view>

#include "grammar/parse_tree.hpp"
#include "grammar/recover.hpp"

namespace donum::grammar {

namespace internal {

source_range node_builder::range(const node& n) const
{
    source_range out;
    out.file = &m_source;
    out.begin = {n.m_begin.byte, n.m_begin.line, n.m_begin.column};
    out.end = n.has_content() ? source_pos{n.m_end.byte, n.m_end.line, n.m_end.column} : out.begin;
    return out;
}

void node_builder::internal_error(const node& n)
{
    throw std::logic_error("parser: unexpected parse tree node " + std::string(n.type));
}

ast::name node_builder::name(const node& n) const
{
    return {range(n), n.string()};
}

ast::text node_builder::text(const node& n) const
{
    const auto raw = n.string_view();
    std::string value;
    value.reserve(raw.size());
    // Strip the quotes; the grammar only lets \" and \\ through.
    for (std::size_t i = 1; i + 1 < raw.size(); ++i) {
        if (raw[i] == '\\' && i + 2 < raw.size()) {
            ++i;
        }
        value += raw[i];
    }
    return {range(n), std::move(value)};
}

ast::expr_ptr node_builder::boxed(const node& n)
{
    return std::make_unique<ast::expr>(expr(n));
}

ast::value_spec node_builder::value_spec(const node& n)
{
    ast::value_spec out;
    out.range = range(n);
    const auto& child = *n.children.at(0);
    if (child.is_type<r::year_table>()) {
        for (const auto& entry : child.children) {
            ast::year_entry e;
            e.range = range(*entry);
            e.year_range = range(*entry->children.at(0));
            e.year = entry->children.at(0)->string();
            e.value = boxed(*entry->children.at(1));
            out.table.push_back(std::move(e));
        }
    }
    else {
        out.single = boxed(child);
    }
    return out;
}

ast::binary_op node_builder::op_of(std::string_view text)
{
    if (text == "+") return ast::binary_op::add;
    if (text == "-") return ast::binary_op::sub;
    if (text == "*") return ast::binary_op::mul;
    if (text == "/") return ast::binary_op::div;
    if (text == ">=" || text == "≥") return ast::binary_op::ge;
    if (text == "<=" || text == "≤") return ast::binary_op::le;
    if (text == "!=" || text == "≠") return ast::binary_op::ne;
    if (text == ">") return ast::binary_op::gt;
    if (text == "<") return ast::binary_op::lt;
    return ast::binary_op::eq;
}

// A level of left-associative operators: children are operand (op operand)*, or, for
// and/or, operand operand*.
ast::expr node_builder::chain(const node& n, std::optional<ast::binary_op> fixed_op)
{
    if (n.children.size() == 1) {
        return expr(*n.children.front());
    }
    ast::chain c;
    c.first = boxed(*n.children.front());
    for (std::size_t i = 1; i < n.children.size(); ++i) {
        ast::chain::link link;
        if (fixed_op) {
            link.op = *fixed_op;
            link.op_range = range(*n.children[i]);
        }
        else {
            link.op = op_of(n.children[i]->string_view());
            link.op_range = range(*n.children[i]);
            ++i;
        }
        link.operand = boxed(*n.children.at(i));
        c.rest.push_back(std::move(link));
    }
    return {range(n), std::move(c)};
}

ast::expr node_builder::expr(const node& n)
{
    const auto at = range(n);
    if (n.is_type<r::disjunction>() || n.is_type<r::expression>() || n.is_type<r::condition>()) return chain(n, ast::binary_op::logical_or);
    if (n.is_type<r::conjunction>()) return chain(n, ast::binary_op::logical_and);
    if (n.is_type<r::sum>() || n.is_type<r::product>()) return chain(n, std::nullopt);
    if (n.is_type<r::comparison>()) {
        if (n.children.size() == 1) {
            return expr(*n.children.front());
        }
        ast::comparison c;
        c.lhs = boxed(*n.children.at(0));
        c.op = op_of(n.children.at(1)->string_view());
        c.op_range = range(*n.children.at(1));
        c.rhs = boxed(*n.children.at(2));
        return {at, std::move(c)};
    }
    if (n.is_type<r::logical_not>()) return {at, ast::unary{ast::unary_op::logical_not, boxed(*n.children.at(0))}};
    if (n.is_type<r::negation>()) return {at, ast::unary{ast::unary_op::negate, boxed(*n.children.at(0))}};
    if (n.is_type<r::if_expr>()) {
        return {at, ast::conditional{boxed(*n.children.at(0)), boxed(*n.children.at(1)), boxed(*n.children.at(2))}};
    }
    if (n.is_type<r::target_ref>()) return {at, ast::target_ref{value_spec(*n.children.at(0))}};
    if (n.is_type<r::placeholder>()) return {at, ast::placeholder{}};
    if (n.is_type<r::year_ref>()) return {at, ast::year_ref{}};
    if (n.is_type<r::name_ref>()) return {at, ast::name_ref{n.string()}};
    if (n.is_type<r::number>()) return {at, ast::number_literal{n.string(), ast::unit::none}};  // folded: no unit
    if (n.is_type<r::number_literal>()) {
        ast::number_literal lit;
        lit.digits = n.children.at(0)->string();
        if (n.children.size() > 1) {
            const auto& u = *n.children[1];
            lit.suffix = u.is_type<r::unit_percent>() ? ast::unit::percent : u.is_type<r::unit_euro>() ? ast::unit::euro : ast::unit::points;
        }
        return {at, std::move(lit)};
    }
    if (n.is_type<r::call>()) {
        // The callee is not a node of its own: every name is first tried as a call, and
        // a kept callee node would count each name twice against the limit. It is the
        // identifier the call starts with (ASCII: its columns are its bytes).
        const auto text = n.string_view();
        const auto length = static_cast<std::size_t>(std::find_if_not(text.begin(), text.end(), [](char ch) {
                                                         return ch == '_' || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
                                                     }) - text.begin());
        ast::call c;
        c.callee.text = std::string(text.substr(0, length));
        c.callee.range = at;
        c.callee.range.end = {at.begin.byte + length, at.begin.line, at.begin.column + length};
        for (const auto& arg : n.children) {
            c.args.push_back(expr(*arg));
        }
        return {at, std::move(c)};
    }
    internal_error(n);
}

ast::value_spec node_builder::single_value(const node& n)
{
    ast::value_spec out;
    out.range = range(n);
    out.single = boxed(*n.children.at(0));
    return out;
}

ast::slot_name node_builder::slot_name(const node& n) const
{
    ast::slot_name out;
    out.range = range(n);
    for (const auto& part : n.children) {
        if (part->is_type<r::slot_part>()) out.parts.push_back(name(*part));
        else {
            out.year = part->children.at(0)->string();
            out.year_range = range(*part->children.at(0));
        }
    }
    return out;
}

ast::set_stmt node_builder::set(const node& n)
{
    ast::set_stmt s;
    s.range = range(n);
    s.slot = slot_name(*n.children.at(0));
    s.value = value_spec(*n.children.at(1));
    return s;
}

namespace {

// Turns the parse tree of a rule file or a scenario into its AST.
class file_builder : public node_builder {
public:
    using node_builder::node_builder;

    ast::rule_file build_file(const node& root)
    {
        ast::rule_file out;
        out.file = &source();
        for (const auto& child : root.children) {
            if (child->is_type<r::header_first>()) {
                out.header = header(*child);
            }
            else if (child->is_type<r::scenario_header>()) {
                out.scenario = true;
                out.header = header(*child);
            }
            else {
                out.items.push_back(item(*child));
            }
        }
        return out;
    }

private:
    ast::convention_header header(const node& n)
    {
        ast::convention_header h;
        h.range = range(n);
        std::vector<std::string_view> seen;
        for (const auto& child : n.children) {
            const auto& c = *child;
            if (c.is_type<r::reference_item>() || c.is_type<r::source_item>() || c.is_type<r::point_value_item>() || c.is_type<r::years_item>() || c.is_type<r::in_force_item>() || c.is_type<r::cap_clause>()) {
                if (std::find(seen.begin(), seen.end(), c.type) != seen.end()) {
                    h.duplicate_items.push_back(range(c));
                    continue;
                }
                seen.push_back(c.type);
            }
            if (c.is_type<r::decl_name>()) h.id = name(c);
            else if (c.is_type<r::label>()) h.label = text(c);
            else if (c.is_type<r::extends_clause>()) h.extends = text(*c.children.at(0));
            else if (c.is_type<r::reference_item>()) h.reference = text(*c.children.at(0));
            else if (c.is_type<r::source_item>()) h.source = text(*c.children.at(0));
            else if (c.is_type<r::point_value_item>()) h.point_value = value_spec(*c.children.at(0));
            else if (c.is_type<r::cap_clause>()) h.cap = value_spec(*c.children.at(0));
            else if (c.is_type<r::in_force_item>()) h.in_force = ast::text{range(*c.children.at(0)), c.children.at(0)->string()};
            else if (c.is_type<r::years_item>()) {
                std::vector<ast::convention_header::year_item> years;
                for (const auto& y : c.children) {
                    years.push_back({range(*y), y->string()});
                }
                h.years = std::move(years);
                h.years_range = range(c);
            }
            else internal_error(c);
        }
        return h;
    }

    ast::gate gate(const node& n)
    {
        ast::gate g;
        g.range = range(n);
        for (const auto& t : n.children) {
            ast::gate_term term;
            term.range = range(*t);
            if (t->is_type<r::all_of>()) term.quantifier = ast::gate_term::kind::all;
            else if (t->is_type<r::any_of>()) term.quantifier = ast::gate_term::kind::any;
            else if (t->is_type<r::payment_of>()) term.quantifier = ast::gate_term::kind::paid;
            else {
                term.quantifier = ast::gate_term::kind::at_least;
                term.k = t->children.at(0)->string();
            }
            term.group = name(*t->children.back());
            g.terms.push_back(std::move(term));
        }
        return g;
    }

    ast::block_payment block(const node& n)
    {
        ast::block_payment b;
        b.range = range(n);
        b.points = value_spec(*n.children.at(0));
        const auto& q = *n.children.at(1);
        if (q.is_type<r::when_at_least>()) {
            b.all = false;
            b.k = q.children.at(0)->string();
            b.k_range = range(*q.children.at(0));
        }
        return b;
    }

    // `points V`, `points V at T` (a level) or `points V prorated [from S] [above F]`.
    void points(const node& c, ast::indicator_decl& d)
    {
        const bool level = c.children.size() > 1 && c.children[1]->is_type<r::level_clause>();
        if (level) {
            d.levels.push_back({range(c), value_spec(*c.children.at(0)), threshold(*c.children[1]->children.at(0))});
            return;
        }
        if (d.points) {
            d.duplicate_clauses.push_back(range(c));
            return;
        }
        d.points = value_spec(*c.children.at(0));
        if (c.children.size() > 1) {
            const auto& p = *c.children[1];
            ast::prorata pr;
            pr.range = range(p);
            for (const auto& part : p.children) {
                if (part->is_type<r::prorated_from>()) pr.from = boxed(*part->children.at(0));
                else if (part->is_type<r::prorated_above>()) pr.above = threshold(*part->children.at(0));
                else internal_error(*part);
            }
            d.prorated = std::move(pr);
        }
    }

    // A threshold: a value of its own, or `target OP operand`.
    ast::threshold threshold(const node& n)
    {
        ast::threshold t;
        t.range = range(n);
        const auto& c = *n.children.at(0);
        if (c.is_type<r::relative_threshold>()) {
            t.op = op_of(c.children.at(1)->string_view());
            t.op_range = range(*c.children.at(1));
            t.operand = boxed(*c.children.at(2));
        }
        else {
            t.value = value_spec(c);
        }
        return t;
    }

    ast::indicator_decl indicator(const node& n)
    {
        ast::indicator_decl d;
        d.range = range(n);
        d.id = name(*n.children.at(0));
        d.label = text(*n.children.at(1));
        const auto& st = *n.children.at(2);
        d.status = st.string_view() == "declared" ? ast::indicator_status::declared : ast::indicator_status::calculated;
        d.status_range = range(st);
        d.condition = expr(*n.children.at(3));
        for (std::size_t i = 4; i < n.children.size(); ++i) clause(*n.children[i], d);
        return d;
    }

    // A clause after an indicator's condition (or in `change indicator`): points or policy.
    void clause(const node& c, ast::indicator_decl& d)
    {
        if (c.is_type<r::points_clause>()) {
            points(c, d);
        }
        else if (c.is_type<r::zero_clause>()) {
            if (d.zero_denominator) {
                d.duplicate_clauses.push_back(range(c));
                return;
            }
            const auto p = c.children.at(0)->string_view();
            const auto policy = p == "met" ? ast::zero_policy::met : p == "neutralised" ? ast::zero_policy::neutralised : ast::zero_policy::not_met;
            d.zero_denominator = ast::indicator_decl::policy_clause{range(c), policy};
        }
        else internal_error(c);
    }

    // `change indicator ID CLAUSE...`.
    ast::change_indicator change(const node& n)
    {
        ast::change_indicator out;
        out.range = range(n);
        out.id = name(*n.children.at(0));
        out.payment.range = out.range;
        for (std::size_t i = 1; i < n.children.size(); ++i) {
            const auto& c = *n.children[i];
            if (c.is_type<r::target_change>()) {
                if (out.target) {
                    out.payment.duplicate_clauses.push_back(range(c));
                    continue;
                }
                ast::change_indicator::target_clause t;
                t.range = range(c);
                if (c.children.size() > 1) {
                    t.op = op_of(c.children[0]->string_view());
                    t.op_range = range(*c.children[0]);
                }
                t.value = value_spec(*c.children.back());
                out.target = std::move(t);
                continue;
            }
            out.changes_payment = out.changes_payment || c.is_type<r::points_clause>();
            clause(c, out.payment);
        }
        return out;
    }

    ast::item item(const node& n)
    {
        if (n.is_type<r::input_decl>()) {
            ast::input_decl d;
            d.range = range(n);
            d.id = name(*n.children.at(0));
            d.label = text(*n.children.at(1));
            const auto type = n.children.at(2)->string_view();
            d.type = type == "boolean"   ? ast::input_type::boolean
                     : type == "integer" ? ast::input_type::integer
                     : type == "decimal" ? ast::input_type::decimal
                                         : ast::input_type::count;
            d.type_range = range(*n.children.at(2));
            if (n.children.size() > 3) d.column = text(*n.children[3]->children.at(0));
            return d;
        }
        if (n.is_type<r::define_decl>()) {
            ast::define_decl d;
            d.range = range(n);
            d.id = name(*n.children.at(0));
            std::size_t next = 1;
            if (n.children.at(1)->is_type<r::label>()) {
                d.label = text(*n.children[1]);
                next = 2;
            }
            d.value = expr(*n.children.at(next));
            return d;
        }
        if (n.is_type<r::group_decl>() || n.is_type<r::extend_group>()) {
            const bool extending = n.is_type<r::extend_group>();
            ast::group_decl g;
            ast::extend_group e;
            std::optional<ast::text> label;
            for (std::size_t i = 0; i < n.children.size(); ++i) {
                const auto& c = *n.children[i];
                if (i == 0) (extending ? e.id : g.id) = name(c);
                else if (c.is_type<r::label>()) label = text(c);
                else if (c.is_type<r::requires_clause>()) (extending ? e.requires_gate : g.requires_gate) = gate(c);
                else if (c.is_type<r::block_clause>()) (extending ? e.block : g.block) = block(c);
                else if (c.is_type<r::cap_clause>()) (extending ? e.cap : g.cap) = value_spec(*c.children.at(0));
                else if (c.is_type<r::indicator_decl>()) {
                    if (extending) e.edits.emplace_back(ast::add_indicator{indicator(c)});
                    else g.indicators.push_back(indicator(c));
                }
                else if (c.is_type<r::replace_indicator>()) e.edits.emplace_back(ast::replace_indicator{range(c), indicator(*c.children.at(0))});
                else if (c.is_type<r::remove_indicator>()) e.edits.emplace_back(ast::remove_indicator{range(c), name(*c.children.at(0))});
                else if (c.is_type<r::change_indicator>()) e.edits.emplace_back(change(c));
                else internal_error(c);
            }
            if (extending) {
                e.range = range(n);
                e.label = std::move(label);
                return e;
            }
            g.range = range(n);
            g.label = std::move(label).value_or(ast::text{});
            return g;
        }
        if (n.is_type<r::set_stmt>()) return set(n);
        if (n.is_type<r::remove_group>()) return ast::remove_group{range(n), name(*n.children.at(0))};
        if (n.is_type<r::remove_input>()) return ast::remove_input{range(n), name(*n.children.at(0))};
        if (n.is_type<r::example_decl>()) {
            ast::example_decl x;
            x.range = range(n);
            for (const auto& child : n.children) {
                const auto& c = *child;
                if (c.is_type<r::label>()) x.label = text(c);
                else if (c.is_type<r::example_year>()) {
                    x.year = c.children.at(0)->string();
                    x.year_range = range(*c.children.at(0));
                }
                else if (c.is_type<r::set_stmt>()) x.sets.push_back(set(c));
                else if (c.is_type<r::given_value>()) {
                    ast::given_value v;
                    v.range = range(c);
                    v.input = name(*c.children.at(0));
                    auto digits = c.children.at(1)->string();
                    v.negative = !digits.empty() && digits.front() == '-';
                    v.digits = v.negative ? digits.substr(1) : digits;
                    x.given.push_back(std::move(v));
                }
                else if (c.is_type<r::expected_points>()) {
                    x.expected_points = c.string();
                    x.points_range = range(c);
                }
                else if (c.is_type<r::expected_euros>()) {
                    x.expected_euros = c.string();
                    x.euros_range = range(c);
                }
                else internal_error(c);
            }
            return x;
        }
        internal_error(n);
    }
};

}  // namespace

}  // namespace internal

parse_result parse(const source_file& source, std::size_t max_nodes)
{
    parse_result result;
    if (auto root = internal::parse_tree_of<internal::r::file>(source, max_nodes, result.issues)) {
        result.file = internal::file_builder(source).build_file(*root);
    }
    // Past the limit of syntax nodes the rest of the text is not read (docs/language.md).
    else if (!result.issues.empty() && result.issues.back().message != internal::too_large_message(max_nodes)) {
        internal::report_more_errors(source, result.issues);
    }
    return result;
}

}  // namespace donum::grammar
