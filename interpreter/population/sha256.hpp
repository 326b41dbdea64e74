// SHA-256 digests of the files a report was computed from, so that any figure quoted in a
// negotiation can be traced to the exact rule, scenario and data files (the manifest).
#ifndef DONUM_INTERPRETER_POPULATION_SHA256_HPP
#define DONUM_INTERPRETER_POPULATION_SHA256_HPP

#include <string>
#include <string_view>

namespace donum::population {

/// SHA-256 of the bytes of the file at `path`, as 64 lowercase hexadecimal digits. Reads the
/// file in blocks (never whole in memory). Throws std::runtime_error naming the path when
/// the file cannot be opened or read, or when the digest cannot be computed.
[[nodiscard]] std::string sha256_file(const std::string& path);

/// SHA-256 of `bytes`, as 64 lowercase hexadecimal digits. Throws std::runtime_error only
/// when the digest cannot be computed (OpenSSL failure).
[[nodiscard]] std::string sha256_text(std::string_view bytes);

}  // namespace donum::population

#endif
