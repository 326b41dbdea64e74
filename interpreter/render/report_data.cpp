#include "interpreter/render/report_data.hpp"

#include <optional>

#include <fmt/format.h>

#include "interpreter/messages/messages.hpp"
#include "interpreter/render/writers.hpp"
#include "interpreter/text/fr.hpp"

namespace donum::render {

using compile::program;
using exact::rational;
using population::manifest;
using population::population_report;

std::string margin_text(const population_report& r) { return (r.near_miss_margin * rational(100)).to_string(); }

std::string role_text(const std::string& role)
{
    if (role == "règles") return messages::tr("rules");
    if (role == "scénario") return messages::tr("scenario");
    if (role == "données") return messages::tr("data");
    return role;
}

std::vector<int> years_present(const population_report& r)
{
    std::vector<int> out;
    for (const auto& s : r.sections) {
        if (s.year) out.push_back(*s.year);
    }
    return out;
}

// ---------------------------------------------------------------------------------------
// Numbers for programs: exact decimals.

std::string exact_number(const rational& v, int min_decimals)
{
    auto digits = v.to_string(6);
    if (digits.find('/') != std::string::npos) digits = v.to_fixed(6);
    const auto point = digits.find('.');
    const auto decimals = point == std::string::npos ? 0 : digits.size() - point - 1;
    if (decimals < static_cast<std::size_t>(min_decimals)) {
        if (point == std::string::npos) digits += '.';
        digits.append(static_cast<std::size_t>(min_decimals) - decimals, '0');
    }
    return digits;
}

std::string points_number(const rational& v) { return exact_number(v, 0); }

std::string euros_number(const rational& v) { return exact_number(v, 2); }

namespace {

// ---------------------------------------------------------------------------------------
// Numbers for programs: '.' as decimal separator, no unit.

// A share of `total` as a percentage with 2 decimals at most ("87.15", "100"); 0 when there
// is no physician to take a share of.
std::string percent_number(std::size_t count, std::size_t total)
{
    if (total == 0) return "0";
    return rational(static_cast<std::int64_t>(count), static_cast<std::int64_t>(total)).to_percent(2);
}


}  // namespace

// ---------------------------------------------------------------------------------------
// CSV, long format: one figure per row.

std::string report_csv(const program& p, const population_report& r, const manifest& m)
{
    csv_writer w;
    // Figures are numbers (a decimal comma in the French dialect); texts are kept as written.
    auto row = [&](std::string_view section, std::string_view year, std::string_view item, std::string_view measure, std::string_view value) {
        const bool text = section == "manifeste" || measure == "libellé" || measure == "identifiant" || measure == "données" || section == "section";
        w.field(section).field(year).field(item).field(measure);
        if (text) w.field(value);
        else w.number(value);
        w.end_row();
    };
    row("section", "année", "élément", "mesure", "valeur");
    row("manifeste", "", "", "version_donum", m.donum_version);
    row("manifeste", "", "", "date", m.date);
    for (const auto& f : m.files) {
        row("manifeste", "", f.path, "rôle", f.role);
        row("manifeste", "", f.path, "sha256", f.sha256);
    }
    for (const auto& param : m.parameters) row("manifeste", "", "", "paramètre", param);
    row("convention", "", "", "identifiant", p.id);
    row("convention", "", "", "libellé", p.label);
    row("convention", "", "", "données", r.data_file);
    row("convention", "", "", "marge_proches_points_de_pourcentage", margin_text(r));
    for (const auto& g : p.groups) row("groupe", "", g.id, "libellé", g.label);
    for (const auto& i : p.indicators) row("indicateur", "", text::dotted_id(p, i), "libellé", i.label);
    for (const auto& s : r.sections) {
        const auto year = s.year ? std::to_string(*s.year) : std::string("toutes");
        const auto n = s.physicians;
        row("totaux", year, "", "médecins", std::to_string(n));
        row("totaux", year, "", "médecins_distincts", std::to_string(s.distinct_ids));
        row("totaux", year, "", "payés", std::to_string(s.paid));
        row("totaux", year, "", "pourcentage_payés", percent_number(s.paid, n));
        row("totaux", year, "", "non_payés", std::to_string(s.unpaid));
        row("totaux", year, "", "pourcentage_non_payés", percent_number(s.unpaid, n));
        row("totaux", year, "", "bloqués_par_un_seul", std::to_string(s.blocked_by_one));
        row("totaux", year, "", "pourcentage_bloqués_par_un_seul", percent_number(s.blocked_by_one, n));
        row("totaux", year, "", "points", points_number(s.points));
        row("totaux", year, "", "euros", euros_number(s.euros));
        if (s.amounts) {
            const auto& d = *s.amounts;
            row("répartition", year, "", "moyenne", euros_number(d.mean));
            row("répartition", year, "", "médiane", euros_number(d.median));
            for (std::size_t k = 0; k < d.deciles.size(); ++k) row("répartition", year, "", fmt::format("d{}", k + 1), euros_number(d.deciles[k]));
            row("répartition", year, "", "maximum", euros_number(d.maximum));
        }
        for (std::size_t g = 0; g < p.groups.size(); ++g) {
            const auto& gs = s.groups[g];
            const auto& id = p.groups[g].id;
            row("groupe", year, id, "accès_ouvert", std::to_string(gs.open));
            row("groupe", year, id, "pourcentage_accès_ouvert", percent_number(gs.open, n));
            if (gs.block_paid) {
                row("groupe", year, id, "bloc_payé", std::to_string(*gs.block_paid));
                row("groupe", year, id, "pourcentage_bloc_payé", percent_number(*gs.block_paid, n));
            }
            row("groupe", year, id, "points", points_number(gs.points));
            row("groupe", year, id, "euros", euros_number(gs.euros));
        }
        for (std::size_t i = 0; i < p.indicators.size(); ++i) {
            const auto& info = p.indicators[i];
            const auto& st = s.indicators[i];
            const auto id = text::dotted_id(p, info);
            if (s.year && info.target_slot) {
                const auto& slot_values = p.slots[*info.target_slot].by_year;
                const auto y = p.year_index(*s.year);
                if (y && slot_values[*y]) row("indicateur", year, id, "cible", slot_values[*y]->to_string());
            }
            row("indicateur", year, id, "atteints", std::to_string(st.met));
            row("indicateur", year, id, "pourcentage_atteints", percent_number(st.met, n));
            row("indicateur", year, id, "neutralisés", std::to_string(st.neutralised));
            if (st.paid) {
                row("indicateur", year, id, "payés", std::to_string(*st.paid));
                row("indicateur", year, id, "pourcentage_payés", percent_number(*st.paid, n));
            }
            if (st.partial) {
                row("indicateur", year, id, "payés_en_partie", std::to_string(*st.partial));
                row("indicateur", year, id, "pourcentage_payés_en_partie", percent_number(*st.partial, n));
            }
            if (st.near_misses) {
                row("indicateur", year, id, "proches_cible", std::to_string(*st.near_misses));
                row("indicateur", year, id, "pourcentage_proches_cible", percent_number(*st.near_misses, n));
            }
            row("indicateur", year, id, "seul_manquant", std::to_string(st.blocked_alone));
            row("indicateur", year, id, "pourcentage_seul_manquant", percent_number(st.blocked_alone, n));
            if (st.points) row("indicateur", year, id, "points", points_number(*st.points));
            if (st.euros) row("indicateur", year, id, "euros", euros_number(*st.euros));
        }
    }
    return w.take();
}

// ---------------------------------------------------------------------------------------
// JSON (the schema in render/report.hpp).

namespace {

// A count and its share of `total`, or two nulls.
void count_and_share(json_writer& w, std::string_view key, const std::optional<std::size_t>& count, std::size_t total)
{
    w.key(key);
    if (count) w.number(*count);
    else w.null();
    w.same_line().key(std::string(key) + "_percent");
    if (count) w.number(percent_number(*count, total));
    else w.null();
}

// Points (or euros, `as_euros`), or null.
void optional_number(json_writer& w, std::string_view key, const std::optional<rational>& v, bool as_euros)
{
    w.key(key);
    if (v) w.number(as_euros ? euros_number(*v) : points_number(*v));
    else w.null();
}

void write_manifest(json_writer& w, const manifest& m)
{
    w.key("manifest").begin_object();
    w.key("donum_version").string(m.donum_version);
    w.key("date").string(m.date);
    w.key("files").begin_array();
    for (const auto& f : m.files) w.begin_object(true).key("role").string(f.role).key("path").string(f.path).key("sha256").string(f.sha256).end_object();
    w.end_array();
    w.key("parameters").begin_array(true);
    for (const auto& param : m.parameters) w.string(param);
    w.end_array();
    w.end_object();
}

// The groups and indicators of the convention, with each year's targets and points.
void write_convention(json_writer& w, const program& p, const population_report& r)
{
    w.key("groups").begin_array();
    for (const auto& g : p.groups) w.begin_object(true).key("id").string(g.id).key("label").string(g.label).key("block").boolean(g.block_slot.has_value()).end_object();
    w.end_array();
    const auto years = years_present(r);
    // {"YEAR": value}, each year present: targets as exact texts, points as numbers.
    auto by_year = [&](std::size_t slot_index, bool as_text) {
        w.begin_object(true);
        for (const auto y : years) {
            const auto& v = p.slots[slot_index].by_year[*p.year_index(y)];
            w.key(std::to_string(y));
            if (!v) w.null();
            else if (as_text) w.string(v->to_string());
            else w.number(points_number(*v));
        }
        w.end_object();
    };
    w.key("indicators").begin_array();
    for (const auto& info : p.indicators) {
        w.begin_object(true);
        w.key("id").string(text::dotted_id(p, info)).key("label").string(info.label).key("group").string(p.groups[info.group].id);
        w.key("comparator").string(comparison_text(info.measured_comparison()));
        w.key("targets");
        if (info.target_slot) by_year(*info.target_slot, true);
        else w.null();
        w.key("points");
        if (info.points_slot) by_year(*info.points_slot, false);
        else w.null();
        w.end_object();
    }
    w.end_array();
}

void write_section(json_writer& w, const program& p, const population::report_section& s)
{
    const auto n = s.physicians;
    w.begin_object();
    w.key("year");
    if (s.year) w.number(*s.year);
    else w.null();
    w.key("physicians").number(n).same_line().key("distinct_ids").number(s.distinct_ids).same_line();
    count_and_share(w, "paid", s.paid, n);
    w.same_line();
    count_and_share(w, "unpaid", s.unpaid, n);
    count_and_share(w, "blocked_by_one", s.blocked_by_one, n);
    w.same_line().key("points").number(points_number(s.points)).same_line().key("euros").number(euros_number(s.euros));
    w.key("amounts");
    if (s.amounts) {
        const auto& d = *s.amounts;
        w.begin_object(true).key("mean").number(euros_number(d.mean)).key("median").number(euros_number(d.median));
        w.key("deciles").begin_array(true);
        for (const auto& x : d.deciles) w.number(euros_number(x));
        w.end_array().key("maximum").number(euros_number(d.maximum)).end_object();
    }
    else {
        w.null();
    }
    w.key("groups").begin_array();
    for (std::size_t g = 0; g < p.groups.size(); ++g) {
        const auto& gs = s.groups[g];
        w.begin_object(true).key("id").string(p.groups[g].id);
        count_and_share(w, "open", gs.open, n);
        count_and_share(w, "block_paid", gs.block_paid, n);
        w.key("points").number(points_number(gs.points)).key("euros").number(euros_number(gs.euros)).end_object();
    }
    w.end_array();
    w.key("indicators").begin_array();
    for (std::size_t i = 0; i < p.indicators.size(); ++i) {
        const auto& st = s.indicators[i];
        w.begin_object(true).key("id").string(text::dotted_id(p, p.indicators[i]));
        count_and_share(w, "met", st.met, n);
        w.key("neutralised").number(st.neutralised);
        count_and_share(w, "paid", st.paid, n);
        count_and_share(w, "paid_in_part", st.partial, n);
        count_and_share(w, "near_misses", st.near_misses, n);
        count_and_share(w, "blocked_alone", st.blocked_alone, n);
        optional_number(w, "points", st.points, false);
        optional_number(w, "euros", st.euros, true);
        w.end_object();
    }
    w.end_array();
    w.end_object();
}

}  // namespace

std::string report_json(const program& p, const population_report& r, const manifest& m)
{
    json_writer w;
    w.begin_object();
    write_manifest(w, m);
    w.key("convention").begin_object(true).key("id").string(p.id).key("label").string(p.label).end_object();
    w.key("data").string(r.data_file);
    w.key("near_miss_margin_percent").number(exact_number(r.near_miss_margin * rational(100), 0));
    write_convention(w, p, r);
    w.key("sections").begin_array();
    for (const auto& s : r.sections) write_section(w, p, s);
    w.end_array();
    w.end_object();
    return w.take();
}

}  // namespace donum::render
