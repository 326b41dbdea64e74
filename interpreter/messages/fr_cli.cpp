// The French of the messages of cli (see catalogue.hpp). Keep the fields ({}, {:>5}...)
// of the English text, in the order the sentence needs them ({0}, {1} when it differs).
#include "interpreter/messages/catalogue.hpp"

namespace donum::messages {

namespace {

constexpr entry entries[] = {
    // counts and files
    {"{}: {} error(s)", "{} : {} erreur(s)"},
    {"{}: {} error(s), {} warning(s)", "{} : {} erreur(s), {} avertissement(s)"},
    {"{}: ok, {} warning(s), {} placeholder(s) XX", "{} : ok, {} avertissement(s), {} valeur(s) XX à fixer"},
    {"{}: not formatted: {} error(s)", "{} : non mis en forme : {} erreur(s)"},
    {"cannot read '{}'", "lecture de « {} » impossible"},
    {"cannot write '{}'", "impossible d'écrire « {} »"},
    {"cannot write to standard output: {}", "impossible d'écrire sur la sortie standard : {}"},
    // evaluation and data
    {"placeholder XX: {} is not agreed yet: give it a value before evaluating", "valeur XX : {} n'est pas encore fixée : donnez-lui une valeur avant d'évaluer"},
    {"{} placeholder(s) XX block the evaluation of {}", "{} valeur(s) XX à fixer empêchent l'évaluation de {}"},
    {"... and {} more data error(s); --skip-invalid FILE writes every rejected row with its reasons",
     "... et {} autre(s) erreur(s) de données ; --skip-invalid FICHIER écrit chaque ligne rejetée avec ses raisons"},
    {"{}: {} data error(s) in {} row(s); nothing was evaluated", "{} : {} erreur(s) de données dans {} ligne(s) ; rien n'a été évalué"},
    {"col {}: {}", "colonne {} : {}"},
    {"{}: {} row(s) rejected ({} error(s)), written with their reasons to {}; {} row(s) evaluated",
     "{} : {} ligne(s) rejetée(s) ({} erreur(s)), écrite(s) avec leurs raisons dans {} ; {} ligne(s) évaluée(s)"},
    {"the row of '{}' at line {} is invalid", "la ligne de « {} » (ligne {}) est invalide"},
    {"no row for physician '{}' in {}", "aucune ligne pour le médecin « {} » dans {}"},
    {"no row for physician '{}' in {} (year {})", "aucune ligne pour le médecin « {} » dans {} (année {})"},
    // options of the commands
    {"give at least two versions", "donnez au moins deux versions"},
    {"--per-physician needs --data", "--per-physician demande --data"},
    {"--chart draws a sweep: give --sweep NAME=FROM..TO:STEP", "--chart dessine un balayage : donnez --sweep NOM=DE..À:PAS"},
    {"give either --budget AMOUNT or --reach SHARE", "donnez soit --budget MONTANT, soit --reach PART"},
    {"--reach needs --of INDICATOR or GROUP ({} is not a target)", "--reach demande --of INDICATEUR ou GROUPE ({} n'est pas une cible)"},
    // donum test
    {"example \"{}\": {}", "exemple « {} » : {}"},
    {"needs values for placeholders XX: {} (write 'set NAME = VALUE' in the example)",
     "il faut des valeurs pour les XX : {} (écrivez 'set NOM = VALEUR' dans l'exemple)"},
    {"expected {} points, {} €; got {} points, {} €", "attendu {} points, {} € ; obtenu {} points, {} €"},
    {"{}: {} example(s), {} failed", "{} : {} exemple(s), {} en échec"},
    {"{} passed, {} failed", "{} réussi(s), {} en échec"},
    // versions (diff, --compare)
    {"{}: {} is not a year of {} (years: {})", "{} : {} n'est pas une année de {} (années : {})"},
    {"{} covers {}: name the year, e.g. {}@{}", "{} couvre {} : précisez l'année, par exemple {}@{}"},
    {"--set {}: no version has this name", "--set {} : aucune version ne porte ce nom"},
};

}  // namespace

std::span<const entry> cli_catalogue() noexcept { return entries; }

}  // namespace donum::messages
