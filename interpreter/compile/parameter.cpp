#include "interpreter/compile/parameter.hpp"

#include <charconv>

#include <fmt/format.h>

#include "interpreter/compile/checker.hpp"
#include "interpreter/compile/constant.hpp"

namespace donum::compile {

namespace ast = grammar::ast;
using grammar::severity;
using grammar::source_range;

namespace {

void error(grammar::diagnostics& issues, const source_range& at, std::string message)
{
    issues.push_back({severity::error, at, std::move(message), {}});
}

}  // namespace

namespace internal {

std::optional<std::size_t> settable_slot(const program& p, const ast::slot_name& name, name_suggestions& suggestions, grammar::diagnostics& issues)
{
    const auto dotted = dotted_name(name);
    if (const auto index = p.slot_index(dotted)) return index;
    const auto names = [&] {
        std::vector<std::string> out;
        for (const auto& s : p.slots) out.push_back(s.name);
        return out;
    };
    error(issues, name.range, fmt::format("unknown settable name '{}'{}", dotted, suggestions.did_you_mean(dotted, names)));
    return std::nullopt;
}

}  // namespace internal

std::optional<parameter> find_parameter(const program& p, const ast::slot_name& name, grammar::diagnostics& issues)
{
    name_suggestions suggestions;
    const auto slot = internal::settable_slot(p, name, suggestions, issues);
    if (!slot) return std::nullopt;
    parameter out;
    out.slot = *slot;
    out.name = dotted_name(name);
    if (name.year) {
        int year = 0;
        const auto& digits = *name.year;
        const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), year);
        if (ec != std::errc() || end != digits.data() + digits.size() || !p.year_index(year)) {
            error(issues, name.year_range, fmt::format("{} is not a year of this convention (years: {})", digits, fmt::join(p.years, ", ")));
            return std::nullopt;
        }
        out.year = year;
        out.name += "@" + digits;
    }
    return out;
}

std::optional<rational> parameter_value(const program& p, std::size_t slot, const ast::value_spec& spec, grammar::diagnostics& issues)
{
    const auto& s = p.slots.at(slot);
    if (!spec.single) {
        error(issues, spec.range, fmt::format("{} takes one value here, not a table by year: name the year with {}@YEAR", s.name, s.name));
        return std::nullopt;
    }
    const auto& e = *spec.single;
    if (std::holds_alternative<ast::placeholder>(e.kind)) {
        error(issues, e.range, fmt::format("{} cannot be set to XX (not agreed yet): give a value", s.name));
        return std::nullopt;
    }
    // The checker's folding, so that `2/3`, `-1` and `150 %` read and fail as in a rule file.
    const auto errors_before = grammar::count(issues, severity::error);
    internal::constant_folder folder(issues);
    const auto v = folder.fold(e);
    if (!v || grammar::count(issues, severity::error) != errors_before) return std::nullopt;
    if (auto why = internal::unit_error(s, v->type)) {
        error(issues, e.range, std::move(*why));
        return std::nullopt;
    }
    if (auto why = check_slot_value(s, v->value)) {
        error(issues, e.range, std::move(*why));
        return std::nullopt;
    }
    return v->value;
}

}  // namespace donum::compile
