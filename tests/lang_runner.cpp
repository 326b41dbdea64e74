// Language test runner: walks tests/lang/{ok,bad}, checks each .donum file with the
// library, and compares the rendered diagnostics with the file's .expected golden file.
//
// - ok/X.donum must check without error; its warnings (if any) must equal ok/X.expected.
// - bad/X.donum must fail; its diagnostics must equal bad/X.expected exactly.
// - A first line "# options: strict" checks the file with --strict.
// Paths in diagnostics are relative to tests/lang, so the golden files do not depend on
// where the repository is checked out. `lang_runner DIR --update` rewrites the golden files
// (review the diff before committing).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "grammar/diagnostic.hpp"
#include "interpreter/compile/driver.hpp"

namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& p)
{
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::cerr << "usage: lang_runner TESTS_LANG_DIR [--update]\n";
        return 2;
    }
    const bool update = argc > 2 && std::string(argv[2]) == "--update";
    fs::current_path(argv[1]);
    int passed = 0;
    int failed = 0;
    for (const std::string kind : {"ok", "bad"}) {
        std::vector<fs::path> files;
        for (const auto& entry : fs::directory_iterator(kind)) {
            if (entry.path().extension() == ".donum") files.push_back(entry.path());
        }
        std::sort(files.begin(), files.end());
        for (const auto& file : files) {
            const auto text = read_file(file);
            donum::compile::compile_options options;
            options.check.strict = text.rfind("# options: strict", 0) == 0;
            const auto result = donum::compile::compile_rules(file.generic_string(), options);
            std::string actual;
            for (const auto& d : result.issues) actual += donum::grammar::render(d);
            auto expected_path = file;
            expected_path.replace_extension(".expected");
            if (update && (kind == "bad" || !actual.empty())) {
                std::ofstream(expected_path, std::ios::binary) << actual;
            }
            const auto expected = fs::exists(expected_path) ? read_file(expected_path) : std::string();
            const bool has_errors = donum::grammar::has_errors(result.issues);
            std::string problem;
            if (kind == "ok" && has_errors) problem = "expected no error";
            else if (kind == "bad" && !has_errors) problem = "expected an error";
            else if (actual != expected) problem = "diagnostics differ from " + expected_path.generic_string();
            if (problem.empty()) {
                ++passed;
                continue;
            }
            ++failed;
            std::cout << "FAIL " << file.generic_string() << ": " << problem << "\n--- expected\n" << expected << "--- actual\n" << actual << "---\n";
        }
    }
    std::cout << passed << " passed, " << failed << " failed\n";
    return failed == 0 ? 0 : 1;
}
