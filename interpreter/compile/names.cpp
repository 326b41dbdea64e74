#include "interpreter/compile/names.hpp"

#include <algorithm>

#include <fmt/format.h>

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

std::optional<std::string> why_not_settable(const settable_names& names, const grammar::ast::slot_name& name, const std::string& dotted)
{
    const auto& parts = name.parts;
    if (parts.size() == 1 && parts[0].text == "point_value") {
        if (!names.has_point_value()) return std::string(messages::tr("the convention has no point_value to set"));
        return std::nullopt;
    }
    if (parts.size() == 1 && parts[0].text == "cap") {
        if (!names.has_cap()) return std::string(messages::tr("the convention has no cap to set: write 'cap N' in its header"));
        return std::nullopt;
    }
    if (parts.size() < 2 || parts.size() > 3) {
        return messages::trf("'{}' is not a settable name: write GROUP.INDICATOR.target, GROUP.INDICATOR.points, GROUP.points or point_value", dotted);
    }
    const auto group = names.group(parts[0].text);
    if (!group) return messages::trf("unknown group '{}' in '{}'", parts[0].text, dotted);
    if (parts.size() == 2) {
        if (parts[1].text == "cap") {
            if (!group->cap) return messages::trf("group '{}' has no cap to set: write 'cap N' after its gate and block", parts[0].text);
            return std::nullopt;
        }
        if (parts[1].text != "points") return messages::trf("'{}' is not a settable name: a group has 'points' (paid as a block) and 'cap'", dotted);
        if (!group->block) return messages::trf("group '{}' is not paid as a block: its indicators have their own points", parts[0].text);
        return std::nullopt;
    }
    const auto slots = names.indicator(parts[0].text, parts[1].text);
    if (!slots) return messages::trf("there is no indicator '{}' in group '{}'", parts[1].text, parts[0].text);
    const auto& part = parts[2].text;
    if (part == "target") {
        if (!slots->target) return messages::trf("indicator '{}' has no target", parts[1].text);
        return std::nullopt;
    }
    if (part == "points") {
        if (!slots->points) return messages::trf("indicator '{}' has no points of its own (its group is paid as a block)", parts[1].text);
        return std::nullopt;
    }
    if (part == "above") {
        if (!slots->floor) return messages::trf("indicator '{}' has no floor: only 'points P prorated above F' has one", parts[1].text);
        if (!*slots->floor) return messages::trf("the floor of indicator '{}' follows its target: set {}.{}.target", parts[1].text, parts[0].text, parts[1].text);
        return std::nullopt;
    }
    // targetN, pointsN: level N of a graded indicator (2 for its first `points P at T`).
    for (const std::string_view kind : {"target", "points"}) {
        if (!part.starts_with(kind) || part.size() == kind.size()) continue;
        const auto digits = std::string_view(part).substr(kind.size());
        if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) break;
        const auto levels = slots->level_thresholds.size() + 1;
        const auto level = digits.size() > 3 ? std::size_t(1000) : static_cast<std::size_t>(std::stoul(std::string(digits)));
        if (levels == 1) return messages::trf("indicator '{}' has no levels: '{}' names level {} of a graded indicator ('points P at T')", parts[1].text, dotted, digits);
        if (level < 2 || level > levels) return messages::trf("indicator '{}' has levels 2 to {}, not {}", parts[1].text, levels, digits);
        if (kind == "target" && !slots->level_thresholds[level - 2]) {
            return messages::trf("the threshold of level {} of indicator '{}' follows its target: set {}.{}.target", level, parts[1].text, parts[0].text, parts[1].text);
        }
        return std::nullopt;
    }
    std::string more;
    if (!slots->level_thresholds.empty()) more += messages::trf(", levels 'points2'..'points{}'", slots->level_thresholds.size() + 1);
    if (slots->floor) more += messages::tr(", a floor 'above'");
    return messages::trf("'{}' is not a settable name: an indicator has a 'target' and 'points'{}", dotted, more);
}

}  // namespace donum::compile
