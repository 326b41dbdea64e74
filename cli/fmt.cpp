// `donum fmt`: the canonical layout of rule files, printed, checked or written in place.
#include <cstdio>
#include <fstream>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/exit_codes.hpp"
#include "interpreter/tooling/format.hpp"
#include "interpreter/messages/messages.hpp"

namespace donum::cli {

using messages::trf;

namespace {

std::optional<std::string> read_text(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) return std::nullopt;
    return std::move(text).str();
}

}  // namespace

int fmt_command::run() const
{
    int status = ok;
    for (const auto& path : files) {
        auto text = read_text(path);
        if (!text) {
            std::fprintf(stderr, "donum: %s\n", trf("cannot read '{}'", path).c_str());
            return usage_error;
        }
        const grammar::source_file source{path, std::move(*text)};
        const auto formatted = tooling::format_source(source);
        if (!formatted.text) {
            // A file with a syntax error is left as it is: its layout cannot be known.
            print_diagnostics(formatted.issues);
            std::fprintf(stderr, "%s\n", trf("{}: not formatted: {} error(s)", path, grammar::count(formatted.issues, grammar::severity::error)).c_str());
            status = rule_error;
            continue;
        }
        const bool differs = *formatted.text != source.text;
        if (check) {
            if (differs) {
                std::printf("%s\n", path.c_str());
                status = rule_error;
            }
        }
        else if (write) {
            if (differs && !write_output(path, *formatted.text)) return output_error;
        }
        else if (!write_output("", *formatted.text)) {
            return output_error;
        }
    }
    if (check && status == rule_error) std::fflush(stdout);
    return status;
}

}  // namespace donum::cli
