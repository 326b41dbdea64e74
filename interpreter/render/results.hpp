// The three renderings of the results of `donum eval`: csv (for spreadsheets and other
// programs), json (for programs) and table (for people, in French).
#ifndef DONUM_INTERPRETER_RENDER_RESULTS_HPP
#define DONUM_INTERPRETER_RENDER_RESULTS_HPP

#include <cstdio>

#include "interpreter/compile/program.hpp"
#include "interpreter/data/table.hpp"
#include "interpreter/population/results.hpp"
#include "interpreter/render/document.hpp"

namespace donum::render {

/// Output formats of `donum eval`.
enum class result_format { table, csv, json };

/// Writes the results to `out` in `format`:
/// - csv: header `id,year,points,euros`, then one column per indicator named
///   `GROUP.INDICATOR` (1 met, 0 not met, NA neutralised) and one per group named
///   `gate.GROUP` (1 when its gate holds); points as exact decimals, euros with two
///   decimals rounded half away from zero, '.' as decimal separator;
/// - json: see docs/cli.md;
/// - table: French labels, aligned columns, points paid per group ("fermé" when its gate
///   fails), totals per year; needs population_results::group_points and totals (json
///   needs the totals too).
/// Rows are formatted in blocks, two blocks at a time on two cores, and written in order.
/// Returns false if writing failed (the caller reports it).
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
