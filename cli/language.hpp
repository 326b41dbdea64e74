// The language of the command: chosen before anything is printed (--lang, then DONUM_LANG,
// French by default), and CLI11's own words (its errors, its help's headings) in it.
#ifndef DONUM_CLI_LANGUAGE_HPP
#define DONUM_CLI_LANGUAGE_HPP

#include <optional>
#include <string>

#include <CLI/CLI.hpp>

namespace donum::cli {

/// Sets the language of messages from `--lang VALUE` or `--lang=VALUE` in the arguments
/// (before a `--`), else from the environment variable DONUM_LANG, else French. It must run
/// before the command line is declared: the --help texts are made in that language. Returns
/// an error message when a language is named that donum does not speak.
[[nodiscard]] std::optional<std::string> choose_language(int argc, char** argv);

/// Gives `app` (and its later subcommands) its help's headings and its error messages in the
/// chosen language.
void speak_language(CLI::App& app);

/// One of CLI11's error messages in the chosen language (its English when it is not one of
/// the sentences CLI11 makes).
[[nodiscard]] std::string parse_error_message(const CLI::Error& e);

}  // namespace donum::cli

#endif
