#include "interpreter/population/sha256.hpp"

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <stdexcept>

#include <fmt/format.h>
#include <openssl/evp.h>
#include "interpreter/messages/messages.hpp"

namespace donum::population {

using messages::tr;
using messages::trf;

namespace {

// One EVP digest in progress; EVP rather than the deprecated SHA256_* calls of OpenSSL 3.
class digest {
public:
    digest() : m_context(EVP_MD_CTX_new(), &EVP_MD_CTX_free)
    {
        if (!m_context || EVP_DigestInit_ex(m_context.get(), EVP_sha256(), nullptr) != 1) {
            throw std::runtime_error(tr("cannot compute SHA-256: OpenSSL failed to start a digest"));
        }
    }

    void update(const void* data, std::size_t size)
    {
        if (size > 0 && EVP_DigestUpdate(m_context.get(), data, size) != 1) {
            throw std::runtime_error(tr("cannot compute SHA-256: OpenSSL failed to hash a block"));
        }
    }

    std::string hex()
    {
        std::array<unsigned char, EVP_MAX_MD_SIZE> bytes{};
        unsigned int size = 0;
        if (EVP_DigestFinal_ex(m_context.get(), bytes.data(), &size) != 1) {
            throw std::runtime_error(tr("cannot compute SHA-256: OpenSSL failed to finish a digest"));
        }
        static constexpr char digits[] = "0123456789abcdef";
        std::string out;
        out.reserve(2 * size);
        for (unsigned int i = 0; i < size; ++i) {
            out += digits[bytes[i] >> 4];
            out += digits[bytes[i] & 0x0F];
        }
        return out;
    }

private:
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> m_context;
};

}  // namespace

std::string sha256_file(const std::string& path)
{
    const std::unique_ptr<std::FILE, decltype(&std::fclose)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!file) throw std::runtime_error(trf("cannot read '{}': {}", path, std::strerror(errno)));
    digest d;
    std::array<char, 1 << 16> block{};
    errno = 0;
    for (;;) {
        const auto n = std::fread(block.data(), 1, block.size(), file.get());
        d.update(block.data(), n);
        if (n < block.size()) break;
    }
    // fread stops short both at the end and on an error: only ferror tells them apart.
    if (std::ferror(file.get()) != 0) {
        throw std::runtime_error(trf("cannot read '{}': {}", path, errno != 0 ? std::strerror(errno) : tr("read error")));
    }
    return d.hex();
}

std::string sha256_text(std::string_view bytes)
{
    digest d;
    d.update(bytes.data(), bytes.size());
    return d.hex();
}

}  // namespace donum::population
