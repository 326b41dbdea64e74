// What a report was computed from: every file (with its SHA-256) and every parameter, so
// that any figure quoted can be regenerated. Every renderer of `donum simulate` prints it
// first.
#ifndef DONUM_INTERPRETER_POPULATION_MANIFEST_HPP
#define DONUM_INTERPRETER_POPULATION_MANIFEST_HPP

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "interpreter/compile/driver.hpp"

namespace donum::population {

/// One file a report was computed from.
struct manifest_file {
    std::string role;    ///< for the reader, in French: "règles", "scénario", "données"
    std::string path;    ///< as given (command line, or as the extending file names it)
    std::string sha256;  ///< 64 lowercase hexadecimal digits
};

/// What a report was computed from, printed first by every renderer.
struct manifest {
    std::string donum_version;          ///< "0.1.0"
    std::vector<manifest_file> files;   ///< rule file, each file it extends, scenarios, data
    std::vector<std::string> parameters;  ///< `--set` values as given: "socle.dmt.target=85%"
    std::string date;                   ///< ISO 8601, chosen by the caller (tests fix it)
};

/// The entry of the file at `path`, hashed from disk. Throws std::runtime_error when the file
/// cannot be read.
[[nodiscard]] manifest_file hashed_file(std::string role, std::string path);

/// The entry of a file already in memory (`bytes`, e.g. grammar::source_file::text): the hash
/// is that of the very bytes evaluated, even if the file changed on disk since.
[[nodiscard]] manifest_file hashed_text(std::string role, std::string path, std::string_view bytes);

/// The manifest of a run on `compiled` (every rule file and scenario read, hashed from the
/// very bytes checked) and the data file `data` (hashed from disk), with the command line's
/// forced year and settings as its parameters, dated now (UTC) unless `date` is given.
[[nodiscard]] manifest manifest_of(const compile::compiled& compiled, const std::string& data, std::optional<int> year, const std::vector<std::string>& settings, std::string version,
                                   std::optional<std::string> date = std::nullopt);

}  // namespace donum::population

#endif
