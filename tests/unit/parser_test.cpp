#include <doctest/doctest.h>

#include <string>
#include <variant>

#include <fmt/format.h>

#include "grammar/parser.hpp"

using namespace donum::grammar;

namespace {

parse_result parse_text(source_file& source, std::string text)
{
    source.name = "t.donum";
    source.text = std::move(text);
    return parse(source);
}

const std::string header = "convention t \"T\" { point_value 7 € years 2024 }\n";

}  // namespace

TEST_SUITE("parser")
{
    TEST_CASE("a group with a block payment and a gate becomes an AST with ranges")
    {
        source_file s;
        const auto r = parse_text(s, header + "group v1 \"Volet 1\" points 280 when all met {\n"
                                              "  indicator t \"Télétransmission\" calculated: rate(a, b) > target 2/3\n}\n"
                                              "group v2 \"Volet 2\" requires all of v1 and at least 4 of v1 {\n"
                                              "  indicator d \"DMP\" calculated: rate(c, d) >= target { 2023: 20 %, 2024: XX } points 22.5 zero_denominator neutralised\n}\n");
        REQUIRE(r.issues.empty());
        REQUIRE(r.file);
        REQUIRE(r.file->items.size() == 2);
        const auto& v1 = std::get<ast::group_decl>(r.file->items[0]);
        CHECK(v1.id.text == "v1");
        CHECK(v1.label.value == "Volet 1");
        REQUIRE(v1.block);
        CHECK(v1.block->all);
        CHECK(v1.id.range.begin.line == 2);
        CHECK(v1.id.range.begin.column == 7);
        const auto& v2 = std::get<ast::group_decl>(r.file->items[1]);
        REQUIRE(v2.requires_gate);
        REQUIRE(v2.requires_gate->terms.size() == 2);
        CHECK(v2.requires_gate->terms[1].quantifier == ast::gate_term::kind::at_least);
        CHECK(v2.requires_gate->terms[1].k == "4");
        const auto& d = v2.indicators.at(0);
        CHECK(d.zero_denominator->policy == ast::zero_policy::neutralised);
        CHECK(d.points->single);
        const auto& cmp = std::get<ast::comparison>(d.condition.kind);
        CHECK(cmp.op == ast::binary_op::ge);
        const auto& target = std::get<ast::target_ref>(cmp.rhs->kind);
        REQUIRE(target.value.table.size() == 2);
        CHECK(std::holds_alternative<ast::placeholder>(target.value.table[1].value->kind));
    }

    TEST_CASE("a long sum stays flat")
    {
        std::string sum = "1";
        for (int i = 0; i < 100000; ++i) sum += " + 1";
        source_file s;
        const auto r = parse_text(s, header + "define x = " + sum + "\n");
        REQUIRE(r.file);
        const auto& c = std::get<ast::chain>(std::get<ast::define_decl>(r.file->items[0]).value.kind);
        CHECK(c.rest.size() == 100000);
    }

    TEST_CASE("syntax errors say what was expected and where")
    {
        source_file s;
        SUBCASE("an unclosed group names the line of its brace")
        {
            const auto r = parse_text(s, header + "group g \"G\" {\n  indicator i \"I\" declared: x points 1\n");
            REQUIRE(r.issues.size() == 1);
            CHECK(r.issues[0].message == "« indicator » ou « } » attendu pour fermer le groupe (ouverture à la ligne 2, colonne 13)");
            CHECK(r.issues[0].range.begin.line == 4);
        }
        SUBCASE("an unterminated string names its opening quote")
        {
            const auto r = parse_text(s, header + "input x \"Libellé count\n");
            REQUIRE(r.issues.size() == 1);
            CHECK(r.issues[0].message == "« \" » attendu pour fermer la chaîne (ouverture à la ligne 2, colonne 9)");
        }
        SUBCASE("an unknown keyword at the top level lists the declarations")
        {
            const auto r = parse_text(s, header + "indicater x\n");
            REQUIRE(r.issues.size() == 1);
            CHECK(r.issues[0].message == "déclaration attendue : input, define, group, extend group, set, remove group ou example");
            CHECK(r.issues[0].range.begin.line == 2);
            CHECK(r.issues[0].range.begin.column == 1);
        }
        SUBCASE("a missing comparator operand")
        {
            const auto r = parse_text(s, header + "define x = 1 >= \n");
            REQUIRE(r.issues.size() == 1);
            CHECK(r.issues[0].message == "valeur attendue après l'opérateur de comparaison");
        }
        SUBCASE("an accented identifier")
        {
            const auto r = parse_text(s, header + "input volet_é \"X\" count\n");
            REQUIRE(r.issues.size() == 1);
            CHECK(r.issues[0].message == "les identifiants s'écrivent en ASCII : lettres sans accents, chiffres et « _ »");
        }
    }

    TEST_CASE("hostile input gives an error, never a crash")
    {
        source_file s;
        SUBCASE("an empty file")
        {
            const auto r = parse_text(s, "");
            CHECK_FALSE(r.file);
            REQUIRE(r.issues.size() == 1);
            CHECK(r.issues[0].message == "un fichier de règles commence par « convention NOM \"libellé\" { ... } » (un scénario par « scenario NOM \"libellé\" »)");
        }
        SUBCASE("binary bytes")
        {
            const auto r = parse_text(s, std::string("\x00\x01\xff\xfe\x80", 5));
            CHECK_FALSE(r.file);
            CHECK(r.issues.size() == 1);
        }
        SUBCASE("a 50,000-deep nested expression")
        {
            const auto r = parse_text(s, header + "define x = " + std::string(50000, '(') + "1" + std::string(50000, ')') + "\n");
            CHECK_FALSE(r.file);
            REQUIRE(r.issues.size() == 1);
            CHECK(r.issues[0].message.find("trop imbriqué") != std::string::npos);
        }
        SUBCASE("100,000 nested 'not'")
        {
            std::string nots;
            for (int i = 0; i < 100000; ++i) nots += "not ";
            const auto r = parse_text(s, header + "define x = " + nots + "1\n");
            CHECK_FALSE(r.file);
            CHECK(r.issues.size() == 1);
        }
    }

    TEST_CASE("a rule file beyond the limit of syntax nodes is an error at the node beyond it")
    {
        // One term per line, so that the error's line can be quoted with its caret.
        auto sum_of = [](std::size_t terms) {
            std::string text = header + "define x =\n";
            for (std::size_t i = 1; i < terms; ++i) text += "  1 +\n";
            return text + "  1\n";
        };
        source_file s;
        s.name = "t.donum";
        s.text = sum_of(100);
        std::size_t smallest = 0;  // the smallest limit the file passes
        while (!parse(s, smallest).file) ++smallest;
        CHECK(parse(s).file);

        const auto over = parse(s, smallest - 1);
        CHECK_FALSE(over.file);
        REQUIRE(over.issues.size() == 1);
        CHECK(over.issues[0].message == fmt::format("fichier de règles trop grand : un fichier de règles contient au plus {} nœuds de syntaxe (noms, nombres, opérateurs, libellés...) ; celui-ci dépasse la limite ici", smallest - 1));

        // A term of a sum costs two nodes (its operator and its number), and so does a term
        // that is a name (not kept twice, although every name is first tried as a call).
        s.text = sum_of(101);
        CHECK_FALSE(parse(s, smallest + 1).file);
        CHECK(parse(s, smallest + 2).file);
        s.text = sum_of(100) + "define y = a + a + min(a, b)\n";
        // define, its name, the sum, two names, two operators, the call and its two arguments
        CHECK_FALSE(parse(s, smallest + 9).file);
        CHECK(parse(s, smallest + 10).file);

        // Far below the limit: the error points at the first term beyond it, caret included.
        const auto early = parse(s, smallest / 2);
        REQUIRE(early.issues.size() == 1);
        const auto& at = early.issues[0].range.begin;
        CHECK(at.line > 3);
        CHECK(at.line < 100);
        REQUIRE((at.column == 3 || at.column == 5));  // the number or the operator of a term
        const auto shown = render(early.issues[0]);
        CHECK(shown.find(fmt::format("t.donum:{}:{}: erreur : fichier de règles trop grand", at.line, at.column)) == 0);
        CHECK(shown.find("\n    1 +\n    " + std::string(at.column - 3, ' ') + "^\n") != std::string::npos);
    }

    TEST_CASE("the default limit takes a sum of 249,990 terms and refuses one of 250,000")
    {
        auto sum_of = [](std::size_t terms) {
            std::string text = header + "define x = ";
            text.reserve(text.size() + 4 * terms);
            for (std::size_t i = 1; i < terms; ++i) text += "1 + ";
            return text + "1\n";
        };
        static_assert(max_syntax_nodes == 500'000, "update this test, tests/hostile and docs/language.md");
        source_file s;
        s.name = "t.donum";
        s.text = sum_of(249'990);
        const auto passed = parse(s);
        CHECK(passed.issues.empty());
        REQUIRE(passed.file);
        CHECK(std::get<ast::chain>(std::get<ast::define_decl>(passed.file->items.at(0)).value.kind).rest.size() == 249'989);

        s.text = sum_of(250'000);
        const auto refused = parse(s);
        CHECK_FALSE(refused.file);
        REQUIRE(refused.issues.size() == 1);
        CHECK(refused.issues[0].message.find("fichier de règles trop grand : un fichier de règles contient au plus 500000 nœuds de syntaxe") == 0);
        CHECK(refused.issues[0].range.begin.line == 2);
    }

    TEST_CASE("folded levels keep the shape and ranges of the AST")
    {
        source_file s;
        const auto r = parse_text(s, header + "define x = 22.5\ndefine y = (a + 2) * 3 %\n");
        REQUIRE(r.file);
        const auto& x = std::get<ast::define_decl>(r.file->items.at(0)).value;
        const auto& lit = std::get<ast::number_literal>(x.kind);
        CHECK(lit.digits == "22.5");
        CHECK(lit.suffix == ast::unit::none);
        CHECK(x.range.begin.column == 12);
        CHECK(x.range.end.column == 16);
        const auto& y = std::get<ast::define_decl>(r.file->items.at(1)).value;
        const auto& product = std::get<ast::chain>(y.kind);
        REQUIRE(product.rest.size() == 1);
        CHECK(product.rest[0].op == ast::binary_op::mul);
        CHECK(std::get<ast::number_literal>(product.rest[0].operand->kind).suffix == ast::unit::percent);
        const auto& sum = std::get<ast::chain>(product.first->kind);
        CHECK(sum.rest.at(0).op == ast::binary_op::add);
        CHECK(std::get<ast::name_ref>(sum.first->kind).text == "a");
        CHECK(y.range.begin.column == 12);
        CHECK(y.range.end.column == 25);
    }

    TEST_CASE("strings unescape quotes and backslashes; labels keep UTF-8")
    {
        source_file s;
        const auto r = parse_text(s, "convention t \"Dit \\\"DONUM\\\" \\\\ é\" { point_value 7 € years 2024 }\n");
        REQUIRE(r.file);
        CHECK(r.file->header.label->value == "Dit \"DONUM\" \\ é");
    }
}

TEST_CASE("diagnostics quote the line without sending control bytes to the terminal")
{
    source_file s;
    const auto r = parse_text(s, "\x1b[31mconvention");
    REQUIRE(r.issues.size() == 1);
    const auto text = render(r.issues[0]);
    CHECK(text.find('\x1b') == std::string::npos);
    CHECK(text.find("?[31mconvention") != std::string::npos);
}

TEST_CASE("diagnostics quote the right line, found from the byte offset")
{
    source_file s;
    s.name = "t.donum";
    s.text = "one\r\ntwo words\r\n" + std::string(600, 'x') + "\nlast";
    auto at = [&](std::size_t byte, std::size_t line, std::size_t column) {
        return render({severity::error, {&s, {byte, line, column}, {byte + 1, line, column + 1}}, "m", {}});
    };
    CHECK(at(9, 2, 5) == "t.donum:2:5: erreur : m\n  two words\n      ^\n");
    CHECK(at(0, 1, 1) == "t.donum:1:1: erreur : m\n  one\n  ^\n");
    CHECK(at(16, 3, 1) == "t.donum:3:1: erreur : m\n");  // 600 bytes: not quoted
    CHECK(at(619, 4, 3) == "t.donum:4:3: erreur : m\n  last\n    ^\n");
    // A position without its byte offset: the line is counted from the top.
    CHECK(render({severity::error, {&s, {0, 2, 1}, {0, 2, 1}}, "m", {}}) == "t.donum:2:1: erreur : m\n  two words\n  ^\n");
}
