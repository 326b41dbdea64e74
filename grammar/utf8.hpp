// UTF-8 validation (RFC 3629): labels must be valid, and invalid bytes of data files are
// replaced before they reach JSON or a terminal.
#ifndef DONUM_GRAMMAR_UTF8_HPP
#define DONUM_GRAMMAR_UTF8_HPP

#include <cstddef>
#include <string>
#include <string_view>

namespace donum::grammar {

/// Length of the valid UTF-8 sequence at the start of `s` (1 to 4), or 0 when the bytes
/// there are not one: a stray continuation byte, a truncated sequence, an overlong form, a
/// surrogate (U+D800..U+DFFF) or a code point above U+10FFFF.
[[nodiscard]] inline std::size_t utf8_sequence(std::string_view s)
{
    if (s.empty()) return 0;
    const auto b0 = static_cast<unsigned char>(s[0]);
    if (b0 < 0x80) return 1;
    std::size_t n = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF) n = 2;
    else if (b0 == 0xE0) { n = 3; lo = 0xA0; }
    else if (b0 == 0xED) { n = 3; hi = 0x9F; }
    else if (b0 >= 0xE1 && b0 <= 0xEF) n = 3;
    else if (b0 == 0xF0) { n = 4; lo = 0x90; }
    else if (b0 == 0xF4) { n = 4; hi = 0x8F; }
    else if (b0 >= 0xF1 && b0 <= 0xF3) n = 4;
    else return 0;
    if (s.size() < n) return 0;
    const auto b1 = static_cast<unsigned char>(s[1]);
    if (b1 < lo || b1 > hi) return 0;
    for (std::size_t k = 2; k < n; ++k) {
        if ((static_cast<unsigned char>(s[k]) & 0xC0) != 0x80) return 0;
    }
    return n;
}

/// True if `s` is entirely valid UTF-8.
[[nodiscard]] inline bool valid_utf8(std::string_view s)
{
    while (!s.empty()) {
        const auto n = utf8_sequence(s);
        if (n == 0) return false;
        s.remove_prefix(n);
    }
    return true;
}

/// `s` with every byte that is not part of a valid sequence replaced by U+FFFD.
[[nodiscard]] inline std::string sanitize_utf8(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    while (!s.empty()) {
        const auto n = utf8_sequence(s);
        if (n == 0) {
            out += "\xEF\xBF\xBD";
            s.remove_prefix(1);
        }
        else {
            out.append(s.substr(0, n));
            s.remove_prefix(n);
        }
    }
    return out;
}

}  // namespace donum::grammar

#endif
