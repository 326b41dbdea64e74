// What an activity file must hold for the programs that will read it: the columns with their
// types, the numerator/denominator pairs, the years. A table is loaded for a schema, once,
// whatever the number of programs (versions) that read it afterwards.
#ifndef DONUM_INTERPRETER_DATA_SCHEMA_HPP
#define DONUM_INTERPRETER_DATA_SCHEMA_HPP

#include <cstddef>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "grammar/ast.hpp"
#include "interpreter/compile/program.hpp"

namespace donum::data {

using compile::program;

/// The columns, checks and years of an activity file.
struct schema {
    /// One column of values: its header name and what its values may be.
    struct column {
        std::string name;
        grammar::ast::input_type type = grammar::ast::input_type::count;
        /// Some rule reads it. A column no rule reads (an input left by a derived version
        /// that removed its indicators) may be absent from the file: its values are then 0,
        /// with a warning, instead of a missing-column error.
        bool read = true;
    };
    std::vector<column> columns;  ///< the table's columns, in this order; names unique
    /// (numerator, denominator) column pairs: a numerator above its denominator is an error.
    std::vector<std::pair<std::size_t, std::size_t>> ratios;
    /// A row's year must be one of them (unless the year is forced or ignored).
    std::vector<int> years;
};

/// The schema of one program: a column per input, in program::inputs order (so that a row
/// read from the table is the program's input vector, even when two inputs read the same
/// CSV column), the rate(a, b) of two inputs as ratios (unless one only is decimal: their
/// stored values are not on one scale), the program's years in its order.
[[nodiscard]] schema schema_of(const program& p);

/// Thrown by schema_of(programs) when one program reads a column as a decimal input and
/// another as a whole number: one table cannot hold its values for both (a decimal column
/// is stored scaled, see exact/fixed.hpp). The message, in the user's language, names it.
struct mixed_column : std::runtime_error {
    /// The error for the column named `column`.
    explicit mixed_column(const std::string& column);
};

/// The schema several programs (versions) read together: the union of their columns by
/// name, in order of first appearance (a column with two types gets the stricter: boolean,
/// then count, then integer, so that no program reads a value it refuses), of their ratios
/// and of their years (ascending). Throws mixed_column when a column is decimal for one
/// program and not for another.
[[nodiscard]] schema schema_of(std::span<const program* const> programs);

/// Where each input of `p` is in a table of schema `s` (index: input, value: column).
/// Precondition: s has every column of p (e.g. s = schema_of(programs) with p among them).
[[nodiscard]] std::vector<std::size_t> columns_of(const schema& s, const program& p);

}  // namespace donum::data

#endif
