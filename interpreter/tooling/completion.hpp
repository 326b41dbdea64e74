// What an editor may offer at the cursor: the names the program knows, chosen by the
// words just before the cursor.
#ifndef DONUM_INTERPRETER_TOOLING_COMPLETION_HPP
#define DONUM_INTERPRETER_TOOLING_COMPLETION_HPP

#include <cstddef>
#include <string>
#include <vector>

#include "grammar/tokens.hpp"
#include "interpreter/compile/program.hpp"

namespace donum::tooling {

/// One word the editor may insert.
struct completion_item {
    enum class kind { input, define, group, indicator, slot, function, keyword };
    kind what = kind::keyword;
    std::string label;   ///< what is inserted
    std::string detail;  ///< the French label of the thing, or what it is
};

/// The completions at byte `byte` of the text of `tokens`, from `p` (the last program of
/// the document that checked; null: keywords only). After `set` (or in a scenario): dotted
/// names; after `of`: groups; in a `given` list: inputs; elsewhere: inputs, definitions,
/// functions and keywords.
[[nodiscard]] std::vector<completion_item> complete(const grammar::token_stream& tokens, std::size_t byte, const compile::program* p, bool scenario);

}  // namespace donum::tooling

#endif
