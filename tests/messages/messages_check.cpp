// The catalogue test: finds every text marked for people in the sources (tr("…"),
// trf("…", …), N_("…")) and fails when one has no French in the catalogue, when its French
// and its English do not have the same fields, or when the catalogue holds a text that no
// source marks any more (a stale translation). Usage: messages_check DIR...
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "interpreter/messages/catalogue.hpp"

namespace {

namespace fs = std::filesystem;
using donum::messages::entry;

struct marked {
    std::string text;
    std::string where;  // file:line
};

// Reads one C++ string literal at `i` (plain or raw), unescaping the escapes messages use;
// nullopt when `i` does not start one.
std::optional<std::string> literal_at(const std::string& s, std::size_t& i)
{
    if (s.compare(i, 3, "R\"(") == 0) {
        const auto end = s.find(")\"", i + 3);
        if (end == std::string::npos) return std::nullopt;
        std::string out = s.substr(i + 3, end - i - 3);
        i = end + 2;
        return out;
    }
    if (i >= s.size() || s[i] != '"') return std::nullopt;
    std::string out;
    for (++i; i < s.size() && s[i] != '"'; ++i) {
        if (s[i] != '\\' || i + 1 >= s.size()) {
            out += s[i];
            continue;
        }
        switch (const char c = s[++i]) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        default: out += c; break;  // \" \\ \'
        }
    }
    ++i;
    return out;
}

void skip_space(const std::string& s, std::size_t& i)
{
    while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r')) ++i;
}

// The marked texts of one file: each marker followed by one literal or several adjacent ones.
void scan(const fs::path& file, std::vector<marked>& out)
{
    std::ifstream in{file, std::ios::binary};
    const std::string s{std::istreambuf_iterator<char>{in}, {}};
    for (const char* marker : {"tr(", "trf(", "N_("}) {
        const std::string m{marker};
        for (auto at = s.find(m); at != std::string::npos; at = s.find(m, at + 1)) {
            // a whole word: "str(" or "attr(" are not markers
            if (at > 0 && (std::isalnum(static_cast<unsigned char>(s[at - 1])) || s[at - 1] == '_')) continue;
            std::size_t i = at + m.size();
            skip_space(s, i);
            std::string text;
            bool any = false;
            while (auto piece = literal_at(s, i)) {
                text += *piece;
                any = true;
                skip_space(s, i);
            }
            if (!any) continue;  // a variable: its texts are marked where they are written
            const auto line = 1 + std::count(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(at), '\n');
            out.push_back({text, file.string() + ":" + std::to_string(line)});
        }
    }
}

// The fields of a fmt text, as written ("{}", "{:>5}", "{0}"), and their count: a French
// text may number its fields to reorder them, so only the count and the specs must agree.
std::multiset<std::string> fields(const std::string& t)
{
    std::multiset<std::string> out;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (t[i] == '{' && i + 1 < t.size() && t[i + 1] == '{') { ++i; continue; }
        if (t[i] == '}' && i + 1 < t.size() && t[i + 1] == '}') { ++i; continue; }
        if (t[i] != '{') continue;
        const auto end = t.find('}', i);
        if (end == std::string::npos) break;
        std::string f = t.substr(i + 1, end - i - 1);
        const auto colon = f.find(':');
        out.insert(colon == std::string::npos ? std::string{} : f.substr(colon));  // the spec only
        i = end;
    }
    return out;
}

}  // namespace

int main(int argc, char** argv)
{
    std::vector<marked> texts;
    for (int a = 1; a < argc; ++a)
        for (const auto& e : fs::recursive_directory_iterator(argv[a]))
            if (e.is_regular_file() && (e.path().extension() == ".cpp" || e.path().extension() == ".hpp") &&
                e.path().string().find("/messages/") == std::string::npos)
                scan(e.path(), texts);

    std::map<std::string, std::string> catalogue;
    int problems = 0;
    for (auto part : {donum::messages::grammar_catalogue(), donum::messages::compile_catalogue(), donum::messages::data_catalogue(),
                      donum::messages::engine_catalogue(), donum::messages::cli_catalogue(), donum::messages::serve_catalogue(),
                      donum::messages::render_catalogue()})
        for (const entry& e : part)
            if (*e.english == '\0') continue;  // a table with no message yet holds one empty entry
            else if (!catalogue.emplace(e.english, e.french).second) {
                std::printf("catalogue: \"%s\" is translated twice\n", e.english);
                ++problems;
            }

    std::set<std::string> used;
    for (const auto& t : texts) {
        used.insert(t.text);
        const auto it = catalogue.find(t.text);
        if (it == catalogue.end() || it->second.empty()) {
            std::printf("%s: no French for \"%s\"\n", t.where.c_str(), t.text.c_str());
            ++problems;
        } else if (fields(it->second) != fields(t.text)) {
            std::printf("%s: the French \"%s\" does not have the fields of \"%s\"\n", t.where.c_str(), it->second.c_str(), t.text.c_str());
            ++problems;
        }
    }
    for (const auto& [english, french] : catalogue)
        if (!used.contains(english)) {
            std::printf("catalogue: \"%s\" is marked nowhere (stale)\n", english.c_str());
            ++problems;
        }
    std::printf("%zu marked texts, %zu in the catalogue, %d problem(s)\n", texts.size(), catalogue.size(), problems);
    return problems == 0 ? 0 : 1;
}
