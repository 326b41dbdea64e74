// `donum lsp`: a language server (Language Server Protocol 3.17) over standard input and
// output. This file is the protocol only: JSON-RPC framing, the JSON of each request and
// answer, file URIs; every answer comes from tooling::workspace, which runs the compiler's
// passes on the editor's texts.
#include <cstdio>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/exit_codes.hpp"
#include "interpreter/tooling/workspace.hpp"

namespace donum::cli {

namespace {

using nlohmann::json;
namespace tl = donum::tooling;

// JSON-RPC error codes of the protocol.
constexpr int parse_error = -32700;
constexpr int method_not_found = -32601;
constexpr int internal_failure = -32603;

// One message from the client: headers, a blank line, then Content-Length bytes of JSON.
// Nothing at the end of the input.
std::optional<std::string> read_message(std::istream& in)
{
    std::size_t length = 0;
    bool any_header = false;
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) {
            if (any_header) break;
            continue;
        }
        any_header = true;
        constexpr std::string_view key = "Content-Length:";
        if (line.size() > key.size() && line.compare(0, key.size(), key) == 0) {
            length = static_cast<std::size_t>(std::stoull(line.substr(key.size())));
        }
    }
    if (!any_header || !in) return std::nullopt;
    std::string body(length, '\0');
    in.read(body.data(), static_cast<std::streamsize>(length));
    if (static_cast<std::size_t>(in.gcount()) != length) return std::nullopt;
    return body;
}

void send(const json& message)
{
    const auto body = message.dump(-1, ' ', false, json::error_handler_t::replace);
    std::fprintf(stdout, "Content-Length: %zu\r\n\r\n%s", body.size(), body.c_str());
    std::fflush(stdout);
}

int hex(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// file:///home/a%20b/x.donum -> /home/a b/x.donum
std::string path_of(const std::string& uri)
{
    std::string raw = uri.rfind("file://", 0) == 0 ? uri.substr(7) : uri;
    std::string out;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '%' && i + 2 < raw.size() && hex(raw[i + 1]) >= 0 && hex(raw[i + 2]) >= 0) {
            out += static_cast<char>(hex(raw[i + 1]) * 16 + hex(raw[i + 2]));
            i += 2;
        }
        else {
            out += raw[i];
        }
    }
    return out;
}

std::string uri_of(const std::string& path)
{
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string out = "file://";
    for (const char c : path) {
        const auto u = static_cast<unsigned char>(c);
        if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') out += c;
        else {
            out += '%';
            out += digits[u >> 4];
            out += digits[u & 15];
        }
    }
    return out;
}

json to_json(const tl::editor_position& p) { return {{"line", p.line}, {"character", p.character}}; }
json to_json(const tl::editor_range& r) { return {{"start", to_json(r.start)}, {"end", to_json(r.end)}}; }
json to_json(const tl::location& l) { return {{"uri", uri_of(l.path)}, {"range", to_json(l.range)}}; }

tl::editor_position position_of(const json& params)
{
    const auto& p = params.at("position");
    return {p.at("line").get<std::size_t>(), p.at("character").get<std::size_t>()};
}

int severity_of(grammar::severity s)
{
    switch (s) {
        case grammar::severity::error: return 1;
        case grammar::severity::warning: return 2;
        case grammar::severity::note: return 3;
    }
    return 1;
}

void publish(const tl::workspace& w, const std::string& path, bool cleared = false)
{
    json list = json::array();
    if (!cleared) {
        for (const auto& d : w.diagnostics(path)) {
            json item = {{"range", to_json(d.range)}, {"severity", severity_of(d.level)}, {"source", "donum"}, {"message", d.message}};
            if (!d.notes.empty()) {
                json related = json::array();
                for (const auto& n : d.notes) related.push_back({{"location", to_json(n.at)}, {"message", n.message}});
                item["relatedInformation"] = std::move(related);
            }
            list.push_back(std::move(item));
        }
    }
    send({{"jsonrpc", "2.0"}, {"method", "textDocument/publishDiagnostics"}, {"params", {{"uri", uri_of(path)}, {"diagnostics", std::move(list)}}}});
}

json locations(const std::vector<tl::location>& all)
{
    json out = json::array();
    for (const auto& l : all) out.push_back(to_json(l));
    return out;
}

int symbol_kind_of(tl::document_symbol::kind k)
{
    using kind = tl::document_symbol::kind;
    switch (k) {
        case kind::group: return 2;       // Module
        case kind::indicator: return 8;   // Field
        case kind::input: return 13;      // Variable
        case kind::define: return 12;     // Function: a value computed from others
        case kind::example: return 19;    // Object
        case kind::setting: return 14;    // Constant
    }
    return 13;
}

json to_json(const tl::document_symbol& s)
{
    json out = {{"name", s.name}, {"detail", s.detail}, {"kind", symbol_kind_of(s.what)}, {"range", to_json(s.range)}, {"selectionRange", to_json(s.selection)}};
    if (!s.children.empty()) {
        json children = json::array();
        for (const auto& c : s.children) children.push_back(to_json(c));
        out["children"] = std::move(children);
    }
    return out;
}

int completion_kind_of(tl::completion_item::kind k)
{
    using kind = tl::completion_item::kind;
    switch (k) {
        case kind::input: return 6;      // Variable
        case kind::define: return 12;    // Value
        case kind::group: return 9;      // Module
        case kind::indicator: return 5;  // Field
        case kind::slot: return 10;      // Property
        case kind::function: return 3;   // Function
        case kind::keyword: return 14;   // Keyword
    }
    return 1;
}

// The server's state: the workspace, and whether the client asked it to shut down.
struct server {
    std::optional<tl::workspace> w;
    bool shutting_down = false;

    // The answer to a request (null for a notification).
    json handle(const std::string& method, const json& params)
    {
        if (method == "initialize") {
            tl::workspace_options options;
            options.search_path = rules_search_path();
            if (params.contains("initializationOptions") && params["initializationOptions"].is_object()) {
                const auto& o = params["initializationOptions"];
                options.allow_outside = o.value("allowOutside", false);
                options.scenario_rules = o.value("scenarioRules", std::string());
            }
            w.emplace(std::move(options));
            return {{"capabilities",
                     {{"positionEncoding", "utf-16"},
                      {"textDocumentSync", {{"openClose", true}, {"change", 1}}},
                      {"hoverProvider", true},
                      {"definitionProvider", true},
                      {"referencesProvider", true},
                      {"documentSymbolProvider", true},
                      {"completionProvider", {{"triggerCharacters", {"."}}}}}},
                    {"serverInfo", {{"name", "donum"}, {"version", DONUM_VERSION}}}};
        }
        if (!w) {
            // A client that skipped initialize: the command line's defaults.
            tl::workspace_options options;
            options.search_path = rules_search_path();
            w.emplace(std::move(options));
        }
        if (method == "shutdown") {
            shutting_down = true;
            return nullptr;
        }
        const auto path = params.contains("textDocument") ? path_of(params["textDocument"].at("uri").get<std::string>()) : std::string();
        if (method == "textDocument/didOpen" || method == "textDocument/didChange") {
            // Full synchronisation: the last change holds the whole text.
            const auto text = method == "textDocument/didOpen" ? params["textDocument"].at("text").get<std::string>() : params.at("contentChanges").back().at("text").get<std::string>();
            w->open(path, text);
            for (const auto& p : w->reanalysed()) publish(*w, p);
            return nullptr;
        }
        if (method == "textDocument/didClose") {
            w->close(path);
            publish(*w, path, true);
            return nullptr;
        }
        if (method == "textDocument/hover") {
            const auto text = w->hover(path, position_of(params));
            if (!text) return nullptr;
            return {{"contents", {{"kind", "markdown"}, {"value", *text}}}};
        }
        if (method == "textDocument/definition") return locations(w->definition(path, position_of(params)));
        if (method == "textDocument/references") {
            const bool with_declaration = params.contains("context") && params["context"].value("includeDeclaration", false);
            return locations(w->references(path, position_of(params), with_declaration));
        }
        if (method == "textDocument/documentSymbol") {
            json out = json::array();
            for (const auto& s : w->symbols(path)) out.push_back(to_json(s));
            return out;
        }
        if (method == "textDocument/completion") {
            json items = json::array();
            for (const auto& c : w->completion(path, position_of(params))) {
                items.push_back({{"label", c.label}, {"kind", completion_kind_of(c.what)}, {"detail", c.detail}});
            }
            return {{"isIncomplete", false}, {"items", std::move(items)}};
        }
        throw std::out_of_range(method);
    }
};

}  // namespace

int lsp_command::run() const
{
    std::ios::sync_with_stdio(false);
    server s;
    while (const auto body = read_message(std::cin)) {
        json message;
        try {
            message = json::parse(*body);
        }
        catch (const json::parse_error& e) {
            send({{"jsonrpc", "2.0"}, {"id", nullptr}, {"error", {{"code", parse_error}, {"message", e.what()}}}});
            continue;
        }
        const auto method = message.value("method", std::string());
        const bool request = message.contains("id");
        if (method == "exit") return s.shutting_down ? ok : rule_error;
        if (method.empty()) continue;  // an answer to a request of ours: there are none
        try {
            auto result = s.handle(method, message.value("params", json::object()));
            if (request) send({{"jsonrpc", "2.0"}, {"id", message["id"]}, {"result", std::move(result)}});
        }
        catch (const std::out_of_range&) {
            if (request) send({{"jsonrpc", "2.0"}, {"id", message["id"]}, {"error", {{"code", method_not_found}, {"message", "unsupported method " + method}}}});
        }
        catch (const std::exception& e) {
            if (request) send({{"jsonrpc", "2.0"}, {"id", message["id"]}, {"error", {{"code", internal_failure}, {"message", e.what()}}}});
        }
    }
    // The input ended without 'exit': the client is gone.
    return s.shutting_down ? ok : rule_error;
}

}  // namespace donum::cli
