// Pass 1 for the texts of command-line options: `--set`, `--vary`, `--sweep`, `--budget`,
// `--reach` and versions. Each text is a source_file of its own, parsed whole with the
// grammar's rules (grammar/rules.hpp, last section) into the AST nodes of grammar/ast.hpp.
#include "grammar/parser.hpp"

#include <utility>

#include "grammar/parse_tree.hpp"
#include "grammar/recover.hpp"

namespace donum::grammar {

namespace internal {

namespace {

// Turns the parse tree of an option's text into its AST. Values are built as in a rule file
// (node_builder), so that the interpreter reads both the same way.
class option_builder : public node_builder {
public:
    using node_builder::node_builder;

    // sweep -> sweep_name '=' sweep_from '..' sweep_to ':' sweep_step
    ast::sweep_range sweep(const node& n)
    {
        ast::sweep_range out;
        out.range = range(n);
        out.slot = slot_name(*n.children.at(0));
        out.from = single_value(*n.children.at(1));
        out.to = single_value(*n.children.at(2));
        out.step = single_value(*n.children.at(3));
        return out;
    }

    // amount -> amount_digits [scale] currency
    ast::amount amount(const node& n) const
    {
        ast::amount out;
        out.range = range(n);
        const auto& digits = *n.children.at(0);
        out.digits = digits.string();
        out.digits_range = range(digits);
        out.scale_range = {out.digits_range.file, out.digits_range.end, out.digits_range.end};
        if (n.children.size() > 1) {
            const auto& scale = *n.children[1];
            out.scale = scale.string();
            out.scale_range = range(scale);
            out.exponent = scale.is_type<r::scale_thousands>() ? 3 : scale.is_type<r::scale_millions>() ? 6 : 9;
        }
        return out;
    }

    // share_value -> expression
    ast::share share(const node& n) { return {range(n), expr(*n.children.at(0))}; }

    // version -> rules_path scenario_path* [version_year_digits]
    ast::version version(const node& n) const
    {
        ast::version out;
        out.range = range(n);
        for (const auto& child : n.children) {
            const ast::text path{range(*child), child->string()};
            if (child->is_type<r::rules_path>()) out.rules = path;
            else if (child->is_type<r::scenario_path>()) out.scenarios.push_back(path);
            else if (child->is_type<r::version_year_digits>()) {
                out.year = child->string();
                out.year_range = range(*child);
            }
            else internal_error(*child);
        }
        return out;
    }
};

// Parses the whole of `source` with `Text` (a rule `..._text` whose one kept node is the
// option's) and builds that node with `build(builder, node)`.
template <typename Text, typename T, typename Build>
parsed<T> parse_option(const source_file& source, Build build)
{
    parsed<T> result;
    if (auto root = parse_tree_of<Text>(source, max_syntax_nodes, result.issues)) {
        option_builder builder(source);
        result.value = build(builder, *root->children.at(0));
    }
    else if (!result.issues.empty()) add_hint(source, result.issues.back());
    return result;
}

}  // namespace

}  // namespace internal

namespace r = rules;
using internal::node;
using internal::option_builder;

setting_result parse_setting(const source_file& source)
{
    setting_result result;
    if (auto root = internal::parse_tree_of<r::setting_text>(source, max_syntax_nodes, result.issues)) {
        result.setting = option_builder(source).set(*root->children.at(0));
    }
    else if (!result.issues.empty()) internal::add_hint(source, result.issues.back());
    return result;
}

parsed<ast::slot_name> parse_parameter(const source_file& source)
{
    return internal::parse_option<r::parameter_text, ast::slot_name>(source, [](option_builder& b, const node& n) { return b.slot_name(n); });
}

parsed<ast::sweep_range> parse_sweep(const source_file& source)
{
    return internal::parse_option<r::sweep_text, ast::sweep_range>(source, [](option_builder& b, const node& n) { return b.sweep(n); });
}

parsed<ast::amount> parse_amount(const source_file& source)
{
    return internal::parse_option<r::amount_text, ast::amount>(source, [](option_builder& b, const node& n) { return b.amount(n); });
}

parsed<ast::share> parse_share(const source_file& source)
{
    return internal::parse_option<r::share_text, ast::share>(source, [](option_builder& b, const node& n) { return b.share(n); });
}

parsed<ast::version> parse_version(const source_file& source)
{
    return internal::parse_option<r::version_text, ast::version>(source, [](option_builder& b, const node& n) { return b.version(n); });
}

}  // namespace donum::grammar
