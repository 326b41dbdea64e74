// Helpers shared by the unit tests: check a rule text written to a temporary file.
#ifndef DONUM_TESTS_UNIT_SUPPORT_HPP
#define DONUM_TESTS_UNIT_SUPPORT_HPP

#include <filesystem>
#include <fstream>
#include <string>

#include "grammar/diagnostic.hpp"
#include "interpreter/compile/driver.hpp"

namespace donum::test {

/// A fresh temporary folder per call, removed by the caller's scope if wanted.
inline std::filesystem::path temp_folder()
{
    static int counter = 0;
    auto dir = std::filesystem::temp_directory_path() / ("donum-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(dir);
    return dir;
}

/// Writes `text` to `dir/name` and returns the path.
inline std::string write_file(const std::filesystem::path& dir, const std::string& name, const std::string& text)
{
    const auto path = dir / name;
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
}

/// Compiles a rule text through every pass.
inline compile::compiled compile_text(const std::string& text, compile::compile_options options = {})
{
    return compile::compile_rules(write_file(temp_folder(), "rules.donum", text), options);
}

/// All diagnostics messages, one per line, without locations: "error: message".
inline std::string messages(const grammar::diagnostics& issues)
{
    std::string out;
    for (const auto& d : issues) {
        out += (d.level == grammar::severity::error ? "error: " : d.level == grammar::severity::warning ? "warning: " : "note: ") + d.message + "\n";
    }
    return out;
}

/// The header every small test file starts with.
inline const std::string header = "convention t \"Test\" { point_value 7 € years 2023, 2024 }\n";

/// The path of a file of the repository.
inline std::string source_path(const std::string& relative) { return std::string(DONUM_SOURCE_DIR) + "/" + relative; }

}  // namespace donum::test

#endif
