// libFuzzer target: a rule file through every pass of `donum check` and `donum test`.
// The bytes become fuzz.donum in a private temporary folder, next to base.donum (a copy of
// corpus/rules/derived-and-examples.donum), so that `extends` really resolves: the base,
// itself, missing files, folders. Then compile_rules parses, resolves and checks
// it; every diagnostic is rendered (quoting the line, with a caret), and a checked program
// gets its summary and runs its known-answer examples. Bad input must end in diagnostics or
// in the documented exceptions, never in a crash, a leak, a hang or another exception.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "exercise.hpp"
#include "interpreter/compile/driver.hpp"

namespace {

std::string rule_path;

void remove_folder()
{
    std::error_code ignored;
    std::filesystem::remove_all(std::filesystem::path(rule_path).parent_path(), ignored);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    std::string folder = (std::filesystem::temp_directory_path() / "donum-fuzz-rules-XXXXXX").string();
    if (::mkdtemp(folder.data()) == nullptr) std::abort();
    rule_path = folder + "/fuzz.donum";
    std::atexit(remove_folder);
    std::filesystem::copy_file(DONUM_FUZZ_BASE_RULES, folder + "/base.donum");
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace donum;
    {
        std::FILE* f = std::fopen(rule_path.c_str(), "wb");
        if (f == nullptr || std::fwrite(data, 1, size, f) != size || std::fclose(f) != 0) std::abort();
    }
    const auto compiled = compile::compile_rules(rule_path, {});
    fuzz::exercise(compiled);
    return 0;
}
