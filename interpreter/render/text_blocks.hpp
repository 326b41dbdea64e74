// Text in blocks: what a renderer appends to row after row without ever moving what it has
// written (a growing string copies itself at each doubling), and writes out block by block
// (never a buffer the size of the whole output).
#ifndef DONUM_INTERPRETER_RENDER_TEXT_BLOCKS_HPP
#define DONUM_INTERPRETER_RENDER_TEXT_BLOCKS_HPP

#include <cstddef>
#include <cstdio>
#include <memory>
#include <string_view>
#include <vector>

namespace donum::render {

/// Text appended in blocks of 64 KiB (a block is as large as a piece that needs more).
class text_blocks {
public:
    /// Room for up to `n` more bytes: where to write them. Then commit(end of what was
    /// written) before the next call.
    [[nodiscard]] char* room(std::size_t n)
    {
        if (m_blocks.empty() || m_blocks.back().capacity - m_blocks.back().size < n) add_block(n);
        auto& b = m_blocks.back();
        return b.bytes.get() + b.size;
    }
    /// Ends the bytes written since room(): `end` is just after the last one.
    void commit(const char* end)
    {
        auto& b = m_blocks.back();
        b.size = static_cast<std::size_t>(end - b.bytes.get());
    }
    /// Appends `s`.
    void append(std::string_view s);
    /// Appends the bytes of `other`, filling the blocks.
    void append(const text_blocks& other);
    /// Bytes held.
    [[nodiscard]] std::size_t size() const;
    /// Writes every byte to `out`; false on a write error.
    bool write(std::FILE* out) const;

private:
    struct block {
        std::unique_ptr<char[]> bytes;
        std::size_t size = 0;
        std::size_t capacity = 0;
    };
    void add_block(std::size_t at_least);

    std::vector<block> m_blocks;
};

}  // namespace donum::render

#endif
