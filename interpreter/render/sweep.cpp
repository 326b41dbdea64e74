#include "interpreter/render/sweep.hpp"

#include <cctype>

#include <fmt/format.h>

#include "interpreter/messages/messages.hpp"
#include "interpreter/render/report_data.hpp"
#include "interpreter/render/writers.hpp"
#include "interpreter/render/xlsx.hpp"
#include "interpreter/text/fr.hpp"

namespace donum::render {

using exact::rational;

namespace {

// The columns and rows of a sweep, as text cells.
grid sweep_grid(const sweep_document& d, const population::sweep_figures& f)
{
    const auto& p = *d.rules;
    grid g;
    for (const auto& a : d.axes) g.head.push_back(a.name);
    if (f.subject) g.head.push_back(messages::trf("met {} (%)", p.indicators[*f.subject].id));
    for (const auto gi : f.gated_groups) g.head.push_back(messages::trf("access {} (%)", p.groups[gi].id));
    for (const char* h : {messages::tr("physicians paid"), messages::tr("total amount (€)"), messages::tr("mean (€)"), messages::tr("winners"), messages::tr("losers"), messages::tr("gain (€)"), messages::tr("loss (€)")}) g.head.push_back(h);
    for (const auto& step : d.result->steps) {
        std::vector<std::string> cells;
        for (std::size_t k = 0; k < d.axes.size(); ++k) cells.push_back(text::slot_value(p.slots[d.axes[k].slot], step.values[k]));
        if (f.subject) cells.push_back(text::share_number(step.indicator_met[*f.subject], step.physicians));
        for (const auto gi : f.gated_groups) cells.push_back(text::share_number(step.group_open[gi], step.physicians));
        cells.push_back(text::count(step.paid));
        cells.push_back(text::fixed(step.euros, 2));
        cells.push_back(text::fixed(step.mean_euros, 2));
        cells.push_back(text::count(step.winners));
        cells.push_back(text::count(step.losers));
        cells.push_back(text::fixed(step.gained, 2));
        cells.push_back(text::fixed(-step.lost, 2));
        g.add(std::move(cells));
    }
    return g;
}

number_style style_of(const compile::slot& s)
{
    return s.type == compile::value_type::rate ? number_style::rate : s.type == compile::value_type::euro ? number_style::euros : number_style::decimal;
}

// The rows of a sweep as numbers, titled for people.
table sweep_table(const sweep_document& d, const population::sweep_figures& f)
{
    const auto& p = *d.rules;
    table t{"sweep", messages::tr("Sweep"), {}, {}, {}};
    for (const auto& a : d.axes) t.columns.push_back({a.name, fmt::format("{} ({})", text::slot_label(p, p.slots[a.slot]), a.name)});
    if (f.subject) t.columns.push_back({"met", messages::trf("met “{}” (%)", p.indicators[*f.subject].label)});
    for (const auto gi : f.gated_groups) t.columns.push_back({"open." + p.groups[gi].id, messages::trf("access “{}” (%)", p.groups[gi].label)});
    for (const auto& [id, title] : std::vector<std::pair<const char*, const char*>>{
             {"paid", messages::tr("physicians paid")}, {"euros", messages::tr("total amount")}, {"mean", messages::tr("mean per physician")}, {"winners", messages::tr("winners")}, {"losers", messages::tr("losers")}, {"gained", messages::tr("winners' gain")}, {"lost", messages::tr("losers' loss")}}) {
        t.columns.push_back({id, title});
    }
    for (const auto& step : d.result->steps) {
        std::vector<cell> cells;
        for (std::size_t k = 0; k < d.axes.size(); ++k) cells.push_back(cell::of_number(step.values[k], style_of(p.slots[d.axes[k].slot])));
        if (f.subject) cells.push_back(cell::of_share(step.indicator_met[*f.subject], step.physicians));
        for (const auto gi : f.gated_groups) cells.push_back(cell::of_share(step.group_open[gi], step.physicians));
        cells.push_back(cell::of_count(step.paid));
        cells.push_back(cell::of_number(step.euros.rounded(2), number_style::euros));
        cells.push_back(cell::of_number(step.mean_euros.rounded(2), number_style::euros));
        cells.push_back(cell::of_count(step.winners));
        cells.push_back(cell::of_count(step.losers));
        cells.push_back(cell::of_number(step.gained.rounded(2), number_style::euros));
        cells.push_back(cell::of_number((-step.lost).rounded(2), number_style::euros));
        t.add(std::move(cells));
    }
    t.notes = {messages::tr("Winners and losers: compared with the first row. Amounts rounded to the cent.")};
    return t;
}

}  // namespace

std::string render_sweep(const sweep_document& d, sweep_format format)
{
    const auto& p = *d.rules;
    const auto& m = *d.manifest;
    if (format == sweep_format::xlsx) {
        xlsx_book book;
        book.add_table(sweep_table(d, population::figures_of(p, d.axes)));
        book.add_chart_sheet(messages::tr("Chart"), sweep_chart(d));
        return book.finish(manifest_table(m));
    }
    auto g = sweep_grid(d, population::figures_of(p, d.axes));
    if (format == sweep_format::csv) {
        csv_writer w;
        w.row(g.head);
        for (const auto& r : g.rows) {
            for (const auto& c : r) w.number(c);
            w.end_row();
        }
        return w.take();
    }
    if (format == sweep_format::json) {
        json_writer w;
        w.begin_object().key("date").string(m.date).key("parameters").begin_array(true);
        for (const auto& a : d.axes) w.string(a.name);
        w.end_array().key("columns").begin_array(true);
        for (const auto& h : g.head) w.string(h);
        w.end_array().key("rows").begin_array();
        for (const auto& r : g.rows) {
            w.begin_array(true);
            for (const auto& c : r) w.string(c);
            w.end_array();
        }
        return w.end_array().end_object().take();
    }
    const bool md = format == sweep_format::md;
    std::string out = md ? messages::trf("# Sweep: {}\n\n", p.label) : messages::trf("Sweep: {} ({})\n", p.label, p.id);
    out += messages::trf("{}donum version {}, {}; data {}; {} physicians\n", md ? "" : "  ", m.donum_version, m.date, d.data_file, text::count(d.physicians));
    for (const auto& f : m.files) out += fmt::format("{}{} {} sha256 {}\n", md ? "- " : "  ", role_text(f.role), f.path, f.sha256);
    for (const auto& param : m.parameters) out += messages::trf("{}parameter set: {}\n", md ? "- " : "  ", param);
    out += messages::trf("{}Winners and losers: compared with the first row.\n\n", md ? "\n" : "  ");
    if (!md) g.alignment.assign(g.head.size(), grid::align::right);
    return out + (md ? render_markdown(g) : render_text(g));
}

chart_spec sweep_chart(const sweep_document& d)
{
    const auto& p = *d.rules;
    const auto f = population::figures_of(p, d.axes);
    const auto& first = d.axes.front();
    const auto& s0 = p.slots[first.slot];
    const bool rate = s0.type == compile::value_type::rate;
    chart_spec spec;
    // The version: the convention and the year whose value is swept (or the data's years).
    std::vector<int> years = first.year ? std::vector<int>{*first.year} : d.years;
    const auto what = text::slot_label(p, s0);
    spec.title = messages::trf("{} {}: {}", p.label, fmt::format("{}", fmt::join(years, ", ")), what);
    spec.subtitle = messages::trf("Data: {}, {} physicians", d.data_file, text::count(d.physicians));
    spec.x_label = what + (rate ? " (%)" : s0.type == compile::value_type::euro ? " (€)" : "");
    if (!spec.x_label.empty()) spec.x_label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(spec.x_label[0])));
    spec.share_label = f.subject ? messages::trf("Physicians reaching “{}” (%)", p.indicators[*f.subject].label)
                       : f.gated_groups.empty() ? std::string(messages::tr("Physicians paid (%)"))
                                                : messages::trf("Physicians with access to “{}” (%)", p.groups[f.gated_groups.front()].label);
    // The value in force: the rule file's (with scenarios and --set) for the first year shown.
    if (!years.empty()) {
        if (const auto y = p.year_index(years.front()); y && s0.by_year[*y]) {
            const auto v = *s0.by_year[*y];
            spec.current_x = (rate ? v * rational(100) : v).to_double();
            spec.current_label = messages::tr("current value: ") + text::slot_value(s0, v);
        }
    }
    if (d.axes.size() > 1) {
        spec.series_title = text::slot_label(p, p.slots[d.axes[1].slot]);
        spec.series_title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(spec.series_title[0])));
    }
    // One pair of curves per value of the second axis (or one pair in all).
    const auto& steps = d.result->steps;
    const std::size_t per = first.values.size();
    const std::size_t series = steps.size() / per;
    for (std::size_t k = 0; k < series; ++k) {
        chart_series cs;
        if (d.axes.size() > 1) cs.label = text::slot_value(p.slots[d.axes[1].slot], steps[k].values[1]);
        for (std::size_t i = 0; i < per; ++i) {
            // With two axes the steps are row-major, first axis outer: step = i * series + k.
            const auto& step = d.axes.size() > 1 ? steps[i * series + k] : steps[i];
            const auto x = step.values[0];
            // Doubles for the drawing only, converted before scaling: no exact product to overflow.
            cs.x.push_back(rate ? x.to_double() * 100 : x.to_double());
            cs.cost.push_back(step.euros.to_double() / 1e6);
            const auto reached = f.subject ? step.indicator_met[*f.subject] : f.gated_groups.empty() ? step.paid : step.group_open[f.gated_groups.front()];
            cs.share.push_back(step.physicians == 0 ? 0.0 : 100.0 * static_cast<double>(reached) / static_cast<double>(step.physicians));
        }
        spec.series.push_back(std::move(cs));
    }
    return spec;
}

}  // namespace donum::render
