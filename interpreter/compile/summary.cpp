#include "interpreter/compile/summary.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace donum::compile {

namespace ast = grammar::ast;

std::size_t display_width(std::string_view text)
{
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string pad(std::string_view text, std::size_t width)
{
    std::string out(text);
    const auto w = display_width(text);
    if (w < width) out.append(width - w, ' ');
    return out;
}

std::string display_value(const slot& s, const std::optional<rational>& v)
{
    if (!v) return "XX";
    if (s.type == value_type::euro) return v->to_fixed(2) + " €";
    if (s.type == value_type::rate) {
        const auto percent = *v * rational(100);
        // 2/3 reads better than 66.666667 %: fall back to the fraction when inexact.
        const auto text = percent.to_string(2);
        if (text.find('/') == std::string::npos) return text + " %";
        return v->to_string();
    }
    return v->to_string();
}

std::vector<year_maximum> maxima(const program& p)
{
    std::vector<year_maximum> out;
    for (std::size_t y = 0; y < p.years.size(); ++y) {
        year_maximum m;
        m.year = p.years[y];
        bool too_large = false;
        auto add = [&](std::size_t si) {
            const auto& s = p.slots[si];
            if (!s.by_year[y]) {
                m.open.push_back(s.name);
                return;
            }
            try {
                m.known_points = m.known_points + *s.by_year[y];
            }
            catch (const overflow_error&) {
                too_large = true;
            }
        };
        for (const auto& g : p.groups) {
            if (g.block_slot) add(*g.block_slot);
            else {
                for (const auto i : g.indicators) {
                    if (p.indicators[i].points_slot) add(*p.indicators[i].points_slot);
                }
            }
        }
        if (too_large) {
            m.beyond_64_bits = true;
        }
        else if (m.open.empty()) {
            m.points = m.known_points;
            const auto& pv = p.slots[p.point_value_slot].by_year[y];
            try {
                if (pv) m.euros = m.known_points * *pv;
                else m.open.push_back("point_value");
            }
            catch (const overflow_error&) {
                m.beyond_64_bits = true;
            }
        }
        out.push_back(std::move(m));
    }
    return out;
}

namespace {

// `text` cut to `width` characters on a character boundary, the cut marked with "…".
std::string truncate(const std::string& text, std::size_t width)
{
    if (display_width(text) <= width) return text;
    std::size_t bytes = 0;
    for (std::size_t chars = 0; bytes < text.size() && chars + 1 < width; ++chars) {
        ++bytes;
        while (bytes < text.size() && (static_cast<unsigned char>(text[bytes]) & 0xC0) == 0x80) ++bytes;
    }
    return text.substr(0, bytes) + "…";
}

std::string policy_text(const indicator_info& i)
{
    if (!i.reads_rate) return "-";
    std::string text = i.zero_policy == ast::zero_policy::met ? "atteint" : i.zero_policy == ast::zero_policy::neutralised ? "neutralisé" : "non atteint";
    if (!i.zero_policy_written) text += " (défaut)";
    return text;
}

std::string target_cell(const program& p, const indicator_info& i, std::size_t y)
{
    if (!i.target_slot) return "-";
    const auto& s = p.slots[*i.target_slot];
    return fmt::format("{} {}", i.measured_comparison() == comparison::none ? "cible" : comparison_text(i.measured_comparison()), display_value(s, s.by_year[y]));
}

std::string points_cell(const program& p, const std::optional<std::size_t>& si)
{
    if (!si) return "bloc";
    const auto& s = p.slots[*si];
    const bool same = std::all_of(s.by_year.begin(), s.by_year.end(), [&](const auto& v) { return v == s.by_year.front(); });
    if (same) return display_value(s, s.by_year.front());
    std::vector<std::string> parts;
    for (std::size_t y = 0; y < p.years.size(); ++y) parts.push_back(fmt::format("{}: {}", p.years[y], display_value(s, s.by_year[y])));
    return fmt::format("{}", fmt::join(parts, ", "));
}

}  // namespace

std::string describe_gate(const program& p, const group_info& g)
{
    std::vector<std::string> terms;
    for (const auto& t : g.gate) {
        const auto& other = p.groups[t.group].id;
        switch (t.quantifier) {
            case ast::gate_term::kind::all: terms.push_back(fmt::format("tous les indicateurs de {} atteints", other)); break;
            case ast::gate_term::kind::any: terms.push_back(fmt::format("au moins un indicateur de {} atteint", other)); break;
            case ast::gate_term::kind::at_least: terms.push_back(fmt::format("au moins {} indicateurs de {} atteints", t.k, other)); break;
        }
    }
    return fmt::format("{}", fmt::join(terms, " et "));
}

namespace {

}  // namespace

std::string summary(const program& p)
{
    std::string out;
    out += fmt::format("{} ({})\n", p.label, p.id);
    if (!p.reference.empty()) out += fmt::format("  Référence : {}\n", p.reference);
    if (!p.source_url.empty()) out += fmt::format("  Source : {}\n", p.source_url);
    if (!p.in_force.empty()) out += fmt::format("  Entrée en vigueur : {}\n", p.in_force);
    const auto& pv = p.slots[p.point_value_slot];
    std::vector<std::string> values;
    for (std::size_t y = 0; y < p.years.size(); ++y) values.push_back(display_value(pv, pv.by_year[y]));
    const bool same_value = std::all_of(values.begin(), values.end(), [&](const auto& v) { return v == values.front(); });
    out += fmt::format("  Années : {}   Valeur du point : {}\n", fmt::join(p.years, ", "), same_value && !values.empty() ? values.front() : fmt::format("{}", fmt::join(values, " / ")));

    // Column widths over the whole convention, so that every group lines up.
    std::size_t w_id = display_width("indicateur"), w_label = display_width("libellé"), w_measure = display_width("mesure"), w_points = display_width("points");
    std::vector<std::size_t> w_year(p.years.size(), 0);
    for (std::size_t y = 0; y < p.years.size(); ++y) w_year[y] = display_width(std::to_string(p.years[y]));
    for (const auto& i : p.indicators) {
        w_id = std::max(w_id, display_width(i.id));
        w_label = std::max(w_label, std::min<std::size_t>(display_width(i.label), 60));
        w_measure = std::max(w_measure, std::min<std::size_t>(display_width(i.measured.empty() ? "condition" : i.measured), 40));
        w_points = std::max(w_points, display_width(points_cell(p, i.points_slot)));
        for (std::size_t y = 0; y < p.years.size(); ++y) w_year[y] = std::max(w_year[y], display_width(target_cell(p, i, y)));
    }

    for (const auto& g : p.groups) {
        out += fmt::format("\n{} [{}]\n", g.label, g.id);
        if (!g.gate.empty()) out += fmt::format("  Accès : {}\n", describe_gate(p, g));
        if (g.block_slot) {
            out += fmt::format("  Paiement : {} points en bloc si {}\n", points_cell(p, g.block_slot), g.block_all ? "tous les indicateurs sont atteints" : fmt::format("au moins {} indicateurs sont atteints", g.block_k));
        }
        else {
            out += "  Paiement : chaque indicateur atteint est payé seul\n";
        }
        std::string head = fmt::format("  {}  {}  {}  {}", pad("indicateur", w_id), pad("libellé", w_label), pad("statut", 8), pad("mesure", w_measure));
        for (std::size_t y = 0; y < p.years.size(); ++y) head += "  " + pad(std::to_string(p.years[y]), w_year[y]);
        head += fmt::format("  {}  dénominateur nul\n", pad("points", w_points));
        out += head;
        for (const auto ii : g.indicators) {
            const auto& i = p.indicators[ii];
            const auto label = truncate(i.label, 60);
            const auto measure = truncate(i.measured.empty() ? std::string("condition") : i.measured, 40);
            std::string line = fmt::format("  {}  {}  {}  {}", pad(i.id, w_id), pad(label, w_label), pad(i.status == ast::indicator_status::declared ? "déclaré" : "calculé", 8), pad(measure, w_measure));
            for (std::size_t y = 0; y < p.years.size(); ++y) line += "  " + pad(target_cell(p, i, y), w_year[y]);
            line += fmt::format("  {}  {}\n", pad(points_cell(p, i.points_slot), w_points), policy_text(i));
            out += line;
        }
    }

    out += "\nMaximum (tous les indicateurs atteints)\n";
    for (const auto& m : maxima(p)) {
        if (m.beyond_64_bits) {
            out += fmt::format("  {} : trop grand pour l'arithmétique exacte (au-delà de 64 bits)\n", m.year);
        }
        else if (m.points && m.euros) {
            out += fmt::format("  {} : {} points = {} €\n", m.year, m.points->to_string(), m.euros->to_fixed(2));
        }
        else if (m.points) {
            out += fmt::format("  {} : {} points, valeur du point non fixée (XX)\n", m.year, m.points->to_string());
        }
        else {
            out += fmt::format("  {} : inconnu, au moins {} points ; non fixés (XX) : {}\n", m.year, m.known_points.to_string(), fmt::join(m.open, ", "));
        }
    }
    return out;
}

}  // namespace donum::compile
