#include "interpreter/serve/server.hpp"

#include <atomic>
#include <fstream>
#include <stdexcept>

#include <sys/socket.h>

#include <fmt/format.h>
#include <httplib.h>

#include "interpreter/messages/messages.hpp"

namespace donum::serve {

using messages::tr;
using messages::trf;

namespace {

// Computations answered at once; beyond, a request is told to come back (503) instead of
// queueing work the machine cannot do in time.
constexpr int max_computations = 6;

std::string_view content_type_of(std::string_view path)
{
    if (path.ends_with(".html")) return "text/html; charset=utf-8";
    if (path.ends_with(".js")) return "text/javascript; charset=utf-8";
    if (path.ends_with(".css")) return "text/css; charset=utf-8";
    return "application/octet-stream";
}

// Equal without telling, by its timing, how much of a guess was right.
bool same_secret(std::string_view a, std::string_view b)
{
    if (a.size() != b.size()) return false;
    unsigned char diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i) diff = static_cast<unsigned char>(diff | (a[i] ^ b[i]));
    return diff == 0;
}

// The token a request carries: `?token=`, the X-Donum-Token header, or the cookie the page
// was given with it.
std::string token_of(const httplib::Request& req)
{
    if (req.has_param("token")) return req.get_param_value("token");
    if (req.has_header("X-Donum-Token")) return req.get_header_value("X-Donum-Token");
    const auto cookies = req.get_header_value("Cookie");
    const std::string_view name = "donum_token=";
    const auto at = cookies.find(name);
    if (at == std::string::npos) return {};
    const auto end = cookies.find(';', at);
    return cookies.substr(at + name.size(), end == std::string::npos ? std::string::npos : end - at - name.size());
}

void send(httplib::Response& res, const reply& r)
{
    res.status = r.status;
    res.set_header("Cache-Control", "no-store");
    if (!r.filename.empty()) res.set_header("Content-Disposition", fmt::format("attachment; filename=\"{}\"", r.filename));
    res.set_content(r.body, r.type.c_str());
}

}  // namespace

struct server::impl {
    httplib::Server http;
    std::atomic<int> computing{0};
    int listening = -1;  ///< the socket bound, for its backlog
};

server::server(const session& s, const server_options& options) : m_impl(std::make_unique<impl>())
{
    auto& http = m_impl->http;
    // A browser's request waits for Nagle's algorithm without it: about 40 ms per round trip.
    http.set_tcp_nodelay(true);
    http.set_payload_max_length(max_body_bytes);
    http.set_keep_alive_max_count(10000);
    // An idle connection holds a thread until this timeout: stopping waits for it (Ctrl-C).
    http.set_keep_alive_timeout(1);
    // Debian's cpp-httplib listens with a backlog of 5 connections: a burst beyond is dropped by
    // the kernel and retried by clients after seconds. The socket is kept to widen it after
    // binding (SO_REUSEADDR as the library's default options, without SO_REUSEPORT: a second
    // server on the same port is an error, not a silent share).
    auto* listening = &m_impl->listening;
    http.set_socket_options([listening](socket_t sock) {
        int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        *listening = sock;
    });
    const auto threads = options.threads;
    http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    const auto token = options.token;
    http.set_pre_routing_handler([token](const httplib::Request& req, httplib::Response& res) {
        res.set_header("X-Content-Type-Options", "nosniff");
        res.set_header("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; frame-ancestors 'none'");
        res.set_header("Referrer-Policy", "no-referrer");
        if (token.empty()) return httplib::Server::HandlerResponse::Unhandled;
        if (!same_secret(token_of(req), token)) {
            send(res, error_reply(401, tr("this server asks for its token: open the address it printed (…?token=…)")));
            return httplib::Server::HandlerResponse::Handled;
        }
        // The page's own requests (its scripts, styles) then carry the token as a cookie.
        if (req.has_param("token")) res.set_header("Set-Cookie", fmt::format("donum_token={}; HttpOnly; SameSite=Strict; Path=/", token));
        return httplib::Server::HandlerResponse::Unhandled;
    });
    http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) { send(res, error_reply(500, tr("internal error of donum serve: the request was not answered"))); });
    http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
        if (res.body.empty()) send(res, error_reply(res.status, res.status == 404 ? trf("no such page or endpoint: {}", req.path.substr(0, 200)) : std::string(tr("the request was refused"))));
    });

    auto* computing = &m_impl->computing;
    auto api = [computing](const std::function<reply(std::string_view)>& answer) {
        return [computing, answer](const httplib::Request& req, httplib::Response& res) {
            if (computing->fetch_add(1) >= max_computations) {
                computing->fetch_sub(1);
                send(res, error_reply(503, tr("too many requests at once: try again")));
                return;
            }
            try {
                send(res, answer(req.body));
            }
            catch (...) {
                computing->fetch_sub(1);
                throw;
            }
            computing->fetch_sub(1);
        };
    };
    http.Post("/api/simulate", api([&s](std::string_view b) { return s.simulate(b); }));
    http.Post("/api/live", api([&s](std::string_view b) { return s.live(b); }));
    http.Post("/api/sweep", api([&s](std::string_view b) { return s.sweep(b); }));
    http.Post("/api/solve", api([&s](std::string_view b) { return s.solve(b); }));
    http.Post("/api/physician", api([&s](std::string_view b) { return s.physician(b); }));
    http.Post("/api/export", api([&s](std::string_view b) { return s.export_file(b); }));
    http.Get("/api/convention", [&s](const httplib::Request&, httplib::Response& res) { send(res, s.convention()); });
    // Only the page's own files: a fixed list, no path is ever read from disk.
    http.Get(R"(/([a-z_]*\.?[a-z]*))", [](const httplib::Request& req, httplib::Response& res) {
        const auto path = req.path == "/" ? std::string("/index.html") : req.path;
        const auto& assets = page_assets();
        const auto it = assets.find(path);
        if (it == assets.end()) {
            send(res, error_reply(404, trf("no such page: {}", req.path.substr(0, 200))));
            return;
        }
        res.status = 200;
        res.set_content(std::string(it->second), std::string(content_type_of(path)).c_str());
    });

    if (options.port == 0) {
        m_port = http.bind_to_any_port(options.host);
        if (m_port <= 0) throw std::runtime_error(trf("cannot listen on {}", options.host));
    }
    else {
        if (!http.bind_to_port(options.host, options.port)) throw std::runtime_error(trf("cannot listen on {}:{} (in use, or not an address of this machine)", options.host, options.port));
        m_port = options.port;
    }
    // Listening again on a listening socket only changes its backlog.
    if (m_impl->listening >= 0) ::listen(m_impl->listening, SOMAXCONN);
}

server::~server() = default;

bool server::run() { return m_impl->http.listen_after_bind(); }

void server::stop() { m_impl->http.stop(); }

std::string random_token()
{
    std::ifstream random("/dev/urandom", std::ios::binary);
    unsigned char bytes[16] = {};
    if (!random.read(reinterpret_cast<char*>(bytes), sizeof bytes)) throw std::runtime_error(tr("cannot read /dev/urandom for a token"));
    std::string out;
    for (const auto b : bytes) out += fmt::format("{:02x}", b);
    return out;
}

bool is_loopback(std::string_view host)
{
    return host == "localhost" || host == "::1" || host.starts_with("127.");
}

}  // namespace donum::serve
