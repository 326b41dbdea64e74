// Pass 3 implementation: the walk. One checker object goes through the resolved AST in
// declaration order: header, inputs, definitions, groups and their indicators, gates,
// examples (check_example.cpp), then the file-wide checks (unused inputs, placeholders). Problems are
// collected, never thrown. Expressions are checked in check_expr.cpp, values of slots
// folded in constant.cpp (see checker.hpp).
#include "interpreter/compile/check.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

#include <fmt/format.h>

#include "grammar/utf8.hpp"
#include "interpreter/compile/checker.hpp"
#include "interpreter/messages/messages.hpp"

namespace donum::compile {

using exact::parse_decimal;
using messages::tr;
using messages::trf;

namespace ast = grammar::ast;
using grammar::diagnostic;
using grammar::severity;
using grammar::source_range;

namespace internal {

program checker::run()
{
    header();
    for (const auto& item : m_file.items) {
        if (const auto* i = std::get_if<ast::input_decl>(&item)) input(*i);
    }
    for (const auto& item : m_file.items) {
        if (const auto* d = std::get_if<ast::define_decl>(&item)) declare_define(*d);
    }
    compile_defines();
    for (const auto& item : m_file.items) {
        if (const auto* g = std::get_if<ast::group_decl>(&item)) group(*g);
    }
    gates();
    for (const auto& item : m_file.items) {
        if (const auto* x = std::get_if<ast::example_decl>(&item)) example(*x);
        // Derived-version statements are consumed by the resolver; one left here means
        // the file was not resolved, which is a bug of the caller.
        if (std::holds_alternative<ast::set_stmt>(item) || std::holds_alternative<ast::extend_group>(item) || std::holds_alternative<ast::remove_group>(item) ||
            std::holds_alternative<ast::remove_input>(item)) {
            throw std::logic_error("check: derived-version statement reached the checker");
        }
    }
    unused();
    placeholders();
    return std::move(m_program);
}

// -- reporting ---------------------------------------------------------------------------

void checker::error(const source_range& at, std::string message, std::vector<diagnostic> notes)
{
    // An unknown name is typed as a number to go on checking; what an enclosing
    // expression then says of that operand ("'and' needs conditions") is a consequence.
    if (m_unusable.count({at.file, at.begin.byte, at.end.byte}) != 0) return;
    m_out.push_back({severity::error, at, std::move(message), std::move(notes)});
}

// An error on a name that cannot be used, whose other errors are left unsaid.
void checker::unusable(const source_range& at, std::string message, std::vector<diagnostic> notes)
{
    error(at, std::move(message), std::move(notes));
    m_unusable.insert({at.file, at.begin.byte, at.end.byte});
}

void checker::warning(const source_range& at, std::string message)
{
    m_out.push_back({severity::warning, at, std::move(message), {}});
}

grammar::diagnostic checker::note(const source_range& at, std::string message) { return {severity::note, at, std::move(message), {}}; }

void checker::label(const ast::text& t)
{
    if (!grammar::valid_utf8(t.value)) {
        error(t.range, tr("this text is not valid UTF-8: save the file as UTF-8"));
    }
    else if (std::any_of(t.value.begin(), t.value.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == '\x7f'; })) {
        error(t.range, tr("this text holds a control character (NUL, tab, escape...): labels are one line of printable text"));
    }
}

// -- header ------------------------------------------------------------------------------

void checker::header()
{
    const auto& h = m_file.header;
    for (const auto& dup : h.duplicate_items) {
        error(dup, tr("this header item is written twice"));
    }
    m_program.id = h.id.text;
    if (h.label) {
        label(*h.label);
        m_program.label = h.label->value;
    }
    else {
        warning(h.id.range, tr("the convention has no label: write it after its name, e.g. convention forfait_structure \"Forfait structure\""));
        m_program.label = h.id.text;
    }
    if (h.reference) m_program.reference = h.reference->value;
    if (h.source) m_program.source_url = h.source->value;
    if (h.in_force) {
        m_program.in_force = h.in_force->value;
        date(*h.in_force);
    }
    if (!h.years || h.years->empty()) {
        error(h.id.range, tr("the convention header needs 'years', e.g. years 2023, 2024"));
    }
    else {
        std::map<int, source_range> seen;
        for (const auto& y : *h.years) {
            const int year = std::stoi(y.digits);
            if (const auto it = seen.find(year); it != seen.end()) {
                error(y.range, trf("year {} is listed twice", year), {note(it->second, tr("first listed here"))});
                continue;
            }
            seen.emplace(year, y.range);
            m_program.years.push_back(year);
        }
    }
    auto pv = slot_at({"", "", slot_kind::point_value}, std::nullopt, value_type::euro);
    if (!h.point_value) {
        error(h.id.range, tr("the convention header needs 'point_value', e.g. point_value 7 €"));
        pv.range = h.id.range;
        pv.by_year.assign(m_program.years.size(), rational(0));
        pv.year_ranges.assign(m_program.years.size(), h.id.range);
        m_program.point_value_slot = add_slot(std::move(pv));
    }
    else {
        m_program.point_value_slot = value_slot(std::move(pv), *h.point_value);
    }
    if (h.cap) m_program.cap_slot = value_slot(slot_at({"", "", slot_kind::cap}, std::nullopt, value_type::points), *h.cap);
}

void checker::date(const ast::text& d)
{
    const int y = std::stoi(d.value.substr(0, 4));
    const int m = std::stoi(d.value.substr(5, 2));
    const int day = std::stoi(d.value.substr(8, 2));
    static constexpr int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (m < 1 || m > 12 || day < 1 || day > days[m - 1] || (m == 2 && day == 29 && !leap)) {
        error(d.range, trf("{} is not a valid date", d.value));
    }
}

// -- slots: targets, points, point value ---------------------------------------------

slot checker::slot_at(slot_path path, std::optional<std::size_t> owner, value_type type)
{
    slot s;
    s.name = dotted_name(path);
    s.path = std::move(path);
    s.owner = owner;
    s.type = type;
    return s;
}

std::size_t checker::add_slot(slot s)
{
    const auto index = m_program.slots.size();
    m_program.slot_by_name.emplace(s.name, index);
    m_program.slots.push_back(std::move(s));
    return index;
}

// Fills a slot from a value spec: one value for every year, or a table by year.
std::size_t checker::value_slot(slot s, const ast::value_spec& spec)
{
    m_constants.fill(s, spec, m_program.years);
    return add_slot(std::move(s));
}

// -- declarations ---------------------------------------------------------------------

bool checker::declare_name(const ast::name& id, name_kind kind, std::size_t index)
{
    if (const auto it = m_names.find(id.text); it != m_names.end()) {
        error(id.range, trf("'{}' is already declared", id.text), {note(it->second.range, tr("previous declaration is here"))});
        return false;
    }
    m_names.emplace(id.text, name_entry{kind, index, id.range});
    return true;
}

void checker::input(const ast::input_decl& d)
{
    label(d.label);
    input_info info;
    info.name = d.id.text;
    info.label = d.label.value;
    info.column = d.column ? d.column->value : d.id.text;
    info.type = d.type;
    info.range = d.id.range;
    if (d.column && d.column->value.empty()) {
        error(d.column->range, tr("the column name is empty"));
    }
    if (declare_name(d.id, name_kind::input, m_program.inputs.size())) {
        m_program.inputs.push_back(std::move(info));
    }
}

// Definitions are declared first and compiled in order, so that using one declared
// below is reported as such (and cycles cannot exist).
void checker::declare_define(const ast::define_decl& d)
{
    if (d.label) label(*d.label);
    define_info info;
    info.name = d.id.text;
    info.label = d.label ? d.label->value : std::string();
    info.range = d.id.range;
    if (declare_name(d.id, name_kind::define, m_program.defines.size())) {
        m_define_decls.push_back(&d);
        m_program.defines.push_back(std::move(info));
    }
}

void checker::compile_defines()
{
    for (std::size_t i = 0; i < m_define_decls.size(); ++i) {
        scope sc;
        sc.defines_visible = i;
        const auto value = compile(m_define_decls[i]->value, sc);
        auto& info = m_program.defines[i];
        info.root = value.id;
        info.type = value.type;
        info.reads_rate = sc.reads_rate;
    }
}

void checker::group(const ast::group_decl& g)
{
    label(g.label);
    if (const auto it = m_groups.find(g.id.text); it != m_groups.end()) {
        error(g.id.range, trf("group '{}' is already declared", g.id.text), {note(m_program.groups[it->second].range, tr("previous declaration is here"))});
        return;
    }
    const auto gi = m_program.groups.size();
    m_groups.emplace(g.id.text, gi);
    group_info info;
    info.id = g.id.text;
    info.label = g.label.value;
    info.range = g.id.range;
    m_program.groups.push_back(std::move(info));

    if (g.block) {
        const auto si = value_slot(slot_at({g.id.text, "", slot_kind::block_points}, gi, value_type::points), g.block->points);
        m_program.groups[gi].block_slot = si;
        m_program.groups[gi].block_all = g.block->all;
        if (!g.block->all) {
            m_program.groups[gi].block_k = count_of(g.block->k, g.block->k_range, g.indicators.size(), g.id.text);
        }
    }
    if (g.cap) m_program.groups[gi].cap_slot = value_slot(slot_at({g.id.text, "", slot_kind::cap}, gi, value_type::points), *g.cap);
    if (g.indicators.empty()) {
        warning(g.id.range, trf("group '{}' has no indicators", g.id.text));
    }
    for (const auto& d : g.indicators) {
        indicator(d, gi, g.block.has_value());
    }
}

std::size_t checker::count_of(const std::string& digits, const source_range& at, std::size_t available, const std::string& group_name)
{
    const auto k = parse_decimal(digits);
    if (!k || *k > rational(static_cast<std::int64_t>(available)) || *k < rational(1)) {
        error(at, trf("'{}' must be between 1 and the number of indicators of group '{}' ({})", digits, group_name, available));
        return available;
    }
    return static_cast<std::size_t>(k->num());
}

void checker::indicator(const ast::indicator_decl& d, std::size_t gi, bool paid_as_block)
{
    label(d.label);
    const auto& group = m_program.groups[gi];
    if (const auto it = m_indicator_ids.find(d.id.text); it != m_indicator_ids.end()) {
        error(d.id.range, trf("indicator '{}' is already declared (indicator names are unique in a convention)", d.id.text), {note(it->second, tr("previous declaration is here"))});
        return;
    }
    m_indicator_ids.emplace(d.id.text, d.id.range);
    for (const auto& dup : d.duplicate_clauses) {
        error(dup, tr("this clause is written twice in the same indicator"));
    }
    const auto ii = m_program.indicators.size();
    m_program.indicators.emplace_back();
    {
        auto& info = m_program.indicators.back();
        info.id = d.id.text;
        info.label = d.label.value;
        info.group = gi;
        info.status = d.status;
        info.range = d.id.range;
        if (d.zero_denominator) {
            info.zero_policy = d.zero_denominator->policy;
            info.zero_policy_written = true;
        }
    }
    scope sc;
    sc.indicator = &m_program.indicators[ii];
    sc.defines_visible = m_program.defines.size();
    const auto cond = compile(d.condition, sc);
    if (sc.indicator->target_slot && !sc.target_typed) {
        type_target(sc, sc.target_written);  // a target no comparison reads directly
    }
    auto& info = m_program.indicators[ii];
    info.condition = cond.id;
    info.reads_rate = sc.reads_rate;
    if (info.measured.empty()) {
        info.measured = compact(d.condition);  // no target: show the whole condition
    }
    if (cond.type != value_type::boolean) {
        error(d.condition.range, trf("the condition of indicator '{}' must be true or false, but it is {}", d.id.text, type_name(cond.type)));
    }
    if (d.zero_denominator && !info.reads_rate) {
        warning(d.zero_denominator->range, trf("indicator '{}' reads no rate: its zero_denominator policy never applies", d.id.text));
    }
    if (paid_as_block && d.points) {
        error(d.points->range, trf("indicator '{}' is paid by the block of group '{}': remove its points", d.id.text, group.id));
    }
    else if (!paid_as_block && !d.points && d.levels.empty()) {  // levels without points: computed_payment says so
        error(d.id.range, trf("indicator '{}' has no points: write 'points N', or pay group '{}' as a block ('points N when all met')", d.id.text, group.id));
    }
    else if (d.points) {
        const auto si = value_slot(slot_at({group.id, d.id.text, slot_kind::points}, ii, value_type::points), *d.points);
        m_program.indicators[ii].points_slot = si;
    }
    computed_payment(d, ii, paid_as_block);
    m_program.groups[gi].indicators.push_back(ii);
}

// -- gates ----------------------------------------------------------------------------

std::vector<std::string> checker::group_names() const
{
    std::vector<std::string> out;
    for (const auto& g : m_program.groups) out.push_back(g.id);
    return out;
}

void checker::gates()
{
    for (const auto& item : m_file.items) {
        const auto* g = std::get_if<ast::group_decl>(&item);
        if (g == nullptr || !g->requires_gate) continue;
        const auto self = m_groups.find(g->id.text);
        if (self == m_groups.end() || m_program.groups[self->second].range.begin.byte != g->id.range.begin.byte ||
            m_program.groups[self->second].range.file != g->id.range.file) {
            continue;  // a duplicate group, already reported
        }
        for (const auto& term : g->requires_gate->terms) {
            const auto target = m_groups.find(term.group.text);
            if (target == m_groups.end()) {
                error(term.group.range, trf("unknown group '{}'{}", term.group.text, did_you_mean(term.group.text, [&] { return group_names(); })));
                continue;
            }
            if (target->second == self->second) {
                error(term.group.range, trf("group '{}' cannot require itself", term.group.text));
                continue;
            }
            gate_term_info info;
            info.quantifier = term.quantifier;
            info.group = target->second;
            info.range = term.range;
            const auto& other = m_program.groups[target->second];
            const auto available = other.indicators.size();
            if (term.quantifier == ast::gate_term::kind::at_least) {
                info.k = count_of(term.k, term.range, available, term.group.text);
            }
            if (term.quantifier == ast::gate_term::kind::paid && !other.block_slot) {
                error(term.range, trf("group '{}' is paid indicator by indicator, not as a block: its gate reads 'all of {}', 'any of {}' or 'at least K of {}'", other.id, other.id, other.id, other.id));
                continue;
            }
            m_program.groups[self->second].gate.push_back(info);
        }
        gate_follows_block(m_program.groups[self->second]);
    }
    order_groups();
}

// A gate on a group paid as a block that counts its indicators otherwise than its block
// does: volet 2 "requires all of volet1" while volet 1 pays "when at least 3 met" leaves a
// physician paid for volet 1 without volet 2. Legal, but rarely meant: a warning says how to
// follow the payment. Terms on the same group add up (`at least 2 of g and any of g` needs 2).
void checker::gate_follows_block(const group_info& g)
{
    for (std::size_t t = 0; t < g.gate.size(); ++t) {
        const auto& other = m_program.groups[g.gate[t].group];
        if (!other.block_slot) continue;
        const auto n = other.indicators.size();
        std::size_t gate_needs = 0;
        bool first = true;
        bool follows_payment = false;
        for (std::size_t u = 0; u < g.gate.size(); ++u) {
            const auto& term = g.gate[u];
            if (term.group != g.gate[t].group) continue;
            if (u < t) first = false;
            if (term.quantifier == ast::gate_term::kind::paid) follows_payment = true;
            const std::size_t needs = term.quantifier == ast::gate_term::kind::all ? n : term.quantifier == ast::gate_term::kind::any ? 1 : term.k;
            gate_needs = std::max(gate_needs, needs);
        }
        const std::size_t block_needs = other.block_all ? n : other.block_k;
        if (!first || follows_payment || gate_needs == block_needs) continue;
        const auto count = [n](std::size_t k) { return k == n ? std::string(tr("all")) : std::to_string(k); };
        warning(g.gate[t].range, trf("this gate needs {} of the indicators of group '{}' met, but '{}' pays its block when {} are: write 'payment of {}' to follow its payment",
                                             count(gate_needs), other.id, other.id, count(block_needs), other.id));
    }
}

// Topological order of groups by their gates; a cycle is an error at the closing term. A
// depth-first search with its own stack, not a recursion: a generated file may chain
// thousands of groups, each requiring the one before.
void checker::order_groups()
{
    const auto n = m_program.groups.size();
    std::vector<int> state(n, 0);  // 0 new, 1 on the stack, 2 done
    std::vector<std::size_t> stack;  // the groups being visited, outermost first
    std::vector<std::size_t> next;   // for each of them, the next gate term to follow
    const auto enter = [&](std::size_t g) {
        state[g] = 1;
        stack.push_back(g);
        next.push_back(0);
    };
    for (std::size_t root = 0; root < n; ++root) {
        if (state[root] != 0) continue;
        enter(root);
        while (!stack.empty()) {
            const auto g = stack.back();
            const auto& gate = m_program.groups[g].gate;
            if (next.back() == gate.size()) {
                stack.pop_back();
                next.pop_back();
                state[g] = 2;
                m_program.group_order.push_back(g);
                continue;
            }
            const auto& term = gate[next.back()++];
            if (state[term.group] == 1) {
                std::string path;
                const auto from = std::find(stack.begin(), stack.end(), term.group);
                for (auto it = from; it != stack.end(); ++it) path += m_program.groups[*it].id + " requires ";
                path += m_program.groups[term.group].id;
                error(term.range, trf("gate cycle: {}", path));
                continue;
            }
            if (state[term.group] == 0) enter(term.group);
        }
    }
}

// -- file-wide checks -----------------------------------------------------------------

void checker::unused()
{
    for (const auto& in : m_program.inputs) {
        if (!in.used) warning(in.range, trf("input '{}' is never used", in.name));
    }
    for (const auto& d : m_program.defines) {
        if (!d.used) warning(d.range, trf("definition '{}' is never used", d.name));
    }
}

void checker::placeholders()
{
    for (const auto& s : m_program.slots) {
        const auto open = static_cast<std::size_t>(std::count(s.by_year.begin(), s.by_year.end(), std::nullopt));
        if (open == 0) continue;
        const auto level = m_options.strict ? severity::error : severity::warning;
        const auto hint = m_options.strict ? "" : tr(" (to be agreed before evaluating)");
        if (open == s.by_year.size()) {
            m_out.push_back({level, s.range, trf("placeholder XX: {} is not agreed yet{}", s.name, hint), {}});
            continue;
        }
        for (std::size_t y = 0; y < s.by_year.size(); ++y) {
            if (!s.by_year[y]) {
                m_out.push_back({level, s.year_ranges[y], trf("placeholder XX: {}@{} is not agreed yet{}", s.name, m_program.years[y], hint), {}});
            }
        }
    }
}

}  // namespace internal

check_result check(const grammar::ast::rule_file& file, const check_options& options)
{
    check_result result;
    auto checked = internal::checker(file, options, result.issues).run();
    if (!grammar::has_errors(result.issues)) {
        result.checked = std::move(checked);
    }
    return result;
}

}  // namespace donum::compile
