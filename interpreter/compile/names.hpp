// "Did you mean": the closest known name to an unknown one, for the checker, the resolver
// and the parameters named on the command line.
#ifndef DONUM_INTERPRETER_COMPILE_NAMES_HPP
#define DONUM_INTERPRETER_COMPILE_NAMES_HPP

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "grammar/ast.hpp"
#include "interpreter/messages/messages.hpp"

namespace donum::compile {

/// The closest of `candidates` to `name` when it is close enough to be a likely typo.
[[nodiscard]] std::optional<std::string> closest_name(std::string_view name, const std::vector<std::string>& candidates);

/// Unknown names of one file for which a closest name is searched: each search compares the
/// name with every candidate, so a generated file with a hundred thousand unknown names
/// among a hundred thousand inputs would take hours; past the first ones, the errors go
/// without a suggestion.
inline constexpr std::size_t max_name_suggestions = 100;

/// The " (did you mean 'x'?)" of the unknown-name errors of one file, searched for its
/// first max_name_suggestions unknown names only.
class name_suggestions {
public:
    /// The suffix for `name`, or "" when nothing is close or the budget is spent.
    /// `candidates()` lists the names to search: called only when a search is made, since
    /// listing every name of a large file for each unknown one is itself slow.
    template <typename Candidates>
    std::string did_you_mean(std::string_view name, const Candidates& candidates)
    {
        if (m_searched == max_name_suggestions) return {};
        ++m_searched;
        const auto best = closest_name(name, candidates());
        return best ? messages::trf(" (did you mean '{}'?)", *best) : std::string();
    }

private:
    std::size_t m_searched = 0;
};

/// The settable values of one version, as whoever holds them knows them: the resolver (on
/// the rule file, before checking) and the checked program (for examples and the values of
/// the command line) each implement it, so that a mistaken dotted name gets the same message
/// wherever it is written.
class settable_names {
public:
    /// The slots an indicator has.
    struct indicator_slots {
        bool target = false;
        bool points = false;
        /// Its levels (`points P at T`), from level 2: true when the level's threshold is a
        /// value of its own (`targetN`), false when computed from the target.
        std::vector<bool> level_thresholds;
        /// Prorated with `above F`: true when F is a value of its own (`above`).
        std::optional<bool> floor;
    };
    settable_names() = default;
    settable_names(const settable_names&) = default;
    settable_names& operator=(const settable_names&) = default;
    virtual ~settable_names() = default;
    /// Whether the convention has a point value to set.
    [[nodiscard]] virtual bool has_point_value() const = 0;
    /// The slots a group has.
    struct group_slots {
        bool block = false;  ///< paid as a block: `G.points`
        bool cap = false;    ///< `G.cap`
    };
    /// Whether the convention has a cap (`cap` in its header).
    [[nodiscard]] virtual bool has_cap() const = 0;
    /// std::nullopt when there is no such group.
    [[nodiscard]] virtual std::optional<group_slots> group(std::string_view group) const = 0;
    /// std::nullopt when group `group` has no such indicator.
    [[nodiscard]] virtual std::optional<indicator_slots> indicator(std::string_view group, std::string_view indicator) const = 0;
};

/// Why the dotted name `name` (written `dotted`, without its year) designates no settable
/// value, or std::nullopt when it designates one: "there is no indicator 'tau' in group
/// 'services'", "'volet2.aat.cible' is not a settable name: an indicator has a 'target' and
/// 'points'", "unknown group 'volet9' in 'volet9.points'"... The caller adds the "did you
/// mean" and the location.
[[nodiscard]] std::optional<std::string> why_not_settable(const settable_names& names, const grammar::ast::slot_name& name, const std::string& dotted);

}  // namespace donum::compile

#endif
