// What the checked program records of what the checker resolved: the comparison of each
// indicator with its target, each slot's path, owner and readers, the index of slot names.
#include <doctest/doctest.h>

#include "support.hpp"

using namespace donum;
using compile::comparison;
using test::compile_text;
using test::header;

namespace {

// The indicator `id` of the program checked from `rules`.
const compile::indicator_info& indicator_of(const compile::program& p, const std::string& id)
{
    for (const auto& i : p.indicators) {
        if (i.id == id) return i;
    }
    FAIL("no indicator ", id);
    return p.indicators.front();
}

}  // namespace

TEST_SUITE("program")
{
    TEST_CASE("a comparison with the target is recorded as written and seen from the measured side")
    {
        const auto r = compile_text(header + "input n \"N\" count\ninput d \"D\" count\n"
                                             "group g \"G\" {\n"
                                             "  indicator right \"R\" calculated: rate(n, d) >= target 30 % points 1\n"
                                             "  indicator left \"L\" calculated: target 30 % <= rate(n, d) points 1\n"
                                             "  indicator below \"B\" calculated: target 5 > n points 1\n"
                                             "  indicator equal \"E\" calculated: n = target 5 points 1\n"
                                             "  indicator none \"N\" declared: n > 5 points 1\n"
                                             "}\n");
        REQUIRE(r.checked);
        const auto& p = *r.checked;

        const auto& right = indicator_of(p, "right");
        CHECK(right.written_comparison == comparison::ge);
        CHECK(right.target_on_right);
        CHECK(right.measured_comparison() == comparison::ge);

        // `target <= rate` is met when the rate is at least the target: >= from the rate.
        const auto& left = indicator_of(p, "left");
        CHECK(left.written_comparison == comparison::le);
        CHECK_FALSE(left.target_on_right);
        CHECK(left.measured_comparison() == comparison::ge);
        CHECK(comparison_text(left.measured_comparison()) == ">=");
        CHECK(left.measured == "rate(n, d)");

        CHECK(indicator_of(p, "below").measured_comparison() == comparison::lt);
        CHECK(indicator_of(p, "equal").measured_comparison() == comparison::eq);
        CHECK(indicator_of(p, "none").measured_comparison() == comparison::none);
        CHECK(comparison_text(comparison::none) == "");
    }

    TEST_CASE("mirroring a comparison swaps its sides and keeps equality")
    {
        CHECK(mirrored(comparison::ge) == comparison::le);
        CHECK(mirrored(comparison::gt) == comparison::lt);
        CHECK(mirrored(comparison::le) == comparison::ge);
        CHECK(mirrored(comparison::lt) == comparison::gt);
        CHECK(mirrored(comparison::eq) == comparison::eq);
        CHECK(mirrored(comparison::ne) == comparison::ne);
        CHECK(compile::comparison_of(compile::opcode::gt) == comparison::gt);
        CHECK(compile::comparison_of(compile::opcode::add) == comparison::none);
    }

    TEST_CASE("each slot records its path, its owner, whether it pays and the nodes that read it")
    {
        const auto r = compile_text(header + "input n \"N\" count\ninput d \"D\" count\n"
                                             "group a \"A\" {\n"
                                             "  indicator i \"I\" calculated: rate(n, d) >= target 30 % points 10\n"
                                             "  indicator j \"J\" declared: n > 0 points 5\n"
                                             "}\n"
                                             "group b \"B\" points 20 when all met {\n"
                                             "  indicator k \"K\" calculated: target 2 <= n\n"
                                             "}\n");
        REQUIRE(r.checked);
        const auto& p = *r.checked;

        const auto* target = p.find_slot("a.i.target");
        REQUIRE(target != nullptr);
        CHECK(target->path.group == "a");
        CHECK(target->path.indicator == "i");
        CHECK(target->path.what == compile::slot_kind::target);
        CHECK(dotted_name(target->path) == "a.i.target");
        REQUIRE(target->owner.has_value());
        CHECK(p.indicators[*target->owner].id == "i");
        CHECK(p.indicators[*target->owner].target_slot == p.slot_index("a.i.target"));
        CHECK_FALSE(target->is_payment());
        // The one node that reads the target is the right side of the condition.
        REQUIRE(target->readers.size() == 1);
        const auto reader = target->readers.front();
        CHECK(p.code[static_cast<std::size_t>(reader)].op == compile::opcode::slot);
        CHECK(p.code[static_cast<std::size_t>(p.indicators[*target->owner].condition)].args.at(1) == reader);

        const auto* points = p.find_slot("a.j.points");
        REQUIRE(points != nullptr);
        CHECK(points->path.what == compile::slot_kind::points);
        CHECK(p.indicators[points->owner.value()].id == "j");
        CHECK(points->is_payment());
        CHECK(points->readers.empty());

        const auto* block = p.find_slot("b.points");
        REQUIRE(block != nullptr);
        CHECK(block->path.group == "b");
        CHECK(block->path.indicator.empty());
        CHECK(block->path.what == compile::slot_kind::block_points);
        CHECK(p.groups[block->owner.value()].id == "b");
        CHECK(p.groups[block->owner.value()].block_slot == p.slot_index("b.points"));
        CHECK(block->is_payment());

        const auto& value = p.slots[p.point_value_slot];
        CHECK(value.name == "point_value");
        CHECK(dotted_name(value.path) == "point_value");
        CHECK_FALSE(value.owner.has_value());
        CHECK(value.is_payment());

        // A target on the left is read the same way, by its own indicator's condition.
        const auto* left = p.find_slot("b.k.target");
        REQUIRE(left != nullptr);
        REQUIRE(left->readers.size() == 1);
        CHECK(p.code[static_cast<std::size_t>(p.indicators[left->owner.value()].condition)].args.at(0) == left->readers.front());

        // Every slot is named by its path, and found by that name.
        for (std::size_t s = 0; s < p.slots.size(); ++s) {
            CHECK(p.slots[s].name == dotted_name(p.slots[s].path));
            CHECK(p.slot_index(p.slots[s].name) == s);
        }
    }

    TEST_CASE("slots are found by name in a copy and after a move")
    {
        const auto r = compile_text(header + "input n \"N\" count\n"
                                             "group g \"G\" { indicator i \"I\" calculated: n >= target 3 points 1 }\n");
        REQUIRE(r.checked);
        auto copy = *r.checked;
        REQUIRE(copy.find_slot("g.i.target") != nullptr);
        CHECK(copy.find_slot("g.i.target") == &copy.slots[*copy.slot_index("g.i.target")]);
        const auto moved = std::move(copy);
        REQUIRE(moved.find_slot("g.i.points") != nullptr);
        CHECK(moved.find_slot("g.i.points") == &moved.slots[*moved.slot_index("g.i.points")]);
        CHECK(moved.find_slot("g.i.target")->by_year.at(0) == exact::rational(3));
        CHECK(moved.find_slot("g.i.nope") == nullptr);
        CHECK_FALSE(moved.slot_index("g").has_value());
    }

    TEST_CASE("a dotted name as written drops its year")
    {
        grammar::ast::slot_name written;
        written.parts = {{{}, "volet2"}, {{}, "dmp"}, {{}, "target"}};
        written.year = "2024";
        CHECK(compile::dotted_name(written) == "volet2.dmp.target");
        CHECK(dotted_name(compile::slot_path{"volet1", "", compile::slot_kind::block_points}) == "volet1.points");
        CHECK(dotted_name(compile::slot_path{"volet2", "dmp", compile::slot_kind::points}) == "volet2.dmp.points");
    }

    TEST_CASE("one rule checks slot values: a rate target in [0, 1], points not negative, a point value above 0")
    {
        const auto r = compile_text(header + "input n \"N\" count\ninput d \"D\" count\n"
                                             "group g \"G\" {\n"
                                             "  indicator r \"R\" calculated: rate(n, d) >= target 30 % points 10\n"
                                             "  indicator c \"C\" calculated: n >= target 12 points 10\n"
                                             "}\n");
        REQUIRE(r.checked);
        const auto& p = *r.checked;
        using exact::rational;
        const auto& rate = *p.find_slot("g.r.target");
        CHECK_FALSE(check_slot_value(rate, rational(0)).has_value());
        CHECK_FALSE(check_slot_value(rate, rational(1)).has_value());
        CHECK(check_slot_value(rate, rational(3, 2)) == "la cible 1.5 de g.r.target est hors de 0 %..100 %");
        CHECK(check_slot_value(rate, rational(-1, 10)).has_value());
        // A count target is not a rate: 120 is a value like another.
        CHECK_FALSE(check_slot_value(*p.find_slot("g.c.target"), rational(120)).has_value());
        const auto& points = *p.find_slot("g.r.points");
        CHECK_FALSE(check_slot_value(points, rational(0)).has_value());
        CHECK(check_slot_value(points, rational(-1)) == "des points ne peuvent pas être négatifs");
        const auto& value = p.slots[p.point_value_slot];
        CHECK_FALSE(check_slot_value(value, rational(1, 100)).has_value());
        CHECK(check_slot_value(value, rational(0)) == "la valeur du point doit être positive");
    }
}
