// The formatter reads the token stream (grammar/tokens.hpp), comments included, and decides
// for each token whether a line break comes before it, how deep the line is indented and
// whether a space separates it from the token before. The parser has already accepted the
// text, so the structure can be followed from the keywords alone: the blocks are the
// convention header, groups (and `extend group`) and examples; a `{` followed by a year is
// a table by year, laid out inline.
#include "interpreter/tooling/format.hpp"

#include <stdexcept>
#include <string_view>
#include <vector>

#include "grammar/parser.hpp"
#include "grammar/tokens.hpp"

namespace donum::tooling {

namespace {

using grammar::token;
using grammar::token_kind;

enum class block { header, group, example, table, paren };

// How a token starts: on the same line as the token before, on a new line, or after one
// blank line.
enum class start { same_line, new_line, blank_line };

struct laid_token {
    const token* t = nullptr;
    start how = start::same_line;
    std::size_t indent = 0;
};

bool is(const token* t, std::string_view text) { return t != nullptr && t->kind != token_kind::comment && t->text == text; }

bool is_word(const token* t) { return t != nullptr && t->kind == token_kind::word; }

// Words that open a declaration at the top level of a file.
bool opens_declaration(const token& t)
{
    static constexpr std::string_view words[] = {"convention", "scenario", "input", "define", "group", "extend", "set", "remove", "example"};
    if (t.kind != token_kind::word) return false;
    for (const auto w : words) {
        if (t.text == w) return true;
    }
    return false;
}

bool opens_header_item(const token& t)
{
    static constexpr std::string_view words[] = {"reference", "source", "point_value", "years", "in_force", "cap"};
    if (t.kind != token_kind::word) return false;
    for (const auto w : words) {
        if (t.text == w) return true;
    }
    return false;
}

// After these, a '-' is a sign, not a subtraction.
bool before_sign(const token* p, const token* pp)
{
    if (p == nullptr) return true;
    if (p->kind == token_kind::symbol) return p->text != ")" && p->text != "}" && p->text != "%" && p->text != "€";
    if (p->kind != token_kind::word) return false;
    // `at target - 5 %`: a threshold relative to the target, the '-' is its operator.
    if (p->text == "target") return !(is(pp, "at") || is(pp, "above"));
    if (p->text == "XX" || p->text == "year" || p->text == "EUR" || p->text == "pts") return false;
    return grammar::is_keyword(p->text) || p->text == "from" || p->text == "above";
}

class layout {
public:
    explicit layout(const std::vector<token>& tokens) : m_tokens(tokens) {}

    std::string run()
    {
        for (std::size_t i = 0; i < m_tokens.size(); ++i) place(i);
        return write();
    }

private:
    const std::vector<token>& m_tokens;
    std::vector<laid_token> m_laid;
    std::vector<block> m_blocks;
    std::size_t m_statement_indent = 0;  // indentation of the line the current statement began on
    std::size_t m_continuation = 2;      // extra indentation of its continuation lines
    std::size_t m_open_at_line_start = 0;
    std::size_t m_brackets = 0;          // tables and parentheses open in the statement
    bool m_break_next = false;           // after a block's '{' or '}': the next token starts a line
    bool m_after_open = false;           // right after a block's '{': no blank line

    const token* previous_code(std::size_t i, std::size_t back = 1) const
    {
        while (i > 0) {
            --i;
            if (m_tokens[i].kind != token_kind::comment && --back == 0) return &m_tokens[i];
        }
        return nullptr;
    }

    std::size_t depth() const
    {
        std::size_t d = 0;
        for (const auto b : m_blocks) d += (b == block::header || b == block::group || b == block::example) ? 1 : 0;
        return d;
    }

    block innermost() const { return m_blocks.empty() ? block::paren : m_blocks.back(); }
    bool in_block(block b) const { return !m_blocks.empty() && m_blocks.back() == b; }

    // Does token i begin a statement of the block it stands in?
    bool begins_statement(std::size_t i) const
    {
        const auto& t = m_tokens[i];
        const token* p = previous_code(i);
        if (m_blocks.empty()) return opens_declaration(t) && !((t.text == "group" || t.text == "input") && (is(p, "extend") || is(p, "remove")));
        if (in_block(block::header)) return opens_header_item(t);
        if (in_block(block::group)) {
            // `change` opens an edit only before `indicator`: elsewhere it is a name.
            const bool change = t.text == "change" && i + 1 < m_tokens.size() && m_tokens[i + 1].text == "indicator";
            return (t.text == "indicator" && !is(p, "replace") && !is(p, "remove") && !is(p, "change")) || t.text == "replace" || t.text == "remove" || change;
        }
        if (in_block(block::example)) return (t.text == "year" && is(p, "{")) || t.text == "set" || t.text == "given" || t.text == "expect";
        return false;
    }

    // Is the '{' at i a table by year (a year and ':' follow) rather than a block?
    bool is_table(std::size_t i) const
    {
        return i + 2 < m_tokens.size() && m_tokens[i + 1].kind == token_kind::number && m_tokens[i + 2].text == ":";
    }

    block block_of_statement(std::size_t i) const
    {
        // The word that began the statement: convention, group/extend, example.
        for (std::size_t j = i; j > 0; --j) {
            const auto& t = m_tokens[j - 1];
            if (t.kind != token_kind::word) continue;
            if (t.text == "convention") return block::header;
            if (t.text == "group" || t.text == "extend") return block::group;
            if (t.text == "example") return block::example;
        }
        return block::group;
    }

    void place(std::size_t i)
    {
        const auto& t = m_tokens[i];
        laid_token out{&t, start::same_line, 0};
        const token* before = i > 0 ? &m_tokens[i - 1] : nullptr;
        const bool written_on_new_line = before != nullptr && t.range.begin.line > before->range.end.line;
        const bool blank_before = before != nullptr && t.range.begin.line > before->range.end.line + 1;
        const bool closes_block = t.text == "}" && !m_blocks.empty() && innermost() != block::table && innermost() != block::paren;
        const bool opens_block = t.text == "{" && !is_table(i);
        const bool comment = t.kind == token_kind::comment;

        // A comment written after code stays at the end of its line.
        if (comment && before != nullptr && !written_on_new_line) {
            m_laid.push_back(out);
            return;
        }
        if (closes_block) m_blocks.pop_back();
        const bool statement = !comment && begins_statement(i);
        // An empty block stays on its line: `extends "base.donum" { }`.
        const bool empty_block = closes_block && before != nullptr && before->text == "{" && before->kind == token_kind::symbol;
        bool line_start = !empty_block && (i == 0 || statement || closes_block || m_break_next || (before != nullptr && before->kind == token_kind::comment));
        // A line break the writer chose is kept, except before the '{' of a block.
        if (!line_start && written_on_new_line && !opens_block) line_start = true;
        const bool after_open = m_after_open;
        m_break_next = false;
        m_after_open = false;

        if (line_start && i > 0) {
            out.how = blank_before && !closes_block && !after_open ? start::blank_line : start::new_line;
        }
        if (statement || (closes_block && !empty_block)) {
            m_statement_indent = depth() * 2;
            m_continuation = in_block(block::example) && t.text == "given" ? 6 : 2;
            m_brackets = 0;
            out.indent = m_statement_indent;
        }
        else if (line_start) {
            std::size_t open = m_brackets;
            if ((t.text == ")" || (t.text == "}" && !closes_block)) && open > 0) --open;
            out.indent = (comment ? depth() * 2 : m_statement_indent + m_continuation + 2 * open);
        }
        if (!comment) update_brackets(i, opens_block, closes_block);
        m_laid.push_back(out);
    }

    void update_brackets(std::size_t i, bool opens_block, bool closes_block)
    {
        const auto& t = m_tokens[i];
        if (opens_block) {
            m_blocks.push_back(block_of_statement(i));
            m_break_next = true;
            m_after_open = true;
        }
        else if (t.text == "{") {
            m_blocks.push_back(block::table);
            ++m_brackets;
        }
        else if (t.text == "(") {
            m_blocks.push_back(block::paren);
            ++m_brackets;
        }
        else if ((t.text == "}" || t.text == ")") && !closes_block && !m_blocks.empty()) {
            m_blocks.pop_back();
            if (m_brackets > 0) --m_brackets;
        }
        if (closes_block) m_break_next = true;
    }

    // Comments on a line of their own take the indentation of the line after them, unless
    // that line closes the block they stand in.
    void indent_comments()
    {
        for (std::size_t i = m_laid.size(); i-- > 0;) {
            auto& c = m_laid[i];
            if (c.t->kind != token_kind::comment || c.how == start::same_line) continue;
            for (std::size_t j = i + 1; j < m_laid.size(); ++j) {
                if (m_laid[j].how == start::same_line) continue;
                if (m_laid[j].t->text != "}") c.indent = m_laid[j].indent;
                break;
            }
        }
    }

    bool space_between(std::size_t i) const
    {
        const auto& t = m_tokens[i];
        const token* p = &m_tokens[i - 1];
        if (t.kind == token_kind::comment) return true;
        if (t.text == "," || t.text == ")" || t.text == ":") return false;
        if (p->text == "(") return false;
        // A fraction of two numbers reads as one value: `target 2/3`.
        const token* next = i + 1 < m_tokens.size() ? &m_tokens[i + 1] : nullptr;
        if (t.text == "/" && p->kind == token_kind::number && next != nullptr && next->kind == token_kind::number) return false;
        if (p->text == "/" && t.kind == token_kind::number && i >= 2 && m_tokens[i - 2].kind == token_kind::number) return false;
        if (t.text == "(" && is_word(p) && !grammar::is_keyword(p->text)) return false;
        if (p->text == "-" && p->kind == token_kind::symbol && before_sign(previous_code(i - 1), previous_code(i - 1, 2))) return false;
        return true;
    }

    std::string write()
    {
        indent_comments();
        std::string out;
        for (std::size_t i = 0; i < m_laid.size(); ++i) {
            const auto& l = m_laid[i];
            if (i > 0 && l.how != start::same_line) {
                out += l.how == start::blank_line ? "\n\n" : "\n";
            }
            if (i == 0 || l.how != start::same_line) out.append(l.indent, ' ');
            else if (l.t->kind == token_kind::comment) out += "  ";
            else if (space_between(i)) out += ' ';
            out += l.t->text;
        }
        if (!out.empty()) out += '\n';
        return out;
    }
};

// The formatter only moves white space: the tokens of its output must be those of its input.
bool same_tokens(const std::vector<token>& a, const std::vector<token>& b)
{
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].kind != b[i].kind || a[i].text != b[i].text) return false;
    }
    return true;
}

}  // namespace

format_result format_source(const grammar::source_file& source)
{
    format_result result;
    auto parsed = grammar::parse(source);
    if (!parsed.file) {
        result.issues = std::move(parsed.issues);
        return result;
    }
    const auto tokens = grammar::tokenize(source);
    if (!tokens.complete) throw std::logic_error("fmt: the parser accepted a text the tokenizer cannot read");
    auto text = layout(tokens.tokens).run();
    grammar::source_file formatted{source.name, text};
    const auto again = grammar::tokenize(formatted);
    if (!again.complete || !same_tokens(tokens.tokens, again.tokens) || !grammar::parse(formatted).file) {
        throw std::logic_error("fmt: the layout would change the tokens of " + source.name);
    }
    result.text = std::move(text);
    return result;
}

}  // namespace donum::tooling
