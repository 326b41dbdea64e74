// The HTTP side of `donum serve` (cpp-httplib): routes to the session, the page's assets,
// the token, the limits. See docs/serve.md.
#ifndef DONUM_INTERPRETER_SERVE_SERVER_HPP
#define DONUM_INTERPRETER_SERVE_SERVER_HPP

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "interpreter/serve/session.hpp"

namespace donum::serve {

/// The page's files, embedded at build time (embed.cmake): path ("/index.html") -> bytes.
[[nodiscard]] const std::map<std::string_view, std::string_view>& page_assets();

/// How the server listens.
struct server_options {
    std::string host = "127.0.0.1";
    int port = 8080;     ///< 0: any free port
    std::string token;   ///< empty: no token asked (loopback only); else every request must carry it
    std::size_t threads = 8;  ///< requests answered at once; more wait in the queue
};

/// A server bound to its address, not yet answering.
class server {
public:
    /// Binds `options.host`:`options.port` for `s` (which must outlive the server). Throws
    /// std::runtime_error when the address cannot be bound.
    server(const session& s, const server_options& options);
    ~server();
    server(const server&) = delete;
    server& operator=(const server&) = delete;

    /// The port bound (the one chosen when options.port was 0).
    [[nodiscard]] int port() const { return m_port; }
    /// Answers requests until stop(); returns false if listening failed.
    bool run();
    /// Stops run() (from another thread or a signal handler's thread).
    void stop();

private:
    struct impl;
    std::unique_ptr<impl> m_impl;
    int m_port = 0;
};

/// A random token of 32 hexadecimal digits (from the operating system's random source).
[[nodiscard]] std::string random_token();

/// Whether `host` is a loopback address (127.0.0.0/8, ::1, localhost), where no token is needed.
[[nodiscard]] bool is_loopback(std::string_view host);

}  // namespace donum::serve

#endif
