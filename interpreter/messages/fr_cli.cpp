// The French of the messages of cli (see catalogue.hpp). Keep the fields ({}, {:>5}...)
// of the English text, in the order the sentence needs them ({0}, {1} when it differs).
#include "interpreter/messages/catalogue.hpp"

namespace donum::messages {

namespace {

constexpr entry entries[] = {
    {"warning: {}", "avertissement : {}"},
    // cli/main.cpp: the --help texts
    {"donum: the rules of the forfait structure and the DONUM as checked rule files, evaluated exactly.",
     "donum : les règles du forfait structure et de la DONUM en fichiers de règles vérifiés, évalués exactement."},
    {"Apply the values of a scenario file (repeatable; a later one overrides)",
     "Applique les valeurs d'un fichier de scénario (répétable ; le suivant l'emporte)"},
    {"Set a target, points value or point_value: NAME=VALUE, e.g. volet2.dmp.target@2024=35% (repeatable, applied last)",
     "Fixe une cible, des points ou point_value : NOM=VALEUR, par exemple volet2.dmp.target@2024=35% (répétable, appliqué en dernier)"},
    {"Allow 'extends' to read files outside the rule file's folder", "Permet à « extends » de lire des fichiers hors du dossier du fichier de règles"},
    {"Print the convention as a table: groups, indicators, targets per year, points, maximum",
     "Affiche la convention en tableau : groupes, indicateurs, cibles par année, points, maximum"},
    {"Unresolved XX placeholders are errors", "Les valeurs XX encore à fixer sont des erreurs"},
    {"Evaluate every row as this convention year (instead of the 'year' column)",
     "Évalue chaque ligne pour cette année de la convention (au lieu de la colonne « year »)"},
    {"Write to FILE (atomically) instead of standard output", "Écrit dans FICHIER (d'un seul coup) au lieu de la sortie standard"},
    {"The physician's id", "L'identifiant du médecin"},
    {"The row of this year (or, without a year column, the year of the row)", "La ligne de cette année (ou, sans colonne year, l'année de la ligne)"},
    {"Evaluate every row as this convention year", "Évalue chaque ligne pour cette année de la convention"},
    {"Sweep a parameter: NAME=FROM..TO:STEP, e.g. volet2.dmp.target@2024=20%..60%:1% (once, or twice for a grid)",
     "Balaie un paramètre : NOM=DÉBUT..FIN:PAS, par exemple volet2.dmp.target@2024=20%..60%:1% (une fois, ou deux pour une grille)"},
    {"The parameter: NAME or NAME@YEAR, e.g. volet2.dmp.target@2024", "Le paramètre : NOM ou NOM@ANNÉE, par exemple volet2.dmp.target@2024"},
    {"Total cost to reach: 300M€, 2.5Md€, 150k€, 1200000€", "Coût total à atteindre : 300M€, 2.5Md€, 150k€, 1200000€"},
    {"Share of physicians who must meet the indicator (or gate): 70%", "Part des médecins qui doivent atteindre l'indicateur (ou le prérequis) : 70%"},
    {"With --reach: the indicator (GROUP.INDICATOR) or group whose share counts; default: the indicator of the varied target",
     "Avec --reach : l'indicateur (GROUPE.INDICATEUR) ou le groupe dont la part compte ; par défaut, l'indicateur de la cible qui varie"},
    {"Versions: FILE[+SCENARIO...][@YEAR], e.g. stdlib-rules/forfait-structure.donum@2023",
     "Versions : FICHIER[+SCÉNARIO...][@ANNÉE], par exemple stdlib-rules/forfait-structure.donum@2023"},
    {"Activity data: each row is evaluated under every version, at the version's year",
     "Données d'activité : chaque ligne est évaluée dans chaque version, à l'année de la version"},
    {"Show the rules that did not change too", "Montre aussi les règles qui n'ont pas changé"},
    {"Rule files or scenarios (.donum)", "Fichiers de règles ou scénarios (.donum)"},
    {"Change nothing; name the files whose layout differs (exit code 1)",
     "Ne change rien ; nomme les fichiers dont la mise en forme diffère (code de sortie 1)"},
    {"Rewrite each file in place, atomically (a file with a syntax error is left as it is)",
     "Réécrit chaque fichier sur place, d'un seul coup (un fichier avec une erreur de syntaxe est laissé tel quel)"},
    {"Check rule files and report every problem (file:line:col)", "Vérifie des fichiers de règles et signale chaque problème (fichier:ligne:colonne)"},
    {"Compute each physician's points and euros from activity data (CSV)",
     "Calcule les points et les euros de chaque médecin à partir des données d'activité (CSV)"},
    {"Explain one physician's amount: every indicator, target, gate and what is missing",
     "Explique le montant d'un médecin : chaque indicateur, cible, prérequis et ce qui manque"},
    {"Population report (French): gates, indicators, near misses, costs, distribution; or a sweep",
     "Rapport de population : prérequis, indicateurs, cibles manquées de peu, coûts, distribution ; ou un balayage"},
    {"Find the target, points value or point value that meets a budget or a reach, exactly on the data",
     "Trouve la cible, les points ou la valeur du point qui tient un budget ou une part atteinte, exactement sur les données"},
    {"Compare convention versions: rules side by side; with --data, the impact and each physician's reasons",
     "Compare des versions de la convention : les règles côte à côte ; avec --data, l'impact et les raisons de chaque médecin"},
    {"Run the known-answer examples of rule files", "Exécute les exemples à réponse connue des fichiers de règles"},
    {"Print rule files in the canonical layout (comments kept, meaning unchanged)",
     "Affiche des fichiers de règles dans la mise en forme canonique (commentaires gardés, sens inchangé)"},
    {"Language server for editors (LSP 3.17 over standard input and output): errors as you type, hover, definitions, completion",
     "Serveur de langage pour les éditeurs (LSP 3.17 sur l'entrée et la sortie standard) : erreurs à la frappe, survol, définitions, complétion"},
    {"CSV written: plain (',' and '.', for programs) or fr (French Excel: ';', decimal comma, UTF-8 BOM, CRLF)",
     "CSV écrit : plain (',' et '.', pour les programmes) ou fr (Excel français : ';', virgule décimale, BOM UTF-8, CRLF)"},
    {"Text reports with plain numbers (11871247.50 €) instead of French ones (11 871 247,50 €), for scripts",
     "Rapports texte avec des nombres bruts (11871247.50 €) au lieu de nombres à la française (11 871 247,50 €), pour les scripts"},
    {"Rule files (.donum), each possibly FILE+SCENARIO...", "Fichiers de règles (.donum), chacun éventuellement FICHIER+SCÉNARIO..."},
    {"Of the summary: table (for people), md, csv, json or xlsx (with -o FILE.xlsx)",
     "Du résumé : table (pour les personnes), md, csv, json ou xlsx (avec -o FICHIER.xlsx)"},
    {"Write the summary to FILE (atomically) instead of standard output", "Écrit le résumé dans FICHIER (d'un seul coup) au lieu de la sortie standard"},
    {"Rule file (.donum), or FILE+SCENARIO...", "Fichier de règles (.donum), ou FICHIER+SCÉNARIO..."},
    {"Activity data: CSV with a header (',' or ';'), or an Excel workbook (.xlsx)",
     "Données d'activité : CSV avec une ligne d'en-tête (',' ou ';'), ou un classeur Excel (.xlsx)"},
    {"table (for people), csv, json or xlsx (an Excel workbook, with -o FILE.xlsx)",
     "table (pour les personnes), csv, json ou xlsx (un classeur Excel, avec -o FICHIER.xlsx)"},
    {"Evaluate the valid rows and write the rejected ones, with their reasons, to FILE (CSV, or a workbook when FILE ends in .xlsx)",
     "Évalue les lignes valides et écrit les lignes rejetées, avec leurs raisons, dans FICHIER (CSV, ou un classeur si FICHIER finit par .xlsx)"},
    {"With an Excel workbook (.xlsx) as data: the sheet to read (default: the first)",
     "Avec un classeur Excel (.xlsx) comme données : la feuille à lire (par défaut : la première)"},
    {"Activity data (CSV or .xlsx)", "Données d'activité (CSV ou .xlsx)"},
    {"table (for people), md, csv, json or xlsx (with -o FILE.xlsx)", "table (pour les personnes), md, csv, json ou xlsx (avec -o FICHIER.xlsx)"},
    {"Also say why the amount differs under another version: FILE[+SCENARIO...][@YEAR]; --scenario and --set after it apply to it",
     "Dit aussi pourquoi le montant diffère dans une autre version : FICHIER[+SCÉNARIO...][@ANNÉE] ; les --scenario et --set écrits après s'appliquent à elle"},
    {"table, csv, json, md (Markdown) or xlsx (an Excel workbook, with -o FILE.xlsx)",
     "table, csv, json, md (Markdown) ou xlsx (un classeur Excel, avec -o FICHIER.xlsx)"},
    {"With --sweep: draw total cost and share reaching the target to FILE.svg, FILE.png or FILE.pdf",
     "Avec --sweep : trace le coût total et la part qui atteint la cible dans FICHIER.svg, FICHIER.png ou FICHIER.pdf"},
    {"With --data: write each physician's amounts, differences and reasons to FILE.csv (or a workbook, FILE.xlsx)",
     "Avec --data : écrit les montants, les écarts et les raisons de chaque médecin dans FICHIER.csv (ou un classeur, FICHIER.xlsx)"},
    {"table, md, csv, json or xlsx (an Excel workbook, with -o FILE.xlsx)", "table, md, csv, json ou xlsx (un classeur Excel, avec -o FICHIER.xlsx)"},
    {"Print the version of donum and exit", "Affiche la version de donum"},
    {"Commands", "Commandes"},
    // cli/main.cpp: the language, errors, exit codes
    {"Language of messages and reports: fr (French, the default) or en; also DONUM_LANG", "Langue des messages et des rapports : fr (français, par défaut) ou en (anglais) ; aussi DONUM_LANG"},
    {"donum: internal error: {}", "donum : erreur interne : {}"},
    {R"(Exit codes:
  0   success
  1   error in a rule file (syntax, names, types, extends; XX with --strict; XX left open when evaluating)
      fmt --check: a file not in the canonical layout; lsp: ended without shutdown
  2   bad command line; an output that is an input of the run or another output
  3   invalid activity data (nothing is written)
  4   a known-answer example failed
  5   an output file could not be written
  6   a result does not fit exact 64-bit arithmetic
  7   solve: no value of the parameter meets the budget or the share (the closest is printed)
  8   not enough memory for this run
  70  internal error (a bug of donum))", R"(Codes de sortie :
  0   succès
  1   erreur dans un fichier de règles (syntaxe, noms, types, extends ; XX avec --strict ; XX encore ouvert à l'évaluation)
      fmt --check : un fichier hors de la mise en forme canonique ; lsp : arrêté sans shutdown
  2   ligne de commande incorrecte ; une sortie qui est une entrée de la commande ou une autre sortie
  3   données d'activité invalides (rien n'est écrit)
  4   un exemple à réponse connue a échoué
  5   un fichier de sortie n'a pas pu être écrit
  6   un résultat dépasse l'arithmétique exacte sur 64 bits
  7   solve : aucune valeur du paramètre ne tient le budget ou la part (la plus proche est affichée)
  8   mémoire insuffisante pour ce calcul
  70  erreur interne (un défaut de donum))"},
    {"donum: not enough memory for this run (the machine, or its limit, gave no more); free memory, or split the data into smaller files", "donum : mémoire insuffisante pour ce calcul (la machine, ou sa limite, n'en donne pas davantage) ; libérez de la mémoire ou découpez les données en fichiers plus petits"},

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
    {"Usage", "Utilisation "},
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
    {"PATH", "CHEMIN"},
    {"FILE[+SCENARIO...]", "FICHIER[+SCÉNARIO...]"},
    {"YEAR", "ANNÉE"},
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
    {"{}: {} data error(s) in {} row(s); nothing was evaluated", "{} : {} erreur(s) de données dans {} ligne(s) ; rien n'a été évalué"},
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
    // options checked before anything is read; outputs that would replace an input (paths.cpp)
    {"... and {} more data error(s); donum eval --skip-invalid FILE writes every rejected row with its reasons",
     "... et {} autre(s) erreur(s) de données ; donum eval --skip-invalid FICHIER écrit chaque ligne rejetée avec ses raisons"},
    {"--format is the format of the summary: add --summary", "--format est le format du résumé : ajoutez --summary"},
    {"a summary in a file or another format is of one rule file: give one",
     "un résumé dans un fichier ou dans un autre format est celui d'un seul fichier de règles : n'en donnez qu'un"},
    {"--format xlsx writes a workbook: give its file name with -o FILE.xlsx",
     "--format xlsx écrit un classeur : donnez son nom de fichier avec -o FICHIER.xlsx"},
    {"the data has no row", "les données n'ont aucune ligne"},
    {"its rows are of {}", "leurs lignes sont de {}"},
    {"{}: no row of the data is evaluated in {} ({}): the answer would count no physician",
     "{} : aucune ligne des données n'est évaluée en {} ({}) : la réponse ne compterait aucun médecin"},
    {"warning: --set {}: no row of the data is evaluated in {} ({}): this value changes nothing",
     "avertissement : --set {} : aucune ligne des données n'est évaluée en {} ({}) : cette valeur ne change rien"},
    {"--year {}: not a year of {} (years: {})", "--year {} : ce n'est pas une année de {} (années : {})"},
    {"{} holds several rows for the same physician ({} row(s) repeat an id, e.g. '{}' at lines {} and {}){}: donum diff evaluates one row per physician under every version, each at the version's year (the year column is not read), so that the versions are compared on the same activity; give the rows of one year only",
     "{} contient plusieurs lignes pour le même médecin ({} ligne(s) répètent un identifiant, par exemple « {} » aux lignes {} et {}){} : donum diff évalue une ligne par médecin dans chaque version, chacune à l'année de la version (la colonne year n'est pas lue), pour comparer les versions sur la même activité ; ne donnez que les lignes d'une seule année"},
    {", as a file of several years does", ", comme un fichier de plusieurs années"},
    {"an empty path names no file", "un chemin vide ne désigne aucun fichier"},
    {"a year is written with four digits, as in a rule file (e.g. 2024), not '{}'",
     "une année s'écrit avec quatre chiffres, comme dans un fichier de règles (par exemple 2024), pas « {} »"},
    {"{}: a year after the rule file names a version to compare (donum diff, explain --vs); here, write --year {} to evaluate every row as {}",
     "{} : une année après le fichier de règles désigne une version à comparer (donum diff, explain --vs) ; ici, écrivez --year {} pour évaluer chaque ligne comme {}"},
    {"--chart {}: the chart file must end with .svg, .png or .pdf", "--chart {} : le fichier du graphique doit finir par .svg, .png ou .pdf"},
    {"--of {}: {} has no indicator (GROUP.INDICATOR or INDICATOR) or group of that name",
     "--of {} : {} n'a aucun indicateur (GROUPE.INDICATEUR ou INDICATEUR) ni groupe de ce nom"},
    {"cannot write '{}': too many output files open at once", "impossible d'écrire « {} » : trop de fichiers de sortie ouverts à la fois"},
    {"the scenario", "le scénario"},
    {"the rule file", "le fichier de règles"},
    {"the data file", "le fichier de données"},
    {"the same file as {} '{}'", "le même fichier que {} « {} »"},
    {"{} is {}, read by this run: an output never replaces what the run reads; write it to another file",
     "{} est {}, lu par cette commande : une sortie ne remplace jamais ce que la commande lit ; écrivez-la dans un autre fichier"},
    {"{} and {} are the same file: give each output its own file", "{} et {} sont le même fichier : donnez à chaque sortie son propre fichier"},
    // cli/: the headings of explain and the facts of check --summary's workbook
    {"Physician {} ({}, line {})\n", "Médecin {} ({}, ligne {})\n"},
    {"Rule file", "Fichier de règles"},
    {"Parameter set", "Paramètre fixé"},
    {"Scenario", "Scénario"},
};

}  // namespace

std::span<const entry> cli_catalogue() noexcept { return entries; }

}  // namespace donum::messages
