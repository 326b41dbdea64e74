// The messages donum prints for people, in French by default and in English on request:
// every diagnostic, data error and command-line error is written in English in the code
// (the catalogue's key) and looked up here in the French catalogue. One catalogue, so that a
// test (tests/messages_check.cpp) can find every marked text in the sources and fail when one
// lacks its French, or when the two disagree on their {} fields.
//
// Marking, as gettext does: tr("text") for a plain message, trf("text {}", args...) for a
// message with fields (fmt syntax), N_("text") for a text stored in a table and translated
// where it is shown (tr(table[i])).
#ifndef DONUM_INTERPRETER_MESSAGES_MESSAGES_HPP
#define DONUM_INTERPRETER_MESSAGES_MESSAGES_HPP

#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

namespace donum::messages {

/// The languages of messages: French (the default) and English.
enum class language { fr, en };

/// Sets the language of every later message of the process (the command line's --lang, or
/// DONUM_LANG). Set it once, before any message is made: it is not synchronised with
/// threads that are making messages.
void set_language(language l) noexcept;

/// The language messages are made in.
[[nodiscard]] language current_language() noexcept;

/// The language a name stands for: "fr" or "en", also as a locale ("fr_FR.UTF-8",
/// "en_GB"); nullopt for anything else.
[[nodiscard]] std::optional<language> language_named(std::string_view name) noexcept;

/// `english` in the current language: its French from the catalogue when French is chosen
/// (`english` itself when the catalogue has no entry, which the catalogue test forbids).
[[nodiscard]] const char* tr(const char* english) noexcept;

/// The message `english_format` (fmt syntax) in the current language, its fields filled
/// with `args`.
template <typename... Args>
[[nodiscard]] std::string trf(const char* english_format, const Args&... args)
{
    return fmt::vformat(tr(english_format), fmt::make_format_args(args...));
}

/// Marks a text kept in a table for the catalogue test; it is translated where it is shown,
/// with tr().
[[nodiscard]] constexpr const char* N_(const char* english) noexcept { return english; }

}  // namespace donum::messages

#endif
