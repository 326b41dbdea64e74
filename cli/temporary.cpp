#include "cli/temporary.hpp"
#include "interpreter/messages/messages.hpp"

#include <array>
#include <atomic>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

namespace donum::cli {

namespace {

// The registry of live temporary files. The signal handler may run in any thread at any
// moment, so it reads only this fixed storage: a slot's path is written before the slot is
// marked used (an atomic, lock-free store), and the mark is cleared only after the file was
// renamed or removed. A run has at most a few outputs open at once.
constexpr std::size_t max_live = 16;

struct slot {
    std::atomic<int> used{0};
    std::array<char, PATH_MAX> path{};
};

std::array<slot, max_live> registry;

static_assert(std::atomic<int>::is_always_lock_free, "the signal handler reads the registry: its flags must be lock-free");

constexpr std::array<int, 4> handled = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};

sigset_t handled_set()
{
    sigset_t set;
    ::sigemptyset(&set);
    for (const int s : handled) ::sigaddset(&set, s);
    return set;
}

// Blocks the handled signals in this thread while a file is created and registered (or
// renamed and unregistered), so that no signal falls between the two.
class signals_blocked {
public:
    signals_blocked()
    {
        const auto set = handled_set();
        ::pthread_sigmask(SIG_BLOCK, &set, &m_old);
    }
    ~signals_blocked() { ::pthread_sigmask(SIG_SETMASK, &m_old, nullptr); }
    signals_blocked(const signals_blocked&) = delete;
    signals_blocked& operator=(const signals_blocked&) = delete;

private:
    sigset_t m_old{};
};

// Only async-signal-safe calls: unlink, sigaction, sigprocmask, raise.
extern "C" void remove_and_reraise(int signal)
{
    const int saved = errno;
    for (auto& s : registry) {
        if (s.used.load() != 0) ::unlink(s.path.data());
    }
    struct sigaction default_action {};
    default_action.sa_handler = SIG_DFL;
    ::sigemptyset(&default_action.sa_mask);
    ::sigaction(signal, &default_action, nullptr);
    sigset_t only;
    ::sigemptyset(&only);
    ::sigaddset(&only, signal);
    ::sigprocmask(SIG_UNBLOCK, &only, nullptr);
    ::raise(signal);
    errno = saved;  // not reached for these signals, whose default action ends the process
}

// The last component of `name` cut to at most `bytes`, not inside a UTF-8 sequence.
std::string cut_name(const std::string& name, std::size_t bytes)
{
    if (name.size() <= bytes) return name;
    std::size_t end = bytes;
    while (end > 0 && (static_cast<unsigned char>(name[end]) & 0xc0u) == 0x80u) --end;
    return name.substr(0, end);
}

constexpr std::string_view suffix = ".tmp-XXXXXX";

}  // namespace

void remove_temporaries_on_signals()
{
    struct sigaction action {};
    action.sa_handler = remove_and_reraise;
    // Every handled signal is blocked while the handler runs: one removal pass at a time.
    action.sa_mask = handled_set();
    for (const int s : handled) {
        struct sigaction previous {};
        ::sigaction(s, nullptr, &previous);
        // A signal ignored by whoever started donum (nohup, a shell's background job) stays
        // ignored; SIGPIPE is the exception: ignored, it would be reported as a write error,
        // which is what happens anyway.
        if (previous.sa_handler == SIG_IGN) continue;
        ::sigaction(s, &action, nullptr);
    }
}

std::string temporary_template(const std::string& target, long name_max)
{
    namespace fs = std::filesystem;
    const fs::path p(target);
    const auto name = p.filename().string();
    const auto limit = name_max > static_cast<long>(suffix.size()) ? static_cast<std::size_t>(name_max) - suffix.size() : 1;
    return (p.parent_path() / (cut_name(name, limit) + std::string(suffix))).string();
}

std::optional<temporary_file> temporary_file::create(const std::string& target, const std::string& shown, std::string& error)
{
    namespace fs = std::filesystem;
    const auto folder = fs::path(target).parent_path();
    errno = 0;
    long name_max = ::pathconf(folder.empty() ? "." : folder.c_str(), _PC_NAME_MAX);
    if (name_max <= 0) name_max = NAME_MAX;
    const auto name = temporary_template(target, name_max);
    if (name.size() >= PATH_MAX) {
        error = messages::trf("cannot write '{}': {}", shown, std::strerror(ENAMETOOLONG));
        return std::nullopt;
    }
    const signals_blocked blocked;
    for (std::size_t i = 0; i < registry.size(); ++i) {
        auto& s = registry[i];
        if (s.used.load() != 0) continue;
        std::memcpy(s.path.data(), name.c_str(), name.size() + 1);
        // mkostemp opens with O_CREAT | O_EXCL, mode 0600: a file or a link already there is
        // never opened; the name is written in place into the slot.
        const int fd = ::mkostemp(s.path.data(), O_CLOEXEC);
        if (fd < 0) {
            error = messages::trf("cannot write '{}': {}", shown, std::strerror(errno));
            return std::nullopt;
        }
        s.used.store(1);
        return temporary_file(static_cast<int>(i), fd);
    }
    error = messages::trf("cannot write '{}': too many output files open at once", shown);
    return std::nullopt;
}

temporary_file::temporary_file(temporary_file&& other) noexcept : m_slot(other.m_slot), m_fd(other.m_fd)
{
    other.m_slot = -1;
    other.m_fd = -1;
}

temporary_file::~temporary_file()
{
    if (m_fd >= 0) ::close(m_fd);
    if (m_slot < 0) return;
    const signals_blocked blocked;
    auto& s = registry[static_cast<std::size_t>(m_slot)];
    ::unlink(s.path.data());
    s.used.store(0);
}

int temporary_file::release_fd()
{
    const int fd = m_fd;
    m_fd = -1;
    return fd;
}

bool temporary_file::rename_to(const std::string& target, const std::string& shown, std::string& error)
{
    if (m_slot < 0) {
        error = messages::trf("cannot write '{}'", shown);
        return false;
    }
    auto& s = registry[static_cast<std::size_t>(m_slot)];
    // mkstemp made the file private while it was written; an output gets the usual mode.
    const mode_t mask = ::umask(0);
    ::umask(mask);
    if (::chmod(s.path.data(), 0666 & ~mask) != 0) {
        error = messages::trf("cannot write '{}': {}", shown, std::strerror(errno));
        return false;
    }
    const signals_blocked blocked;
    if (::rename(s.path.data(), target.c_str()) != 0) {
        error = messages::trf("cannot write '{}': {}", shown, std::strerror(errno));
        return false;
    }
    s.used.store(0);
    m_slot = -1;
    return true;
}

}  // namespace donum::cli
