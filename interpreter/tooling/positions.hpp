// Positions as editors count them: the Language Server Protocol numbers lines from 0 and
// characters in UTF-16 code units, donum numbers lines from 1 and columns in bytes.
#ifndef DONUM_INTERPRETER_TOOLING_POSITIONS_HPP
#define DONUM_INTERPRETER_TOOLING_POSITIONS_HPP

#include <cstddef>

#include "grammar/source.hpp"

namespace donum::tooling {

/// A position in an editor: line from 0, character in UTF-16 code units from 0.
struct editor_position {
    std::size_t line = 0;
    std::size_t character = 0;
};

/// A range in an editor, end excluded.
struct editor_range {
    editor_position start;
    editor_position end;
};

/// The editor's position of `pos` in `file` (a character outside the line's text stays
/// at the end of the line).
[[nodiscard]] editor_position to_editor(const grammar::source_file& file, const grammar::source_pos& pos);

/// The editor's range of `range`, whose file is `file`.
[[nodiscard]] editor_range to_editor(const grammar::source_file& file, const grammar::source_range& range);

/// The byte offset in `file` of the editor's position `pos`, clamped to the line and the
/// text.
[[nodiscard]] std::size_t to_byte(const grammar::source_file& file, const editor_position& pos);

}  // namespace donum::tooling

#endif
