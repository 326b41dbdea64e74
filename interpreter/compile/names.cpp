#include "interpreter/compile/names.hpp"

#include <algorithm>

namespace donum::compile {

namespace {

std::size_t edit_distance(std::string_view a, std::string_view b)
{
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = up;
        }
    }
    return row[b.size()];
}

}  // namespace

std::optional<std::string> closest_name(std::string_view name, const std::vector<std::string>& candidates)
{
    std::optional<std::string> best;
    // A typo changes a few letters, not all of them: 'zz' is not a typo of 'n'.
    std::size_t best_distance = std::min(std::max<std::size_t>(2, name.size() / 3), name.size() == 0 ? 0 : name.size() - 1) + 1;
    for (const auto& c : candidates) {
        // The distance is at least the difference of lengths: most candidates stop here.
        const auto length_gap = name.size() > c.size() ? name.size() - c.size() : c.size() - name.size();
        if (length_gap >= best_distance) continue;
        const auto d = edit_distance(name, c);
        if (d < best_distance) {
            best_distance = d;
            best = c;
        }
    }
    return best;
}

}  // namespace donum::compile
