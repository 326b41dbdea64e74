#include "cli/versions.hpp"

#include <cstdio>
#include <filesystem>
#include <regex>

#include <fmt/format.h>

#include "cli/common.hpp"

namespace donum::cli {

version_spec parse_version_spec(const std::string& text)
{
    version_spec spec;
    spec.text = text;
    std::string rest = text;
    static const std::regex year_suffix("@([0-9]{4})$");
    std::smatch m;
    if (std::regex_search(rest, m, year_suffix)) {
        spec.year = std::stoi(m[1].str());
        rest = rest.substr(0, static_cast<std::size_t>(m.position(0)));
    }
    std::size_t start = 0;
    while (true) {
        const auto plus = rest.find('+', start);
        const auto part = rest.substr(start, plus == std::string::npos ? std::string::npos : plus - start);
        if (spec.rules.empty()) spec.rules = part;
        else spec.scenarios.push_back(part);
        if (plus == std::string::npos) break;
        start = plus + 1;
    }
    return spec;
}

namespace {

// The dotted name a setting sets, without its year: "volet2.dmp.target".
std::string setting_name(const std::string& setting)
{
    auto name = setting.substr(0, setting.find('='));
    name = name.substr(0, name.find('@'));
    while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.pop_back();
    return name;
}

}  // namespace

std::optional<std::vector<loaded_version>> load_versions(const std::vector<std::string>& specs, const rules_options& options)
{
    std::vector<loaded_version> out;
    std::vector<bool> setting_used(options.settings.size(), false);
    bool failed = false;
    for (const auto& text : specs) {
        loaded_version v;
        v.spec = parse_version_spec(text);
        rules_options own = options;
        own.scenarios.insert(own.scenarios.end(), v.spec.scenarios.begin(), v.spec.scenarios.end());
        own.settings.clear();
        // First without the settings, to learn which names this version has.
        auto plain = compile::compile_rules(v.spec.rules, compile_options_of(own));
        if (!plain.checked) {
            print_diagnostics(plain.issues, false);
            std::fprintf(stderr, "%s: %zu error(s)\n", text.c_str(), grammar::count(plain.issues, grammar::severity::error));
            failed = true;
            continue;
        }
        for (std::size_t s = 0; s < options.settings.size(); ++s) {
            if (plain.checked->find_slot(setting_name(options.settings[s])) != nullptr) {
                own.settings.push_back(options.settings[s]);
                setting_used[s] = true;
            }
        }
        auto compiled = own.settings.empty() ? std::move(plain) : compile::compile_rules(v.spec.rules, compile_options_of(own));
        if (!compiled.checked) {
            print_diagnostics(compiled.issues, false);
            failed = true;
            continue;
        }
        const auto& p = *compiled.checked;
        if (v.spec.year && !p.year_index(*v.spec.year)) {
            std::fprintf(stderr, "donum: %s: %d is not a year of %s (years: %s)\n", text.c_str(), *v.spec.year, p.id.c_str(), fmt::format("{}", fmt::join(p.years, ", ")).c_str());
            failed = true;
            continue;
        }
        if (!v.spec.year && p.years.size() != 1) {
            std::fprintf(stderr, "donum: %s covers %s: name the year, e.g. %s@%d\n", text.c_str(), fmt::format("{}", fmt::join(p.years, ", ")).c_str(), v.spec.rules.c_str(), p.years.back());
            failed = true;
            continue;
        }
        v.compiled = std::move(compiled);
        out.push_back(std::move(v));
    }
    for (std::size_t s = 0; s < options.settings.size(); ++s) {
        if (!setting_used[s] && !failed) {
            std::fprintf(stderr, "donum: --set %s: no version has '%s'\n", options.settings[s].c_str(), setting_name(options.settings[s]).c_str());
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
