// Temporary files that never outlive the run: each output file is written to a private
// temporary file next to its target and renamed over it only when complete. The temporary
// file is created exclusively (mkstemp: a name that exists, or a symbolic link planted
// there, is never opened), readable by its owner only until it is renamed, and registered
// while it exists, so that SIGINT, SIGTERM, SIGHUP or SIGPIPE removes it before the process
// ends as the signal says (docs/cli.md, "Guarantees").
#ifndef DONUM_CLI_TEMPORARY_HPP
#define DONUM_CLI_TEMPORARY_HPP

#include <optional>
#include <string>

namespace donum::cli {

/// Installs, once, the handlers that remove every live temporary file on SIGINT, SIGTERM,
/// SIGHUP and SIGPIPE and then re-raise the signal with its default action (so the exit
/// status still says which signal ended the run). Call it first thing in main.
void remove_temporaries_on_signals();

/// The name a temporary file for `target` gets: `target` with `.tmp-XXXXXX` appended, its
/// last component first cut (at a character boundary) so that the whole name fits
/// `name_max` bytes: an output name that is valid never fails because of its temporary.
[[nodiscard]] std::string temporary_template(const std::string& target, long name_max);

/// A registered temporary file next to a target.
class temporary_file {
public:
    /// Creates a temporary file in the folder of `target` (a resolved path, see
    /// paths.hpp), open for writing; on failure returns nothing and sets `error` (which
    /// names `shown`, the path as the user wrote it).
    static std::optional<temporary_file> create(const std::string& target, const std::string& shown, std::string& error);
    temporary_file(temporary_file&& other) noexcept;
    temporary_file& operator=(temporary_file&&) = delete;
    temporary_file(const temporary_file&) = delete;
    temporary_file& operator=(const temporary_file&) = delete;
    /// Removes the file unless it was renamed into place.
    ~temporary_file();

    /// The open descriptor (close-on-exec); -1 once released.
    [[nodiscard]] int fd() const { return m_fd; }
    /// Hands the descriptor over (e.g. to fdopen): the caller closes it.
    int release_fd();
    /// Gives the file the usual mode of a new file (0666 less the umask) and renames it
    /// over `target`; false and `error` (naming `shown`) if that failed, the file then
    /// being removed by the destructor.
    bool rename_to(const std::string& target, const std::string& shown, std::string& error);

private:
    explicit temporary_file(int slot, int fd) : m_slot(slot), m_fd(fd) {}
    int m_slot = -1;  ///< index in the registry; -1 once renamed or removed
    int m_fd = -1;
};

}  // namespace donum::cli

#endif
