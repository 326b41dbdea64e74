// What spreadsheets and French habits put in an activity file that the format does not say:
// yes/no written as words, a tab-separated export, headers in capitals. The words are read;
// the separator and the letter case are named in the error, so that the user knows what to
// change instead of reading "missing columns".
#ifndef DONUM_INTERPRETER_DATA_HABITS_HPP
#define DONUM_INTERPRETER_DATA_HABITS_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace donum::data {

/// The value of a yes/no field written as a word, whatever its letter case and surrounding
/// spaces: 1 for oui, vrai, true, yes; 0 for non, faux, false, no; nothing for anything else.
[[nodiscard]] std::optional<std::int64_t> yes_no_word(std::string_view field);

/// What to add to "missing columns" given the header read (`names`) and the names not found
/// (`missing`): a header read as one column that holds a tab or a '|' names that separator;
/// a missing name present in other letter case names the header's spelling. Empty when
/// neither applies.
[[nodiscard]] std::string header_hint(const std::vector<std::string>& names, const std::vector<std::string>& missing);

}  // namespace donum::data

#endif
