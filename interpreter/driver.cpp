#include "interpreter/driver.hpp"

namespace donum::interpreter {

compiled compile_rules(const std::string& path, const compile_options& options)
{
    compiled out;
    // Passes 1 and 2: parse every file of the chain and merge the derived versions.
    auto resolved = load_rules(path, options.load);
    out.issues = std::move(resolved.issues);
    out.sources = resolved.sources;
    // Stop if there was a syntax or resolution error.
    if (!resolved.file) {
        return out;
    }
    // Pass 3: names, types, targets, gates, examples; compile to a program.
    auto checked = check(*resolved.file, options.check);
    out.issues.insert(out.issues.end(), checked.issues.begin(), checked.issues.end());
    if (checked.checked) {
        checked.checked->sources = out.sources;
        out.checked = std::move(checked.checked);
    }
    return out;
}

}  // namespace donum::interpreter
