// libFuzzer target: a scenario file through `--scenario`, as every command that reads rules
// applies it. The bytes become fuzz.donum in a private temporary folder, next to
// base.donum (a copy of tests/data/scenario-taux-40.donum, so that `extends` resolves: the
// base, itself, missing files) and to rules.donum (tests/data/mini.donum, whose settable
// names the mutations of the seeds reach). compile_rules applies it to the rules (parse,
// resolve the scenario chain, check the values), then, on a program, the summary and the
// known-answer examples run as `check --summary` and `test` do. Bad input must end in
// diagnostics or the documented exceptions, never in a crash, a leak, a hang or another
// exception.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "exercise.hpp"
#include "interpreter/compile/driver.hpp"

namespace {

std::string folder;

void remove_folder()
{
    std::error_code ignored;
    std::filesystem::remove_all(folder, ignored);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    folder = (std::filesystem::temp_directory_path() / "donum-fuzz-scenarios-XXXXXX").string();
    if (::mkdtemp(folder.data()) == nullptr) std::abort();
    std::atexit(remove_folder);
    std::filesystem::copy_file(DONUM_FUZZ_BASE_SCENARIO, folder + "/base.donum");
    std::filesystem::copy_file(DONUM_FUZZ_MINI_RULES, folder + "/rules.donum");
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace donum;
    const auto scenario = folder + "/fuzz.donum";
    {
        std::FILE* f = std::fopen(scenario.c_str(), "wb");
        if (f == nullptr || std::fwrite(data, 1, size, f) != size || std::fclose(f) != 0) std::abort();
    }
    compile::compile_options options;
    options.scenarios = {scenario};
    const auto compiled = compile::compile_rules(folder + "/rules.donum", options);
    fuzz::exercise(compiled);
    return 0;
}
