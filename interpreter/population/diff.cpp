#include "interpreter/population/diff.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "interpreter/compile/maxima.hpp"
#include "interpreter/text/fr.hpp"
#include "interpreter/messages/messages.hpp"

namespace donum::population {

using messages::N_;
using messages::tr;
using messages::trf;

using compile::group_info;
using compile::indicator_info;
using compile::maxima;
using compile::program;
using compile::slot;
using eval::indicator_outcome;
using eval::result;
using exact::rational;

namespace ast = grammar::ast;

namespace {

constexpr const char* absent = "—";

std::size_t year_of(const version& v)
{
    const auto yi = v.rules->year_index(v.year);
    if (!yi) throw std::invalid_argument(trf("{} has no year {}", v.rules->id, v.year));
    return *yi;
}

std::optional<rational> slot_value(const version& v, std::optional<std::size_t> slot)
{
    if (!slot) return std::nullopt;
    return v.rules->slots[*slot].by_year[year_of(v)];
}

std::string slot_text(const version& v, std::size_t slot)
{
    const auto& s = v.rules->slots[slot];
    return text::slot_value(s, s.by_year[year_of(v)]);
}

std::string target_text(const version& v, const indicator_info& i) { return text::target(*v.rules, i, year_of(v)); }

std::string points_text(const version& v, const indicator_info& i) { return text::indicator_points(*v.rules, i, year_of(v)); }

// The levels of a graded indicator in the version's year: ">= 70 % : 20 ; >= 90 % : 30".
std::string levels_text(const version& v, const indicator_info& i)
{
    if (i.levels.empty()) return "-";
    std::vector<std::string> parts;
    for (std::size_t k = 0; k < i.levels.size(); ++k) {
        parts.push_back(fmt::format("{} : {}", text::level_target(*v.rules, i, k, year_of(v)), slot_text(v, i.levels[k].points_slot)));
    }
    return fmt::format("{}", fmt::join(parts, " ; "));
}

std::optional<std::size_t> find_group(const program& p, std::string_view id)
{
    for (std::size_t g = 0; g < p.groups.size(); ++g) {
        if (p.groups[g].id == id) return g;
    }
    return std::nullopt;
}

// The maximum of the version's year, in points and euros, as text.
std::pair<std::string, std::string> maximum_text(const version& v)
{
    const auto m = maxima(*v.rules).at(year_of(v));
    return {m.points ? text::number(*m.points) : "XX", m.euros ? text::euros(*m.euros) : "XX"};
}

}  // namespace

std::vector<indicator_match> match_indicators(std::span<const version> versions)
{
    std::vector<indicator_match> out;
    std::map<std::string, std::size_t> by_id;
    for (std::size_t v = 0; v < versions.size(); ++v) {
        const auto& p = *versions[v].rules;
        for (std::size_t i = 0; i < p.indicators.size(); ++i) {
            const auto& id = p.indicators[i].id;
            auto it = by_id.find(id);
            if (it == by_id.end()) {
                indicator_match m;
                m.index.assign(versions.size(), std::nullopt);
                m.key = id;
                out.push_back(std::move(m));
                it = by_id.emplace(id, out.size() - 1).first;
            }
            out[it->second].index[v] = i;
        }
    }
    // Renamings: an indicator that disappears and one that appears in the next version with
    // the same label are one indicator.
    for (std::size_t v = 1; v < versions.size(); ++v) {
        for (auto& gone : out) {
            if (!gone.index[v - 1] || gone.index[v]) continue;
            const auto& label = versions[v - 1].rules->indicators[*gone.index[v - 1]].label;
            for (auto& arrived : out) {
                if (&arrived == &gone || !arrived.index[v] || arrived.index[v - 1]) continue;
                if (versions[v].rules->indicators[*arrived.index[v]].label != label) continue;
                if (std::any_of(arrived.index.begin(), arrived.index.begin() + static_cast<std::ptrdiff_t>(v), [](const auto& x) { return x.has_value(); })) continue;
                for (std::size_t w = v; w < versions.size(); ++w) gone.index[w] = arrived.index[w];
                gone.renamed = true;
                arrived.index.assign(versions.size(), std::nullopt);
                break;
            }
        }
    }
    std::erase_if(out, [](const indicator_match& m) { return std::none_of(m.index.begin(), m.index.end(), [](const auto& x) { return x.has_value(); }); });
    return out;
}

std::vector<diff_row> diff_rules(std::span<const version> versions)
{
    std::vector<diff_row> rows;
    // A property changes when two versions that have the element disagree; an element
    // missing from some versions shows that once, in its "présence" row.
    auto add = [&](std::string section, std::string label, std::vector<std::string> values) {
        diff_row r{std::move(section), std::move(label), std::move(values), false};
        const std::string* first = nullptr;
        for (const auto& x : r.values) {
            if (x == absent) continue;
            if (first == nullptr) first = &x;
            else if (x != *first) r.changed = true;
        }
        rows.push_back(std::move(r));
    };
    auto presence = [&](std::string section, std::vector<bool> present) {
        diff_row r{std::move(section), tr("presence"), {}, false};
        for (const bool p : present) r.values.emplace_back(p ? tr("yes") : absent);
        r.changed = std::any_of(present.begin(), present.end(), [&](bool p) { return p != present.front(); });
        rows.push_back(std::move(r));
    };
    auto each = [&](auto&& f) {
        std::vector<std::string> values;
        for (const auto& v : versions) values.push_back(f(v));
        return values;
    };

    add("convention", tr("label"), each([](const version& v) { return v.rules->label; }));
    add("convention", tr("point value"), each([](const version& v) { return slot_text(v, v.rules->point_value_slot); }));
    add("convention", tr("maximum points"), each([](const version& v) { return maximum_text(v).first; }));
    add("convention", tr("maximum amount"), each([](const version& v) { return maximum_text(v).second; }));
    // Caps, only when a version has one: the other diffs keep their rows.
    const bool any_cap = std::any_of(versions.begin(), versions.end(), [](const version& v) {
        return v.rules->cap_slot || std::any_of(v.rules->groups.begin(), v.rules->groups.end(), [](const group_info& g) { return g.cap_slot.has_value(); });
    });
    if (any_cap) add("convention", tr("cap"), each([](const version& v) { return v.rules->cap_slot ? slot_text(v, *v.rules->cap_slot) : std::string("-"); }));

    // Groups by identifier, in order of first appearance.
    std::vector<std::string> groups;
    for (const auto& v : versions) {
        for (const auto& g : v.rules->groups) {
            if (std::find(groups.begin(), groups.end(), g.id) == groups.end()) groups.push_back(g.id);
        }
    }
    for (const auto& id : groups) {
        auto of = [&](auto&& f) {
            return each([&](const version& v) {
                const auto g = find_group(*v.rules, id);
                return g ? f(v, v.rules->groups[*g]) : std::string(absent);
            });
        };
        std::vector<bool> present;
        for (const auto& v : versions) present.push_back(find_group(*v.rules, id).has_value());
        presence(id, present);
        add(id, tr("group"), of([](const version&, const group_info& g) { return g.label; }));
        add(id, tr("access"), of([](const version& v, const group_info& g) {
                const auto gate = text::gate(*v.rules, g);
                return gate.empty() ? std::string(tr("always")) : gate;
            }));
        add(id, tr("payment"), of([](const version& v, const group_info& g) { return text::payment(*v.rules, g, year_of(v)); }));
        if (any_cap) add(id, tr("cap"), of([](const version& v, const group_info& g) { return g.cap_slot ? slot_text(v, *g.cap_slot) : std::string("-"); }));
    }

    for (const auto& m : match_indicators(versions)) {
        auto of = [&](auto&& f) {
            std::vector<std::string> values;
            for (std::size_t k = 0; k < versions.size(); ++k) {
                values.push_back(m.index[k] ? f(versions[k], versions[k].rules->indicators[*m.index[k]]) : std::string(absent));
            }
            return values;
        };
        const auto key = trf("indicator {}", m.key);
        std::vector<bool> present;
        for (const auto& x : m.index) present.push_back(x.has_value());
        presence(key, present);
        add(key, tr("label"), of([](const version&, const indicator_info& i) { return i.label; }));
        if (m.renamed) add(key, tr("identifier (renamed)"), of([](const version&, const indicator_info& i) { return i.id; }));
        add(key, tr("group"), of([](const version& v, const indicator_info& i) { return v.rules->groups[i.group].id; }));
        add(key, tr("status"), of([](const version&, const indicator_info& i) { return std::string(tr(i.status == ast::indicator_status::declared ? N_("declared") : N_("calculated"))); }));
        add(key, tr("measure"), of([](const version&, const indicator_info& i) { return i.measured; }));
        add(key, tr("target"), of([](const version& v, const indicator_info& i) { return target_text(v, i); }));
        add(key, "points", of([](const version& v, const indicator_info& i) { return points_text(v, i); }));
        // Computed payments, only when a version has one: the other diffs keep their rows.
        auto in_any = [&](auto&& has) {
            for (std::size_t k = 0; k < versions.size(); ++k) {
                if (m.index[k] && has(versions[k].rules->indicators[*m.index[k]])) return true;
            }
            return false;
        };
        const bool graded = in_any([](const indicator_info& i) { return !i.levels.empty(); });
        const bool prorated = in_any([](const indicator_info& i) { return i.prorated.has_value(); });
        if (graded) add(key, tr("levels"), of([](const version& v, const indicator_info& i) { return levels_text(v, i); }));
        if (prorated) add(key, tr("prorata"), of([](const version& v, const indicator_info& i) { return i.prorated ? text::prorata(*v.rules, i) : std::string("-"); }));
        add(key, tr("zero denominator"), of([](const version&, const indicator_info& i) { return text::zero_policy(i, false); }));
    }
    return rows;
}

namespace {

// Describes a measured value for a reason: "taux 25 %", or the number.
std::string measured_text(const version& v, const indicator_info& i, const result& r)
{
    if (!i.measured_node) return {};
    const auto& x = r.values[static_cast<std::size_t>(*i.measured_node)];
    if (!x.defined()) return tr("undefined rate (zero denominator)");
    const auto exact = x.exact();
    const bool rate = i.target_slot && v.rules->slots[*i.target_slot].type == compile::value_type::rate;
    return rate ? trf("rate {} %", text::localize(exact.to_percent())) : trf("value {}", text::number(exact));
}

// Names the indicators of `g` (in r) that are neither met nor neutralised.
std::string missing_indicators(const program& p, const group_info& g, const result& r)
{
    std::vector<std::string> missing;
    for (const auto i : g.indicators) {
        if (r.indicators[i].outcome == indicator_outcome::not_met) missing.push_back(p.indicators[i].id);
    }
    return fmt::format("{}", fmt::join(missing, ", "));
}

// Why the gate of `g` fails in `r`: the groups it reads and what they miss.
std::string gate_failure(const program& p, const group_info& g, const result& r)
{
    std::vector<std::string> parts;
    for (const auto& t : g.gate) {
        const auto& other = p.groups[t.group];
        const auto missing = missing_indicators(p, other, r);
        parts.push_back(missing.empty() ? trf("{} closed", other.id) : trf("{} not met: {}", other.id, missing));
    }
    return fmt::format("{}", fmt::join(parts, tr("; ")));
}

bool paid_in(const result& r, std::optional<std::size_t> i)
{
    return i && r.indicators[*i].outcome == indicator_outcome::met;
}

// What indicator i (if any) pays in `r`, its group being open: its points when met, or
// what its levels or its prorata give.
rational paid_points(const program& p, const eval::payment_plan& plan, const result& r, std::optional<std::size_t> i)
{
    return i ? eval::indicator_paid(p, plan, *i, r) : rational(0);
}

}  // namespace

std::vector<change_reason> explain_change(const version& a, const eval::payment_plan& plan_a, const result& ra, const version& b, const eval::payment_plan& plan_b, const result& rb)
{
    const auto& pa = *a.rules;
    const auto& pb = *b.rules;
    const auto pv_a = *slot_value(a, pa.point_value_slot);
    const auto pv_b = *slot_value(b, pb.point_value_slot);
    std::vector<change_reason> out;
    // A change beyond exact arithmetic is an evaluation error at B's point value (the
    // caller adds the row), never a wrong reason.
    auto euros_of = [&](auto&& product) {
        try {
            return product();
        }
        catch (const exact::overflow_error&) {
            throw eval::evaluation_error(pb.slots[pb.point_value_slot].range, tr("the change of this physician's amount is too large for exact arithmetic (beyond 64 bits)"));
        }
    };
    auto reason = [&](std::string key, std::string text, const rational& points) {
        if (points == rational(0)) return;
        out.push_back({std::move(key), std::move(text), euros_of([&] { return points * pv_a; })});
    };

    std::vector<std::string> groups;
    for (const auto& g : pa.groups) groups.push_back(g.id);
    for (const auto& g : pb.groups) {
        if (std::find(groups.begin(), groups.end(), g.id) == groups.end()) groups.push_back(g.id);
    }
    const version both[] = {a, b};
    const auto matches = match_indicators(both);
    rational groups_delta;  // what the groups account for, before the convention's cap
    for (const auto& id : groups) {
        const auto ga = find_group(pa, id);
        const auto gb = find_group(pb, id);
        const auto points_a = ga ? ra.group_points[*ga] : rational(0);
        const auto points_b = gb ? rb.group_points[*gb] : rational(0);
        if (points_a == points_b) continue;
        const auto delta = euros_of([&] { return points_b - points_a; });
        groups_delta = euros_of([&] { return groups_delta + delta; });
        if (!gb) {
            reason(id, trf("group {} removed in B", id), delta);
            continue;
        }
        if (!ga) {
            reason(id, trf("group {} added in B", id), delta);
            continue;
        }
        const auto& group_a = pa.groups[*ga];
        const auto& group_b = pb.groups[*gb];
        if (ra.group_open[*ga] && !rb.group_open[*gb]) {
            reason(trf("{} (access)", id), trf("{} closed in B ({})", id, gate_failure(pb, group_b, rb)), delta);
            continue;
        }
        if (!ra.group_open[*ga] && rb.group_open[*gb]) {
            reason(trf("{} (access)", id), trf("{} open in B", id), delta);
            continue;
        }
        if (group_a.block_slot || group_b.block_slot) {
            const bool block_both = group_a.block_slot && group_b.block_slot;
            if (block_both && points_a > rational(0) && points_b > rational(0)) {
                reason(trf("{} (block)", id), trf("block of {}: {} → {} points", id, text::number(points_a), text::number(points_b)), delta);
            }
            else if (block_both && points_b == rational(0)) {
                reason(trf("{} (block)", id), trf("block of {} not paid in B (missing: {})", id, missing_indicators(pb, group_b, rb)), delta);
            }
            else if (block_both) {
                reason(trf("{} (block)", id), trf("block of {} paid in B", id), delta);
            }
            else {
                reason(trf("{} (payment)", id), trf("{}: payment mode changed (block / per indicator)", id), delta);
            }
            continue;
        }
        // Both open and paid indicator by indicator: one reason per indicator that moved, and
        // what a cap took or gave back.
        rational explained;
        for (const auto& m : matches) {
            const auto ia = m.index[0] && pa.indicators[*m.index[0]].group == *ga ? m.index[0] : std::nullopt;
            const auto ib = m.index[1] && pb.indicators[*m.index[1]].group == *gb ? m.index[1] : std::nullopt;
            if (!ia && !ib) continue;
            const auto pts_a = paid_points(pa, plan_a, ra, ia);
            const auto pts_b = paid_points(pb, plan_b, rb, ib);
            if (pts_a == pts_b) continue;
            const auto name = ib ? pb.indicators[*ib].id : pa.indicators[*ia].id;
            std::string text;
            if (!ib) text = trf("indicator {} missing from {} in B", name, id);
            else if (!ia) text = trf("indicator {} added to {} in B", name, id);
            else {
                const auto& ind_a = pa.indicators[*ia];
                const auto& ind_b = pb.indicators[*ib];
                const bool met_a = paid_in(ra, ia);
                const bool met_b = paid_in(rb, ib);
                const auto ta = target_text(a, ind_a);
                const auto tb = target_text(b, ind_b);
                const bool computed = ind_a.amount_node || ind_b.amount_node;
                if (met_a && met_b) {
                    text = computed ? trf("{}: {} → {} points (level or prorata)", name, text::number(pts_a), text::number(pts_b))
                                    : trf("points {}: {} → {}", name, points_text(a, ind_a), points_text(b, ind_b));
                }
                else if (!met_a && !met_b) {
                    // Only a prorata pays an indicator not met.
                    text = trf("prorated part of {}: {} → {} points", name, text::number(pts_a), text::number(pts_b));
                    if (ta != tb) text += trf(" (target {} → {}, {})", slot_text(a, *ind_a.target_slot), slot_text(b, *ind_b.target_slot), measured_text(b, ind_b, rb));
                }
                else if (ta != tb) {
                    text = trf(met_a ? N_("target {} {} → {}: {} no longer reaches the target") : N_("target {} {} → {}: {} now reaches the target"), name, slot_text(a, *ind_a.target_slot), slot_text(b, *ind_b.target_slot),
                               measured_text(b, ind_b, rb));
                }
                else if (ind_a.measured != ind_b.measured || ind_a.measured_comparison() != ind_b.measured_comparison()) {
                    text = trf(met_a ? N_("condition of {} changed: no longer met") : N_("condition of {} changed: now met"), name);
                }
                else {
                    text = trf(met_a ? N_("{} is no longer met in B") : N_("{} is met in B"), name);
                }
            }
            const auto moved = euros_of([&] { return pts_b - pts_a; });
            reason(ib ? pb.groups[*gb].id + "." + name : pa.groups[*ga].id + "." + name, text, moved);
            explained = euros_of([&] { return explained + moved; });
        }
        reason(trf("{} (cap)", id), trf("cap of {}: the group pays {} → {} points", id, text::number(points_a), text::number(points_b)), euros_of([&] { return delta - explained; }));
    }
    // The convention's cap: what the groups gave that the total did not pay, or the reverse.
    reason(tr("cap"), tr("cap of the convention"), euros_of([&] { return (rb.points - ra.points) - groups_delta; }));
    if (pv_a != pv_b && rb.points != rational(0)) {
        out.push_back({tr("point value"), trf("point value {} → {}", slot_text(a, pa.point_value_slot), slot_text(b, pb.point_value_slot)), euros_of([&] { return (pv_b - pv_a) * rb.points; })});
    }
    return out;
}

}  // namespace donum::population
