#include "interpreter/population/manifest.hpp"

#include <utility>

#include "interpreter/population/sha256.hpp"

namespace donum::population {

manifest_file hashed_file(std::string role, std::string path)
{
    auto sha = sha256_file(path);
    return {std::move(role), std::move(path), std::move(sha)};
}

manifest_file hashed_text(std::string role, std::string path, std::string_view bytes)
{
    return {std::move(role), std::move(path), sha256_text(bytes)};
}

}  // namespace donum::population
