#include "interpreter/population/examples.hpp"

#include "interpreter/eval/evaluate.hpp"
#include "interpreter/population/runner.hpp"

namespace donum::population {

namespace {

example_outcome run_example(const compile::program& p, std::size_t index)
{
    const auto& x = p.examples[index];
    example_outcome out;
    out.example = index;
    std::vector<std::int64_t> inputs(p.inputs.size(), 0);
    for (const auto& [input, value] : x.given) inputs[input] = value;
    try {
        const eval::evaluator ev(p, p.years.at(x.year_index), x.assumed);
        const auto r = ev.evaluate(inputs);
        out.points = r.points;
        out.euros = r.euros;
        out.passed = r.points == x.expected_points && r.euros.rounded(2) == x.expected_euros;
    }
    catch (const eval::placeholder_error& e) {
        for (const auto& o : e.open()) out.placeholders.push_back(o.name);
    }
    catch (const eval::evaluation_error& e) {
        out.overflow = e.message();
    }
    catch (const exact::overflow_error& e) {
        out.overflow = e.what();
    }
    return out;
}

}  // namespace

std::vector<example_outcome> run_examples(const compile::program& p)
{
    std::vector<example_outcome> out(p.examples.size());
    run_shares(p.examples.size(), share_count(p.examples.size(), {}), [&](std::size_t, std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) out[i] = run_example(p, i);
    });
    return out;
}

}  // namespace donum::population
