#include "interpreter/render/text_blocks.hpp"

#include <algorithm>
#include <cstring>
#include <iterator>

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

void text_blocks::splice(text_blocks&& other)
{
    m_blocks.insert(m_blocks.end(), std::make_move_iterator(other.m_blocks.begin()), std::make_move_iterator(other.m_blocks.end()));
    other.m_blocks.clear();
}

}  // namespace donum::render
