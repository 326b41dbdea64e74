// Internal to compile/ (not part of its API): the values of slots, written as constants in
// the rule text (`30 %`, `2/3`, `7 €`, `{ 2023: 20 %, 2024: XX }`), turned into exact
// rationals with the unit they are written in. The checker fills its slots with it, and
// parameter_value reads a value given on its own with the same code and the same messages.
#ifndef DONUM_INTERPRETER_COMPILE_CONSTANT_HPP
#define DONUM_INTERPRETER_COMPILE_CONSTANT_HPP

#include <optional>
#include <string>
#include <vector>

#include "grammar/ast.hpp"
#include "grammar/diagnostic.hpp"
#include "interpreter/compile/program.hpp"

namespace donum::compile::internal {

/// An exact value and the unit it is written in: `30 %` is 3/10, a rate.
struct constant {
    rational value;
    value_type type = value_type::number;
};

/// Folds constant expressions into exact values, reporting each mistake once into `out`.
class constant_folder {
public:
    explicit constant_folder(grammar::diagnostics& out) : m_out(out) {}

    /// `22.5`, `30 %` (3/10, a rate), `7 €`, `40 pts`. A number beyond 64 bits is an error
    /// (nothing returned); a percentage above 100 % is an error, remembered so that the
    /// target check does not report it again (see percentage_reported), and still returned.
    std::optional<constant> literal(const grammar::source_range& at, const grammar::ast::number_literal& lit);

    /// A constant expression: literals, unary minus, + - * / and parentheses, exactly (a
    /// division by zero or a result beyond 64 bits is an error). XX gives nothing and no
    /// error: what XX means is the caller's to say. Anything else is an error.
    std::optional<constant> fold(const grammar::ast::expr& e);

    /// Fills `s.by_year`, `s.year_ranges` and `s.range` from `spec`, one value per year of
    /// `years`: a single value for every year, or a table by year (unknown years, a year
    /// twice and a missing year are errors; XX stays std::nullopt; a value in error becomes
    /// 0, so that checking goes on). Checks the unit and the value (check_slot_value) of
    /// points and of the point value; a target's are checked with its type (type_target).
    /// Returns the unit a target's values are written in: its type is the checker's to
    /// decide, from what the target is compared with.
    value_type fill(slot& s, const grammar::ast::value_spec& spec, const std::vector<int>& years);

    /// True if a percentage above 100 % inside `r` was already reported by literal().
    [[nodiscard]] bool percentage_reported(const grammar::source_range& r) const;

private:
    void error(const grammar::source_range& at, std::string message);

    grammar::diagnostics& m_out;
    std::vector<grammar::source_range> m_reported_percentages;
};

/// Why a value written in `unit` cannot be a value of `s`, in the checker's words, or
/// nothing: the point value is in euros, points are a plain number or `pts`. A target's
/// unit must match its type (a rate target also takes a plain number, `3/10`), so a target
/// is checked only once its type is decided: by the checker, after its comparison.
[[nodiscard]] std::optional<std::string> unit_error(const slot& s, value_type unit);

}  // namespace donum::compile::internal

#endif
