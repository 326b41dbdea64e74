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
#include <vector>

#include "grammar/diagnostic.hpp"
#include "interpreter/compile/driver.hpp"
#include "interpreter/eval/evaluate.hpp"
#include "interpreter/render/summary.hpp"
#include "interpreter/render/explanation.hpp"

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
    for (const auto& d : compiled.issues) (void)grammar::render(d);
    if (!compiled.checked) return 0;
    const auto& p = *compiled.checked;
    (void)render::summary(p);
    // The examples, as `donum test` runs them.
    for (const auto& x : p.examples) {
        auto assumed = p;
        for (const auto& [slot, value] : x.assumed) assumed.slots[slot].by_year[x.year_index] = value;
        std::vector<std::int64_t> inputs(p.inputs.size(), 0);
        for (const auto& [input, value] : x.given) inputs[input] = value;
        try {
            const eval::evaluator ev(assumed, p.years.at(x.year_index));
            const auto r = ev.evaluate(inputs);
            (void)render::render_explanation(p, eval::explain(ev, inputs));
            (void)r;
        }
        catch (const eval::placeholder_error&) {
        }
        catch (const eval::evaluation_error& e) {
            (void)grammar::render(e.to_diagnostic());
        }
    }
    return 0;
}
