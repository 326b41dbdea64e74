#include "interpreter/serve/session.hpp"

#include <chrono>
#include <ctime>
#include <memory>
#include <set>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "grammar/diagnostic.hpp"
#include "grammar/parser.hpp"
#include "interpreter/compile/parameter.hpp"
#include "interpreter/eval/errors.hpp"
#include "interpreter/eval/evaluate.hpp"
#include "interpreter/eval/explain.hpp"
#include "interpreter/messages/messages.hpp"
#include "interpreter/population/compare.hpp"
#include "interpreter/population/report.hpp"
#include "interpreter/population/sweep.hpp"
#include "interpreter/render/diff.hpp"
#include "interpreter/render/explanation.hpp"
#include "interpreter/render/report.hpp"
#include "interpreter/render/report_data.hpp"
#include "interpreter/render/solve.hpp"
#include "interpreter/render/sweep.hpp"
#include "interpreter/render/writers.hpp"
#include "interpreter/text/fr.hpp"

namespace donum::serve {

using exact::rational;
using messages::tr;
using messages::trf;
using json = nlohmann::json;

/// One request, read and checked: its JSON, the settings it makes (scenario first, then
/// `set`, as the command line applies them) and the rules with them.
struct session::request {
    json body;
    std::vector<compile::setting> settings;
    std::vector<std::string> texts;  ///< `NAME=VALUE` of each `set`, as given
    compile::program rules;
};

namespace {

// Every key a request may hold; any other is a mistake worth saying.
const std::set<std::string, std::less<>> known_keys{"set", "scenario", "sweep", "vary", "budget", "id", "format", "what"};

// The text of diagnostics as the command line prints them (file:line:col, the line, a caret).
std::string rendered(const grammar::diagnostics& issues)
{
    std::string out;
    for (const auto& d : issues) {
        if (d.level == grammar::severity::error) out += grammar::render(d);
    }
    return out;
}

// A value as a rule file writes it, for the scenario export that donum reads back: '.' as
// the decimal separator whatever the page's French text shows ("7.5 €", "22.5", "12.5 %"),
// and a rate with no short percentage as its exact fraction ("497/1954").
std::string source_value(const compile::slot& s, const exact::rational& v)
{
    if (s.type == compile::value_type::rate) {
        // At most 4 decimals: times 100, at most 2, and no overflow (the value is at most 1).
        if (v.to_string(4).find('/') == std::string::npos) return (v * exact::rational(100)).to_string(2) + " %";
        return v.to_string();
    }
    if (s.type == compile::value_type::euro) return v.to_string() + " €";
    return v.to_string();
}

// Deepest nesting of brackets outside strings: the JSON parser recurses on it.
std::size_t nesting(std::string_view body)
{
    std::size_t depth = 0;
    std::size_t deepest = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < body.size(); ++i) {
        const char c = body[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
        }
        else if (c == '"') in_string = true;
        else if (c == '[' || c == '{') deepest = std::max(deepest, ++depth);
        else if ((c == ']' || c == '}') && depth > 0) --depth;
    }
    return deepest;
}

// A string member of the request, or nothing (absent); an error when it is not a string or
// too long.
std::optional<std::string> text_member(const json& body, const char* key, std::size_t limit, std::string& error)
{
    const auto it = body.find(key);
    if (it == body.end()) return std::nullopt;
    if (!it->is_string()) {
        error = trf("'{}' must be a string", key);
        return std::nullopt;
    }
    auto s = it->get<std::string>();
    if (s.size() > limit) {
        error = trf("'{}' is longer than {} bytes", key, limit);
        return std::nullopt;
    }
    return s;
}

// Now, UTC, ISO 8601: the date of a manifest.
std::string now_utc()
{
    const auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char out[32];
    std::strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return out;
}

// Runs `work`, turning what the engine refuses into 4xx replies with the command line's text.
template <typename Work>
reply guarded(Work&& work)
{
    try {
        return work();
    }
    catch (const eval::placeholder_error& e) {
        std::string names;
        for (const auto& open : e.open()) names += (names.empty() ? "" : ", ") + open.name;
        return error_reply(422, trf("placeholder XX: {} not agreed yet: give a value before evaluating {}", names, e.year()));
    }
    catch (const eval::evaluation_error& e) {
        return error_reply(422, grammar::render(e.to_diagnostic()));
    }
    catch (const std::invalid_argument& e) {
        return error_reply(400, e.what());
    }
}

// A text member parsed by one of the grammar's option parsers and checked: `option` names the
// text in messages (`--vary:1:3: error: ...`), as on the command line.
template <typename T, typename Parse, typename Check>
auto checked_text(const std::string& option, const std::string& text, Parse parse, Check check, std::string& error) -> decltype(check(std::declval<const T&>(), std::declval<grammar::diagnostics&>()))
{
    const grammar::source_file source{option, text};
    auto parsed = parse(source);
    if (!parsed.value) {
        error = rendered(parsed.issues);
        return std::nullopt;
    }
    grammar::diagnostics issues;
    auto out = check(*parsed.value, issues);
    if (!out) error = rendered(issues);
    return out;
}

}  // namespace

reply error_reply(int status, std::string_view message)
{
    render::json_writer w;
    w.begin_object().key("error").string(message).key("status").number(status).end_object();
    return {status, "application/json; charset=utf-8", w.take(), {}};
}

session::session(loaded_state state) : m_state(std::move(state))
{
    std::vector<rational> reference;
    if (m_state.versus) reference = m_state.versus->euros;
    try {
        m_live = std::make_shared<const population::live_population>(m_state.base, *m_state.table, std::move(reference));
    }
    catch (const eval::placeholder_error&) {
        // The page starts with XX to fill (live_for).
    }
}

std::shared_ptr<const population::live_population> session::live_for(const compile::program& rules) const
{
    const std::lock_guard lock(m_live_lock);
    if (m_live) return m_live;
    // The first values that fill every XX: the population is evaluated once with them (its
    // year evaluators refuse an XX left before any row is read), and answers every change
    // after, these values included, as it answers the changes of a base without XX.
    std::vector<rational> reference;
    if (m_state.versus) reference = m_state.versus->euros;
    m_live = std::make_shared<const population::live_population>(rules, *m_state.table, std::move(reference));
    return m_live;
}

std::optional<session::request> session::read_request(std::string_view body, reply& error) const
{
    if (body.size() > max_body_bytes) {
        error = error_reply(413, trf("the request is larger than {} bytes", max_body_bytes));
        return std::nullopt;
    }
    if (nesting(body) > 8) {
        error = error_reply(400, tr("malformed request: JSON nested deeper than 8 levels"));
        return std::nullopt;
    }
    request r{json::object(), {}, {}, {}};
    if (!body.empty()) {
        try {
            r.body = json::parse(body);
        }
        catch (const json::parse_error& e) {
            error = error_reply(400, trf("malformed JSON: {}", e.what()));
            return std::nullopt;
        }
    }
    if (!r.body.is_object()) {
        error = error_reply(400, tr("the request must be a JSON object"));
        return std::nullopt;
    }
    for (const auto& [key, value] : r.body.items()) {
        if (!known_keys.contains(key)) {
            error = error_reply(400, trf("unknown key '{}' (known: set, scenario, sweep, vary, budget, id, format, what)", key.substr(0, 100)));
            return std::nullopt;
        }
    }
    const auto& p = m_state.base;
    std::string problem;
    const auto scenario = text_member(r.body, "scenario", max_body_bytes, problem);
    if (!problem.empty()) {
        error = error_reply(400, problem);
        return std::nullopt;
    }
    if (scenario && !scenario->empty()) {
        const grammar::source_file source{"scenario", *scenario};
        grammar::diagnostics issues;
        auto settings = compile::scenario_settings(p, source, issues);
        if (!settings) {
            error = error_reply(400, rendered(issues));
            return std::nullopt;
        }
        r.settings = std::move(*settings);
    }
    if (const auto it = r.body.find("set"); it != r.body.end()) {
        if (!it->is_object()) {
            error = error_reply(400, tr("'set' must be an object: {\"NAME\": \"VALUE\", ...}"));
            return std::nullopt;
        }
        if (it->size() > max_settings) {
            error = error_reply(400, trf("at most {} values in 'set'", max_settings));
            return std::nullopt;
        }
        grammar::diagnostics issues;
        for (const auto& [name, value] : it->items()) {
            if (!value.is_string() && !value.is_number()) {
                error = error_reply(400, trf("the value of '{}' must be a string such as \"35%\"", name.substr(0, 100)));
                return std::nullopt;
            }
            const auto text = name + "=" + (value.is_string() ? value.get<std::string>() : value.dump());
            if (text.size() > max_text_bytes) {
                error = error_reply(400, trf("a setting is longer than {} bytes", max_text_bytes));
                return std::nullopt;
            }
            const grammar::source_file source{"--set", text};
            if (auto one = compile::setting_of(p, source, issues)) {
                r.settings.push_back(std::move(*one));
                r.texts.push_back(text);
            }
            else {
                error = error_reply(400, rendered(issues));
                return std::nullopt;
            }
        }
    }
    r.rules = compile::with_settings(p, r.settings);
    return r;
}

reply session::report_reply(const request& r, bool with_comparison) const
{
    return guarded([&] {
        const auto answer = live_for(r.rules)->answer(r.rules);
        auto m = m_state.manifest;
        m.parameters = r.texts;
        m.date = now_utc();
        auto report = render::render_report(r.rules, answer.report, m, render::report_format::json);
        if (!with_comparison) return reply{200, "application/json; charset=utf-8", std::move(report), {}};
        render::json_writer w;
        w.begin_object();
        w.key("rows_touched").number(answer.rows_touched);
        w.key("settings").begin_array(true);
        for (const auto& s : r.settings) w.string(s.what.name + "=" + source_value(r.rules.slots[s.what.slot], s.value));
        w.end_array();
        if (answer.comparison && m_state.versus) {
            const auto& c = *answer.comparison;
            w.key("comparison").begin_object();
            w.key("reference").string(m_state.versus->name);
            w.key("reference_euros").number(render::euros_number(c.reference));
            w.key("euros").number(render::euros_number(c.euros));
            w.key("change").number(render::euros_number(c.euros - c.reference));
            w.key("winners").number(c.winners).key("gained").number(render::euros_number(c.gained));
            w.key("losers").number(c.losers).key("lost").number(render::euros_number(c.lost));
            w.key("unchanged").number(c.unchanged);
            w.end_object();
        }
        else {
            w.key("comparison").null();
        }
        w.end_object();
        auto extra = w.take();
        // {"report": the simulate document, then the members of `extra`}.
        extra.erase(0, extra.find('{') + 1);
        return reply{200, "application/json; charset=utf-8", "{\"report\": " + report + "," + extra, {}};
    });
}

reply session::simulate(std::string_view body) const
{
    reply error;
    const auto r = read_request(body, error);
    return r ? report_reply(*r, false) : error;
}

reply session::live(std::string_view body) const
{
    reply error;
    const auto r = read_request(body, error);
    return r ? report_reply(*r, true) : error;
}

reply session::convention() const
{
    const auto& p = m_state.base;
    render::json_writer w;
    w.begin_object();
    w.key("convention").begin_object(true).key("id").string(p.id).key("label").string(p.label).end_object();
    // The page speaks the server's language (--lang, DONUM_LANG), as its messages do.
    w.key("lang").string(messages::current_language() == messages::language::en ? "en" : "fr");
    w.key("years").begin_array(true);
    for (const auto y : p.years) w.number(y);
    w.end_array();
    w.key("data").string(m_state.data_path);
    w.key("physicians").number(m_state.table->size());
    w.key("years_present").begin_array(true);
    for (const auto y : m_state.table->year_indexes()) w.number(p.years[y]);
    w.end_array();
    if (m_state.versus) w.key("reference").string(m_state.versus->name);
    else w.key("reference").null();
    // The XX that block every figure: those of the years present, as `--set` names them.
    w.key("open").begin_array(true);
    for (const auto& s : p.slots) {
        for (const auto y : m_state.table->year_indexes()) {
            if (!s.by_year[y]) w.string(p.years.size() > 1 ? fmt::format("{}@{}", s.name, p.years[y]) : s.name);
        }
    }
    w.end_array();
    w.key("point_value").string(p.slots[p.point_value_slot].name);
    w.key("slots").begin_array();
    for (const auto& s : p.slots) {
        w.begin_object(true).key("name").string(s.name);
        w.key("rate").boolean(s.type == compile::value_type::rate).key("payment").boolean(s.is_payment());
        w.key("values").begin_array(true);
        for (const auto& v : s.by_year) {
            if (v) w.string(source_value(s, *v));
            else w.null();
        }
        w.end_array().end_object();
    }
    w.end_array();
    w.key("groups").begin_array();
    for (const auto& g : p.groups) {
        w.begin_object().key("id").string(g.id).key("label").string(g.label).key("gate").string(text::gate(p, g));
        w.key("block").string(g.block_slot ? p.slots[*g.block_slot].name : "");
        w.key("indicators").begin_array();
        for (const auto i : g.indicators) {
            const auto& info = p.indicators[i];
            w.begin_object(true).key("id").string(text::dotted_id(p, info)).key("label").string(info.label);
            w.key("comparator").string(compile::comparison_text(info.measured_comparison()));
            w.key("target").string(info.target_slot ? p.slots[*info.target_slot].name : "");
            w.key("points").string(info.points_slot ? p.slots[*info.points_slot].name : "");
            w.end_object();
        }
        w.end_array().end_object();
    }
    w.end_array();
    w.end_object();
    return {200, "application/json; charset=utf-8", w.take(), {}};
}

reply session::sweep(std::string_view body) const
{
    reply error;
    const auto r = read_request(body, error);
    if (!r) return error;
    std::string problem;
    const auto text = text_member(r->body, "sweep", max_text_bytes, problem);
    if (!text) return error_reply(400, problem.empty() ? tr("'sweep' is missing: NAME=FROM..TO:STEP") : problem);
    const auto format = text_member(r->body, "format", 10, problem).value_or("json");
    if (format != "json" && format != "csv") return error_reply(400, tr("'format' is json or csv"));
    const auto& p = r->rules;
    std::optional<population::sweep_axis> axis = checked_text<grammar::ast::sweep_range>(
        "--sweep", *text, grammar::parse_sweep,
        [&](const grammar::ast::sweep_range& range, grammar::diagnostics& issues) -> std::optional<population::sweep_axis> {
            const auto sweep = compile::sweep_parameter_of(p, range, issues);
            if (!sweep) return std::nullopt;
            return population::sweep_axis{sweep->what.slot, sweep->what.year, population::range_values(sweep->from, sweep->to, sweep->step), sweep->what.name};
        },
        problem);
    if (!axis) return error_reply(400, problem);
    if (axis->values.size() > 1001) return error_reply(400, trf("a sweep of the page has at most {} values", 1001));
    return guarded([&] {
        const auto result = population::run_sweep(p, *m_state.table, std::span(&*axis, 1));
        auto m = m_state.manifest;
        m.parameters = r->texts;
        m.date = now_utc();
        std::vector<int> years;
        for (const auto y : m_state.table->year_indexes()) years.push_back(p.years[y]);
        const render::sweep_document document{&p, std::span(&*axis, 1), &result, &m, m_state.data_path, m_state.table->size(), years};
        if (format == "csv") return reply{200, "text/csv; charset=utf-8", render::render_sweep(document, render::sweep_format::csv), "balayage.csv"};
        return reply{200, "application/json; charset=utf-8", render::render_sweep(document, render::sweep_format::json), {}};
    });
}

reply session::solve(std::string_view body) const
{
    reply error;
    const auto r = read_request(body, error);
    if (!r) return error;
    std::string problem;
    const auto vary = text_member(r->body, "vary", max_text_bytes, problem);
    const auto budget = text_member(r->body, "budget", max_text_bytes, problem);
    if (!vary || !budget) return error_reply(400, problem.empty() ? tr("'vary' (NAME[@YEAR]) and 'budget' (e.g. 12M€) are needed") : problem);
    const auto& p = r->rules;
    const auto what = checked_text<grammar::ast::slot_name>(
        "--vary", *vary, grammar::parse_parameter, [&](const grammar::ast::slot_name& name, grammar::diagnostics& issues) { return compile::find_parameter(p, name, issues); }, problem);
    if (!what) return error_reply(400, problem);
    const auto amount = checked_text<grammar::ast::amount>(
        "--budget", *budget, grammar::parse_amount, [](const grammar::ast::amount& a, grammar::diagnostics& issues) { return compile::amount_value(a, issues); }, problem);
    if (!amount) return error_reply(400, problem);
    return guarded([&] {
        population::solve_goal goal;
        goal.slot = what->slot;
        goal.year = what->year;
        goal.name = what->name;
        goal.amount = *amount;
        const auto result = population::solve(p, *m_state.table, goal);
        const auto& best = result.friendly ? *result.friendly : result.rounded ? *result.rounded : result.answer;
        render::json_writer w;
        w.begin_object();
        w.key("met").boolean(result.met);
        w.key("value").string(source_value(p.slots[what->slot], best.value));
        w.key("euros").number(render::euros_number(best.population.euros));
        w.key("text").string(render::render_solve(p, goal, result, m_state.data_path));
        w.end_object();
        return reply{200, "application/json; charset=utf-8", w.take(), {}};
    });
}

reply session::physician(std::string_view body) const
{
    reply error;
    const auto r = read_request(body, error);
    if (!r) return error;
    std::string problem;
    const auto id = text_member(r->body, "id", 200, problem);
    if (!id) return error_reply(400, problem.empty() ? tr("'id' is missing") : problem);
    const auto& p = r->rules;
    const auto& table = *m_state.table;
    return guarded([&] {
        render::json_writer w;
        w.begin_object().key("id").string(*id).key("rows").begin_array();
        std::vector<std::int64_t> inputs(table.input_count());
        bool found = false;
        for (std::size_t row = 0; row < table.size(); ++row) {
            if (table.id(row) != *id) continue;
            found = true;
            table.read_row(row, inputs);
            const eval::evaluator ev(p, table.year(row));
            const auto e = eval::explain(ev, inputs);
            w.begin_object().key("year").number(table.year(row)).key("line").number(table.line(row));
            w.key("explanation").string(render::render_explanation(p, e));
            if (m_state.versus && m_state.versus->table != nullptr) {
                const auto& v = *m_state.versus;
                const population::version both[] = {{v.name, v.rules, v.year.value_or(table.year(row))}, {fmt::format("{} {}", p.id, table.year(row)), &p, table.year(row)}};
                const auto change = population::compare_row(both, *v.table, row);
                w.key("reference").string(v.name);
                w.key("reference_euros").number(render::euros_number(change.euros[0]));
                w.key("euros").number(render::euros_number(change.euros[1]));
                w.key("reasons").begin_array();
                for (const auto& reason : change.reasons[0]) w.string(render::render_reason(reason));
                w.end_array();
            }
            w.end_object();
        }
        w.end_array().end_object();
        if (!found) return error_reply(404, trf("no row for physician '{}' in {}", *id, m_state.data_path));
        return reply{200, "application/json; charset=utf-8", w.take(), {}};
    });
}

reply session::export_file(std::string_view body) const
{
    reply error;
    const auto r = read_request(body, error);
    if (!r) return error;
    std::string problem;
    const auto what = text_member(r->body, "what", 20, problem).value_or("");
    if (what == "scenario") {
        // One `set` line per value, in the order applied: the file reproduces the page with
        // `--scenario` on the same rules (and the command's own scenarios before it).
        std::string text = tr("# The values of donum serve's page, to apply with --scenario\n");
        text += trf("# on {} ({})\n", m_state.manifest.files.empty() ? m_state.base.id : m_state.manifest.files.front().path, m_state.base.label);
        text += fmt::format("scenario page \"{}\"\n", tr("The page's proposal"));
        for (const auto& s : r->settings) text += fmt::format("set {} = {}\n", s.what.name, source_value(r->rules.slots[s.what.slot], s.value));
        return {200, "text/plain; charset=utf-8", text, "scenario.donum"};
    }
    if (what == "report.csv" || what == "report.xlsx") {
        return guarded([&] {
            auto m = m_state.manifest;
            m.parameters = r->texts;
            m.date = now_utc();
            const auto report = live_for(r->rules)->answer(r->rules).report;
            if (what == "report.csv") return reply{200, "text/csv; charset=utf-8", render::render_report(r->rules, report, m, render::report_format::csv), "rapport.csv"};
            // The workbook of donum simulate --format xlsx, built in memory like every export.
            return reply{200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", render::render_report(r->rules, report, m, render::report_format::xlsx), "rapport.xlsx"};
        });
    }
    return error_reply(400, tr("'what' is scenario, report.csv or report.xlsx"));
}

}  // namespace donum::serve
