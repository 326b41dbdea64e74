// Source files, positions and ranges: what every later error points at.
#ifndef DONUM_GRAMMAR_SOURCE_HPP
#define DONUM_GRAMMAR_SOURCE_HPP

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace donum::grammar {

/// A rule file held in memory for the whole run, so that diagnostics raised by any pass
/// (parser, resolver, checker, evaluator) can quote the offending line.
struct source_file {
    std::string name;  ///< path as the user gave it, printed in diagnostics
    std::string text;  ///< whole content, bytes as read

    /// Returns line `line` (1-based) without its end-of-line characters; empty if out of range.
    [[nodiscard]] std::string_view line_text(std::size_t line) const;
};

/// A point in a source file. Columns count bytes from 1, like PEGTL's positions.
struct source_pos {
    std::size_t byte = 0;
    std::size_t line = 1;
    std::size_t column = 1;
};

/// A half-open range [begin, end) in one source file. Every AST node carries one.
struct source_range {
    const source_file* file = nullptr;
    source_pos begin;
    source_pos end;
};

}  // namespace donum::grammar

#endif
