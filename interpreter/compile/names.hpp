// "Did you mean": the closest known name to an unknown one, for the checker, the resolver
// and the parameters named on the command line.
#ifndef DONUM_INTERPRETER_COMPILE_NAMES_HPP
#define DONUM_INTERPRETER_COMPILE_NAMES_HPP

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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
        return best ? " (did you mean '" + *best + "'?)" : std::string();
    }

private:
    std::size_t m_searched = 0;
};

}  // namespace donum::compile

#endif
