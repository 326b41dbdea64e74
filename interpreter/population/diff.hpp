// Differences between convention versions: the rules side by side, and why each
// physician's amount changes from one version to the next.
#ifndef DONUM_INTERPRETER_POPULATION_DIFF_HPP
#define DONUM_INTERPRETER_POPULATION_DIFF_HPP

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "interpreter/eval/evaluate.hpp"
#include "interpreter/compile/program.hpp"
#include "interpreter/exact/rational.hpp"

namespace donum::population {

using compile::program;
using eval::result;
using exact::rational;

/// One version being compared: a checked program read at one of its years.
struct version {
    std::string name;  ///< column title, e.g. "forfait_structure 2023"
    const program* rules = nullptr;
    int year = 0;
};

/// One line of the rules comparison: a property of the convention, a group or an indicator,
/// with its value in each version ("—" when the version does not have it).
struct diff_row {
    std::string section;  ///< "convention", or the group / indicator key ("volet2.dmp")
    std::string label;    ///< French: "cible", "points", "valeur du point", ...
    std::vector<std::string> values;  ///< one per version
    bool changed = false;             ///< not every value is the same
};

/// Indicators matched across versions: by identifier, or by label when an identifier was
/// renamed (an indicator missing on one side, another missing on the other, same label).
struct indicator_match {
    std::vector<std::optional<std::size_t>> index;  ///< index in each version's indicators
    bool renamed = false;
    std::string key;  ///< identifier of the first version that has it
};

/// Matches the indicators of `versions`, in the order of first appearance.
[[nodiscard]] std::vector<indicator_match> match_indicators(std::span<const version> versions);

/// The rules of `versions` side by side: point value, maximum points and euros, each group
/// (label, gate, payment) and each indicator (group, status, measure, comparator and target
/// of the version's year, points, zero-denominator policy, renaming). An element missing from
/// some versions has a "présence" row; its other rows count as changed only when versions
/// that have it disagree. Every row is returned; `changed` tells which differ.
[[nodiscard]] std::vector<diff_row> diff_rules(std::span<const version> versions);

/// One reason why a physician's amount differs between two versions, in French, with the
/// euros it accounts for. The reasons of one physician add up exactly to the difference.
struct change_reason {
    std::string key;   ///< what changed, e.g. "volet2.dmp" or "volet2 (accès)" or "valeur du point"
    std::string text;  ///< e.g. "cible DMP 20 % -> 30 % : taux 25 % n'atteint plus la cible"
    rational euros;    ///< signed
};

/// Why the amount of one physician goes from `ra` (under `a`) to `rb` (under `b`): amounts
/// are split by group (a gate that closes or opens accounts for the whole group), then by
/// indicator, valued at a's point value; a change of the point value is a reason of its own,
/// valued on b's points. Zero amounts are left out. `plan_a` and `plan_b` are the payment
/// plans ra and rb were paid with (what graded and prorated indicators pay).
[[nodiscard]] std::vector<change_reason> explain_change(const version& a, const eval::payment_plan& plan_a, const result& ra, const version& b, const eval::payment_plan& plan_b,
                                                        const result& rb);

}  // namespace donum::population

#endif
