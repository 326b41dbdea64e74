// The files of an extends chain, read one after the other (see chain.hpp).
#include "interpreter/compile/chain.hpp"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "grammar/parser.hpp"
#include "interpreter/messages/messages.hpp"

namespace donum::compile::internal {

using messages::tr;
using messages::trf;

namespace ast = grammar::ast;
namespace fs = std::filesystem;
using grammar::severity;
using grammar::source_range;

namespace {

// Reads a file and the files it extends, one after the other: the chain, base first. A loop,
// not a recursion: a chain of thousands of files (generated versions) must not exhaust the
// stack.
struct loader {
    const load_options& options;
    std::vector<std::shared_ptr<const grammar::source_file>>& sources;
    grammar::diagnostics& issues;
    bool scenario;  ///< reading scenario files (else rule files)
    fs::path root_folder;

    bool load(const std::string& first, std::vector<ast::rule_file>& out)
    {
        std::vector<fs::path> chain;  // the files read so far, derived first, for the cycle message
        std::set<fs::path> in_chain;
        std::vector<ast::rule_file> derived_first;
        std::string path = first;
        source_range requested_at{};
        for (;;) {
            const auto key = key_of(path);
            if (in_chain.contains(key)) {
                std::string cycle;
                for (const auto& p : chain) cycle += p.filename().string() + " -> ";
                cycle += key.filename().string();
                error(requested_at, trf("extends cycle: {}", cycle));
                return false;
            }
            auto file = read(path, key, requested_at);
            if (!file) return false;
            if (!file->header.extends) {
                // set / extend group / remove group / remove input change a base: without one
                // they mean nothing.
                bool derived_only = false;
                for (const auto& item : file->items) {
                    const source_range* at = nullptr;
                    if (const auto* x = std::get_if<ast::set_stmt>(&item); x && !scenario) at = &x->range;
                    if (const auto* x = std::get_if<ast::extend_group>(&item)) at = &x->range;
                    if (const auto* x = std::get_if<ast::remove_group>(&item)) at = &x->range;
                    if (const auto* x = std::get_if<ast::remove_input>(&item)) at = &x->range;
                    if (at != nullptr) {
                        error(*at, tr("this changes a base version, but the file extends none: write 'extends \"FILE\"' in the convention header"));
                        derived_only = true;
                    }
                }
                if (derived_only) return false;
                derived_first.push_back(std::move(*file));
                break;
            }
            const auto ext = *file->header.extends;
            auto base_path = (fs::path(path).parent_path() / ext.value).lexically_normal();
            // Not next to the extending file: the search path (DONUM_PATH, the official files).
            if (!readable(base_path) && fs::path(ext.value).is_relative()) {
                for (const auto& folder : options.search_path) {
                    const auto candidate = (fs::path(folder) / ext.value).lexically_normal();
                    if (readable(candidate)) {
                        base_path = candidate;
                        break;
                    }
                }
            }
            if (!options.allow_outside && !allowed(base_path)) {
                error(ext.range, trf("'{}' is outside the folder of the file being read: pass --allow-outside to read it", ext.value));
                return false;
            }
            chain.push_back(key);
            in_chain.insert(key);
            derived_first.push_back(std::move(*file));
            path = base_path.string();
            requested_at = ext.range;
        }
        out.insert(out.end(), std::make_move_iterator(derived_first.rbegin()), std::make_move_iterator(derived_first.rend()));
        return true;
    }

    // The canonical path of a file, which names it in cycles and for read_override.
    static fs::path key_of(const std::string& path)
    {
        std::error_code ec;
        const auto canonical = fs::weakly_canonical(fs::path(path), ec);
        return ec ? fs::path(path) : canonical;
    }

    // Whether a base can be read from there: a file on disk, or an editor's unsaved text
    // (a file not saved yet is found as it will be once saved).
    bool readable(const fs::path& candidate) const
    {
        std::error_code ec;
        if (fs::is_regular_file(candidate, ec)) return true;
        return options.read_override && options.read_override(key_of(candidate.string()).string());
    }

    // Reads and parses one file of the chain (`key`: its canonical path; `requested_at`: the
    // `extends` that names it): the editor's unsaved text if there is one, else the file.
    std::optional<ast::rule_file> read(const std::string& path, const fs::path& key, const source_range& requested_at)
    {
        auto source = std::make_shared<grammar::source_file>();
        source->name = path;
        if (auto unsaved = options.read_override ? options.read_override(key.string()) : std::nullopt) {
            source->text = std::move(*unsaved);
        }
        else if (!read_file(path, key, requested_at, source->text)) {
            return std::nullopt;
        }
        sources.push_back(source);

        auto parsed = grammar::parse(*source);
        issues.insert(issues.end(), parsed.issues.begin(), parsed.issues.end());
        if (!parsed.file) return std::nullopt;
        if (parsed.file->scenario != scenario) {
            error(parsed.file->header.id.range, scenario ? trf("'{}' is a rule file, not a scenario: give it as the rules, or write a scenario ('scenario NAME \"label\"' and 'set' lines)", path)
                                                         : trf("'{}' is a scenario: give it with --scenario, after the rule file it applies to", path));
            return std::nullopt;
        }
        return std::move(parsed.file);
    }

    // Reads the file `path` (`key`: its canonical path) from disk into `text`.
    bool read_file(const std::string& path, const fs::path& key, const source_range& requested_at, std::string& text)
    {
        std::error_code ec;
        if (fs::is_directory(key, ec)) {
            error(requested_at, trf("cannot read '{}': it is a folder", path));
            return false;
        }
        // A device or a pipe may never end (/dev/zero): rule files are files.
        if (fs::exists(key, ec) && !fs::is_regular_file(key, ec)) {
            error(requested_at, trf("cannot read '{}': not a regular file", path));
            return false;
        }
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            const int why = errno;
            std::string searched;
            if (requested_at.file != nullptr && !options.search_path.empty()) {
                searched = trf(" (nor in the search path: {})", fmt::join(options.search_path, ", "));
            }
            error(requested_at, trf("cannot read '{}': {}{}", path, std::strerror(why), searched));
            return false;
        }
        std::ostringstream read;
        read << in.rdbuf();
        if (in.bad()) {
            error(requested_at, trf("cannot read '{}'", path));
            return false;
        }
        text = std::move(read).str();
        return true;
    }

    void error(const source_range& at, std::string message)
    {
        issues.push_back({severity::error, at, std::move(message), {}});
    }

    // Whether a base may be read without allow_outside: it lies in the folder of the file
    // given, or in a folder of the search path, or below.
    bool allowed(const fs::path& base) const
    {
        std::error_code ec;
        const auto canonical = fs::weakly_canonical(fs::absolute(base), ec);
        if (ec) return false;
        const auto inside = [&](const fs::path& folder) {
            const auto relative = canonical.lexically_relative(folder);
            return !relative.empty() && *relative.begin() != "..";
        };
        if (inside(root_folder)) return true;
        for (const auto& folder : options.search_path) {
            const auto root = fs::weakly_canonical(fs::absolute(fs::path(folder)), ec);
            if (!ec && inside(root)) return true;
        }
        return false;
    }
};

fs::path folder_of(const std::string& path)
{
    std::error_code ec;
    return fs::weakly_canonical(fs::absolute(fs::path(path)), ec).parent_path();
}

}  // namespace

bool load_chain(const std::string& path, const load_options& options, bool scenario,
                std::vector<std::shared_ptr<const grammar::source_file>>& sources, grammar::diagnostics& issues,
                std::vector<grammar::ast::rule_file>& out)
{
    loader l{options, sources, issues, scenario, folder_of(path)};
    return l.load(path, out);
}

}  // namespace donum::compile::internal
