#include "interpreter/tooling/symbols.hpp"

#include <string_view>

namespace donum::tooling {

using grammar::token;
using grammar::token_kind;

namespace {

// A label's text without its quotes and escapes.
std::string unquoted(std::string_view label)
{
    std::string out;
    for (std::size_t i = 1; i + 1 < label.size(); ++i) {
        if (label[i] == '\\' && i + 2 < label.size()) ++i;
        out += label[i];
    }
    return out;
}

bool ends_a_value(const token& t)
{
    return t.kind == token_kind::number || t.text == "%" || t.text == "€" || t.text == "EUR" || t.text == "pts" || t.text == "XX" || t.text == "}";
}

}  // namespace

std::vector<occurrence> occurrences(const grammar::token_stream& tokens)
{
    std::vector<const token*> code;
    for (const auto& t : tokens.tokens) {
        if (t.kind != token_kind::comment) code.push_back(&t);
    }
    auto text = [&](std::size_t i) -> std::string_view { return i < code.size() ? code[i]->text : std::string_view(); };
    std::vector<occurrence> out;
    // `prorated`, `from` and `above` are words of the language only right after `points V`.
    bool in_prorata = false;
    for (std::size_t i = 0; i < code.size(); ++i) {
        const token& t = *code[i];
        const auto prev = i > 0 ? text(i - 1) : std::string_view();
        const auto prev2 = i > 1 ? text(i - 2) : std::string_view();
        if (t.kind == token_kind::label && prev == "extends") {
            out.push_back({{symbol_kind::file, unquoted(t.text)}, t.range, false});
            continue;
        }
        if (t.kind == token_kind::dotted_name || (t.kind == token_kind::word && prev == "set")) {
            const auto at = t.text.find('@');
            out.push_back({{symbol_kind::slot, std::string(t.text.substr(0, at))}, t.range, false});
            continue;
        }
        if (t.kind != token_kind::word) {
            if (t.text == "}") in_prorata = false;
            continue;
        }
        if (grammar::is_keyword(t.text)) {
            in_prorata = false;
            continue;
        }
        if (t.text == "prorated" && i > 0 && ends_a_value(*code[i - 1])) {
            in_prorata = true;
            continue;
        }
        if (in_prorata && (t.text == "from" || t.text == "above")) continue;
        if (prev == "convention" || prev == "scenario" || text(i + 1) == "(") continue;
        if (t.text == "change" && text(i + 1) == "indicator") continue;  // `change indicator X`
        symbol what{symbol_kind::value, std::string(t.text)};
        bool declaration = false;
        if (prev == "input" || prev == "define") {
            declaration = prev2 != "remove";  // `remove input X` names an input of the base
        }
        else if (prev == "group") {
            what.kind = symbol_kind::group;
            declaration = prev2 != "extend" && prev2 != "remove";
        }
        else if (prev == "of") {
            what.kind = symbol_kind::group;
        }
        else if (prev == "indicator") {
            what.kind = symbol_kind::indicator;
            declaration = prev2 != "remove" && prev2 != "change";
        }
        out.push_back({std::move(what), t.range, declaration});
    }
    return out;
}

const token* token_at(const grammar::token_stream& tokens, std::size_t byte)
{
    const token* ending = nullptr;
    for (const auto& t : tokens.tokens) {
        if (t.range.begin.byte <= byte && byte < t.range.end.byte) return &t;
        if (t.range.end.byte == byte) ending = &t;
        if (t.range.begin.byte > byte) break;
    }
    return ending;
}

std::optional<occurrence> occurrence_at(const std::vector<occurrence>& all, std::size_t byte)
{
    const occurrence* ending = nullptr;
    for (const auto& o : all) {
        if (o.range.begin.byte <= byte && byte < o.range.end.byte) return o;
        if (o.range.end.byte == byte) ending = &o;
    }
    if (ending != nullptr) return *ending;
    return std::nullopt;
}

}  // namespace donum::tooling
