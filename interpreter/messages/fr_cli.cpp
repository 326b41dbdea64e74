// The French of the messages of cli (see catalogue.hpp). Keep the fields ({}, {:>5}...)
// of the English text, in the order the sentence needs them ({0}, {1} when it differs).
#include "interpreter/messages/catalogue.hpp"

namespace donum::messages {

namespace {

constexpr entry entries[] = {
    // cli/main.cpp
    {"Language of messages: fr (French, the default) or en; also DONUM_LANG", "Langue des messages : fr (français, par défaut) ou en (anglais) ; aussi DONUM_LANG"},
    {"donum: internal error: {}", "donum : erreur interne : {}"},
    {R"(Exit codes:
  0   success
  1   error in a rule file (syntax, names, types, extends; XX with --strict; XX left open when evaluating)
  2   bad command line
  3   invalid activity data (nothing is written)
  4   a known-answer example failed
  5   an output file could not be written
  6   a result does not fit exact 64-bit arithmetic
  70  internal error (a bug of donum)
)", R"(Codes de sortie :
  0   succès
  1   erreur dans un fichier de règles (syntaxe, noms, types, extends ; XX avec --strict ; XX encore ouvert à l'évaluation)
  2   ligne de commande incorrecte
  3   données d'activité invalides (rien n'est écrit)
  4   un exemple à réponse connue a échoué
  5   un fichier de sortie n'a pas pu être écrit
  6   un résultat dépasse l'arithmétique exacte sur 64 bits
  70  erreur interne (un défaut de donum)
)"},
    // cli/language.cpp: CLI11's words and sentences, the choice of language
    {"A subcommand is required", "indiquez une commande (check, eval, explain, simulate, solve, diff, test, fmt, lsp…)"},
    {"(.+) is required", "$1 est obligatoire"},
    {"The following arguments? (?:was|were) not expected: (.*)", "argument inattendu : $1"},
    {"(.+): File does not exist: (.*)", "$1 : le fichier $2 n'existe pas"},
    {"(.+): File is actually a directory: (.*)", "$1 : $2 est un dossier, pas un fichier"},
    {"(.+): (.+) not in \\x7b(.*)\\x7d", "$1 : « $2 » n'est pas l'une des valeurs permises ($3)"},
    {"(.+): Value (.+) could not be converted.*", "$1 : la valeur « $2 » n'est pas un nombre entier"},
    {"Could not convert: (.+) = (.*)", "$1 : la valeur « $2 » n'est pas un nombre entier"},
    {"The value (.+) is not an allowed value for (.+)", "$2 : « $1 » n'est pas une valeur permise"},
    {"Expected exactly (\\d+) arguments? to (.+), got (\\d+)", "$2 attend exactement $1 valeur(s), $3 donnée(s)"},
    {"Expected at least (\\d+) arguments? to (.+), got (\\d+)", "$2 attend au moins $1 valeur(s), $3 donnée(s)"},
    {"(.+): At Most (\\d+) required but received (\\d+)", "$1 : au plus $2 valeur(s), $3 donnée(s)"},
    {"(.+): At least (\\d+) required but received (\\d+)", "$1 : au moins $2 valeur(s), $3 donnée(s)"},
    {"(.+) excludes (.+)", "$1 et $2 s'excluent"},
    {"(.+) requires (.+)", "$1 demande aussi $2"},
    {"(.+): Too many positional arguments with unlimited expected args", "$1 : trop d'arguments"},
    {"Usage", "Utilisation"},
    {"OPTIONS", "OPTIONS"},
    {"COMMAND", "COMMANDE"},
    {"COMMANDS", "COMMANDES"},
    {"Arguments", "Arguments"},
    {"REQUIRED", "OBLIGATOIRE"},
    {"Needs", "Demande"},
    {"Excludes", "Exclut"},
    {"Env", "Variable"},
    {"TEXT", "TEXTE"},
    {"FILE", "FICHIER"},
    {"INTEGER", "ENTIER"},
    {"Options", "Options"},
    {"Print this help and exit", "Affiche cette aide"},
    {"Run with {} for more information.\n", "Voir {} pour plus d'informations.\n"},
    {"DONUM_LANG={}: unknown language; donum speaks fr (French, the default) and en (English)", "DONUM_LANG={} : langue inconnue ; donum parle fr (français, par défaut) et en (anglais)"},
    {"--lang {}: unknown language; donum speaks fr (French, the default) and en (English)", "--lang {} : langue inconnue ; donum parle fr (français, par défaut) et en (anglais)"},
    // counts and files
    {"{}: {} error(s)", "{} : {} erreur(s)"},
    {"{}: {} error(s), {} warning(s)", "{} : {} erreur(s), {} avertissement(s)"},
    {"{}: ok, {} warning(s), {} placeholder(s) XX", "{} : ok, {} avertissement(s), {} valeur(s) XX à fixer"},
    {"{}: not formatted: {} error(s)", "{} : non mis en forme : {} erreur(s)"},
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
