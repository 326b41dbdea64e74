// The four renderings of the population report of `donum simulate` (population/report.hpp,
// where every figure is defined), each starting with the manifest: a terminal table and a
// Markdown document in French (report.cpp), long CSV and JSON for programs (report_data.cpp).
//
// JSON schema (report_format::json). Keys are English, as in the JSON of
// `donum eval`; texts (labels, roles) are French. Counts are integers; points and euros
// are exact decimals (euros with at least 2 decimals), except a mean with no decimal
// expansion within 6 digits, rounded half away from zero to 6 decimals; *_percent values
// are percentages rounded to 2 decimals (the counts beside them are exact).
//   {
//     "manifest": {"donum_version": str, "date": str,
//                  "files": [{"role": str, "path": str, "sha256": str}],
//                  "parameters": [str]},
//     "convention": {"id": str, "label": str},
//     "data": str,                          // data file as loaded
//     "near_miss_margin_percent": number,   // 5
//     "groups": [{"id": str, "label": str, "block": bool}],
//     "indicators": [{"id": "GROUP.INDICATOR", "label": str, "group": str,
//                     "comparator": str, // "" when the condition has no target
//                     "targets": {"YEAR": str} | null,  // each year present, exact:
//                                      // "0.3", "2/3", "8"; null without a target
//                     "points": {"YEAR": number} | null}],  // null in a block group
//     "sections": [{
//       "year": int | null,                 // null: all years together
//       "physicians": int, "distinct_ids": int, "paid": int, "paid_percent": number,
//       "unpaid": int, "unpaid_percent": number,
//       "blocked_by_one": int, "blocked_by_one_percent": number,
//       "points": number, "euros": number,
//       "amounts": {"mean": number, "median": number, "deciles": [9 numbers],
//                   "maximum": number} | null,
//       "groups": [{"id": str, "open": int, "open_percent": number,
//                   "block_paid": int | null, "block_paid_percent": number | null,
//                   "points": number, "euros": number}],
//       "indicators": [{"id": str, "met": int, "met_percent": number,
//                       "neutralised": int,
//                       "paid": int | null, "paid_percent": number | null,
//                       "near_misses": int | null, "near_misses_percent": number | null,
//                       "blocked_alone": int, "blocked_alone_percent": number,
//                       "points": number | null, "euros": number | null}]}]
//   }
// Percentages are of the section's physicians (rows); 0 when it has none.
#ifndef DONUM_INTERPRETER_RENDER_REPORT_HPP
#define DONUM_INTERPRETER_RENDER_REPORT_HPP

#include <string>

#include "interpreter/compile/program.hpp"
#include "interpreter/population/manifest.hpp"
#include "interpreter/population/report.hpp"

namespace donum::render {

/// Output formats of `donum simulate`.
enum class report_format { table, csv, json, md, xlsx };

/// The report in `format`, in French, starting with the manifest:
/// - table: for a terminal, aligned columns, one block per section;
/// - md: a Markdown document (headings, pipe tables with a header row) to paste in a note;
/// - csv: long format, one header `section,année,élément,mesure,valeur` and one row per
///   figure (section: manifeste, convention, totaux, répartition, groupe, indicateur;
///   année: the year or "toutes"; élément: file path, group or GROUP.INDICATOR), so that a
///   spreadsheet can filter and pivot it; numbers as in JSON;
/// - json: the schema at the top of this file;
/// - xlsx: the bytes of a workbook (render/xlsx.hpp): « Synthèse », « Déciles », « Groupes »,
///   « Indicateurs », « Quasi-atteintes », « Manifeste »; throws xlsx_error.
/// `r` must have been computed for `p`. Euros are printed with '.' and 2 decimals in table
/// and md, percentages with 1 decimal there.
[[nodiscard]] std::string render_report(const compile::program& p, const population::population_report& r, const population::manifest& m, report_format format);

}  // namespace donum::render

#endif
