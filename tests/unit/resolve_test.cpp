#include <doctest/doctest.h>

#include "support.hpp"

using namespace donum;
using test::messages;
using test::write_file;

namespace {

const std::string base = "convention base \"Base\" { point_value 7 € years 2023, 2024 }\n"
                         "input n \"N\" count\ninput d \"D\" count\ninput x \"X\" boolean\n"
                         "group v1 \"Volet 1\" points 280 when all met { indicator t \"T\" calculated: rate(n, d) > target 2/3 }\n"
                         "group v2 \"Volet 2\" requires all of v1 {\n"
                         "  indicator dmp \"DMP\" calculated: rate(n, d) >= target { 2023: 20 %, 2024: 30 % } points 40\n"
                         "  indicator sas \"SAS\" calculated: x points 200\n}\n"
                         "example \"base only\" { year 2024 given x = 1 expect 0 points, 0.00 € }\n";

compile::compiled derive(const std::string& derived, compile::compile_options options = {})
{
    const auto dir = test::temp_folder();
    write_file(dir, "base.donum", base);
    return compile::compile_rules(write_file(dir, "derived.donum", derived), options);
}

}  // namespace

TEST_SUITE("resolve")
{
    TEST_CASE("a derived version changes only what it says")
    {
        const auto r = derive("convention p \"Proposition\" extends \"base.donum\" { point_value 7.5 € }\n"
                              "set v2.dmp.target@2024 = 35 %\nset v2.sas.points = 250\nset v1.points = 300\n"
                              "extend group v2 { indicator mss \"MSS\" calculated: rate(n, d) >= target 10 % points 40\n"
                              "  replace indicator sas \"SAS renouvelé\" calculated: x points 180 }\n");
        CHECK(messages(r.issues) == "");
        REQUIRE(r.checked);
        const auto& p = *r.checked;
        CHECK(p.id == "p");
        CHECK(p.label == "Proposition");
        CHECK(p.slots[p.point_value_slot].by_year[0] == exact::rational(15, 2));
        CHECK(p.find_slot("v2.dmp.target")->by_year[0] == exact::rational(1, 5));
        CHECK(p.find_slot("v2.dmp.target")->by_year[1] == exact::rational(7, 20));
        // Sets apply after the structural changes: the set overrides the replacement's points.
        CHECK(p.find_slot("v2.sas.points")->by_year[0] == exact::rational(250));
        CHECK(p.find_slot("v1.points")->by_year[1] == exact::rational(300));
        CHECK(p.find_slot("v2.mss.target")->by_year[1] == exact::rational(1, 10));
        CHECK(p.examples.empty());  // the base's examples check the base's amounts only
    }

    TEST_CASE("a removed indicator cannot be set")
    {
        const auto r = derive("convention p \"P\" extends \"base.donum\" { }\nset v2.dmp.points = 20\nextend group v2 { remove indicator dmp }\n");
        CHECK(messages(r.issues) == "error: il n'y a pas d'indicateur « dmp » dans le groupe « v2 » (vouliez-vous dire « v2.sas.points » ?)\n");
    }

    TEST_CASE("setting one year of a single value keeps the other years")
    {
        const auto r = derive("convention p \"P\" extends \"base.donum\" { }\nset v1.t.target@2024 = 3/4\n");
        REQUIRE(r.checked);
        const auto* s = r.checked->find_slot("v1.t.target");
        CHECK(s->by_year[0] == exact::rational(2, 3));
        CHECK(s->by_year[1] == exact::rational(3, 4));
    }

    TEST_CASE("changes to names that do not exist and conflicting changes are errors")
    {
        const auto r = derive("convention p \"P\" extends \"base.donum\" { }\n"
                              "set v2.dmp.target = 35 %\nset v2.dmp.target@2024 = 40 %\nset v2.dmpp.points = 20\nset v1.t.points = 3\n"
                              "extend group v2 { indicator dmp \"Doublon\" calculated: n > 0 points 1\n  remove indicator nothing }\n"
                              "extend group v3 { }\nremove group v9\n");
        CHECK(messages(r.issues).find("il n'y a pas d'indicateur « nothing » dans le groupe « v2 »") != std::string::npos);
        CHECK(messages(r.issues).find("il n'y a pas de groupe « v3 » à étendre (vouliez-vous dire « v1 » ?)") != std::string::npos);
        CHECK(messages(r.issues).find("il n'y a pas de groupe « v9 » à retirer (vouliez-vous dire « v1 » ?)") != std::string::npos);
        CHECK(messages(r.issues).find("changements en conflit : v2.dmp.target@2024 est déjà réglé dans ce fichier") != std::string::npos);
        CHECK(messages(r.issues).find(" inconnu") == std::string::npos);
        CHECK(messages(r.issues).find("il n'y a pas d'indicateur « dmpp » dans le groupe « v2 » (vouliez-vous dire « v2.dmp.points » ?)") != std::string::npos);
        CHECK(messages(r.issues).find("l'indicateur « t » n'a pas de points propres (son groupe est payé en bloc)") != std::string::npos);
        CHECK(messages(r.issues).find("l'indicateur « dmp » existe déjà dans le groupe « v2 »") != std::string::npos);
        CHECK_FALSE(r.checked);
    }

    TEST_CASE("a file that extends itself, directly or in a cycle, is an error")
    {
        const auto dir = test::temp_folder();
        write_file(dir, "a.donum", "convention a \"A\" extends \"b.donum\" { }\n");
        write_file(dir, "b.donum", "convention b \"B\" extends \"a.donum\" { }\n");
        const auto r = compile::compile_rules((dir / "a.donum").string(), {});
        CHECK(messages(r.issues) == "error: cycle de extends : a.donum -> b.donum -> a.donum\n");
        const auto self = compile::compile_rules(write_file(dir, "self.donum", "convention s \"S\" extends \"self.donum\" { }\n"), {});
        CHECK(messages(self.issues) == "error: cycle de extends : self.donum -> self.donum\n");
    }

    TEST_CASE("extending a file outside the folder needs permission")
    {
        const auto outer = test::temp_folder();
        write_file(outer, "base.donum", base);
        const auto inner = outer / "proposals";
        std::filesystem::create_directories(inner);
        const auto path = write_file(inner, "p.donum", "convention p \"P\" extends \"../base.donum\" { }\n");
        const auto refused = compile::compile_rules(path, {});
        REQUIRE(refused.issues.size() == 1);
        CHECK(refused.issues[0].message.find("est hors du dossier du fichier lu") != std::string::npos);
        compile::compile_options allowed;
        allowed.load.allow_outside = true;
        CHECK(compile::compile_rules(path, allowed).checked);
    }

    TEST_CASE("a missing base file is an error at the extends clause")
    {
        const auto r = derive("convention p \"P\" extends \"nowhere.donum\" { }\n");
        REQUIRE(r.issues.size() == 1);
        CHECK(r.issues[0].message.find("impossible de lire") == 0);
        CHECK(r.issues[0].range.begin.line == 1);
    }
}
