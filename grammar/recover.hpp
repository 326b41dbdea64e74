// What the parser does after a syntax error: a clearer message when the text shows a French
// writer's mistake, then the errors of the declarations that follow. Internal to the
// grammar (grammar/parser.cpp calls it).
#ifndef DONUM_GRAMMAR_RECOVER_HPP
#define DONUM_GRAMMAR_RECOVER_HPP

#include "grammar/diagnostic.hpp"
#include "grammar/source.hpp"

namespace donum::grammar::internal {

/// Gives the first syntax error of `source` (the last of `issues`) its hint, then resumes at
/// each next unindented declaration and adds the error it holds, with its hint, up to 50
/// errors: a writer sees the independent mistakes of a file in one run. Not called after an
/// error of the limit of syntax nodes (the rest of such a file is not read).
void report_more_errors(const source_file& source, diagnostics& issues);

/// Gives a syntax error of `source` the clearer message of a French writer's mistake seen
/// around it (french_hint), if any: also for the texts of command-line options (`2,5`).
void add_hint(const source_file& source, diagnostic& error);

}  // namespace donum::grammar::internal

#endif
