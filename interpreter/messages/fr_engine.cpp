// The French of the messages of engine (see catalogue.hpp). Keep the fields ({}, {:>5}...)
// of the English text, in the order the sentence needs them ({0}, {1} when it differs).
#include "interpreter/messages/catalogue.hpp"

namespace donum::messages {

namespace {

constexpr entry entries[] = {
    // exact/: a number beyond 64 bits where no caller names the operation
    {"number too large for exact arithmetic (beyond 64 bits)", "nombre trop grand pour le calcul exact (au-delà de 64 bits)"},
    // eval/: evaluation errors
    {"<rules>", "<règles>"},
    {"{}: error: {}", "{}: erreur : {}"},
    {" ({}:{}: physician {}, year {})", " ({}:{}, médecin {}, année {})"},
    {" (data {}:{}: physician {}, year {})", " (données {}:{}, médecin {}, année {})"},
    {"a total of the population is too large for exact arithmetic (beyond 64 bits)", "un total de la population est trop grand pour le calcul exact (au-delà de 64 bits)"},
    {"year {} cannot be evaluated: {} value is not agreed yet (XX): {}; set it with --set or a scenario",
     "l'année {} ne peut pas être évaluée : {} valeur n'est pas encore fixée (XX) : {} ; donnez-la avec --set ou un scénario"},
    {"year {} cannot be evaluated: {} values are not agreed yet (XX): {}; set them with --set or a scenario",
     "l'année {} ne peut pas être évaluée : {} valeurs ne sont pas encore fixées (XX) : {} ; donnez-les avec --set ou un scénario"},
    {"this rate is too large for exact arithmetic (beyond 64 bits)", "ce taux est trop grand pour le calcul exact (au-delà de 64 bits)"},
    {"this mean is too large for exact arithmetic (beyond 64 bits)", "cette moyenne est trop grande pour le calcul exact (au-delà de 64 bits)"},
    {"this sum is too large for exact arithmetic (beyond 64 bits)", "cette somme est trop grande pour le calcul exact (au-delà de 64 bits)"},
    {"this product is too large for exact arithmetic (beyond 64 bits)", "ce produit est trop grand pour le calcul exact (au-delà de 64 bits)"},
    {"this division is too large for exact arithmetic (beyond 64 bits)", "le résultat de cette division est trop grand pour le calcul exact (au-delà de 64 bits)"},
    {"this negation is too large for exact arithmetic (beyond 64 bits)", "l'opposé de cette valeur est trop grand pour le calcul exact (au-delà de 64 bits)"},
    {"this expression is too large for exact arithmetic (beyond 64 bits)", "cette expression est trop grande pour le calcul exact (au-delà de 64 bits)"},
    {"year {} is not a year of convention {} (years: {})", "l'année {} n'est pas une année de la convention {} (années : {})"},
    {"the points of indicator '{}' are too large for exact arithmetic (beyond 64 bits)", "les points de l'indicateur « {} » sont trop grands pour le calcul exact (au-delà de 64 bits)"},
    {"the points of group '{}' are too large for exact arithmetic (beyond 64 bits)", "les points du groupe « {} » sont trop grands pour le calcul exact (au-delà de 64 bits)"},
    {"{} points times the point value is too large for exact arithmetic (beyond 64 bits)", "le produit de {} points par la valeur du point est trop grand pour le calcul exact (au-delà de 64 bits)"},
    // population/: sweeps, solve, reports, comparisons
    {"a sweep varies one parameter or a grid of two, not {}", "un balayage fait varier un paramètre ou une grille de deux, pas {}"},
    {"{}: no such parameter in convention {}", "{} : la convention {} n'a pas ce paramètre"},
    {"{}: {} is not a year of convention {} (years: {})", "{} : {} n'est pas une année de la convention {} (années : {})"},
    {"{}: no value to sweep", "{} : aucune valeur à balayer"},
    {"a sweep has at most {} combinations of values", "un balayage a au plus {} combinaisons de valeurs"},
    {"{} and {} set the same value: sweep it once", "{} et {} fixent la même valeur : balayez-la une seule fois"},
    {"{} cannot be {}: {}", "{} ne peut pas valoir {} : {}"},
    {"a rate target lies between 0 % and 100 %", "une cible en taux est comprise entre 0 % et 100 %"},
    {"the point value must be above 0 €", "la valeur du point doit être supérieure à 0 €"},
    {"the step of a range must be above 0, not {}", "le pas d'une plage doit être supérieur à 0, pas {}"},
    {"a range goes up: {} is above {}", "une plage va en montant : {} est au-dessus de {}"},
    {"a range has at most {} values", "une plage a au plus {} valeurs"},
    {"this range is too fine for exact arithmetic (beyond 64 bits)", "cette plage est trop fine pour le calcul exact (au-delà de 64 bits)"},
    {"rounded value beyond 64 bits", "valeur arrondie au-delà de 64 bits"},
    {"{}: solve needs the target compared (>=, >, <=, <) with a measured value as an indicator's whole condition",
     "{} : solve demande que toute la condition de l'indicateur compare la cible (>=, >, <=, <) à une valeur mesurée"},
    {"{}: the target is compared with a value that depends on it", "{} : la cible est comparée à une valeur qui dépend d'elle"},
    {"{}: the target is compared in both directions: no monotone answer", "{} : la cible est comparée dans les deux sens : pas de réponse monotone"},
    {"{}: the target is read by no condition", "{} : aucune condition ne lit la cible"},
    {"{} changes what is paid, never who meets an indicator or a gate: solve it for a budget",
     "{} change ce qui est payé, jamais qui atteint un indicateur ou ouvre un groupe : cherchez sa valeur pour un budget (--budget)"},
    {"{}: solve needs a target compared (>=, >, <=, <) with a measured value", "{} : solve demande une cible comparée (>=, >, <=, <) à une valeur mesurée"},
    {"a reach is a share between 0 % and 100 %, not {} %", "une part atteinte est comprise entre 0 % et 100 %, pas {} %"},
    {"the reach names no indicator or group of the convention", "la part atteinte ne désigne aucun indicateur ni groupe de la convention"},
    {"{} is read by no rule: no value changes the population", "aucune règle ne lit {} : aucune valeur ne change la population"},
    {"the sum of the amounts is beyond 64 bits", "la somme des montants dépasse 64 bits"},
    {"{} has no year {}", "{} n'a pas d'année {}"},
    {"the change of this physician's amount is too large for exact arithmetic (beyond 64 bits)",
     "la variation du montant de ce médecin est trop grande pour le calcul exact (au-delà de 64 bits)"},
    {"cannot compute SHA-256: OpenSSL failed to start a digest", "calcul SHA-256 impossible : OpenSSL n'a pas pu commencer l'empreinte"},
    {"cannot compute SHA-256: OpenSSL failed to hash a block", "calcul SHA-256 impossible : OpenSSL n'a pas pu traiter un bloc"},
    {"cannot compute SHA-256: OpenSSL failed to finish a digest", "calcul SHA-256 impossible : OpenSSL n'a pas pu terminer l'empreinte"},
    {"read error", "erreur de lecture"},
    // render/: charts
    {"cannot run gnuplot ({}): install the Debian package gnuplot-nox", "impossible de lancer gnuplot ({}) : installez le paquet Debian gnuplot-nox"},
    {"cannot write '{}': {}", "impossible d'écrire « {} » : {}"},
    {"gnuplot failed to draw the chart", "gnuplot n'a pas pu dessiner le graphique"},
    // overflow of a comparison and of near misses; workbooks and charts written
    {"the near misses of this target (within {} points of it) are too fine for exact arithmetic (beyond 64 bits)",
     "les quasi-atteintes de cette cible (à {} points ou moins) sont trop fines pour le calcul exact (au-delà de 64 bits)"},
    {"col {}: {}", "colonne {} : {}"},
    {"cannot create the workbook (libxlsxwriter)", "impossible de créer le classeur (libxlsxwriter)"},
    {"cannot read back the workbook just written", "impossible de relire le classeur qui vient d'être écrit"},
    {"cannot add the sheet '{}' to the workbook", "impossible d'ajouter la feuille « {} » au classeur"},
    {"cannot create a temporary folder for the workbook: {}", "impossible de créer un dossier temporaire pour le classeur : {}"},
    {"the sheet '{}' needs more than the {} rows an Excel sheet holds: write CSV instead (--format csv)",
     "la feuille « {} » demande plus que les {} lignes que contient une feuille Excel : écrivez plutôt du CSV (--format csv)"},
    {"cannot write the workbook: {}", "impossible d'écrire le classeur : {}"},
    {"gnuplot drew nothing", "gnuplot n'a rien dessiné"},
    {"cannot draw '{}': the chart file must end with .svg, .png or .pdf",
     "impossible de dessiner « {} » : le fichier du graphique doit finir par .svg, .png ou .pdf"},
    {"cannot write the chart's temporary files: {}", "impossible d'écrire les fichiers temporaires du graphique : {}"},
};

}  // namespace

std::span<const entry> engine_catalogue() noexcept { return entries; }

}  // namespace donum::messages
