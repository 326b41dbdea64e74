// Internal to compile/ (not part of its API): the checker of pass 3, shared by the files
// that implement it. check.hpp is the pass; this header is how its parts see each other.
//
//   check.cpp       the walk: header, declarations, groups, gates, examples, file-wide checks
//   check_expr.cpp  expressions: the typing rules, emitting code through emit.hpp
//   check_payment.cpp  computed payments: graded levels and prorata
//   constant.cpp    values of slots: literals and constant expressions into exact values
//   emit.cpp        the one writer of program::code (emit.hpp)
//   parameter.cpp   a settable name and a value on their own (parameter.hpp), same code
#ifndef DONUM_INTERPRETER_COMPILE_CHECKER_HPP
#define DONUM_INTERPRETER_COMPILE_CHECKER_HPP

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "grammar/ast.hpp"
#include "grammar/diagnostic.hpp"
#include "interpreter/compile/check.hpp"
#include "interpreter/compile/constant.hpp"
#include "interpreter/compile/emit.hpp"
#include "interpreter/compile/names.hpp"
#include "interpreter/compile/program.hpp"

namespace donum::compile::internal {

/// A checked expression: the node that computes it and its type.
struct typed {
    node_id id = -1;
    value_type type = value_type::number;
};

/// What an expression may use where it stands.
struct scope {
    indicator_info* indicator = nullptr;  ///< set inside an indicator's condition
    std::size_t defines_visible = 0;      ///< definitions declared above
    const grammar::ast::expr* target_node = nullptr;
    value_type target_written = value_type::number;  ///< the unit the target's values are written in
    bool target_typed = false;                       ///< type_target() has given the target its type
    bool reads_rate = false;  ///< a rate was read, directly or through a definition
};

/// Walks a resolved rule file in declaration order and builds its program, collecting
/// every problem into `out`. One object per file; run() once.
class checker {
public:
    checker(const grammar::ast::rule_file& file, const check_options& options, grammar::diagnostics& out)
        : m_file(file), m_options(options), m_out(out), m_constants(out), m_emit(m_program)
    {
    }
    checker(const checker&) = delete;
    checker& operator=(const checker&) = delete;

    program run();

private:
    const grammar::ast::rule_file& m_file;
    const check_options& m_options;
    grammar::diagnostics& m_out;
    program m_program;
    constant_folder m_constants;
    emitter m_emit;
    name_suggestions m_suggestions;
    std::set<std::tuple<const grammar::source_file*, std::size_t, std::size_t>> m_unusable;  // see unusable()

    enum class name_kind { input, define };
    struct name_entry {
        name_kind kind;
        std::size_t index;
        grammar::source_range range;
    };
    std::map<std::string, name_entry, std::less<>> m_names;
    std::map<std::string, std::size_t, std::less<>> m_groups;
    std::map<std::string, grammar::source_range, std::less<>> m_indicator_ids;
    std::vector<const grammar::ast::define_decl*> m_define_decls;

    // -- reporting (check.cpp) ------------------------------------------------------------
    void error(const grammar::source_range& at, std::string message, std::vector<grammar::diagnostic> notes = {});
    void unusable(const grammar::source_range& at, std::string message, std::vector<grammar::diagnostic> notes = {});
    void warning(const grammar::source_range& at, std::string message);
    static grammar::diagnostic note(const grammar::source_range& at, std::string message);
    template <typename Candidates>
    std::string did_you_mean(std::string_view name, const Candidates& candidates)
    {
        return m_suggestions.did_you_mean(name, candidates);
    }
    void label(const grammar::ast::text& t);

    // -- the walk (check.cpp) -------------------------------------------------------------
    void header();
    void date(const grammar::ast::text& d);
    static slot slot_at(slot_path path, std::optional<std::size_t> owner, value_type type);
    std::size_t add_slot(slot s);
    std::size_t value_slot(slot s, const grammar::ast::value_spec& spec);
    bool declare_name(const grammar::ast::name& id, name_kind kind, std::size_t index);
    void input(const grammar::ast::input_decl& d);
    void declare_define(const grammar::ast::define_decl& d);
    void compile_defines();
    void group(const grammar::ast::group_decl& g);
    std::size_t count_of(const std::string& digits, const grammar::source_range& at, std::size_t available, const std::string& group_name);
    void indicator(const grammar::ast::indicator_decl& d, std::size_t gi, bool paid_as_block);

    // -- computed payments (check_payment.cpp) --------------------------------------------
    void computed_payment(const grammar::ast::indicator_decl& d, std::size_t ii, bool paid_as_block);
    node_id threshold(const grammar::ast::threshold& t, slot_path path, std::size_t ii, std::optional<std::size_t>& own_slot,
                      std::optional<indicator_info::relative_to_target>& relative);
    void graded(const grammar::ast::indicator_decl& d, std::size_t ii);
    void levels_in_order(const grammar::ast::indicator_decl& d, std::size_t ii, const std::vector<indicator_info::level>& levels);
    void prorated(const grammar::ast::indicator_decl& d, std::size_t ii);
    std::vector<std::string> group_names() const;
    void gates();
    void gate_follows_block(const group_info& g);
    void order_groups();
    void example(const grammar::ast::example_decl& x);
    void assume(const grammar::ast::set_stmt& set, example_info& info);
    void unused();
    void placeholders();

    // -- expressions (check_expr.cpp) -----------------------------------------------------
    typed compile(const grammar::ast::expr& e, scope& sc);
    typed compile_kind(const grammar::ast::expr& e, const grammar::ast::number_literal& lit, scope& sc);
    typed compile_kind(const grammar::ast::expr& e, const grammar::ast::placeholder& p, scope& sc);
    typed compile_kind(const grammar::ast::expr& e, const grammar::ast::year_ref& y, scope& sc);
    typed compile_kind(const grammar::ast::expr& e, const grammar::ast::name_ref& ref, scope& sc);
    typed compile_kind(const grammar::ast::expr& e, const grammar::ast::target_ref& t, scope& sc);
    typed compile_kind(const grammar::ast::expr& e, const grammar::ast::unary& u, scope& sc);
    typed compile_kind(const grammar::ast::expr& e, const grammar::ast::chain& c, scope& sc);
    typed compile_kind(const grammar::ast::expr& e, const grammar::ast::comparison& c, scope& sc);
    typed compile_kind(const grammar::ast::expr& e, const grammar::ast::call& c, scope& sc);
    typed compile_kind(const grammar::ast::expr& e, const grammar::ast::conditional& c, scope& sc);
    void type_target(scope& sc, value_type t);
    void type_threshold(std::size_t slot, value_type t);
    value_type arithmetic_type(grammar::ast::binary_op op, value_type a, value_type b, const grammar::source_range& at);
};

/// The slot a dotted name (its year aside) designates in `p`, or an "unknown settable name"
/// error at the name, with a suggestion while `suggestions` has budget.
[[nodiscard]] std::optional<std::size_t> settable_slot(const program& p, const grammar::ast::slot_name& name, name_suggestions& suggestions, grammar::diagnostics& issues);

/// The source text of an expression with its white space collapsed: "rate(a, b)".
[[nodiscard]] std::string compact(const grammar::ast::expr& e);
/// The source text of a range, the same way.
[[nodiscard]] std::string compact(const grammar::source_range& r);

}  // namespace donum::compile::internal

#endif
