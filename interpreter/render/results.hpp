// The three renderings of the results of `donum eval`: csv (for spreadsheets and other
// programs), json (for programs) and table (for people, in French).
#ifndef DONUM_INTERPRETER_RENDER_RESULTS_HPP
#define DONUM_INTERPRETER_RENDER_RESULTS_HPP

#include <cstddef>
#include <cstdio>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "interpreter/compile/program.hpp"
#include "interpreter/data/table.hpp"
#include "interpreter/eval/result.hpp"
#include "interpreter/population/results.hpp"
#include "interpreter/render/document.hpp"
#include "interpreter/render/text_blocks.hpp"
#include "interpreter/render/writers.hpp"

namespace donum::render {

/// Output formats of `donum eval`.
enum class result_format { table, csv, json };

/// The csv and json renderings, a row at a time (a row's text depends on that row alone), for
/// a pass that writes the rows as they are evaluated:
/// - csv: header `id,year,points,euros`, then one column per indicator named
///   `GROUP.INDICATOR` (1 met, 0 not met, NA neutralised) and one per group named
///   `gate.GROUP` (1 when its gate holds); points as exact decimals, euros with two
///   decimals rounded half away from zero, '.' as decimal separator; in the dialect chosen
///   by set_default_csv_dialect (';', ',' and CRLF in the French one);
/// - json: see docs/cli.md; the totals come last.
/// The text is the document: head(), every row(), tail().
class result_rows {
public:
    /// For `format` csv or json, the rows of `p` evaluated from `data_file`.
    result_rows(result_format format, const compile::program& p, std::string data_file);

    /// What comes before the first row.
    [[nodiscard]] std::string head() const;
    /// Appends to `out` the text of a row: `number` among the rows (from 0), physician `id`,
    /// `year`, and its evaluation.
    void row(text_blocks& out, std::size_t number, std::string_view id, int year, const eval::result& r) const;
    /// What comes after the last row: for json, the totals (population::evaluate_file's).
    [[nodiscard]] std::string tail(std::span<const population::population_totals> totals) const;

    /// The same row, from population_results (row `row` of `table`).
    void row(text_blocks& out, const data::data_table& table, const population::population_results& r, std::size_t row) const;

private:
    template <typename Outcome, typename Open>
    void put_row(text_blocks& out, std::size_t number, std::string_view id, int year, const exact::rational& points, const exact::rational& euros, Outcome&& outcome, Open&& open) const;

    result_format m_format;
    const compile::program* m_program;
    std::string m_data_file;
    csv_dialect m_dialect;                      ///< csv: default_csv_dialect(); json: plain
    std::vector<std::string> m_indicator_keys;  ///< json: each indicator's key, quoted
    std::vector<std::string> m_group_keys;      ///< json: each group's key, quoted
    std::size_t m_fixed_bytes = 0;              ///< most bytes of a row beyond its id
};

/// Writes the results to `out` in `format`: csv and json as result_rows; table: French
/// labels, aligned columns, points paid per group ("fermé" when its gate fails), totals per
/// year; table needs population_results::group_points and totals, json the totals. Rows are
/// formatted in blocks, two blocks at a time on two cores, and written in order. Returns
/// false if writing failed (the caller reports it).
bool write_results(std::FILE* out, result_format format, const compile::program& p, const data::data_table& table, const population::population_results& r);

/// The results as an Excel workbook (render/xlsx.hpp): « Par médecin » (the columns of the
/// csv format, outcomes 1, 0 or « NA », points and euros as numbers), « Totaux » (per year,
/// then all years), « Indicateurs » (each column's indicator and label), then `manifest`.
/// Needs population_results::totals. Throws xlsx_error (more rows than a sheet holds).
[[nodiscard]] std::string results_xlsx(const compile::program& p, const data::data_table& table, const population::population_results& r, render::table manifest);

/// The rows rejected by validation (--skip-invalid) as CSV: `line,id,reasons`, then the
/// row's fields as read, under the header's names.
[[nodiscard]] std::string rejected_csv(const data::load_result& loaded);

/// The same as a workbook: one sheet « Lignes rejetées », then `manifest`.
[[nodiscard]] std::string rejected_xlsx(const data::load_result& loaded, table manifest);

}  // namespace donum::render

#endif
