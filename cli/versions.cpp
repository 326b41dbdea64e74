#include "cli/versions.hpp"

#include <cstdio>
#include <filesystem>

#include <fmt/format.h>

#include "cli/common.hpp"
#include "grammar/parser.hpp"
#include "interpreter/messages/messages.hpp"

namespace donum::cli {

using messages::tr;
using messages::trf;

std::optional<version_spec> parse_version_spec(const std::string& text)
{
    std::error_code ec;
    if (std::filesystem::is_regular_file(text, ec)) return version_spec{text, text, {}, std::nullopt};
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

std::string version_problem(const std::string& text)
{
    std::error_code ec;
    if (text.empty()) return tr("an empty path names no file");
    if (std::filesystem::exists(text, ec)) return "";
    grammar::source_file source{"version", text};
    const auto parsed = grammar::parse_version(source);
    if (!parsed.value) return "File does not exist: " + text;
    for (const auto* path : [&] {
             std::vector<const grammar::ast::text*> all{&parsed.value->rules};
             for (const auto& s : parsed.value->scenarios) all.push_back(&s);
             return all;
         }()) {
        if (!std::filesystem::exists(path->value, ec)) return "File does not exist: " + path->value;
    }
    return "";
}

std::optional<compile::compiled> load_program(const std::string& text, const rules_options& options, bool warnings)
{
    const auto spec = parse_version_spec(text);
    if (!spec) return std::nullopt;
    if (spec->year) {
        std::fprintf(stderr, "donum: %s\n", trf("{}: a year after the rule file names a version to compare (donum diff, explain --vs); here, write --year {} to evaluate every row as {}", text, *spec->year, *spec->year).c_str());
        return std::nullopt;
    }
    rules_options own = options;
    own.scenarios.insert(own.scenarios.begin(), spec->scenarios.begin(), spec->scenarios.end());
    auto result = compile::compile_rules(spec->rules, compile_options_of(own));
    print_diagnostics(result.issues, warnings);
    if (!result.checked) {
        std::fprintf(stderr, "%s\n", trf("{}: {} error(s)", text, grammar::count(result.issues, grammar::severity::error)).c_str());
        return std::nullopt;
    }
    return result;
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
