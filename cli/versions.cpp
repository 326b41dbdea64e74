#include "cli/versions.hpp"

#include <cstdio>
#include <filesystem>

#include <fmt/format.h>

#include "cli/common.hpp"
#include "grammar/parser.hpp"
#include "interpreter/messages/messages.hpp"

namespace donum::cli {

using messages::trf;

std::optional<version_spec> parse_version_spec(const std::string& text)
{
    grammar::source_file source{"version", text};
    auto parsed = grammar::parse_version(source);
    if (!parsed.value) {
        print_diagnostics(parsed.issues);
        return std::nullopt;
    }
    version_spec spec;
    spec.text = text;
    spec.rules = parsed.value->rules.value;
    for (const auto& s : parsed.value->scenarios) spec.scenarios.push_back(s.value);
    if (parsed.value->year) spec.year = std::stoi(*parsed.value->year);
    return spec;
}

std::optional<std::vector<loaded_version>> load_versions(const std::vector<std::string>& specs, const rules_options& options)
{
    std::vector<loaded_version> out;
    std::vector<bool> setting_used(options.settings.size(), false);
    bool failed = false;
    for (const auto& text : specs) {
        const auto spec = parse_version_spec(text);
        if (!spec) {
            failed = true;
            continue;
        }
        loaded_version v;
        v.spec = *spec;
        rules_options own = options;
        own.scenarios.insert(own.scenarios.end(), v.spec.scenarios.begin(), v.spec.scenarios.end());
        // Each --set applies to the versions that have its name: compiled once, the settings
        // whose name this version lacks left out.
        auto compile_options = compile_options_of(own);
        compile_options.settings_where_named = true;
        auto compiled = compile::compile_rules(v.spec.rules, compile_options);
        if (!compiled.checked) {
            print_diagnostics(compiled.issues, false);
            std::fprintf(stderr, "%s\n", trf("{}: {} error(s)", text, grammar::count(compiled.issues, grammar::severity::error)).c_str());
            failed = true;
            continue;
        }
        for (std::size_t s = 0; s < compiled.settings_applied.size(); ++s) {
            if (compiled.settings_applied[s]) setting_used[s] = true;
        }
        const auto& p = *compiled.checked;
        if (v.spec.year && !p.year_index(*v.spec.year)) {
            std::fprintf(stderr, "donum: %s\n", trf("{}: {} is not a year of {} (years: {})", text, *v.spec.year, p.id, fmt::join(p.years, ", ")).c_str());
            failed = true;
            continue;
        }
        if (!v.spec.year && p.years.size() != 1) {
            std::fprintf(stderr, "donum: %s\n", trf("{} covers {}: name the year, e.g. {}@{}", text, fmt::join(p.years, ", "), v.spec.rules, p.years.back()).c_str());
            failed = true;
            continue;
        }
        v.compiled = std::move(compiled);
        out.push_back(std::move(v));
    }
    for (std::size_t s = 0; s < options.settings.size(); ++s) {
        if (!setting_used[s] && !failed) {
            std::fprintf(stderr, "donum: %s\n", trf("--set {}: no version has this name", options.settings[s]).c_str());
            failed = true;
        }
    }
    if (failed) return std::nullopt;
    // Views last: the vector no longer moves.
    for (auto& v : out) {
        const auto& p = *v.compiled.checked;
        const int year = v.spec.year ? *v.spec.year : p.years.front();
        std::string name = fmt::format("{} {}", p.id, year);
        for (const auto& scenario : v.spec.scenarios) name += " + " + std::filesystem::path(scenario).stem().string();
        v.view = {name, &p, year};
    }
    return out;
}

}  // namespace donum::cli
