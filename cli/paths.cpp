#include "cli/paths.hpp"
#include "interpreter/messages/messages.hpp"

#include <cstdio>
#include <filesystem>
#include <optional>

#include <fmt/format.h>
#include <sys/stat.h>

namespace donum::cli {

namespace fs = std::filesystem;

std::string resolved_target(const std::string& path)
{
    std::error_code ec;
    fs::path p = fs::absolute(fs::path(path), ec);
    if (ec) p = fs::path(path);
    // Follow the last component while it is a link, as open() would (40: the kernel's limit).
    for (int hops = 0; hops < 40; ++hops) {
        struct stat st {};
        if (::lstat(p.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) break;
        const auto target = fs::read_symlink(p, ec);
        if (ec) break;
        p = target.is_absolute() ? target : p.parent_path() / target;
    }
    const auto name = p.filename();
    if (name.empty() || name == "." || name == "..") return fs::weakly_canonical(p, ec).string();
    const auto folder = fs::weakly_canonical(p.parent_path(), ec);
    return ec ? p.lexically_normal().string() : (folder / name).string();
}

namespace {

// What a path designates, for comparing files rather than names.
struct identity {
    enum class kind { regular, in_place, absent } what = kind::absent;
    dev_t device = 0;
    ino_t inode = 0;
    std::string where;  ///< resolved_target, for a file to be created
};

identity identify(const std::string& path)
{
    identity out;
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) {
        // A device, a pipe, a terminal, a folder: written in place or refused when written,
        // never replaced.
        out.what = S_ISREG(st.st_mode) ? identity::kind::regular : identity::kind::in_place;
        out.device = st.st_dev;
        out.inode = st.st_ino;
        return out;
    }
    out.where = resolved_target(path);
    return out;
}

bool same_file(const identity& a, const identity& b)
{
    if (a.what == identity::kind::regular && b.what == identity::kind::regular) return a.device == b.device && a.inode == b.inode;
    if (a.what == identity::kind::absent && b.what == identity::kind::absent) return a.where == b.where;
    return false;
}

// "-o 'x.csv'", and the file it lands on when the name differs (a link, `./x`).
std::string shown(const named_path& p)
{
    return fmt::format("{} {}", messages::tr(p.role.c_str()), messages::trf("'{}'", p.path));
}

}  // namespace

bool outputs_are_safe(const std::vector<named_path>& inputs, const std::vector<named_path>& outputs)
{
    std::vector<identity> read;
    for (const auto& i : inputs) read.push_back(i.path.empty() ? identity{} : identify(i.path));
    std::vector<std::optional<identity>> written;
    for (const auto& o : outputs) written.push_back(o.path.empty() ? std::nullopt : std::optional<identity>(identify(o.path)));
    bool safe = true;
    for (std::size_t k = 0; k < outputs.size(); ++k) {
        if (!written[k]) continue;
        for (std::size_t i = 0; i < inputs.size(); ++i) {
            if (read[i].what != identity::kind::regular || !same_file(*written[k], read[i])) continue;
            const char* role = messages::tr(inputs[i].role.c_str());
            const auto what = outputs[k].path == inputs[i].path ? std::string(role) : messages::trf("the same file as {} '{}'", role, inputs[i].path);
            std::fprintf(stderr, "donum: %s\n", messages::trf("{} is {}, read by this run: an output never replaces what the run reads; write it to another file", shown(outputs[k]), what).c_str());
            safe = false;
            break;
        }
        for (std::size_t j = 0; j < k; ++j) {
            if (!written[j] || !same_file(*written[k], *written[j])) continue;
            std::fprintf(stderr, "donum: %s\n", messages::trf("{} and {} are the same file: give each output its own file", shown(outputs[j]), shown(outputs[k])).c_str());
            safe = false;
        }
    }
    return safe;
}

}  // namespace donum::cli
