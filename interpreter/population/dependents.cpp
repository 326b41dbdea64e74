#include "interpreter/population/dependents.hpp"

#include <algorithm>

namespace donum::population {

using compile::node_id;
using compile::opcode;

std::vector<std::uint8_t> dependents(const compile::program& p, const std::vector<node_id>& seeds)
{
    std::vector<std::uint8_t> dep(p.code.size(), 0);
    for (const auto s : seeds) dep[static_cast<std::size_t>(s)] = 1;
    for (std::size_t i = 0; i < p.code.size(); ++i) {
        const auto& n = p.code[i];
        if (dep[i] != 0) continue;
        bool reads = std::any_of(n.args.begin(), n.args.end(), [&](node_id a) { return dep[static_cast<std::size_t>(a)] != 0; });
        if (n.op == opcode::define) reads = reads || dep[static_cast<std::size_t>(p.defines[static_cast<std::size_t>(n.index)].root)] != 0;
        dep[i] = reads ? 1 : 0;
    }
    return dep;
}

}  // namespace donum::population
