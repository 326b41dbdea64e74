// The French catalogue: pairs (English text, French text), one table per part of donum so
// that each part's messages sit together. Read by messages.cpp and by the catalogue test.
#ifndef DONUM_INTERPRETER_MESSAGES_CATALOGUE_HPP
#define DONUM_INTERPRETER_MESSAGES_CATALOGUE_HPP

#include <span>

namespace donum::messages {

/// One message in both languages; `english` is the text marked in the code.
struct entry {
    const char* english;
    const char* french;
};

/// The messages of the grammar (syntax errors, hints, parameters).
[[nodiscard]] std::span<const entry> grammar_catalogue() noexcept;
/// The messages of the checker and of derived versions (compile/).
[[nodiscard]] std::span<const entry> compile_catalogue() noexcept;
/// The messages of activity data (data/).
[[nodiscard]] std::span<const entry> data_catalogue() noexcept;
/// The messages of evaluation, populations and outputs (eval/, population/, render/, tooling/).
[[nodiscard]] std::span<const entry> engine_catalogue() noexcept;
/// The messages of the command line (cli/): errors and --help.
[[nodiscard]] std::span<const entry> cli_catalogue() noexcept;
/// The messages of donum serve: its command, the API's errors, the live population and the
/// settings sent as text.
[[nodiscard]] std::span<const entry> serve_catalogue() noexcept;
/// The texts of reports, tables and workbooks (render/) and the vocabulary they share (text/):
/// titles, headers, sheet names, outcomes, targets and the sentences that explain them.
[[nodiscard]] std::span<const entry> render_catalogue() noexcept;

}  // namespace donum::messages

#endif
