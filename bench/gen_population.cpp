// gen_population: deterministic synthetic population of physicians' yearly activity for
// the forfait structure (2023/2024) and DONUM, one CSV row per physician and year.
//
// Standard library only and no donum code on purpose: benchmarks and tests must not
// depend on the code they measure. Every random draw goes through a PRNG written here
// (splitmix64 + xoshiro256**) and integer arithmetic only (no floating point, no <random>
// distributions), so a given seed yields byte-identical output on every platform.
//
// Usage: gen_population --count N [--years 2023,2024] [--seed S] [--separator ,|;]
//                       [--crlf] [--bom] [-o FILE]

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace {

using u64 = std::uint64_t;
using i64 = std::int64_t;

constexpr int exit_usage = 64;    // sysexits EX_USAGE
constexpr int exit_cantcreat = 73;  // sysexits EX_CANTCREAT

// splitmix64: the recommended seeder for xoshiro, also used to derive independent streams.
u64 splitmix64(u64& state) {
  u64 z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// One stream per (seed, physician) and per (seed, physician, year): a physician's row does
// not depend on how many physicians or which other years were requested.
u64 derive_seed(u64 seed, u64 a, u64 b) {
  u64 st = seed;
  st = splitmix64(st) ^ (a * 0x9E3779B97F4A7C15ULL);
  st = splitmix64(st) ^ (b * 0xD1B54A32D192ED03ULL);
  return splitmix64(st);
}

// xoshiro256** (Blackman & Vigna), with integer-only helpers on top.
class rng {
 public:
  explicit rng(u64 seed) {
    for (auto& x : m_s) x = splitmix64(seed);
  }

  u64 next() {
    const u64 result = rotl(m_s[1] * 5, 7) * 9;
    const u64 t = m_s[1] << 17;
    m_s[2] ^= m_s[0];
    m_s[3] ^= m_s[1];
    m_s[1] ^= m_s[2];
    m_s[0] ^= m_s[3];
    m_s[2] ^= t;
    m_s[3] = rotl(m_s[3], 45);
    return result;
  }

  // Uniform in [0, n) for n < 2^32 by multiply-shift (bias below n / 2^32, irrelevant here).
  i64 below(i64 n) { return static_cast<i64>(((next() >> 32) * static_cast<u64>(n)) >> 32); }
  i64 range(i64 lo, i64 hi) { return lo + below(hi - lo + 1); }
  bool chance(i64 per_10000) { return below(10000) < per_10000; }
  // Bell-shaped integer noise: sum of three uniforms on [-sd, sd] has standard deviation sd
  // and stays within 3 sd, without any floating-point function.
  i64 bell(i64 sd) {
    i64 sum = 0;
    for (int i = 0; i < 3; ++i) sum += range(-sd, sd);
    return sum;
  }

 private:
  static u64 rotl(u64 x, int k) { return (x << k) | (x >> (64 - k)); }
  std::array<u64, 4> m_s{};
};

i64 clamp_bp(i64 v) { return std::clamp<i64>(v, 0, 10000); }

// A yearly figure from its 2023 and 2024 values: linear up to 2024 (and before 2023), then
// at half the 2023-2024 pace, since uptake slows as it nears its ceiling (a DONUM year such
// as 2026 would otherwise have every physician at 100 %). Any --years list works; the rows
// of 2023 and 2024 do not depend on this choice.
i64 trend(i64 v2023, i64 v2024, int year) {
  if (year <= 2024) return v2023 + (year - 2023) * (v2024 - v2023);
  return v2024 + (year - 2024) * (v2024 - v2023) / 2;
}

// Probability (per 10,000) for a year. After 2024 it stays below 99 %: a few physicians
// never comply.
i64 yearly(i64 v2023, i64 v2024, int year) {
  const i64 p = clamp_bp(trend(v2023, v2024, year));
  return year > 2024 ? std::min<i64>(p, std::max<i64>(9900, std::min(v2023, v2024))) : p;
}

// Rate indicators of volet 2, in CSV column order. Means sit close to each year's target
// so that moving a target changes who reaches it; rates are in basis points.
enum rate_indicator { r_dmt, r_pse, r_aat, r_cmatmp, r_spe, r_dsg, r_dmp, r_mss, r_ordo, rate_count };

struct rate_model {
  std::string_view name;
  i64 mean_2023, mean_2024, spread;
};

// clang-format off
constexpr std::array<rate_model, rate_count> rate_models{{
  {"dmt",    9100, 9250,  700},   // target 90 / 90
  {"pse",    8000, 8800, 1100},   // target 80 / 90
  {"aat",    8800, 9000,  900},   // target 90 / 90
  {"cmatmp", 4500, 5000, 2000},   // target 45 / 50
  {"spe",    2200, 3000, 1300},   // target 20 / 30
  {"dsg",    1500, 4500, 2500},   // target 10 / 50
  {"dmp",    2200, 3100, 1000},   // target 20 / 30
  {"mss",     600, 1100,  450},   // target  5 / 10
  {"ordo",   3100, 4100, 1400},   // target 30 / 40
}};
// clang-format on

// Declared items and SAS: probability per 10,000 in 2023 and 2024, for generalists and
// specialists. A physician keeps one uniform trait and meets the item while the trait is
// below the year's probability, so profiles are stable and only improve.
enum declared_item { d_sas, d_coordonne, d_coder, d_service, d_stage, d_video, d_connectes, declared_count };

struct declared_model {
  i64 gp_2023, gp_2024, spec_2023, spec_2024;
};

// clang-format off
constexpr std::array<declared_model, declared_count> declared_models{{
  {2800, 3100, 1000, 1200},   // sas: about 20 % overall
  {5500, 6000, 3000, 3400},   // exercice_coordonne
  {6800, 7200, 6800, 7200},   // capacite_coder
  {6200, 6600, 6200, 6600},   // service_patients
  {1800, 1900,  800,  850},   // maitre_stage
  {1800, 2200, 1800, 2200},   // video_transmission
  {2200, 2600, 2200, 2600},   // equipements_connectes
}};
// clang-format on

// What stays with a physician from one year to the next.
struct profile {
  bool generalist = false;
  bool gyneco = false;
  i64 activity_pct = 100;         // part-time to very busy, scales all volumes
  i64 engagement = 0;             // shared digital propensity, standard deviation 1000
  i64 t_segur = 0, t_addendum = 0, t_horaires = 0, t_sv_current = 0, t_appcv = 0;
  i64 fse_bp = 0;                 // teletransmission rate, basis points
  i64 fse_den_base = 0;
  i64 dmp_ratio_pct = 0, ordo_ratio_pct = 0;  // consultations and prescriptions per invoice
  i64 appcv_heavy = 0;
  std::array<i64, rate_count> rate_trait{};
  std::array<i64, rate_count> den_base{};     // -1: derived from fse_den
  std::array<i64, declared_count> declared_trait{};
};

// Yearly volume around a base: +/- 5 % noise on top of the physician's activity. Small
// counts (a handful of pregnancies or AT-MP certificates) vary much more from one year to
// the next and are sometimes zero, as real small counts are.
i64 volume(rng& r, i64 base, i64 activity_pct) {
  const i64 scaled = base * activity_pct / 100;
  if (scaled <= 5) return r.range(0, 2 * std::max<i64>(scaled, 1));
  return scaled * r.range(95, 105) / 100;
}

profile make_profile(rng& r) {
  profile p;
  p.generalist = r.chance(5500);
  p.gyneco = !p.generalist && r.chance(1200);
  p.activity_pct = r.chance(700) ? r.range(10, 50) : r.range(50, 150);
  p.engagement = r.bell(1000);
  p.t_segur = r.below(10000);
  p.t_addendum = r.below(10000);
  p.t_horaires = r.below(10000);
  p.t_sv_current = r.below(10000);
  p.t_appcv = r.below(10000);
  p.appcv_heavy = r.chance(2000);

  // Teletransmission: most physicians are far above 2/3, a few hover around it, a few
  // still bill mostly on paper.
  const i64 fse_class = r.below(10000);
  if (fse_class < 9400) {
    p.fse_bp = r.range(9000, 9990);
  } else if (fse_class < 9800) {
    p.fse_bp = r.range(6000, 7400);
  } else {
    p.fse_bp = r.range(2500, 6000);
  }
  p.fse_den_base = p.generalist ? r.range(3500, 6500) : r.range(2500, 5500);
  p.dmp_ratio_pct = r.range(80, 100);
  p.ordo_ratio_pct = r.range(40, 90);

  // Correlated rates: 36 % of each rate's variance comes from the shared engagement.
  for (int i = 0; i < rate_count; ++i) {
    const i64 spread = rate_models[i].spread;
    p.rate_trait[i] = (6 * p.engagement * spread / 1000 + 8 * r.bell(spread)) / 10;
  }

  // Denominators: generalists see most work stoppages, ALD protocols and médecin traitant
  // declarations; many specialists have none of some of them (zero denominators).
  auto maybe_zero = [&r](i64 zero_per_10000, i64 lo, i64 hi) { return r.chance(zero_per_10000) ? 0 : r.range(lo, hi); };
  auto& d = p.den_base;
  if (p.generalist) {
    d[r_dmt] = r.range(20, 300);
    d[r_pse] = r.range(10, 120);
    d[r_aat] = r.range(60, 500);
    d[r_cmatmp] = r.range(3, 40);
    d[r_spe] = maybe_zero(1500, 5, 120);
    d[r_dsg] = maybe_zero(4500, 1, 15);
    d[r_mss] = r.range(400, 2000);
  } else {
    d[r_dmt] = maybe_zero(5000, 1, 25);
    d[r_pse] = maybe_zero(4000, 2, 60);
    d[r_aat] = maybe_zero(4000, 5, 150);
    d[r_cmatmp] = maybe_zero(5000, 1, 60);
    d[r_spe] = maybe_zero(3500, 2, 80);
    d[r_dsg] = p.gyneco ? r.range(20, 200) : 0;
    d[r_mss] = r.range(300, 1500);
  }
  d[r_dmp] = -1;
  d[r_ordo] = -1;

  for (auto& t : p.declared_trait) t = r.below(10000);
  return p;
}

// One physician-year of activity, in CSV column order.
struct activity_row {
  i64 segur_lap, sv_addendum, horaires_annuaire, sv_current;
  i64 fse_num, fse_den;
  std::array<i64, rate_count> num, den;
  i64 appcv_fse;
  std::array<i64, declared_count> declared;
};

activity_row make_row(const profile& p, rng& r, int year) {
  activity_row row{};
  // Volet 1 gates: about 87 % meet all four in 2023, a bit more in 2024.
  row.segur_lap = p.t_segur < yearly(9700, 9800, year) ? 1 : 0;
  row.sv_addendum = p.t_addendum < yearly(9650, 9800, year) ? 8 : 7;
  row.horaires_annuaire = p.t_horaires < yearly(9800, 9850, year) ? 1 : 0;
  row.sv_current = row.sv_addendum == 8 && p.t_sv_current < yearly(8800, 9400, year) ? 1 : 0;

  row.fse_den = std::max<i64>(volume(r, p.fse_den_base, p.activity_pct), 3);
  if (r.chance(50)) {
    // Exactly two thirds: the boundary case of the strict "> 2/3" rule.
    row.fse_den -= row.fse_den % 3;
    row.fse_num = row.fse_den / 3 * 2;
  } else {
    const i64 bp = clamp_bp(p.fse_bp + trend(0, 100, year) + r.bell(30));
    row.fse_num = row.fse_den * bp / 10000;
  }

  for (int i = 0; i < rate_count; ++i) {
    const auto& m = rate_models[i];
    i64 den = 0;
    if (i == r_dmp) {
      den = row.fse_den * p.dmp_ratio_pct / 100;
    } else if (i == r_ordo) {
      den = row.fse_den * p.ordo_ratio_pct / 100;
    } else if (p.den_base[i] > 0) {
      den = volume(r, p.den_base[i], p.activity_pct);
    }
    const i64 mean = trend(m.mean_2023, m.mean_2024, year);
    const i64 bp = clamp_bp(mean + p.rate_trait[i] + r.bell(m.spread / 4));
    row.den[i] = den;
    // Rounded, not truncated, so that small denominators are not pushed below the target;
    // never above the denominator since bp <= 10000.
    row.num[i] = (den * bp + 5000) / 10000;
  }

  // Appli carte Vitale: a count, zero for most in 2023; a few heavy users.
  if (p.t_appcv < yearly(3500, 5500, year)) {
    row.appcv_fse = p.appcv_heavy ? r.range(10, 200) : r.range(1, 10);
  }

  for (int i = 0; i < declared_count; ++i) {
    const auto& m = declared_models[i];
    const i64 prob = p.generalist ? yearly(m.gp_2023, m.gp_2024, year) : yearly(m.spec_2023, m.spec_2024, year);
    row.declared[i] = p.declared_trait[i] < prob ? 1 : 0;
  }
  return row;
}

// Buffered writer: one fwrite per megabyte instead of an iostream call per field.
class writer {
 public:
  explicit writer(std::FILE* out) : m_out(out), m_buf(1 << 20) {}
  ~writer() { flush(); }
  writer(const writer&) = delete;
  writer& operator=(const writer&) = delete;

  void put(char c) { m_buf[m_pos++] = c; }
  void put(std::string_view s) {
    std::memcpy(m_buf.data() + m_pos, s.data(), s.size());
    m_pos += s.size();
  }
  void put_int(i64 v) { m_pos = static_cast<std::size_t>(std::to_chars(m_buf.data() + m_pos, m_buf.data() + m_buf.size(), v).ptr - m_buf.data()); }
  // Called once per row: a row is far shorter than the 4 KiB margin.
  void maybe_flush() {
    if (m_pos > m_buf.size() - 4096) flush();
  }
  void flush() {
    if (m_pos > 0 && std::fwrite(m_buf.data(), 1, m_pos, m_out) != m_pos) m_failed = true;
    m_pos = 0;
  }
  bool failed() const { return m_failed; }

 private:
  std::FILE* m_out;
  std::vector<char> m_buf;
  std::size_t m_pos = 0;
  bool m_failed = false;
};

constexpr std::string_view header_columns[] = {
    "id",        "year",        "segur_lap",  "sv_addendum", "horaires_annuaire", "sv_current", "fse_num",
    "fse_den",   "dmt_num",     "dmt_den",    "pse_num",     "pse_den",           "aat_num",    "aat_den",
    "cmatmp_num", "cmatmp_den", "spe_num",    "spe_den",     "dsg_num",           "dsg_den",    "dmp_num",
    "dmp_den",   "mss_num",     "mss_den",    "ordo_num",    "ordo_den",          "appcv_fse",  "sas",
    "exercice_coordonne", "capacite_coder", "service_patients", "maitre_stage", "video_transmission",
    "equipements_connectes"};

struct options {
  i64 count = -1;
  std::vector<int> years{2023, 2024};
  u64 seed = 1;
  char separator = ',';
  bool crlf = false;
  bool bom = false;
  std::string output;
};

void usage(std::FILE* to) {
  std::fputs(
      "usage: gen_population --count N [--years 2023,2024] [--seed S] [--separator ,|;]\n"
      "                      [--crlf] [--bom] [-o FILE]\n"
      "Writes one CSV row per physician and year (stdout by default); same seed, same bytes.\n",
      to);
}

template <typename T>
bool parse_number(std::string_view s, T& out) {
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size() && !s.empty();
}

bool parse_years(std::string_view s, std::vector<int>& years) {
  years.clear();
  while (true) {
    const std::size_t comma = s.find(',');
    int y = 0;
    if (!parse_number(s.substr(0, comma), y) || y < 1900 || y > 2999) return false;
    years.push_back(y);
    if (comma == std::string_view::npos) return true;
    s.remove_prefix(comma + 1);
  }
}

// Returns 0 when parsed, else the exit code to use.
int parse_options(int argc, char** argv, options& opt) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--help" || arg == "-h") {
      usage(stdout);
      std::exit(0);
    } else if (arg == "--crlf") {
      opt.crlf = true;
    } else if (arg == "--bom") {
      opt.bom = true;
    } else if (!has_value) {
      std::fprintf(stderr, "gen_population: %s: unknown option or missing value\n", argv[i]);
      return exit_usage;
    } else if (arg == "--count") {
      if (!parse_number(argv[++i], opt.count) || opt.count < 0) {
        std::fprintf(stderr, "gen_population: --count %s: expected a non-negative integer\n", argv[i]);
        return exit_usage;
      }
    } else if (arg == "--years") {
      if (!parse_years(argv[++i], opt.years)) {
        std::fprintf(stderr, "gen_population: --years %s: expected years like 2023,2024\n", argv[i]);
        return exit_usage;
      }
    } else if (arg == "--seed") {
      if (!parse_number(argv[++i], opt.seed)) {
        std::fprintf(stderr, "gen_population: --seed %s: expected an unsigned integer\n", argv[i]);
        return exit_usage;
      }
    } else if (arg == "--separator") {
      const std::string_view sep = argv[++i];
      if (sep != "," && sep != ";") {
        std::fprintf(stderr, "gen_population: --separator %s: expected , or ;\n", argv[i]);
        return exit_usage;
      }
      opt.separator = sep[0];
    } else if (arg == "-o" || arg == "--output") {
      opt.output = argv[++i];
    } else {
      std::fprintf(stderr, "gen_population: %s: unknown option\n", argv[i]);
      return exit_usage;
    }
  }
  if (opt.count < 0) {
    std::fputs("gen_population: --count is required\n", stderr);
    usage(stderr);
    return exit_usage;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  options opt;
  if (const int rc = parse_options(argc, argv, opt); rc != 0) return rc;

  std::FILE* out = stdout;
  if (!opt.output.empty() && opt.output != "-") {
    out = std::fopen(opt.output.c_str(), "wb");
    if (out == nullptr) {
      std::fprintf(stderr, "gen_population: cannot create %s: %s\n", opt.output.c_str(), std::strerror(errno));
      return exit_cantcreat;
    }
  }

  const char sep = opt.separator;
  const std::string_view eol = opt.crlf ? "\r\n" : "\n";
  bool failed = false;
  {
    writer w(out);
    if (opt.bom) w.put("\xEF\xBB\xBF");
    bool first = true;
    for (const auto name : header_columns) {
      if (!first) w.put(sep);
      w.put(name);
      first = false;
    }
    w.put(eol);

    // Width 6 as in M000001, wider only when the count needs it.
    char id[32];
    for (i64 index = 1; index <= opt.count; ++index) {
      rng profile_rng(derive_seed(opt.seed, static_cast<u64>(index), 0));
      const profile p = make_profile(profile_rng);
      const int id_len = std::snprintf(id, sizeof id, "M%06lld", static_cast<long long>(index));
      for (const int year : opt.years) {
        rng year_rng(derive_seed(opt.seed, static_cast<u64>(index), static_cast<u64>(year)));
        const activity_row row = make_row(p, year_rng, year);
        auto field = [&w, sep](i64 v) {
          w.put(sep);
          w.put_int(v);
        };
        w.put(std::string_view(id, static_cast<std::size_t>(id_len)));
        field(year);
        field(row.segur_lap);
        field(row.sv_addendum);
        field(row.horaires_annuaire);
        field(row.sv_current);
        field(row.fse_num);
        field(row.fse_den);
        for (int i = 0; i < rate_count; ++i) {
          field(row.num[i]);
          field(row.den[i]);
        }
        field(row.appcv_fse);
        for (const i64 v : row.declared) field(v);
        w.put(eol);
        w.maybe_flush();
      }
    }
    w.flush();
    failed = w.failed();
  }
  if (std::fflush(out) != 0 || failed || (out != stdout && std::fclose(out) != 0)) {
    std::fputs("gen_population: write error\n", stderr);
    return exit_cantcreat;
  }
  return 0;
}
