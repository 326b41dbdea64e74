#include "cli/terminal.hpp"

#include <cstdio>
#include <string>
#include <string_view>

#include <unistd.h>

#include "grammar/utf8.hpp"
#include "interpreter/render/writers.hpp"

namespace donum::cli {

namespace {

// Bytes of a UTF-8 sequence cut by the end of one write, kept for the next one.
std::string pending;

bool write_all(std::string_view bytes)
{
    while (!bytes.empty()) {
        const auto n = ::write(STDERR_FILENO, bytes.data(), bytes.size());
        if (n < 0) return false;
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

// Length of an unfinished UTF-8 sequence at the end of `s` (its lead byte and fewer
// continuation bytes than it announces), to be completed by the next write.
std::size_t unfinished_tail(std::string_view s)
{
    for (std::size_t back = 1; back <= 3 && back <= s.size(); ++back) {
        const auto b = static_cast<unsigned char>(s[s.size() - back]);
        if ((b & 0xC0u) == 0x80u) continue;  // a continuation byte: look further back
        const std::size_t length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
        return length > back ? back : 0;
    }
    return 0;
}

ssize_t write_escaped(void* /*cookie*/, const char* data, std::size_t size)
{
    pending.append(data, size);
    const auto keep = unfinished_tail(pending);
    const std::string_view ready(pending.data(), pending.size() - keep);
    const bool written = write_all(render::terminal_text(ready, true));
    pending.erase(0, pending.size() - keep);
    return written ? static_cast<ssize_t>(size) : -1;
}

int close_escaped(void* /*cookie*/)
{
    // What is left is not a sequence: escaped byte by byte.
    const bool written = write_all(render::terminal_text(pending, true));
    pending.clear();
    return written ? 0 : -1;
}

}  // namespace

void escape_control_characters_on_stderr()
{
    cookie_io_functions_t io{};
    io.write = write_escaped;
    io.close = close_escaped;
    std::FILE* escaped = ::fopencookie(nullptr, "w", io);
    if (escaped == nullptr) return;  // messages stay raw rather than lost
    // Line-buffered like a terminal's: each message leaves whole, before the exit code.
    std::setvbuf(escaped, nullptr, _IOLBF, 0);
    stderr = escaped;
}

}  // namespace donum::cli
