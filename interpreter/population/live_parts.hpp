// Inside population/: the parts of live_population (live.hpp) shared by its construction
// (live.cpp) and its answers (live_answer.cpp): the classes of rows, the plan of a year's
// change, the moves of rows between classes, and small helpers.
#ifndef DONUM_INTERPRETER_POPULATION_LIVE_PARTS_HPP
#define DONUM_INTERPRETER_POPULATION_LIVE_PARTS_HPP

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "interpreter/eval/errors.hpp"
#include "interpreter/eval/evaluate.hpp"
#include "interpreter/exact/sum.hpp"
#include "interpreter/population/live.hpp"

namespace donum::population {

/// Rows against their reference amounts: counts and exact sums, modular like a tally.
struct live_population::comparison_sums {
    std::size_t winners = 0;
    std::size_t losers = 0;
    std::size_t unchanged = 0;
    exact::exact_sum reference;
    exact::exact_sum euros;
    exact::exact_sum gained;
    exact::exact_sum lost;

    // `rows` rows paid `euros_now` against `ref` each (negative: taken out).
    void add(const rational& euros_now, const rational& ref, std::int64_t rows)
    {
        const auto n = static_cast<std::size_t>(rows);
        reference.add(ref, rows);
        euros.add(euros_now, rows);
        const auto order = euros_now <=> ref;
        if (order > 0) {
            winners += n;
            gained.add(euros_now, rows);
            gained.add(ref, -rows);
        }
        else if (order < 0) {
            losers += n;
            lost.add(ref, rows);
            lost.add(euros_now, -rows);
        }
        else {
            unchanged += n;
        }
    }
    void add(const comparison_sums& o)
    {
        winners += o.winners;
        losers += o.losers;
        unchanged += o.unchanged;
        reference.add(o.reference);
        euros.add(o.euros);
        gained.add(o.gained);
        lost.add(o.lost);
    }
    void subtract(const comparison_sums& o)
    {
        winners -= o.winners;
        losers -= o.losers;
        unchanged -= o.unchanged;
        reference.subtract(o.reference);
        euros.subtract(o.euros);
        gained.subtract(o.gained);
        lost.subtract(o.lost);
    }
};

/// Classes of rows (live.hpp), found by their key (section, outcomes, computed payments,
/// reference amount) through a 64-bit fingerprint: the base population's, or those an
/// answer makes, numbered after the base's.
struct live_population::class_set {
    struct row_class {
        std::size_t section = 0;
        std::size_t row = 0;      ///< the representative: the lowest row of the class
        std::int64_t rows = 0;    ///< rows of the base population in it
        rational reference;       ///< the reference amount of its rows
        rational euros;           ///< what the plan it was made with pays each row
    };
    std::size_t first_id = 0;  ///< id of list[0]
    std::size_t indicators = 0;
    std::size_t amounts = 0;
    std::vector<row_class> list;
    std::vector<eval::indicator_result> outcomes;  ///< by class x indicator
    std::vector<eval::value> amount_values;        ///< by class x computed payment
    std::vector<std::uint32_t> count_first{0};     ///< by class: its counts in `counts`, then the end
    std::vector<std::uint32_t> counts;             ///< for_each_count indices, one per count added
    std::vector<std::uint64_t> prints;  ///< by class: the fingerprint of its key
    /// What count() paid each class, kept so that an answer whose plan is the one a class
    /// was counted with adds its payment without paying it again (tally_payment reads these):
    /// points by class, group points and open gates by class x group.
    std::size_t groups = 0;
    std::vector<rational> points;
    std::vector<rational> group_points;
    std::vector<std::uint8_t> group_open;
    /// Open addressing on the fingerprint (a power of two of entries, at most half full):
    /// local index + 1, 0 for none. One probe or two find a class, in one cache line.
    std::vector<std::uint32_t> table;

    [[nodiscard]] std::span<const eval::indicator_result> outcomes_of(std::size_t local) const { return {outcomes.data() + local * indicators, indicators}; }
    [[nodiscard]] std::span<const eval::value> amounts_of(std::size_t local) const { return {amount_values.data() + local * amounts, amounts}; }
    [[nodiscard]] std::span<const std::uint32_t> counts_of(std::size_t local) const { return {counts.data() + count_first[local], counts.data() + count_first[local + 1]}; }

    /// The local index of the class of this key, if there is one.
    [[nodiscard]] std::optional<std::size_t> find(std::uint64_t fingerprint, std::size_t section, std::span<const eval::indicator_result> o, std::span<const eval::value> a, const rational* reference) const;
    /// Puts in `r` what eval::pay reads of class `local`: its outcomes and computed payments.
    void pay_inputs(std::size_t local, std::span<const compile::node_id> amount_nodes, eval::result& r) const
    {
        const auto o = outcomes_of(local);
        r.indicators.assign(o.begin(), o.end());
        const auto a = amounts_of(local);
        for (std::size_t j = 0; j < a.size(); ++j) r.values[static_cast<std::size_t>(amount_nodes[j])] = a[j];
    }
    /// Puts in `r` the sums count() paid class `local` (points, euros, group points): all
    /// tally_payment reads of a program without computed payments.
    void paid_sums(std::size_t local, eval::result& r) const
    {
        r.points = points[local];
        r.euros = list[local].euros;
        r.group_points.assign(group_points.begin() + static_cast<std::ptrdiff_t>(local * groups), group_points.begin() + static_cast<std::ptrdiff_t>((local + 1) * groups));
    }
    /// Puts in `r` class `local` as count() paid it: outcomes, computed payments, points,
    /// euros, group points and gates, what tally_payment reads.
    void paid(std::size_t local, std::span<const compile::node_id> amount_nodes, eval::result& r) const
    {
        pay_inputs(local, amount_nodes, r);
        paid_sums(local, r);
        r.group_open.resize(groups);
        for (std::size_t g = 0; g < groups; ++g) r.group_open[g] = group_open[local * groups + g] != 0;
    }
    /// Adds the class of this key (its counts are the caller's: count_first, counts) with
    /// `row` as representative; returns its local index.
    std::size_t add(std::uint64_t fingerprint, std::size_t section, std::size_t row, std::span<const eval::indicator_result> o, std::span<const eval::value> a, const rational* reference);
    /// Pays class `local` with `plan` (in `scratch`, whose values hold one per code node),
    /// keeps what it paid (points, group_points, group_open) and appends to `out` what its
    /// rows count (tally_counts, as for_each_count indices, with `counted` a zero tally left
    /// zero). Returns what the plan pays each of its rows. Throws evaluation_error (without
    /// its row) as eval::pay does.
    rational count(std::size_t local, const compile::program& p, const eval::payment_plan& plan, std::span<const compile::node_id> amount_nodes, eval::result& scratch, internal::tally& counted,
                   std::vector<std::size_t>& blamed, std::vector<std::uint32_t>& out);
};

namespace live_internal {

/// A condition `measured OP target` (or `target OP measured`) with its new target: whether a
/// defined measured value meets it is one exact comparison.
struct flip_test {
    eval::value target;
    compile::comparison op = compile::comparison::none;
    bool measured_left = true;  ///< measured is the left operand
};

/// A row that goes from one class to another in an answer (class ids: live_population::moves).
struct row_move {
    std::uint32_t row;
    std::uint32_t from;
    std::uint32_t to;
};

/// Whether no cap bounds the points of a row, in a group or in all: then a row's points are
/// the sum of what its groups pay (live_population::shift_section).
inline bool uncapped(const compile::program& p)
{
    return !p.cap_slot && std::none_of(p.groups.begin(), p.groups.end(), [](const compile::group_info& g) { return g.cap_slot.has_value(); });
}

/// Whether a change of the points of `payer` (an indicator, or n_ind + g: group g's block)
/// moves only the rows it is paid to by that change: a value of its own that no code reads,
/// not computed, with no cap anywhere (live_population::shift_section).
bool shiftable(const compile::program& p, std::size_t payer);

/// Whether `measured` (defined) meets `t`: what the condition node would compute.
inline bool meets(const flip_test& t, const eval::value& measured)
{
    const int order = t.measured_left ? eval::compare(measured, t.target) : eval::compare(t.target, measured);
    switch (t.op) {
        case compile::comparison::ge: return order >= 0;
        case compile::comparison::gt: return order > 0;
        case compile::comparison::le: return order <= 0;
        case compile::comparison::lt: return order < 0;
        case compile::comparison::eq: return order == 0;
        case compile::comparison::ne: return order != 0;
        case compile::comparison::none: break;
    }
    return false;
}

}  // namespace live_internal

/// What changes in one year for one answer.
struct live_population::year_plan {
    bool active = false;                        ///< a slot changed in this year
    std::vector<eval::slot_change> changes;     ///< new values of the reader nodes
    std::vector<compile::node_id> rerun;                 ///< dependents, the readers excepted
    std::vector<std::size_t> affected;          ///< indicators whose condition is dependent
    std::vector<std::size_t> amount_moved;      ///< computed payments (index in m_amount_nodes) that are dependent
    std::vector<std::size_t> measure_moved;     ///< indicators whose measured value is dependent
    std::vector<std::size_t> probe_columns;     ///< kept columns the re-run reads
    /// Targets compared with a measured value, when they are all the re-run reaches: by
    /// indicator, the interval between its old and its new target. Empty: every row re-runs.
    std::vector<std::pair<std::size_t, std::pair<rational, rational>>> ranges;
    /// By range: what decides a row's new outcome from its measured value alone, so that the
    /// rows in a range are not re-run (live_internal::meets).
    std::vector<live_internal::flip_test> tests;
    std::vector<live_internal::flip_test> base_tests;  ///< by range: the same with the old target
    bool every_row = false;                     ///< the re-run goes over every row of the year
    bool paid_again = false;                    ///< the payment plan changed
    /// Only targets in `ranges`, the plan unchanged: the section is answered from the rows
    /// that flip, without making classes (live_population::flip_section).
    bool flips_only = false;
    /// Only the point value or one indicator's (or block's) points changed, a value nothing
    /// else reads, without caps: each row's amount moves by what its points say
    /// (live_population::shift_section). `shifted`: the indicator, or indicators + group for
    /// a block; absent: the point value.
    bool shift = false;
    std::optional<std::size_t> shifted;
    std::optional<eval::payment_plan> payment;        ///< the year's payment
    std::vector<std::optional<internal::window>> windows; ///< by indicator, new
    std::vector<std::size_t> moved_windows;     ///< indicators whose near-miss window moved
    std::vector<eval::value> new_values;              ///< storage of the changes' values
};

/// The rows that changed class in one answer, and the classes made for it.
struct live_population::moves {
    std::vector<std::uint32_t> class_of;  ///< by row, after the moves (empty: no row moved)
    class_set made;                       ///< the classes made, ids from the base's count
    std::vector<std::int64_t> joined;     ///< by class id: rows that came in
    std::vector<std::int64_t> left;       ///< by class id: rows that went out
    std::vector<std::uint32_t> changed;   ///< ids of the classes rows joined or left
    std::size_t moved = 0;
    std::vector<std::uint8_t> outcome_moved;  ///< by section x indicator: some row's outcome changed
    /// By section x indicator: near misses counted while every row re-ran (measured values moved).
    std::vector<std::optional<std::size_t>> near_counted;

    [[nodiscard]] std::int64_t delta(std::size_t id) const { return id < joined.size() ? joined[id] - left[id] : 0; }
};

/// One section of an answer, before its figures are finished.
struct live_population::section_answer {
    internal::tally t;
    std::vector<std::pair<rational, std::size_t>> amounts;  ///< ascending, rows by amount
    comparison_sums compared;
    std::size_t touched = 0;  ///< rows that stayed in their class, paid another amount
};

namespace live_internal {

// Nodes whose value is the same for every row of a year: not kept by row.
inline bool fixed_node(const compile::code_node& n)
{
    return n.op == compile::opcode::constant || n.op == compile::opcode::slot || n.op == compile::opcode::year;
}

// What node i reads: its arguments, and for a definition its root.
template <typename F>
void for_each_read(const compile::program& p, std::size_t i, F&& f)
{
    const auto& n = p.code[i];
    for (const auto a : n.args) f(static_cast<std::size_t>(a));
    if (n.op == compile::opcode::define) f(static_cast<std::size_t>(p.defines[static_cast<std::size_t>(n.index)].root));
}

// The fingerprint of a class key: its section, outcomes, computed payments and reference
// amount, mixed 64 bits at a time (splitmix64's finaliser). Equal keys, equal fingerprints;
// class_set::find compares the keys themselves.
inline std::uint64_t fingerprint(std::size_t section, std::span<const eval::indicator_result> outcomes, std::span<const eval::value> amounts, const rational* reference)
{
    std::uint64_t h = 0x9e3779b97f4a7c15ULL;
    auto mix = [&h](std::uint64_t x) {
        h ^= x + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
        h ^= h >> 30;
        h *= 0xbf58476d1ce4e5b9ULL;
        h ^= h >> 27;
    };
    mix(section);
    std::uint64_t word = 0;
    std::size_t bits = 0;
    for (const auto& o : outcomes) {
        word = word << 3 | static_cast<std::uint64_t>(o.outcome) << 1 | static_cast<std::uint64_t>(o.undefined);
        if ((bits += 3) >= 60) {
            mix(word);
            word = 0;
            bits = 0;
        }
    }
    mix(word);
    for (const auto& v : amounts) {
        mix(static_cast<std::uint64_t>(v.num));
        mix(static_cast<std::uint64_t>(v.den));
    }
    if (reference != nullptr) {
        mix(static_cast<std::uint64_t>(reference->num()));
        mix(static_cast<std::uint64_t>(reference->den()));
    }
    return h;
}

// Same outcome, and same undefined condition.
inline bool same(const eval::indicator_result& a, const eval::indicator_result& b)
{
    return a.outcome == b.outcome && a.undefined == b.undefined;
}

// The same value, written the same: what a class key holds.
inline bool same(const eval::value& a, const eval::value& b)
{
    return a.num == b.num && a.den == b.den;
}

// Rows by amount, for counting amounts of classes with their numbers of rows.
struct rational_hash {
    std::size_t operator()(const rational& r) const { return std::hash<std::int64_t>{}(r.num()) * 31 + std::hash<std::int64_t>{}(r.den()); }
};
using amount_counts = std::unordered_map<rational, std::int64_t, rational_hash>;

// The rows by amount of a section, ascending, from what an answer moved (`moved`, amount ->
// rows added or taken out) and, unless null, the base's rows by amount.
inline std::vector<std::pair<rational, std::size_t>> amounts_after(amount_counts& moved, const std::map<rational, std::size_t>* base)
{
    if (base != nullptr) {
        for (const auto& [amount, rows] : *base) moved[amount] += static_cast<std::int64_t>(rows);
    }
    std::vector<std::pair<rational, std::size_t>> out;
    for (const auto& [amount, rows] : moved) {
        if (rows != 0) out.emplace_back(amount, static_cast<std::size_t>(rows));
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return out;
}

// Runs f() and gives an evaluation_error the row it comes from.
template <typename F>
void at_row(const data_table& table, std::size_t row, F&& f)
{
    try {
        f();
    }
    catch (eval::evaluation_error& e) {
        e.set_row(table.file(), table.line(row), std::string(table.id(row)));
        throw;
    }
}

}  // namespace live_internal

/// What groups of rows with flipped outcomes add to a section (flip_section): taken out
/// with what their class counted and was paid, put back as the flipped class would be.
struct live_population::flip_share {
    internal::tally t;
    live_internal::amount_counts amounts;
    comparison_sums compared;
    std::vector<std::int64_t> added;  ///< by count (for_each_count): what the classes counted, taken out
};

/// The sum of what the first rows sorted by one measured value add when the indicator's
/// outcome flips (live_index.cpp): counts folded into the tally, amounts ascending.
struct live_population::flip_sums {
    internal::tally t;
    comparison_sums compared;
    std::vector<std::pair<rational, std::int64_t>> amounts;
};

/// Rows paid alike in a section as far as the point value and one indicator's points can
/// tell: their points, amount and reference amount, and how many they are.
struct live_population::pay_pair {
    rational points;
    rational amount;
    rational reference;
    std::int64_t rows = 0;
};

}  // namespace donum::population

#endif
