#include "cli/common.hpp"

#include "interpreter/render/writers.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

namespace donum::cli {

void print_diagnostics(const grammar::diagnostics& issues, bool warnings)
{
    for (const auto& d : issues) {
        if (warnings || d.level == grammar::severity::error) std::fputs(grammar::render(d).c_str(), stderr);
    }
}

compile::compile_options compile_options_of(const rules_options& options)
{
    compile::compile_options out;
    out.load.allow_outside = options.allow_outside;
    out.scenarios = options.scenarios;
    out.settings = options.settings;
    return out;
}

std::optional<compile::compiled> load_program(const std::string& path, const rules_options& options, bool warnings)
{
    auto result = compile::compile_rules(path, compile_options_of(options));
    print_diagnostics(result.issues, warnings);
    if (!result.checked) {
        std::fprintf(stderr, "%s: %zu error(s)\n", path.c_str(), grammar::count(result.issues, grammar::severity::error));
        return std::nullopt;
    }
    return result;
}

void print_placeholders(const eval::placeholder_error& e)
{
    for (const auto& open : e.open()) {
        grammar::diagnostic d{grammar::severity::error, open.range, fmt::format("placeholder XX: {} is not agreed yet: give it a value before evaluating", open.name), {}};
        std::fputs(grammar::render(d).c_str(), stderr);
    }
    std::fprintf(stderr, "donum: %zu placeholder(s) XX block the evaluation of %d\n", e.open().size(), e.year());
}

void print_data_errors(const std::vector<data::csv_error>& errors, std::size_t limit)
{
    for (std::size_t i = 0; i < errors.size() && i < limit; ++i) {
        std::fprintf(stderr, "%s\n", data::format_csv_error(errors[i]).c_str());
    }
    if (errors.size() > limit) {
        std::fprintf(stderr, "donum: ... and %zu more data error(s); --skip-invalid FILE writes every rejected row with its reasons\n", errors.size() - limit);
    }
}

std::optional<data::load_result> load_data(const std::string& path, const compile::program& p, std::optional<int> year, bool allow_rejected)
{
    data::table_options options;
    options.year = year;
    return load_data(path, data::schema_of(p), options, allow_rejected);
}

std::optional<data::load_result> load_data(const std::string& path, const data::schema& s, const data::table_options& options, bool allow_rejected)
{
    try {
        auto loaded = data::load_table(path, s, options);
        if (!report_data(path, loaded, allow_rejected)) return std::nullopt;
        return loaded;
    }
    catch (const data::csv_io_error& e) {
        std::fprintf(stderr, "donum: %s\n", e.what());
        return std::nullopt;
    }
}

bool report_data(const std::string& path, const data::load_result& loaded, bool allow_rejected)
{
    if (loaded.errors.empty()) return true;
    if (!loaded.fatal && allow_rejected) return true;
    print_data_errors(loaded.errors);
    // What made the file fatal comes last: never hide it behind the limit.
    if (loaded.fatal && loaded.errors.size() > 50) std::fprintf(stderr, "%s\n", data::format_csv_error(loaded.errors.back()).c_str());
    std::fprintf(stderr, "%s: %zu data error(s) in %zu row(s); nothing was evaluated\n", path.c_str(), loaded.errors.size(), loaded.rejected.size());
    return false;
}

bool write_output(const std::string& path, std::string_view text)
{
    std::string error;
    auto out = output_file::open(path, error);
    if (out && std::fwrite(text.data(), 1, text.size(), out->get()) == text.size() && out->commit(error)) return true;
    const auto where = path.empty() ? std::string("to standard output") : fmt::format("'{}'", path);
    std::fprintf(stderr, "donum: %s\n", error.empty() ? fmt::format("cannot write {}: {}", where, std::strerror(errno)).c_str() : error.c_str());
    return false;
}

std::optional<output_file> output_file::open(const std::string& given, std::string& error)
{
    if (given.empty()) return output_file("", "", stdout);
    namespace fs = std::filesystem;
    std::error_code ec;
    // A link is followed: the file it names is replaced, not the link itself.
    const std::string path = fs::is_symlink(given, ec) ? fs::weakly_canonical(given, ec).string() : given;
    // A device or a pipe (/dev/null, a FIFO) cannot be replaced: it is written in place.
    if (fs::exists(path, ec) && !fs::is_regular_file(path, ec) && !fs::is_directory(path, ec)) {
        std::FILE* direct = std::fopen(path.c_str(), "wb");
        if (direct == nullptr) {
            error = fmt::format("cannot write '{}': {}", given, std::strerror(errno));
            return std::nullopt;
        }
        return output_file(path, "", direct);
    }
    std::string temp = path + ".tmp-XXXXXX";
    const int fd = ::mkstemp(temp.data());
    if (fd < 0) {
        error = fmt::format("cannot write '{}': {}", path, std::strerror(errno));
        return std::nullopt;
    }
    std::FILE* file = ::fdopen(fd, "wb");
    if (file == nullptr) {
        error = fmt::format("cannot write '{}': {}", path, std::strerror(errno));
        ::close(fd);
        std::remove(temp.c_str());
        return std::nullopt;
    }
    return output_file(path, temp, file);
}

output_file::output_file(output_file&& other) noexcept : m_path(std::move(other.m_path)), m_temp(std::move(other.m_temp)), m_file(other.m_file)
{
    other.m_file = nullptr;
    other.m_temp.clear();
}

output_file::~output_file()
{
    if (m_file != nullptr && m_file != stdout) std::fclose(m_file);
    if (!m_temp.empty()) std::remove(m_temp.c_str());
}

bool output_file::commit(std::string& error)
{
    if (m_file == stdout) {
        m_file = nullptr;
        if (std::fflush(stdout) != 0) {
            error = fmt::format("cannot write to standard output: {}", std::strerror(errno));
            return false;
        }
        return true;
    }
    // No fsync: the rename already guarantees that a failed or killed run leaves no partial
    // file; flushing the disk cache too would double the time of a large evaluation for a
    // guarantee (against power loss) that nobody asked of an analysis tool.
    const bool flushed = std::fflush(m_file) == 0;
    if (m_temp.empty()) {  // written in place (a device or a pipe)
        const bool closed_in_place = std::fclose(m_file) == 0;
        m_file = nullptr;
        if (!flushed || !closed_in_place) {
            error = fmt::format("cannot write '{}': {}", m_path, std::strerror(errno));
            return false;
        }
        return true;
    }
    const bool closed = std::fclose(m_file) == 0;
    m_file = nullptr;
    if (!flushed || !closed) {
        error = fmt::format("cannot write '{}': {}", m_path, std::strerror(errno));
        return false;
    }
    // mkstemp creates the file readable by its owner only; an output file gets the usual mode.
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::chmod(m_temp.c_str(), 0666 & ~mask);
    if (std::rename(m_temp.c_str(), m_path.c_str()) != 0) {
        error = fmt::format("cannot write '{}': {}", m_path, std::strerror(errno));
        return false;
    }
    m_temp.clear();
    return true;
}

}  // namespace donum::cli
