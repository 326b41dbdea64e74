// The state of `donum serve` and its answers, apart from HTTP: the rules and the data loaded
// once, and one function per endpoint that takes the request's body and returns the reply
// (docs/serve.md). Every value a request sets is read and checked by the code that reads
// `--set` and `--scenario` (compile/parameter.hpp), with the same messages; every figure
// comes from the engine functions of the commands (population/live, report, sweep, solve,
// compare; eval/explain) and is written by their renderers. Nothing is written to disk.
#ifndef DONUM_INTERPRETER_SERVE_SESSION_HPP
#define DONUM_INTERPRETER_SERVE_SESSION_HPP

#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "interpreter/compile/program.hpp"
#include "interpreter/data/table.hpp"
#include "interpreter/exact/rational.hpp"
#include "interpreter/population/live.hpp"
#include "interpreter/population/manifest.hpp"

namespace donum::serve {

/// Limits of what one request may ask.
inline constexpr std::size_t max_body_bytes = 256 * 1024;  ///< a scenario of a few thousand lines
inline constexpr std::size_t max_settings = 1000;          ///< `set` entries of one request
inline constexpr std::size_t max_text_bytes = 1000;        ///< one name or value

/// A reply: HTTP status, content type and body; a file name when it is a download.
struct reply {
    int status = 200;
    std::string type = "application/json; charset=utf-8";
    std::string body;
    std::string filename;  ///< set: sent as an attachment of that name
};

/// The error reply: `{"error": message}` with `status` (4xx: the request's fault).
[[nodiscard]] reply error_reply(int status, std::string_view message);

/// What the amounts are compared with (`--vs`, or the rules as written).
struct reference {
    std::string name;                    ///< for people: "forfait_structure 2024"
    const compile::program* rules = nullptr;
    std::optional<int> year;             ///< absent: each row's own year
    std::vector<exact::rational> euros;  ///< by row of the table
    const data::data_table* table = nullptr;  ///< holds the columns of both versions (reasons)
};

/// Everything loaded by the command before serving.
struct loaded_state {
    compile::program base;           ///< the rules with the command's scenarios: the page's start
    const data::data_table* table = nullptr;  ///< read for `base`; outlives the session
    std::string data_path;
    population::manifest manifest;   ///< files hashed once; parameters filled per request
    std::optional<reference> versus; ///< absent: nothing to compare with (XX in the rules as written)
};

/// The server's state, read-only once built: every endpoint is const and may run on several
/// threads at once.
class session {
public:
    /// Prepares the live population of the base and its comparison with the reference. When
    /// an XX of a year present blocks it, the page starts with the XX to fill: the first
    /// request that fills them all evaluates the population once with its values, and every
    /// later request is answered from it. Throws what live_population throws, except
    /// placeholder_error.
    explicit session(loaded_state state);

    /// `POST /api/simulate`: the report of `donum simulate RULES DATA --set ... --format json`.
    [[nodiscard]] reply simulate(std::string_view body) const;
    /// `POST /api/live`: the report, its comparison with the reference and the settings read.
    [[nodiscard]] reply live(std::string_view body) const;
    /// `GET /api/convention`: groups, indicators and every settable value, for the page.
    [[nodiscard]] reply convention() const;
    /// `POST /api/sweep`: cost and share across the range of one value (json or csv).
    [[nodiscard]] reply sweep(std::string_view body) const;
    /// `POST /api/solve`: the value of one parameter that holds a budget.
    [[nodiscard]] reply solve(std::string_view body) const;
    /// `POST /api/physician`: one physician's explanation and why the amount differs from
    /// the reference.
    [[nodiscard]] reply physician(std::string_view body) const;
    /// `POST /api/export`: the scenario file of the settings, or the report as CSV.
    [[nodiscard]] reply export_file(std::string_view body) const;

private:
    struct request;
    [[nodiscard]] std::optional<request> read_request(std::string_view body, reply& error) const;
    [[nodiscard]] reply report_reply(const request& r, bool with_comparison) const;
    /// The live population that answers `rules`: the base's, or the one evaluated with the
    /// first values that filled the XX of the base (made now if needed). Throws
    /// placeholder_error while `rules` leaves an XX of a year present.
    [[nodiscard]] std::shared_ptr<const population::live_population> live_for(const compile::program& rules) const;

    loaded_state m_state;
    mutable std::mutex m_live_lock;
    /// Absent while the XX of the base are not filled (then set once, by live_for).
    mutable std::shared_ptr<const population::live_population> m_live;
};

}  // namespace donum::serve

#endif
