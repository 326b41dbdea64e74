// libFuzzer target: activity data (CSV) through the reader, the validating loader and the
// evaluation, as `donum eval` and `eval --skip-invalid` do. The programs are compiled once:
// the 2024 forfait structure (stdlib-rules/forfait-structure.donum) and tests/data/mini.donum
// (whose small header the seed corpus of tests/data matches, so that mutations reach row
// validation). Bad data must end in csv_errors, never in a crash, a leak, a hang or an
// exception other than an evaluation_error (a result beyond 64 bits).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "interpreter/data/csv.hpp"
#include "interpreter/compile/driver.hpp"
#include "interpreter/population/results.hpp"
#include "interpreter/render/results.hpp"
#include "interpreter/data/table.hpp"
#include "interpreter/eval/errors.hpp"

namespace {

using namespace donum::data;
using namespace donum::compile;
using namespace donum::exact;
using namespace donum::eval;
using namespace donum::population;

const program& compile_once(const char* path)
{
    auto compiled = compile_rules(path, {});
    if (!compiled.checked) {
        std::fprintf(stderr, "fuzz_csv: %s does not compile\n", path);
        std::abort();
    }
    return *new program(std::move(*compiled.checked));  // lives for the whole run
}

std::FILE* null_output()
{
    static std::FILE* out = std::fopen("/dev/null", "wb");
    return out;
}

std::string errors_text(const load_result& r)
{
    std::string out;
    for (const auto& e : r.errors) out += format_csv_error(e) + "\n";
    return out;
}

void load_and_evaluate(std::string_view text, const program& p, std::optional<int> year)
{
    table_options options;
    options.year = year;
    const auto loaded = load_table_text("fuzz.csv", text, p, options);
    // Read in tiny parts (cut at line ends, on every core), the file must give the same.
    table_options cut = options;
    cut.part_bytes = 1 + text.size() % 23;
    const auto parts = load_table_text("fuzz.csv", text, p, cut);
    if (errors_text(parts) != errors_text(loaded) || parts.table.size() != loaded.table.size() || parts.rejected.size() != loaded.rejected.size()) {
        std::fprintf(stderr, "fuzz_csv: reading in parts of %zu bytes differs from reading whole\n", cut.part_bytes);
        std::abort();
    }
    for (std::size_t row = 0; row < loaded.table.size(); ++row) {
        if (parts.table.id(row) != loaded.table.id(row) || parts.table.line(row) != loaded.table.line(row)) std::abort();
        for (std::size_t i = 0; i < loaded.table.input_count(); ++i) {
            if (parts.table.value(row, i) != loaded.table.value(row, i)) std::abort();
        }
    }
    if (loaded.fatal) return;
    // The accepted rows, as `eval` (no error) or `eval --skip-invalid` (errors) evaluates them.
    try {
        const auto results = evaluate_population(p, loaded.table);
        (void)totals(p, loaded.table, results);
        donum::render::write_results(null_output(), donum::render::result_format::csv, p, loaded.table, results);
        donum::render::write_results(null_output(), donum::render::result_format::json, p, loaded.table, results);
    }
    catch (const evaluation_error&) {
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const program& forfait = compile_once(DONUM_FUZZ_FORFAIT_RULES);
    static const program& mini = compile_once(DONUM_FUZZ_MINI_RULES);
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    // The bare reader: every field of every row is touched.
    std::size_t bytes = 0;
    csv_callbacks callbacks;
    callbacks.on_row = [&](const csv_row& row) {
        for (const auto field : row.fields) bytes += field.size();
        for (const auto field : row.fields) (void)parse_int_field(field);
        return true;
    };
    callbacks.on_error = [&](const csv_error& e) {
        bytes += format_csv_error(e).size();
        return true;
    };
    read_csv_text("fuzz.csv", text, callbacks);

    load_and_evaluate(text, forfait, std::nullopt);
    load_and_evaluate(text, mini, std::nullopt);
    load_and_evaluate(text, mini, 2024);
    return 0;
}
