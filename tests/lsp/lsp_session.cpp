// Drives `donum lsp` through a scripted session, as an editor would: initialize, open a
// rule file with an error, change it, hover, go to definition, references, outline,
// completion, shutdown, exit. Checks each answer and the exit code.
//
// usage: lsp_session DONUM_BINARY WORK_FOLDER
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <sys/wait.h>

#include <nlohmann/json.hpp>

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

int failures = 0;
int passes = 0;

void check(bool ok, const std::string& what)
{
    (ok ? passes : failures) += 1;
    if (!ok) std::cerr << "FAILED: " << what << "\n";
}

std::string frame(const json& message)
{
    const auto body = message.dump();
    return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

json request(int id, const std::string& method, json params) { return {{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}}; }
json notification(const std::string& method, json params) { return {{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}}; }

std::vector<json> read_messages(const std::string& text)
{
    std::vector<json> out;
    std::size_t at = 0;
    while ((at = text.find("Content-Length: ", at)) != std::string::npos) {
        const auto length = std::stoul(text.substr(at + 16));
        const auto body = text.find("\r\n\r\n", at) + 4;
        out.push_back(json::parse(text.substr(body, length)));
        at = body + length;
    }
    return out;
}

const json* answer(const std::vector<json>& all, int id)
{
    for (const auto& m : all) {
        if (m.contains("id") && m["id"] == id) return &m;
    }
    return nullptr;
}

const std::string rules_text =
    "convention essai \"Essai\" { point_value 7 € years 2023, 2024 }\n"
    "input dmp_num \"Consultations avec DMP\" count column \"nb_dmp\"\n"
    "input dmp_den \"Consultations\" count\n"
    "input segur \"Logiciel Ségur\" boolean\n"
    "group socle \"Socle\" points 100 when all met {\n"
    "  indicator logiciel \"Logiciel\" declared: segur\n"
    "}\n"
    "group services \"Services\" requires all of socle {\n"
    "  indicator dmp \"Taux d'usage DMP\" calculated:\n"
    "    rate(dmp_num, dmp_den) >= target { 2023: 20 %, 2024: 30 % }\n"
    "    points 40\n"
    "}\n";

}  // namespace

int main(int argc, char** argv)
{
    if (argc != 3) {
        std::cerr << "usage: lsp_session DONUM_BINARY WORK_FOLDER\n";
        return 2;
    }
    const fs::path work = fs::absolute(argv[2]);
    fs::create_directories(work);
    const auto rules = (work / "essai.donum").lexically_normal().string();
    std::ofstream(rules, std::ios::binary) << rules_text;
    const std::string uri = "file://" + rules;

    auto broken = rules_text;
    broken.replace(broken.find(">= target {"), 9, ">= cible");
    std::string input;
    input += frame(request(1, "initialize", {{"processId", nullptr}, {"rootUri", "file://" + work.string()}, {"capabilities", json::object()}}));
    input += frame(notification("initialized", json::object()));
    input += frame(notification("textDocument/didOpen", {{"textDocument", {{"uri", uri}, {"languageId", "donum"}, {"version", 1}, {"text", broken}}}}));
    input += frame(notification("textDocument/didChange", {{"textDocument", {{"uri", uri}, {"version", 2}}}, {"contentChanges", {{{"text", rules_text}}}}}));
    input += frame(request(2, "textDocument/hover", {{"textDocument", {{"uri", uri}}}, {"position", {{"line", 8}, {"character", 13}}}}));
    input += frame(request(3, "textDocument/definition", {{"textDocument", {{"uri", uri}}}, {"position", {{"line", 7}, {"character", 43}}}}));
    input += frame(request(4, "textDocument/completion", {{"textDocument", {{"uri", uri}}}, {"position", {{"line", 9}, {"character", 9}}}}));
    input += frame(request(5, "textDocument/hover", {{"textDocument", {{"uri", uri}}}, {"position", {{"line", 9}, {"character", 10}}}}));
    input += frame(request(6, "textDocument/references", {{"textDocument", {{"uri", uri}}}, {"position", {{"line", 1}, {"character", 8}}}, {"context", {{"includeDeclaration", true}}}}));
    input += frame(request(7, "textDocument/documentSymbol", {{"textDocument", {{"uri", uri}}}}));
    input += frame(request(8, "shutdown", nullptr));
    input += frame(notification("exit", nullptr));
    const auto in_path = (work / "session.in").string();
    const auto out_path = (work / "session.out").string();
    std::ofstream(in_path, std::ios::binary) << input;

    const auto command = std::string("'") + argv[1] + "' lsp < '" + in_path + "' > '" + out_path + "'";
    const int status = std::system(command.c_str());
    check(WIFEXITED(status) && WEXITSTATUS(status) == 0, "donum lsp exits with 0 after shutdown and exit");
    std::ifstream out_file(out_path, std::ios::binary);
    std::stringstream out;
    out << out_file.rdbuf();
    const auto messages = read_messages(out.str());

    const auto* init = answer(messages, 1);
    check(init != nullptr && init->at("result").at("capabilities").at("hoverProvider") == true, "initialize announces hover");
    check(init != nullptr && init->at("result").at("capabilities").at("textDocumentSync").at("change") == 1, "initialize asks for full texts");

    std::vector<json> published;
    for (const auto& m : messages) {
        if (m.value("method", "") == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri) published.push_back(m["params"]["diagnostics"]);
    }
    check(published.size() == 2, "diagnostics are published on open and on change");
    if (published.size() == 2) {
        const auto& first = published[0];
        check(first.size() == 1 && first[0]["message"].get<std::string>().find("« cible » est un mot français") != std::string::npos, "the error of the opened text is the French hint");
        check(first.size() == 1 && first[0]["range"]["start"]["line"] == 9 && first[0]["range"]["start"]["character"] == 30, "the error is positioned on 'cible'");
        check(first.size() == 1 && first[0]["severity"] == 1, "the error is an error");
        check(published[1].empty(), "the changed text has no diagnostic");
    }

    const auto* hover = answer(messages, 2);
    const auto hover_text = hover != nullptr && hover->at("result").is_object() ? hover->at("result")["contents"]["value"].get<std::string>() : std::string();
    check(hover_text.find("**Indicateur `dmp`** — Taux d'usage DMP") != std::string::npos, "hover names the indicator and its label");
    check(hover_text.find("cible (`services.dmp.target`) : 2023 : >= 20 % · 2024 : >= 30 %") != std::string::npos, "hover gives the target per year and the dotted name");
    check(hover_text.find("points (`services.dmp.points`) : 2023 : 40 · 2024 : 40") != std::string::npos, "hover gives the points per year");

    const auto* definition = answer(messages, 3);
    check(definition != nullptr && definition->at("result").size() == 1 && definition->at("result")[0]["uri"] == uri &&
              definition->at("result")[0]["range"]["start"]["line"] == 4 && definition->at("result")[0]["range"]["start"]["character"] == 6,
          "definition of the gate's group is the group");

    const auto* completion = answer(messages, 4);
    std::vector<std::string> labels;
    if (completion != nullptr) {
        for (const auto& item : completion->at("result")["items"]) labels.push_back(item["label"]);
    }
    auto offered = [&](const std::string& l) { return std::find(labels.begin(), labels.end(), l) != labels.end(); };
    check(offered("dmp_num") && offered("segur") && offered("rate") && offered("target"), "completion offers inputs, functions and keywords");

    const auto* input_hover = answer(messages, 5);
    const auto input_text = input_hover != nullptr && input_hover->at("result").is_object() ? input_hover->at("result")["contents"]["value"].get<std::string>() : std::string();
    check(input_text.find("colonne CSV : `nb_dmp`") != std::string::npos, "hover on an input gives its CSV column");

    const auto* references = answer(messages, 6);
    check(references != nullptr && references->at("result").size() == 2, "references of an input: its declaration and its use");

    const auto* symbols = answer(messages, 7);
    check(symbols != nullptr && symbols->at("result").size() == 5 && symbols->at("result")[4]["name"] == "services" && symbols->at("result")[4]["children"][0]["name"] == "dmp",
          "the outline lists inputs, groups and their indicators");

    const auto* shutdown = answer(messages, 8);
    check(shutdown != nullptr && shutdown->contains("result") && shutdown->at("result").is_null(), "shutdown answers null");

    std::cout << "lsp session: " << passes << " passed, " << failures << " failed\n";
    return failures == 0 ? 0 : 1;
}
