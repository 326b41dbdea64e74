#include "interpreter/compile/parameter.hpp"

#include <charconv>
#include <set>
#include <utility>

#include <fmt/format.h>

#include "interpreter/compile/checker.hpp"
#include "interpreter/compile/constant.hpp"
#include "grammar/parser.hpp"
#include "interpreter/messages/messages.hpp"

namespace donum::compile {

using messages::tr;
using messages::trf;

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

namespace {

// The settable names of a checked program, for why_not_settable.
class program_names final : public settable_names {
public:
    explicit program_names(const program& p) : m_p(p) {}
    [[nodiscard]] bool has_point_value() const override { return true; }
    [[nodiscard]] bool has_cap() const override { return m_p.cap_slot.has_value(); }
    [[nodiscard]] std::optional<group_slots> group(std::string_view group) const override
    {
        const auto* g = find(group);
        if (g == nullptr) return std::nullopt;
        return group_slots{g->block_slot.has_value(), g->cap_slot.has_value()};
    }
    [[nodiscard]] std::optional<indicator_slots> indicator(std::string_view group, std::string_view id) const override
    {
        for (const auto& i : m_p.indicators) {
            if (i.id != id || m_p.groups[i.group].id != group) continue;
            indicator_slots out{i.target_slot.has_value(), i.points_slot.has_value(), {}, {}};
            for (const auto& level : i.levels) out.level_thresholds.push_back(level.threshold_slot.has_value());
            if (i.prorated && i.prorated->floor) out.floor = i.prorated->floor_slot.has_value();
            return out;
        }
        return std::nullopt;
    }

private:
    [[nodiscard]] const group_info* find(std::string_view group) const
    {
        for (const auto& g : m_p.groups) {
            if (g.id == group) return &g;
        }
        return nullptr;
    }
    const program& m_p;
};

}  // namespace

std::optional<std::size_t> settable_slot(const program& p, const ast::slot_name& name, name_suggestions& suggestions, grammar::diagnostics& issues)
{
    const auto dotted = dotted_name(name);
    if (const auto index = p.slot_index(dotted)) return index;
    const auto names = [&] {
        std::vector<std::string> out;
        for (const auto& s : p.slots) out.push_back(s.name);
        return out;
    };
    // Every name that is not a slot has a reason: the resolver's words for the same mistake.
    const auto why = why_not_settable(program_names(p), name, dotted);
    error(issues, name.range, fmt::format("{}{}", why.value_or(trf("'{}' is not a settable name", dotted)), suggestions.did_you_mean(dotted, names)));
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
            error(issues, name.year_range, trf("{} is not a year of this convention (years: {})", digits, fmt::join(p.years, ", ")));
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
        error(issues, spec.range, trf("{} takes one value here, not a table by year: name the year with {}@YEAR", s.name, s.name));
        return std::nullopt;
    }
    const auto& e = *spec.single;
    if (std::holds_alternative<ast::placeholder>(e.kind)) {
        error(issues, e.range, trf("{} cannot be set to XX (not agreed yet): give a value", s.name));
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

std::optional<sweep_parameter> sweep_parameter_of(const program& p, const ast::sweep_range& range, grammar::diagnostics& issues)
{
    const auto what = find_parameter(p, range.slot, issues);
    if (!what) return std::nullopt;
    const auto from = parameter_value(p, what->slot, range.from, issues);
    const auto to = parameter_value(p, what->slot, range.to, issues);
    if (!from || !to) return std::nullopt;
    // The step is a difference of two values, not a value: it may exceed none of their
    // bounds but must be in their unit and above 0.
    const auto& s = p.slots[what->slot];
    if (!range.step.single || std::holds_alternative<ast::placeholder>(range.step.single->kind)) {
        error(issues, range.step.range, tr("the step of a sweep is one value, e.g. 1%"));
        return std::nullopt;
    }
    const auto errors_before = grammar::count(issues, severity::error);
    internal::constant_folder folder(issues);
    const auto step = folder.fold(*range.step.single);
    if (!step || grammar::count(issues, severity::error) != errors_before) return std::nullopt;
    if (auto why = internal::unit_error(s, step->type)) {
        error(issues, range.step.range, std::move(*why));
        return std::nullopt;
    }
    if (step->value <= rational(0)) {
        error(issues, range.step.range, trf("the step of a sweep must be above 0, not {}", step->value.to_string()));
        return std::nullopt;
    }
    if (*from > *to) {
        error(issues, range.to.range, trf("a sweep goes up: {} is below its first value {}", to->to_string(), from->to_string()));
        return std::nullopt;
    }
    return sweep_parameter{*what, *from, *to, step->value};
}

std::optional<rational> amount_value(const ast::amount& amount, grammar::diagnostics& issues)
{
    const auto digits = exact::parse_decimal(amount.digits);
    try {
        if (digits) {
            rational scale(1);
            for (int i = 0; i < amount.exponent; ++i) scale = scale * rational(10);
            return *digits * scale;
        }
    }
    catch (const exact::overflow_error&) {
    }
    error(issues, amount.range, digits ? std::string(tr("this amount is too large for exact arithmetic (beyond 64 bits)")) : trf("the amount {} {}", amount.digits, tr(exact::why_not_decimal(amount.digits))));
    return std::nullopt;
}

std::optional<rational> share_value(const ast::share& share, grammar::diagnostics& issues)
{
    const auto errors_before = grammar::count(issues, severity::error);
    internal::constant_folder folder(issues);
    const auto v = folder.fold(share.value);
    if (grammar::count(issues, severity::error) != errors_before) return std::nullopt;
    if (!v) {
        error(issues, share.range, tr("a share of physicians is a percentage, a decimal or a fraction, e.g. 70%, 0.7 or 7/10"));
        return std::nullopt;
    }
    if (v->type != value_type::number && v->type != value_type::rate) {
        error(issues, share.range, tr("a share of physicians is a percentage, a decimal or a fraction, not an amount: e.g. 70%"));
        return std::nullopt;
    }
    if (v->value < rational(0) || v->value > rational(1)) {
        const bool whole_percent = v->type == value_type::number && v->value.is_integer() && v->value <= rational(100);
        error(issues, share.range, whole_percent ? trf("a share lies between 0 % and 100 %: write {}%", v->value.to_string()) : trf("a share lies between 0 % and 100 %, not {} %", v->value.to_percent(2)));
        return std::nullopt;
    }
    return v->value;
}

namespace {

// One checked `set` statement of a setting or a scenario.
std::optional<setting> checked_setting(const program& p, const ast::set_stmt& set, grammar::diagnostics& issues)
{
    auto what = find_parameter(p, set.slot, issues);
    if (!what) return std::nullopt;
    auto value = parameter_value(p, what->slot, set.value, issues);
    if (!value) return std::nullopt;
    return setting{std::move(*what), *value};
}

}  // namespace

std::optional<setting> setting_of(const program& p, const grammar::source_file& text, grammar::diagnostics& issues)
{
    auto parsed = grammar::parse_setting(text);
    issues.insert(issues.end(), parsed.issues.begin(), parsed.issues.end());
    if (!parsed.setting) return std::nullopt;
    return checked_setting(p, *parsed.setting, issues);
}

std::optional<std::vector<setting>> scenario_settings(const program& p, const grammar::source_file& text, grammar::diagnostics& issues)
{
    auto parsed = grammar::parse(text);
    issues.insert(issues.end(), parsed.issues.begin(), parsed.issues.end());
    if (!parsed.file) return std::nullopt;
    const auto& file = *parsed.file;
    if (!file.scenario) {
        error(issues, file.header.id.range, tr("this is a rule file, not a scenario: write 'scenario NAME \"label\"' and 'set' lines"));
        return std::nullopt;
    }
    if (file.header.extends) {
        error(issues, file.header.extends->range, tr("a scenario given as a text cannot extend a file: write its values here"));
        return std::nullopt;
    }
    const auto errors_before = grammar::count(issues, severity::error);
    std::vector<setting> out;
    std::set<std::pair<std::size_t, std::optional<int>>> seen;
    for (const auto& item : file.items) {
        const auto* set = std::get_if<ast::set_stmt>(&item);
        if (set == nullptr) continue;  // the grammar allows only set lines in a scenario
        auto one = checked_setting(p, *set, issues);
        if (!one) continue;
        if (!seen.emplace(one->what.slot, one->what.year).second) {
            error(issues, set->range, trf("{} is set twice in this scenario", one->what.name));
            continue;
        }
        out.push_back(std::move(*one));
    }
    if (grammar::count(issues, severity::error) != errors_before) return std::nullopt;
    return out;
}

program with_settings(program p, std::span<const setting> settings)
{
    for (const auto& s : settings) {
        auto& values = p.slots.at(s.what.slot).by_year;
        for (std::size_t y = 0; y < p.years.size(); ++y) {
            if (!s.what.year || p.years[y] == *s.what.year) values[y] = s.value;
        }
    }
    return p;
}

}  // namespace donum::compile
