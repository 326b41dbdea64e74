#include "interpreter/tooling/workspace.hpp"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "grammar/parser.hpp"
#include "interpreter/tooling/hover.hpp"

namespace donum::tooling {

namespace fs = std::filesystem;
namespace ast = grammar::ast;

namespace {

std::string canonical(const std::string& path)
{
    std::error_code ec;
    const auto c = fs::weakly_canonical(fs::path(path), ec);
    return ec ? fs::path(path).lexically_normal().string() : c.string();
}

std::string absolute(const std::string& path)
{
    std::error_code ec;
    const auto a = fs::absolute(fs::path(path), ec);
    return ec ? path : a.lexically_normal().string();
}

bool same_file(const std::string& a, const std::string& b) { return a == b || canonical(a) == canonical(b); }

location location_of(const grammar::source_range& r)
{
    return {absolute(r.file->name), to_editor(*r.file, r)};
}

}  // namespace

void workspace::open(const std::string& path, std::string text)
{
    auto& a = m_documents[path];
    a.source = std::make_shared<grammar::source_file>(grammar::source_file{path, std::move(text)});
    a.tokens = grammar::tokenize(*a.source);
    a.names = occurrences(a.tokens);
    const auto first = std::find_if(a.tokens.tokens.begin(), a.tokens.tokens.end(), [](const grammar::token& t) { return t.kind != grammar::token_kind::comment; });
    a.scenario = first != a.tokens.tokens.end() && first->text == "scenario";
    if (!a.scenario) m_last_rules = path;
    m_reanalysed.clear();
    // The document first, then every other one: a derived file or a scenario reads the
    // text just changed.
    analyse(path, a);
    m_reanalysed.push_back(path);
    for (auto& [other, b] : m_documents) {
        if (other == path) continue;
        const bool reads = b.scenario || std::any_of(b.compiled.sources.begin(), b.compiled.sources.end(), [&](const auto& s) { return same_file(s->name, path); });
        if (!reads) continue;
        analyse(other, b);
        m_reanalysed.push_back(other);
    }
}

void workspace::close(const std::string& path)
{
    m_documents.erase(path);
    if (m_last_rules == path) m_last_rules.clear();
}

void workspace::analyse(const std::string& path, analysis& a)
{
    compile::compile_options options;
    options.load.allow_outside = m_options.allow_outside;
    options.load.search_path = m_options.search_path;
    // The editor's texts stand for the files: unsaved changes count.
    options.load.read_override = [this](const std::string& file) -> std::optional<std::string> {
        for (const auto& [p, d] : m_documents) {
            if (canonical(p) == file) return d.source->text;
        }
        return std::nullopt;
    };
    if (!a.scenario) {
        a.compiled = compile::compile_rules(path, options);
    }
    else {
        const auto rules = !m_options.scenario_rules.empty() ? m_options.scenario_rules : m_last_rules;
        if (rules.empty()) {
            // Nothing to apply the scenario to: its syntax is all that can be checked.
            a.compiled = {};
            a.compiled.sources.push_back(a.source);
            a.compiled.issues = grammar::parse(*a.source).issues;
        }
        else {
            options.scenarios.push_back(path);
            a.compiled = compile::compile_rules(rules, options);
            // Until the scenario applies cleanly, its names are those of its rules.
            const auto r = m_documents.find(rules);
            if (!a.compiled.checked && !a.program && r != m_documents.end()) a.program = r->second.program;
        }
    }
    if (a.compiled.checked) a.program = std::make_shared<const compile::program>(*a.compiled.checked);
}

const workspace::analysis* workspace::find(const std::string& path) const
{
    const auto it = m_documents.find(path);
    return it == m_documents.end() ? nullptr : &it->second;
}

std::vector<editor_diagnostic> workspace::diagnostics(const std::string& path) const
{
    std::vector<editor_diagnostic> out;
    const auto* a = find(path);
    if (a == nullptr) return out;
    // A problem of another file shows on the `extends` clause, or at the top.
    grammar::source_range elsewhere{a->source.get(), {}, {}};
    for (const auto& o : a->names) {
        if (o.what.kind == symbol_kind::file) elsewhere = o.range;
    }
    for (const auto& d : a->compiled.issues) {
        editor_diagnostic e;
        e.level = d.level;
        e.message = d.message;
        if (d.range.file != nullptr && same_file(d.range.file->name, path)) {
            e.range = to_editor(*d.range.file, d.range);
        }
        else {
            e.range = to_editor(*a->source, elsewhere);
            if (d.range.file != nullptr) {
                e.message = fmt::format("{}:{}:{}: {}", d.range.file->name, d.range.begin.line, d.range.begin.column, d.message);
                e.notes.push_back({location_of(d.range), d.message});
            }
        }
        for (const auto& n : d.notes) {
            if (n.range.file != nullptr) e.notes.push_back({location_of(n.range), n.message});
        }
        out.push_back(std::move(e));
    }
    return out;
}

std::optional<occurrence> workspace::name_at(const analysis& a, editor_position pos) const
{
    return occurrence_at(a.names, to_byte(*a.source, pos));
}

std::optional<std::string> workspace::hover(const std::string& path, editor_position pos) const
{
    const auto* a = find(path);
    if (a == nullptr) return std::nullopt;
    const auto o = name_at(*a, pos);
    if (!o) return std::nullopt;
    if (o->what.kind == symbol_kind::file || a->program == nullptr) return describe(compile::program{}, o->what);
    return describe(*a->program, o->what);
}

// The places `s` is written: in the document and in every file its analysis read (the
// bases of a derived file, the rules of a scenario). A slot is declared where its owner is.
std::vector<location> workspace::places(const analysis& a, const symbol& s, bool declarations, bool others) const
{
    std::vector<location> out;
    std::vector<std::shared_ptr<const grammar::source_file>> files{a.source};
    for (const auto& f : a.compiled.sources) {
        if (f->name != "--set" && !same_file(f->name, a.source->name)) files.push_back(f);
    }
    symbol declared = s;
    if (s.kind == symbol_kind::slot) {
        // volet2.dmp.target is declared by indicator dmp; volet1.points by group volet1.
        const auto first = s.name.find('.');
        const auto second = first == std::string::npos ? std::string::npos : s.name.find('.', first + 1);
        declared = second != std::string::npos ? symbol{symbol_kind::indicator, s.name.substr(first + 1, second - first - 1)}
                   : first != std::string::npos ? symbol{symbol_kind::group, s.name.substr(0, first)}
                                                : s;
    }
    for (const auto& f : files) {
        const auto tokens = grammar::tokenize(*f);
        for (const auto& o : occurrences(tokens)) {
            const bool declaration = o.declaration && o.what == declared;
            if ((declarations && declaration) || (others && o.what == s && !o.declaration)) {
                out.push_back(location_of(o.range));
            }
        }
    }
    return out;
}

std::vector<location> workspace::definition(const std::string& path, editor_position pos) const
{
    const auto* a = find(path);
    if (a == nullptr) return {};
    const auto o = name_at(*a, pos);
    if (!o) return {};
    if (o->what.kind == symbol_kind::file) {
        const auto base = (fs::path(path).parent_path() / o->what.name).lexically_normal().string();
        return {{base, {}}};
    }
    return places(*a, o->what, true, false);
}

std::vector<location> workspace::references(const std::string& path, editor_position pos, bool with_declaration) const
{
    const auto* a = find(path);
    if (a == nullptr) return {};
    const auto o = name_at(*a, pos);
    if (!o || o->what.kind == symbol_kind::file || o->what.kind == symbol_kind::slot) {
        return o ? places(*a, o->what, false, true) : std::vector<location>{};
    }
    return places(*a, o->what, with_declaration, true);
}

std::vector<completion_item> workspace::completion(const std::string& path, editor_position pos) const
{
    const auto* a = find(path);
    if (a == nullptr) return {};
    return complete(a->tokens, to_byte(*a->source, pos), a->program.get(), a->scenario);
}

std::vector<document_symbol> workspace::symbols(const std::string& path) const
{
    std::vector<document_symbol> out;
    const auto* a = find(path);
    if (a == nullptr) return out;
    const auto parsed = grammar::parse(*a->source);
    if (!parsed.file) return out;
    const auto& src = *a->source;
    using kind = document_symbol::kind;
    auto indicator = [&](const ast::indicator_decl& d) {
        return document_symbol{kind::indicator, d.id.text, d.label.value, to_editor(src, d.range), to_editor(src, d.id.range), {}};
    };
    for (const auto& item : parsed.file->items) {
        if (const auto* g = std::get_if<ast::group_decl>(&item)) {
            document_symbol s{kind::group, g->id.text, g->label.value, to_editor(src, g->range), to_editor(src, g->id.range), {}};
            for (const auto& i : g->indicators) s.children.push_back(indicator(i));
            out.push_back(std::move(s));
        }
        else if (const auto* e = std::get_if<ast::extend_group>(&item)) {
            document_symbol s{kind::group, e->id.text, "extend group", to_editor(src, e->range), to_editor(src, e->id.range), {}};
            for (const auto& edit : e->edits) {
                if (const auto* add = std::get_if<ast::add_indicator>(&edit)) s.children.push_back(indicator(add->indicator));
                if (const auto* rep = std::get_if<ast::replace_indicator>(&edit)) s.children.push_back(indicator(rep->indicator));
            }
            out.push_back(std::move(s));
        }
        else if (const auto* in = std::get_if<ast::input_decl>(&item)) {
            out.push_back({kind::input, in->id.text, in->label.value, to_editor(src, in->range), to_editor(src, in->id.range), {}});
        }
        else if (const auto* d = std::get_if<ast::define_decl>(&item)) {
            out.push_back({kind::define, d->id.text, d->label ? d->label->value : "", to_editor(src, d->range), to_editor(src, d->id.range), {}});
        }
        else if (const auto* x = std::get_if<ast::example_decl>(&item)) {
            out.push_back({kind::example, x->label.value, "example", to_editor(src, x->range), to_editor(src, x->label.range), {}});
        }
        else if (const auto* s = std::get_if<ast::set_stmt>(&item)) {
            out.push_back({kind::setting, compile::dotted_name(s->slot), "set", to_editor(src, s->range), to_editor(src, s->slot.range), {}});
        }
    }
    return out;
}

}  // namespace donum::tooling
