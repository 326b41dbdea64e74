#include "interpreter/compile/constant.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "interpreter/messages/messages.hpp"

namespace donum::compile::internal {

using exact::parse_decimal;
using messages::tr;
using messages::trf;

namespace ast = grammar::ast;
using grammar::severity;
using grammar::source_range;

void constant_folder::error(const source_range& at, std::string message)
{
    m_out.push_back({severity::error, at, std::move(message), {}});
}

bool constant_folder::percentage_reported(const source_range& r) const
{
    return std::any_of(m_reported_percentages.begin(), m_reported_percentages.end(), [&](const source_range& p) {
        return p.file == r.file && p.begin.byte >= r.begin.byte && p.begin.byte < r.end.byte;
    });
}

std::optional<constant> constant_folder::fold(const ast::expr& e)
{
    if (const auto* lit = std::get_if<ast::number_literal>(&e.kind)) {
        return literal(e.range, *lit);
    }
    if (const auto* u = std::get_if<ast::unary>(&e.kind); u && u->op == ast::unary_op::negate) {
        auto v = fold(*u->operand);
        if (!v) return std::nullopt;
        return constant{-v->value, v->type};
    }
    if (const auto* c = std::get_if<ast::chain>(&e.kind)) {
        auto acc = fold(*c->first);
        if (!acc) return std::nullopt;
        for (const auto& link : c->rest) {
            auto v = fold(*link.operand);
            if (!v) return std::nullopt;
            try {
                switch (link.op) {
                    case ast::binary_op::add: acc->value = acc->value + v->value; break;
                    case ast::binary_op::sub: acc->value = acc->value - v->value; break;
                    case ast::binary_op::mul: acc->value = acc->value * v->value; break;
                    case ast::binary_op::div:
                        if (v->value == rational(0)) {
                            error(link.operand->range, tr("division by zero"));
                            return std::nullopt;
                        }
                        acc->value = acc->value / v->value;
                        break;
                    default:
                        error(link.op_range, tr("a value here must be a number, a percentage, an amount or XX, not a condition"));
                        return std::nullopt;
                }
            }
            catch (const overflow_error&) {
                error(e.range, tr("this value is too large for exact arithmetic (beyond 64 bits)"));
                return std::nullopt;
            }
            if (v->type != value_type::number) acc->type = v->type;
        }
        return acc;
    }
    if (std::holds_alternative<ast::placeholder>(e.kind)) {
        return std::nullopt;  // handled by the caller
    }
    error(e.range, tr("a target, points value or point value must be a constant: a number, a percentage, a fraction, an amount or XX"));
    return std::nullopt;
}

std::optional<constant> constant_folder::literal(const source_range& at, const ast::number_literal& lit)
{
    auto v = parse_decimal(lit.digits);
    if (!v) {
        const auto shown = lit.digits.size() > 40 ? trf("{}…({} digits)", lit.digits.substr(0, 20), lit.digits.size()) : lit.digits;
        error(at, trf("the number {} {}", shown, tr(exact::why_not_decimal(lit.digits))));
        return std::nullopt;
    }
    switch (lit.suffix) {
        case ast::unit::none: return constant{*v, value_type::number};
        case ast::unit::euro: return constant{*v, value_type::euro};
        case ast::unit::points: return constant{*v, value_type::points};
        case ast::unit::percent:
            if (*v > rational(100)) {
                error(at, trf("{} % is above 100 %: a rate can never reach it", lit.digits));
                m_reported_percentages.push_back(at);
            }
            return constant{*v / rational(100), value_type::rate};
    }
    return std::nullopt;
}

value_type constant_folder::fill(slot& s, const ast::value_spec& spec, const std::vector<int>& years)
{
    const auto n = years.size();
    // A target written `30 %` is a rate, `12` a number; a table mixing units takes the last
    // unit that is neither (the comparison with the measured side reports the mismatch).
    value_type written = value_type::number;
    s.range = spec.range;
    s.by_year.assign(n, std::nullopt);
    s.year_ranges.assign(n, spec.range);
    auto value_of = [&](const ast::expr& e) -> std::optional<rational> {
        if (std::holds_alternative<ast::placeholder>(e.kind)) return std::nullopt;
        auto v = fold(e);
        if (!v) return std::nullopt;
        if (!s.is_threshold()) {
            if (auto why = unit_error(s, v->type)) error(e.range, std::move(*why));
            if (const auto why = check_slot_value(s, v->value)) error(e.range, *why);
        }
        else if (written == value_type::number && v->type == value_type::rate) {
            written = value_type::rate;
        }
        else if (written != v->type && !(dimensionless(written) && dimensionless(v->type))) {
            written = v->type;
        }
        return v->value;
    };
    if (spec.single) {
        const auto v = value_of(*spec.single);
        std::fill(s.by_year.begin(), s.by_year.end(), v);
        if (!v && !std::holds_alternative<ast::placeholder>(spec.single->kind)) {
            std::fill(s.by_year.begin(), s.by_year.end(), rational(0));  // error already reported
        }
        return written;
    }
    std::vector<bool> seen(n, false);
    for (const auto& entry : spec.table) {
        const int year = std::stoi(entry.year);
        const auto it = std::find(years.begin(), years.end(), year);
        if (it == years.end()) {
            error(entry.year_range, trf("{} is not a year of this convention (years: {})", year, fmt::join(years, ", ")));
            continue;
        }
        const auto index = static_cast<std::size_t>(it - years.begin());
        if (seen[index]) {
            error(entry.year_range, trf("{} has two values in this table", year));
            continue;
        }
        seen[index] = true;
        s.year_ranges[index] = entry.range;
        const auto v = value_of(*entry.value);
        s.by_year[index] = v;
        if (!v && !std::holds_alternative<ast::placeholder>(entry.value->kind)) {
            s.by_year[index] = rational(0);
        }
    }
    for (std::size_t y = 0; y < n; ++y) {
        if (!seen[y]) {
            error(spec.range, trf("no value for {} in {} (years of the convention: {}); write {}: XX if it is not agreed yet", years[y], s.name, fmt::join(years, ", "), years[y]));
            s.by_year[y] = rational(0);
        }
    }
    return written;
}

std::optional<std::string> unit_error(const slot& s, value_type unit)
{
    switch (s.path.what) {
        case slot::kind::point_value:
            if (unit != value_type::euro) return trf("the value of a point is an amount in euros (e.g. 7 €), not {}", type_name(unit));
            return std::nullopt;
        case slot::kind::points:
        case slot::kind::block_points:
        case slot::kind::cap:
            if (unit != value_type::number && unit != value_type::points) return trf("points are a number (e.g. 22.5), not {}", type_name(unit));
            return std::nullopt;
        case slot::kind::target:
        case slot::kind::floor:
            if (unit != s.type && !(s.type == value_type::rate && unit == value_type::number)) {
                return s.path.what == slot::kind::floor ? trf("the floor {} is {}, not {}", s.name, type_name(s.type), type_name(unit))
                                                         : trf("the target {} is {}, not {}", s.name, type_name(s.type), type_name(unit));
            }
            return std::nullopt;
    }
    return std::nullopt;
}

}  // namespace donum::compile::internal
