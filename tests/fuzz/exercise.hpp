// What the rule-file fuzzers do with what compile_rules returns, as `donum check` and
// `donum test` would: every diagnostic rendered, and a checked program's summary and
// known-answer examples (evaluated and explained). Bad input must end in diagnostics or in
// the documented exceptions, never in a crash, a leak, a hang or another exception.
#ifndef DONUM_TESTS_FUZZ_EXERCISE_HPP
#define DONUM_TESTS_FUZZ_EXERCISE_HPP

#include <cstdint>
#include <vector>

#include "grammar/diagnostic.hpp"
#include "interpreter/compile/driver.hpp"
#include "interpreter/eval/evaluate.hpp"
#include "interpreter/eval/explain.hpp"
#include "interpreter/render/explanation.hpp"
#include "interpreter/render/summary.hpp"

namespace donum::fuzz {

/// Renders `compiled`'s diagnostics; when it is checked, its summary and each of its examples
/// evaluated and explained.
inline void exercise(const compile::compiled& compiled)
{
    for (const auto& d : compiled.issues) (void)grammar::render(d);
    if (!compiled.checked) return;
    const auto& p = *compiled.checked;
    (void)render::summary(p);
    for (const auto& x : p.examples) {
        auto assumed = p;
        for (const auto& [slot, value] : x.assumed) assumed.slots[slot].by_year[x.year_index] = value;
        std::vector<std::int64_t> inputs(p.inputs.size(), 0);
        for (const auto& [input, value] : x.given) inputs[input] = value;
        try {
            const eval::evaluator ev(assumed, p.years.at(x.year_index));
            (void)ev.evaluate(inputs);
            (void)render::render_explanation(p, eval::explain(ev, inputs));
        }
        catch (const eval::placeholder_error&) {
        }
        catch (const eval::evaluation_error& e) {
            (void)grammar::render(e.to_diagnostic());
        }
    }
}

}  // namespace donum::fuzz

#endif
