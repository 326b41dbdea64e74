#include "cli/common.hpp"

#include "grammar/parser.hpp"
#include "interpreter/render/writers.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>
#include "interpreter/messages/messages.hpp"

namespace donum::cli {

using messages::N_;
using messages::tr;
using messages::trf;

void print_diagnostics(const grammar::diagnostics& issues, bool warnings)
{
    for (const auto& d : issues) {
        if (warnings || d.level == grammar::severity::error) std::fputs(grammar::render(d).c_str(), stderr);
    }
}

std::vector<std::string> rules_search_path()
{
    namespace fs = std::filesystem;
    std::vector<std::string> out;
    if (const char* path = std::getenv("DONUM_PATH")) {
        std::string_view rest(path);
        while (!rest.empty()) {
            const auto colon = rest.find(':');
            const auto folder = rest.substr(0, colon);
            if (!folder.empty()) out.emplace_back(folder);
            if (colon == std::string_view::npos) break;
            rest.remove_prefix(colon + 1);
        }
    }
    // The official rule files: installed with the command (<prefix>/share/donum/rules), or
    // the source tree's when donum runs from its build folder.
    std::error_code ec;
    const auto exe = fs::read_symlink("/proc/self/exe", ec);
    const auto installed = exe.parent_path().parent_path() / "share" / "donum" / "rules";
    if (!ec && fs::is_directory(installed, ec)) out.push_back(installed.string());
    else if (fs::is_directory(DONUM_SOURCE_RULES_DIR, ec)) out.emplace_back(DONUM_SOURCE_RULES_DIR);
    return out;
}

compile::compile_options compile_options_of(const rules_options& options)
{
    compile::compile_options out;
    out.load.allow_outside = options.allow_outside;
    out.load.search_path = rules_search_path();
    out.scenarios = options.scenarios;
    out.settings = options.settings;
    return out;
}

void print_placeholders(const eval::placeholder_error& e)
{
    for (const auto& open : e.open()) {
        grammar::diagnostic d{grammar::severity::error, open.range, trf("placeholder XX: {} is not agreed yet: give it a value before evaluating", open.name), {}};
        std::fputs(grammar::render(d).c_str(), stderr);
    }
    std::fprintf(stderr, "donum: %s\n", trf("{} placeholder(s) XX block the evaluation of {}", e.open().size(), e.year()).c_str());
}

void print_data_errors(const std::vector<data::csv_error>& errors, std::size_t limit)
{
    for (std::size_t i = 0; i < errors.size() && i < limit; ++i) {
        std::fprintf(stderr, "%s\n", data::format_csv_error(errors[i]).c_str());
    }
    if (errors.size() > limit) {
        std::fprintf(stderr, "donum: %s\n", trf("... and {} more data error(s); donum eval --skip-invalid FILE writes every rejected row with its reasons", errors.size() - limit).c_str());
    }
}

std::optional<data::load_result> load_data(const std::string& path, const compile::program& p, std::optional<int> year, bool allow_rejected, const std::string& sheet)
{
    data::table_options options;
    options.year = year;
    options.sheet = sheet;
    return load_data(path, data::schema_of(p), options, allow_rejected);
}

std::optional<data::load_result> load_data(const std::string& path, const data::schema& s, const data::table_options& options, bool allow_rejected,
                                           const std::function<void(const data::load_result&)>& hint)
{
    try {
        auto loaded = data::load_table(path, s, options);
        if (!report_data(path, loaded, allow_rejected)) {
            if (hint) hint(loaded);
            return std::nullopt;
        }
        return loaded;
    }
    catch (const data::csv_io_error& e) {
        std::fprintf(stderr, "donum: %s\n", e.what());
        return std::nullopt;
    }
}

void print_data_warnings(const data::load_result& loaded)
{
    for (const auto& w : loaded.warnings) std::fprintf(stderr, "donum: %s\n", trf("warning: {}", w).c_str());
}

bool report_data(const std::string& path, const data::load_result& loaded, bool allow_rejected)
{
    print_data_warnings(loaded);
    if (loaded.errors.empty()) return true;
    if (!loaded.fatal && allow_rejected) return true;
    print_data_errors(loaded.errors);
    // What made the file fatal comes last: never hide it behind the limit.
    if (loaded.fatal && loaded.errors.size() > 50) std::fprintf(stderr, "%s\n", data::format_csv_error(loaded.errors.back()).c_str());
    std::fprintf(stderr, "%s\n", trf("{}: {} data error(s) in {} row(s); nothing was evaluated", path, loaded.errors.size(), loaded.rejected.size()).c_str());
    return false;
}

bool write_output(const std::string& path, std::string_view text)
{
    std::string error;
    auto out = output_file::open(path, error);
    if (out && std::fwrite(text.data(), 1, text.size(), out->get()) == text.size() && out->commit(error)) return true;
    const auto message = path.empty() ? trf("cannot write to standard output: {}", std::strerror(errno)) : trf("cannot write '{}': {}", path, std::strerror(errno));
    std::fprintf(stderr, "donum: %s\n", error.empty() ? message.c_str() : error.c_str());
    return false;
}

bool is_xlsx_name(const std::string& path)
{
    if (path.size() < 5) return false;
    auto tail = path.substr(path.size() - 5);
    std::transform(tail.begin(), tail.end(), tail.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return tail == ".xlsx";
}

bool check_workbook_output(const std::string& format, const std::string& output)
{
    if (format != "xlsx" || !output.empty()) return true;
    std::fprintf(stderr, "donum: %s\n", tr("--format xlsx writes a workbook: give its file name with -o FILE.xlsx"));
    return false;
}

std::optional<output_file> output_file::open(const std::string& given, std::string& error)
{
    if (given.empty()) return output_file("", "", std::nullopt, stdout);
    struct stat st {};
    if (::stat(given.c_str(), &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            error = trf("cannot write '{}': {}", given, std::strerror(EISDIR));
            return std::nullopt;
        }
        // A device, a pipe or a terminal (/dev/null, /dev/stdout on a pipe) cannot be
        // replaced: it is written in place.
        if (!S_ISREG(st.st_mode)) {
            std::FILE* direct = std::fopen(given.c_str(), "wb");
            if (direct == nullptr) {
                error = trf("cannot write '{}': {}", given, std::strerror(errno));
                return std::nullopt;
            }
            return output_file(given, "", std::nullopt, direct);
        }
    }
    auto target = resolved_target(given);
    auto temp = temporary_file::create(target, given, error);
    if (!temp) return std::nullopt;
    std::FILE* file = ::fdopen(temp->fd(), "wb");
    if (file == nullptr) {
        error = trf("cannot write '{}': {}", given, std::strerror(errno));
        return std::nullopt;
    }
    temp->release_fd();
    return output_file(given, std::move(target), std::move(temp), file);
}

output_file::output_file(output_file&& other) noexcept
    : m_shown(std::move(other.m_shown)), m_target(std::move(other.m_target)), m_temp(std::move(other.m_temp)), m_file(other.m_file)
{
    other.m_file = nullptr;
    other.m_temp.reset();
}

output_file::~output_file()
{
    if (m_file != nullptr && m_file != stdout) std::fclose(m_file);
    // m_temp's destructor removes the file if it was not renamed into place.
}

bool output_file::commit(std::string& error)
{
    if (m_file == stdout) {
        m_file = nullptr;
        if (std::fflush(stdout) != 0 || std::ferror(stdout) != 0) {
            error = trf("cannot write to standard output: {}", std::strerror(errno));
            return false;
        }
        return true;
    }
    // No fsync: the rename already guarantees that a failed or killed run leaves no partial
    // file; flushing the disk cache too would double the time of a large evaluation for a
    // guarantee (against power loss) that nobody asked of an analysis tool.
    const bool flushed = std::fflush(m_file) == 0 && std::ferror(m_file) == 0;
    const bool closed = std::fclose(m_file) == 0;
    m_file = nullptr;
    if (!flushed || !closed) {
        error = trf("cannot write '{}': {}", m_shown, std::strerror(errno));
        return false;
    }
    if (!m_temp) return true;  // written in place (a device or a pipe)
    return m_temp->rename_to(m_target, m_shown, error);
}

std::vector<named_path> inputs_of(const compile::compiled& compiled)
{
    std::vector<named_path> out;
    for (const auto& f : compiled.files) out.push_back({f.role == "scenario" ? N_("the scenario") : N_("the rule file"), f.path});
    return out;
}

namespace {

std::vector<int> years_of(const compile::program& p, const std::vector<std::size_t>& year_indexes)
{
    std::vector<int> out;
    for (const auto y : year_indexes) out.push_back(p.years[y]);
    return out;
}

}  // namespace

std::vector<int> data_years(const compile::program& p, const data::data_table& table) { return years_of(p, table.year_indexes()); }

namespace {

std::string rows_of(const std::vector<int>& years)
{
    return years.empty() ? std::string(tr("the data has no row")) : trf("its rows are of {}", fmt::join(years, ", "));
}

}  // namespace

bool year_has_rows(const compile::program& p, const data::data_table& table, int year, const std::string& option) { return year_has_rows(p, table.year_indexes(), year, option); }

bool year_has_rows(const compile::program& p, const std::vector<std::size_t>& year_indexes, int year, const std::string& option)
{
    const auto years = years_of(p, year_indexes);
    if (std::find(years.begin(), years.end(), year) != years.end()) return true;
    std::fprintf(stderr, "donum: %s\n", trf("{}: no row of the data is evaluated in {} ({}): the answer would count no physician", option, year, rows_of(years)).c_str());
    return false;
}

void warn_settings_without_rows(const rules_options& options, const compile::program& p, const data::data_table& table)
{
    warn_settings_without_rows(options, p, table.year_indexes());
}

void warn_settings_without_rows(const rules_options& options, const compile::program& p, const std::vector<std::size_t>& year_indexes)
{
    const auto years = years_of(p, year_indexes);
    for (const auto& text : options.settings) {
        const grammar::source_file source{"--set", text};
        const auto parsed = grammar::parse_setting(source);
        if (!parsed.setting || !parsed.setting->slot.year) continue;
        const int year = std::stoi(*parsed.setting->slot.year);
        if (std::find(years.begin(), years.end(), year) != years.end()) continue;
        std::fprintf(stderr, "donum: %s\n", trf("warning: --set {}: no row of the data is evaluated in {} ({}): this value changes nothing", text, year, rows_of(years)).c_str());
    }
}

bool year_of_rules(const compile::program& p, std::optional<int> year)
{
    if (!year || p.year_index(*year)) return true;
    std::fprintf(stderr, "donum: %s\n", trf("--year {}: not a year of {} (years: {})", *year, p.id, fmt::join(p.years, ", ")).c_str());
    return false;
}

bool preflight(const compile::compiled& compiled, const std::string& data, std::optional<int> year, const std::vector<named_path>& outputs)
{
    auto inputs = inputs_of(compiled);
    if (!data.empty()) inputs.push_back({N_("the data file"), data});
    const bool safe = outputs_are_safe(inputs, outputs);
    return year_of_rules(*compiled.checked, year) && safe;
}

}  // namespace donum::cli
