// Charts of sweeps, drawn by gnuplot (Debian's gnuplot-nox): total cost and share of
// physicians reaching the target against the swept value, French labels, SVG or PNG.
#ifndef DONUM_INTERPRETER_RENDER_CHART_HPP
#define DONUM_INTERPRETER_RENDER_CHART_HPP

#include <optional>
#include <string>
#include <vector>

namespace donum::render {

/// One curve pair: cost and share for one value of the second swept parameter (or the
/// only pair of a one-parameter sweep).
struct chart_series {
    std::string label;         ///< legend, e.g. "volet2.sas.points = 200" (empty: none)
    std::vector<double> x;     ///< swept value, in the unit of x_label
    std::vector<double> cost;  ///< total cost, millions of euros
    std::vector<double> share; ///< share of physicians reaching the target, %
};

/// What the chart says.
struct chart_spec {
    std::string title;   ///< e.g. "Balayage de volet2.dmp.target@2024"
    std::string x_label; ///< e.g. "Cible (%)"
    std::string share_label;  ///< e.g. "Médecins atteignant volet2.dmp (%)"
    std::vector<chart_series> series;
};

/// Draws `spec` as the image a file named `path` should hold (format from its extension:
/// .svg or .png) and returns its bytes, for the caller to write as any output; returns
/// nothing and sets `error` otherwise (gnuplot missing or failing, unknown extension).
/// Creates no file with a name: gnuplot reads its script from an unnamed temporary file and
/// writes the image into another, so nothing can be planted in its way nor left behind.
[[nodiscard]] std::optional<std::string> draw_chart(const std::string& path, const chart_spec& spec, std::string& error);

}  // namespace donum::render

#endif
