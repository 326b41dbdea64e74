// Pass 2 implementation: load, parse and merge the extends chain.
#include "interpreter/compile/resolve.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "grammar/parser.hpp"
#include "interpreter/compile/ast_edit.hpp"
#include "interpreter/compile/chain.hpp"
#include "interpreter/compile/names.hpp"
#include "interpreter/compile/program.hpp"
#include "interpreter/messages/messages.hpp"

namespace donum::compile {

using messages::tr;
using messages::trf;

namespace ast = grammar::ast;
using grammar::diagnostic;
using grammar::severity;
using grammar::source_range;

namespace {

using internal::clone;
using internal::clone_ptr;
using internal::comparison_of_target;
using internal::find_target;
using internal::mirrored;
using internal::source_text;

class merger {
public:
    merger(ast::rule_file& base, grammar::diagnostics& issues) : m_base(base), m_issues(issues) {}

    // Applies one derived file (its header already checked for `extends`).
    void apply(ast::rule_file&& derived)
    {
        header(derived.header);
        // Examples check one version's amounts: a derived version brings its own.
        std::erase_if(m_base.items, [](const ast::item& i) { return std::holds_alternative<ast::example_decl>(i); });
        std::vector<ast::set_stmt> sets;
        for (auto& item : derived.items) {
            if (auto* e = std::get_if<ast::extend_group>(&item)) {
                extend(std::move(*e));
            }
            else if (auto* s = std::get_if<ast::set_stmt>(&item)) {
                sets.push_back(std::move(*s));
            }
            else if (auto* r = std::get_if<ast::remove_group>(&item)) {
                remove(*r);
            }
            else if (auto* ri = std::get_if<ast::remove_input>(&item)) {
                remove(*ri);
            }
            else {
                m_base.items.push_back(std::move(item));
            }
        }
        apply_sets(std::move(sets));
    }

    // Whether `slot` designates a settable value of the base.
    bool designates(const ast::slot_name& slot) { return !why_not_settable(base_names(*this), slot, dotted_name(slot)); }

    void apply_sets(std::vector<ast::set_stmt>&& sets)
    {
        std::map<std::string, source_range> seen;  // slot (without year) -> where set
        std::map<std::string, source_range> seen_years;
        for (auto& s : sets) {
            const auto name = dotted_name(s.slot);
            const std::string key = s.slot.year ? name + "@" + *s.slot.year : name;
            auto conflict = [&](const source_range& previous) {
                error(s.slot.range, trf("conflicting changes: {} is already set in this file", key), {{severity::note, previous, tr("first set here"), {}}});
            };
            if (const auto it = seen.find(name); it != seen.end()) {
                conflict(it->second);
                continue;
            }
            if (s.slot.year) {
                if (const auto it = seen_years.find(key); it != seen_years.end()) {
                    conflict(it->second);
                    continue;
                }
                seen_years.emplace(key, s.slot.range);
            }
            else {
                const auto prefix = name + "@";
                const auto it = std::find_if(seen_years.begin(), seen_years.end(), [&](const auto& kv) { return kv.first.rfind(prefix, 0) == 0; });
                if (it != seen_years.end()) {
                    conflict(it->second);
                    continue;
                }
                seen.emplace(name, s.slot.range);
            }
            set(std::move(s), name);
        }
    }

private:
    ast::rule_file& m_base;
    grammar::diagnostics& m_issues;
    name_suggestions m_suggestions;

    void error(const source_range& at, std::string message, std::vector<diagnostic> notes = {})
    {
        m_issues.push_back({severity::error, at, std::move(message), std::move(notes)});
    }

    void header(ast::convention_header& h)
    {
        auto& b = m_base.header;
        b.id = h.id;
        b.range = h.range;
        if (h.label) b.label = std::move(h.label);
        if (h.reference) b.reference = std::move(h.reference);
        if (h.source) b.source = std::move(h.source);
        if (h.point_value) b.point_value = std::move(h.point_value);
        if (h.years) {
            b.years = std::move(h.years);
            b.years_range = h.years_range;
        }
        if (h.in_force) b.in_force = std::move(h.in_force);
        if (h.cap) b.cap = std::move(h.cap);
    }

    std::vector<std::string> group_names() const
    {
        std::vector<std::string> out;
        for (const auto& i : m_base.items) {
            if (const auto* g = std::get_if<ast::group_decl>(&i)) out.push_back(g->id.text);
        }
        return out;
    }

    ast::group_decl* find_group(std::string_view id)
    {
        for (auto& i : m_base.items) {
            if (auto* g = std::get_if<ast::group_decl>(&i); g && g->id.text == id) return g;
        }
        return nullptr;
    }

    // `candidates()` lists the names: called only when a suggestion is searched.
    template <typename Candidates>
    std::string hint(std::string_view name, const Candidates& candidates)
    {
        return m_suggestions.did_you_mean(name, candidates);
    }

    void extend(ast::extend_group&& e)
    {
        auto* g = find_group(e.id.text);
        if (g == nullptr) {
            error(e.id.range, trf("there is no group '{}' to extend{}", e.id.text, hint(e.id.text, [&] { return group_names(); })));
            return;
        }
        if (e.label) g->label = std::move(*e.label);
        if (e.requires_gate) g->requires_gate = std::move(e.requires_gate);
        if (e.block) g->block = std::move(e.block);
        if (e.cap) g->cap = std::move(e.cap);
        std::map<std::string, source_range> edited;
        for (auto& edit : e.edits) {
            const ast::name& id = std::visit(
                [](const auto& x) -> const ast::name& {
                    using T = std::decay_t<decltype(x)>;
                    if constexpr (std::is_same_v<T, ast::remove_indicator> || std::is_same_v<T, ast::change_indicator>) return x.id;
                    else return x.indicator.id;
                },
                edit);
            if (const auto it = edited.find(id.text); it != edited.end()) {
                error(id.range, trf("conflicting changes: indicator '{}' is already changed in this 'extend group'", id.text), {{severity::note, it->second, tr("first changed here"), {}}});
                continue;
            }
            edited.emplace(id.text, id.range);
            auto existing = std::find_if(g->indicators.begin(), g->indicators.end(), [&](const ast::indicator_decl& d) { return d.id.text == id.text; });
            std::vector<std::string> names;
            for (const auto& d : g->indicators) names.push_back(d.id.text);
            if (auto* add = std::get_if<ast::add_indicator>(&edit)) {
                if (existing != g->indicators.end()) {
                    error(id.range, trf("indicator '{}' already exists in group '{}': write 'replace indicator' to change it", id.text, g->id.text), {{severity::note, existing->id.range, tr("declared here"), {}}});
                    continue;
                }
                g->indicators.push_back(std::move(add->indicator));
                continue;
            }
            if (existing == g->indicators.end()) {
                error(id.range, trf("there is no indicator '{}' in group '{}'{}", id.text, g->id.text, hint(id.text, [&]() -> const std::vector<std::string>& { return names; })));
                continue;
            }
            if (auto* rep = std::get_if<ast::replace_indicator>(&edit)) {
                *existing = std::move(rep->indicator);
            }
            else if (auto* c = std::get_if<ast::change_indicator>(&edit)) {
                change(*existing, std::move(*c));
            }
            else {
                g->indicators.erase(existing);
            }
        }
    }

    // `change indicator`: the clauses written replace the base's.
    void change(ast::indicator_decl& d, ast::change_indicator&& c)
    {
        for (const auto& dup : c.payment.duplicate_clauses) error(dup, tr("this clause is written twice in the same 'change indicator'"));
        if (c.target) {
            auto* target = find_target(d.condition);
            if (target == nullptr) {
                error(c.target->range, trf("indicator '{}' has no target to change: its condition reads '{}'", d.id.text, source_text(d.condition.range)));
            }
            else {
                *target = std::move(c.target->value);
                if (c.target->op) {
                    auto* cmp = comparison_of_target(d.condition);
                    if (cmp == nullptr) {
                        error(c.target->op_range, trf("the target of indicator '{}' is not one side of a comparison: its comparator cannot change", d.id.text));
                    }
                    else {
                        // Written from the measured side: `target > 2/3` means `measured > target`.
                        const bool target_right = std::holds_alternative<ast::target_ref>(cmp->rhs->kind);
                        cmp->op = target_right ? *c.target->op : mirrored(*c.target->op);
                        cmp->op_range = c.target->op_range;
                    }
                }
            }
        }
        if (c.changes_payment) {
            d.points = std::move(c.payment.points);
            d.prorated = std::move(c.payment.prorated);
            d.levels = std::move(c.payment.levels);
        }
        if (c.payment.zero_denominator) d.zero_denominator = c.payment.zero_denominator;
    }

    void remove(const ast::remove_input& r)
    {
        const auto it = std::find_if(m_base.items.begin(), m_base.items.end(), [&](const ast::item& i) {
            const auto* in = std::get_if<ast::input_decl>(&i);
            return in != nullptr && in->id.text == r.id.text;
        });
        if (it == m_base.items.end()) {
            std::vector<std::string> inputs;
            for (const auto& i : m_base.items) {
                if (const auto* in = std::get_if<ast::input_decl>(&i)) inputs.push_back(in->id.text);
            }
            error(r.id.range, trf("there is no input '{}' to remove{}", r.id.text, hint(r.id.text, [&]() -> const std::vector<std::string>& { return inputs; })));
            return;
        }
        m_base.items.erase(it);
        m_base.removed_inputs.push_back(r);
    }

    void remove(const ast::remove_group& r)
    {
        const auto it = std::find_if(m_base.items.begin(), m_base.items.end(), [&](const ast::item& i) {
            const auto* g = std::get_if<ast::group_decl>(&i);
            return g != nullptr && g->id.text == r.id.text;
        });
        if (it == m_base.items.end()) {
            error(r.id.range, trf("there is no group '{}' to remove{}", r.id.text, hint(r.id.text, [&] { return group_names(); })));
            return;
        }
        m_base.items.erase(it);
    }

    std::vector<std::string> slot_names()
    {
        std::vector<std::string> out{dotted_name(slot_path{"", "", slot_kind::point_value})};
        if (m_base.header.cap) out.push_back(dotted_name(slot_path{"", "", slot_kind::cap}));
        for (auto& i : m_base.items) {
            auto* g = std::get_if<ast::group_decl>(&i);
            if (g == nullptr) continue;
            if (g->block) out.push_back(dotted_name(slot_path{g->id.text, "", slot_kind::block_points}));
            if (g->cap) out.push_back(dotted_name(slot_path{g->id.text, "", slot_kind::cap}));
            for (auto& d : g->indicators) {
                if (find_target(d.condition) != nullptr) out.push_back(dotted_name(slot_path{g->id.text, d.id.text, slot_kind::target}));
                if (d.points) out.push_back(dotted_name(slot_path{g->id.text, d.id.text, slot_kind::points}));
                for (std::size_t k = 0; k < d.levels.size(); ++k) {
                    if (d.levels[k].at.value) out.push_back(dotted_name(slot_path{g->id.text, d.id.text, slot_kind::target, k + 2}));
                    out.push_back(dotted_name(slot_path{g->id.text, d.id.text, slot_kind::points, k + 2}));
                }
                if (d.prorated && d.prorated->above && d.prorated->above->value) out.push_back(dotted_name(slot_path{g->id.text, d.id.text, slot_kind::floor}));
            }
        }
        return out;
    }

    // The settable names of the base, for why_not_settable.
    class base_names final : public settable_names {
    public:
        explicit base_names(merger& r) : m_r(r) {}
        [[nodiscard]] bool has_point_value() const override { return m_r.m_base.header.point_value.has_value(); }
        [[nodiscard]] bool has_cap() const override { return m_r.m_base.header.cap.has_value(); }
        [[nodiscard]] std::optional<group_slots> group(std::string_view group) const override
        {
            const auto* g = m_r.find_group(group);
            if (g == nullptr) return std::nullopt;
            return group_slots{g->block.has_value(), g->cap.has_value()};
        }
        [[nodiscard]] std::optional<indicator_slots> indicator(std::string_view group, std::string_view id) const override
        {
            auto* d = m_r.find_indicator(group, id);
            if (d == nullptr) return std::nullopt;
            indicator_slots out{find_target(d->condition) != nullptr, d->points.has_value(), {}, {}};
            for (const auto& level : d->levels) out.level_thresholds.push_back(level.at.value.has_value());
            if (d->prorated && d->prorated->above) out.floor = d->prorated->above->value.has_value();
            return out;
        }

    private:
        merger& m_r;
    };

    ast::indicator_decl* find_indicator(std::string_view group, std::string_view id)
    {
        auto* g = find_group(group);
        if (g == nullptr) return nullptr;
        auto d = std::find_if(g->indicators.begin(), g->indicators.end(), [&](const ast::indicator_decl& x) { return x.id.text == id; });
        return d == g->indicators.end() ? nullptr : &*d;
    }

    // Finds the value a dotted name designates, or reports why there is none (the same
    // messages as for a name of the command line, compile/names.hpp).
    ast::value_spec* lookup(const ast::slot_name& slot, const std::string& name)
    {
        if (const auto why = why_not_settable(base_names(*this), slot, name)) {
            error(slot.range, fmt::format("{}{}", *why, hint(name, [&] { return slot_names(); })));
            return nullptr;
        }
        const auto& parts = slot.parts;
        if (parts.size() == 1) return parts[0].text == "cap" ? &*m_base.header.cap : &*m_base.header.point_value;
        if (parts.size() == 2) {
            auto* g = find_group(parts[0].text);
            return parts[1].text == "cap" ? &*g->cap : &g->block->points;
        }
        auto* d = find_indicator(parts[0].text, parts[1].text);
        const auto& part = parts[2].text;
        if (part == "target") return find_target(d->condition);
        if (part == "points") return &*d->points;
        if (part == "above") return &*d->prorated->above->value;
        // targetN or pointsN (both kinds are six letters), N checked by why_not_settable.
        const bool target = part.starts_with("target");
        auto& level = d->levels.at(std::stoul(part.substr(6)) - 2);
        return target ? &*level.at.value : &level.points;
    }

    void set(ast::set_stmt&& s, const std::string& name)
    {
        auto* spec = lookup(s.slot, name);
        if (spec == nullptr) return;
        if (!s.slot.year) {
            *spec = std::move(s.value);
            return;
        }
        if (!s.value.single) {
            error(s.value.range, trf("a value for one year ({}) cannot be a table", name + "@" + *s.slot.year));
            return;
        }
        // One year of a value that was the same for every year: spell the others out.
        if (spec->single) {
            ast::value_spec table;
            table.range = spec->range;
            if (m_base.header.years) {
                for (const auto& y : *m_base.header.years) {
                    table.table.push_back({spec->range, y.range, y.digits, clone_ptr(spec->single)});
                }
            }
            *spec = std::move(table);
        }
        auto entry = std::find_if(spec->table.begin(), spec->table.end(), [&](const ast::year_entry& e) { return e.year == *s.slot.year; });
        if (entry == spec->table.end()) {
            spec->table.push_back({s.range, s.slot.year_range, *s.slot.year, std::move(s.value.single)});
        }
        else {
            entry->range = s.range;
            entry->value = std::move(s.value.single);
        }
    }
};

}  // namespace

resolve_result load_rules(const std::string& path, const load_options& options)
{
    resolve_result result;
    std::vector<ast::rule_file> chain;
    if (!internal::load_chain(path, options, false, result.sources, result.issues, chain)) return result;
    auto merged = std::move(chain.front());
    for (std::size_t i = 1; i < chain.size(); ++i) {
        merger(merged, result.issues).apply(std::move(chain[i]));
    }
    if (!grammar::has_errors(result.issues)) {
        result.file = std::move(merged);
    }
    return result;
}

bool apply_scenario(ast::rule_file& rules, const std::string& path, const load_options& options, std::vector<std::shared_ptr<const grammar::source_file>>& sources, grammar::diagnostics& issues)
{
    const auto errors_before = grammar::count(issues, severity::error);
    std::vector<ast::rule_file> chain;
    if (!internal::load_chain(path, options, true, sources, issues, chain)) return false;
    // Base scenario first: a derived scenario's values override its base's.
    for (auto& scenario : chain) {
        std::vector<ast::set_stmt> sets;
        for (auto& item : scenario.items) sets.push_back(std::move(std::get<ast::set_stmt>(item)));
        merger(rules, issues).apply_sets(std::move(sets));
    }
    return grammar::count(issues, severity::error) == errors_before;
}

setting_outcome apply_setting(ast::rule_file& rules, const grammar::source_file& text, grammar::diagnostics& issues, bool only_if_named)
{
    auto parsed = grammar::parse_setting(text);
    issues.insert(issues.end(), parsed.issues.begin(), parsed.issues.end());
    if (!parsed.setting) return setting_outcome::error;
    const auto errors_before = grammar::count(issues, severity::error);
    merger m(rules, issues);
    if (only_if_named && !m.designates(parsed.setting->slot)) return setting_outcome::not_named;
    std::vector<ast::set_stmt> sets;
    sets.push_back(std::move(*parsed.setting));
    m.apply_sets(std::move(sets));
    return grammar::count(issues, severity::error) == errors_before ? setting_outcome::applied : setting_outcome::error;
}

}  // namespace donum::compile
