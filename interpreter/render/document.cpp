#include "interpreter/render/document.hpp"

#include <fmt/format.h>

#include "interpreter/render/writers.hpp"
#include "interpreter/text/fr.hpp"

namespace donum::render {

using exact::rational;

cell cell::of_text(std::string s)
{
    cell c;
    c.what = kind::text;
    c.text = std::move(s);
    return c;
}

cell cell::of_number(const rational& v, number_style s)
{
    cell c;
    c.what = kind::number;
    c.value = v;
    c.style = s;
    return c;
}

cell cell::of_count(std::size_t n) { return of_number(rational(static_cast<std::int64_t>(n)), number_style::count); }

cell cell::of_share(std::size_t count, std::size_t total)
{
    if (total == 0) return {};
    return of_number(rational(static_cast<std::int64_t>(count), static_cast<std::int64_t>(total)), number_style::share);
}

cell cell::of_optional(const std::optional<rational>& v, number_style s, std::string otherwise)
{
    return v ? of_number(*v, s) : of_text(std::move(otherwise));
}

std::string plain_number(const rational& v, number_style s)
{
    switch (s) {
        case number_style::count:
        case number_style::year:
        case number_style::decimal: {
            const auto exact = v.to_string(6);
            return exact.find('/') == std::string::npos ? exact : v.to_fixed(6);
        }
        case number_style::euros: return v.to_fixed(2);
        case number_style::share: return v.to_percent(2);
        case number_style::rate: return v.to_string(6);
    }
    return v.to_string();
}

std::string plain_text(const cell& c)
{
    switch (c.what) {
        case cell::kind::empty: return {};
        case cell::kind::text: return c.text;
        case cell::kind::number: return plain_number(c.value, c.style);
    }
    return {};
}

std::string people_text(const cell& c)
{
    if (c.what != cell::kind::number) return c.text;
    const auto& v = c.value;
    switch (c.style) {
        case number_style::count: return text::number(v);
        case number_style::year: return v.to_string();
        case number_style::decimal: return text::number(v);
        case number_style::euros: return text::euros(v);
        case number_style::share: return text::percent(v, 1);
        case number_style::rate: {
            // 2/3 reads better than 66.666667 %: the fraction when no short percentage is exact.
            const auto percent = (v * rational(100)).to_string(2);
            return percent.find('/') == std::string::npos ? text::localize(percent) + " %" : v.to_string();
        }
    }
    return v.to_string();
}

std::string document_markdown(const document& d)
{
    std::string out = fmt::format("# {}\n\n", markdown_cell(d.title));
    for (const auto& [label, value] : d.facts) out += fmt::format("- {} : {}\n", markdown_cell(label), markdown_cell(value));
    for (const auto& t : d.tables) {
        out += fmt::format("\n## {}\n\n", markdown_cell(t.title));
        grid g;
        for (const auto& c : t.columns) g.head.push_back(c.title);
        for (std::size_t k = 0; k < t.columns.size(); ++k) {
            const bool numbers = !t.rows.empty() && t.rows.front().size() > k && t.rows.front()[k].what == cell::kind::number;
            g.alignment.push_back(numbers ? grid::align::right : grid::align::left);
        }
        for (const auto& r : t.rows) {
            std::vector<std::string> cells;
            for (const auto& c : r) cells.push_back(people_text(c));
            g.add(std::move(cells));
        }
        out += render_markdown(g);
        if (!t.notes.empty()) out += "\n";
        for (const auto& n : t.notes) out += "- " + markdown_cell(n) + "\n";
    }
    return out;
}

namespace {

void json_cell(json_writer& w, const cell& c)
{
    switch (c.what) {
        case cell::kind::empty: w.null(); return;
        case cell::kind::text: w.string(c.text); return;
        case cell::kind::number: {
            const auto digits = plain_number(c.value, c.style);
            if (digits.find('/') == std::string::npos) w.number(std::string_view(digits));
            else w.string(digits);
            return;
        }
    }
}

}  // namespace

std::string document_json(const document& d)
{
    json_writer w;
    w.begin_object().key("title").string(d.title).key("facts").begin_object();
    for (const auto& [label, value] : d.facts) w.key(label).string(value);
    w.end_object().key("tables").begin_object();
    for (const auto& t : d.tables) {
        w.key(t.id).begin_array();
        for (const auto& r : t.rows) {
            w.begin_object(true);
            for (std::size_t k = 0; k < t.columns.size(); ++k) {
                w.key(t.columns[k].id);
                if (k < r.size()) json_cell(w, r[k]);
                else w.null();
            }
            w.end_object();
        }
        w.end_array();
    }
    return w.end_object().end_object().take();
}

std::string table_csv(const table& t)
{
    csv_writer w;
    for (const auto& c : t.columns) w.field(c.id);
    w.end_row();
    for (const auto& r : t.rows) {
        for (const auto& c : r) {
            if (c.what == cell::kind::number) w.number(plain_text(c));
            else w.field(c.text);
        }
        w.end_row();
    }
    return w.take();
}

}  // namespace donum::render
