#include "interpreter/render/chart.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>

#include <fmt/format.h>
#include <iterator>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include "interpreter/messages/messages.hpp"

#include "interpreter/text/fr.hpp"

extern char** environ;

namespace donum::render {

using messages::tr;
using messages::trf;

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

// Runs gnuplot without a shell, its standard input and output being `script` and `image`
// (open files); true when it exits with 0.
bool run_gnuplot(std::FILE* script, std::FILE* image, std::string& error)
{
    const char* argv[] = {"gnuplot", nullptr};
    posix_spawn_file_actions_t files;
    ::posix_spawn_file_actions_init(&files);
    ::posix_spawn_file_actions_adddup2(&files, ::fileno(script), STDIN_FILENO);
    ::posix_spawn_file_actions_adddup2(&files, ::fileno(image), STDOUT_FILENO);
    pid_t pid = 0;
    // posix_spawnp's argv is char* const*: gnuplot does not write to it.
    const int spawned = ::posix_spawnp(&pid, "gnuplot", &files, nullptr, const_cast<char* const*>(argv), environ);
    ::posix_spawn_file_actions_destroy(&files);
    if (spawned != 0) {
        error = trf("cannot run gnuplot ({}): install the Debian package gnuplot-nox", std::strerror(spawned));
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
        error = tr("gnuplot failed to draw the chart");
        return false;
    }
    return true;
}

// An unnamed temporary file (std::tmpfile: created exclusively, unlinked at once): nothing
// is left on disk, whatever ends the run.
struct unnamed_file {
    std::FILE* file = std::tmpfile();
    unnamed_file() = default;
    unnamed_file(const unnamed_file&) = delete;
    unnamed_file& operator=(const unnamed_file&) = delete;
    ~unnamed_file()
    {
        if (file != nullptr) std::fclose(file);
    }
};

}  // namespace

std::optional<std::string> draw_chart(const std::string& path, const chart_spec& spec, std::string& error)
{
    namespace fs = std::filesystem;
    const auto extension = fs::path(path).extension().string();
    // noenhanced: names are drawn as written (gnuplot's enhanced text makes "_" a subscript).
    std::string terminal;
    if (extension == ".svg") terminal = "svg size 1000,620 dynamic noenhanced font 'DejaVu Sans,12'";
    else if (extension == ".png") terminal = "pngcairo size 1000,620 noenhanced font 'DejaVu Sans,10'";
    else if (extension == ".pdf") terminal = "pdfcairo size 10in,6.2in noenhanced font 'DejaVu Sans,10'";
    else {
        error = trf("cannot draw '{}': the chart file must end with .svg, .png or .pdf", path);
        return std::nullopt;
    }
    // The script holds the data as a data block (gnuplot 5), one block per series; the
    // image goes to gnuplot's standard output.
    std::string gp = "$data << EOD\n";
    for (const auto& s : spec.series) {
        for (std::size_t i = 0; i < s.x.size(); ++i) gp += fmt::format("{}\t{}\t{}\n", s.x[i], s.cost[i], s.share[i]);
        gp += "\n\n";  // one gnuplot data block per series
    }
    gp += "EOD\n";
    gp += "set terminal " + terminal + "\n" + "set encoding utf8\n" + "set decimalsign " + quoted(text::localize("0.5") == "0,5" ? "," : ".") + "\n" +
          "set title " + quoted(spec.title) + " . \"\\n\" . " + quoted(spec.subtitle) + "\n" + "set xlabel " + quoted(spec.x_label) + "\n" +
          "set ylabel " + quoted(spec.cost_label) + "\n" + "set y2label " + quoted(spec.share_label) + "\n" +
          // The cost from 0: a cost axis starting at 11.4 M€ makes a 2 % change look like a fall.
          "set yrange [0:*]\nset y2range [0:100]\nset ytics nomirror\nset y2tics\nset grid\n";
    // The legend under the axis, two entries (a series' cost and share) a row.
    const auto entries = 2 * spec.series.size() + (spec.current_x ? 1 : 0);
    gp += "set key outside below center horizontal maxcols 2 spacing 1.2";
    if (!spec.series_title.empty()) gp += " title " + quoted(spec.series_title);
    gp += fmt::format("\nset bmargin {}\n", 5 + 2 * ((entries + 1) / 2) + (spec.series_title.empty() ? 0 : 1));
    if (spec.current_x) gp += fmt::format("set arrow from {}, graph 0 to {}, graph 1 nohead dt 3 lw 1.5 lc rgb 'black'\n", *spec.current_x, *spec.current_x);
    gp += "plot ";
    // One colour per curve: cost and share of each series apart.
    static constexpr const char* colours[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"};
    const auto colour = [&](std::size_t k) { return quoted(colours[k % std::size(colours)]); };
    for (std::size_t k = 0; k < spec.series.size(); ++k) {
        const auto& s = spec.series[k];
        const auto suffix = s.label.empty() ? std::string() : " : " + s.label;
        gp += fmt::format("{}$data index {} using 1:2 axes x1y1 with linespoints lw 2 lc rgb {} pt 7 ps 0.5 title {}, ", k == 0 ? "" : ", ", k, colour(2 * k), quoted(messages::tr("Total cost") + suffix));
        gp += fmt::format("$data index {} using 1:3 axes x1y2 with lines dt 2 lw 2 lc rgb {} title {}", k, colour(2 * k + 1), quoted(messages::tr("Share reaching the target") + suffix));
    }
    // The mark of the value in force, in the legend too.
    if (spec.current_x) gp += ", NaN with lines dt 3 lw 1.5 lc rgb 'black' title " + quoted(spec.current_label);
    gp += "\nunset output\n";
    const unnamed_file script;
    const unnamed_file image;
    if (script.file == nullptr || image.file == nullptr || std::fwrite(gp.data(), 1, gp.size(), script.file) != gp.size() || std::fflush(script.file) != 0 ||
        std::fseek(script.file, 0, SEEK_SET) != 0) {
        error = trf("cannot write the chart's temporary files: {}", std::strerror(errno));
        return std::nullopt;
    }
    if (!run_gnuplot(script.file, image.file, error)) return std::nullopt;
    std::string bytes;
    if (std::fseek(image.file, 0, SEEK_SET) == 0) {
        char buffer[65536];
        std::size_t n = 0;
        while ((n = std::fread(buffer, 1, sizeof buffer, image.file)) > 0) bytes.append(buffer, n);
    }
    if (bytes.empty() || std::ferror(image.file) != 0) {
        error = tr("gnuplot drew nothing");
        return std::nullopt;
    }
    return bytes;
}

}  // namespace donum::render
