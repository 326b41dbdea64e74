// The parse tree shared by the two builders of the AST: grammar/parser.cpp (rule files and
// scenarios) and grammar/parameters.cpp (texts of command-line options). Internal to the
// grammar: included by those two files only, so that PEGTL stays inside grammar/.
//
// What is here: which rules the parse tree keeps (one selector for every text, so that a
// value reads the same in a rule file and in an option), how a text becomes a tree (the
// limit of syntax nodes, a syntax error as a diagnostic), and the builders of the nodes both
// files need (names, expressions, values, settable names).
#ifndef DONUM_GRAMMAR_PARSE_TREE_HPP
#define DONUM_GRAMMAR_PARSE_TREE_HPP

#include <algorithm>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/parse_tree.hpp>

#include "grammar/ast.hpp"
#include "grammar/characters.hpp"
#include "grammar/diagnostic.hpp"
#include "grammar/errors.hpp"
#include "grammar/rules.hpp"
#include "grammar/source.hpp"
#include "interpreter/messages/messages.hpp"

namespace donum::grammar::internal {

namespace pegtl = tao::pegtl;
namespace r = rules;

/// The error of a text beyond the limit of `max_nodes` syntax nodes: parse() recognises it
/// by its text, to read no further (grammar/parser.cpp).
inline std::string too_large_message(std::size_t max_nodes)
{
    return messages::trf("rule file too large: a rule file may hold at most {} syntax nodes (names, numbers, operators, labels...); this one goes beyond the limit here", max_nodes);
}

// Counts one node kept in the parse tree and refuses the text beyond `max_nodes`: the
// parse tree is the largest structure donum builds from a rule file (about 150 bytes a
// node, then the AST and the checker's code), so bounding it bounds the memory of the whole
// check, and the parse stops at the limit instead of reading the rest of a huge file.
// Counted when a node is kept: a node folded away (below) does not count; one kept inside
// an attempt the grammar then gives up would, but the grammar commits early (if_must) and
// the one rule tried on every name, `call`, keeps no node before its '('.
template <typename Node>
void count_node(const Node& n, r::parse_state& state)
{
    if (++state.nodes > state.max_nodes) {
        throw pegtl::parse_error(too_large_message(state.max_nodes), n.begin());
    }
}

// Rules kept as nodes of their own.
struct keep : pegtl::parse_tree::apply<keep> {
    template <typename Node>
    static void transform(std::unique_ptr<Node>& n, r::parse_state& state)
    {
        count_node(*n, state);
    }
};

// Rules that only group others: a node with one child is replaced by that child, so that
// the common case (a product of one factor in a sum of one term, a number without unit) costs
// one node instead of four. The builder reads a folded node through its child: chain() and
// expr() treat a level of one operand as that operand, and the range is the same.
struct fold : pegtl::parse_tree::apply<fold> {
    template <typename Node>
    static void transform(std::unique_ptr<Node>& n, r::parse_state& state)
    {
        if (n->children.size() == 1) {
            n = std::move(n->children.front());
            return;
        }
        count_node(*n, state);
    }
};

// The parse tree keeps only the rules the AST is built from.
// clang-format off
template< typename Rule >
using selector = pegtl::parse_tree::selector< Rule,
  fold::on< r::number_literal, r::product, r::sum, r::comparison, r::conjunction, r::disjunction, r::expression, r::condition >,
  keep::on<
    r::decl_name, r::group_ref, r::input_ref, r::indicator_ref, r::name_ref, r::label,
    r::number, r::unit_percent, r::unit_euro, r::unit_points, r::placeholder, r::year_ref,
    r::year_digits, r::year_entry, r::year_table, r::value_spec, r::target_ref, r::call, r::if_expr,
    r::negation, r::mul_op, r::add_op, r::cmp_op, r::logical_not,
    r::header_first, r::scenario_header, r::setting, r::extends_clause, r::reference_item, r::source_item, r::point_value_item,
    r::years_item, r::in_force_item, r::date, r::input_decl, r::input_type, r::column_clause, r::define_decl,
    r::all_of, r::any_of, r::at_least_of, r::payment_of, r::k_digits, r::requires_clause, r::when_all, r::when_at_least,
    r::block_clause, r::cap_clause, r::threshold_target, r::threshold_op, r::relative_threshold, r::threshold, r::level_clause, r::prorated_clause, r::prorated_from, r::prorated_above, r::indicator_decl, r::status, r::points_clause, r::policy, r::zero_clause, r::group_decl,
    r::replace_indicator, r::remove_indicator, r::extend_group, r::slot_name, r::slot_part, r::slot_year,
    r::set_stmt, r::remove_group, r::remove_input, r::removed_input, r::change_indicator, r::target_change, r::given_value, r::given_number, r::example_year, r::example_decl,
    r::expected_points, r::expected_euros,
    r::parameter, r::sweep, r::sweep_name, r::sweep_from, r::sweep_to, r::sweep_step,
    r::amount, r::amount_digits, r::scale_thousands, r::scale_millions, r::scale_billions, r::share_value,
    r::version, r::rules_path, r::scenario_path, r::version_year_digits > >;
// clang-format on

using node = pegtl::parse_tree::node;

/// Parses `source` with the grammar rule `Rule` into a parse tree of at most `max_nodes`
/// nodes; a syntax error becomes a diagnostic in `issues` and the result is null.
template <typename Rule>
std::unique_ptr<node> parse_tree_of(const source_file& source, std::size_t max_nodes, diagnostics& issues)
{
    const std::string_view text = source.text;
    // Lines ending with CR alone would read as one line (a comment then swallows the rest):
    // refused at the first one, by name.
    if (const auto cr = lone_carriage_return(text)) {
        const auto line_start = text.rfind('\n', *cr) == std::string_view::npos ? 0 : text.rfind('\n', *cr) + 1;
        const auto line = static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(*cr), '\n')) + 1;
        const source_pos at{*cr, line, *cr - line_start + 1};
        issues.push_back({severity::error, {&source, at, at},
                          messages::tr("this line ends with a carriage return alone (CR, the line end of classic Mac OS): donum reads LF or CRLF line ends; save the file again with one of them"),
                          {}});
        return nullptr;
    }
    // A byte order mark may open the text (editors on Windows write one); positions still
    // count its bytes, so that columns match the file.
    const std::size_t start = text.starts_with(byte_order_mark) ? byte_order_mark.size() : 0;
    pegtl::memory_input<> in(text.data() + start, text.data() + text.size(), source.name, start, 1, start + 1);
    r::parse_state state;
    state.max_nodes = max_nodes;
    try {
        auto root = pegtl::parse_tree::parse<Rule, selector, r::action, r::control>(in, state);
        if (!root) {
            // The grammars end with must<eof>, so a local failure cannot happen.
            issues.push_back({severity::error, {&source, {}, {}}, messages::tr("could not parse the text"), {}});
        }
        return root;
    }
    catch (const pegtl::parse_error& e) {
        const auto& p = e.positions().front();
        source_range at{&source, {p.byte, p.line, p.column}, {p.byte, p.line, p.column}};
        std::string message(e.message());
        if (message == "maximum parser rule nesting depth exceeded") {
            message = messages::tr("the rule text is nested too deeply here (too many parentheses or operators inside each other)");
        }
        else if (p.byte < text.size()) {
            // A look-alike of a space or of the language's punctuation, where the parse
            // stopped: name it rather than say what was expected.
            if (auto named = lookalike_message(text.substr(p.byte))) message = std::move(*named);
        }
        issues.push_back({severity::error, at, std::move(message), {}});
        return nullptr;
    }
}

/// Turns nodes of the parse tree into AST nodes, for the parts of the grammar that rule files
/// and command-line options share. Every function takes a node of the rule its name says; a
/// mismatch is an internal error (the grammar and the builder disagree). Defined in
/// grammar/parser.cpp.
class node_builder {
public:
    explicit node_builder(const source_file& source) : m_source(source) {}

    /// Where `n` was read.
    [[nodiscard]] source_range range(const node& n) const;
    /// Throws std::logic_error: the tree holds a node the builder does not expect.
    [[noreturn]] static void internal_error(const node& n);

    [[nodiscard]] ast::name name(const node& n) const;
    /// A string literal, its quotes stripped and its escapes undone.
    [[nodiscard]] ast::text text(const node& n) const;
    /// An expression: any level of the expression grammar, folded or not.
    [[nodiscard]] ast::expr expr(const node& n);
    [[nodiscard]] ast::expr_ptr boxed(const node& n);
    /// A `value_spec` node: a table by year, or one expression for every year.
    [[nodiscard]] ast::value_spec value_spec(const node& n);
    /// A node of one value (an expression as its only child) as a value_spec for every year.
    [[nodiscard]] ast::value_spec single_value(const node& n);
    /// A `slot_name` node, or a rule derived from it: dotted parts and optional year.
    [[nodiscard]] ast::slot_name slot_name(const node& n) const;
    /// A `set` statement, or a command-line setting (same children: slot name, value).
    [[nodiscard]] ast::set_stmt set(const node& n);

protected:
    [[nodiscard]] const source_file& source() const { return m_source; }
    static ast::binary_op op_of(std::string_view text);

private:
    const source_file& m_source;

    ast::expr chain(const node& n, std::optional<ast::binary_op> fixed_op);
};

}  // namespace donum::grammar::internal

#endif
