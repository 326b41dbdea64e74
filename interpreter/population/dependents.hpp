// What a change of slots reaches in a program: the nodes that depend on the nodes that read
// them (compile::slot::readers). Shared by sweeps and solve, which re-run only what a
// parameter changes.
#ifndef DONUM_INTERPRETER_POPULATION_DEPENDENTS_HPP
#define DONUM_INTERPRETER_POPULATION_DEPENDENTS_HPP

#include <cstddef>
#include <cstdint>
#include <vector>

#include "interpreter/compile/program.hpp"

namespace donum::population {

/// By node: 1 for the nodes of `seeds` and every node that reads one of them, directly,
/// through other nodes or through a definition's register (the checker emits arguments and
/// definition roots before their readers, so one pass in node order finds them all).
[[nodiscard]] std::vector<std::uint8_t> dependents(const compile::program& p, const std::vector<compile::node_id>& seeds);

}  // namespace donum::population

#endif
