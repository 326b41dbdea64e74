// What the checked program records of what the checker resolved: the comparison of each
// indicator with its target, and (below) each slot's path, owner and readers.
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
}
