// Inside render/: the machine formats of the population report (report_data.cpp) and the
// helpers its four renderers share. Callers use render/report.hpp.
#ifndef DONUM_INTERPRETER_RENDER_REPORT_DATA_HPP
#define DONUM_INTERPRETER_RENDER_REPORT_DATA_HPP

#include <string>
#include <vector>

#include "interpreter/compile/program.hpp"
#include "interpreter/population/manifest.hpp"
#include "interpreter/population/report.hpp"

namespace donum::render {

/// The report as long CSV (report_format::csv).
[[nodiscard]] std::string report_csv(const compile::program& p, const population::population_report& r, const population::manifest& m);

/// The report as JSON (report_format::json).
[[nodiscard]] std::string report_json(const compile::program& p, const population::population_report& r, const population::manifest& m);

/// An exact decimal with at least `min_decimals` digits after the point, '.' as separator;
/// rounded to 6 decimals only when the value has no decimal expansion within 6 digits (a
/// mean): how every JSON and CSV output of donum writes points and euros.
[[nodiscard]] std::string exact_number(const exact::rational& v, int min_decimals);

/// Points as exact_number writes them: "302.5", "280".
[[nodiscard]] std::string points_number(const exact::rational& v);

/// Euros as exact_number writes them, at least 2 decimals: "3867.50".
[[nodiscard]] std::string euros_number(const exact::rational& v);

/// The report as a workbook (report_format::xlsx, report_xlsx.cpp).
[[nodiscard]] std::string report_xlsx(const compile::program& p, const population::population_report& r, const population::manifest& m);

/// The near-miss margin in percentage points: "5".
[[nodiscard]] std::string margin_text(const population::population_report& r);

/// A manifest file's role for people: the French role the manifest keeps ("règles",
/// "scénario", "données", which its CSV and JSON write as they are) in the current language.
[[nodiscard]] std::string role_text(const std::string& role);

/// The years of the report's year sections, ascending.
[[nodiscard]] std::vector<int> years_present(const population::population_report& r);

}  // namespace donum::render

#endif
