// What a change of one slot reaches in a program: the code nodes that read the slot, the
// nodes that depend on them, whether the slot is paid rather than read. Shared by sweeps
// and solve, which re-run only what a parameter changes.
#ifndef DONUM_INTERPRETER_POPULATION_DEPENDENTS_HPP
#define DONUM_INTERPRETER_POPULATION_DEPENDENTS_HPP

#include <cstddef>
#include <cstdint>
#include <vector>

#include "interpreter/compile/program.hpp"

namespace donum::population {

/// The opcode::slot nodes that read slot `slot`, ascending.
[[nodiscard]] std::vector<compile::node_id> slot_nodes(const compile::program& p, std::size_t slot);

/// Whether slot `slot` is paid (an indicator's points, a block's points, the point value)
/// rather than read by the code.
[[nodiscard]] bool is_payment_slot(const compile::program& p, std::size_t slot);

/// By node: 1 for the nodes of `seeds` and every node that reads one of them, directly,
/// through other nodes or through a definition's register (the checker emits arguments and
/// definition roots before their readers, so one pass in node order finds them all).
[[nodiscard]] std::vector<std::uint8_t> dependents(const compile::program& p, const std::vector<compile::node_id>& seeds);

}  // namespace donum::population

#endif
