// The French of the messages of donum serve (see catalogue.hpp): its command, the API's
// errors, the live population and the settings and scenarios the page sends as text. Keep the
// fields ({}, {:>5}...) of the English text, in the order the sentence needs them ({0}, {1}
// when it differs).
#include "interpreter/messages/catalogue.hpp"

namespace donum::messages {

namespace {

constexpr entry entries[] = {
    // cli/main.cpp: the --help texts of donum serve
    {"The negotiation table as a live page: every value editable, each change answered at once",
     "La table de négociation en page vivante : chaque valeur modifiable, chaque changement répondu aussitôt"},
    {"Rule file (.donum)", "Fichier de règles (.donum)"},
    {"Compare with this version: FILE[+SCENARIO...][@YEAR] (default: the rule file as written)",
     "Compare avec cette version : FICHIER[+SCÉNARIO...][@ANNÉE] (par défaut : le fichier de règles tel qu'écrit)"},
    {"Port to listen on (0: any free port)", "Port d'écoute (0 : n'importe quel port libre)"},
    {"Address to listen on; other than 127.0.0.1 requires a token",
     "Adresse d'écoute ; une autre que 127.0.0.1 exige un jeton"},
    {"The token every request must carry (default off loopback: generated and printed)",
     "Le jeton que chaque requête doit porter (par défaut hors boucle locale : tiré au hasard et affiché)"},

    // cli/serve.cpp: the console
    {"donum serve: stop asked ({}), the requests under way are finished first.", "donum serve : arrêt demandé ({}), fin des requêtes en cours."},
    {"{} does not read the same rows of {} for both versions", "{} ne lit pas les mêmes lignes de {} pour les deux versions"},
    {"{} cannot be evaluated on {}: nothing to compare with", "{} ne peut pas être évalué sur {} : rien à comparer"},
    {"{} (as written)", "{} (tel qu'écrit)"},
    {"donum serve: http://{}:{}/{}", "donum serve : http://{}:{}/{}"},
    {"{}: {} physicians, {}. Ctrl-C to stop.", "{} : {} médecins, {}. Ctrl-C pour arrêter."},
    {"donum serve: stopped.", "donum serve : arrêté."},

    // serve/server.cpp: the server
    {"this server asks for its token: open the address it printed (…?token=…)",
     "ce serveur demande son jeton : ouvrez l'adresse qu'il a affichée (…?token=…)"},
    {"internal error of donum serve: the request was not answered", "erreur interne de donum serve : la requête est restée sans réponse"},
    {"no such page or endpoint: {}", "ni page ni point d'accès de ce nom : {}"},
    {"the request was refused", "la requête a été refusée"},
    {"too many requests at once: try again", "trop de requêtes à la fois : réessayez"},
    {"no such page: {}", "pas de page de ce nom : {}"},
    {"cannot listen on {}", "impossible d'écouter sur {}"},
    {"cannot listen on {}:{} (in use, or not an address of this machine)",
     "impossible d'écouter sur {}:{} (déjà pris, ou pas une adresse de cette machine)"},
    {"cannot read /dev/urandom for a token", "impossible de lire /dev/urandom pour tirer un jeton"},

    // serve/session.cpp: the API's errors
    {"'{}' must be a string", "« {} » doit être une chaîne de caractères"},
    {"'{}' is longer than {} bytes", "« {} » dépasse {} octets"},
    {"placeholder XX: {} not agreed yet: give a value before evaluating {}",
     "valeur XX : {} pas encore fixée : donnez une valeur avant d'évaluer {}"},
    {"the request is larger than {} bytes", "la requête dépasse {} octets"},
    {"malformed request: JSON nested deeper than 8 levels", "requête mal formée : JSON imbriqué sur plus de 8 niveaux"},
    {"malformed JSON: {}", "JSON mal formé : {}"},
    {"the request must be a JSON object", "la requête doit être un objet JSON"},
    {"unknown key '{}' (known: set, scenario, sweep, vary, budget, id, format, what)",
     "clé inconnue « {} » (connues : set, scenario, sweep, vary, budget, id, format, what)"},
    {"'set' must be an object: {\"NAME\": \"VALUE\", ...}", "« set » doit être un objet : {\"NAME\": \"VALUE\", ...}"},
    {"at most {} values in 'set'", "au plus {} valeurs dans « set »"},
    {"the value of '{}' must be a string such as \"35%\"", "la valeur de « {} » doit être une chaîne comme \"35%\""},
    {"a setting is longer than {} bytes", "une valeur fixée dépasse {} octets"},
    {"'sweep' is missing: NAME=FROM..TO:STEP", "« sweep » manque : NOM=DÉBUT..FIN:PAS"},
    {"'format' is json or csv", "« format » vaut json ou csv"},
    {"a sweep of the page has at most {} values", "un balayage de la page a au plus {} valeurs"},
    {"'vary' (NAME[@YEAR]) and 'budget' (e.g. 12M€) are needed", "il faut « vary » (NOM[@ANNÉE]) et « budget » (par exemple 12M€)"},
    {"'id' is missing", "« id » manque"},
    // "no row for physician '{}' in {}": the command line's (fr_cli.cpp)
    {"'what' is scenario, report.csv or report.xlsx", "« what » vaut scenario, report.csv ou report.xlsx"},
    {"# The values of donum serve's page, to apply with --scenario\n", "# Valeurs de la page de donum serve, à appliquer avec --scenario\n"},
    {"# on {} ({})\n", "# sur {} ({})\n"},
    {"The page's proposal", "Proposition de la page"},

    // population/live*.cpp: a live population given what it cannot answer
    {"live_population: {} reference amounts for {} rows", "live_population : {} montants de référence pour {} lignes"},
    {"live_population: the program is not the base program with other values",
     "live_population : le programme n'est pas le programme de base avec d'autres valeurs"},

    // compile/parameter.cpp: a scenario sent as text (the page's API)
    {"this is a rule file, not a scenario: write 'scenario NAME \"label\"' and 'set' lines",
     "ceci est un fichier de règles, pas un scénario : écrivez « scenario NOM \"libellé\" » et des lignes « set »"},
    {"a scenario given as a text cannot extend a file: write its values here",
     "un scénario donné en texte ne peut pas étendre un fichier : écrivez-y ses valeurs"},
    {"{} is set twice in this scenario", "{} est fixé deux fois dans ce scénario"},
};

}  // namespace

std::span<const entry> serve_catalogue() noexcept { return entries; }

}  // namespace donum::messages
