#include "interpreter/population/manifest.hpp"

#include <chrono>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <utility>

#include "interpreter/population/sha256.hpp"

namespace donum::population {

manifest_file hashed_file(std::string role, std::string path)
{
    auto sha = sha256_file(path);
    return {std::move(role), std::move(path), std::move(sha)};
}

manifest_file hashed_text(std::string role, std::string path, std::string_view bytes)
{
    return {std::move(role), std::move(path), sha256_text(bytes)};
}

manifest manifest_of(const compile::compiled& compiled, const std::string& data, std::optional<int> year, const std::vector<std::string>& settings, std::string version, std::optional<std::string> date)
{
    manifest m;
    m.donum_version = std::move(version);
    for (std::size_t i = 0; i < compiled.files.size(); ++i) {
        const auto& f = compiled.files[i];
        const auto& source = *compiled.sources[i];  // files and sources are read in the same order
        m.files.push_back(hashed_text(f.role == "scenario" ? "scénario" : "règles", f.path, source.text));
    }
    m.files.push_back(hashed_file("données", data));
    if (year) m.parameters.push_back(fmt::format("--year {}", *year));
    for (const auto& s : settings) m.parameters.push_back(s);
    m.date = date ? *date : fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now())));
    return m;
}

}  // namespace donum::population
