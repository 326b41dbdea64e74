// The two ways a checked program can fail to evaluate, and the one overflow policy.
//
// Overflow policy: a result beyond exact 64-bit arithmetic is never a wrong amount. It is an
// evaluation_error located at the rule text that overflowed: the expression of a row, the
// group whose points add up beyond 64 bits, or the point value for euros and for population
// totals (total_overflow); whoever knows the data row adds it (set_row). The command line
// turns every evaluation_error into exit code 6.
#ifndef DONUM_INTERPRETER_EVAL_ERRORS_HPP
#define DONUM_INTERPRETER_EVAL_ERRORS_HPP

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "grammar/diagnostic.hpp"
#include "grammar/source.hpp"
#include "interpreter/compile/program.hpp"

namespace donum::eval {

/// A rule that cannot be evaluated: an exact result beyond 64 bits. Points at the rule text;
/// the evaluator adds the year, the caller adds the row (data file, line, physician id) when
/// it knows it.
class evaluation_error : public std::runtime_error {
public:
    /// An error at `range` of the rule file; `message` says what failed, without location.
    evaluation_error(const grammar::source_range& range, std::string message);

    /// Where in the rule file: the expression that overflowed, or the group / point value.
    [[nodiscard]] const grammar::source_range& range() const { return m_range; }
    /// What failed, without location: "this product is too large for exact arithmetic ...".
    [[nodiscard]] const std::string& message() const { return m_message; }
    /// The data file of the row, empty until set_row().
    [[nodiscard]] const std::string& data_file() const { return m_data_file; }
    /// 1-based line of the row in the data file, 0 until set_row().
    [[nodiscard]] std::size_t data_line() const { return m_data_line; }
    /// Physician id of the row, empty until set_row().
    [[nodiscard]] const std::string& id() const { return m_id; }
    /// Evaluated year of the row, 0 until set.
    [[nodiscard]] int year() const { return m_year; }

    /// Records the evaluated year (the evaluator does, when it throws).
    void set_year(int year);
    /// Records the row being evaluated (file, 1-based line, physician id, year); what()
    /// then names it too.
    void set_row(std::string data_file, std::size_t data_line, std::string id, int year);
    /// Same, keeping the year already recorded.
    void set_row(std::string data_file, std::size_t data_line, std::string id);

    /// The error as a diagnostic at the rule text, naming the row (when set), for
    /// grammar::render: "rules.donum:12:5: error: ... (data data.csv:57: physician M1, year 2024)".
    [[nodiscard]] grammar::diagnostic to_diagnostic() const;

    /// "rules.donum:12:5: error: message (data.csv:57: physician M1, year 2024)".
    [[nodiscard]] const char* what() const noexcept override { return m_what.c_str(); }

private:
    void update_what();

    grammar::source_range m_range;
    std::string m_message;
    std::string m_data_file;
    std::size_t m_data_line = 0;
    std::string m_id;
    int m_year = 0;
    std::string m_what;
};

/// The error of a population total (a sum over rows: points, euros, a mean) beyond 64 bits,
/// located at the point value of `p`.
[[nodiscard]] evaluation_error total_overflow(const compile::program& p);

/// A placeholder XX that the evaluated year needs.
struct open_placeholder {
    std::string name;  ///< dotted name, "@year" appended when other years are set
    grammar::source_range range;
};

/// Thrown when the evaluated year still has XX values: lists every one of them.
class placeholder_error : public std::runtime_error {
public:
    /// `year` is the evaluated year; `open` is not empty.
    placeholder_error(int year, std::vector<open_placeholder> open);

    /// The year that cannot be evaluated (the first one, when several are merged).
    [[nodiscard]] int year() const { return m_year; }
    /// Every XX that blocks it, in slot order.
    [[nodiscard]] const std::vector<open_placeholder>& open() const { return m_open; }

private:
    int m_year;
    std::vector<open_placeholder> m_open;
};

/// Gathers the placeholder errors of several years into one, so that a run reports every XX
/// at once: each name once, in the order met; the year is the first failing one.
class placeholder_collector {
public:
    /// Records the XX of one year.
    void add(const placeholder_error& e);
    /// Throws the gathered placeholder_error, if any year failed.
    void throw_if_any();

private:
    std::optional<int> m_first_year;
    std::vector<open_placeholder> m_open;
};

}  // namespace donum::eval

#endif
