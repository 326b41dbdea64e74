#include "interpreter/text/fr.hpp"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

#include "interpreter/messages/messages.hpp"

namespace donum::text {

namespace ast = grammar::ast;
using messages::tr;
using messages::trf;

namespace {

// Chosen once by the command line before any rendering; read-only afterwards.
number_writing g_writing = number_writing::french;

// Under --lang en numbers are written the English way (3,000; 1,695,892.5), else French.
bool english() { return messages::current_language() == messages::language::en; }

}  // namespace

void set_number_writing(number_writing w) { g_writing = w; }

number_writing current_number_writing() { return g_writing; }

namespace {

// A plain number written for people, in the language of the messages: see localize().
std::string grouped(const std::string& plain)
{
    if (plain.find('/') != std::string::npos) return plain;
    const bool negative = !plain.empty() && (plain[0] == '-' || plain[0] == '+');
    const std::string sign = negative ? plain.substr(0, 1) : std::string();
    const auto body = negative ? plain.substr(1) : plain;
    const auto point = body.find('.');
    const auto whole = body.substr(0, point);
    std::string out = sign;
    for (std::size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0) out += english() ? ',' : ' ';
        out += whole[i];
    }
    if (point != std::string::npos) out += (english() ? "." : ",") + body.substr(point + 1);
    return out;
}

}  // namespace

std::string localize(std::string plain) { return g_writing == number_writing::plain ? plain : grouped(plain); }

std::string grouped_count(std::size_t n) { return grouped(std::to_string(n)); }

std::string number(const rational& v) { return localize(v.to_string()); }

std::string fixed(const rational& v, int decimals) { return localize(v.to_fixed(decimals)); }

std::string count(std::size_t n) { return localize(std::to_string(n)); }

std::string percent(const rational& v, int decimals) { return fixed(v * rational(100), decimals) + " %"; }

std::string share(std::size_t count, std::size_t total, int decimals)
{
    if (total == 0) return "-";
    return share_number(count, total, decimals) + " %";
}

std::string share_number(std::size_t count, std::size_t total, int decimals)
{
    if (total == 0) return "-";
    return localize(rational(static_cast<std::int64_t>(count) * 100, static_cast<std::int64_t>(total)).to_fixed(decimals));
}

std::optional<std::string> short_percent(const rational& r)
{
    // r has at most 4 decimals exactly when r × 100 has at most 2: move the point instead of
    // multiplying (a rate of huge numerator and denominator times 100 leaves 64 bits).
    auto digits = r.to_string(4);
    if (digits.find('/') != std::string::npos) return std::nullopt;
    const bool negative = !digits.empty() && digits.front() == '-';
    if (negative) digits.erase(0, 1);
    auto point = digits.find('.');
    if (point == std::string::npos) {
        digits += ".";
        point = digits.size() - 1;
    }
    digits.erase(point, 1);
    while (digits.size() < point + 2) digits += '0';
    digits.insert(point + 2, ".");
    while (digits.size() > 1 && digits.front() == '0' && digits[1] != '.') digits.erase(0, 1);
    while (digits.back() == '0') digits.pop_back();
    if (digits.back() == '.') digits.pop_back();
    return negative && digits != "0" ? "-" + digits : digits;
}

std::string rate_value(const rational& r)
{
    if (const auto exact = short_percent(r)) return "= " + localize(*exact) + " %";
    return "≈ " + localize(r.to_percent(2)) + " %";
}

std::string euros(const rational& e) { return localize(e.to_fixed(2)) + " €"; }

std::string signed_euros(const rational& e) { return (e > rational(0) ? "+" : "") + euros(e); }

// French takes the singular below 2 (1,5 point), English for 1 alone (1.5 points).
std::string points(const rational& p) { return localize(p.to_string()) + ((english() ? p == rational(1) : p < rational(2)) ? " point" : " points"); }

std::string plural(std::size_t n, std::string_view one, std::string_view many) { return fmt::format("{} {}", count(n), (english() ? n == 1 : n < 2) ? one : many); }

std::string slot_value(const compile::slot& s, const std::optional<rational>& v)
{
    if (!v) return "XX";
    // A value of the rules is shown as it is: 1.005 € is not 1.01 € (an amount paid is).
    if (s.type == compile::value_type::euro) return 100 % v->den() == 0 ? euros(*v) : number(*v) + " €";
    if (s.type == compile::value_type::rate) {
        // 2/3 reads better than 66.666667 %: the fraction when no short percentage is exact.
        if (const auto percent = short_percent(*v)) return localize(*percent) + " %";
        return v->to_string();
    }
    return localize(v->to_string());
}

std::string target(const compile::program& p, const compile::indicator_info& i, std::size_t y)
{
    if (!i.target_slot) return "-";
    const auto& s = p.slots[*i.target_slot];
    const auto c = i.measured_comparison();
    return fmt::format("{} {}", c == compile::comparison::none ? std::string_view(tr("target")) : compile::comparison_text(c), slot_value(s, s.by_year[y]));
}

std::string level_target(const compile::program& p, const compile::indicator_info& i, std::size_t k, std::size_t y)
{
    const auto& level = i.levels.at(k);
    const auto& format = p.slots[level.threshold_slot.value_or(*i.target_slot)];
    const auto v = compile::fixed_value(p, level.threshold, y);
    const auto open = level.threshold_slot && !p.slots[*level.threshold_slot].by_year[y];
    return fmt::format("{} {}", compile::comparison_text(i.measured_comparison()), v || open ? slot_value(format, v) : std::string("?"));
}

std::string prorata(const compile::program& p, const compile::indicator_info& i)
{
    const auto& pr = i.prorated.value();
    std::string out = trf("prorated on {} between {} and the target", i.measured, pr.start_text);
    if (pr.floor) {
        std::string floor = pr.floor_text;
        if (!pr.floor_slot && i.target_slot) {
            // Computed from the target: its value each year, in the target's unit.
            std::vector<std::string> parts;
            for (std::size_t y = 0; y < p.years.size(); ++y) {
                const auto v = compile::fixed_value(p, *pr.floor, y);
                parts.push_back(trf("{} in {}", v ? slot_value(p.slots[*i.target_slot], v) : std::string("?"), p.years[y]));
            }
            floor += fmt::format(" (= {})", fmt::join(parts, ", "));
        }
        else if (pr.floor_slot) {
            const auto& s = p.slots[*pr.floor_slot];
            const bool same = std::all_of(s.by_year.begin(), s.by_year.end(), [&](const auto& v) { return v == s.by_year.front(); });
            std::vector<std::string> parts;
            for (std::size_t y = 0; y < p.years.size(); ++y) parts.push_back(same ? slot_value(s, s.by_year[y]) : fmt::format("{}: {}", p.years[y], slot_value(s, s.by_year[y])));
            floor = same ? parts.front() : fmt::format("{}", fmt::join(parts, ", "));
        }
        out += trf(", nothing below {}", floor);
    }
    return out + tr(", rounded to the hundredth of a point");
}

std::string indicator_points(const compile::program& p, const compile::indicator_info& i, std::size_t y)
{
    if (!i.points_slot) return tr("block");
    const auto& s = p.slots[*i.points_slot];
    return slot_value(s, s.by_year[y]);
}

const char* outcome(eval::indicator_outcome o)
{
    switch (o) {
        case eval::indicator_outcome::met: return tr("met");
        case eval::indicator_outcome::not_met: return tr("not met");
        case eval::indicator_outcome::neutralised: return tr("neutralised");
    }
    return "?";
}

std::string zero_policy(const compile::indicator_info& i, bool mark_default)
{
    if (!i.reads_rate) return "-";
    std::string out = tr(i.zero_policy == ast::zero_policy::met ? "met" : i.zero_policy == ast::zero_policy::neutralised ? "neutralised" : "not met");
    if (mark_default && !i.zero_policy_written) out += tr(" (default)");
    return out;
}

std::string gate(const compile::program& p, const compile::group_info& g)
{
    std::vector<std::string> terms;
    for (const auto& t : g.gate) {
        const auto& other = p.groups[t.group].id;
        switch (t.quantifier) {
            case ast::gate_term::kind::all: terms.push_back(trf("all indicators of {} met", other)); break;
            case ast::gate_term::kind::any: terms.push_back(trf("at least one indicator of {} met", other)); break;
            case ast::gate_term::kind::at_least: terms.push_back(trf("at least {} indicators of {} met", t.k, other)); break;
            case ast::gate_term::kind::paid: terms.push_back(trf("block of {} paid", other)); break;
        }
    }
    return fmt::format("{}", fmt::join(terms, tr(" and ")));
}

std::string payment(const compile::program& p, const compile::group_info& g, std::size_t y)
{
    if (!g.block_slot) return tr("per indicator");
    const auto& s = p.slots[*g.block_slot];
    return trf("block of {} points if {}", slot_value(s, s.by_year[y]), g.block_all ? std::string(tr("all met")) : trf("at least {} met", g.block_k));
}

std::string slot_label(const compile::program& p, const compile::slot& s)
{
    using kind = compile::slot_kind;
    const auto quoted = [](const std::string& label) { return trf("“{}”", label); };
    // An indicator's slot names its indicator; block points and a group's cap, their group.
    const bool indicator = s.owner && s.path.what != kind::block_points && s.path.what != kind::cap && s.path.what != kind::point_value;
    std::string owner = indicator ? quoted(p.indicators[*s.owner].label) : std::string();
    for (const auto& g : p.groups) {
        if (!indicator && !s.path.group.empty() && g.id == s.path.group) owner = quoted(g.label);
    }
    switch (s.path.what) {
        case kind::target: return s.path.level > 1 ? trf("threshold of level {} of {}", s.path.level, owner) : trf("target of {}", owner);
        case kind::points: return s.path.level > 1 ? trf("points of level {} of {}", s.path.level, owner) : trf("points of {}", owner);
        case kind::block_points: return trf("block points of {}", owner);
        case kind::point_value: return tr("point value");
        case kind::cap: return owner.empty() ? std::string(tr("cap of the convention")) : trf("cap of {}", owner);
        case kind::floor: return trf("floor of {}", owner);
    }
    return s.name;
}

std::string dotted_id(const compile::program& p, const compile::indicator_info& i) { return p.groups[i.group].id + "." + i.id; }

}  // namespace donum::text
