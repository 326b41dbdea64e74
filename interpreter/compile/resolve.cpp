// Pass 2 implementation: load, parse and merge the extends chain.
#include "interpreter/compile/resolve.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "grammar/parser.hpp"
#include "interpreter/compile/names.hpp"
#include "interpreter/compile/program.hpp"

namespace donum::compile {

namespace ast = grammar::ast;
namespace fs = std::filesystem;
using grammar::diagnostic;
using grammar::severity;
using grammar::source_range;

namespace {

// Deep copy of an expression: a value set for one year of a single-valued slot turns the
// slot into a table, which needs one copy of the old value per remaining year.
ast::expr clone(const ast::expr& e);

ast::expr_ptr clone_ptr(const ast::expr_ptr& e) { return e ? std::make_unique<ast::expr>(clone(*e)) : nullptr; }

ast::value_spec clone(const ast::value_spec& v)
{
    ast::value_spec out;
    out.range = v.range;
    out.single = clone_ptr(v.single);
    for (const auto& entry : v.table) {
        out.table.push_back({entry.range, entry.year_range, entry.year, clone_ptr(entry.value)});
    }
    return out;
}

ast::expr clone(const ast::expr& e)
{
    ast::expr out;
    out.range = e.range;
    out.kind = std::visit(
        [](const auto& k) -> ast::expr_kind {
            using T = std::decay_t<decltype(k)>;
            if constexpr (std::is_same_v<T, ast::target_ref>) {
                return ast::target_ref{clone(k.value)};
            }
            else if constexpr (std::is_same_v<T, ast::unary>) {
                return ast::unary{k.op, clone_ptr(k.operand)};
            }
            else if constexpr (std::is_same_v<T, ast::chain>) {
                ast::chain c;
                c.first = clone_ptr(k.first);
                for (const auto& link : k.rest) c.rest.push_back({link.op, link.op_range, clone_ptr(link.operand)});
                return c;
            }
            else if constexpr (std::is_same_v<T, ast::comparison>) {
                return ast::comparison{k.op, k.op_range, clone_ptr(k.lhs), clone_ptr(k.rhs)};
            }
            else if constexpr (std::is_same_v<T, ast::call>) {
                ast::call c;
                c.callee = k.callee;
                for (const auto& a : k.args) c.args.push_back(clone(a));
                return c;
            }
            else if constexpr (std::is_same_v<T, ast::conditional>) {
                return ast::conditional{clone_ptr(k.condition), clone_ptr(k.then_value), clone_ptr(k.else_value)};
            }
            else {
                return k;
            }
        },
        e.kind);
    return out;
}

// The target of an indicator: the one `target` node of its condition.
ast::value_spec* find_target(ast::expr& e)
{
    return std::visit(
        [](auto& k) -> ast::value_spec* {
            using T = std::decay_t<decltype(k)>;
            if constexpr (std::is_same_v<T, ast::target_ref>) {
                return &k.value;
            }
            else if constexpr (std::is_same_v<T, ast::unary>) {
                return find_target(*k.operand);
            }
            else if constexpr (std::is_same_v<T, ast::chain>) {
                if (auto* t = find_target(*k.first)) return t;
                for (auto& link : k.rest) {
                    if (auto* t = find_target(*link.operand)) return t;
                }
                return nullptr;
            }
            else if constexpr (std::is_same_v<T, ast::comparison>) {
                if (auto* t = find_target(*k.lhs)) return t;
                return find_target(*k.rhs);
            }
            else if constexpr (std::is_same_v<T, ast::call>) {
                for (auto& a : k.args) {
                    if (auto* t = find_target(a)) return t;
                }
                return nullptr;
            }
            else if constexpr (std::is_same_v<T, ast::conditional>) {
                if (auto* t = find_target(*k.condition)) return t;
                if (auto* t = find_target(*k.then_value)) return t;
                return find_target(*k.else_value);
            }
            else {
                return nullptr;
            }
        },
        e.kind);
}

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
                error(s.slot.range, fmt::format("conflicting changes: {} is already set in this file", key), {{severity::note, previous, "first set here", {}}});
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
            error(e.id.range, fmt::format("there is no group '{}' to extend{}", e.id.text, hint(e.id.text, [&] { return group_names(); })));
            return;
        }
        if (e.label) g->label = std::move(*e.label);
        if (e.requires_gate) g->requires_gate = std::move(e.requires_gate);
        if (e.block) g->block = std::move(e.block);
        std::map<std::string, source_range> edited;
        for (auto& edit : e.edits) {
            const ast::name& id = std::visit(
                [](const auto& x) -> const ast::name& {
                    using T = std::decay_t<decltype(x)>;
                    if constexpr (std::is_same_v<T, ast::remove_indicator>) return x.id;
                    else return x.indicator.id;
                },
                edit);
            if (const auto it = edited.find(id.text); it != edited.end()) {
                error(id.range, fmt::format("conflicting changes: indicator '{}' is already changed in this 'extend group'", id.text), {{severity::note, it->second, "first changed here", {}}});
                continue;
            }
            edited.emplace(id.text, id.range);
            auto existing = std::find_if(g->indicators.begin(), g->indicators.end(), [&](const ast::indicator_decl& d) { return d.id.text == id.text; });
            std::vector<std::string> names;
            for (const auto& d : g->indicators) names.push_back(d.id.text);
            if (auto* add = std::get_if<ast::add_indicator>(&edit)) {
                if (existing != g->indicators.end()) {
                    error(id.range, fmt::format("indicator '{}' already exists in group '{}': write 'replace indicator' to change it", id.text, g->id.text), {{severity::note, existing->id.range, "declared here", {}}});
                    continue;
                }
                g->indicators.push_back(std::move(add->indicator));
                continue;
            }
            if (existing == g->indicators.end()) {
                error(id.range, fmt::format("there is no indicator '{}' in group '{}'{}", id.text, g->id.text, hint(id.text, [&]() -> const std::vector<std::string>& { return names; })));
                continue;
            }
            if (auto* rep = std::get_if<ast::replace_indicator>(&edit)) {
                *existing = std::move(rep->indicator);
            }
            else {
                g->indicators.erase(existing);
            }
        }
    }

    void remove(const ast::remove_group& r)
    {
        const auto it = std::find_if(m_base.items.begin(), m_base.items.end(), [&](const ast::item& i) {
            const auto* g = std::get_if<ast::group_decl>(&i);
            return g != nullptr && g->id.text == r.id.text;
        });
        if (it == m_base.items.end()) {
            error(r.id.range, fmt::format("there is no group '{}' to remove{}", r.id.text, hint(r.id.text, [&] { return group_names(); })));
            return;
        }
        m_base.items.erase(it);
    }

    std::vector<std::string> slot_names()
    {
        std::vector<std::string> out{dotted_name(slot_path{"", "", slot_kind::point_value})};
        for (auto& i : m_base.items) {
            auto* g = std::get_if<ast::group_decl>(&i);
            if (g == nullptr) continue;
            if (g->block) out.push_back(dotted_name(slot_path{g->id.text, "", slot_kind::block_points}));
            for (auto& d : g->indicators) {
                if (find_target(d.condition) != nullptr) out.push_back(dotted_name(slot_path{g->id.text, d.id.text, slot_kind::target}));
                if (d.points) out.push_back(dotted_name(slot_path{g->id.text, d.id.text, slot_kind::points}));
            }
        }
        return out;
    }

    // The settable names of the base, for why_not_settable.
    class base_names final : public settable_names {
    public:
        explicit base_names(merger& r) : m_r(r) {}
        [[nodiscard]] bool has_point_value() const override { return m_r.m_base.header.point_value.has_value(); }
        [[nodiscard]] std::optional<bool> group_is_block(std::string_view group) const override
        {
            const auto* g = m_r.find_group(group);
            if (g == nullptr) return std::nullopt;
            return g->block.has_value();
        }
        [[nodiscard]] std::optional<indicator_slots> indicator(std::string_view group, std::string_view id) const override
        {
            auto* d = m_r.find_indicator(group, id);
            if (d == nullptr) return std::nullopt;
            return indicator_slots{find_target(d->condition) != nullptr, d->points.has_value()};
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
        if (parts.size() == 1) return &*m_base.header.point_value;
        if (parts.size() == 2) return &find_group(parts[0].text)->block->points;
        auto* d = find_indicator(parts[0].text, parts[1].text);
        if (parts[2].text == "target") return find_target(d->condition);
        return &*d->points;
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
            error(s.value.range, fmt::format("a value for one year ({}) cannot be a table", name + "@" + *s.slot.year));
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

// Reads a file and the files it extends, one after the other: the chain, base first. A loop,
// not a recursion: a chain of thousands of files (generated versions) must not exhaust the
// stack.
struct loader {
    const load_options& options;
    std::vector<std::shared_ptr<const grammar::source_file>>& sources;
    grammar::diagnostics& issues;
    bool scenario;  ///< reading scenario files (else rule files)
    fs::path root_folder;

    bool load(const std::string& first, std::vector<ast::rule_file>& out)
    {
        std::vector<fs::path> chain;  // the files read so far, derived first, for the cycle message
        std::set<fs::path> in_chain;
        std::vector<ast::rule_file> derived_first;
        std::string path = first;
        source_range requested_at{};
        for (;;) {
            std::error_code ec;
            const auto canonical = fs::weakly_canonical(fs::path(path), ec);
            const auto key = ec ? fs::path(path) : canonical;
            if (in_chain.contains(key)) {
                std::string cycle;
                for (const auto& p : chain) cycle += p.filename().string() + " -> ";
                cycle += key.filename().string();
                error(requested_at, fmt::format("extends cycle: {}", cycle));
                return false;
            }
            auto file = read(path, requested_at);
            if (!file) return false;
            if (!file->header.extends) {
                // set / extend group / remove group change a base: without one they mean nothing.
                bool derived_only = false;
                for (const auto& item : file->items) {
                    const source_range* at = nullptr;
                    if (const auto* x = std::get_if<ast::set_stmt>(&item); x && !scenario) at = &x->range;
                    if (const auto* x = std::get_if<ast::extend_group>(&item)) at = &x->range;
                    if (const auto* x = std::get_if<ast::remove_group>(&item)) at = &x->range;
                    if (at != nullptr) {
                        error(*at, "this changes a base version, but the file extends none: write 'extends \"FILE\"' in the convention header");
                        derived_only = true;
                    }
                }
                if (derived_only) return false;
                derived_first.push_back(std::move(*file));
                break;
            }
            const auto ext = *file->header.extends;
            auto base_path = (fs::path(path).parent_path() / ext.value).lexically_normal();
            // Not next to the extending file: the search path (DONUM_PATH, the official files).
            if (!fs::exists(base_path, ec) && fs::path(ext.value).is_relative()) {
                for (const auto& folder : options.search_path) {
                    const auto candidate = (fs::path(folder) / ext.value).lexically_normal();
                    if (fs::is_regular_file(candidate, ec)) {
                        base_path = candidate;
                        break;
                    }
                }
            }
            if (!options.allow_outside && !allowed(base_path)) {
                error(ext.range, fmt::format("'{}' is outside the folder of the file being read: pass --allow-outside to read it", ext.value));
                return false;
            }
            chain.push_back(key);
            in_chain.insert(key);
            derived_first.push_back(std::move(*file));
            path = base_path.string();
            requested_at = ext.range;
        }
        out.insert(out.end(), std::make_move_iterator(derived_first.rbegin()), std::make_move_iterator(derived_first.rend()));
        return true;
    }

    // Reads and parses one file of the chain (`requested_at`: the `extends` that names it).
    std::optional<ast::rule_file> read(const std::string& path, const source_range& requested_at)
    {
        std::error_code ec;
        if (fs::is_directory(path, ec)) {
            error(requested_at, fmt::format("cannot read '{}': it is a folder", path));
            return std::nullopt;
        }
        // A device or a pipe may never end (/dev/zero): rule files are files.
        if (fs::exists(path, ec) && !fs::is_regular_file(path, ec)) {
            error(requested_at, fmt::format("cannot read '{}': not a regular file", path));
            return std::nullopt;
        }
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            const int why = errno;
            std::string searched;
            if (requested_at.file != nullptr && !options.search_path.empty()) {
                searched = fmt::format(" (nor in the search path: {})", fmt::join(options.search_path, ", "));
            }
            error(requested_at, fmt::format("cannot read '{}': {}{}", path, std::strerror(why), searched));
            return std::nullopt;
        }
        std::ostringstream text;
        text << in.rdbuf();
        if (in.bad()) {
            error(requested_at, fmt::format("cannot read '{}'", path));
            return std::nullopt;
        }
        auto source = std::make_shared<grammar::source_file>();
        source->name = path;
        source->text = std::move(text).str();
        sources.push_back(source);

        auto parsed = grammar::parse(*source);
        issues.insert(issues.end(), parsed.issues.begin(), parsed.issues.end());
        if (!parsed.file) return std::nullopt;
        if (parsed.file->scenario != scenario) {
            error(parsed.file->header.id.range, scenario ? fmt::format("'{}' is a rule file, not a scenario: give it as the rules, or write a scenario ('scenario NAME \"label\"' and 'set' lines)", path)
                                                         : fmt::format("'{}' is a scenario: give it with --scenario, after the rule file it applies to", path));
            return std::nullopt;
        }
        return std::move(parsed.file);
    }

    void error(const source_range& at, std::string message)
    {
        issues.push_back({severity::error, at, std::move(message), {}});
    }

    // Whether a base may be read without allow_outside: it lies in the folder of the file
    // given, or in a folder of the search path, or below.
    bool allowed(const fs::path& base) const
    {
        std::error_code ec;
        const auto canonical = fs::weakly_canonical(fs::absolute(base), ec);
        if (ec) return false;
        const auto inside = [&](const fs::path& folder) {
            const auto relative = canonical.lexically_relative(folder);
            return !relative.empty() && *relative.begin() != "..";
        };
        if (inside(root_folder)) return true;
        for (const auto& folder : options.search_path) {
            const auto root = fs::weakly_canonical(fs::absolute(fs::path(folder)), ec);
            if (!ec && inside(root)) return true;
        }
        return false;
    }
};

fs::path folder_of(const std::string& path)
{
    std::error_code ec;
    return fs::weakly_canonical(fs::absolute(fs::path(path)), ec).parent_path();
}

}  // namespace

resolve_result load_rules(const std::string& path, const load_options& options)
{
    resolve_result result;
    loader l{options, result.sources, result.issues, false, folder_of(path)};
    std::vector<ast::rule_file> chain;
    if (!l.load(path, chain)) return result;
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
    loader l{options, sources, issues, true, folder_of(path)};
    std::vector<ast::rule_file> chain;
    if (!l.load(path, chain)) return false;
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
