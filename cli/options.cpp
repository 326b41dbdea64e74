#include "cli/options.hpp"

#include <algorithm>
#include <memory>

#include "cli/common.hpp"
#include "grammar/parser.hpp"
#include "interpreter/messages/messages.hpp"

namespace donum::cli {

namespace {

// The option's text as a source file that outlives its diagnostics.
std::shared_ptr<grammar::source_file> source_of(const std::string& option, const std::string& text)
{
    auto source = std::make_shared<grammar::source_file>();
    source->name = option;
    source->text = text;
    return source;
}

// Parses `text` with `parse`, then checks the AST with `check`; prints every problem, or,
// when `quiet`, prints nothing and gives nothing when there is anything to say.
template <typename Result, typename Parse, typename Check>
std::optional<Result> checked(const std::string& option, const std::string& text, Parse parse, Check check, bool quiet = false)
{
    const auto source = source_of(option, text);
    auto parsed = parse(*source);
    if (!parsed.value || (quiet && !parsed.issues.empty())) {
        if (!quiet) print_diagnostics(parsed.issues);
        return std::nullopt;
    }
    grammar::diagnostics issues;
    auto out = check(*parsed.value, issues);
    if (quiet) return issues.empty() ? out : std::nullopt;
    print_diagnostics(issues);
    return out;
}

}  // namespace

std::string path_problem(const std::string& text)
{
    return text.empty() ? std::string(messages::tr("an empty path names no file")) : std::string();
}

std::string year_problem(const std::string& text)
{
    const bool digits = text.size() == 4 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    return digits ? std::string() : messages::trf("a year is written with four digits, as in a rule file (e.g. 2024), not '{}'", text);
}

std::optional<compile::parameter> parameter_option(const compile::program& p, const std::string& option, const std::string& text)
{
    return checked<compile::parameter>(option, text, grammar::parse_parameter, [&](const grammar::ast::slot_name& name, grammar::diagnostics& issues) { return compile::find_parameter(p, name, issues); });
}

std::optional<population::sweep_axis> sweep_option(const compile::program& p, const std::string& text, bool quiet)
{
    return checked<population::sweep_axis>("--sweep", text, grammar::parse_sweep, [&](const grammar::ast::sweep_range& range, grammar::diagnostics& issues) -> std::optional<population::sweep_axis> {
        const auto sweep = compile::sweep_parameter_of(p, range, issues);
        if (!sweep) return std::nullopt;
        population::sweep_axis axis;
        axis.slot = sweep->what.slot;
        axis.year = sweep->what.year;
        axis.name = sweep->what.name;
        try {
            axis.values = population::range_values(sweep->from, sweep->to, sweep->step);
        }
        catch (const std::invalid_argument& e) {
            issues.push_back({grammar::severity::error, range.step.range, e.what(), {}});
            return std::nullopt;
        }
        return axis;
    }, quiet);
}

std::optional<exact::rational> amount_option(const std::string& option, const std::string& text)
{
    return checked<exact::rational>(option, text, grammar::parse_amount, [](const grammar::ast::amount& amount, grammar::diagnostics& issues) { return compile::amount_value(amount, issues); });
}

std::optional<exact::rational> share_option(const std::string& option, const std::string& text)
{
    return checked<exact::rational>(option, text, grammar::parse_share, [](const grammar::ast::share& share, grammar::diagnostics& issues) { return compile::share_value(share, issues); });
}

}  // namespace donum::cli
