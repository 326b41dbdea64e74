// Tests of explanations: the rate, the target, the closed gate, the smallest numerator that
// meets a target, neutralised indicators.
#include <doctest/doctest.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "evaluate_support.hpp"
#include "interpreter/eval/explain.hpp"
#include "interpreter/render/explanation.hpp"

using namespace donum;
using namespace donum::test::evaluation;
using eval::indicator_outcome;
using exact::rational;

TEST_SUITE("explain")
{
    TEST_CASE("an explanation shows the rate, the target, the closed gate and the acts missing")
    {
        const auto p = forfait();
        const eval::evaluator e(p, 2024);
        const auto values = row(p, {{"segur_lap", 1}, {"sv_addendum", 8}, {"horaires_annuaire", 1}, {"fse_num", 200}, {"fse_den", 300}, {"dmp_num", 27}, {"dmp_den", 100}, {"sas", 1}});
        const auto x = eval::explain(e, values);
        CHECK(x.points == rational(0));
        const auto& tele = x.indicators[indicator(p, "teletransmission")];
        REQUIRE(tele.numerator.has_value());
        CHECK(tele.numerator->num == 200);
        CHECK(tele.denominator->num == 300);
        CHECK(tele.measured->num == 200);  // kept as counted
        CHECK(tele.measured->den == 300);
        CHECK(*tele.target == rational(2, 3));
        REQUIRE(tele.gap.has_value());
        CHECK(tele.gap->reachable);
        CHECK(tele.gap->needed == 201);  // strictly above 2/3
        CHECK(tele.gap->missing == 1);
        const auto& dmp = x.indicators[indicator(p, "dmp")];
        REQUIRE(dmp.gap.has_value());
        CHECK(dmp.gap->missing == 3);
        CHECK_FALSE(x.indicators[indicator(p, "mss")].gap.has_value());  // zero denominator: no gap
        const auto& volet2 = x.groups[group(p, "volet2")];
        CHECK_FALSE(volet2.open);
        REQUIRE(volet2.terms.size() == 1);
        CHECK_FALSE(volet2.terms[0].holds);
        CHECK(volet2.terms[0].missing == std::vector<std::size_t>{indicator(p, "teletransmission")});

        const auto text = render::render_explanation(p, x);
        CHECK(text.find("fermé (volet1 : teletransmission non atteint)") != std::string::npos);
        CHECK(text.find("rate(fse_num, fse_den) = 200/300 ≈ 66,67 %, cible > 2/3 : non atteint") != std::string::npos);
        CHECK(text.find("il manque 1 « Factures télétransmises en FSE » pour dépasser 2/3 (201/300)") != std::string::npos);
        CHECK(text.find("il manque 3 « Consultations avec alimentation du DMP » pour atteindre 30 % (30/100)") != std::string::npos);
        CHECK(text.find("neutralisé") == std::string::npos);
        CHECK(text.find("Total : 0 point × 7,00 € = 0,00 €") != std::string::npos);
    }

    TEST_CASE("the smallest numerator is exact for >= and > targets and says when it is impossible")
    {
        const auto p = compile_text(header + R"(
input n "N" count
input d "D" count
group g "G" {
  indicator at_least "At least" calculated: rate(n, d) >= target 2/3
    points 1
  indicator above "Above" calculated: rate(n, d) > target 2/3
    points 1
  indicator mirrored "Mirrored" calculated: target 2/3 <= rate(n, d)
    points 1
  indicator impossible "Impossible" calculated: rate(n, d) > target 100 %
    points 1
}
)");
        const eval::evaluator e(p, 2024);
        const auto x = eval::explain(e, row(p, {{"n", 0}, {"d", 301}}));
        // 2/3 of 301 is 200.67: 201 reaches it and passes it.
        CHECK(x.indicators[indicator(p, "at_least")].gap->needed == 201);
        CHECK(x.indicators[indicator(p, "above")].gap->needed == 201);
        CHECK(x.indicators[indicator(p, "mirrored")].gap->needed == 201);
        CHECK(x.indicators[indicator(p, "at_least")].gap->missing == 201);
        CHECK_FALSE(x.indicators[indicator(p, "impossible")].gap->reachable);
        const auto y = eval::explain(e, row(p, {{"n", 199}, {"d", 300}}));
        CHECK(y.indicators[indicator(p, "at_least")].gap->needed == 200);
        CHECK(y.indicators[indicator(p, "at_least")].gap->missing == 1);
        CHECK(y.indicators[indicator(p, "above")].gap->needed == 201);
        CHECK(y.indicators[indicator(p, "above")].gap->missing == 2);
        const auto text = render::render_explanation(p, x);
        CHECK(text.find("impossible de dépasser 100 % sans changer le dénominateur") != std::string::npos);
    }

    TEST_CASE("an explanation names neutralised indicators and the zero-denominator rule")
    {
        const auto p = compile_text(header + R"(
input f "F" boolean
input n "N" count
input d "D" count
group base "Base" points 10 when at least 2 met {
  indicator i1 "I1" declared: f
  indicator i2 "I2" calculated: rate(n, d) >= target 50 %
    zero_denominator neutralised
  indicator i3 "I3" calculated: rate(n, d) >= target 60 %
}
group later "Later" requires at least 2 of base {
  indicator x "X" declared: f
    points 1
}
)");
        const eval::evaluator e(p, 2024);
        // One met and one neutralised make the two the block and the gate need.
        const auto paid = eval::explain(e, row(p, {{"f", 1}, {"d", 0}}));
        CHECK(paid.points == rational(11));
        CHECK(paid.groups[0].block_paid);
        CHECK(paid.groups[0].neutralised == 1);
        CHECK(render::render_explanation(p, paid).find("neutralisé (indéfini : règle zero_denominator)") != std::string::npos);
        // Nothing really met: a neutralised indicator never counts alone.
        const auto x = eval::explain(e, row(p, {{"f", 0}, {"d", 0}}));
        CHECK(x.points == rational(0));
        CHECK_FALSE(x.groups[0].block_paid);
        const auto text = render::render_explanation(p, x);
        CHECK(text.find("fermé (base : 0 atteint sur 2 requis (i1, i3 non atteints))") != std::string::npos);
        CHECK(text.find("non payé, 0 atteint (+ 1 neutralisé) sur 2") != std::string::npos);
    }
}
