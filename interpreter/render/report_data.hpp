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

/// The report as a workbook (report_format::xlsx, report_xlsx.cpp).
[[nodiscard]] std::string report_xlsx(const compile::program& p, const population::population_report& r, const population::manifest& m);

/// The near-miss margin in percentage points: "5".
[[nodiscard]] std::string margin_text(const population::population_report& r);

/// The years of the report's year sections, ascending.
[[nodiscard]] std::vector<int> years_present(const population::population_report& r);

}  // namespace donum::render

#endif
