// The bytes of a data file: a regular file read at offsets (pread) as the parts are needed,
// anything else (a pipe) read whole at once; and the I/O errors of both.
#include "interpreter/data/csv.hpp"

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <system_error>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>
#include "interpreter/messages/messages.hpp"

namespace donum::data {

using messages::trf;

namespace {

struct file_closer {
    void operator()(std::FILE* file) const { std::fclose(file); }
};

std::string errno_message() { return std::error_code{errno, std::generic_category()}.message(); }

// Beyond this size a data file is refused (a million physicians take about 110 MB): a pipe
// is read whole, and must not exhaust the memory.
constexpr std::size_t max_data_bytes = std::size_t{4} << 30U;

/// Reads the whole file (or pipe) in one buffer: the parser needs the buffer mutable to
/// unescape quoted fields in place.
std::string read_whole_file(const std::string& path)
{
    // fopen happily opens a directory; say so plainly instead of a confusing read error.
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (!ec && std::filesystem::is_directory(status)) {
        throw csv_io_error{trf("{}: cannot read: is a directory", path)};
    }
    // A device such as /dev/zero never ends: only files and pipes hold data files.
    if (!ec && (std::filesystem::is_character_file(status) || std::filesystem::is_block_file(status) || std::filesystem::is_socket(status))) {
        throw csv_io_error{trf("{}: cannot read: not a file", path)};
    }
    const std::unique_ptr<std::FILE, file_closer> file{std::fopen(path.c_str(), "rb")};
    if (!file) throw csv_io_error{trf("{}: cannot open: {}", path, errno_message())};
    // The size is only a hint (pipes have none, files may grow): read until EOF regardless.
    std::size_t hint = std::size_t{1} << 16U;
    if (!ec && std::filesystem::is_regular_file(status)) {
        const auto size = std::filesystem::file_size(path, ec);
        if (!ec) hint = static_cast<std::size_t>(size) + 1;  // +1: see EOF without growing
    }

    std::string buffer(hint, '\0');
    std::size_t used = 0;
    for (;;) {
        if (used == buffer.size()) {
            // A pipe that never ends must not take all the memory.
            if (buffer.size() >= max_data_bytes) throw csv_io_error{trf("{}: cannot read: more than {} GiB", path, max_data_bytes >> 30U)};
            buffer.resize(std::min(buffer.size() * 2, max_data_bytes));
        }
        const std::size_t n = std::fread(buffer.data() + used, 1, buffer.size() - used, file.get());
        used += n;
        if (n == 0) {
            if (std::ferror(file.get()) != 0) throw csv_io_error{trf("{}: cannot read: {}", path, errno_message())};
            if (std::feof(file.get()) != 0) break;
        }
    }
    buffer.resize(used);
    return buffer;
}

}  // namespace

csv_source csv_source::open_file(const std::string& path)
{
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::is_regular_file(status)) {
        // A pipe (or whatever read_whole_file explains it refuses) is read whole at once.
        csv_source source;
        source.m_path = path;
        source.m_text = read_whole_file(path);
        source.m_size = source.m_text.size();
        return source;
    }
    csv_source source;
    source.m_path = path;
    source.m_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (source.m_fd < 0) throw csv_io_error{trf("{}: cannot open: {}", path, errno_message())};
    struct stat info {};
    if (::fstat(source.m_fd, &info) != 0) throw csv_io_error{trf("{}: cannot read: {}", path, errno_message())};
    if (static_cast<std::uint64_t>(info.st_size) > max_data_bytes) throw csv_io_error{trf("{}: cannot read: more than {} GiB", path, max_data_bytes >> 30U)};
    source.m_size = static_cast<std::size_t>(info.st_size);
    return source;
}

csv_source csv_source::from_text(std::string_view text)
{
    csv_source source;
    source.m_text = std::string{text};
    source.m_size = source.m_text.size();
    return source;
}

csv_source::csv_source(csv_source&& other) noexcept : m_path(std::move(other.m_path)), m_fd(std::exchange(other.m_fd, -1)), m_text(std::move(other.m_text)), m_size(other.m_size) {}

csv_source& csv_source::operator=(csv_source&& other) noexcept
{
    if (this != &other) {
        if (m_fd >= 0) ::close(m_fd);
        m_path = std::move(other.m_path);
        m_fd = std::exchange(other.m_fd, -1);
        m_text = std::move(other.m_text);
        m_size = other.m_size;
    }
    return *this;
}

csv_source::~csv_source()
{
    if (m_fd >= 0) ::close(m_fd);
}

std::string csv_source::read(std::size_t offset, std::size_t count) const
{
    if (offset >= m_size) return {};
    count = std::min(count, m_size - offset);
    if (m_fd < 0) return m_text.substr(offset, count);
    std::string bytes(count, '\0');
    std::size_t done = 0;
    while (done < count) {
        const auto n = ::pread(m_fd, bytes.data() + done, count - done, static_cast<off_t>(offset + done));
        if (n < 0) {
            if (errno == EINTR) continue;
            throw csv_io_error{trf("{}: cannot read: {}", m_path, errno_message())};
        }
        if (n == 0) break;  // the file shrank since it was opened: what is left is all there is
        done += static_cast<std::size_t>(n);
    }
    bytes.resize(done);
    return bytes;
}

}  // namespace donum::data
