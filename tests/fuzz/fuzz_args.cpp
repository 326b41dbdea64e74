// libFuzzer target: the texts of command-line options through the parsers and checks of the
// command (cli/options.hpp, cli/versions.hpp), as `donum solve`, `simulate --sweep`, `eval
// --set`, `diff` and every path or year option read them. The first byte chooses the option,
// the rest is its text; the programs are compiled once (the forfait structure and
// tests/data/mini.donum). Bad text must end in diagnostics on the option (printed to a null
// stream here), never in a crash, a leak, a hang or an exception: the command would turn
// one into exit code 70.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "cli/options.hpp"
#include "cli/versions.hpp"
#include "grammar/characters.hpp"
#include "grammar/parser.hpp"
#include "interpreter/compile/driver.hpp"
#include "interpreter/population/sweep.hpp"

namespace {

using namespace donum;

const compile::program* forfait = nullptr;

const compile::program& compile_once(const char* path)
{
    auto compiled = compile::compile_rules(path, {});
    if (!compiled.checked) {
        std::fprintf(stderr, "fuzz_args: %s does not compile\n", path);
        std::abort();
    }
    return *new compile::program(std::move(*compiled.checked));  // lives for the whole run
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    forfait = &compile_once(DONUM_FUZZ_FORFAIT_RULES);
    // The diagnostics are what is tested, not what is read: the command's messages go to the
    // C stream stderr, sanitizer reports to the descriptor, which stays.
    stderr = std::fopen("/dev/null", "w");
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0) return 0;
    const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
    switch (data[0] % 9) {
        case 0: (void)cli::parameter_option(*forfait, "--vary", text); break;
        case 1:
            if (const auto axis = cli::sweep_option(*forfait, text)) {
                if (axis->values.empty() || axis->values.size() > 100001) std::abort();  // at most 100,000 steps and the last value
            }
            break;
        case 2: (void)cli::amount_option("--budget", text); break;
        case 3: (void)cli::share_option("--reach", text); break;
        case 4:
            (void)cli::parse_version_spec(text);
            (void)cli::version_problem(text);
            break;
        case 5: {
            // --set on a small program, through every pass (resolve, check).
            compile::compile_options options;
            options.settings = {text};
            (void)compile::compile_rules(DONUM_FUZZ_MINI_RULES, options);
            break;
        }
        case 6:
            (void)cli::year_problem(text);
            (void)cli::path_problem(text);
            break;
        case 7: (void)grammar::lookalike_message(text); break;
        default: {
            // A version loaded as `explain` and the other commands load their rule file.
            cli::rules_options options;
            (void)cli::load_program(text, options, false);
            break;
        }
    }
    return 0;
}
