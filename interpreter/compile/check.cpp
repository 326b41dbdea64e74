// Pass 3 implementation. One checker object walks the resolved AST in declaration order:
// header, inputs, definitions, groups and their indicators, gates, examples, then the
// file-wide checks (unused inputs, placeholders). Problems are collected, never thrown.
#include "interpreter/compile/check.hpp"
#include "interpreter/compile/names.hpp"

#include "grammar/utf8.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

namespace donum::compile {

using exact::decimals_written;
using exact::parse_decimal;

namespace ast = grammar::ast;
using grammar::diagnostic;
using grammar::severity;
using grammar::source_range;

namespace {

bool dimensionless(value_type t) { return t == value_type::number || t == value_type::rate; }

// The result of compiling an expression.
struct typed {
    node_id id = -1;
    value_type type = value_type::number;
};

// What an expression may use where it stands.
struct scope {
    indicator_info* indicator = nullptr;  ///< set inside an indicator's condition
    std::size_t defines_visible = 0;      ///< definitions declared above
    const ast::expr* target_node = nullptr;
    bool reads_rate = false;  ///< a rate was read, directly or through a definition
};

class checker {
public:
    checker(const ast::rule_file& file, const check_options& options, grammar::diagnostics& out)
        : m_file(file), m_options(options), m_out(out)
    {
    }

    program run()
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
            if (std::holds_alternative<ast::set_stmt>(item) || std::holds_alternative<ast::extend_group>(item) || std::holds_alternative<ast::remove_group>(item)) {
                throw std::logic_error("check: derived-version statement reached the checker");
            }
        }
        unused();
        placeholders();
        return std::move(m_program);
    }

private:
    const ast::rule_file& m_file;
    const check_options& m_options;
    grammar::diagnostics& m_out;
    program m_program;
    name_suggestions m_suggestions;
    std::set<std::tuple<const grammar::source_file*, std::size_t, std::size_t>> m_unusable;  // see unusable()

    enum class name_kind { input, define };
    struct name_entry {
        name_kind kind;
        std::size_t index;
        source_range range;
    };
    std::map<std::string, name_entry, std::less<>> m_names;
    std::map<std::string, std::size_t, std::less<>> m_groups;
    std::map<std::string, source_range, std::less<>> m_indicator_ids;
    std::vector<const ast::define_decl*> m_define_decls;
    std::vector<source_range> m_reported_percentages;  ///< literals above 100 %, reported once

    // True if a percentage above 100 % inside `r` was already reported.
    bool already_reported(const source_range& r) const
    {
        return std::any_of(m_reported_percentages.begin(), m_reported_percentages.end(), [&](const source_range& p) {
            return p.file == r.file && p.begin.byte >= r.begin.byte && p.begin.byte < r.end.byte;
        });
    }

    // -- reporting ----------------------------------------------------------------------

    void error(const source_range& at, std::string message, std::vector<diagnostic> notes = {})
    {
        // An unknown name is typed as a number to go on checking; what an enclosing
        // expression then says of that operand ("'and' needs conditions") is a consequence.
        if (m_unusable.count(key(at)) != 0) return;
        m_out.push_back({severity::error, at, std::move(message), std::move(notes)});
    }
    // An error on a name that cannot be used, whose other errors are left unsaid.
    void unusable(const source_range& at, std::string message, std::vector<diagnostic> notes = {})
    {
        error(at, std::move(message), std::move(notes));
        m_unusable.insert(key(at));
    }
    static std::tuple<const grammar::source_file*, std::size_t, std::size_t> key(const source_range& at) { return {at.file, at.begin.byte, at.end.byte}; }
    void warning(const source_range& at, std::string message)
    {
        m_out.push_back({severity::warning, at, std::move(message), {}});
    }
    static diagnostic note(const source_range& at, std::string message) { return {severity::note, at, std::move(message), {}}; }

    template <typename Candidates>
    std::string did_you_mean(std::string_view name, const Candidates& candidates)
    {
        return m_suggestions.did_you_mean(name, candidates);
    }

    void label(const ast::text& t)
    {
        if (!grammar::valid_utf8(t.value)) {
            error(t.range, "this text is not valid UTF-8: save the file as UTF-8");
        }
        else if (std::any_of(t.value.begin(), t.value.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == '\x7f'; })) {
            error(t.range, "this text holds a control character (NUL, tab, escape...): labels are one line of printable text");
        }
    }

    // -- code generation ----------------------------------------------------------------

    node_id emit(code_node n)
    {
        m_program.code.push_back(std::move(n));
        return static_cast<node_id>(m_program.code.size() - 1);
    }

    node_id emit(opcode op, const source_range& at, std::vector<node_id> args = {}, std::int32_t index = -1)
    {
        code_node n;
        n.op = op;
        n.range = at;
        n.args = std::move(args);
        n.index = index;
        return emit(std::move(n));
    }

    // -- header ---------------------------------------------------------------------------

    void header()
    {
        const auto& h = m_file.header;
        for (const auto& dup : h.duplicate_items) {
            error(dup, "this header item is written twice");
        }
        m_program.id = h.id.text;
        if (h.label) {
            label(*h.label);
            m_program.label = h.label->value;
        }
        else {
            warning(h.id.range, "the convention has no label: write it after its name, e.g. convention forfait_structure \"Forfait structure\"");
            m_program.label = h.id.text;
        }
        if (h.reference) m_program.reference = h.reference->value;
        if (h.source) m_program.source_url = h.source->value;
        if (h.in_force) {
            m_program.in_force = h.in_force->value;
            date(*h.in_force);
        }
        if (!h.years || h.years->empty()) {
            error(h.id.range, "the convention header needs 'years', e.g. years 2023, 2024");
        }
        else {
            std::map<int, source_range> seen;
            for (const auto& y : *h.years) {
                const int year = std::stoi(y.digits);
                if (const auto it = seen.find(year); it != seen.end()) {
                    error(y.range, fmt::format("year {} is listed twice", year), {note(it->second, "first listed here")});
                    continue;
                }
                seen.emplace(year, y.range);
                m_program.years.push_back(year);
            }
        }
        slot pv;
        pv.name = "point_value";
        pv.what = slot::kind::point_value;
        pv.type = value_type::euro;
        if (!h.point_value) {
            error(h.id.range, "the convention header needs 'point_value', e.g. point_value 7 €");
            pv.range = h.id.range;
            pv.by_year.assign(m_program.years.size(), rational(0));
            pv.year_ranges.assign(m_program.years.size(), h.id.range);
            m_program.point_value_slot = add_slot(std::move(pv));
        }
        else {
            m_program.point_value_slot = value_slot(std::move(pv), *h.point_value);
        }
    }

    void date(const ast::text& d)
    {
        const int y = std::stoi(d.value.substr(0, 4));
        const int m = std::stoi(d.value.substr(5, 2));
        const int day = std::stoi(d.value.substr(8, 2));
        static constexpr int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        if (m < 1 || m > 12 || day < 1 || day > days[m - 1] || (m == 2 && day == 29 && !leap)) {
            error(d.range, fmt::format("{} is not a valid date", d.value));
        }
    }

    // -- slots: targets, points, point value ---------------------------------------------

    std::size_t add_slot(slot s)
    {
        m_program.slots.push_back(std::move(s));
        return m_program.slots.size() - 1;
    }

    // Evaluates a constant expression (numbers, units, + - * /, parentheses) exactly.
    std::optional<std::pair<rational, value_type>> constant(const ast::expr& e)
    {
        if (const auto* lit = std::get_if<ast::number_literal>(&e.kind)) {
            return literal(e.range, *lit);
        }
        if (const auto* u = std::get_if<ast::unary>(&e.kind); u && u->op == ast::unary_op::negate) {
            auto v = constant(*u->operand);
            if (!v) return std::nullopt;
            return std::pair{-v->first, v->second};
        }
        if (const auto* c = std::get_if<ast::chain>(&e.kind)) {
            auto acc = constant(*c->first);
            if (!acc) return std::nullopt;
            for (const auto& link : c->rest) {
                auto v = constant(*link.operand);
                if (!v) return std::nullopt;
                try {
                    switch (link.op) {
                        case ast::binary_op::add: acc->first = acc->first + v->first; break;
                        case ast::binary_op::sub: acc->first = acc->first - v->first; break;
                        case ast::binary_op::mul: acc->first = acc->first * v->first; break;
                        case ast::binary_op::div:
                            if (v->first == rational(0)) {
                                error(link.operand->range, "division by zero");
                                return std::nullopt;
                            }
                            acc->first = acc->first / v->first;
                            break;
                        default:
                            error(link.op_range, "a value here must be a number, a percentage, an amount or XX, not a condition");
                            return std::nullopt;
                    }
                }
                catch (const overflow_error&) {
                    error(e.range, "this value is too large for exact arithmetic (beyond 64 bits)");
                    return std::nullopt;
                }
                if (v->second != value_type::number) acc->second = v->second;
            }
            return acc;
        }
        if (std::holds_alternative<ast::placeholder>(e.kind)) {
            return std::nullopt;  // handled by the caller
        }
        error(e.range, "a target, points value or point value must be a constant: a number, a percentage, a fraction, an amount or XX");
        return std::nullopt;
    }

    std::optional<std::pair<rational, value_type>> literal(const source_range& at, const ast::number_literal& lit)
    {
        auto v = parse_decimal(lit.digits);
        if (!v) {
            error(at, fmt::format("the number {} is too large (beyond 64 bits)", lit.digits.size() > 40 ? lit.digits.substr(0, 20) + "…(" + std::to_string(lit.digits.size()) + " digits)" : lit.digits));
            return std::nullopt;
        }
        switch (lit.suffix) {
            case ast::unit::none: return std::pair{*v, value_type::number};
            case ast::unit::euro: return std::pair{*v, value_type::euro};
            case ast::unit::points: return std::pair{*v, value_type::points};
            case ast::unit::percent:
                if (*v > rational(100)) {
                    error(at, fmt::format("{} % is above 100 %: a rate can never reach it", lit.digits));
                    m_reported_percentages.push_back(at);
                }
                return std::pair{*v / rational(100), value_type::rate};
        }
        return std::nullopt;
    }

    // Fills a slot from a value spec: one value for every year, or a table by year.
    std::size_t value_slot(slot s, const ast::value_spec& spec)
    {
        fill_slot(s, spec);
        return add_slot(std::move(s));
    }

    void fill_slot(slot& s, const ast::value_spec& spec)
    {
        const auto n = m_program.years.size();
        s.range = spec.range;
        s.by_year.assign(n, std::nullopt);
        s.year_ranges.assign(n, spec.range);
        auto value_of = [&](const ast::expr& e) -> std::optional<rational> {
            if (std::holds_alternative<ast::placeholder>(e.kind)) return std::nullopt;
            auto v = constant(e);
            if (!v) return std::nullopt;
            slot_type(s, v->second, e.range);
            if (s.what == slot::kind::point_value && v->first <= rational(0)) {
                error(e.range, "the value of a point must be positive");
            }
            else if ((s.what == slot::kind::points || s.what == slot::kind::block_points) && v->first < rational(0)) {
                error(e.range, "points cannot be negative");
            }
            return v->first;
        };
        if (spec.single) {
            const auto v = value_of(*spec.single);
            std::fill(s.by_year.begin(), s.by_year.end(), v);
            if (!v && !std::holds_alternative<ast::placeholder>(spec.single->kind)) {
                std::fill(s.by_year.begin(), s.by_year.end(), rational(0));  // error already reported
            }
        }
        else {
            std::vector<bool> seen(n, false);
            for (const auto& entry : spec.table) {
                const int year = std::stoi(entry.year);
                const auto index = m_program.year_index(year);
                if (!index) {
                    error(entry.year_range, fmt::format("{} is not a year of this convention (years: {})", year, fmt::join(m_program.years, ", ")));
                    continue;
                }
                if (seen[*index]) {
                    error(entry.year_range, fmt::format("{} has two values in this table", year));
                    continue;
                }
                seen[*index] = true;
                s.year_ranges[*index] = entry.range;
                const auto v = value_of(*entry.value);
                s.by_year[*index] = v;
                if (!v && !std::holds_alternative<ast::placeholder>(entry.value->kind)) {
                    s.by_year[*index] = rational(0);
                }
            }
            for (std::size_t y = 0; y < n; ++y) {
                if (!seen[y]) {
                    error(spec.range, fmt::format("no value for {} in {} (years of the convention: {}); write {}: XX if it is not agreed yet", m_program.years[y], s.name, fmt::join(m_program.years, ", "), m_program.years[y]));
                    s.by_year[y] = rational(0);
                }
            }
        }
    }

    // Checks a constant's unit against what the slot holds.
    void slot_type(slot& s, value_type t, const source_range& at)
    {
        switch (s.what) {
            case slot::kind::point_value:
                if (t != value_type::euro) {
                    error(at, fmt::format("the value of a point is an amount in euros (e.g. 7 €), not {}", type_name(t)));
                }
                break;
            case slot::kind::points:
            case slot::kind::block_points:
                if (t != value_type::number && t != value_type::points) {
                    error(at, fmt::format("points are a number (e.g. 22.5), not {}", type_name(t)));
                }
                break;
            case slot::kind::target:
                if (s.type == value_type::number && t == value_type::rate) {
                    s.type = value_type::rate;
                }
                else if (s.type != t && !(dimensionless(s.type) && dimensionless(t))) {
                    s.type = t;  // reconciled with the measured side by the comparison
                }
                break;
        }
    }

    // -- declarations ---------------------------------------------------------------------

    bool declare_name(const ast::name& id, name_kind kind, std::size_t index)
    {
        if (const auto it = m_names.find(id.text); it != m_names.end()) {
            error(id.range, fmt::format("'{}' is already declared", id.text), {note(it->second.range, "previous declaration is here")});
            return false;
        }
        m_names.emplace(id.text, name_entry{kind, index, id.range});
        return true;
    }

    void input(const ast::input_decl& d)
    {
        label(d.label);
        input_info info;
        info.name = d.id.text;
        info.label = d.label.value;
        info.column = d.column ? d.column->value : d.id.text;
        info.type = d.type;
        info.range = d.id.range;
        if (d.column && d.column->value.empty()) {
            error(d.column->range, "the column name is empty");
        }
        if (declare_name(d.id, name_kind::input, m_program.inputs.size())) {
            m_program.inputs.push_back(std::move(info));
        }
    }

    // Definitions are declared first and compiled in order, so that using one declared
    // below is reported as such (and cycles cannot exist).
    void declare_define(const ast::define_decl& d)
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

    void compile_defines()
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

    void group(const ast::group_decl& g)
    {
        label(g.label);
        if (const auto it = m_groups.find(g.id.text); it != m_groups.end()) {
            error(g.id.range, fmt::format("group '{}' is already declared", g.id.text), {note(m_program.groups[it->second].range, "previous declaration is here")});
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
            slot s;
            s.name = g.id.text + ".points";
            s.what = slot::kind::block_points;
            s.type = value_type::points;
            const auto si = value_slot(std::move(s), g.block->points);
            m_program.groups[gi].block_slot = si;
            m_program.groups[gi].block_all = g.block->all;
            if (!g.block->all) {
                m_program.groups[gi].block_k = count_of(g.block->k, g.block->k_range, g.indicators.size(), g.id.text);
            }
        }
        if (g.indicators.empty()) {
            warning(g.id.range, fmt::format("group '{}' has no indicators", g.id.text));
        }
        for (const auto& d : g.indicators) {
            indicator(d, gi, g.block.has_value());
        }
    }

    std::size_t count_of(const std::string& digits, const source_range& at, std::size_t available, const std::string& group_name)
    {
        const auto k = parse_decimal(digits);
        if (!k || *k > rational(static_cast<std::int64_t>(available)) || *k < rational(1)) {
            error(at, fmt::format("'{}' must be between 1 and the number of indicators of group '{}' ({})", digits, group_name, available));
            return available;
        }
        return static_cast<std::size_t>(k->num());
    }

    void indicator(const ast::indicator_decl& d, std::size_t gi, bool paid_as_block)
    {
        label(d.label);
        const auto& group = m_program.groups[gi];
        if (const auto it = m_indicator_ids.find(d.id.text); it != m_indicator_ids.end()) {
            error(d.id.range, fmt::format("indicator '{}' is already declared (indicator names are unique in a convention)", d.id.text), {note(it->second, "previous declaration is here")});
            return;
        }
        m_indicator_ids.emplace(d.id.text, d.id.range);
        for (const auto& dup : d.duplicate_clauses) {
            error(dup, "this clause is written twice in the same indicator");
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
        auto& info = m_program.indicators[ii];
        info.condition = cond.id;
        info.reads_rate = sc.reads_rate;
        if (info.measured.empty()) {
            info.measured = compact(d.condition);  // no target: show the whole condition
        }
        if (cond.type != value_type::boolean) {
            error(d.condition.range, fmt::format("the condition of indicator '{}' must be true or false, but it is {}", d.id.text, type_name(cond.type)));
        }
        if (d.zero_denominator && !info.reads_rate) {
            warning(d.zero_denominator->range, fmt::format("indicator '{}' reads no rate: its zero_denominator policy never applies", d.id.text));
        }
        if (paid_as_block && d.points) {
            error(d.points->range, fmt::format("indicator '{}' is paid by the block of group '{}': remove its points", d.id.text, group.id));
        }
        else if (!paid_as_block && !d.points) {
            error(d.id.range, fmt::format("indicator '{}' has no points: write 'points N', or pay group '{}' as a block ('points N when all met')", d.id.text, group.id));
        }
        else if (d.points) {
            slot s;
            s.name = fmt::format("{}.{}.points", group.id, d.id.text);
            s.what = slot::kind::points;
            s.type = value_type::points;
            const auto si = value_slot(std::move(s), *d.points);
            m_program.indicators[ii].points_slot = si;
        }
        m_program.groups[gi].indicators.push_back(ii);
    }

    // -- gates ----------------------------------------------------------------------------

    std::vector<std::string> group_names() const
    {
        std::vector<std::string> out;
        for (const auto& g : m_program.groups) out.push_back(g.id);
        return out;
    }

    void gates()
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
                    error(term.group.range, fmt::format("unknown group '{}'{}", term.group.text, did_you_mean(term.group.text, [&] { return group_names(); })));
                    continue;
                }
                if (target->second == self->second) {
                    error(term.group.range, fmt::format("group '{}' cannot require itself", term.group.text));
                    continue;
                }
                gate_term_info info;
                info.quantifier = term.quantifier;
                info.group = target->second;
                info.range = term.range;
                const auto available = m_program.groups[target->second].indicators.size();
                if (term.quantifier == ast::gate_term::kind::at_least) {
                    info.k = count_of(term.k, term.range, available, term.group.text);
                }
                m_program.groups[self->second].gate.push_back(info);
            }
        }
        order_groups();
    }

    // Topological order of groups by their gates; a cycle is an error at the closing term.
    void order_groups()
    {
        const auto n = m_program.groups.size();
        std::vector<int> state(n, 0);  // 0 new, 1 on the stack, 2 done
        std::vector<std::size_t> stack;
        std::function<void(std::size_t)> visit = [&](std::size_t g) {
            state[g] = 1;
            stack.push_back(g);
            for (const auto& term : m_program.groups[g].gate) {
                if (state[term.group] == 1) {
                    std::string path;
                    const auto from = std::find(stack.begin(), stack.end(), term.group);
                    for (auto it = from; it != stack.end(); ++it) path += m_program.groups[*it].id + " requires ";
                    path += m_program.groups[term.group].id;
                    error(term.range, fmt::format("gate cycle: {}", path));
                    continue;
                }
                if (state[term.group] == 0) visit(term.group);
            }
            stack.pop_back();
            state[g] = 2;
            m_program.group_order.push_back(g);
        };
        for (std::size_t g = 0; g < n; ++g) {
            if (state[g] == 0) visit(g);
        }
    }

    // -- examples -------------------------------------------------------------------------

    void example(const ast::example_decl& x)
    {
        label(x.label);
        example_info info;
        info.label = x.label.value;
        info.range = x.label.range;
        if (x.year) {
            const int year = std::stoi(*x.year);
            const auto index = m_program.year_index(year);
            if (!index) {
                error(x.year_range, fmt::format("{} is not a year of this convention (years: {})", year, fmt::join(m_program.years, ", ")));
            }
            else {
                info.year_index = *index;
            }
        }
        else if (m_program.years.size() > 1) {
            error(x.label.range, fmt::format("the example needs 'year Y': the convention covers {}", fmt::join(m_program.years, ", ")));
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
                error(g.input.range, fmt::format("unknown input '{}'{}", g.input.text, did_you_mean(g.input.text, inputs)));
                continue;
            }
            if (!given.insert(g.input.text).second) {
                error(g.input.range, fmt::format("input '{}' is given twice", g.input.text));
                continue;
            }
            const auto& in = m_program.inputs[it->second.index];
            const auto v = parse_decimal(g.digits);
            if (!v) {
                error(g.range, fmt::format("the value of '{}' is too large (beyond 64 bits)", g.input.text));
                continue;
            }
            const auto value = g.negative ? -v->num() : v->num();
            if (in.type == ast::input_type::boolean && value != 0 && value != 1) {
                error(g.range, fmt::format("'{}' is a boolean: its value is 0 or 1", g.input.text));
            }
            else if (in.type == ast::input_type::count && value < 0) {
                error(g.range, fmt::format("'{}' is a count: it cannot be negative", g.input.text));
            }
            info.given.emplace_back(it->second.index, value);
        }
        if (const auto p = parse_decimal(x.expected_points)) info.expected_points = *p;
        else error(x.points_range, "this number is too large (beyond 64 bits)");
        if (decimals_written(x.expected_euros) > 2) {
            error(x.euros_range, "an amount in euros has at most two decimals");
        }
        if (const auto e = parse_decimal(x.expected_euros)) info.expected_euros = *e;
        else error(x.euros_range, "this number is too large (beyond 64 bits)");
        m_program.examples.push_back(std::move(info));
    }

    // A `set` inside an example: the value this example assumes for a slot of its year,
    // checked like the slot's own values.
    void assume(const ast::set_stmt& set, example_info& info)
    {
        std::string name;
        for (const auto& p : set.slot.parts) name += (name.empty() ? "" : ".") + p.text;
        const auto it = std::find_if(m_program.slots.begin(), m_program.slots.end(), [&](const slot& s) { return s.name == name; });
        if (it == m_program.slots.end()) {
            const auto names = [&] {
                std::vector<std::string> out;
                for (const auto& s : m_program.slots) out.push_back(s.name);
                return out;
            };
            error(set.slot.range, fmt::format("unknown settable name '{}'{}", name, did_you_mean(name, names)));
            return;
        }
        if (set.slot.year) {
            error(set.slot.year_range, "an example is evaluated for one year: set the value without '@YEAR'");
            return;
        }
        slot copy = *it;
        fill_slot(copy, set.value);
        const auto value = copy.by_year.at(info.year_index);
        if (!value) {
            error(set.value.range, "an example cannot assume XX: give a value");
            return;
        }
        if (copy.is_rate && (*value > rational(1) || *value < rational(0))) {
            error(set.value.range, fmt::format("target {} of {} is outside 0 %..100 %", value->to_string(), name));
            return;
        }
        info.assumed.emplace_back(static_cast<std::size_t>(it - m_program.slots.begin()), *value);
    }

    // -- file-wide checks -----------------------------------------------------------------

    void unused()
    {
        for (const auto& in : m_program.inputs) {
            if (!in.used) warning(in.range, fmt::format("input '{}' is never used", in.name));
        }
        for (const auto& d : m_program.defines) {
            if (!d.used) warning(d.range, fmt::format("definition '{}' is never used", d.name));
        }
    }

    void placeholders()
    {
        for (const auto& s : m_program.slots) {
            const auto open = static_cast<std::size_t>(std::count(s.by_year.begin(), s.by_year.end(), std::nullopt));
            if (open == 0) continue;
            const auto level = m_options.strict ? severity::error : severity::warning;
            const auto hint = m_options.strict ? "" : " (to be agreed before evaluating)";
            if (open == s.by_year.size()) {
                m_out.push_back({level, s.range, fmt::format("placeholder XX: {} is not agreed yet{}", s.name, hint), {}});
                continue;
            }
            for (std::size_t y = 0; y < s.by_year.size(); ++y) {
                if (!s.by_year[y]) {
                    m_out.push_back({level, s.year_ranges[y], fmt::format("placeholder XX: {}@{} is not agreed yet{}", s.name, m_program.years[y], hint), {}});
                }
            }
        }
    }

    // -- expressions ----------------------------------------------------------------------

    typed compile(const ast::expr& e, scope& sc)
    {
        return std::visit([&](const auto& k) { return compile_kind(e, k, sc); }, e.kind);
    }

    typed compile_kind(const ast::expr& e, const ast::number_literal& lit, scope& /*sc*/)
    {
        const auto v = literal(e.range, lit);
        code_node n;
        n.op = opcode::constant;
        n.range = e.range;
        n.value = v ? v->first : rational(0);
        return {emit(std::move(n)), v ? v->second : value_type::number};
    }

    typed compile_kind(const ast::expr& e, const ast::placeholder& /*p*/, scope& /*sc*/)
    {
        error(e.range, "XX (not agreed yet) can only be the value of a target, a points value or the point value");
        return {emit(opcode::constant, e.range), value_type::number};
    }

    typed compile_kind(const ast::expr& e, const ast::year_ref& /*y*/, scope& /*sc*/)
    {
        return {emit(opcode::year, e.range), value_type::number};
    }

    typed compile_kind(const ast::expr& e, const ast::name_ref& ref, scope& sc)
    {
        const auto it = m_names.find(ref.text);
        if (it == m_names.end()) {
            const auto candidates = [&] {
                std::vector<std::string> names;
                for (const auto& [name, entry] : m_names) names.push_back(name);
                return names;
            };
            std::string hint = did_you_mean(ref.text, candidates);
            if (m_groups.count(ref.text) != 0) hint = " (it is a group: gates are written 'requires all of GROUP')";
            if (m_indicator_ids.count(ref.text) != 0) hint = " (it is an indicator: indicators cannot be read by expressions)";
            unusable(e.range, fmt::format("unknown name '{}'{}", ref.text, hint));
            return {emit(opcode::constant, e.range), value_type::number};
        }
        const auto& entry = it->second;
        if (entry.kind == name_kind::input) {
            auto& in = m_program.inputs[entry.index];
            in.used = true;
            return {emit(opcode::input, e.range, {}, static_cast<std::int32_t>(entry.index)), in.type == ast::input_type::boolean ? value_type::boolean : value_type::number};
        }
        if (entry.index == sc.defines_visible) {
            // Inside its own definition: definitions are computed once, in order.
            unusable(e.range, fmt::format("'{}' refers to itself: a definition cannot use its own value", ref.text));
            return {emit(opcode::constant, e.range), value_type::number};
        }
        if (entry.index > sc.defines_visible) {
            unusable(e.range, fmt::format("'{}' is defined below: a definition can only use inputs and definitions above it", ref.text), {note(entry.range, "defined here")});
            return {emit(opcode::constant, e.range), value_type::number};
        }
        auto& def = m_program.defines[entry.index];
        def.used = true;
        sc.reads_rate = sc.reads_rate || def.reads_rate;
        return {emit(opcode::define, e.range, {}, static_cast<std::int32_t>(entry.index)), def.type};
    }

    typed compile_kind(const ast::expr& e, const ast::target_ref& t, scope& sc)
    {
        if (sc.indicator == nullptr) {
            error(e.range, "'target' can only appear in an indicator's condition");
            return {emit(opcode::constant, e.range), value_type::number};
        }
        if (sc.target_node != nullptr) {
            error(e.range, "an indicator has one target: this is the second", {note(sc.target_node->range, "first target is here")});
            return {emit(opcode::constant, e.range), value_type::number};
        }
        sc.target_node = &e;
        slot s;
        s.name = fmt::format("{}.{}.target", m_program.groups[sc.indicator->group].id, sc.indicator->id);
        s.what = slot::kind::target;
        s.type = value_type::number;
        const auto si = value_slot(std::move(s), t.value);
        sc.indicator->target_slot = si;
        return {emit(opcode::slot, e.range, {}, static_cast<std::int32_t>(si)), m_program.slots[si].type};
    }

    typed compile_kind(const ast::expr& e, const ast::unary& u, scope& sc)
    {
        const auto operand = compile(*u.operand, sc);
        if (u.op == ast::unary_op::logical_not) {
            if (operand.type != value_type::boolean) {
                error(u.operand->range, fmt::format("'not' needs a condition, but this is {}", type_name(operand.type)));
            }
            return {emit(opcode::logical_not, e.range, {operand.id}), value_type::boolean};
        }
        if (operand.type == value_type::boolean) {
            error(u.operand->range, "a boolean cannot be negated with '-': use 'not'");
        }
        return {emit(opcode::negate, e.range, {operand.id}), operand.type};
    }

    typed compile_kind(const ast::expr& e, const ast::chain& c, scope& sc)
    {
        auto acc = compile(*c.first, sc);
        const auto first_op = c.rest.front().op;
        const bool logical = first_op == ast::binary_op::logical_and || first_op == ast::binary_op::logical_or;
        if (logical) {
            std::vector<node_id> args{acc.id};
            if (acc.type != value_type::boolean) {
                error(c.first->range, fmt::format("'{}' needs conditions, but this is {}", first_op == ast::binary_op::logical_and ? "and" : "or", type_name(acc.type)));
            }
            for (const auto& link : c.rest) {
                const auto v = compile(*link.operand, sc);
                if (v.type != value_type::boolean) {
                    error(link.operand->range, fmt::format("'{}' needs conditions, but this is {}", first_op == ast::binary_op::logical_and ? "and" : "or", type_name(v.type)));
                }
                args.push_back(v.id);
            }
            return {emit(first_op == ast::binary_op::logical_and ? opcode::logical_and : opcode::logical_or, e.range, std::move(args)), value_type::boolean};
        }
        // Arithmetic stays flat whatever the length of the chain, so that evaluating a
        // 100,000-term sum does not recurse 100,000 times: a - b + c is add(a, -b, c) and
        // a * b / c / d is div(mul(a, b), mul(c, d)).
        std::vector<node_id> plus{acc.id};
        std::vector<node_id> over;
        const bool additive = first_op == ast::binary_op::add || first_op == ast::binary_op::sub;
        for (const auto& link : c.rest) {
            const auto rhs = compile(*link.operand, sc);
            acc.type = arithmetic_type(link.op, acc.type, rhs.type, link.op_range);
            if (link.op == ast::binary_op::sub) plus.push_back(emit(opcode::negate, link.operand->range, {rhs.id}));
            else if (link.op == ast::binary_op::div) over.push_back(rhs.id);
            else plus.push_back(rhs.id);
        }
        if (additive) {
            return {emit(opcode::add, e.range, std::move(plus)), acc.type};
        }
        if (!over.empty()) {
            sc.reads_rate = true;  // a division by a zero value is undefined, like a rate
        }
        auto numerator = plus.size() == 1 ? plus.front() : emit(opcode::mul, e.range, std::move(plus));
        if (over.empty()) {
            return {numerator, acc.type};
        }
        const auto denominator = over.size() == 1 ? over.front() : emit(opcode::mul, e.range, std::move(over));
        return {emit(opcode::div, e.range, {numerator, denominator}), acc.type};
    }

    value_type arithmetic_type(ast::binary_op op, value_type a, value_type b, const source_range& at)
    {
        const char* symbol = op == ast::binary_op::add ? "+" : op == ast::binary_op::sub ? "-" : op == ast::binary_op::mul ? "*" : "/";
        if (a == value_type::boolean || b == value_type::boolean) {
            error(at, fmt::format("'{}' needs numbers, but one side is a boolean", symbol));
            return value_type::number;
        }
        if (op == ast::binary_op::add || op == ast::binary_op::sub) {
            if (dimensionless(a) && dimensionless(b)) return a == value_type::rate || b == value_type::rate ? value_type::rate : value_type::number;
            if (a == b) return a;
            error(at, fmt::format("cannot {} {} and {}", op == ast::binary_op::add ? "add" : "subtract", type_name(a), type_name(b)));
            return a;
        }
        if (op == ast::binary_op::mul) {
            if (dimensionless(a) && dimensionless(b)) return a == value_type::rate || b == value_type::rate ? value_type::rate : value_type::number;
            if (dimensionless(a)) return b;
            if (dimensionless(b)) return a;
            if ((a == value_type::points && b == value_type::euro) || (a == value_type::euro && b == value_type::points)) return value_type::euro;
            error(at, fmt::format("cannot multiply {} by {}", type_name(a), type_name(b)));
            return a;
        }
        if (dimensionless(b)) return a == value_type::rate && b == value_type::rate ? value_type::number : a;
        if (a == b) return value_type::number;
        error(at, fmt::format("cannot divide {} by {}", type_name(a), type_name(b)));
        return a;
    }

    typed compile_kind(const ast::expr& e, const ast::comparison& c, scope& sc)
    {
        const auto lhs = compile(*c.lhs, sc);
        const auto rhs = compile(*c.rhs, sc);
        const bool equality = c.op == ast::binary_op::eq || c.op == ast::binary_op::ne;
        const bool compatible = (dimensionless(lhs.type) && dimensionless(rhs.type)) || (lhs.type == rhs.type && (lhs.type != value_type::boolean || equality));
        if (!compatible) {
            if (lhs.type == value_type::boolean && rhs.type == value_type::boolean) {
                error(c.op_range, "booleans can only be compared with = or !=");
            }
            else {
                error(c.op_range, fmt::format("cannot compare {} with {}", type_name(lhs.type), type_name(rhs.type)));
            }
        }
        // A target takes its meaning from the side it is compared with.
        const ast::expr* other = nullptr;
        const typed* measured = nullptr;
        if (std::holds_alternative<ast::target_ref>(c.rhs->kind)) {
            other = c.lhs.get();
            measured = &lhs;
        }
        else if (std::holds_alternative<ast::target_ref>(c.lhs->kind)) {
            other = c.rhs.get();
            measured = &rhs;
        }
        if (measured != nullptr && sc.indicator != nullptr && sc.indicator->target_slot) {
            auto& s = m_program.slots[*sc.indicator->target_slot];
            if (measured->type == value_type::rate) {
                s.is_rate = true;
                s.type = value_type::rate;
                for (std::size_t y = 0; y < s.by_year.size(); ++y) {
                    const bool same_text_as_before = y > 0 && s.year_ranges[y].begin.byte == s.year_ranges[y - 1].begin.byte;
                    if (!same_text_as_before && !already_reported(s.year_ranges[y]) && s.by_year[y] && (*s.by_year[y] > rational(1) || *s.by_year[y] < rational(0))) {
                        error(s.year_ranges[y], fmt::format("target {} of {} is outside 0 %..100 %: a rate can never reach it", s.by_year[y]->to_string(), s.name));
                    }
                }
            }
            else if (compatible) {
                s.type = measured->type;
            }
            sc.indicator->comparator = std::string(comparator_text(c.op));
            sc.indicator->measured = compact(*other);
            sc.indicator->measured_node = measured->id;
            if (other != c.lhs.get()) {
                sc.indicator->comparator = std::string(comparator_text(mirror(c.op)));
            }
        }
        static constexpr opcode ops[] = {opcode::gt, opcode::ge, opcode::lt, opcode::le, opcode::eq, opcode::ne};
        const auto index = c.op == ast::binary_op::gt ? 0 : c.op == ast::binary_op::ge ? 1 : c.op == ast::binary_op::lt ? 2 : c.op == ast::binary_op::le ? 3 : c.op == ast::binary_op::eq ? 4 : 5;
        return {emit(ops[index], e.range, {lhs.id, rhs.id}), value_type::boolean};
    }

    static ast::binary_op mirror(ast::binary_op op)
    {
        switch (op) {
            case ast::binary_op::gt: return ast::binary_op::lt;
            case ast::binary_op::lt: return ast::binary_op::gt;
            case ast::binary_op::ge: return ast::binary_op::le;
            case ast::binary_op::le: return ast::binary_op::ge;
            default: return op;
        }
    }

    static std::string_view comparator_text(ast::binary_op op)
    {
        switch (op) {
            case ast::binary_op::gt: return ">";
            case ast::binary_op::ge: return ">=";
            case ast::binary_op::lt: return "<";
            case ast::binary_op::le: return "<=";
            case ast::binary_op::eq: return "=";
            default: return "!=";
        }
    }

    // The source text of an expression with its white space collapsed.
    static std::string compact(const ast::expr& e)
    {
        const auto& r = e.range;
        if (r.file == nullptr || r.end.byte <= r.begin.byte) return {};
        const auto raw = std::string_view(r.file->text).substr(r.begin.byte, r.end.byte - r.begin.byte);
        std::string out;
        bool space = false;
        for (const char ch : raw) {
            if (ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t') {
                space = true;
                continue;
            }
            if (space && !out.empty()) out += ' ';
            space = false;
            out += ch;
        }
        return out;
    }

    typed compile_kind(const ast::expr& e, const ast::call& c, scope& sc)
    {
        static const std::vector<std::string> functions{"rate", "mean", "min", "max"};
        const auto& fn = c.callee.text;
        std::vector<typed> args;
        for (const auto& a : c.args) args.push_back(compile(a, sc));
        std::vector<node_id> ids;
        for (const auto& a : args) ids.push_back(a.id);
        if (fn == "rate") {
            if (args.size() != 2) {
                error(e.range, fmt::format("rate(numerator, denominator) takes 2 arguments, not {}", args.size()));
                return {emit(opcode::constant, e.range), value_type::rate};
            }
            for (std::size_t i = 0; i < 2; ++i) {
                if (args[i].type != value_type::number) {
                    error(c.args[i].range, fmt::format("the {} of a rate must be a count, not {}", i == 0 ? "numerator" : "denominator", type_name(args[i].type)));
                }
            }
            sc.reads_rate = true;
            return {emit(opcode::rate, e.range, std::move(ids)), value_type::rate};
        }
        if (fn == "mean" || fn == "min" || fn == "max") {
            if (args.empty()) {
                error(e.range, fmt::format("{}() needs at least one argument", fn));
                return {emit(opcode::constant, e.range), value_type::number};
            }
            auto type = args.front().type;
            for (std::size_t i = 0; i < args.size(); ++i) {
                const auto t = args[i].type;
                if (t == value_type::boolean) {
                    error(c.args[i].range, fmt::format("{}() needs numbers, not a boolean", fn));
                }
                else if (dimensionless(t) && dimensionless(type)) {
                    if (t == value_type::rate) type = value_type::rate;
                }
                else if (t != type) {
                    error(c.args[i].range, fmt::format("{}() mixes {} and {}", fn, type_name(type), type_name(t)));
                }
            }
            const auto op = fn == "mean" ? opcode::mean : fn == "min" ? opcode::min : opcode::max;
            return {emit(op, e.range, std::move(ids)), type};
        }
        error(c.callee.range, fmt::format("unknown function '{}'{}; the functions are rate, mean, min and max", fn, did_you_mean(fn, [&] { return functions; })));
        return {emit(opcode::constant, e.range), value_type::number};
    }

    typed compile_kind(const ast::expr& e, const ast::conditional& c, scope& sc)
    {
        const auto cond = compile(*c.condition, sc);
        const auto a = compile(*c.then_value, sc);
        const auto b = compile(*c.else_value, sc);
        if (cond.type != value_type::boolean) {
            error(c.condition->range, fmt::format("the condition of 'if' must be true or false, but it is {}", type_name(cond.type)));
        }
        auto type = a.type;
        if (dimensionless(a.type) && dimensionless(b.type)) {
            type = a.type == value_type::rate || b.type == value_type::rate ? value_type::rate : value_type::number;
        }
        else if (a.type != b.type) {
            error(c.else_value->range, fmt::format("both branches of 'if' must have the same kind of value: {} and {}", type_name(a.type), type_name(b.type)));
        }
        return {emit(opcode::conditional, e.range, {cond.id, a.id, b.id}), type};
    }
};

}  // namespace

check_result check(const grammar::ast::rule_file& file, const check_options& options)
{
    check_result result;
    auto checked = checker(file, options, result.issues).run();
    if (!grammar::has_errors(result.issues)) {
        result.checked = std::move(checked);
    }
    return result;
}

}  // namespace donum::compile
