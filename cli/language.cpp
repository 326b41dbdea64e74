#include "cli/language.hpp"

#include <cstdlib>
// GCC 12 warns that std::regex's compiled states "may be used uninitialized" when built with
// the sanitizers (GCC bug 105562, a false positive inside libstdc++).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <regex>
#include <string_view>

#include "interpreter/messages/messages.hpp"

namespace donum::cli {

using messages::N_;
using messages::tr;
using messages::trf;

std::optional<std::string> choose_language(int argc, char** argv)
{
    std::optional<std::string> named;
    for (int i = 1; i < argc; ++i) {
        const std::string_view a{argv[i]};
        if (a == "--") break;
        if (a == "--lang" && i + 1 < argc) named = argv[++i];
        else if (a.starts_with("--lang=")) named = std::string{a.substr(7)};
    }
    const char* from_env = std::getenv("DONUM_LANG");
    if (!named && from_env != nullptr && *from_env != '\0') {
        if (const auto l = messages::language_named(from_env)) {
            messages::set_language(*l);
            return std::nullopt;
        }
        return trf("DONUM_LANG={}: unknown language; donum speaks fr (French, the default) and en (English)", from_env);
    }
    if (!named) return std::nullopt;
    if (const auto l = messages::language_named(*named)) {
        messages::set_language(*l);
        return std::nullopt;
    }
    return trf("--lang {}: unknown language; donum speaks fr (French, the default) and en (English)", *named);
}

void speak_language(CLI::App& app)
{
    auto f = app.get_formatter();
    f->label("Usage", tr("Usage"));  // CLI11 adds the colon: the French ends with its space
    f->label("OPTIONS", tr("OPTIONS"));
    f->label("SUBCOMMAND", tr("COMMAND"));
    f->label("SUBCOMMANDS", tr("COMMANDS"));
    f->label("Positionals", tr("Arguments"));
    f->label("REQUIRED", tr("REQUIRED"));
    f->label("Needs", tr("Needs"));
    f->label("Excludes", tr("Excludes"));
    f->label("Env", tr("Env"));
    f->label("TEXT", tr("TEXT"));
    f->label("TEXT:FILE", tr("FILE"));
    f->label("INT", tr("INTEGER"));
    f->label("UINT", tr("INTEGER"));
    // The type names of main.cpp's validators (CLI11 shows "TEXT:" and the validator's name).
    f->label("TEXT:PATH", tr("PATH"));
    f->label("TEXT:FILE[+SCENARIO...]", tr("FILE[+SCENARIO...]"));
    f->label("INT:YEAR", tr("YEAR"));
    app.option_defaults()->group(tr("Options"));
    app.set_help_flag("-h,--help", tr("Print this help and exit"));
    app.failure_message([](const CLI::App* a, const CLI::Error& e) {
        std::string out = parse_error_message(e) + "\n";
        if (a != nullptr && a->get_help_ptr() != nullptr) out += trf("Run with {} for more information.\n", a->get_help_ptr()->get_name());
        return out;
    });
}

std::string parse_error_message(const CLI::Error& e)
{
    const std::string what = e.what();
    if (messages::current_language() == messages::language::en) return what;
    // CLI11's sentences, and the French of each; a sentence it adds in a later version stays
    // English until it is added here.
    // CLI11's sentences as patterns; the catalogue holds the French of each ($1, $2: what the
    // pattern captured). A sentence a later CLI11 adds stays English until it is added here.
    static const char* const sentences[] = {
        N_("A subcommand is required"),
        N_("(.+) is required"),
        N_("The following arguments? (?:was|were) not expected: (.*)"),
        N_("(.+): File does not exist: (.*)"),
        N_("(.+): File is actually a directory: (.*)"),
        N_("(.+): (.+) not in \\x7b(.*)\\x7d"),
        N_("(.+): Value (.+) could not be converted.*"),
        N_("Could not convert: (.+) = (.*)"),
        N_("The value (.+) is not an allowed value for (.+)"),
        N_("Expected exactly (\\d+) arguments? to (.+), got (\\d+)"),
        N_("Expected at least (\\d+) arguments? to (.+), got (\\d+)"),
        N_("(.+): At Most (\\d+) required but received (\\d+)"),
        N_("(.+): At least (\\d+) required but received (\\d+)"),
        N_("(.+) excludes (.+)"),
        N_("(.+) requires (.+)"),
        N_("(.+): Too many positional arguments with unlimited expected args"),
    };
    for (const char* pattern : sentences) {
        const std::regex re{pattern};
        if (std::regex_match(what, re)) return std::regex_replace(what, re, tr(pattern));
    }
    return what;
}

}  // namespace donum::cli
