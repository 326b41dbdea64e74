// Charts of sweeps, drawn by gnuplot (Debian's gnuplot-nox): total cost and share of
// physicians reaching the target against the swept value, French labels, SVG, PNG or PDF.
#ifndef DONUM_INTERPRETER_RENDER_CHART_HPP
#define DONUM_INTERPRETER_RENDER_CHART_HPP

#include <optional>
#include <string>
#include <vector>

namespace donum::render {

/// One curve pair: cost and share for one value of the second swept parameter (or the
/// only pair of a one-parameter sweep).
struct chart_series {
    std::string label;         ///< legend, the second parameter's value: "200" (empty: none)
    std::vector<double> x;     ///< swept value, in the unit of x_label
    std::vector<double> cost;  ///< total cost, millions of euros
    std::vector<double> share; ///< share of physicians reaching the target, %
};

/// What the chart says.
struct chart_spec {
    std::string title;        ///< e.g. "Forfait structure 2024 : cible de « Taux d'usage DMP »"
    std::string subtitle;     ///< the data: "population-2024.csv, 3 000 médecins"
    std::string x_label;      ///< e.g. "Cible de « Taux d'usage DMP » (%)"
    std::string cost_label = "Coût total (M€)";
    std::string share_label;  ///< e.g. "Médecins atteignant « Taux d'usage DMP » (%)"
    std::vector<chart_series> series;
    std::string series_title;  ///< what tells the series apart: "Points de « Taux d'usage DMP »"
    std::optional<double> current_x;  ///< the value in force (rule file, scenario, --set), marked
    std::string current_label;        ///< its legend: "valeur actuelle : 30 %"
};

/// Draws `spec` as the image a file named `path` should hold (format from its extension:
/// .svg, .png or .pdf) and returns its bytes, for the caller to write as any output; returns
/// nothing and sets `error` otherwise (gnuplot missing or failing, unknown extension).
/// Creates no file with a name: gnuplot reads its script from an unnamed temporary file and
/// writes the image into another, so nothing can be planted in its way nor left behind.
/// Names are drawn as written, the cost axis starts at 0, each curve has its colour and a
/// legend, and the value in force is a dotted line.
[[nodiscard]] std::optional<std::string> draw_chart(const std::string& path, const chart_spec& spec, std::string& error);

}  // namespace donum::render

#endif
