// The program's own queries; the checker builds the program, these only read it.
#include "interpreter/compile/program.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "interpreter/messages/messages.hpp"

namespace donum::compile {

const char* type_name(value_type t)
{
    switch (t) {
        case value_type::boolean: return messages::tr("a boolean (true/false)");
        case value_type::number: return messages::tr("a number");
        case value_type::rate: return messages::tr("a percentage");
        case value_type::euro: return messages::tr("an amount in euros");
        case value_type::points: return messages::tr("a number of points");
    }
    return messages::tr("a value");
}

comparison mirrored(comparison c)
{
    switch (c) {
        case comparison::ge: return comparison::le;
        case comparison::gt: return comparison::lt;
        case comparison::le: return comparison::ge;
        case comparison::lt: return comparison::gt;
        default: return c;
    }
}

comparison comparison_of(opcode op)
{
    switch (op) {
        case opcode::ge: return comparison::ge;
        case opcode::gt: return comparison::gt;
        case opcode::le: return comparison::le;
        case opcode::lt: return comparison::lt;
        case opcode::eq: return comparison::eq;
        case opcode::ne: return comparison::ne;
        default: return comparison::none;
    }
}

std::string_view comparison_text(comparison c)
{
    switch (c) {
        case comparison::none: return "";
        case comparison::ge: return ">=";
        case comparison::gt: return ">";
        case comparison::le: return "<=";
        case comparison::lt: return "<";
        case comparison::eq: return "=";
        case comparison::ne: return "!=";
    }
    return "";
}

std::optional<std::size_t> program::year_index(int year) const
{
    const auto it = std::find(years.begin(), years.end(), year);
    if (it == years.end()) {
        return std::nullopt;
    }
    return static_cast<std::size_t>(it - years.begin());
}

std::string dotted_name(const slot_path& path)
{
    switch (path.what) {
        case slot_kind::target:
            return path.level > 1 ? fmt::format("{}.{}.target{}", path.group, path.indicator, path.level) : fmt::format("{}.{}.target", path.group, path.indicator);
        case slot_kind::points:
            return path.level > 1 ? fmt::format("{}.{}.points{}", path.group, path.indicator, path.level) : fmt::format("{}.{}.points", path.group, path.indicator);
        case slot_kind::floor: return fmt::format("{}.{}.above", path.group, path.indicator);
        case slot_kind::block_points: return fmt::format("{}.points", path.group);
        case slot_kind::point_value: return "point_value";
        case slot_kind::cap: return path.group.empty() ? std::string("cap") : fmt::format("{}.cap", path.group);
    }
    return {};
}

std::string dotted_name(const grammar::ast::slot_name& name)
{
    std::string out;
    for (const auto& p : name.parts) out += (out.empty() ? "" : ".") + p.text;
    return out;
}

std::optional<std::string> check_slot_value(const slot& s, const rational& v)
{
    switch (s.path.what) {
        case slot_kind::target:
        case slot_kind::floor:
            if (s.type == value_type::rate && (v < rational(0) || v > rational(1))) {
                // A French writer's "30" for thirty per cent: say how to write it.
                const auto hint = v.is_integer() && v > rational(1) && v <= rational(100) ? messages::trf(" (write {} % for a percentage)", v.to_string()) : std::string();
                return s.path.what == slot_kind::floor ? messages::trf("floor {} of {} is outside 0 %..100 %{}", v.to_string(), s.name, hint)
                                                    : messages::trf("target {} of {} is outside 0 %..100 %{}", v.to_string(), s.name, hint);
            }
            return std::nullopt;
        case slot_kind::points:
        case slot_kind::block_points:
        case slot_kind::cap:
            if (v < rational(0)) return messages::tr("points cannot be negative");
            return std::nullopt;
        case slot_kind::point_value:
            if (v <= rational(0)) return messages::tr("the value of a point must be positive");
            return std::nullopt;
    }
    return std::nullopt;
}

std::optional<std::size_t> program::slot_index(std::string_view name) const
{
    const auto it = slot_by_name.find(name);
    if (it == slot_by_name.end()) {
        return std::nullopt;
    }
    return it->second;
}

const slot* program::find_slot(std::string_view name) const
{
    const auto index = slot_index(name);
    return index ? &slots[*index] : nullptr;
}

std::vector<std::string> program::open_placeholders() const
{
    std::vector<std::string> out;
    for (const auto& s : slots) {
        const auto open = std::count(s.by_year.begin(), s.by_year.end(), std::nullopt);
        if (open == 0) {
            continue;
        }
        if (static_cast<std::size_t>(open) == s.by_year.size()) {
            out.push_back(s.name);
            continue;
        }
        for (std::size_t y = 0; y < s.by_year.size(); ++y) {
            if (!s.by_year[y]) {
                out.push_back(fmt::format("{}@{}", s.name, years[y]));
            }
        }
    }
    return out;
}

namespace {

// Depth-limited: thresholds are short; a deeper expression is not "fixed" for the summary.
std::optional<rational> fixed_value(const program& p, node_id n, std::size_t y, int depth)
{
    if (depth > 32 || n < 0 || static_cast<std::size_t>(n) >= p.code.size()) return std::nullopt;
    const auto& c = p.code[static_cast<std::size_t>(n)];
    std::vector<rational> args;
    for (const auto a : c.args) {
        auto v = fixed_value(p, a, y, depth + 1);
        if (!v) return std::nullopt;
        args.push_back(*v);
    }
    try {
        switch (c.op) {
            case opcode::constant: return c.value;
            case opcode::slot: return p.slots[static_cast<std::size_t>(c.index)].by_year[y];
            case opcode::negate: return -args.at(0);
            case opcode::add: {
                rational sum;
                for (const auto& a : args) sum = sum + a;
                return sum;
            }
            case opcode::mul: {
                rational product(1);
                for (const auto& a : args) product = product * a;
                return product;
            }
            case opcode::div:
                if (args.at(1) == rational(0)) return std::nullopt;
                return args.at(0) / args.at(1);
            default: return std::nullopt;
        }
    }
    catch (const overflow_error&) {
        return std::nullopt;
    }
}

}  // namespace

std::optional<rational> fixed_value(const program& p, node_id n, std::size_t y) { return fixed_value(p, n, y, 0); }

}  // namespace donum::compile
