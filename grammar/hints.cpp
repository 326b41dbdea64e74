#include "grammar/hints.hpp"

#include <algorithm>
#include <string>

#include "interpreter/messages/messages.hpp"

namespace donum::grammar {

namespace {

const token* token_at(const token_stream& ts, std::size_t byte)
{
    for (const auto& t : ts.tokens) {
        if (t.range.begin.byte <= byte && byte < t.range.end.byte) return &t;
        if (t.range.begin.byte > byte) break;
    }
    return nullptr;
}

// The last token, comments left aside, that ends at or before `byte`.
const token* token_before(const token_stream& ts, std::size_t byte)
{
    const token* found = nullptr;
    for (const auto& t : ts.tokens) {
        if (t.range.end.byte > byte) break;
        if (t.kind != token_kind::comment) found = &t;
    }
    return found;
}

const token* next_of(const token_stream& ts, const token* t)
{
    const auto i = static_cast<std::size_t>(t - ts.tokens.data()) + 1;
    return i < ts.tokens.size() ? &ts.tokens[i] : nullptr;
}

const token* previous_of(const token_stream& ts, const token* t)
{
    const auto i = static_cast<std::size_t>(t - ts.tokens.data());
    return i > 0 ? &ts.tokens[i - 1] : nullptr;
}

bool adjacent(const token* a, const token* b)
{
    return a != nullptr && b != nullptr && a->range.end.byte == b->range.begin.byte;
}

std::optional<std::string_view> english_of(const token* t)
{
    if (t == nullptr || t->kind != token_kind::word) return std::nullopt;
    for (const auto& w : french_words()) {
        if (w.french == t->text) return w.english;
    }
    return std::nullopt;
}

diagnostic hinted(const diagnostic& error, source_range at, std::string message)
{
    return {error.level, at, std::move(message), error.notes};
}

// `22,5`: the comma at the error, or the number after it (`given a = 1,5`).
std::optional<diagnostic> decimal_comma(const token_stream& ts, const diagnostic& error, const token* at)
{
    if (at == nullptr) return std::nullopt;
    const token* comma = at->text == "," ? at : previous_of(ts, at);
    if (comma == nullptr || comma->text != ",") return std::nullopt;
    const token* whole = previous_of(ts, comma);
    const token* fraction = next_of(ts, comma);
    if (whole == nullptr || fraction == nullptr || whole->kind != token_kind::number || fraction->kind != token_kind::number) return std::nullopt;
    if (!adjacent(whole, comma) || !adjacent(comma, fraction)) return std::nullopt;
    source_range range{whole->range.file, whole->range.begin, fraction->range.end};
    return hinted(error, range, messages::trf("a decimal number takes a point, not a comma: write {}.{}", whole->text, fraction->text));
}

}  // namespace

const std::vector<french_word>& french_words()
{
    static const std::vector<french_word> words = {
        {"cible", "target"},
        {"groupe", "group"},
        {"volet", "group"},
        {"indicateur", "indicator"},
        {"si", "if CONDITION then A else B"},
        {"alors", "then (if CONDITION then A else B)"},
        {"sinon", "else (if CONDITION then A else B)"},
        {"et", "and"},
        {"ou", "or"},
        {"non", "not"},
        {"atteint", "met"},
        {"non_atteint", "not_met"},
        {"neutralise", "neutralised"},
        {"exemple", "example"},
        {"entree", "input"},
        {"definir", "define"},
        {"declare", "declared"},
        {"calcule", "calculated"},
        {"annee", "year"},
        {"annees", "years"},
        {"requiert", "requires"},
        {"valeur_point", "point_value"},
    };
    return words;
}

std::optional<diagnostic> french_hint(const token_stream& tokens, const diagnostic& error)
{
    const auto byte = error.range.begin.byte;
    const token* at = token_at(tokens, byte);
    if (auto d = decimal_comma(tokens, error, at)) return d;
    if (at != nullptr && (at->text == "==" || at->text == "<>")) {
        const bool equal = at->text == "==";
        return hinted(error, at->range,
                      equal ? messages::tr("'==' is not an operator of donum: equality is one '=', e.g. year = 2024")
                            : messages::tr("'<>' is not an operator of donum: write '!=' or '≠'"));
    }
    // The French word is where the parser stopped (`groupe volet1 ...`), or just before it,
    // read as a name (`>= cible 10` stops at 10).
    for (const token* word : {at, token_before(tokens, byte)}) {
        if (const auto english = english_of(word)) {
            return hinted(error, word->range, messages::trf("'{}' is French: donum's keywords are English, write '{}'", word->text, *english));
        }
    }
    return std::nullopt;
}

}  // namespace donum::grammar
