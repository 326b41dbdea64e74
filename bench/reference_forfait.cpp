// reference_forfait: hand-written reference of the forfait structure 2023/2024, computed
// straight from the activity CSV. It is the speed baseline ("physical limit") for donum's
// benchmarks and an independent oracle for its tests, so it shares no code with donum on
// purpose and uses the standard library only.
//
// Rules (ameli table, modernisation du cabinet): volet 1 pays 280 points iff segur_lap,
// sv_addendum >= 8, teletransmission > 2/3 (strict) and horaires_annuaire are all met;
// only then each volet 2 indicator pays its points when met (rate >= the year's target,
// zero denominator = not met). Points are kept in half-points so that 22.5 stays exact;
// 1 point = 7 EUR, so one half-point is exactly 350 cents.
//
// Usage: reference_forfait FILE.csv [--year Y]     (FILE may be - for stdin)
// Output: byte for byte what `donum eval RULES FILE --format csv` writes, so that the
// benchmark times the same work and the tests compare whole files: the header, then per row
// in input order id, year, points, euros, one 1/0 column per indicator (GROUP.INDICATOR),
// one gate.GROUP column per group; `,` and LF whatever the input used. Totals on stderr.
// Exit codes: 0 ok, 3 unsupported year, 64 usage, 65 malformed data, 66 unreadable input,
// 74 write error.

#include <array>
#include <bit>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using u64 = std::uint64_t;
using bits = std::uint32_t;  // one bit per output column of a row's indicators and gates

constexpr int exit_year = 3;
constexpr int exit_usage = 64;   // sysexits EX_USAGE
constexpr int exit_data = 65;    // sysexits EX_DATAERR
constexpr int exit_noinput = 66; // sysexits EX_NOINPUT
constexpr int exit_ioerr = 74;   // sysexits EX_IOERR

// The columns the rules read; any other column (sv_current, extra ones) is skipped.
// clang-format off
enum field : int {
  f_id, f_year, f_segur_lap, f_sv_addendum, f_horaires_annuaire, f_fse_num, f_fse_den,
  f_dmt_num, f_dmt_den, f_pse_num, f_pse_den, f_aat_num, f_aat_den, f_cmatmp_num, f_cmatmp_den,
  f_spe_num, f_spe_den, f_dsg_num, f_dsg_den, f_dmp_num, f_dmp_den, f_mss_num, f_mss_den,
  f_ordo_num, f_ordo_den, f_appcv_fse, f_sas, f_exercice_coordonne, f_capacite_coder,
  f_service_patients, f_maitre_stage, f_video_transmission, f_equipements_connectes,
  f_sv_current, field_count
};

constexpr std::array<std::string_view, field_count> field_names{
  "id", "year", "segur_lap", "sv_addendum", "horaires_annuaire", "fse_num", "fse_den",
  "dmt_num", "dmt_den", "pse_num", "pse_den", "aat_num", "aat_den", "cmatmp_num", "cmatmp_den",
  "spe_num", "spe_den", "dsg_num", "dsg_den", "dmp_num", "dmp_den", "mss_num", "mss_den",
  "ordo_num", "ordo_den", "appcv_fse", "sas", "exercice_coordonne", "capacite_coder",
  "service_patients", "maitre_stage", "video_transmission", "equipements_connectes",
  "sv_current",
};

// Declared yes/no items and SAS: only 0 and 1 are accepted, as for a typed boolean input.
constexpr std::array<field, 9> boolean_fields{
  f_segur_lap, f_horaires_annuaire, f_sas, f_exercice_coordonne, f_capacite_coder,
  f_service_patients, f_maitre_stage, f_video_transmission, f_equipements_connectes,
};
// clang-format on

using values = std::array<u64, field_count>;

// The three rule files read here share one shape: a first group paid as one block when all
// its indicators are met, and a second group, open only then, paying each of its met
// indicators alone. The first group has no `requires`, so donum always writes its gate as 1.
// Indicators are numbered in donum's column order (the rule file's order), block ones first.
// None is declared `zero_denominator neutralised`, so donum never writes NA for them.
struct rule_file {
  std::string_view header;            // donum's CSV header line
  unsigned indicators;                // indicator columns; the two gate columns follow
  unsigned block;                     // the first `block` indicators form the first group
  u64 block_half_points;
  std::array<u64, 30> half_points;    // of each indicator of the second group, by number
};

// clang-format off
constexpr rule_file forfait_rules{
  "id,year,points,euros,volet1.logiciel,volet1.sesam_vitale,volet1.teletransmission,volet1.horaires,"
  "volet2.dmp,volet2.mss,volet2.aat,volet2.cmatmp,volet2.pse,volet2.dmt,volet2.spe,"
  "volet2.exercice_coordonne,volet2.capacite_coder,volet2.service_patients,volet2.maitre_stage,"
  "volet2.video_transmission,volet2.equipements_connectes,volet2.sas,volet2.dsg,"
  "volet2.appli_carte_vitale,volet2.ordonnances,gate.volet1,gate.volet2\n",
  21, 4, 560,  // volet 1: 280 points
  // dmp 40, mss 40, aat/cmatmp/pse/dmt 22.5, spe 10, exercice coordonné 120, capacité à coder
  // 50, service aux patients 70, maître de stage 50, vidéotransmission 50, équipements
  // connectés 25, SAS 200, DSG 10, appli carte Vitale 40, ordonnances numériques 40
  {0, 0, 0, 0, 80, 80, 45, 45, 45, 45, 20, 240, 100, 140, 100, 100, 50, 400, 20, 80, 80}};

constexpr rule_file donum_projet_rules{
  "id,year,points,euros,socle.logiciel,socle.dmt,socle.fse,socle.pse,socle.aat,"
  "optionnels.cmatmp,optionnels.spe,optionnels.dsg,optionnels.mss,optionnels.dmp,"
  "optionnels.ordonnances,optionnels.appli_carte_vitale,gate.socle,gate.optionnels\n",
  12, 5, 560, {0, 0, 0, 0, 0, 40, 40, 40, 40, 40, 40, 40}};  // socle 280, 20 per optional one

constexpr rule_file donum_2026_rules{
  "id,year,points,euros,socle.equipement,socle.usages,optionnels.dematerialisation,"
  "optionnels.dmp_ordonnances,optionnels.appli_messagerie,gate.socle,gate.optionnels\n",
  5, 2, 560, {0, 0, 120, 120, 40}};  // socle 280, then 60 + 60 + 20
// clang-format on
static_assert(forfait_rules.indicators + 2 <= 32, "the widest file: one bit per indicator and gate");

// Indicator outcomes, the first in bit 0.
bits column_bits(std::initializer_list<bool> met) {
  bits out = 0;
  unsigned k = 0;
  for (const bool m : met) out |= static_cast<bits>(m) << k++;
  return out;
}

bits forfait_outcomes(const values& v) {
  const bool y2023 = v[f_year] == 2023;
  // Rate at or above the year's target percentage; a zero denominator is not met.
  auto rate = [&](field num, field den, u64 target_2023, u64 target_2024) {
    return v[den] > 0 && v[num] * 100 >= (y2023 ? target_2023 : target_2024) * v[den];
  };
  return column_bits({
      v[f_segur_lap] == 1, v[f_sv_addendum] >= 8,
      v[f_fse_den] > 0 && v[f_fse_num] * 3 > v[f_fse_den] * 2,  // strictly above 2/3
      v[f_horaires_annuaire] == 1,
      rate(f_dmp_num, f_dmp_den, 20, 30), rate(f_mss_num, f_mss_den, 5, 10),
      rate(f_aat_num, f_aat_den, 90, 90), rate(f_cmatmp_num, f_cmatmp_den, 45, 50),
      rate(f_pse_num, f_pse_den, 80, 90), rate(f_dmt_num, f_dmt_den, 90, 90),
      rate(f_spe_num, f_spe_den, 20, 30),
      v[f_exercice_coordonne] == 1, v[f_capacite_coder] == 1, v[f_service_patients] == 1,
      v[f_maitre_stage] == 1, v[f_video_transmission] == 1, v[f_equipements_connectes] == 1,
      v[f_sas] == 1, rate(f_dsg_num, f_dsg_den, 10, 50), v[f_appcv_fse] >= 1,
      rate(f_ordo_num, f_ordo_den, 30, 40),
  });
}

[[noreturn]] void fail(int code, const std::string& message) {
  std::fprintf(stderr, "reference_forfait: %s\n", message.c_str());
  std::exit(code);
}

// a * b, or a clear failure: the reference never returns a wrong amount.
u64 times(u64 a, u64 b) {
  u64 r = 0;
  if (__builtin_mul_overflow(a, b, &r)) fail(exit_data, "counts too large for 64-bit arithmetic");
  return r;
}

// The DONUM 2026 as stdlib-rules/donum-2026.donum reads the published sources: socle (Ségur
// software + LAP + SESAM-Vitale up to date, and the mean of the DMT, FSE, PSE and AAT rates
// >= 60 % in 2026, 80 % in 2028) pays 280 points; then CM AT-MP/DSG/SPE (mean >= 30 %, 60 %
// in 2028) 60 points, DMP/ordonnances (mean >= 30 %, 60 % in 2028) 60 points, appli carte
// Vitale and Mon espace santé messaging (both used at least once) 20 points. A rate with a
// zero denominator is left out of its mean; with no rate left, the indicator is not met.
// 2027 has no published targets: such rows are refused.
bool mean_reached(const values& v, std::initializer_list<std::pair<field, field>> rates, u64 target_percent) {
  // sum(n_i / d_i) / k >= t / 100  <=>  100 * sum(n_i * prod_{j != i} d_j) >= t * k * prod(d_j)
  u64 product = 1;
  u64 k = 0;
  for (const auto& [num, den] : rates) {
    if (v[den] == 0) continue;
    product = times(product, v[den]);
    ++k;
  }
  if (k == 0) return false;
  u64 sum = 0;
  for (const auto& [num, den] : rates) {
    if (v[den] == 0) continue;
    const u64 term = times(v[num], product / v[den]);
    if (__builtin_add_overflow(sum, term, &sum)) fail(exit_data, "counts too large for 64-bit arithmetic");
  }
  return times(100, sum) >= times(times(target_percent, k), product);
}

bits donum_2026_outcomes(const values& v) {
  const bool y2028 = v[f_year] == 2028;
  const u64 socle_target = y2028 ? 80 : 60;
  const u64 optional_target = y2028 ? 60 : 30;
  return column_bits({
      v[f_segur_lap] == 1 && v[f_sv_current] == 1,
      mean_reached(v, {{f_dmt_num, f_dmt_den}, {f_fse_num, f_fse_den}, {f_pse_num, f_pse_den}, {f_aat_num, f_aat_den}}, socle_target),
      mean_reached(v, {{f_cmatmp_num, f_cmatmp_den}, {f_dsg_num, f_dsg_den}, {f_spe_num, f_spe_den}}, optional_target),
      mean_reached(v, {{f_dmp_num, f_dmp_den}, {f_ordo_num, f_ordo_den}}, optional_target),
      v[f_appcv_fse] >= 1 && v[f_mss_num] >= 1,
  });
}

// The DONUM draft (projet de texte), with its XX targets given on the command line: the
// socle (Ségur software + LAP + SESAM-Vitale up to date, and the DMT, FSE, PSE and AAT rates,
// all >= their targets) pays 280 points; each of the seven optional indicators pays 20 points
// when the socle is met. Targets are whole percentages, except appcv (a count of FSE).
struct donum_targets {
  u64 dmt = 0, fse = 0, pse = 0, aat = 0, cmatmp = 0, spe = 0, dsg = 0, mss = 0, dmp = 0, ordo = 0, appcv = 0;
};

bits donum_projet_outcomes(const values& v, const donum_targets& t) {
  auto reached = [&](field num, field den, u64 target) { return v[den] > 0 && v[num] * 100 >= target * v[den]; };
  return column_bits({
      v[f_segur_lap] == 1 && v[f_sv_current] == 1, reached(f_dmt_num, f_dmt_den, t.dmt),
      reached(f_fse_num, f_fse_den, t.fse), reached(f_pse_num, f_pse_den, t.pse),
      reached(f_aat_num, f_aat_den, t.aat), reached(f_cmatmp_num, f_cmatmp_den, t.cmatmp),
      reached(f_spe_num, f_spe_den, t.spe), reached(f_dsg_num, f_dsg_den, t.dsg),
      reached(f_mss_num, f_mss_den, t.mss), reached(f_dmp_num, f_dmp_den, t.dmp),
      reached(f_ordo_num, f_ordo_den, t.ordo), v[f_appcv_fse] >= t.appcv,
  });
}

constexpr u64 cents_per_half_point = 350;

// Whether the second group is open: every indicator of the block is met.
bool block_met(const rule_file& r, bits met) {
  const bits block = (bits{1} << r.block) - 1;
  return (met & block) == block;
}

// The block, then the second group's met indicators; nothing unless the block is met.
u64 half_points(const rule_file& r, bits met) {
  if (!block_met(r, met)) return 0;
  const bits block = (bits{1} << r.block) - 1;
  u64 half = r.block_half_points;
  for (bits rest = met & ~block; rest != 0; rest &= rest - 1) half += r.half_points[static_cast<unsigned>(std::countr_zero(rest))];
  return half;
}

// Whole-file read: one allocation, no per-line or per-field copies afterwards.
std::string read_all(const char* path) {
  const bool from_stdin = std::strcmp(path, "-") == 0;
  std::FILE* in = from_stdin ? stdin : std::fopen(path, "rb");
  if (in == nullptr) fail(exit_noinput, std::string("cannot open ") + path + ": " + std::strerror(errno));
  std::string data;
  // A regular file is read by one fread straight into its final buffer; stdin, or a file
  // that grew meanwhile, falls back to chunks.
  if (!from_stdin && std::fseek(in, 0, SEEK_END) == 0) {
    const long size = std::ftell(in);
    std::rewind(in);
    if (size > 0) {
      data.resize(static_cast<std::size_t>(size));
      data.resize(std::fread(data.data(), 1, data.size(), in));
    }
  }
  char chunk[1 << 16];
  std::size_t got = 0;
  while ((got = std::fread(chunk, 1, sizeof chunk, in)) > 0) data.append(chunk, got);
  if (std::ferror(in)) fail(exit_noinput, std::string("cannot read ") + path);
  if (!from_stdin) std::fclose(in);
  return data;
}

// ",a,b,c,d" for each 4 bits a (bit 0) to d (bit 3): four 0/1 columns in one 8-byte copy.
constexpr std::array<std::array<char, 8>, 16> flag_text = [] {
  std::array<std::array<char, 8>, 16> t{};
  for (unsigned n = 0; n < 16; ++n) {
    for (unsigned k = 0; k < 4; ++k) {
      t[n][2 * k] = ',';
      t[n][2 * k + 1] = static_cast<char>('0' + ((n >> k) & 1));
    }
  }
  return t;
}();

// Buffered output: one fwrite per megabyte.
class writer {
 public:
  writer() : m_buf(1 << 20) {}
  ~writer() { flush(); }
  writer(const writer&) = delete;
  writer& operator=(const writer&) = delete;

  void put(char c) { m_buf[m_pos++] = c; }
  void put(std::string_view s) {
    std::memcpy(m_buf.data() + m_pos, s.data(), s.size());
    m_pos += s.size();
  }
  // `count` columns `,0` or `,1` from the low bits of `flags`, four per copy; the last copy
  // may write up to 6 bytes past them, inside the room the caller reserved.
  void put_flags(bits flags, unsigned count) {
    char* out = m_buf.data() + m_pos;
    for (unsigned k = 0; k < count; k += 4) std::memcpy(out + 2 * k, flag_text[(flags >> k) & 15].data(), 8);
    m_pos += 2 * count;
  }
  void put_uint(u64 v) { m_pos = static_cast<std::size_t>(std::to_chars(m_buf.data() + m_pos, m_buf.data() + m_buf.size(), v).ptr - m_buf.data()); }
  // The caller reserves room for one row before writing it.
  void reserve(std::size_t n) {
    if (m_pos + n > m_buf.size()) {
      flush();
      if (n > m_buf.size()) m_buf.resize(n);
    }
  }
  void flush() {
    if (m_pos > 0 && std::fwrite(m_buf.data(), 1, m_pos, stdout) != m_pos) fail(exit_ioerr, "write error");
    m_pos = 0;
  }

 private:
  std::vector<char> m_buf;
  std::size_t m_pos = 0;
};

// A half-point count as points: `1115` or `302.5`.
void put_points(writer& w, u64 half) {
  w.put_uint(half / 2);
  if (half % 2 != 0) w.put(".5");
}

void put_euros(writer& w, u64 cents) {
  w.put_uint(cents / 100);
  w.put('.');
  w.put(static_cast<char>('0' + cents % 100 / 10));
  w.put(static_cast<char>('0' + cents % 10));
}

// An id as donum's CSV writes it: quoted when it holds a comma, a quote or a line break, its
// quotes doubled. A quoted input field still has its quotes doubled; an unquoted one (a `;`
// file may hold `a"b`) has them doubled here.
void put_id(writer& w, std::string_view id, bool quoted) {
  bool plain = true;
  for (const char ch : id) plain &= ch != ',' && ch != '"' && ch != '\r' && ch != '\n';
  if (plain) return w.put(id);
  w.put('"');
  for (const char ch : id) {
    if (ch == '"' && !quoted) w.put('"');
    w.put(ch);
  }
  w.put('"');
}

// Cursor over the file, tracking the line number for error messages.
struct cursor {
  const char* p;
  const char* end;
  const char* line_start;
  u64 line;
  char sep;
  const char* path;
};

std::string_view current_line(const cursor& c) {
  const char* e = c.line_start;
  while (e < c.end && *e != '\n' && *e != '\r') ++e;
  return {c.line_start, static_cast<std::size_t>(e - c.line_start)};
}

[[noreturn]] void fail_at(const cursor& c, int code, const std::string& message) {
  fail(code, std::string(c.path) + ":" + std::to_string(c.line) + ": " + message + "\n  " +
                 std::string(current_line(c)));
}

bool at_field_end(const cursor& c, const char* q) { return q == c.end || *q == c.sep || *q == '\n' || *q == '\r'; }

bool blank(const char* q, const cursor& c) { return q < c.end && (*q == ' ' || *q == '\t'); }

// Reads one raw field and leaves the cursor on its terminator. A quoted field may hold the
// separator and line breaks; blanks around its quotes are layout (as in donum's reader); the
// outer quotes are removed and doubled quotes inside are kept as they are, which is also how
// they must be written back inside quotes. *quoted tells which kind of field it was.
std::string_view read_raw_field(cursor& c, bool* quoted = nullptr) {
  const char* s = c.p;
  while (blank(s, c)) ++s;
  if (quoted != nullptr) *quoted = s < c.end && *s == '"';
  if (s < c.end && *s == '"') {
    const char* q = s + 1;
    while (q < c.end && !(*q == '"' && (q + 1 == c.end || q[1] != '"'))) q += (*q == '"') ? 2 : 1;
    if (q >= c.end) fail_at(c, exit_data, "unterminated quoted field");
    c.p = q + 1;
    while (blank(c.p, c)) ++c.p;
    if (!at_field_end(c, c.p)) fail_at(c, exit_data, "unexpected text after a quoted field");
    return {s + 1, static_cast<std::size_t>(q - s - 1)};
  }
  s = c.p;  // blanks before anything but a quote are data
  const char* q = s;
  while (!at_field_end(c, q)) ++q;
  c.p = q;
  return {s, static_cast<std::size_t>(q - s)};
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Non-negative integer field, slow path (spaces, quotes, long or malformed numbers); the
// row loop in main reads plain digits itself. 18 digits at most keeps num * 100 and
// num * 3 far from overflow.
u64 read_count(cursor& c, int f) {
  const std::string_view text = trim(read_raw_field(c));
  u64 v = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || text.size() > 18 || ec != std::errc() || ptr != text.data() + text.size()) {
    fail_at(c, exit_data,
            std::string(field_names[f]) + ": expected a non-negative integer, got '" + std::string(text) + "'");
  }
  return v;
}

}  // namespace

int main(int argc, char** argv) {
  const char* path = nullptr;
  long year_filter = 0;
  std::optional<donum_targets> donum;
  bool donum_2026 = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::puts("usage: reference_forfait FILE.csv [--year Y] [--donum-projet dmt=P,fse=P,pse=P,aat=P,cmatmp=P,spe=P,dsg=P,mss=P,dmp=P,ordo=P,appcv=N | --donum-2026]\n"
                "Prints what donum eval RULES FILE.csv --format csv prints (only rows of year Y with --year); totals on stderr.\n"
                "--donum-projet: the DONUM draft with these targets (percentages; appcv a count), every row as 2026.\n"
                "--donum-2026: the DONUM as stdlib-rules/donum-2026.donum reads it, rows of 2026 and 2028.");
      return 0;
    } else if (arg == "--year" && i + 1 < argc) {
      char* end = nullptr;
      year_filter = std::strtol(argv[++i], &end, 10);
      if (*end != '\0') fail(exit_usage, std::string("--year ") + argv[i] + ": expected a year");
      if (year_filter != 2023 && year_filter != 2024 && year_filter != 2026 && year_filter != 2028) {
        fail(exit_year, "--year " + std::to_string(year_filter) + ": unsupported year (2023, 2024, 2026 or 2028)");
      }
    } else if (arg == "--donum-projet" && i + 1 < argc) {
      // dmt=80,fse=80,...: every target of the draft, by name.
      donum_targets t;
      std::array<std::pair<std::string_view, u64*>, 11> names{{{"dmt", &t.dmt}, {"fse", &t.fse}, {"pse", &t.pse}, {"aat", &t.aat},
          {"cmatmp", &t.cmatmp}, {"spe", &t.spe}, {"dsg", &t.dsg}, {"mss", &t.mss}, {"dmp", &t.dmp}, {"ordo", &t.ordo}, {"appcv", &t.appcv}}};
      std::array<bool, 11> given{};
      std::string_view list = argv[++i];
      while (!list.empty()) {
        const auto comma = list.find(',');
        const auto item = list.substr(0, comma);
        list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
        const auto eq = item.find('=');
        bool known = false;
        for (std::size_t k = 0; k < names.size(); ++k) {
          if (eq != std::string_view::npos && names[k].first == item.substr(0, eq)) {
            *names[k].second = std::strtoull(std::string(item.substr(eq + 1)).c_str(), nullptr, 10);
            given[k] = known = true;
          }
        }
        if (!known) fail(exit_usage, "--donum-projet: unknown target '" + std::string(item) + "'");
      }
      for (std::size_t k = 0; k < names.size(); ++k) {
        if (!given[k]) fail(exit_usage, "--donum-projet: missing target " + std::string(names[k].first));
      }
      donum = t;
    } else if (arg == "--donum-2026") {
      donum_2026 = true;
    } else if (path == nullptr && (arg == "-" || arg.empty() || arg[0] != '-')) {
      path = argv[i];
    } else {
      fail(exit_usage, std::string(argv[i]) + ": unexpected argument (usage: reference_forfait FILE.csv [--year Y])");
    }
  }
  if (path == nullptr) fail(exit_usage, "usage: reference_forfait FILE.csv [--year Y]");
  if (donum && donum_2026) fail(exit_usage, "--donum-projet and --donum-2026 exclude each other");

  const std::string data = read_all(path);
  cursor c{data.data(), data.data() + data.size(), data.data(), 1, ',', path};
  if (data.compare(0, 3, "\xEF\xBB\xBF") == 0) c.p += 3;
  c.line_start = c.p;

  // Header: the separator is whichever of ';' and ',' occurs first (French Excel uses ';').
  {
    const char* e = c.p;
    while (e < c.end && *e != '\n' && *e != ';' && *e != ',') ++e;
    if (e < c.end && *e == ';') c.sep = ';';
  }
  std::vector<int> column_field;  // per column: the field it feeds, or -1 when unused
  std::array<bool, field_count> seen{};
  while (true) {
    const std::string_view name = trim(read_raw_field(c));
    int f = -1;
    for (int k = 0; k < field_count; ++k) {
      if (field_names[k] == name) f = k;
    }
    if (f >= 0 && seen[f]) fail_at(c, exit_data, "duplicate column '" + std::string(name) + "'");
    if (f >= 0) seen[f] = true;
    column_field.push_back(f);
    if (c.p == c.end || *c.p != c.sep) break;
    ++c.p;
  }
  for (int k = 0; k < field_count; ++k) {
    // sv_current is read by the DONUM draft only.
    if (!seen[k] && (k != f_sv_current || donum || donum_2026)) fail_at(c, exit_data, "missing column '" + std::string(field_names[k]) + "'");
  }
  const std::size_t column_count = column_field.size();
  const int* const fields = column_field.data();
  const char sep = c.sep;

  const rule_file& rules = donum ? donum_projet_rules : donum_2026 ? donum_2026_rules : forfait_rules;
  const unsigned flag_columns = rules.indicators + 2;
  writer w;
  w.reserve(rules.header.size());
  w.put(rules.header);
  u64 rows = 0;
  u64 total_cents = 0;
  std::array<u64, field_count> v{};
  std::string_view id;
  bool id_quoted = false;
  while (c.p < c.end) {
    // Move to the next line (LF or CRLF); blank lines are skipped.
    if (*c.p == '\r') ++c.p;
    if (c.p < c.end && *c.p == '\n') {
      ++c.p;
      ++c.line;
    }
    c.line_start = c.p;
    if (c.p == c.end) break;
    if (*c.p == '\n' || (*c.p == '\r' && (c.p + 1 == c.end || c.p[1] == '\n'))) continue;

    // Hot loop: the cursor lives in locals, and a plain unquoted integer is read in place.
    // The std::string's terminating '\0' stops the digit loop at the end of the data.
    const char* p = c.p;
    for (std::size_t col = 0; col < column_count; ++col) {
      if (col > 0) {
        if (*p != sep || p == c.end) {
          c.p = p;
          fail_at(c, exit_data, "expected " + std::to_string(column_count) + " fields, found " + std::to_string(col));
        }
        ++p;
      }
      const int f = fields[col];
      if (f > f_id) {
        const char* q = p;
        u64 x = 0;
        for (unsigned d; (d = static_cast<unsigned>(*q) - '0') < 10; ++q) x = x * 10 + d;
        const auto digits = q - p;
        if (digits > 0 && digits <= 12 && (*q == sep || *q == '\n' || *q == '\r' || q == c.end)) {
          v[f] = x;
          p = q;
        } else {
          c.p = p;
          v[f] = read_count(c, f);
          p = c.p;
        }
      } else {
        c.p = p;
        bool quoted = false;
        const std::string_view text = read_raw_field(c, &quoted);
        if (f == f_id) {
          id = trim(text);  // as donum reads ids
          id_quoted = quoted;
        }
        p = c.p;
      }
    }
    c.p = p;
    if (c.p < c.end && *c.p == sep) fail_at(c, exit_data, "more than " + std::to_string(column_count) + " fields");
    for (const field f : boolean_fields) {
      if (v[f] > 1) fail_at(c, exit_data, std::string(field_names[f]) + ": expected 0 or 1, got " + std::to_string(v[f]));
    }

    if (year_filter != 0 && v[f_year] != static_cast<u64>(year_filter)) continue;
    if (!donum && !donum_2026 && v[f_year] != 2023 && v[f_year] != 2024) {
      fail_at(c, exit_year, "year " + std::to_string(v[f_year]) + " is not supported (2023 or 2024)");
    }
    if (donum_2026 && v[f_year] != 2026 && v[f_year] != 2028) {
      fail_at(c, exit_year, "year " + std::to_string(v[f_year]) + " is not supported by --donum-2026 (2026 or 2028)");
    }
    if (v[f_sv_current] > 1) fail_at(c, exit_data, "sv_current: expected 0 or 1, got " + std::to_string(v[f_sv_current]));
    // The draft covers one year, 2026: every row is read as that year.
    if (donum) v[f_year] = 2026;
    const bits met = donum ? donum_projet_outcomes(v, *donum) : donum_2026 ? donum_2026_outcomes(v) : forfait_outcomes(v);
    const u64 half = half_points(rules, met);
    const u64 cents = half * cents_per_half_point;
    total_cents += cents;
    ++rows;

    // Then the gates: the first group's always holds (no `requires`), the second group's when
    // the whole block is met.
    const bits flags = met | bits{1} << rules.indicators | static_cast<bits>(block_met(rules, met)) << (rules.indicators + 1);
    w.reserve(2 * id.size() + 96 + 2 * flag_columns + 8);  // quoted id, numbers, flags, overrun
    put_id(w, id, id_quoted);
    w.put(',');
    w.put_uint(v[f_year]);
    w.put(',');
    put_points(w, half);
    w.put(',');
    put_euros(w, cents);
    w.put_flags(flags, flag_columns);
    w.put('\n');
  }
  w.flush();
  if (std::fflush(stdout) != 0) fail(exit_ioerr, "write error");
  std::fprintf(stderr, "total: %llu physicians, %llu.%02llu EUR\n", static_cast<unsigned long long>(rows),
               static_cast<unsigned long long>(total_cents / 100), static_cast<unsigned long long>(total_cents % 100));
  return 0;
}
