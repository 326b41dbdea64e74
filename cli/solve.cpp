// `donum solve`: the value of a target, a points value or the point value that meets a
// budget or a reach, exactly on the data.
#include <cstdio>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/exit_codes.hpp"
#include "cli/options.hpp"
#include "interpreter/population/manifest.hpp"
#include "interpreter/population/sweep.hpp"
#include "interpreter/render/solve.hpp"
#include "interpreter/messages/messages.hpp"

namespace donum::cli {

using messages::tr;
using messages::trf;

int solve_command::run() const
{
    if (!check_workbook_output(format, output)) return usage_error;
    if (budget.empty() == reach.empty()) {
        std::fprintf(stderr, "donum solve: %s\n", tr("give either --budget AMOUNT or --reach SHARE"));
        return usage_error;
    }
    const auto compiled = load_program(rules, rules_opts, false);
    if (!compiled) return rule_error;
    if (!preflight(*compiled, data, year, {{"-o", output}})) return usage_error;
    const auto& p = *compiled->checked;
    const auto param = parameter_option(p, "--vary", vary);
    if (!param) return rule_error;
    population::solve_goal goal;
    goal.slot = param->slot;
    goal.year = param->year;
    goal.name = param->name;
    if (!budget.empty()) {
        const auto amount = amount_option("--budget", budget);
        if (!amount) return rule_error;
        goal.what = population::solve_goal::kind::budget;
        goal.amount = *amount;
    }
    else {
        const auto share = share_option("--reach", reach);
        if (!share) return rule_error;
        goal.what = population::solve_goal::kind::reach;
        goal.amount = *share;
        if (!population::find_reach_subject(p, of, param->slot, goal)) {
            if (of.empty()) std::fprintf(stderr, "donum solve: %s\n", trf("--reach needs --of INDICATOR or GROUP ({} is not a target)", param->name).c_str());
            else std::fprintf(stderr, "donum solve: %s\n", trf("--of {}: {} has no indicator (GROUP.INDICATOR or INDICATOR) or group of that name", of, p.id).c_str());
            return usage_error;
        }
    }
    const auto loaded = load_data(data, p, year, false, sheet);
    if (!loaded) return data_error;
    if (goal.year && !year_has_rows(p, loaded->table, *goal.year, "--vary " + vary)) return usage_error;
    warn_settings_without_rows(rules_opts, p, loaded->table);
    population::solve_result r;
    const int solved = refuse_on_evaluation_errors([&] {
        try {
            r = population::solve(p, loaded->table, goal);
            return ok;
        }
        catch (const std::invalid_argument& e) {
            std::fprintf(stderr, "donum solve: %s\n", e.what());
            return usage_error;
        }
    });
    if (solved != ok) return solved;
    // An unreachable budget or share is an answer, printed, but not a success.
    const bool written = write_document(output, [&] {
        if (format == "table") return render::render_solve(p, goal, r, data);
        const auto d = render::solve_document(p, goal, r, data);
        if (format == "md") return render::document_markdown(d);
        if (format == "csv") return render::table_csv(d.tables.front());
        if (format == "json") return render::document_json(d);
        return render::document_xlsx(d, render::manifest_table(population::manifest_of(*compiled, data, year, rules_opts.settings, DONUM_VERSION)));
    });
    if (!written) return output_error;
    return r.met ? ok : goal_unreachable;
}

}  // namespace donum::cli
