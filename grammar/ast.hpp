// The abstract syntax tree of a rule file: owned data, no pointer into the parser's input.
//
// Nodes are plain structs; alternatives are std::variant; recursion goes through
// std::unique_ptr (box). Every node carries the source_range it was parsed from, so that
// the resolver, the checker and the evaluator can point at the rule text.
//
// Literal numbers keep their spelling: turning "22.5" into an exact value (and reporting
// a number too large for 64 bits) is the checker's job, not the parser's.
#ifndef DONUM_GRAMMAR_AST_HPP
#define DONUM_GRAMMAR_AST_HPP

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "grammar/source.hpp"

namespace donum::grammar::ast {

/// An identifier as written, with where it was written.
struct name {
    source_range range;
    std::string text;
};

/// A quoted string, unescaped.
struct text {
    source_range range;
    std::string value;
};

/// Unit written after a number literal.
enum class unit { none, percent, euro, points };

struct expr;
using expr_ptr = std::unique_ptr<expr>;

/// `12`, `22.5`, `30 %`, `7 €`, `7 EUR`, `40 pts`.
struct number_literal {
    std::string digits;  ///< as written, e.g. "22.5"
    unit suffix = unit::none;
};

/// `XX`: a value not agreed yet.
struct placeholder {};

/// A reference to an input or a definition.
struct name_ref {
    std::string text;
};

/// `year`: the convention year being evaluated.
struct year_ref {};

/// One entry of a per-year table: `2024: 30 %`.
struct year_entry {
    source_range range;
    source_range year_range;
    std::string year;  ///< digits as written
    expr_ptr value;
};

/// A value that may differ by year: one expression for every year, or a table by year.
/// Used for targets, points and the value of a point.
struct value_spec {
    source_range range;
    expr_ptr single;                ///< set when the value is the same for every year
    std::vector<year_entry> table;  ///< set otherwise
};

/// `target VALUE`: the threshold of an indicator, settable by its dotted name.
struct target_ref {
    value_spec value;
};

enum class unary_op { negate, logical_not };

struct unary {
    unary_op op;
    expr_ptr operand;
};

enum class binary_op { add, sub, mul, div, gt, ge, lt, le, eq, ne, logical_and, logical_or };

/// `a + b - c`, `a and b and c`: operands of one precedence level kept flat, so that a
/// 100,000-term sum does not become a 100,000-deep tree.
struct chain {
    expr_ptr first;
    struct link {
        binary_op op;
        source_range op_range;
        expr_ptr operand;
    };
    std::vector<link> rest;
};

/// `a >= b`: comparisons do not chain.
struct comparison {
    binary_op op;
    source_range op_range;
    expr_ptr lhs;
    expr_ptr rhs;
};

/// `rate(num, den)`, `mean(a, b)`, `min(a, b)`, `max(a, b)`.
struct call {
    name callee;
    std::vector<expr> args;
};

/// `if c then a else b`.
struct conditional {
    expr_ptr condition;
    expr_ptr then_value;
    expr_ptr else_value;
};

using expr_kind = std::variant<number_literal, placeholder, name_ref, year_ref, target_ref, unary, chain, comparison, call, conditional>;
static_assert(std::variant_size_v<expr_kind> == 10, "update every visitor of expr_kind");

/// An expression node.
struct expr {
    source_range range;
    expr_kind kind;
};

// ---------------------------------------------------------------------------------------
// Declarations

/// `convention ID "label" [extends "file"] { ... }`.
struct convention_header {
    source_range range;
    name id;
    std::optional<text> label;
    std::optional<text> extends;
    std::optional<text> reference;
    std::optional<text> source;
    std::optional<value_spec> point_value;
    struct year_item {
        source_range range;
        std::string digits;
    };
    std::optional<std::vector<year_item>> years;
    source_range years_range;
    std::optional<text> in_force;  ///< ISO date, e.g. "2026-01-01"
    std::optional<value_spec> cap;  ///< `cap V`: the most points the convention pays a physician
    std::vector<source_range> duplicate_items;  ///< an item written twice: reported by the checker
};

/// What an input holds: a yes/no item, a count (never negative), a whole number, or an
/// exact decimal number (exact::fixed_digits fraction digits at most).
enum class input_type { boolean, count, integer, decimal };

/// `input ID "label" TYPE [column "csv_name"]`.
struct input_decl {
    source_range range;
    name id;
    text label;
    input_type type = input_type::count;
    source_range type_range;
    std::optional<text> column;
};

/// `define ID ["label"] = EXPR`.
struct define_decl {
    source_range range;
    name id;
    std::optional<text> label;
    expr value;
};

/// A threshold of a computed payment: a value of its own, settable like a target, or one
/// computed from the indicator's target (`target + 20 %`: relative).
struct threshold {
    source_range range;
    std::optional<value_spec> value;  ///< a value of its own
    binary_op op = binary_op::add;    ///< relative: target OP operand
    source_range op_range;
    expr_ptr operand;                 ///< set when relative
};

/// `points P at THRESHOLD`: a level of a graded payment.
struct payment_level {
    source_range range;
    value_spec points;
    threshold at;
};

/// `prorated [from START] [above FLOOR]` after an indicator's points.
struct prorata {
    source_range range;
    expr_ptr from;                   ///< the physician's own start (an expression), or null: 0
    std::optional<threshold> above;  ///< the floor below which nothing is paid
};

enum class indicator_status { declared, calculated };
enum class zero_policy { not_met, met, neutralised };

/// `indicator ID "label" declared|calculated: CONDITION [points V] [zero_denominator P]`.
struct indicator_decl {
    source_range range;
    name id;
    text label;
    indicator_status status = indicator_status::calculated;
    source_range status_range;
    expr condition;
    std::optional<value_spec> points;
    std::optional<prorata> prorated;     ///< `points P prorated ...`
    std::vector<payment_level> levels;   ///< `points P at T`, in the order written
    struct policy_clause {
        source_range range;
        zero_policy policy;
    };
    std::optional<policy_clause> zero_denominator;
    std::vector<source_range> duplicate_clauses;  ///< a clause written twice: reported by the checker
};

/// One term of a gate: `all of G`, `any of G`, `at least K of G`, `payment of G` (G's block
/// is paid).
struct gate_term {
    source_range range;
    enum class kind { all, any, at_least, paid } quantifier = kind::all;
    std::string k;  ///< digits, for at_least
    name group;
};

/// `requires TERM and TERM ...`.
struct gate {
    source_range range;
    std::vector<gate_term> terms;
};

/// `points V when all met` / `points V when at least K met`: the group is paid as one block.
struct block_payment {
    source_range range;
    value_spec points;
    bool all = true;
    std::string k;  ///< digits, when !all
    source_range k_range;
};

/// `group ID "label" [requires GATE] [points V when ... met] { indicators }`.
struct group_decl {
    source_range range;
    name id;
    text label;
    std::optional<gate> requires_gate;
    std::optional<block_payment> block;
    std::optional<value_spec> cap;  ///< `cap V`: the most points the group pays a physician
    std::vector<indicator_decl> indicators;
};

/// Edits of an existing group in a derived file.
struct add_indicator {
    indicator_decl indicator;
};
struct replace_indicator {
    source_range range;
    indicator_decl indicator;
};
struct remove_indicator {
    source_range range;
    name id;
};
/// `change indicator ID CLAUSE...` inside `extend group`: the clauses written replace the
/// base's (`points` clauses replace its whole payment: points, levels and prorata), the
/// others stay as the base writes them.
struct change_indicator {
    source_range range;
    name id;
    /// `target [OP] VALUE`: the target's value and, when written, its comparator as seen from
    /// the measured side (`target > 2/3` makes the condition `measured > target`).
    struct target_clause {
        source_range range;
        std::optional<binary_op> op;
        source_range op_range;
        value_spec value;
    };
    std::optional<target_clause> target;
    /// The payment clauses, parsed as an indicator's (points, levels, prorata, duplicates).
    indicator_decl payment;
    bool changes_payment = false;
};
using group_edit = std::variant<add_indicator, replace_indicator, remove_indicator, change_indicator>;

/// `extend group ID ["label"] [requires ...] [points ... when ...] { edits }`.
struct extend_group {
    source_range range;
    name id;
    std::optional<text> label;
    std::optional<gate> requires_gate;
    std::optional<block_payment> block;
    std::optional<value_spec> cap;
    std::vector<group_edit> edits;
};

/// A dotted name of a settable value: `volet2.dmp.target`, `volet1.points`, `point_value`,
/// optionally restricted to one year: `volet2.dmp.target@2024`.
struct slot_name {
    source_range range;
    std::vector<name> parts;
    std::optional<std::string> year;
    source_range year_range;
};

/// `set SLOT = VALUE`.
struct set_stmt {
    source_range range;
    slot_name slot;
    value_spec value;
};

/// `remove group ID`.
struct remove_group {
    source_range range;
    name id;
};

/// `remove input ID` in a derived version: the input is no longer read, its column no
/// longer needed.
struct remove_input {
    source_range range;
    name id;
};

/// `NAME = NUMBER` inside an example's `given`.
struct given_value {
    source_range range;
    name input;
    std::string digits;  ///< as written without the sign: "12", "2.5"
    bool negative = false;
};

/// `example "label" { year Y [set NAME = V ...] given a = 1, b = 2 expect P points, E € }`.
struct example_decl {
    source_range range;
    text label;
    std::optional<std::string> year;
    source_range year_range;
    std::vector<set_stmt> sets;  ///< values assumed by this example only (a target still XX)
    std::vector<given_value> given;
    std::string expected_points;  ///< digits as written, e.g. "302.5"
    source_range points_range;
    std::string expected_euros;  ///< digits as written, e.g. "2117.50"
    source_range euros_range;
};

using item = std::variant<input_decl, define_decl, group_decl, extend_group, set_stmt, remove_group, remove_input, example_decl>;
static_assert(std::variant_size_v<item> == 8, "update every visitor of item");

/// A whole rule file, or a scenario file (a header and `set` statements only).
struct rule_file {
    const source_file* file = nullptr;
    bool scenario = false;  ///< `scenario NAME "label"` instead of `convention ...`
    convention_header header;
    std::vector<item> items;
    /// After resolution: the inputs a derived version removed (`remove input`), so that a
    /// rule still reading one is told where it went.
    std::vector<remove_input> removed_inputs;
};

// ---------------------------------------------------------------------------------------
// Texts of command-line options (grammar/parameters.cpp). Each is parsed from a source_file
// named after its option ("--sweep", "--budget"...), so that ranges give carets in it.
// Values stay as written, as in a rule file: turning one into an exact number and checking
// it against what it sets (unit, range) is the interpreter's.

/// `--sweep NAME[@YEAR]=FROM..TO:STEP`: the values FROM, FROM + STEP, ... up to TO of one
/// settable name. Each bound is one value for every year (`single` set, `table` empty: the
/// grammar refuses a table by year and XX), an expression as in `--set`, e.g. `2/3`, `20 %`,
/// `6.5 €`, with its own range.
struct sweep_range {
    source_range range;
    slot_name slot;
    value_spec from;
    value_spec to;
    value_spec step;
};

/// `--budget AMOUNT`: euros, `digits` times ten to the power `exponent`. The currency
/// (`€` or `EUR`) is required and not kept.
struct amount {
    source_range range;
    std::string digits;  ///< as written, e.g. "2.5" for 2.5Md€
    source_range digits_range;
    std::string scale;   ///< as written: "" (none), "k", "M", "Md" or "G"
    source_range scale_range;  ///< empty (begin == end) without a scale
    int exponent = 0;    ///< of the scale: 0, 3 (k), 6 (M) or 9 (Md, G)
};

/// `--reach SHARE`: a share of physicians, one constant expression as in `--set` (`70 %`,
/// `0.7`, `2/3`; never XX). The interpreter checks it is a number or a percentage between 0
/// and 1.
struct share {
    source_range range;
    expr value;
};

/// `FILE[+SCENARIO...][@YEAR]` (`diff`, `explain --vs`): a rule file, the scenarios applied
/// on it in order, and the year compared. Paths as written, blanks around them dropped.
struct version {
    source_range range;
    text rules;
    std::vector<text> scenarios;
    std::optional<std::string> year;  ///< four digits
    source_range year_range;
};

}  // namespace donum::grammar::ast

#endif
