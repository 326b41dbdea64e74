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
    {" (without a year column, give the year with --year)", " (sans colonne year, donnez l'année avec --year)"},
    {"id: empty field: every row needs the physician's id", "colonne « id » : champ vide : chaque ligne doit donner l'identifiant du médecin"},
    {"year: {}{}", "colonne « year » : {}{}"},
    {"{}: {}{}", "colonne « {} » : {}{}"},
    {"{}: a count cannot be negative ({})", "colonne « {} » : un effectif ne peut pas être négatif ({})"},
    {"{} ({}) is above its denominator {} ({})", "colonne « {} » ({}) : au-dessus de son dénominateur « {} » ({})"},
    {"activity file: an id is too long", "fichier d'activité : un identifiant est trop long"},
    {"activity file: too many rows", "fichier d'activité : trop de lignes"},
    {"duplicate row for id {}: first at line {}", "ligne en double pour l'identifiant {} : la première est à la ligne {}"},
    {"duplicate row for id {} and year {}: first at line {}", "ligne en double pour l'identifiant {} et l'année {} : la première est à la ligne {}"},
    {"more than {} invalid rows: reading stops here and nothing is evaluated; fix or clean the file",
     "plus de {} lignes invalides : la lecture s'arrête ici et rien n'est évalué ; corrigez ou nettoyez le fichier"},
    // habits of French users and spreadsheets (habits.cpp)
    {"missing column: {}{}{}", "colonne manquante : {}{}{}"},
    {"missing columns: {}{}{}", "colonnes manquantes : {}{}{}"},
    {"{}: {}{}: a yes/no item is 0 or 1, oui/non, vrai/faux or true/false",
     "colonne « {} » : {}{} : un item oui/non vaut 0 ou 1, oui/non, vrai/faux ou true/false"},
    {"{}: a yes/no item must be 0 or 1 (or oui/non, vrai/faux, true/false), not {}",
     "colonne « {} » : un item oui/non vaut 0 ou 1 (ou oui/non, vrai/faux, true/false), pas {}"},
    {"; the header was read as one column: the file is separated by tabs, donum reads ',' or ';' (save it as CSV)",
     " ; l'en-tête a été lu comme une seule colonne : le fichier est séparé par des tabulations, donum lit ',' ou ';' (enregistrez-le en CSV)"},
    {"; the header was read as one column: the file is separated by '|', donum reads ',' or ';'",
     " ; l'en-tête a été lu comme une seule colonne : le fichier est séparé par des '|', donum lit ',' ou ';'"},
    {"; '{}' is written '{}' in the header: column names are read as written, in lower case",
     " ; « {} » est écrit « {} » dans l'en-tête : les noms de colonnes sont lus tels qu'écrits, en minuscules"},
    // Excel workbooks read as data (xlsx.cpp); "B12: …" names the cell
    {"{}: {}", "{} : {}"},
    {"{}: cannot read this workbook ({}): is it damaged? Open it in Excel and save it again as .xlsx",
     "{} : lecture de ce classeur impossible ({}) : est-il abîmé ? Ouvrez-le dans Excel et enregistrez-le de nouveau en .xlsx"},
    {"{}: the workbook has no {}: is it damaged? Open it in Excel and save it again as .xlsx",
     "{} : le classeur n'a pas de {} : est-il abîmé ? Ouvrez-le dans Excel et enregistrez-le de nouveau en .xlsx"},
    {"{}: cannot inflate {} of the workbook: is it damaged?", "{} : impossible de décompresser {} du classeur : est-il abîmé ?"},
    {"{}: {} holds more than 4 GiB: too large to read", "{} : {} contient plus de 4 Gio : trop grand pour être lu"},
    {"{}: {} of the workbook is not valid XML (line {}: {}): is it damaged?", "{} : {} du classeur n'est pas du XML valide (ligne {} : {}) : est-il abîmé ?"},
    {"the date or time {}", "la date ou l'heure {}"},
    {"the time {:02}:{:02}", "l'heure {:02}:{:02}"},
    {"the date {:02}/{:02}/{}", "la date {:02}/{:02}/{}"},
    {"the date {}", "la date {}"},
    {"the cell holds {}, and donum reads numbers and text, not dates: Excel turns some typed values into dates (1/3 becomes the 1st of March); format the column as Number (Text for ids) and type the values again",
     "la cellule contient {}, et donum lit des nombres et du texte, pas des dates : Excel change certaines valeurs tapées en dates (1/3 devient le 1er mars) ; mettez la colonne au format Nombre (Texte pour les identifiants) et tapez de nouveau les valeurs"},
    {"{}: {} holds '{}', left of the header, which starts at {}: the table is read from its header's first column; move or delete that cell",
     "{} : {} contient « {} », à gauche de l'en-tête, qui commence en {} : le tableau est lu à partir de la première colonne de son en-tête ; déplacez ou supprimez cette cellule"},
    {"{}: {} refers to text the workbook does not hold: is it damaged? Open it in Excel and save it again",
     "{} : {} renvoie à un texte que le classeur ne contient pas : est-il abîmé ? Ouvrez-le dans Excel et enregistrez-le de nouveau"},
    {"{}: --sheet reads a sheet of an Excel workbook (.xlsx); this is a text file",
     "{} : --sheet lit une feuille d'un classeur Excel (.xlsx) ; ceci est un fichier texte"},
    {"{}: an Excel 97-2003 workbook (.xls), or a workbook protected by a password: donum reads .xlsx and CSV; open it in Excel and save it as \"Excel Workbook (.xlsx)\" or \"CSV UTF-8\"",
     "{} : un classeur Excel 97-2003 (.xls), ou un classeur protégé par un mot de passe : donum lit le .xlsx et le CSV ; ouvrez-le dans Excel et enregistrez-le en « Classeur Excel (.xlsx) » ou « CSV UTF-8 »"},
    {"{}: text in UTF-16 (Excel's \"Unicode Text\"): donum reads UTF-8; save it from Excel as \"CSV UTF-8\", or convert it (iconv -f UTF-16 -t UTF-8)",
     "{} : du texte en UTF-16 (le « Texte Unicode » d'Excel) : donum lit l'UTF-8 ; enregistrez-le depuis Excel en « CSV UTF-8 », ou convertissez-le (iconv -f UTF-16 -t UTF-8)"},
    {"{}: a PDF document, not data: export the table as .xlsx or CSV", "{} : un document PDF, pas des données : exportez le tableau en .xlsx ou en CSV"},
    {"{}: an OpenDocument spreadsheet (.ods): donum reads .xlsx and CSV; save it as .xlsx or \"CSV UTF-8\"",
     "{} : un classeur OpenDocument (.ods) : donum lit le .xlsx et le CSV ; enregistrez-le en .xlsx ou en « CSV UTF-8 »"},
    {"{}: an Excel binary workbook (.xlsb): donum reads .xlsx and CSV; open it in Excel and save it as \"Excel Workbook (.xlsx)\"",
     "{} : un classeur Excel binaire (.xlsb) : donum lit le .xlsx et le CSV ; ouvrez-le dans Excel et enregistrez-le en « Classeur Excel (.xlsx) »"},
    {"{}: a zip archive that is not an Excel workbook: extract the data file from it",
     "{} : une archive zip qui n'est pas un classeur Excel : extrayez-en le fichier de données"},
    {"{}: the workbook has no sheet", "{} : le classeur n'a aucune feuille"},
    {"{}: no sheet '{}'; its sheets: {}", "{} : pas de feuille « {} » ; ses feuilles : {}"},
    {"{}: the sheet '{}' cannot be found in the workbook: is it damaged?", "{} : la feuille « {} » est introuvable dans le classeur : est-il abîmé ?"},
};

}  // namespace

std::span<const entry> data_catalogue() noexcept { return entries; }

}  // namespace donum::messages
