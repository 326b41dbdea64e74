// Internal to compile/ (not part of its API): reading the files of an extends chain (pass 2
// before the merge): each file from the editor's unsaved text or the disk, its base next to
// it or in the search path, a cycle or a base outside the allowed folders refused.
#ifndef DONUM_INTERPRETER_COMPILE_CHAIN_HPP
#define DONUM_INTERPRETER_COMPILE_CHAIN_HPP

#include <memory>
#include <string>
#include <vector>

#include "grammar/ast.hpp"
#include "grammar/diagnostic.hpp"
#include "grammar/source.hpp"
#include "interpreter/compile/resolve.hpp"

namespace donum::compile::internal {

/// Reads and parses `path` and the files it extends, base first, into `out` (rule files, or
/// scenario files when `scenario`); the texts read are added to `sources` (the AST points
/// into them), the problems to `issues`. False when the chain could not be read whole.
bool load_chain(const std::string& path, const load_options& options, bool scenario,
                std::vector<std::shared_ptr<const grammar::source_file>>& sources, grammar::diagnostics& issues,
                std::vector<grammar::ast::rule_file>& out);

}  // namespace donum::compile::internal

#endif
