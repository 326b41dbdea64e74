// The document of `donum simulate --sweep`: one row per combination of values (the values,
// the share reaching the swept indicator, the share of each gate, physicians paid, total
// and mean euros, winners and losers against the first row), and its chart.
#ifndef DONUM_INTERPRETER_RENDER_SWEEP_HPP
#define DONUM_INTERPRETER_RENDER_SWEEP_HPP

#include <span>
#include <string>

#include "interpreter/population/manifest.hpp"
#include "interpreter/population/sweep.hpp"
#include "interpreter/render/chart.hpp"

namespace donum::render {

/// Output formats of a sweep.
enum class sweep_format { table, md, csv, json, xlsx };

/// What a sweep document shows.
struct sweep_document {
    const compile::program* rules = nullptr;
    std::span<const population::sweep_axis> axes;
    const population::sweep_result* result = nullptr;
    const population::manifest* manifest = nullptr;
    std::string data_file;         ///< as given
    std::size_t physicians = 0;    ///< rows of the data
    std::vector<int> years;        ///< the years of the data's rows, ascending
};

/// The sweep in `format`: table and md for people (French, the manifest first), csv one row
/// per step with a header row, json {date, parameters, columns, rows}, xlsx a workbook
/// (« Balayage »: the same rows as numbers; « Graphique »: the chart's data and two native
/// charts, cost and share against the value; « Manifeste »). Throws xlsx_error.
[[nodiscard]] std::string render_sweep(const sweep_document& d, sweep_format format);

/// The chart of the sweep: cost (M€) and share reaching the subject against the first
/// axis, one pair of curves per value of the second axis, labelled by what the parameters
/// are (« cible de « Taux d'usage DMP » »), titled with the version and the data, the value
/// in force marked.
[[nodiscard]] chart_spec sweep_chart(const sweep_document& d);

}  // namespace donum::render

#endif
