// The document of `donum diff`: the rules of the versions side by side, then, with data, the
// population under each version, and for each transition its winners, losers, distribution
// of changes and the changes of the rules that explain them; and the per-physician file.
#ifndef DONUM_INTERPRETER_RENDER_DIFF_HPP
#define DONUM_INTERPRETER_RENDER_DIFF_HPP

#include <span>
#include <string>
#include <vector>

#include "interpreter/data/table.hpp"
#include "interpreter/population/compare.hpp"
#include "interpreter/population/diff.hpp"
#include "interpreter/render/document.hpp"

namespace donum::render {

/// Output formats of `donum diff`.
enum class diff_format { table, md, csv, json };

/// What a diff document shows.
struct diff_document {
    std::span<const population::version> versions;
    const std::vector<population::diff_row>* rules = nullptr;  ///< diff_rules(versions)
    bool all = false;  ///< also the rows that did not change
    /// The population compared (donum diff --data), or null.
    const population::population_comparison* comparison = nullptr;
    std::string data_file;  ///< as given, for the title of the impact
};

/// The document in `format`: table (terminal) and md in French; csv holds the rules only,
/// one row per property (`section,propriete,VERSION...,change`); json holds the rules and
/// the impact (docs/cli.md).
[[nodiscard]] std::string render_diff(const diff_document& d, diff_format format);

/// The per-physician file (CSV): id, the amount under each version, then for each
/// transition the difference and its reasons ("text : +12.50 €", joined by " ; ").
/// Precondition: the comparison kept its rows (per_physician).
[[nodiscard]] std::string render_per_physician(std::span<const population::version> versions, const data::data_table& table, const population::population_comparison& c);

/// The document as tables, in French (diff_xlsx.cpp): « Règles » (one row per property, a
/// column per version, « changé »), and with a comparison « Population » (euros, paid,
/// gates and indicators per version), « Écarts » (per transition: winners, losers, balance,
/// deciles of the change) and « Changements » (the rule changes that drive them).
[[nodiscard]] document diff_tables(const diff_document& d);

/// diff_tables as a workbook, with a manifest of the versions and data. Throws xlsx_error.
[[nodiscard]] std::string diff_xlsx(const diff_document& d, std::string_view donum_version);

/// The per-physician file as a workbook (« Par médecin »: the columns of
/// render_per_physician, amounts and differences as numbers), then a manifest.
[[nodiscard]] std::string per_physician_xlsx(std::span<const population::version> versions, const data::data_table& table, const population::population_comparison& c, std::string_view donum_version,
                                             std::string_view data_file);

/// Why one physician's amount differs under version `name` (`explain --vs`): "Par rapport à
/// NAME : A € → B € (±D €)", then one reason per line (or "aucun changement").
[[nodiscard]] std::string render_versus(std::string_view name, const population::physician_change& change);

/// The same as a table « Écarts » (year, version, reason, euros), the amounts first.
[[nodiscard]] table versus_table(std::string_view name, int year, const population::physician_change& change);

/// One reason as a line: "cible dmp 20 % → 30 % : taux 28.28 % … : -280.00 €".
[[nodiscard]] std::string render_reason(const population::change_reason& r);

}  // namespace donum::render

#endif
