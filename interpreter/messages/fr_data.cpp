// The French of the messages of data (see catalogue.hpp). Keep the fields ({}, {:>5}...)
// of the English text, in the order the sentence needs them ({0}, {1} when it differs).
#include "interpreter/messages/catalogue.hpp"

namespace donum::messages {

namespace {

constexpr entry entries[] = {
    // csv.cpp: reading the file
    {"{}:{}: error: {}", "{}:{}: erreur : {}"},
    {"{}:{}:{}: error: {}", "{}:{}:{}: erreur : {}"},
    {"empty file: no header row", "fichier vide : pas de ligne d'en-tête"},
    {"NUL byte in data", "octet NUL dans les données"},
    {"unterminated quoted field: no closing quote before the end of the file", "champ entre guillemets non terminé : pas de guillemet fermant avant la fin du fichier"},
    {"unexpected text after the closing quote of a quoted field (a quote inside a quoted field must be doubled: \"\")",
     "texte inattendu après le guillemet fermant d'un champ entre guillemets (un guillemet dans un champ entre guillemets se double : \"\")"},
    {"header has more than {} columns", "l'en-tête a plus de {} colonnes"},
    {"too many problems in the header; giving up", "trop de problèmes dans l'en-tête ; lecture abandonnée"},
    {"empty column name (column {} of the header)", "nom de colonne vide (colonne {} de l'en-tête)"},
    {"duplicate column name \"{}\" (column {} of the header, already column {})", "nom de colonne « {} » en double (colonne {} de l'en-tête, déjà colonne {})"},
    {"row has {} field, header has {}", "la ligne a {} champ, l'en-tête en a {}"},
    {"row has {} fields, header has {}", "la ligne a {} champs, l'en-tête en a {}"},
    {"{}: cannot read: is a directory", "{} : lecture impossible : c'est un dossier"},
    {"{}: cannot read: not a file", "{} : lecture impossible : ce n'est pas un fichier"},
    {"{}: cannot open: {}", "{} : ouverture impossible : {}"},
    {"{}: cannot read: more than {} GiB", "{} : lecture impossible : plus de {} Gio"},
    {"{}: cannot read: {}", "{} : lecture impossible : {}"},
    {"empty field", "champ vide"},
    {"not an integer", "pas un nombre entier"},
    {"integer out of range", "entier hors limites"},
    {"not an integer: decimal number", "pas un nombre entier : nombre décimal"},
    // load.cpp: checking the rows against the rule file
    {"\"{}…\"", "« {}… »"},
    {"\"{}\"", "« {} »"},
    {"'{}'", "« {} »"},
    {"year {} is not a year of the rule file (years: {})", "l'année {} n'est pas une année du fichier de règles (années : {})"},
    {"missing column: {}{}", "colonne manquante : {}{}"},
    {"missing columns: {}{}", "colonnes manquantes : {}{}"},
    {" (without a year column, give the year with --year)", " (sans colonne year, donnez l'année avec --year)"},
    {"id: empty field: every row needs the physician's id", "colonne « id » : champ vide : chaque ligne doit donner l'identifiant du médecin"},
    {"year: {}{}", "colonne « year » : {}{}"},
    {"{}: {}{}", "colonne « {} » : {}{}"},
    {"{}: a count cannot be negative ({})", "colonne « {} » : un effectif ne peut pas être négatif ({})"},
    {"{}: a yes/no item must be 0 or 1, not {}", "colonne « {} » : un item oui/non vaut 0 ou 1, pas {}"},
    {"{} ({}) is above its denominator {} ({})", "colonne « {} » ({}) : au-dessus de son dénominateur « {} » ({})"},
    {"activity file: an id is too long", "fichier d'activité : un identifiant est trop long"},
    {"activity file: too many rows", "fichier d'activité : trop de lignes"},
    {"duplicate row for id {}: first at line {}", "ligne en double pour l'identifiant {} : la première est à la ligne {}"},
    {"duplicate row for id {} and year {}: first at line {}", "ligne en double pour l'identifiant {} et l'année {} : la première est à la ligne {}"},
    {"more than {} invalid rows: reading stops here and nothing is evaluated; fix or clean the file",
     "plus de {} lignes invalides : la lecture s'arrête ici et rien n'est évalué ; corrigez ou nettoyez le fichier"},
};

}  // namespace

std::span<const entry> data_catalogue() noexcept { return entries; }

}  // namespace donum::messages
