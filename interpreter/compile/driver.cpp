#include "interpreter/compile/driver.hpp"

namespace donum::compile {

compiled compile_rules(const std::string& path, const compile_options& options)
{
    compiled out;
    // Passes 1 and 2: parse every file of the chain and merge the derived versions.
    auto resolved = load_rules(path, options.load);
    out.issues = std::move(resolved.issues);
    out.sources = resolved.sources;
    for (const auto& s : resolved.sources) out.files.push_back({"rules", s->name});
    // Stop if there was a syntax or resolution error.
    if (!resolved.file) {
        return out;
    }
    auto& rules = *resolved.file;
    // Values of the negotiation: scenarios, then single settings, each over the previous.
    bool applied = true;
    for (const auto& scenario : options.scenarios) {
        const auto first = out.sources.size();
        applied = apply_scenario(rules, scenario, options.load, out.sources, out.issues) && applied;
        for (auto i = first; i < out.sources.size(); ++i) out.files.push_back({"scenario", out.sources[i]->name});
    }
    for (const auto& setting : options.settings) {
        auto text = std::make_shared<grammar::source_file>();
        text->name = "--set";
        text->text = setting;
        out.sources.push_back(text);
        const auto outcome = apply_setting(rules, *text, out.issues, options.settings_where_named);
        out.settings_applied.push_back(outcome == setting_outcome::applied);
        applied = outcome != setting_outcome::error && applied;
    }
    if (!applied) {
        return out;
    }
    // Pass 3: names, types, targets, gates, examples; compile to a program.
    auto checked = check(rules, options.check);
    out.issues.insert(out.issues.end(), checked.issues.begin(), checked.issues.end());
    if (checked.checked) {
        checked.checked->sources = out.sources;
        out.checked = std::move(checked.checked);
    }
    return out;
}

}  // namespace donum::compile
