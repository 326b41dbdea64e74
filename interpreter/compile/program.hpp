// The checked program: what the checker hands to the evaluator, the summary and the diff.
//
// Expressions are compiled into a flat vector of nodes (indices instead of pointers), with
// every target, points value and point value read through a *slot* that holds one value
// per convention year. Changing a target (--set, a sweep) changes a slot, never the code.
#ifndef DONUM_INTERPRETER_COMPILE_PROGRAM_HPP
#define DONUM_INTERPRETER_COMPILE_PROGRAM_HPP

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "grammar/ast.hpp"
#include "grammar/source.hpp"
#include "interpreter/exact/rational.hpp"

namespace donum::compile {

using exact::overflow_error;
using exact::rational;

/// Static types of expressions. Numbers and rates are both dimensionless and mix freely;
/// euros, points and booleans mix with nothing else.
enum class value_type { boolean, number, rate, euro, points };

/// True for the types that mix freely: numbers and rates.
[[nodiscard]] constexpr bool dimensionless(value_type t) { return t == value_type::number || t == value_type::rate; }

/// The name of a type in the checker's messages, with its article: "a percentage".
[[nodiscard]] const char* type_name(value_type t);

using node_id = std::int32_t;

enum class opcode : std::uint8_t {
    constant,  ///< value
    input,     ///< index = input
    define,    ///< index = definition (computed once per row, in order)
    slot,      ///< index = slot, value of the evaluated year
    year,      ///< the evaluated year
    rate,      ///< args[0] / args[1]; undefined when args[1] is 0
    mean,      ///< mean of args
    min,
    max,
    negate,
    logical_not,
    add,  ///< sum of args (a subtraction is the sum with a negated operand)
    mul,  ///< product of args
    div,  ///< args[0] / args[1]
    gt,
    ge,
    lt,
    le,
    eq,
    ne,
    logical_and,  ///< Kleene logic: false wins over undefined
    logical_or,   ///< Kleene logic: true wins over undefined
    conditional,  ///< args: condition, then, else
};

/// The comparison of a condition with its target, as a value instead of its text.
enum class comparison : std::uint8_t { none, ge, gt, le, lt, eq, ne };

/// The same comparison read from the other side: `a >= b` is `b <= a`; = and != stay.
[[nodiscard]] comparison mirrored(comparison c);

/// The comparison an opcode computes (gt, ge, lt, le, eq, ne), none for any other opcode.
[[nodiscard]] comparison comparison_of(opcode op);

/// Its symbol, for messages and reports: ">=", ">", "<=", "<", "=", "!=", and "" for none.
[[nodiscard]] std::string_view comparison_text(comparison c);

/// One compiled expression node.
struct code_node {
    opcode op = opcode::constant;
    std::int32_t index = -1;
    rational value;
    std::vector<node_id> args;
    grammar::source_range range;
};

/// What a slot holds. `floor`: the value below which a prorated indicator pays nothing
/// (`prorated above F`); it is read like a target.
enum class slot_kind { target, points, block_points, point_value, cap, floor };

/// Where a slot stands in the rule file: `volet2.dmp.target` is group volet2, indicator
/// dmp, kind target; `volet2.dmp.target2` is the threshold of the second level of a graded
/// indicator (level 2: its first `points P at T` clause).
struct slot_path {
    std::string group;      ///< empty for the point value
    std::string indicator;  ///< empty for a group's block points and the point value
    slot_kind what = slot_kind::target;
    std::size_t level = 1;  ///< target and points: 1 for the indicator's own, 2.. for its levels
};

/// The dotted name of a slot, by which rule files (`set`), the command line and reports
/// name it: "volet2.dmp.target", "volet2.dmp.points", "volet2.dmp.points2" (a level),
/// "volet2.dmp.above" (a prorata floor), "volet1.points", "point_value". The one place that
/// spells this rule, for the checker and the resolver alike.
[[nodiscard]] std::string dotted_name(const slot_path& path);

/// A dotted name as written in a `set` or a setting, without its year:
/// "volet2.dmp.target" for `volet2.dmp.target@2024`.
[[nodiscard]] std::string dotted_name(const grammar::ast::slot_name& name);

/// A settable value, with one value per convention year; std::nullopt is XX. It records
/// what the checker knows of it: where it stands, who owns it and which nodes read it.
struct slot {
    using kind = slot_kind;
    slot_path path;
    std::string name;  ///< dotted_name(path), e.g. "volet2.dmp.target"
    /// euro for the point value, points for points; for a target, the type of what it is
    /// compared with: a rate target (compared with a rate) holds values in [0, 1].
    value_type type = value_type::number;
    /// Index in program::indicators of the indicator of a target or points, in
    /// program::groups of the group of block points; none for the point value.
    std::optional<std::size_t> owner;
    /// The opcode::slot nodes that read it, in code order: a target's, in its indicator's
    /// condition and in the code of a graded or prorated payment (indicator_info::amount_node),
    /// which also reads its points. Other points and the point value are read by the
    /// payment, never by code.
    std::vector<node_id> readers;
    grammar::source_range range;
    std::vector<std::optional<rational>> by_year;  ///< index: program::years
    std::vector<grammar::source_range> year_ranges;

    /// Points, block points, a cap or the point value: what is paid, never who meets what.
    [[nodiscard]] bool is_payment() const { return !is_threshold(); }
    /// A target, the threshold of a level or a prorata floor: compared with a measured
    /// value, typed by it (a rate threshold lies in [0, 1]).
    [[nodiscard]] bool is_threshold() const { return path.what == slot_kind::target || path.what == slot_kind::floor; }
};

/// Why `v` cannot be a value of `s`, or nothing: the one rule of slot values, for the rule
/// file, its examples and the values given on the command line. A rate target lies in
/// [0, 1] ("target 1.5 of volet2.dmp.target is outside 0 %..100 %"), points are not
/// negative ("points cannot be negative"), the value of a point is above 0 ("the value of a
/// point must be positive"). Any value suits a target that is not a rate.
[[nodiscard]] std::optional<std::string> check_slot_value(const slot& s, const rational& v);


struct input_info {
    std::string name;
    std::string label;
    std::string column;  ///< CSV header name
    grammar::ast::input_type type = grammar::ast::input_type::count;
    grammar::source_range range;
    bool used = false;
};

struct define_info {
    std::string name;
    std::string label;
    node_id root = -1;
    value_type type = value_type::number;
    bool reads_rate = false;  ///< can it be undefined because of a zero denominator?
    grammar::source_range range;
    bool used = false;
};

struct indicator_info {
    std::string id;
    std::string label;
    std::size_t group = 0;
    grammar::ast::indicator_status status = grammar::ast::indicator_status::calculated;
    node_id condition = -1;
    std::optional<std::size_t> target_slot;
    std::optional<std::size_t> points_slot;  ///< absent in a group paid as a block
    /// `points P at THRESHOLD`: the levels of a graded indicator, after its first level (its
    /// `points` and its condition); it pays the points of the highest level it reaches.
    /// A threshold written `target OP operand`: what solve needs to find where it crosses a
    /// measured value (threshold = target OP the value of `operand` in the row).
    struct relative_to_target {
        grammar::ast::binary_op op = grammar::ast::binary_op::add;
        node_id operand = -1;
    };
    struct level {
        std::size_t points_slot = 0;
        std::optional<std::size_t> threshold_slot;  ///< absent: computed from the target
        std::optional<relative_to_target> relative;  ///< set when computed from the target
        std::string threshold_text;                 ///< as written: "75 %", "target + 20 %"
        node_id threshold = -1;                     ///< the node of the threshold's value
        node_id reached = -1;                       ///< measured OP threshold
    };
    std::vector<level> levels;
    /// `points P prorated [from S] [above F]`: a met indicator pays P; one not met pays
    /// P × (measured − S) / (target − S), between 0 and P, when the measured value is at
    /// least F.
    struct prorata {
        node_id start = -1;         ///< S, 0 when not written
        std::string start_text;     ///< "0" or S as written
        std::optional<std::size_t> floor_slot;  ///< F, when a value of its own
        std::optional<node_id> floor;           ///< the node of F's value, when written
        std::optional<relative_to_target> floor_relative;  ///< F written `target OP operand`
        std::string floor_text;
        node_id fraction = -1;      ///< the share of P earned, in [0, 1], or 0 below F
    };
    std::optional<prorata> prorated;
    /// The points the indicator pays when its group is open, computed by the code (a graded
    /// or prorated payment); absent: points_slot when met. eval::indicator_paid rounds it to
    /// the hundredth of a point.
    std::optional<node_id> amount_node;
    grammar::ast::zero_policy zero_policy = grammar::ast::zero_policy::not_met;
    bool zero_policy_written = false;
    bool reads_rate = false;      ///< can its condition hit a zero denominator?
    /// How the condition compares its target, as written: `X >= target` and `target >= X`
    /// are both ge; none when the target is not one side of a comparison.
    comparison written_comparison = comparison::none;
    bool target_on_right = true;  ///< `X OP target` rather than `target OP X`
    std::string measured;         ///< source text of X, for the summary and explanations
    std::optional<node_id> measured_node;
    grammar::source_range range;

    /// The comparison seen from the measured side: the condition is met iff `X OP target`.
    /// `target <= rate(a, b)` gives ge, like `rate(a, b) >= target`.
    [[nodiscard]] comparison measured_comparison() const { return target_on_right ? written_comparison : mirrored(written_comparison); }
};

struct gate_term_info {
    grammar::ast::gate_term::kind quantifier = grammar::ast::gate_term::kind::all;
    std::size_t k = 0;
    std::size_t group = 0;
    grammar::source_range range;
};

struct group_info {
    std::string id;
    std::string label;
    std::vector<gate_term_info> gate;  ///< all terms must hold
    std::optional<std::size_t> block_slot;
    std::optional<std::size_t> cap_slot;  ///< `cap V`: the most points the group pays
    bool block_all = true;
    std::size_t block_k = 0;
    std::vector<std::size_t> indicators;
    grammar::source_range range;
};

struct example_info {
    std::string label;
    std::size_t year_index = 0;
    std::vector<std::pair<std::size_t, std::int64_t>> given;  ///< input index, value
    /// Slot values this example assumes (`set` inside the example): slot index and value.
    std::vector<std::pair<std::size_t, rational>> assumed;
    rational expected_points;
    rational expected_euros;
    grammar::source_range range;
};

/// A checked convention version, ready to evaluate.
struct program {
    std::vector<std::shared_ptr<const grammar::source_file>> sources;  ///< keep ranges alive
    std::string id;
    std::string label;
    std::string reference;
    std::string source_url;
    std::string in_force;
    std::vector<int> years;
    std::size_t point_value_slot = 0;
    std::optional<std::size_t> cap_slot;  ///< `cap V` in the header: the most points paid in all
    std::vector<input_info> inputs;
    std::vector<define_info> defines;  ///< in evaluation order
    std::vector<indicator_info> indicators;
    std::vector<group_info> groups;
    std::vector<std::size_t> group_order;  ///< groups after the groups their gates read
    std::vector<slot> slots;
    /// Index in slots by dotted name, built by the checker with the slots (indexes, unlike
    /// pointers, stay right when the program is copied or moved).
    std::map<std::string, std::size_t, std::less<>> slot_by_name;
    std::vector<code_node> code;
    std::vector<example_info> examples;

    /// Index of `year` in years, or std::nullopt.
    [[nodiscard]] std::optional<std::size_t> year_index(int year) const;
    /// Index of the slot named `name` (dotted, without year), or std::nullopt.
    [[nodiscard]] std::optional<std::size_t> slot_index(std::string_view name) const;
    /// Slot by dotted name, or nullptr.
    [[nodiscard]] const slot* find_slot(std::string_view name) const;
    /// Dotted names of every slot still XX, with the year when only some years are.
    [[nodiscard]] std::vector<std::string> open_placeholders() const;
};

/// The value of node `n` in year index `y` when it reads nothing but constants and slots
/// (a level's threshold `target + 20 %`): std::nullopt when it reads an input, a
/// definition or a slot that is XX that year, or when it would overflow.
[[nodiscard]] std::optional<rational> fixed_value(const program& p, node_id n, std::size_t y);

}  // namespace donum::compile

#endif
