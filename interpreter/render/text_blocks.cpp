#include "interpreter/render/text_blocks.hpp"

#include <algorithm>
#include <cstring>

namespace donum::render {

namespace {

constexpr std::size_t block_bytes = std::size_t{64} << 10U;

}  // namespace

void text_blocks::add_block(std::size_t at_least)
{
    block b;
    b.capacity = std::max(block_bytes, at_least);
    // Not value-initialised: every byte is written before it is read.
    b.bytes.reset(new char[b.capacity]);
    m_blocks.push_back(std::move(b));
}

void text_blocks::append(std::string_view s)
{
    if (s.empty()) return;
    char* at = room(s.size());
    std::memcpy(at, s.data(), s.size());
    commit(at + s.size());
}

std::size_t text_blocks::size() const
{
    std::size_t n = 0;
    for (const auto& b : m_blocks) n += b.size;
    return n;
}

bool text_blocks::write(std::FILE* out) const
{
    for (const auto& b : m_blocks) {
        if (b.size > 0 && std::fwrite(b.bytes.get(), 1, b.size, out) != b.size) return false;
    }
    return true;
}

void text_blocks::append(const text_blocks& other)
{
    for (const auto& b : other.m_blocks) {
        std::string_view rest(b.bytes.get(), b.size);
        while (!rest.empty()) {
            // What fits in the last block, then a new block (not one sized for all of `rest`).
            if (m_blocks.empty() || m_blocks.back().size == m_blocks.back().capacity) add_block(block_bytes);
            auto& last = m_blocks.back();
            const auto n = std::min(rest.size(), last.capacity - last.size);
            std::memcpy(last.bytes.get() + last.size, rest.data(), n);
            last.size += n;
            rest.remove_prefix(n);
        }
    }
}

}  // namespace donum::render
