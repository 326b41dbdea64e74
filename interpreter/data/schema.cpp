#include "interpreter/data/schema.hpp"

#include <algorithm>
#include <stdexcept>

#include "interpreter/messages/messages.hpp"

namespace donum::data {

namespace ast = grammar::ast;
using compile::opcode;

namespace {

// boolean accepts the fewest values, decimal the most.
int strictness(ast::input_type t)
{
    switch (t) {
        case ast::input_type::boolean: return 3;
        case ast::input_type::count: return 2;
        case ast::input_type::integer: return 1;
        case ast::input_type::decimal: return 0;
    }
    return 0;
}

// A decimal column holds its values scaled by 10^6 (exact/fixed.hpp): its values and a whole
// number's cannot be compared as they are stored.
bool same_scale(ast::input_type a, ast::input_type b) { return (a == ast::input_type::decimal) == (b == ast::input_type::decimal); }

// Adds the columns, ratios and years of `p` to `s`.
void add(schema& s, const program& p)
{
    std::vector<std::size_t> column_of;
    for (const auto& in : p.inputs) {
        const auto it = std::find_if(s.columns.begin(), s.columns.end(), [&](const schema::column& c) { return c.name == in.column; });
        if (it == s.columns.end()) {
            column_of.push_back(s.columns.size());
            s.columns.push_back({in.column, in.type, in.used});
            continue;
        }
        if (!same_scale(in.type, it->type)) throw mixed_column(it->name);
        if (strictness(in.type) > strictness(it->type)) it->type = in.type;
        it->read = it->read || in.used;
        column_of.push_back(static_cast<std::size_t>(it - s.columns.begin()));
    }
    // rate() of two plain inputs: the numerator can never be above the denominator.
    for (const auto& n : p.code) {
        if (n.op != opcode::rate || n.args.size() != 2) continue;
        const auto& a = p.code[static_cast<std::size_t>(n.args[0])];
        const auto& b = p.code[static_cast<std::size_t>(n.args[1])];
        if (a.op != opcode::input || b.op != opcode::input) continue;
        if (!same_scale(p.inputs[static_cast<std::size_t>(a.index)].type, p.inputs[static_cast<std::size_t>(b.index)].type)) continue;
        const std::pair pair{column_of[static_cast<std::size_t>(a.index)], column_of[static_cast<std::size_t>(b.index)]};
        if (std::find(s.ratios.begin(), s.ratios.end(), pair) == s.ratios.end()) s.ratios.push_back(pair);
    }
    for (const auto y : p.years) {
        if (std::find(s.years.begin(), s.years.end(), y) == s.years.end()) s.years.push_back(y);
    }
    std::sort(s.years.begin(), s.years.end());
}

}  // namespace

schema schema_of(const program& p)
{
    // One column per input, even when two inputs read the same CSV column: a row of the
    // table is then exactly the program's input vector.
    schema s;
    for (const auto& in : p.inputs) s.columns.push_back({in.column, in.type, in.used});
    for (const auto& n : p.code) {
        if (n.op != opcode::rate || n.args.size() != 2) continue;
        const auto& a = p.code[static_cast<std::size_t>(n.args[0])];
        const auto& b = p.code[static_cast<std::size_t>(n.args[1])];
        if (a.op != opcode::input || b.op != opcode::input) continue;
        if (!same_scale(p.inputs[static_cast<std::size_t>(a.index)].type, p.inputs[static_cast<std::size_t>(b.index)].type)) continue;
        const std::pair pair{static_cast<std::size_t>(a.index), static_cast<std::size_t>(b.index)};
        if (std::find(s.ratios.begin(), s.ratios.end(), pair) == s.ratios.end()) s.ratios.push_back(pair);
    }
    s.years = p.years;  // in the program's order: year indexes are the program's
    return s;
}

mixed_column::mixed_column(const std::string& column)
    : std::runtime_error(messages::trf("column '{}' is a decimal input in one version and a whole number in another: declare it the same way in both", column))
{
}

schema schema_of(std::span<const program* const> programs)
{
    schema s;
    for (const auto* p : programs) add(s, *p);
    return s;
}

std::vector<std::size_t> columns_of(const schema& s, const program& p)
{
    std::vector<std::size_t> out;
    out.reserve(p.inputs.size());
    for (const auto& in : p.inputs) {
        const auto it = std::find_if(s.columns.begin(), s.columns.end(), [&](const schema::column& c) { return c.name == in.column; });
        if (it == s.columns.end()) throw std::invalid_argument("columns_of: the schema lacks column '" + in.column + "'");
        out.push_back(static_cast<std::size_t>(it - s.columns.begin()));
    }
    return out;
}

}  // namespace donum::data
