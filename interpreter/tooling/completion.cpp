#include "interpreter/tooling/completion.hpp"

#include <string_view>

namespace donum::tooling {

namespace {

using grammar::token;
using grammar::token_kind;
using kind = completion_item::kind;

// The code tokens (comments left aside) that end before `byte`, the word being typed
// excluded: the context of the cursor.
std::vector<const token*> before_cursor(const grammar::token_stream& tokens, std::size_t byte)
{
    std::vector<const token*> out;
    for (const auto& t : tokens.tokens) {
        if (t.range.end.byte >= byte) {
            // A word or dotted name that reaches the cursor is the one being typed.
            if (t.range.begin.byte < byte && t.kind != token_kind::word && t.kind != token_kind::dotted_name && t.range.end.byte == byte) out.push_back(&t);
            break;
        }
        if (t.kind != token_kind::comment) out.push_back(&t);
    }
    return out;
}

// Is the cursor inside an example's `given` list (after `given`, before `expect`)?
bool in_given(const std::vector<const token*>& before)
{
    for (auto it = before.rbegin(); it != before.rend(); ++it) {
        const auto text = (*it)->text;
        if (text == "given") return true;
        if (text == "expect" || text == "{" || text == "}" || text == "set" || text == "year") return false;
    }
    return false;
}

void add_values(std::vector<completion_item>& out, const compile::program& p)
{
    for (const auto& in : p.inputs) out.push_back({kind::input, in.name, in.label});
    for (const auto& d : p.defines) out.push_back({kind::define, d.name, d.label.empty() ? "définition" : d.label});
}

}  // namespace

std::vector<completion_item> complete(const grammar::token_stream& tokens, std::size_t byte, const compile::program* p, bool scenario)
{
    std::vector<completion_item> out;
    const auto before = before_cursor(tokens, byte);
    const std::string_view last = before.empty() ? std::string_view() : before.back()->text;
    if (last == "set" || (scenario && (before.empty() || last == "set"))) {
        if (p != nullptr) {
            for (const auto& s : p->slots) {
                const auto& owner = !s.path.indicator.empty() && s.owner ? p->indicators.at(*s.owner).label : s.path.group;
                out.push_back({kind::slot, s.name, owner});
            }
        }
        return out;
    }
    if (last == "of" || last == "group") {
        if (p != nullptr) {
            for (const auto& g : p->groups) out.push_back({kind::group, g.id, g.label});
        }
        return out;
    }
    if (last == "indicator" && before.size() > 1 && (before[before.size() - 2]->text == "remove" || before[before.size() - 2]->text == "change")) {
        if (p != nullptr) {
            for (const auto& i : p->indicators) out.push_back({kind::indicator, i.id, i.label});
        }
        return out;
    }
    const bool removed_input = last == "input" && before.size() > 1 && before[before.size() - 2]->text == "remove";
    if (removed_input || (in_given(before) && (last == "given" || last == ","))) {
        if (p != nullptr) {
            for (const auto& in : p->inputs) out.push_back({kind::input, in.name, in.label});
        }
        return out;
    }
    if (p != nullptr) add_values(out, *p);
    for (const auto* f : {"rate", "mean", "min", "max"}) out.push_back({kind::function, f, "fonction"});
    for (const auto k : grammar::keywords()) out.push_back({kind::keyword, std::string(k), "mot-clé"});
    for (const auto* k : {"prorated", "from", "above"}) out.push_back({kind::keyword, k, "mot-clé (après points N)"});
    out.push_back({kind::keyword, "change", "mot-clé (change indicator, dans extend group)"});
    return out;
}

}  // namespace donum::tooling
