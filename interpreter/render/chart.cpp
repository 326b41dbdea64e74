#include "interpreter/render/chart.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>
#include <iterator>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "interpreter/text/fr.hpp"

extern char** environ;

namespace donum::render {

namespace {

// gnuplot strings are single-quoted: a quote is doubled.
std::string quoted(const std::string& s)
{
    std::string out = "'";
    for (const char c : s) {
        if (c == '\'') out += "''";
        else out += c;
    }
    return out + "'";
}

// Runs gnuplot on `script` without a shell; true when it exits with 0.
bool run_gnuplot(const std::string& script, std::string& error)
{
    const char* argv[] = {"gnuplot", script.c_str(), nullptr};
    pid_t pid = 0;
    // posix_spawnp's argv is char* const*: gnuplot does not write to it.
    const int spawned = ::posix_spawnp(&pid, "gnuplot", nullptr, nullptr, const_cast<char* const*>(argv), environ);
    if (spawned != 0) {
        error = fmt::format("cannot run gnuplot ({}): install the Debian package gnuplot-nox", std::strerror(spawned));
        return false;
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            error = fmt::format("gnuplot: {}", std::strerror(errno));
            return false;
        }
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        error = "gnuplot failed to draw the chart";
        return false;
    }
    return true;
}

}  // namespace

bool draw_chart(const std::string& path, const chart_spec& spec, std::string& error)
{
    namespace fs = std::filesystem;
    const auto extension = fs::path(path).extension().string();
    // noenhanced: names are drawn as written (gnuplot's enhanced text makes "_" a subscript).
    std::string terminal;
    if (extension == ".svg") terminal = "svg size 1000,620 dynamic noenhanced font 'DejaVu Sans,12'";
    else if (extension == ".png") terminal = "pngcairo size 1000,620 noenhanced font 'DejaVu Sans,10'";
    else if (extension == ".pdf") terminal = "pdfcairo size 10in,6.2in noenhanced font 'DejaVu Sans,10'";
    else {
        error = fmt::format("cannot draw '{}': the chart file must end with .svg, .png or .pdf", path);
        return false;
    }
    char folder_template[] = "/tmp/donum-chart-XXXXXX";
    if (::mkdtemp(folder_template) == nullptr) {
        error = fmt::format("cannot create a temporary folder: {}", std::strerror(errno));
        return false;
    }
    const fs::path folder(folder_template);
    const auto cleanup = [&] {
        std::error_code ec;
        fs::remove_all(folder, ec);
    };
    const auto data = (folder / "data.tsv").string();
    const auto script = (folder / "chart.gp").string();
    const auto drawn = (folder / ("chart" + extension)).string();
    {
        std::ofstream out(data);
        for (const auto& s : spec.series) {
            for (std::size_t i = 0; i < s.x.size(); ++i) out << fmt::format("{}\t{}\t{}\n", s.x[i], s.cost[i], s.share[i]);
            out << "\n\n";  // one gnuplot data block per series
        }
        std::ofstream gp(script);
        gp << "set terminal " << terminal << "\n"
           << "set output " << quoted(drawn) << "\n"
           << "set encoding utf8\n"
           << "set decimalsign " << quoted(text::current_number_writing() == text::number_writing::french ? "," : ".") << "\n"
           << "set title " << quoted(spec.title) << " . \"\\n\" . " << quoted(spec.subtitle) << "\n"
           << "set xlabel " << quoted(spec.x_label) << "\n"
           << "set ylabel " << quoted(spec.cost_label) << "\n"
           << "set y2label " << quoted(spec.share_label) << "\n"
           // The cost from 0: a cost axis starting at 11.4 M€ makes a 2 % change look like a fall.
           << "set yrange [0:*]\nset y2range [0:100]\nset ytics nomirror\nset y2tics\nset grid\n";
        // The legend under the axis, two entries (a series' cost and share) a row.
        const auto entries = 2 * spec.series.size() + (spec.current_x ? 1 : 0);
        gp << "set key outside below center horizontal maxcols 2 spacing 1.2";
        if (!spec.series_title.empty()) gp << " title " << quoted(spec.series_title);
        gp << "\nset bmargin " << 5 + 2 * ((entries + 1) / 2) + (spec.series_title.empty() ? 0 : 1) << "\n";
        if (spec.current_x) gp << "set arrow from " << *spec.current_x << ", graph 0 to " << *spec.current_x << ", graph 1 nohead dt 3 lw 1.5 lc rgb 'black'\n";
        gp << "plot ";
        // One colour per curve: cost and share of each series apart.
        static constexpr const char* colours[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"};
        const auto colour = [&](std::size_t k) { return quoted(colours[k % std::size(colours)]); };
        for (std::size_t k = 0; k < spec.series.size(); ++k) {
            const auto& s = spec.series[k];
            const auto suffix = s.label.empty() ? std::string() : " : " + s.label;
            gp << (k == 0 ? "" : ", ") << quoted(data) << " index " << k << " using 1:2 axes x1y1 with linespoints lw 2 lc rgb " << colour(2 * k) << " pt 7 ps 0.5 title " << quoted("Coût total" + suffix) << ", "
               << quoted(data) << " index " << k << " using 1:3 axes x1y2 with lines dt 2 lw 2 lc rgb " << colour(2 * k + 1) << " title " << quoted("Part atteignant la cible" + suffix);
        }
        // The mark of the value in force, in the legend too.
        if (spec.current_x) gp << ", NaN with lines dt 3 lw 1.5 lc rgb 'black' title " << quoted(spec.current_label);
        gp << "\n";
        if (!out || !gp) {
            error = "cannot write the chart's temporary files";
            cleanup();
            return false;
        }
    }
    if (!run_gnuplot(script, error)) {
        cleanup();
        return false;
    }
    // Into place in one step: copy next to the target, then rename over it.
    std::error_code ec;
    const auto temp = path + ".tmp-chart";
    fs::copy_file(drawn, temp, fs::copy_options::overwrite_existing, ec);
    if (!ec) fs::rename(temp, path, ec);
    if (ec) {
        fs::remove(temp, ec);
        error = fmt::format("cannot write '{}': {}", path, ec.message());
        cleanup();
        return false;
    }
    cleanup();
    return true;
}

}  // namespace donum::render
