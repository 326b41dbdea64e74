// Pieces every subcommand uses: loading rules with diagnostics, reporting data errors,
// and writing an output file atomically.
#ifndef DONUM_CLI_COMMON_HPP
#define DONUM_CLI_COMMON_HPP

#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/paths.hpp"
#include "cli/temporary.hpp"
#include "cli/versions.hpp"
#include "grammar/diagnostic.hpp"
#include "interpreter/data/csv.hpp"
#include "interpreter/compile/driver.hpp"
#include "interpreter/eval/evaluate.hpp"
#include "interpreter/data/table.hpp"
#include "interpreter/render/xlsx.hpp"

namespace donum::cli {

/// Prints diagnostics to standard error; warnings only when `warnings` is set.
void print_diagnostics(const grammar::diagnostics& issues, bool warnings = true);

/// Where `extends` looks for a base that is not next to the extending file: the folders of
/// DONUM_PATH (separated by ':'), then the folder of the official rule files (installed in
/// <prefix>/share/donum/rules, or the source tree's stdlib-rules/ for a build not installed).
[[nodiscard]] std::vector<std::string> rules_search_path();

/// The compile options of the command-line options.
[[nodiscard]] compile::compile_options compile_options_of(const rules_options& options);

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
/// row; `sheet` is the sheet of a workbook, --sheet) and prints its problems. Returns the
/// loaded data when it may be used: no error, or only row errors when `allow_rejected`
/// (--skip-invalid).
[[nodiscard]] std::optional<data::load_result> load_data(const std::string& path, const compile::program& p, std::optional<int> year, bool allow_rejected, const std::string& sheet = {});

/// Same, for a schema (the columns of several versions) and table options. `hint`, when
/// given, is called with a refused result after its errors are printed, to say more.
[[nodiscard]] std::optional<data::load_result> load_data(const std::string& path, const data::schema& s, const data::table_options& options, bool allow_rejected,
                                                         const std::function<void(const data::load_result&)>& hint = {});

/// Prints what `loaded` read with a doubt (load_result::warnings), one warning a line.
void print_data_warnings(const data::load_result& loaded);

/// Prints the problems of the data read from `path`, unless they are only rejected rows and
/// `allow_rejected`; returns whether its rows may be used.
bool report_data(const std::string& path, const data::load_result& loaded, bool allow_rejected);

/// Writes `text` to `path` atomically (standard output when empty); prints why not.
bool write_output(const std::string& path, std::string_view text);

/// Whether `path` names an Excel workbook (ends in .xlsx, any case).
[[nodiscard]] bool is_xlsx_name(const std::string& path);

/// A workbook is written to a file, never to a terminal: with --format xlsx, `output` must
/// be given (-o FILE.xlsx). Prints why not.
[[nodiscard]] bool check_workbook_output(const std::string& format, const std::string& output);

/// Writes what `render` returns to `path` with write_output; a workbook that cannot be made
/// (render::xlsx_error: too many rows, no temporary folder) is printed, and false returned.
template <typename Render>
bool write_document(const std::string& path, Render&& render)
{
    std::string bytes;
    try {
        bytes = render();
    }
    catch (const render::xlsx_error& e) {
        std::fprintf(stderr, "donum: %s\n", e.what());
        return false;
    }
    return write_output(path, bytes);
}

/// An output that becomes visible only when complete: a private temporary file next to the
/// target (temporary.hpp), renamed over it on commit() and removed otherwise, on a signal
/// too. A symbolic link is followed (its target is replaced, the link stays); a device, a
/// pipe or a terminal is written in place. An empty path means standard output.
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
    output_file(std::string shown, std::string target, std::optional<temporary_file> temp, std::FILE* file)
        : m_shown(std::move(shown)), m_target(std::move(target)), m_temp(std::move(temp)), m_file(file)
    {
    }
    std::string m_shown;   ///< the path as given, for messages
    std::string m_target;  ///< where the file lands (paths.hpp, resolved_target)
    std::optional<temporary_file> m_temp;
    std::FILE* m_file = nullptr;
};

/// The files a compiled program read (its rule file, each file it extends, each scenario),
/// for outputs_are_safe.
[[nodiscard]] std::vector<named_path> inputs_of(const compile::compiled& compiled);

/// What a command checks once its rules are compiled, before it reads the data: no output is
/// a file the run reads (the files of `compiled`, the data file `data`) or another output
/// (outputs_are_safe), and `year` (--year), when given, is a year of the rules. Prints each
/// problem on its option; false means exit usage_error.
[[nodiscard]] bool preflight(const compile::compiled& compiled, const std::string& data, std::optional<int> year, const std::vector<named_path>& outputs);

/// The years the rows of `table` are evaluated in (loaded for `p`), ascending.
[[nodiscard]] std::vector<int> data_years(const compile::program& p, const data::data_table& table);

/// Whether some row of `table` is evaluated in `year`; otherwise prints, on `option` (the
/// option's name and text), that a value for that year would be computed on no physician.
/// For solve's --vary and simulate's --sweep, whose answer would otherwise be about nobody.
[[nodiscard]] bool year_has_rows(const compile::program& p, const data::data_table& table, int year, const std::string& option);
/// Same, for the rows of a file read without a table: `year_indexes` as load_result's.
[[nodiscard]] bool year_has_rows(const compile::program& p, const std::vector<std::size_t>& year_indexes, int year, const std::string& option);

/// Warns about each `--set NAME@YEAR=VALUE` whose year no row of `table` is evaluated in: a
/// value that changes nothing, said once the data is read.
void warn_settings_without_rows(const rules_options& options, const compile::program& p, const data::data_table& table);

/// Same, for rows read without a table (eval's csv and json): `year_indexes`, the indexes
/// among p's years of the rows' years (data::load_result::year_indexes).
void warn_settings_without_rows(const rules_options& options, const compile::program& p, const std::vector<std::size_t>& year_indexes);

/// Whether `year` (the value of --year), when given, is a year of `p`; prints why not.
[[nodiscard]] bool year_of_rules(const compile::program& p, std::optional<int> year);

}  // namespace donum::cli

#endif
