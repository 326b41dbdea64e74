// Pass 3, the examples: an `example` block's year, the values it assumes for slots (`set`),
// the inputs it gives (`given`, each checked against its input's type) and the amounts it
// expects, compiled into an example_info that `donum test` evaluates.
#include <set>

#include <fmt/format.h>

#include "interpreter/compile/checker.hpp"
#include "interpreter/exact/fixed.hpp"
#include "interpreter/messages/messages.hpp"

namespace donum::compile::internal {

using exact::decimals_written;
using exact::parse_decimal;
using messages::tr;
using messages::trf;

namespace ast = grammar::ast;
void checker::example(const ast::example_decl& x)
{
    label(x.label);
    example_info info;
    info.label = x.label.value;
    info.range = x.label.range;
    if (x.year) {
        const int year = std::stoi(*x.year);
        const auto index = m_program.year_index(year);
        if (!index) {
            error(x.year_range, trf("{} is not a year of this convention (years: {})", year, fmt::join(m_program.years, ", ")));
        }
        else {
            info.year_index = *index;
        }
    }
    else if (m_program.years.size() > 1) {
        error(x.label.range, trf("the example needs 'year Y': the convention covers {}", fmt::join(m_program.years, ", ")));
    }
    for (const auto& set : x.sets) {
        assume(set, info);
    }
    std::set<std::string> given;
    for (const auto& g : x.given) {
        const auto it = m_names.find(g.input.text);
        if (it == m_names.end() || it->second.kind != name_kind::input) {
            const auto inputs = [&] {
                std::vector<std::string> names;
                for (const auto& i : m_program.inputs) names.push_back(i.name);
                return names;
            };
            error(g.input.range, trf("unknown input '{}'{}", g.input.text, did_you_mean(g.input.text, inputs)));
            continue;
        }
        if (!given.insert(g.input.text).second) {
            error(g.input.range, trf("input '{}' is given twice", g.input.text));
            continue;
        }
        const auto& in = m_program.inputs[it->second.index];
        if (in.type == ast::input_type::decimal) {
            // Read as a data file's field is, so that an example and a CSV row agree.
            const auto d = exact::parse_fixed((g.negative ? "-" : "") + g.digits);
            if (!d.ok) error(g.range, trf("the value of '{}': {}", g.input.text, tr(d.error.data())));
            else info.given.emplace_back(it->second.index, d.value);
            continue;
        }
        if (decimals_written(g.digits) > 0) {
            const auto type = in.type == ast::input_type::boolean ? "boolean" : in.type == ast::input_type::count ? "count" : "integer";
            error(g.range, trf("'{}' is a whole number ({}): {} has decimals; an input whose values have decimals is declared decimal", g.input.text, type, g.digits));
            continue;
        }
        const auto v = parse_decimal(g.digits);
        if (!v) {
            error(g.range, trf("the value of '{}' is too large (beyond 64 bits)", g.input.text));
            continue;
        }
        const auto value = g.negative ? -v->num() : v->num();
        if (in.type == ast::input_type::boolean && value != 0 && value != 1) {
            error(g.range, trf("'{}' is a boolean: its value is 0 or 1", g.input.text));
        }
        else if (in.type == ast::input_type::count && value < 0) {
            error(g.range, trf("'{}' is a count: it cannot be negative", g.input.text));
        }
        info.given.emplace_back(it->second.index, value);
    }
    if (const auto p = parse_decimal(x.expected_points)) info.expected_points = *p;
    else error(x.points_range, trf("this number {}", tr(exact::why_not_decimal(x.expected_points))));
    if (decimals_written(x.expected_euros) > 2) {
        error(x.euros_range, tr("an amount in euros has at most two decimals"));
    }
    if (const auto e = parse_decimal(x.expected_euros)) info.expected_euros = *e;
    else error(x.euros_range, trf("this number {}", tr(exact::why_not_decimal(x.expected_euros))));
    m_program.examples.push_back(std::move(info));
}

// A `set` inside an example: the value this example assumes for a slot of its year,
// checked like the slot's own values.
void checker::assume(const ast::set_stmt& set, example_info& info)
{
    const auto index = settable_slot(m_program, set.slot, m_suggestions, m_out);
    if (!index) {
        return;
    }
    if (set.slot.year) {
        error(set.slot.year_range, tr("an example is evaluated for one year: set the value without '@YEAR'"));
        return;
    }
    slot copy = m_program.slots[*index];
    m_constants.fill(copy, set.value, m_program.years);
    const auto value = copy.by_year.at(info.year_index);
    if (!value) {
        error(set.value.range, tr("an example cannot assume XX: give a value"));
        return;
    }
    // Points and the point value were checked with the copy's values; a target's range
    // comes with its type, known by now.
    if (const auto why = copy.is_threshold() ? check_slot_value(copy, *value) : std::nullopt) {
        error(set.value.range, *why);
        return;
    }
    info.assumed.emplace_back(*index, *value);
}

}  // namespace donum::compile::internal
