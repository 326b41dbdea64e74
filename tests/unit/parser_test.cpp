#include <doctest/doctest.h>

#include <string>
#include <variant>

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
            CHECK(r.issues[0].message == "expected 'indicator' or '}' to close the group opened at line 2, column 13");
            CHECK(r.issues[0].range.begin.line == 4);
        }
        SUBCASE("an unterminated string names its opening quote")
        {
            const auto r = parse_text(s, header + "input x \"Libellé count\n");
            REQUIRE(r.issues.size() == 1);
            CHECK(r.issues[0].message == "expected '\"' to close the string opened at line 2, column 9");
        }
        SUBCASE("an unknown keyword at the top level lists the declarations")
        {
            const auto r = parse_text(s, header + "indicater x\n");
            REQUIRE(r.issues.size() == 1);
            CHECK(r.issues[0].message == "expected a declaration: input, define, group, extend group, set, remove group or example");
            CHECK(r.issues[0].range.begin.line == 2);
            CHECK(r.issues[0].range.begin.column == 1);
        }
        SUBCASE("a missing comparator operand")
        {
            const auto r = parse_text(s, header + "define x = 1 >= \n");
            REQUIRE(r.issues.size() == 1);
            CHECK(r.issues[0].message == "expected a value after the comparison operator");
        }
        SUBCASE("an accented identifier")
        {
            const auto r = parse_text(s, header + "input volet_é \"X\" count\n");
            REQUIRE(r.issues.size() == 1);
            CHECK(r.issues[0].message == "identifiers are written in ASCII: letters without accents, digits and '_'");
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
            CHECK(r.issues[0].message == "a rule file starts with 'convention NAME \"label\" { ... }' (a scenario with 'scenario NAME \"label\"')");
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
            CHECK(r.issues[0].message.find("nested too deeply") != std::string::npos);
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
