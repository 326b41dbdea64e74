// Writes the hostile inputs of tests/hostile at test time (the repository holds none of them:
// some are 50 MB, some hold NUL bytes that CMake strings cannot), and checks outputs.
//
//   hostile_tool write CASE DIR   writes the files of CASE into DIR (see `cases` below)
//   hostile_tool utf8 FILE        exit 0 if FILE is valid UTF-8, 1 if not (with the offset)
//   hostile_tool run PROGRAM ARGS runs PROGRAM with SIGINT, SIGTERM and SIGHUP at their
//                                 default action (a shell ignores SIGINT in the commands
//                                 it starts in the background; tests/hostile/interrupt.sh
//                                 needs them as a terminal would deliver them)
//
// Uses only the standard library (and execvp): it must not share a bug with donum.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include <csignal>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace std::string_literals;

namespace {

constexpr std::size_t mb50 = 50u * 1024u * 1024u;
constexpr int deep = 100000;

const std::string header = "convention hostile \"Hostile\" { point_value 7 € years 2024 }\n";
const std::string csv_header = "id,year,ok,n,d,compte\n";  // the columns of tests/data/mini.donum
// tests/data/mini.donum, for cases whose files an output could destroy: never the source tree's.
const std::string mini_rules =
    "convention mini \"Mini\" { point_value 7 € years 2023, 2024 }\n"
    "input ok \"Déclaré\" boolean\ninput n \"Numérateur\" count\ninput d \"Dénominateur\" count\ninput k \"Compte\" count column \"compte\"\n"
    "group socle \"Socle\" points 10 when all met {\n  indicator declare \"Déclaré\" declared: ok\n}\n"
    "group services \"Services\" requires all of socle {\n"
    "  indicator taux \"Taux\" calculated: rate(n, d) >= target { 2023: 20 %, 2024: 30 % } points 22.5\n"
    "  indicator compte \"Compte\" calculated: k >= target 1 points 5\n}\n";

void put(const fs::path& path, const std::string& bytes)
{
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

std::string repeat(const std::string& s, std::size_t n)
{
    std::string out;
    out.reserve(s.size() * n);
    for (std::size_t i = 0; i < n; ++i) out += s;
    return out;
}

// A rule file whose one definition is `define x = EXPR`, used by an indicator (so that no
// "never used" warning quotes the line; input a may be unused).
std::string rules_with(const std::string& expr)
{
    return header + "input a \"A\" count\ndefine x = " + expr + "\ngroup g \"G\" { indicator i \"I\" calculated: x >= target 1 points 1 }\n";
}

using writer = std::function<void(const fs::path&)>;

const std::map<std::string, writer> cases = {
    // Rule files nested 100,000 deep: each an error "nested too deeply", not a stack overflow.
    {"deep_parens", [](const fs::path& d) { put(d / "rules.donum", rules_with(repeat("(", deep) + "1" + repeat(")", deep))); }},
    {"deep_minus", [](const fs::path& d) { put(d / "rules.donum", rules_with(repeat("- ", deep) + "1")); }},
    {"deep_not", [](const fs::path& d) { put(d / "rules.donum", rules_with(repeat("not ", deep) + "1")); }},
    {"deep_calls", [](const fs::path& d) { put(d / "rules.donum", rules_with(repeat("min(1, ", deep) + "1" + repeat(")", deep))); }},
    {"deep_if", [](const fs::path& d) { put(d / "rules.donum", rules_with(repeat("if a > 0 then ", deep) + "1" + repeat(" else 2", deep))); }},
    {"deep_mixed", [](const fs::path& d) { put(d / "rules.donum", rules_with(repeat("(-max(1, not (", deep / 4) + "1" + repeat(")))", deep / 4))); }},
    // Nested groups: braces opened 100,000 times in a group body and in a target table.
    {"deep_braces", [](const fs::path& d) { put(d / "rules.donum", header + "group g \"G\" " + repeat("{", deep) + repeat("}", deep) + "\n"); }},
    {"deep_target_table", [](const fs::path& d) {
         put(d / "rules.donum", header + "input a \"A\" count\ngroup g \"G\" { indicator i \"I\" calculated: a >= target " + repeat("{ 2024: ", deep) + "1" + repeat(" }", deep) + " points 1 }\n");
     }},
    // Long but flat: a 100,000-term sum is one node; it must check, and quickly.
    {"long_sum", [](const fs::path& d) { put(d / "rules.donum", rules_with(repeat("a + ", deep) + "1")); }},
    // 20,000 inputs and a sum of 20,000 unknown names, each close to an input: every name is
    // an error, and looking for the closest name of each among all inputs must not take
    // minutes.
    {"unknown_names", [](const fs::path& d) {
         std::string inputs;
         std::string sum = "0";
         for (int k = 0; k < 20000; ++k) {
             inputs += "input i" + std::to_string(k) + " \"I\" count\n";
             sum += " + j" + std::to_string(k);
         }
         put(d / "rules.donum", header + inputs + "define x = " + sum + "\ngroup g \"G\" { indicator i \"I\" calculated: x >= target 1 points 1 }\n");
     }},
    // A 50 MB rule file of "1 + 1 + ...": 13 million terms, beyond the limit of syntax nodes.
    {"sum_50mb", [](const fs::path& d) { put(d / "rules.donum", rules_with(repeat("1 + ", mb50 / 4) + "1")); }},
    // The same, one term a line: the error quotes its line with a caret.
    {"sum_50mb_lines", [](const fs::path& d) { put(d / "rules.donum", rules_with("\n" + repeat("1 +\n", mb50 / 4) + "1")); }},
    // Close to the longest sum the limit lets through: 249,950 terms, 2 nodes each.
    {"sum_at_limit", [](const fs::path& d) { put(d / "rules.donum", rules_with(repeat("1 + ", 249949) + "1")); }},
    // Integers beyond 64 bits in every place a rule file holds one.
    {"big_numbers", [](const fs::path& d) {
         put(d / "rules.donum",
             "convention hostile \"Hostile\" { point_value 99999999999999999999.99 € years 2024 }\n"
             "input a \"A\" count\n"
             "define x = 9223372036854775808\n"
             "group g \"G\" { indicator i \"I\" calculated: a >= target 18446744073709551616 points 1.000000000000000000001 }\n"
             "example \"e\" { given a = 99999999999999999999 expect 1 points, 7.00 € }\n");
     }},
    // Every value fits, the maximum (the sum of the points) does not.
    {"big_maximum", [](const fs::path& d) {
         put(d / "rules.donum", header + "input a \"A\" count\n"
                                         "group g \"G\" { indicator i \"I\" calculated: a >= target 1 points 9223372036854775807 }\n"
                                         "group h \"H\" { indicator j \"J\" calculated: a >= target 1 points 9223372036854775807 }\n");
     }},
    // A 50 MB line: a number (an error, whose message must not echo 50 MB) and a label (fine).
    {"long_number", [](const fs::path& d) { put(d / "rules.donum", rules_with(std::string(mb50, '1'))); }},
    {"long_label", [](const fs::path& d) {
         std::string label;
         for (std::size_t i = 0; i < mb50 / 2; ++i) label += "é";
         put(d / "rules.donum", header + "input a \"" + label + "\" count\ngroup g \"G\" { indicator i \"I\" calculated: a >= target 1 points 1 }\n");
     }},
    // Invalid UTF-8 in labels: a lone continuation byte, a byte that never occurs, a sequence
    // cut short.
    {"bad_utf8_labels", [](const fs::path& d) {
         put(d / "rules.donum", header + "input a \"A \x80\x80\" count\n"
                                         "group g \"G \xff\" { indicator i \"I \xc3\" calculated: a >= target 1 points 1 }\n");
     }},
    // The subtler ones: an overlong '/', a UTF-16 surrogate, a code point beyond U+10FFFF.
    {"bad_utf8_subtle", [](const fs::path& d) {
         put(d / "rules.donum", header + "input a \"A \xc0\xaf\" count\n"
                                         "group g \"G \xed\xa0\x80\" { indicator i \"I \xf4\x90\x80\x80\" calculated: a >= target 1 points 1 }\n");
     }},
    // NUL bytes: between declarations (a syntax error) and inside a label.
    {"nul_in_rules", [](const fs::path& d) {
         put(d / "rules.donum", header + "input a \"A\" count\n\0\0\0\n"s + "group g \"G\" { indicator i \"I\" calculated: a >= target 1 points 1 }\n");
     }},
    {"nul_in_label", [](const fs::path& d) {
         put(d / "rules.donum", header + "input a \"A\" count\n" + "group g \"G\" { indicator i \"Ind\0icateur X\" calculated: a >= target 1 points 1 }\n"s);
         put(d / "data.csv", "id,year,a\nP,2024,1\n");
     }},
    // extends: a cycle of three files, and paths leaving the folder (directly, through
    // "..", through a symbolic link).
    {"extends_cycle", [](const fs::path& d) {
         put(d / "a.donum", "convention a \"A\" extends \"b.donum\" { }\n");
         put(d / "b.donum", "convention b \"B\" extends \"sub/../c.donum\" { }\n");
         put(d / "c.donum", "convention c \"C\" extends \"./a.donum\" { }\n");
         fs::create_directories(d / "sub");
     }},
    {"extends_outside", [](const fs::path& d) {
         fs::create_directories(d / "in" / "sub");
         put(d / "outside.donum", header + "input a \"A\" count\ngroup g \"G\" { indicator i \"I\" calculated: a >= target 1 points 1 }\n");
         put(d / "in" / "up.donum", "convention up \"Up\" extends \"sub/../../outside.donum\" { }\n");
         put(d / "in" / "vialink.donum", "convention vialink \"Link\" extends \"link.donum\" { }\n");
         fs::create_symlink("../outside.donum", d / "in" / "link.donum");
     }},
    // Chains as long as a generator may write them: 10,000 rule files each extending the
    // one before, 10,000 scenarios likewise, 30,000 groups each requiring the one before.
    {"extends_chain", [](const fs::path& d) {
         put(d / "f0.donum", header + "input a \"A\" count\ngroup g \"G\" { indicator i \"I\" calculated: a >= target 1 points 1 }\n");
         for (int i = 1; i < 10000; ++i) {
             put(d / ("f" + std::to_string(i) + ".donum"), "convention f" + std::to_string(i) + " \"F\" extends \"f" + std::to_string(i - 1) + ".donum\" { }\nset g.i.points = " + std::to_string(i) + "\n");
         }
     }},
    {"scenario_chain", [](const fs::path& d) {
         put(d / "rules.donum", mini_rules);
         put(d / "data.csv", csv_header + "A,2024,1,2,10,1\n");
         put(d / "s0.donum", "scenario s0 \"S\"\nset services.compte.points = 0\n");
         for (int i = 1; i < 10000; ++i) {
             put(d / ("s" + std::to_string(i) + ".donum"), "scenario s" + std::to_string(i) + " \"S\" extends \"s" + std::to_string(i - 1) + ".donum\"\nset services.compte.points = " + std::to_string(i) + "\n");
         }
     }},
    {"gate_chain", [](const fs::path& d) {
         std::string text = header + "input a \"A\" boolean\ngroup g0 \"G\" { indicator i \"I\" declared: a points 1 }\n";
         for (int i = 1; i < 30000; ++i) {
             const auto n = std::to_string(i);
             text += "group g" + n + " \"G\" requires all of g" + std::to_string(i - 1) + " { indicator i" + n + " \"I\" declared: a points 1 }\n";
         }
         put(d / "rules.donum", text);
     }},
    // Numbers at the edge of 64 bits where no row overflows: a rate target of huge numerator
    // and denominator (fraction.donum; near.donum, whose near-miss window has no 64-bit
    // bound), euros of 10^-18 (tiny.donum), a count at the top of 64 bits (data.csv, row A).
    {"fine_fractions", [](const fs::path& d) {
         const std::string rules =
             "convention fine \"Fractions fines\" { point_value 0.000000001 € years 2024 }\n"
             "input n \"N\" count\ninput d \"D\" count\ninput k \"K\" count\n"
             "group g \"G\" {\n"
             "  indicator taux \"Taux\" calculated: rate(n, d) >= target 4611686018427387903/9223372036854775807 points 1\n"
             "  indicator compte \"Compte\" calculated: k >= target 1 points 1\n}\n";
         put(d / "fraction.donum", rules);
         auto near = rules;
         near.replace(near.find("4611686018427387903/"), 20, "1/");
         put(d / "near.donum", near);
         auto tiny = rules;
         for (auto at = tiny.find("points 1\n"); at != std::string::npos; at = tiny.find("points 1\n", at + 1)) tiny.replace(at, 8, "points 0.000000001");
         put(d / "tiny.donum", tiny);
         put(d / "data.csv", "id,year,n,d,k\nA,2024,1,2,9223372036854775807\nB,2024,1,3,1\n");
         put(d / "small.csv", "id,year,n,d,k\nA,2024,1,2,2\nB,2024,1,3,1\n");
     }},
    // What editors and PDF copies put in a rule file: a byte order mark (at the start: read;
    // elsewhere: named), a no-break space, a narrow no-break space before '%' (French
    // typography), typographic quotes, lines ending with CR alone (a comment would swallow
    // the rest of the file).
    {"rules_bom", [](const fs::path& d) { put(d / "rules.donum", "\xEF\xBB\xBF" + mini_rules); }},
    {"rules_bom_inside", [](const fs::path& d) { put(d / "rules.donum", header + "\xEF\xBB\xBFinput a \"A\" count\n"); }},
    {"rules_nbsp", [](const fs::path& d) { put(d / "rules.donum", "convention n \"N\" {\xC2\xA0point_value 7 € years 2024 }\n"); }},
    {"rules_narrow_nbsp", [](const fs::path& d) {
         put(d / "rules.donum", header + "input a \"A\" count\ninput b \"B\" count\ngroup g \"G\" { indicator i \"I\" calculated: rate(a, b) >= target 30\xE2\x80\xAF% points 1 }\n");
     }},
    {"rules_typographic_quotes", [](const fs::path& d) { put(d / "rules.donum", header + "input a \xE2\x80\x9C" "A\xE2\x80\x9D count\n"); }},
    {"rules_cr_only", [](const fs::path& d) {
         put(d / "rules.donum", "# Proposition\rconvention c \"C\" { point_value 7 € years 2024 }\rinput a \"A\" count\r# groupe\rgroup g \"G\" { indicator i \"I\" calculated: a >= target 1 points 1 }\r");
         put(d / "data.csv", "id,year,a\nA,2024,1\n");
     }},
    // Ids holding terminal control sequences: an escape that would turn the screen red, a
    // right-to-left override that would reorder the line.
    {"control_ids", [](const fs::path& d) {
         put(d / "data.csv", csv_header + "A\x1b[31mROUGE,2024,1,2,10,1\nB\xE2\x80\xAEX,2024,1,2,10,1\n");
         put(d / "duplicate.csv", csv_header + "A\x1b[31mROUGE,2024,1,2,10,1\nA\x1b[31mROUGE,2024,1,2,10,1\n");
     }},
    // Activity data, for tests/data/mini.donum.
    {"csv_big_ints", [](const fs::path& d) {
         put(d / "data.csv", csv_header + "A,2024,1,9223372036854775808,10,0\nB,2024,1,2,18446744073709551616,0\nC,2024,1,2,10,-9223372036854775809\nD,99999999999999999999,1,2,10,0\n");
     }},
    {"csv_long_field", [](const fs::path& d) { put(d / "data.csv", csv_header + "A,2024,1,2,10," + std::string(mb50, '1') + "\n"); }},
    {"csv_long_id", [](const fs::path& d) { put(d / "data.csv", csv_header + "\"" + std::string(mb50, 'A') + "\",2024,1,2,10,0\n"); }},
    {"csv_separator_flood", [](const fs::path& d) { put(d / "data.csv", std::string(mb50, ',') + "\n"); }},
    {"csv_unterminated_quote", [](const fs::path& d) { put(d / "data.csv", csv_header + "\"A" + std::string(mb50, 'x')); }},
    {"csv_empty_rows_50mb", [](const fs::path& d) { put(d / "data.csv", csv_header + repeat(",,,,,\n", mb50 / 6)); }},
    {"csv_bad_utf8", [](const fs::path& d) { put(d / "data.csv", csv_header + "\xff\xfe,2024,1,2,10,0\n\xc3(,2024,1,2,10,0\n"); }},
    {"csv_nul", [](const fs::path& d) { put(d / "data.csv", csv_header + "A,2024,1,2,10,0\nB\0,2024,1,2,10,0\n"s); }},
    {"csv_empty", [](const fs::path& d) { put(d / "data.csv", ""); }},
    {"csv_header_only", [](const fs::path& d) { put(d / "data.csv", csv_header); }},
    {"csv_too_many_fields", [](const fs::path& d) { put(d / "data.csv", csv_header + "A,2024,1,2,10,0\nB,2024,1,2,10,0,7\n"); }},
    // Output targets: a regular file where a folder is expected, a symbolic link to a file.
    {"output_parent_is_file", [](const fs::path& d) { put(d / "file", "not a folder\n"); }},
    {"output_symlink", [](const fs::path& d) {
         put(d / "target.csv", "old\n");
         fs::create_symlink("target.csv", d / "link.csv");
     }},
    {"output_folder", [](const fs::path& d) { fs::create_directories(d / "results.csv"); }},
    // The files of a run, and other names for them: an output must never replace any of
    // them (a link, a hard link, `./x`, a linked folder), nor follow a link planted where a
    // temporary file used to be named.
    {"own_files", [](const fs::path& d) {
         put(d / "rules.donum", mini_rules);
         put(d / "derived.donum", "convention derived \"Dérivée\" extends \"rules.donum\" { }\nset services.compte.points = 6\n");
         put(d / "scenario.donum", "scenario s \"S\"\nset services.compte.points = 10\n");
         put(d / "data.csv", csv_header + "A,2024,1,2,10,1\nB,2024,0,5,5,3\n");
         put(d / "mixed.csv", csv_header + "A,2024,1,2,10,1\nB,2024,1,2\n");
         put(d / "victim.txt", "must stay\n");
         fs::create_symlink("data.csv", d / "link.csv");
         fs::create_hard_link(d / "data.csv", d / "hard.csv");
         fs::create_symlink(".", d / "here");
         fs::create_symlink("victim.txt", d / "chart.svg.tmp-chart");
     }},
    // A population large enough for its output to take a while to write (signal tests).
    {"large_population", [](const fs::path& d) {
         put(d / "rules.donum", mini_rules);
         std::string rows = csv_header;
         rows.reserve(25u * 1000000u);
         for (int i = 0; i < 1000000; ++i) rows += "P" + std::to_string(i) + ",2024,1," + std::to_string(i % 7) + "," + std::to_string(10 + i % 5) + "," + std::to_string(i % 13) + "\n";
         put(d / "data.csv", rows);
     }},
};

// Returns the offset of the first byte that is not valid UTF-8, or npos.
std::size_t invalid_utf8(const std::string& s)
{
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = 0;
        unsigned min = 0;
        unsigned cp = 0;
        if (c < 0x80) { ++i; continue; }
        if (c >= 0xc2 && c <= 0xdf) { n = 1; cp = c & 0x1fu; min = 0x80; }
        else if (c >= 0xe0 && c <= 0xef) { n = 2; cp = c & 0x0fu; min = 0x800; }
        else if (c >= 0xf0 && c <= 0xf4) { n = 3; cp = c & 0x07u; min = 0x10000; }
        else return i;
        for (std::size_t k = 1; k <= n; ++k) {
            if (i + k >= s.size()) return i;
            const auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xc0u) != 0x80u) return i;
            cp = (cp << 6) | (cc & 0x3fu);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
        i += n + 1;
    }
    return std::string::npos;
}

}  // namespace

int main(int argc, char** argv)
{
    const std::string usage = "usage: hostile_tool write CASE DIR | hostile_tool utf8 FILE | hostile_tool run PROGRAM ARGS...\n";
    if (argc >= 3 && std::string(argv[1]) == "run") {
        for (const int s : {SIGINT, SIGTERM, SIGHUP}) std::signal(s, SIG_DFL);
        ::execvp(argv[2], argv + 2);
        std::perror("hostile_tool run");
        return 127;
    }
    try {
        if (argc == 4 && std::string(argv[1]) == "write") {
            const auto it = cases.find(argv[2]);
            if (it == cases.end()) {
                std::cerr << "hostile_tool: no case '" << argv[2] << "'\n";
                return 2;
            }
            fs::create_directories(argv[3]);
            it->second(argv[3]);
            return 0;
        }
        if (argc == 3 && std::string(argv[1]) == "utf8") {
            std::ifstream in(argv[2], std::ios::binary);
            if (!in) {
                std::cerr << "hostile_tool: cannot read " << argv[2] << "\n";
                return 2;
            }
            const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            const auto bad = invalid_utf8(text);
            if (bad == std::string::npos) return 0;
            std::cerr << argv[2] << ": invalid UTF-8 at byte " << bad << "\n";
            return 1;
        }
    }
    catch (const std::exception& e) {
        std::cerr << "hostile_tool: " << e.what() << "\n";
        return 2;
    }
    std::cerr << usage;
    return 2;
}
