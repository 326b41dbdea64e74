// The French vocabulary of donum: how every number, share, amount, outcome, target, gate and
// zero-denominator policy is written for people, in one place, so that the summary, the
// explanations, the reports, the diffs and the sweeps say the same thing the same way.
// Numbers are French by default ("11 871 247,50 €", "22,5 points", "30 %"), plain on request
// (set_number_writing); machine formats (CSV, JSON) keep plain numbers with '.' (render/).
#ifndef DONUM_INTERPRETER_TEXT_FR_HPP
#define DONUM_INTERPRETER_TEXT_FR_HPP

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "interpreter/compile/program.hpp"
#include "interpreter/eval/result.hpp"
#include "interpreter/exact/rational.hpp"

namespace donum::text {

using exact::rational;

/// How numbers are written for people: in French ("11 871 247,50 €", "22,5 points", "30 %")
/// or plain ("11871247.50 €"), for scripts that read a text report (`--plain-numbers`).
enum class number_writing { french, plain };

/// Chooses how every function of this file writes numbers from now on: set once, by the
/// command line, before anything is rendered (a process-wide choice, like a locale).
void set_number_writing(number_writing w);

/// The current choice (french unless set_number_writing said otherwise).
[[nodiscard]] number_writing current_number_writing();

/// A plain number ("-1234567.5", "2/3", "12") written for people: in French, the thousands
/// of its integer part separated by spaces and ',' as the decimal separator ("-1 234 567,5"),
/// in English under --lang en ("-1,234,567.5"); a fraction or a plain choice unchanged.
[[nodiscard]] std::string localize(std::string plain);

/// An exact number for people: shortest exact decimal within 6 digits, else the fraction
/// ("1 695 892,5", "2/3").
[[nodiscard]] std::string number(const rational& v);

/// A number rounded to `decimals` digits (half away from zero), all written: "11 871 247,50".
[[nodiscard]] std::string fixed(const rational& v, int decimals);

/// A count for people: "3 000".
[[nodiscard]] std::string count(std::size_t n);

/// A count for people ("3 000", or "3,000" under --lang en) even when the process writes
/// plain numbers: for the console of `donum serve`, whose API answers hold plain numbers.
[[nodiscard]] std::string grouped_count(std::size_t n);

/// v (in [0, 1] or beyond) as a percentage with `decimals` decimals, always written: "87,1 %".
[[nodiscard]] std::string percent(const rational& v, int decimals = 1);

/// "87.1 %": count / total as a percentage with `decimals` decimals (always written, so that
/// a column of shares lines up on the point); "-" when total is 0.
[[nodiscard]] std::string share(std::size_t count, std::size_t total, int decimals = 1);

/// The same without the sign, for a column titled "(%)": "87.1"; "-" when total is 0.
[[nodiscard]] std::string share_number(std::size_t count, std::size_t total, int decimals = 1);

/// `r` as a percentage when exact with two decimals at most ("25", "12.5", "0.05"), else
/// nothing; never overflows (a rate of huge numerator and denominator has no short form).
[[nodiscard]] std::optional<std::string> short_percent(const rational& r);

/// A rate for people: "= 25 %" when exact with two decimals at most, else "≈ 66.67 %".
[[nodiscard]] std::string rate_value(const rational& r);

/// "1234.50 €": two decimals, rounded half away from zero.
[[nodiscard]] std::string euros(const rational& e);

/// "+12.50 €", "-3.00 €", "0.00 €".
[[nodiscard]] std::string signed_euros(const rational& e);

/// "1 point", "1.5 point", "2 points" (French: singular below 2).
[[nodiscard]] std::string points(const rational& p);

/// "0 acte", "1 acte", "3 actes": `n` and the word that agrees with it (French: singular
/// below 2).
[[nodiscard]] std::string plural(std::size_t n, std::string_view one, std::string_view many);

/// A slot value in its unit: "30 %" for a rate target ("2/3" when no short percentage is
/// exact), "7.00 €" for the point value, "22.5" for points, "XX" when not agreed.
[[nodiscard]] std::string slot_value(const compile::slot& s, const std::optional<rational>& v);

/// The target of indicator `i` in year index `y`: ">= 30 %", "> 2/3"; "cible XX" without a
/// comparator; "-" without a target.
[[nodiscard]] std::string target(const compile::program& p, const compile::indicator_info& i, std::size_t y);

/// The threshold of level `k` (index in indicator_info::levels) of indicator `i` in year
/// index `y`, with its comparator: ">= 70 %"; "?" when it cannot be known before evaluation.
[[nodiscard]] std::string level_target(const compile::program& p, const compile::indicator_info& i, std::size_t k, std::size_t y);

/// How a prorated indicator pays, in one sentence: "au prorata de rate(dmp, patients) entre
/// 0 et la cible, rien sous 20 %, arrondi au centième de point".
[[nodiscard]] std::string prorata(const compile::program& p, const compile::indicator_info& i);

/// The points of indicator `i` in year index `y`: "40", "XX", or "bloc" in a block group.
[[nodiscard]] std::string indicator_points(const compile::program& p, const compile::indicator_info& i, std::size_t y);

/// "atteint", "non atteint", "neutralisé".
[[nodiscard]] const char* outcome(eval::indicator_outcome o);

/// The zero-denominator policy of `i`: "atteint", "non atteint", "neutralisé" ("non atteint
/// (défaut)" when not written and `mark_default`); "-" when its condition reads no rate.
[[nodiscard]] std::string zero_policy(const compile::indicator_info& i, bool mark_default);

/// The gate of `g`: "tous les indicateurs de volet1 atteints" (terms joined by " et "),
/// empty without a gate.
[[nodiscard]] std::string gate(const compile::program& p, const compile::group_info& g);

/// How group `g` pays in year index `y`: "par indicateur", "bloc de 280 points si tous
/// atteints", "bloc de 175 points si au moins 4 atteints".
[[nodiscard]] std::string payment(const compile::program& p, const compile::group_info& g, std::size_t y);

/// What a slot is, for people, by labels rather than dotted names: "cible de « Taux
/// d'usage DMP »", "points du palier 2 de « … »", "points du bloc « Volet 1 »", "valeur du
/// point", "plafond de la convention".
[[nodiscard]] std::string slot_label(const compile::program& p, const compile::slot& s);

/// "GROUP.INDICATOR", the name of an indicator in reports and columns.
[[nodiscard]] std::string dotted_id(const compile::program& p, const compile::indicator_info& i);

}  // namespace donum::text

#endif
