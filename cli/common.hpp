// Pieces every subcommand uses: loading rules with diagnostics, reporting data errors,
// and writing an output file atomically.
#ifndef DONUM_CLI_COMMON_HPP
#define DONUM_CLI_COMMON_HPP

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "grammar/diagnostic.hpp"
#include "interpreter/data/csv.hpp"
#include "interpreter/compile/driver.hpp"
#include "interpreter/eval/evaluate.hpp"
#include "interpreter/data/table.hpp"

namespace donum::cli {

/// Prints diagnostics to standard error; warnings only when `warnings` is set.
void print_diagnostics(const grammar::diagnostics& issues, bool warnings = true);

/// The compile options of the command-line options.
[[nodiscard]] compile::compile_options compile_options_of(const rules_options& options);

/// Compiles `path` with the scenarios and settings of `options` and prints its errors (and
/// warnings when asked). Returns the compiled result only when there is a program.
[[nodiscard]] std::optional<compile::compiled> load_program(const std::string& path, const rules_options& options, bool warnings);

/// Prints every placeholder that blocks evaluation, at its place in the rule text.
void print_placeholders(const eval::placeholder_error& e);

/// Runs `work` (which returns an exit code); an open placeholder or a result beyond exact
/// arithmetic is printed at its place in the rule text and becomes its exit code.
template <typename Work>
int refuse_on_evaluation_errors(Work&& work)
{
    try {
        return work();
    }
    catch (const eval::placeholder_error& e) {
        print_placeholders(e);
        return rule_error;
    }
    catch (const eval::evaluation_error& e) {
        std::fputs(grammar::render(e.to_diagnostic()).c_str(), stderr);
        return evaluation_error;
    }
}

/// Prints data errors (at most `limit`, then how many more) to standard error.
void print_data_errors(const std::vector<data::csv_error>& errors, std::size_t limit = 50);

/// Loads and validates the activity data `path` for `p` (--year forces the year of every
/// row) and prints its problems. Returns the loaded data when it may be used: no error, or
/// only row errors when `allow_rejected` (--skip-invalid).
[[nodiscard]] std::optional<data::load_result> load_data(const std::string& path, const compile::program& p, std::optional<int> year, bool allow_rejected);

/// Same, for a schema (the columns of several versions) and table options.
[[nodiscard]] std::optional<data::load_result> load_data(const std::string& path, const data::schema& s, const data::table_options& options, bool allow_rejected);

/// Prints the problems of the data read from `path`, unless they are only rejected rows and
/// `allow_rejected`; returns whether its rows may be used.
bool report_data(const std::string& path, const data::load_result& loaded, bool allow_rejected);

/// Writes `text` to `path` atomically (standard output when empty); prints why not.
bool write_output(const std::string& path, std::string_view text);

/// An output that becomes visible only when complete: a temporary file next to the target,
/// renamed over it on commit() and removed otherwise. An empty path means standard output.
class output_file {
public:
    /// Opens the temporary file; on failure returns std::nullopt and sets `error`.
    static std::optional<output_file> open(const std::string& path, std::string& error);
    output_file(output_file&& other) noexcept;
    output_file& operator=(output_file&&) = delete;
    output_file(const output_file&) = delete;
    output_file& operator=(const output_file&) = delete;
    /// Removes the temporary file unless committed.
    ~output_file();
    /// Where to write.
    [[nodiscard]] std::FILE* get() const { return m_file; }
    /// Closes and renames the file into place; false (and `error`) if anything failed.
    bool commit(std::string& error);

private:
    output_file(std::string path, std::string temp, std::FILE* file) : m_path(std::move(path)), m_temp(std::move(temp)), m_file(file) {}
    std::string m_path;
    std::string m_temp;
    std::FILE* m_file = nullptr;
};

}  // namespace donum::cli

#endif
