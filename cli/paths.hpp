// The files of one run, compared as the file system sees them: no output may be a file the
// run reads (a rule file, a file it extends, a scenario, the data) or another output of the
// same run. Every command that writes a file checks its outputs here, once its inputs are
// known and before anything is computed (docs/cli.md, "Guarantees").
#ifndef DONUM_CLI_PATHS_HPP
#define DONUM_CLI_PATHS_HPP

#include <string>
#include <vector>

namespace donum::cli {

/// A path named on the command line (or read by the run), with what names it, for messages:
/// "-o", "--skip-invalid", "the data", "the rule file", "a file extended by …".
struct named_path {
    std::string role;
    std::string path;
};

/// Where writing `path` really lands: an absolute path whose folder is resolved (symbolic
/// links, `.` and `..`) and whose last component is not a symbolic link (links are followed,
/// up to 40, as the kernel does; a link to a file not yet created lands on that file).
/// Precondition: `path` is not empty.
[[nodiscard]] std::string resolved_target(const std::string& path);

/// Whether every output may be written without destroying what the run read or wrote: no
/// output is the same file as an input (same device and inode for a file that exists,
/// hard links and symbolic links included; the same resolved folder and name for one to be
/// created) or as another output. A device, a pipe or a terminal (/dev/null, /dev/stdout
/// on a pipe) is written in place and destroys nothing: it is never refused. An empty
/// output (standard output) is skipped. Prints every clash to standard error and returns
/// false when there is one (the command then exits with usage_error).
[[nodiscard]] bool outputs_are_safe(const std::vector<named_path>& inputs, const std::vector<named_path>& outputs);

}  // namespace donum::cli

#endif
