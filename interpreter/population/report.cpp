#include "interpreter/population/report.hpp"

#include <algorithm>
#include <limits>
#include <unordered_set>
#include <utility>

#include <fmt/format.h>

#include "interpreter/compile/summary.hpp"
#include "interpreter/eval/payment.hpp"
#include "interpreter/exact/sum.hpp"
#include "interpreter/population/results.hpp"
#include "interpreter/population/runner.hpp"
#include "interpreter/population/sha256.hpp"
#include "interpreter/population/totals.hpp"

namespace donum::population {

using compile::display_value;
using compile::display_width;
using compile::indicator_info;
using compile::program;
using compile::summary;
using data::data_table;
using eval::indicator_outcome;
using eval::result;
using eval::value;
using exact::rational;

namespace ast = grammar::ast;

manifest_file hashed_file(std::string role, std::string path)
{
    auto sha = sha256_file(path);
    return {std::move(role), std::move(path), std::move(sha)};
}

manifest_file hashed_text(std::string role, std::string path, std::string_view bytes)
{
    return {std::move(role), std::move(path), sha256_text(bytes)};
}

std::optional<amount_distribution> distribution(std::vector<rational> amounts)
{
    if (amounts.empty()) return std::nullopt;
    std::sort(amounts.begin(), amounts.end());
    const auto n = amounts.size();
    amount_distribution d;
    exact::exact_sum sum;
    for (const auto& a : amounts) sum.add(a);
    const auto total = sum.value();
    if (!total) throw exact::overflow_error("the sum of the amounts is beyond 64 bits");
    d.mean = *total / rational(static_cast<std::int64_t>(n));
    // 0-based: x(k) of the header is amounts[k - 1].
    d.median = n % 2 == 1 ? amounts[n / 2] : (amounts[n / 2 - 1] + amounts[n / 2]) / rational(2);
    for (std::size_t k = 1; k <= 9; ++k) {
        const auto rank = (k * n + 9) / 10;  // ceil(k n / 10), >= 1 since n >= 1
        d.deciles[k - 1] = amounts[rank - 1];
    }
    d.maximum = amounts.back();
    return d;
}

namespace {

constexpr auto none = std::numeric_limits<std::size_t>::max();

// The only indicator of group g that is neither met nor neutralised, or none when there
// are zero or several: one missing indicator is what "blocked by one" is about.
std::size_t only_missing(const program& p, const result& r, std::size_t g)
{
    if (eval::counted(p, g, r) - r.group_met[g] != 1) return none;
    for (const auto i : p.groups[g].indicators) {
        if (r.indicators[i].outcome == indicator_outcome::not_met) return i;
    }
    return none;
}

}  // namespace

void sole_missing_indicators(const program& p, const result& r, std::vector<std::size_t>& out)
{
    out.clear();
    for (std::size_t g = 0; g < p.groups.size(); ++g) {
        const auto& gi = p.groups[g];
        std::size_t culprit = none;
        if (!r.group_open[g]) {
            bool single = true;
            for (const auto& t : gi.gate) {
                if (eval::term_holds(p, t, r)) continue;
                const auto h = t.group;
                const std::size_t required = eval::term_required(p, t, r);
                const std::size_t needed = r.group_met[h] >= required ? 0 : required - r.group_met[h];
                // A closed group behind the term, or more than one indicator wanted: no
                // single indicator would open g.
                const auto i = r.group_open[h] && needed == 1 ? only_missing(p, r, h) : none;
                if (i == none || (culprit != none && culprit != i)) {
                    single = false;
                    break;
                }
                culprit = i;
            }
            if (!single) culprit = none;
        }
        else if (gi.block_slot && !eval::block_paid(p, g, r)) {
            const std::size_t met = r.group_met[g];
            const auto needed = gi.block_all ? eval::counted(p, g, r) - met : gi.block_k - met;
            if (needed == 1) culprit = only_missing(p, r, g);
        }
        if (culprit != none) out.push_back(culprit);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
}

namespace {

// The near-miss window of one indicator in one year: low <(=) v <(=) high.
struct window {
    rational low;
    rational high;
    bool low_inclusive = true;
    bool high_inclusive = false;

    [[nodiscard]] bool contains(const rational& v) const
    {
        return (low_inclusive ? low <= v : low < v) && (high_inclusive ? v <= high : v < high);
    }
};

bool has_near_miss(const program& p, const indicator_info& i)
{
    if (!i.target_slot || !i.measured_node) return false;
    const auto c = comparison_text(i.measured_comparison());
    return p.slots[*i.target_slot].type == compile::value_type::rate && (c == ">=" || c == ">" || c == "<=" || c == "<");
}

std::optional<window> near_miss_window(const program& p, const indicator_info& i, std::size_t year_index, const rational& margin)
{
    if (!has_near_miss(p, i)) return std::nullopt;
    const auto& target = p.slots[*i.target_slot].by_year[year_index];
    if (!target) return std::nullopt;  // XX: the pass refuses the year anyway
    const auto c = comparison_text(i.measured_comparison());
    if (c == ">=") return window{*target - margin, *target, true, false};
    if (c == ">") return window{*target - margin, *target, true, true};
    if (c == "<=") return window{*target, *target + margin, false, true};
    return window{*target, *target + margin, true, true};
}

// The counts and sums of one section over some rows: of one share while rows come in, then
// of the whole section once the shares are merged in row order.
struct tally {
    std::size_t physicians = 0;
    std::size_t paid = 0;
    std::size_t blocked_by_one = 0;
    exact::exact_sum points;
    exact::exact_sum euros;
    std::vector<std::size_t> open;        // by group
    std::vector<std::size_t> block_paid;  // by group
    std::vector<exact::exact_sum> group_points;
    std::vector<std::size_t> met;  // by indicator, and the same below
    std::vector<std::size_t> neutralised;
    std::vector<std::size_t> paid_count;
    std::vector<std::size_t> near_misses;
    std::vector<std::size_t> blocked_alone;
    std::vector<rational> amounts;  // in row order
    std::unordered_set<std::string_view> ids;

    tally(std::size_t groups, std::size_t indicators)
        : open(groups), block_paid(groups), group_points(groups), met(indicators), neutralised(indicators), paid_count(indicators), near_misses(indicators), blocked_alone(indicators)
    {
    }

    void add(const tally& o)
    {
        physicians += o.physicians;
        paid += o.paid;
        blocked_by_one += o.blocked_by_one;
        points.add(o.points);
        euros.add(o.euros);
        for (std::size_t g = 0; g < open.size(); ++g) {
            open[g] += o.open[g];
            block_paid[g] += o.block_paid[g];
            group_points[g].add(o.group_points[g]);
        }
        for (std::size_t i = 0; i < met.size(); ++i) {
            met[i] += o.met[i];
            neutralised[i] += o.neutralised[i];
            paid_count[i] += o.paid_count[i];
            near_misses[i] += o.near_misses[i];
            blocked_alone[i] += o.blocked_alone[i];
        }
        amounts.insert(amounts.end(), o.amounts.begin(), o.amounts.end());
        ids.insert(o.ids.begin(), o.ids.end());
    }
};

// The section of `t`, for the year of index `y` (its points and point value), or of all
// years (y absent: euros are the sums of the years', passed in `years`).
report_section finish(const program& p, const tally& t, std::optional<std::size_t> y, const std::vector<report_section>& years)
{
    report_section s;
    if (y) s.year = p.years[*y];
    s.physicians = t.physicians;
    s.paid = t.paid;
    s.unpaid = t.physicians - t.paid;
    s.blocked_by_one = t.blocked_by_one;
    s.distinct_ids = t.ids.size();
    s.points = total(p, t.points);
    s.euros = total(p, t.euros);
    s.amounts = guard_totals(p, [&] { return distribution(t.amounts); });
    // A year present is evaluated, so its point value and points are set.
    const auto point_value = y ? p.slots[p.point_value_slot].by_year[*y].value_or(rational(0)) : rational(0);
    s.groups.resize(p.groups.size());
    for (std::size_t g = 0; g < p.groups.size(); ++g) {
        auto& gs = s.groups[g];
        gs.open = t.open[g];
        if (p.groups[g].block_slot) gs.block_paid = t.block_paid[g];
        gs.points = total(p, t.group_points[g]);
        exact::exact_sum euros;
        if (y) euros.add(guard_totals(p, [&] { return gs.points * point_value; }));
        for (const auto& ys : years) euros.add(ys.groups[g].euros);
        gs.euros = total(p, euros);
    }
    s.indicators.resize(p.indicators.size());
    for (std::size_t i = 0; i < p.indicators.size(); ++i) {
        auto& st = s.indicators[i];
        const auto& info = p.indicators[i];
        st.met = t.met[i];
        st.neutralised = t.neutralised[i];
        st.blocked_alone = t.blocked_alone[i];
        if (has_near_miss(p, info)) st.near_misses = t.near_misses[i];
        if (p.groups[info.group].block_slot) continue;
        st.paid = t.paid_count[i];
        exact::exact_sum points;
        exact::exact_sum euros;
        if (y) {
            const auto& slot_index = info.points_slot;
            const auto each = slot_index ? p.slots[*slot_index].by_year[*y].value_or(rational(0)) : rational(0);
            const auto paid_points = guard_totals(p, [&] { return each * rational(static_cast<std::int64_t>(t.paid_count[i])); });
            points.add(paid_points);
            euros.add(guard_totals(p, [&] { return paid_points * point_value; }));
        }
        for (const auto& ys : years) {
            points.add(*ys.indicators[i].points);
            euros.add(*ys.indicators[i].euros);
        }
        st.points = total(p, points);
        st.euros = total(p, euros);
    }
    return s;
}

}  // namespace

population_report compute_report(const program& p, const data_table& table, const report_options& options)
{
    const auto n_ind = p.indicators.size();
    const auto n_grp = p.groups.size();
    const auto present = table.year_indexes();

    std::vector<std::size_t> section_of(p.years.size(), none);
    std::vector<std::optional<window>> windows(p.years.size() * n_ind);
    for (std::size_t k = 0; k < present.size(); ++k) {
        const auto y = present[k];
        section_of[y] = k;
        for (std::size_t i = 0; i < n_ind; ++i) windows[y * n_ind + i] = near_miss_window(p, p.indicators[i], y, options.near_miss_margin);
    }

    // Each share tallies its rows by section; the shares are merged in row order.
    struct share {
        std::vector<tally> sections;
        std::vector<std::size_t> blamed;
    };
    const year_evaluators evaluators(p, table);
    auto shares = for_each_evaluated_row<share>(
        table, evaluators, [&] { return share{std::vector<tally>(present.size(), tally(n_grp, n_ind)), {}}; },
        [&](share& sh, std::size_t row, const result& r) {
            const auto y = table.year_index(row);
            auto& t = sh.sections[section_of[y]];
            ++t.physicians;
            t.ids.insert(table.id(row));
            if (r.euros > rational(0)) ++t.paid;
            t.points.add(r.points);
            t.euros.add(r.euros);
            t.amounts.push_back(r.euros);
            for (std::size_t g = 0; g < n_grp; ++g) {
                if (r.group_open[g]) ++t.open[g];
                if (eval::block_paid(p, g, r)) ++t.block_paid[g];
                // Group euros come from its points at the end: one product per year, not per row.
                t.group_points[g].add(r.group_points[g]);
            }
            for (std::size_t i = 0; i < n_ind; ++i) {
                const auto& info = p.indicators[i];
                const auto outcome = r.indicators[i].outcome;
                if (outcome == indicator_outcome::met) {
                    ++t.met[i];
                    if (r.group_open[info.group]) ++t.paid_count[i];
                }
                else if (outcome == indicator_outcome::neutralised) {
                    ++t.neutralised[i];
                }
                else if (const auto& w = windows[y * n_ind + i]) {
                    const auto& v = r.values[static_cast<std::size_t>(*info.measured_node)];
                    if (v.defined() && w->contains(v.exact())) ++t.near_misses[i];
                }
            }
            sole_missing_indicators(p, r, sh.blamed);
            for (const auto i : sh.blamed) ++t.blocked_alone[i];
            if (!sh.blamed.empty()) ++t.blocked_by_one;
        });

    population_report out;
    out.data_file = table.file();
    out.near_miss_margin = options.near_miss_margin;
    tally all(n_grp, n_ind);
    for (std::size_t k = 0; k < present.size(); ++k) {
        tally t(n_grp, n_ind);
        for (const auto& sh : shares) t.add(sh.sections[k]);
        out.sections.push_back(finish(p, t, present[k], {}));
        all.add(t);
    }
    if (present.size() != 1) out.sections.push_back(finish(p, all, std::nullopt, out.sections));
    return out;
}

namespace {

// ---------------------------------------------------------------------------------------
// Number formats.

// "87.1 %" of `total`; "-" when there is no physician to take a share of.
std::string percent_text(std::size_t count, std::size_t total)
{
    if (total == 0) return "-";
    // Always one decimal, so that a column of percentages lines up on the point.
    const rational share(static_cast<std::int64_t>(count), static_cast<std::int64_t>(total));
    return (share * rational(100)).to_fixed(1) + " %";
}

// The same, as a JSON or CSV number with 2 decimals at most; 0 when there is no physician.
std::string percent_number(std::size_t count, std::size_t total)
{
    if (total == 0) return "0";
    return rational(static_cast<std::int64_t>(count), static_cast<std::int64_t>(total)).to_percent(2);
}

std::string euros_text(const rational& v) { return v.to_fixed(2) + " €"; }

// An exact decimal with at least `min_decimals` digits after the point; rounded to 6
// decimals only when the value has no decimal expansion within 6 digits (a mean).
std::string exact_number(const rational& v, int min_decimals)
{
    auto text = v.to_string(6);
    if (text.find('/') != std::string::npos) text = v.to_fixed(6);
    const auto point = text.find('.');
    const auto decimals = point == std::string::npos ? 0 : text.size() - point - 1;
    if (decimals < static_cast<std::size_t>(min_decimals)) {
        if (point == std::string::npos) text += '.';
        text.append(static_cast<std::size_t>(min_decimals) - decimals, '0');
    }
    return text;
}

std::string count_text(std::size_t n) { return std::to_string(n); }

std::string section_title(const report_section& s)
{
    return s.year ? fmt::format("Année {}", *s.year) : std::string("Toutes années");
}

std::string dotted_id(const program& p, const indicator_info& i) { return p.groups[i.group].id + "." + i.id; }

std::vector<int> years_present(const population_report& r)
{
    std::vector<int> out;
    for (const auto& s : r.sections) {
        if (s.year) out.push_back(*s.year);
    }
    return out;
}

// "30 %" preceded by the comparator; "-" without a target.
std::string target_of_year(const program& p, const indicator_info& i, int year)
{
    if (!i.target_slot) return "-";
    const auto& s = p.slots[*i.target_slot];
    const auto y = p.year_index(year);
    const auto text = display_value(s, y ? s.by_year[*y] : std::nullopt);
    return i.measured_comparison() == compile::comparison::none ? text : fmt::format("{} {}", comparison_text(i.measured_comparison()), text);
}

// The target of a section; for all years, each year's when they differ.
std::string target_text(const program& p, const population_report& r, const indicator_info& i, const report_section& s)
{
    if (s.year) return target_of_year(p, i, *s.year);
    const auto years = years_present(r);
    std::vector<std::string> texts;
    for (const auto y : years) texts.push_back(target_of_year(p, i, y));
    if (texts.empty()) return "-";
    if (std::all_of(texts.begin(), texts.end(), [&](const auto& t) { return t == texts.front(); })) return texts.front();
    std::vector<std::string> parts;
    for (std::size_t k = 0; k < years.size(); ++k) parts.push_back(fmt::format("{} ({})", texts[k], years[k]));
    return fmt::format("{}", fmt::join(parts, ", "));
}

std::string margin_text(const population_report& r) { return (r.near_miss_margin * rational(100)).to_string(); }

// ---------------------------------------------------------------------------------------
// Tables shared by the terminal and Markdown renderers.

struct grid {
    std::vector<std::string> head;
    std::vector<bool> right;  ///< right-aligned columns (numbers)
    std::vector<std::vector<std::string>> rows;
};

// Columns padded to their widest cell, two spaces apart; the last column is not padded so
// that long labels do not push trailing spaces.
std::string render_aligned(const grid& t, std::string_view indent)
{
    std::vector<std::size_t> width(t.head.size(), 0);
    auto measure = [&](const std::vector<std::string>& row) {
        for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], display_width(row[c]));
    };
    measure(t.head);
    for (const auto& row : t.rows) measure(row);
    std::string out;
    auto line = [&](const std::vector<std::string>& row) {
        std::string text(indent);
        for (std::size_t c = 0; c < row.size(); ++c) {
            if (c > 0) text += "  ";
            const bool last = c + 1 == row.size();
            const auto w = display_width(row[c]);
            if (t.right[c] && w < width[c]) text.append(width[c] - w, ' ');
            text += row[c];
            if (!t.right[c] && !last && w < width[c]) text.append(width[c] - w, ' ');
        }
        while (!text.empty() && text.back() == ' ') text.pop_back();
        out += text + "\n";
    };
    line(t.head);
    for (const auto& row : t.rows) line(row);
    return out;
}

// A Markdown table cell: pipes escaped, line breaks flattened, never empty.
std::string md_cell(std::string_view text)
{
    std::string out;
    for (const char c : text) {
        if (c == '|') out += "\\|";
        else if (c == '\n' || c == '\r') out += ' ';
        else out += c;
    }
    return out.empty() ? std::string(" ") : out;
}

std::string render_markdown(const grid& t)
{
    // fmt rather than " " + string: GCC 12 warns falsely (-Wrestrict) on the latter.
    std::string out = "|";
    for (const auto& h : t.head) out += fmt::format(" {} |", md_cell(h));
    out += "\n|";
    for (const bool r : t.right) out += r ? " ---: |" : " --- |";
    out += "\n";
    for (const auto& row : t.rows) {
        out += "|";
        for (const auto& cell : row) out += fmt::format(" {} |", md_cell(cell));
        out += "\n";
    }
    return out;
}

grid files_grid(const manifest& m)
{
    grid t{{"Rôle", "Fichier", "SHA-256"}, {false, false, false}, {}};
    for (const auto& f : m.files) t.rows.push_back({f.role, f.path, f.sha256});
    return t;
}

grid totals_grid(const report_section& s)
{
    grid t{{"Mesure", "Valeur", "Part"}, {false, true, true}, {}};
    const auto n = s.physicians;
    t.rows.push_back({s.year ? "Médecins évalués" : "Médecins évalués (lignes médecin-année)", count_text(n), ""});
    if (!s.year) t.rows.push_back({"Médecins distincts", count_text(s.distinct_ids), ""});
    t.rows.push_back({"Médecins payés", count_text(s.paid), percent_text(s.paid, n)});
    t.rows.push_back({"Médecins sans paiement", count_text(s.unpaid), percent_text(s.unpaid, n)});
    t.rows.push_back({"Médecins bloqués par un seul indicateur", count_text(s.blocked_by_one), percent_text(s.blocked_by_one, n)});
    t.rows.push_back({"Points payés", s.points.to_string(), ""});
    t.rows.push_back({"Montant total", euros_text(s.euros), ""});
    return t;
}

grid amounts_grid(const amount_distribution& d)
{
    grid t{{"Mesure", "Montant"}, {false, true}, {}};
    t.rows.push_back({"Moyenne", euros_text(d.mean)});
    t.rows.push_back({"Médiane", euros_text(d.median)});
    for (std::size_t k = 0; k < d.deciles.size(); ++k) t.rows.push_back({fmt::format("D{} ({} %)", k + 1, 10 * (k + 1)), euros_text(d.deciles[k])});
    t.rows.push_back({"Maximum", euros_text(d.maximum)});
    return t;
}

grid groups_grid(const program& p, const report_section& s)
{
    grid t{{"Groupe", "Accès ouvert", "%", "Bloc payé", "%", "Points", "Coût", "Libellé"}, {false, true, true, true, true, true, true, false}, {}};
    for (std::size_t g = 0; g < p.groups.size(); ++g) {
        const auto& gs = s.groups[g];
        const auto& bp = gs.block_paid;
        t.rows.push_back({p.groups[g].id, count_text(gs.open), percent_text(gs.open, s.physicians), bp ? count_text(*bp) : "-", bp ? percent_text(*bp, s.physicians) : "-", gs.points.to_string(), euros_text(gs.euros), p.groups[g].label});
    }
    return t;
}

grid indicators_grid(const program& p, const population_report& r, const report_section& s)
{
    grid t{{"Indicateur", "Cible", "Atteint", "%", "Payé", "%", fmt::format("Proches ({} pts)", margin_text(r)), "Seul manquant", "Points", "Coût", "Libellé"},
           {false, false, true, true, true, true, true, true, true, true, false},
           {}};
    const auto n = s.physicians;
    for (std::size_t i = 0; i < p.indicators.size(); ++i) {
        const auto& info = p.indicators[i];
        const auto& st = s.indicators[i];
        t.rows.push_back({dotted_id(p, info),
                          target_text(p, r, info, s),
                          count_text(st.met),
                          percent_text(st.met, n),
                          st.paid ? count_text(*st.paid) : "bloc",
                          st.paid ? percent_text(*st.paid, n) : "-",
                          st.near_misses ? count_text(*st.near_misses) : "-",
                          count_text(st.blocked_alone),
                          st.points ? st.points->to_string() : "bloc",
                          st.euros ? euros_text(*st.euros) : "bloc",
                          info.label});
    }
    return t;
}

// Definitions for readers, one sentence each, as bullet texts.
std::vector<std::string> definitions(const population_report& r)
{
    const auto margin = margin_text(r);
    return {
        "Atteint : la condition de l'indicateur est remplie (ou sa règle de dénominateur nul le déclare atteint), que son groupe soit ouvert ou non.",
        "Payé : atteint et groupe ouvert ; l'indicateur rapporte ses points. « bloc » : l'indicateur est payé avec son groupe, dont le coût figure dans le tableau des groupes.",
        fmt::format("Proches ({0} pts) : indicateur non atteint dont le taux mesuré est à {0} points de pourcentage au plus de la cible, du côté manqué (cible - {0} points <= taux < cible ; <= cible pour « > ») ; seulement pour les cibles exprimées en taux, « - » sinon.", margin),
        "Seul manquant : médecins pour qui cet indicateur est le seul qui manque pour ouvrir un groupe ou obtenir les points d'un bloc ; chaque médecin compte au plus une fois par indicateur.",
        "Coût : points payés pour l'indicateur (ou le groupe) multipliés par la valeur du point de l'année.",
        "Montants par médecin : moyenne exacte ; médiane = montant du milieu (moyenne des deux montants du milieu quand le nombre de médecins est pair) ; décile Dk = montant de rang ⌈k × n / 10⌉ parmi les n montants triés (rang le plus proche) ; arrondis au centime à l'affichage.",
        "Toutes années : chaque ligne (médecin, année) compte comme un médecin.",
    };
}

std::string parameters_text(const manifest& m)
{
    if (m.parameters.empty()) return "aucun (valeurs des fichiers de règles et de scénario)";
    return fmt::format("{}", fmt::join(m.parameters, ", "));
}

std::string render_table(const program& p, const population_report& r, const manifest& m)
{
    std::string out = fmt::format("Rapport de population : {} ({})\n\n", p.label, p.id);
    out += "Manifeste\n";
    out += fmt::format("  Version de donum : {}\n", m.donum_version);
    out += fmt::format("  Date : {}\n", m.date);
    out += fmt::format("  Données évaluées : {}\n", r.data_file);
    out += fmt::format("  Paramètres fixés : {}\n", parameters_text(m));
    out += "  Fichiers :\n";
    out += render_aligned(files_grid(m), "    ");
    for (const auto& s : r.sections) {
        out += fmt::format("\n{}\n\n  Totaux\n", section_title(s));
        out += render_aligned(totals_grid(s), "    ");
        if (s.amounts) {
            out += "\n  Montant par médecin\n";
            out += render_aligned(amounts_grid(*s.amounts), "    ");
        }
        out += "\n  Groupes\n";
        out += render_aligned(groups_grid(p, s), "    ");
        out += "\n  Indicateurs\n";
        out += render_aligned(indicators_grid(p, r, s), "    ");
    }
    out += "\nDéfinitions\n";
    for (const auto& d : definitions(r)) out += "  - " + d + "\n";
    return out;
}

std::string render_md(const program& p, const population_report& r, const manifest& m)
{
    std::string out = fmt::format("# Rapport de population : {}\n\n", md_cell(p.label));
    out += "## Manifeste\n\n";
    grid facts{{"Élément", "Valeur"}, {false, false}, {}};
    facts.rows.push_back({"Convention", fmt::format("{} ({})", p.label, p.id)});
    facts.rows.push_back({"Version de donum", m.donum_version});
    facts.rows.push_back({"Date", m.date});
    facts.rows.push_back({"Données évaluées", r.data_file});
    facts.rows.push_back({"Paramètres fixés", parameters_text(m)});
    out += render_markdown(facts) + "\n";
    out += render_markdown(files_grid(m));
    for (const auto& s : r.sections) {
        out += fmt::format("\n## {}\n\n### Totaux\n\n", section_title(s));
        out += render_markdown(totals_grid(s));
        if (s.amounts) out += "\n### Montant par médecin\n\n" + render_markdown(amounts_grid(*s.amounts));
        out += "\n### Groupes\n\n" + render_markdown(groups_grid(p, s));
        out += "\n### Indicateurs\n\n" + render_markdown(indicators_grid(p, r, s));
    }
    out += "\n## Définitions\n\n";
    for (const auto& d : definitions(r)) out += "- " + d + "\n";
    return out;
}

// ---------------------------------------------------------------------------------------
// CSV, long format.

class csv_writer {
public:
    csv_writer() { m_out = "section,année,élément,mesure,valeur\n"; }

    void row(std::string_view section, std::string_view year, std::string_view item, std::string_view measure, std::string_view value)
    {
        m_out += fmt::format("{},{},{},{},{}\n", csv_field(section), csv_field(year), csv_field(item), csv_field(measure), csv_field(value));
    }

    [[nodiscard]] std::string take() { return std::move(m_out); }

private:
    std::string m_out;
};

std::string render_csv(const program& p, const population_report& r, const manifest& m)
{
    csv_writer w;
    w.row("manifeste", "", "", "version_donum", m.donum_version);
    w.row("manifeste", "", "", "date", m.date);
    for (const auto& f : m.files) {
        w.row("manifeste", "", f.path, "rôle", f.role);
        w.row("manifeste", "", f.path, "sha256", f.sha256);
    }
    for (const auto& param : m.parameters) w.row("manifeste", "", "", "paramètre", param);
    w.row("convention", "", "", "identifiant", p.id);
    w.row("convention", "", "", "libellé", p.label);
    w.row("convention", "", "", "données", r.data_file);
    w.row("convention", "", "", "marge_proches_points_de_pourcentage", margin_text(r));
    for (const auto& g : p.groups) w.row("groupe", "", g.id, "libellé", g.label);
    for (const auto& i : p.indicators) w.row("indicateur", "", dotted_id(p, i), "libellé", i.label);
    for (const auto& s : r.sections) {
        const auto year = s.year ? std::to_string(*s.year) : std::string("toutes");
        const auto n = s.physicians;
        w.row("totaux", year, "", "médecins", count_text(n));
        w.row("totaux", year, "", "médecins_distincts", count_text(s.distinct_ids));
        w.row("totaux", year, "", "payés", count_text(s.paid));
        w.row("totaux", year, "", "pourcentage_payés", percent_number(s.paid, n));
        w.row("totaux", year, "", "non_payés", count_text(s.unpaid));
        w.row("totaux", year, "", "pourcentage_non_payés", percent_number(s.unpaid, n));
        w.row("totaux", year, "", "bloqués_par_un_seul", count_text(s.blocked_by_one));
        w.row("totaux", year, "", "pourcentage_bloqués_par_un_seul", percent_number(s.blocked_by_one, n));
        w.row("totaux", year, "", "points", exact_number(s.points, 0));
        w.row("totaux", year, "", "euros", exact_number(s.euros, 2));
        if (s.amounts) {
            const auto& d = *s.amounts;
            w.row("répartition", year, "", "moyenne", exact_number(d.mean, 2));
            w.row("répartition", year, "", "médiane", exact_number(d.median, 2));
            for (std::size_t k = 0; k < d.deciles.size(); ++k) w.row("répartition", year, "", fmt::format("d{}", k + 1), exact_number(d.deciles[k], 2));
            w.row("répartition", year, "", "maximum", exact_number(d.maximum, 2));
        }
        for (std::size_t g = 0; g < p.groups.size(); ++g) {
            const auto& gs = s.groups[g];
            const auto& id = p.groups[g].id;
            w.row("groupe", year, id, "accès_ouvert", count_text(gs.open));
            w.row("groupe", year, id, "pourcentage_accès_ouvert", percent_number(gs.open, n));
            if (gs.block_paid) {
                w.row("groupe", year, id, "bloc_payé", count_text(*gs.block_paid));
                w.row("groupe", year, id, "pourcentage_bloc_payé", percent_number(*gs.block_paid, n));
            }
            w.row("groupe", year, id, "points", exact_number(gs.points, 0));
            w.row("groupe", year, id, "euros", exact_number(gs.euros, 2));
        }
        for (std::size_t i = 0; i < p.indicators.size(); ++i) {
            const auto& info = p.indicators[i];
            const auto& st = s.indicators[i];
            const auto id = dotted_id(p, info);
            if (s.year && info.target_slot) {
                const auto& slot_values = p.slots[*info.target_slot].by_year;
                const auto y = p.year_index(*s.year);
                if (y && slot_values[*y]) w.row("indicateur", year, id, "cible", slot_values[*y]->to_string());
            }
            w.row("indicateur", year, id, "atteints", count_text(st.met));
            w.row("indicateur", year, id, "pourcentage_atteints", percent_number(st.met, n));
            w.row("indicateur", year, id, "neutralisés", count_text(st.neutralised));
            if (st.paid) {
                w.row("indicateur", year, id, "payés", count_text(*st.paid));
                w.row("indicateur", year, id, "pourcentage_payés", percent_number(*st.paid, n));
            }
            if (st.near_misses) {
                w.row("indicateur", year, id, "proches_cible", count_text(*st.near_misses));
                w.row("indicateur", year, id, "pourcentage_proches_cible", percent_number(*st.near_misses, n));
            }
            w.row("indicateur", year, id, "seul_manquant", count_text(st.blocked_alone));
            w.row("indicateur", year, id, "pourcentage_seul_manquant", percent_number(st.blocked_alone, n));
            if (st.points) w.row("indicateur", year, id, "points", exact_number(*st.points, 0));
            if (st.euros) w.row("indicateur", year, id, "euros", exact_number(*st.euros, 2));
        }
    }
    return w.take();
}

// ---------------------------------------------------------------------------------------
// JSON.

template <typename T, typename F>
std::string json_optional(const std::optional<T>& v, F&& format)
{
    return v ? format(*v) : std::string("null");
}

std::string render_json(const program& p, const population_report& r, const manifest& m)
{
    std::string out = "{\n  \"manifest\": {\n";
    out += fmt::format("    \"donum_version\": {},\n    \"date\": {},\n    \"files\": [", json_string(m.donum_version), json_string(m.date));
    for (std::size_t k = 0; k < m.files.size(); ++k) {
        const auto& f = m.files[k];
        out += fmt::format("{}\n      {{\"role\": {}, \"path\": {}, \"sha256\": {}}}", k == 0 ? "" : ",", json_string(f.role), json_string(f.path), json_string(f.sha256));
    }
    out += m.files.empty() ? "],\n    \"parameters\": [" : "\n    ],\n    \"parameters\": [";
    for (std::size_t k = 0; k < m.parameters.size(); ++k) out += (k == 0 ? "" : ", ") + json_string(m.parameters[k]);
    out += "]\n  },\n";
    out += fmt::format("  \"convention\": {{\"id\": {}, \"label\": {}}},\n", json_string(p.id), json_string(p.label));
    out += fmt::format("  \"data\": {},\n", json_string(r.data_file));
    out += fmt::format("  \"near_miss_margin_percent\": {},\n", exact_number(r.near_miss_margin * rational(100), 0));

    out += "  \"groups\": [";
    for (std::size_t g = 0; g < p.groups.size(); ++g) {
        const auto& gi = p.groups[g];
        out += fmt::format("{}\n    {{\"id\": {}, \"label\": {}, \"block\": {}}}", g == 0 ? "" : ",", json_string(gi.id), json_string(gi.label), gi.block_slot ? "true" : "false");
    }
    out += "\n  ],\n  \"indicators\": [";
    const auto years = years_present(r);
    for (std::size_t i = 0; i < p.indicators.size(); ++i) {
        const auto& info = p.indicators[i];
        auto by_year = [&](std::size_t slot_index, bool as_text) {
            std::vector<std::string> parts;
            for (const auto y : years) {
                const auto& v = p.slots[slot_index].by_year[*p.year_index(y)];
                const auto text = v ? (as_text ? json_string(v->to_string()) : exact_number(*v, 0)) : std::string("null");
                parts.push_back(fmt::format("\"{}\": {}", y, text));
            }
            return fmt::format("{{{}}}", fmt::join(parts, ", "));
        };
        out += fmt::format("{}\n    {{\"id\": {}, \"label\": {}, \"group\": {}, \"comparator\": {}, \"targets\": {}, \"points\": {}}}", i == 0 ? "" : ",", json_string(dotted_id(p, info)), json_string(info.label), json_string(p.groups[info.group].id), json_string(comparison_text(info.measured_comparison())),
                           info.target_slot ? by_year(*info.target_slot, true) : std::string("null"), info.points_slot ? by_year(*info.points_slot, false) : std::string("null"));
    }
    out += "\n  ],\n  \"sections\": [";
    for (std::size_t k = 0; k < r.sections.size(); ++k) {
        const auto& s = r.sections[k];
        const auto n = s.physicians;
        auto count = [&](std::size_t c) { return count_text(c); };
        auto share = [&](std::size_t c) { return percent_number(c, n); };
        out += fmt::format("{}\n    {{\n      \"year\": {},\n", k == 0 ? "" : ",", s.year ? std::to_string(*s.year) : std::string("null"));
        out += fmt::format("      \"physicians\": {}, \"distinct_ids\": {}, \"paid\": {}, \"paid_percent\": {}, \"unpaid\": {}, \"unpaid_percent\": {},\n", n, s.distinct_ids, s.paid, share(s.paid), s.unpaid, share(s.unpaid));
        out += fmt::format("      \"blocked_by_one\": {}, \"blocked_by_one_percent\": {}, \"points\": {}, \"euros\": {},\n", s.blocked_by_one, share(s.blocked_by_one), exact_number(s.points, 0), exact_number(s.euros, 2));
        if (s.amounts) {
            const auto& d = *s.amounts;
            std::vector<std::string> deciles;
            for (const auto& x : d.deciles) deciles.push_back(exact_number(x, 2));
            out += fmt::format("      \"amounts\": {{\"mean\": {}, \"median\": {}, \"deciles\": [{}], \"maximum\": {}}},\n", exact_number(d.mean, 2), exact_number(d.median, 2), fmt::join(deciles, ", "), exact_number(d.maximum, 2));
        }
        else {
            out += "      \"amounts\": null,\n";
        }
        out += "      \"groups\": [";
        for (std::size_t g = 0; g < p.groups.size(); ++g) {
            const auto& gs = s.groups[g];
            out += fmt::format("{}\n        {{\"id\": {}, \"open\": {}, \"open_percent\": {}, \"block_paid\": {}, \"block_paid_percent\": {}, \"points\": {}, \"euros\": {}}}", g == 0 ? "" : ",", json_string(p.groups[g].id), gs.open, share(gs.open), json_optional(gs.block_paid, count), json_optional(gs.block_paid, share),
                               exact_number(gs.points, 0), exact_number(gs.euros, 2));
        }
        out += "\n      ],\n      \"indicators\": [";
        for (std::size_t i = 0; i < p.indicators.size(); ++i) {
            const auto& st = s.indicators[i];
            auto points = [](const rational& v) { return exact_number(v, 0); };
            auto euros = [](const rational& v) { return exact_number(v, 2); };
            out += fmt::format(
                "{}\n        {{\"id\": {}, \"met\": {}, \"met_percent\": {}, \"neutralised\": {}, \"paid\": {}, \"paid_percent\": {}, \"near_misses\": {}, \"near_misses_percent\": {}, \"blocked_alone\": {}, \"blocked_alone_percent\": {}, \"points\": {}, \"euros\": {}}}", i == 0 ? "" : ",",
                json_string(dotted_id(p, p.indicators[i])), st.met, share(st.met), st.neutralised, json_optional(st.paid, count), json_optional(st.paid, share), json_optional(st.near_misses, count), json_optional(st.near_misses, share), st.blocked_alone, share(st.blocked_alone),
                json_optional(st.points, points), json_optional(st.euros, euros));
        }
        out += "\n      ]\n    }";
    }
    out += r.sections.empty() ? "]\n}\n" : "\n  ]\n}\n";
    return out;
}

}  // namespace

std::string render_report(const program& p, const population_report& r, const manifest& m, report_format format)
{
    switch (format) {
        case report_format::table: return render_table(p, r, m);
        case report_format::csv: return render_csv(p, r, m);
        case report_format::json: return render_json(p, r, m);
        case report_format::md: return render_md(p, r, m);
    }
    return render_table(p, r, m);
}

}  // namespace donum::population
