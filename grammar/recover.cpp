// Pass 1, after a syntax error: French writers' hints and the errors of the declarations
// that follow (grammar/recover.hpp).
#include "grammar/recover.hpp"

#include <algorithm>
#include <optional>
#include <string_view>

#include "grammar/hints.hpp"
#include "grammar/parse_tree.hpp"
#include "grammar/tokens.hpp"

namespace donum::grammar {

namespace internal {

namespace {

// What is read after a syntax error: the declarations of a rule file, or a scenario's set
// lines, up to the end. Nothing is built: only the next error matters.
struct resumed_rules : pegtl::seq<r::sep, pegtl::star<r::item, r::sep>, pegtl::must<r::end_of_file>> {};
struct resumed_scenario : pegtl::seq<r::sep, pegtl::star<r::set_stmt, r::sep>, pegtl::must<r::end_of_scenario>> {};

// Enough to show a writer the next few mistakes, few enough that a file of junk reports
// quickly.
constexpr std::size_t max_syntax_errors = 50;

// Where reading resumes after an error at `after`: the first line at or after it that
// starts, unindented, with a word that opens a declaration. Declarations inside a group or
// an example are indented in practice, so this finds the next top-level one.
std::optional<std::size_t> next_declaration(std::string_view text, std::size_t after, bool scenario)
{
    static constexpr std::string_view openers[] = {"input", "define", "group", "extend", "set", "remove", "example"};
    std::size_t line = after == 0 ? std::string_view::npos : text.rfind('\n', after - 1);
    line = line == std::string_view::npos ? 0 : line + 1;
    while (line < text.size()) {
        if (line >= after) {
            for (const auto word : openers) {
                if (scenario && word != "set") continue;
                const auto rest = text.substr(line);
                if (rest.starts_with(word) && rest.size() > word.size() && (rest[word.size()] == ' ' || rest[word.size()] == '\t' || rest[word.size()] == '\n' || rest[word.size()] == '\r')) {
                    return line;
                }
            }
        }
        const auto eol = text.find('\n', line);
        if (eol == std::string_view::npos) break;
        line = eol + 1;
    }
    return std::nullopt;
}

// Reads `source` from the line start `from` (line `line`) with `Rule`: the syntax error
// there, if any.
template <typename Rule>
std::optional<diagnostic> error_from(const source_file& source, std::size_t from, std::size_t line)
{
    pegtl::memory_input<> in(source.text.data() + from, source.text.data() + source.text.size(), source.name, from, line, 1);
    r::parse_state state;
    try {
        pegtl::parse<Rule, r::action, r::control>(in, state);
        return std::nullopt;
    }
    catch (const pegtl::parse_error& e) {
        const auto& p = e.positions().front();
        return diagnostic{severity::error, {&source, {p.byte, p.line, p.column}, {p.byte, p.line, p.column}}, std::string(e.message()), {}};
    }
}

bool is_scenario(std::string_view text)
{
    std::size_t at = 0;
    for (;;) {
        at = text.find_first_not_of(" \t\r\n\f\v", at);
        if (at == std::string_view::npos) return false;
        if (text[at] != '#') break;
        at = text.find('\n', at);
        if (at == std::string_view::npos) return false;
    }
    return text.substr(at).starts_with("scenario");
}

}  // namespace

void add_hint(const source_file& source, diagnostic& error)
{
    if (auto hint = french_hint(tokenize_around(source, error.range.begin), error)) error = std::move(*hint);
}

void report_more_errors(const source_file& source, diagnostics& issues)
{
    add_hint(source, issues.back());
    const bool scenario = is_scenario(source.text);
    const std::string_view text(source.text);
    std::size_t counted = 0;  // lines are counted once, from the start, as resuming moves on
    std::size_t line = 1;
    std::optional<std::size_t> last;
    for (std::size_t errors = 1; errors < max_syntax_errors; ++errors) {
        auto from = next_declaration(text, issues.back().range.begin.byte, scenario);
        if (from && from == last) from = next_declaration(text, *from + 1, scenario);
        if (!from) return;
        line += static_cast<std::size_t>(std::count(text.begin() + static_cast<std::ptrdiff_t>(counted), text.begin() + static_cast<std::ptrdiff_t>(*from), '\n'));
        counted = *from;
        last = from;
        auto error = scenario ? error_from<resumed_scenario>(source, *from, line) : error_from<resumed_rules>(source, *from, line);
        if (!error) return;
        add_hint(source, *error);
        issues.push_back(std::move(*error));
    }
}

}  // namespace internal

}  // namespace donum::grammar
