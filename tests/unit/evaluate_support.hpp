// Helpers of the evaluator and explanation tests: compile a rule text, build a row from
// input names, find an indicator or a group by name.
#ifndef DONUM_TESTS_UNIT_EVALUATE_SUPPORT_HPP
#define DONUM_TESTS_UNIT_EVALUATE_SUPPORT_HPP

#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <unistd.h>

#include "grammar/diagnostic.hpp"
#include "interpreter/compile/driver.hpp"
#include "interpreter/eval/evaluate.hpp"

#ifndef DONUM_SOURCE_DIR
#define DONUM_SOURCE_DIR "."
#endif

namespace donum::test::evaluation {


using eval::indicator_outcome;
using exact::rational;

inline std::string repository_file(const std::string& relative) { return std::string(DONUM_SOURCE_DIR) + "/" + relative; }

// Compiles a rule text written to a fresh temporary file; the program keeps the text alive.
inline compile::program compile_text(const std::string& text)
{
    static int counter = 0;
    const auto dir = std::filesystem::temp_directory_path() / ("donum-evaluate-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto path = dir / ("rules" + std::to_string(counter++) + ".donum");
    std::ofstream(path, std::ios::binary) << text;
    auto compiled = compile::compile_rules(path.string(), {});
    std::string messages;
    for (const auto& d : compiled.issues) messages += donum::grammar::render(d);
    REQUIRE_MESSAGE(compiled.checked.has_value(), "the test rules do not compile:\n" << messages);
    return std::move(*compiled.checked);
}

inline compile::program forfait()
{
    auto compiled = compile::compile_rules(repository_file("stdlib-rules/forfait-structure.donum"), {});
    REQUIRE(compiled.checked.has_value());
    return std::move(*compiled.checked);
}

// A row built from input names; unnamed inputs are 0.
inline std::vector<std::int64_t> row(const compile::program& p, const std::map<std::string, std::int64_t>& given)
{
    std::vector<std::int64_t> values(p.inputs.size(), 0);
    for (const auto& entry : given) {
        // Not a structured binding: REQUIRE_MESSAGE captures `name` in a lambda, which
        // clang before 16 refuses for a binding.
        const auto& name = entry.first;
        bool found = false;
        for (std::size_t i = 0; i < p.inputs.size(); ++i) {
            if (p.inputs[i].name == name) {
                values[i] = entry.second;
                found = true;
            }
        }
        REQUIRE_MESSAGE(found, "unknown input " << name);
    }
    return values;
}

inline std::size_t indicator(const compile::program& p, const std::string& id)
{
    for (std::size_t i = 0; i < p.indicators.size(); ++i) {
        if (p.indicators[i].id == id) return i;
    }
    FAIL("unknown indicator " << id);
    return 0;
}

inline std::size_t group(const compile::program& p, const std::string& id)
{
    for (std::size_t g = 0; g < p.groups.size(); ++g) {
        if (p.groups[g].id == id) return g;
    }
    FAIL("unknown group " << id);
    return 0;
}

inline const std::string header = "convention t \"Test\" { point_value 7 € years 2023, 2024 }\n";

}  // namespace donum::test::evaluation

#endif
