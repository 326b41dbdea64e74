// `donum serve`: loads the rules and the data once, then serves the page (interpreter/serve/).
#include <atomic>
#include <csignal>
#include <cstdio>
#include <exception>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include <pthread.h>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/exit_codes.hpp"
#include "cli/versions.hpp"
#include "interpreter/data/schema.hpp"
#include "interpreter/messages/messages.hpp"
#include "interpreter/population/manifest.hpp"
#include "interpreter/population/results.hpp"
#include "interpreter/serve/server.hpp"
#include "interpreter/serve/session.hpp"
#include "interpreter/text/fr.hpp"

namespace donum::cli {

using messages::trf;

namespace {

// Each row's amount under `p`, or nothing when an XX blocks it: then the page has nothing to
// compare with.
std::optional<std::vector<exact::rational>> amounts_of(const compile::program& p, const data::data_table& table)
{
    try {
        return population::evaluate_population(p, table, {false, false}).euros;
    }
    catch (const eval::placeholder_error&) {
        return std::nullopt;
    }
}

// The same rows in two tables read from one file.
bool same_rows(const data::data_table& a, const data::data_table& b)
{
    if (a.size() != b.size()) return false;
    for (std::size_t row = 0; row < a.size(); ++row) {
        if (a.id(row) != b.id(row)) return false;
    }
    return true;
}

// SIGINT (Ctrl-C) and SIGTERM, blocked in this thread and so in every thread started after:
// the server's own thread waits for them (stop_on_signal) instead of a handler interrupting
// whatever thread the kernel picks.
sigset_t stop_signals()
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    return set;
}

// Waits for SIGINT or SIGTERM, then stops `s`: it stops listening, answers the requests
// already received and run() returns. A SIGTERM sent by run's caller to this thread alone
// (pthread_kill) ends the wait when the server stopped by itself.
void stop_on_signal(serve::server& s, const std::atomic<bool>& stopping)
{
    const auto set = stop_signals();
    int signal = 0;
    sigwait(&set, &signal);
    if (!stopping) std::printf("%s\n", trf("donum serve: stop asked ({}), the requests under way are finished first.", signal == SIGINT ? "Ctrl-C" : "SIGTERM").c_str());
    std::fflush(stdout);
    s.stop();
}

}  // namespace

int serve_command::run() const
{
    // Before any thread starts, so that every thread leaves the stop signals to the waiter.
    const auto signals = stop_signals();
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    // The API is for programs (the page among them): its CSV and JSON hold plain numbers, as
    // `--format csv|json` gives them, and the page writes its figures in French itself. The
    // choice is one for the whole process, made before any thread reads it.
    text::set_number_writing(text::number_writing::plain);
    std::string secret = token;
    if (!serve::is_loopback(host) && secret.empty()) secret = serve::random_token();
    const auto compiled = load_program(rules, rules_opts, false);
    if (!compiled) return rule_error;
    const auto& p = *compiled->checked;
    const auto loaded = load_data(data, p, std::nullopt, false);
    if (!loaded) return data_error;
    const auto& table = loaded->table;

    serve::loaded_state state;
    state.base = p;
    state.table = &table;
    state.data_path = data;
    state.manifest = population::manifest_of(*compiled, data, std::nullopt, rules_opts.settings, DONUM_VERSION);

    // What the amounts are compared with: --vs, or the rule file as written.
    std::optional<std::vector<loaded_version>> other;
    std::optional<compile::compiled> as_written;
    std::optional<data::load_result> both;
    if (!vs.empty()) {
        other = load_versions({vs}, {rules_opts.allow_outside, {}, {}});
        if (!other) return rule_error;
        const auto& v = other->front().view;
        data::table_options at_its_year;
        at_its_year.year = v.year;
        const auto own = load_data(data, data::schema_of(*v.rules), at_its_year, false);
        const std::vector<const compile::program*> programs{&p, v.rules};
        auto s = data::schema_of(programs);
        s.years = p.years;
        both = load_data(data, s, {}, false);
        if (!own || !both) return data_error;
        if (!same_rows(own->table, table) || !same_rows(both->table, table)) {
            std::fprintf(stderr, "donum serve: %s\n", trf("{} does not read the same rows of {} for both versions", vs, data).c_str());
            return data_error;
        }
        std::optional<std::vector<exact::rational>> euros;
        const auto evaluated = refuse_on_evaluation_errors([&] {
            euros = amounts_of(*v.rules, own->table);
            return euros ? ok : rule_error;
        });
        if (evaluated != ok) {
            std::fprintf(stderr, "donum serve: %s\n", trf("{} cannot be evaluated on {}: nothing to compare with", vs, data).c_str());
            return evaluated;
        }
        state.versus = serve::reference{v.name, v.rules, v.year, std::move(*euros), &both->table};
    }
    else {
        const bool changed = !rules_opts.scenarios.empty() || !rules_opts.settings.empty();
        if (changed) {
            as_written = compile::compile_rules(rules, compile_options_of({rules_opts.allow_outside, {}, {}}));
            if (!as_written->checked) return rule_error;
        }
        const auto& base = changed ? *as_written->checked : p;
        if (auto amounts = amounts_of(base, table)) {
            state.versus = serve::reference{trf("{} (as written)", base.id), &base, std::nullopt, std::move(*amounts), &table};
        }
    }

    try {
        const serve::session session(std::move(state));
        serve::server_options options;
        options.host = host;
        options.port = port;
        options.token = secret;
        serve::server server(session, options);
        const auto shown = host.find(':') != std::string::npos ? fmt::format("[{}]", host) : host;
        std::printf("%s\n", trf("donum serve: http://{}:{}/{}", shown, server.port(), secret.empty() ? std::string() : fmt::format("?token={}", secret)).c_str());
        std::printf("%s\n", trf("{}: {} physicians, {}. Ctrl-C to stop.", data, text::grouped_count(table.size()), p.label).c_str());
        std::fflush(stdout);
        std::atomic<bool> stopping = false;
        std::thread waiter(stop_on_signal, std::ref(server), std::cref(stopping));
        const bool served = server.run();
        stopping = true;
        pthread_kill(waiter.native_handle(), SIGTERM);  // a no-op wait when a signal already came
        waiter.join();
        if (served) std::printf("%s\n", messages::tr("donum serve: stopped."));
        return served ? ok : internal_error;
    }
    catch (const eval::evaluation_error& e) {
        std::fputs(grammar::render(e.to_diagnostic()).c_str(), stderr);
        return evaluation_error;
    }
    catch (const std::runtime_error& e) {
        std::fprintf(stderr, "donum serve: %s\n", e.what());
        return usage_error;
    }
}

}  // namespace donum::cli
