// The French of the messages of grammar (see catalogue.hpp). Keep the fields ({}, {:>5}...)
// of the English text, in the order the sentence needs them ({0}, {1} when it differs).
#include "interpreter/messages/catalogue.hpp"

namespace donum::messages {

namespace {

constexpr entry entries[] = {
    // grammar/diagnostic.cpp: the level of a diagnostic
    {"error: ", "erreur : "},
    {"warning: ", "avertissement : "},
    {"note: ", "note : "},
    {"", ""},
};

}  // namespace

std::span<const entry> grammar_catalogue() noexcept { return entries; }

}  // namespace donum::messages
