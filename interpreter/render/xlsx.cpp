#include "interpreter/render/xlsx.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <xlsxwriter.h>

#include "grammar/utf8.hpp"
#include "interpreter/exact/int128.hpp"
#include "interpreter/render/writers.hpp"
#include "interpreter/messages/messages.hpp"

namespace donum::render {

using exact::rational;

namespace {

using exact::i128;

// The digits of `v` as a decimal (no sign, no point) and the number of decimals, when it has
// a finite expansion of at most 18 decimals.
bool decimal_digits(const rational& v, std::string& digits, int& decimals)
{
    i128 scale = 1;
    for (decimals = 0; decimals <= 18; ++decimals, scale *= 10) {
        if (scale % v.den() != 0) continue;
        i128 n = static_cast<i128>(v.num()) * (scale / v.den());
        if (n < 0) n = -n;
        digits.clear();
        do {
            digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(n % 10)));
            n /= 10;
        } while (n > 0);
        return true;
    }
    return false;
}

}  // namespace

bool excel_exact(const rational& v)
{
    std::string digits;
    int decimals = 0;
    if (!decimal_digits(v, digits, decimals)) return false;
    // Significant digits: leading and trailing zeros do not count.
    const auto first = digits.find_first_not_of('0');
    if (first == std::string::npos) return true;
    const auto last = digits.find_last_not_of('0');
    return last - first + 1 <= 15;
}

double excel_double(const rational& v)
{
    // strtod rounds a decimal correctly; num / den in doubles may round twice.
    if (excel_exact(v)) return std::strtod(v.to_string(18).c_str(), nullptr);
    return v.to_double();
}

namespace {

// Excel's limits on text: valid UTF-8, no control characters but tab and line feed, at most
// 32,767 characters.
std::string excel_text(std::string_view raw)
{
    auto text = grammar::sanitize_utf8(raw);
    for (auto& c : text) {
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') c = ' ';
    }
    return display_width(text) > 32767 ? truncate(text, 32767) : text;
}

// A sheet name Excel accepts: at most 31 characters, none of []:*?/\ and no quote at an end.
std::string sheet_name_of(std::string_view wanted)
{
    std::string name = excel_text(wanted);
    for (auto& c : name) {
        if (std::strchr("[]:*?/\\", c) != nullptr) c = '-';
    }
    while (!name.empty() && name.front() == '\'') name.erase(name.begin());
    while (!name.empty() && name.back() == '\'') name.pop_back();
    if (name.empty()) name = messages::tr("Sheet");
    if (display_width(name) > 31) name = truncate(name, 31);
    return name;
}

// The number format of each style, French for people reading the sheet: the separators are
// those of the reader's Excel; « [$€-40C] » is the euro sign as French Excel writes it.
std::string format_code(number_style s, int rate_decimals)
{
    switch (s) {
        case number_style::count: return "#,##0";
        case number_style::year: return "0";
        case number_style::decimal: return "General";
        case number_style::euros: return "#,##0.00\\ [$€-40C]";
        case number_style::share: return "0.0\\ %";
        case number_style::rate: return rate_decimals == 0 ? "0\\ %" : fmt::format("0.{}\\ %", std::string(static_cast<std::size_t>(rate_decimals), '0'));
    }
    return "General";
}

// The decimals a rate needs as a percentage: 0 for 30 %, 1 for 22.5 %, 2 at most.
int rate_decimals(const rational& v)
{
    const auto percent = v * rational(100);
    for (int d = 0; d < 2; ++d) {
        if ((percent * rational(d == 0 ? 1 : 10)).is_integer()) return d;
    }
    return 2;
}

// Colours of the curves, one per series (and black for the mark of the current value).
constexpr lxw_color_t palette[] = {0x1F77B4, 0xD62728, 0x2CA02C, 0xFF7F0E, 0x9467BD, 0x8C564B, 0xE377C2, 0x17BECF};

}  // namespace

struct xlsx_book::impl {
    std::filesystem::path folder;
    std::string file;
    lxw_workbook* book = nullptr;
    lxw_worksheet* sheet = nullptr;
    std::string sheet_name;
    std::vector<std::string> titles;
    std::vector<std::size_t> widths;
    lxw_row_t row = 0;  // next row to write
    lxw_row_t last_table_row = 0;
    bool filtered = false;
    std::map<std::string, lxw_format*> formats;
    std::set<std::string> names;
    struct inexact_value {
        std::string sheet;
        std::string cell;
        std::string column;
        std::string exact;
        rational value;
    };
    std::vector<inexact_value> inexact;
    std::size_t inexact_count = 0;
    bool record_inexact = true;  // off in the sheet of exact values itself

    lxw_format* format(const std::string& code, bool header = false)
    {
        const auto key = (header ? "h:" : "n:") + code;
        if (const auto it = formats.find(key); it != formats.end()) return it->second;
        lxw_format* f = workbook_add_format(book);
        if (header) {
            format_set_bold(f);
            format_set_bg_color(f, 0xDDEBF7);
            format_set_bottom(f, LXW_BORDER_THIN);
            format_set_text_wrap(f);
            format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
        }
        else if (code != "@") {
            format_set_num_format(f, code.c_str());
        }
        formats[key] = f;
        return f;
    }

    // The filter over the table's rows: set before anything is written under the table, since
    // in constant memory libxlsxwriter refuses a range above the row being written.
    void end_table()
    {
        if (sheet == nullptr || titles.empty() || filtered) return;
        worksheet_freeze_panes(sheet, 1, 0);
        worksheet_autofilter(sheet, 0, 0, std::max<lxw_row_t>(last_table_row, 1), static_cast<lxw_col_t>(titles.size() - 1));
        filtered = true;
    }

    void end_sheet()
    {
        if (sheet == nullptr) return;
        end_table();
        for (std::size_t c = 0; c < widths.size(); ++c) {
            const auto w = std::clamp<std::size_t>(widths[c] + 2, 8, 60);
            worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), static_cast<double>(w), nullptr);
        }
        sheet = nullptr;
    }

    void new_sheet(std::string_view wanted)
    {
        end_sheet();
        auto name = sheet_name_of(wanted);
        for (int k = 2; names.count(name) != 0; ++k) name = truncate(sheet_name_of(wanted), 27) + fmt::format(" ({})", k);
        names.insert(name);
        sheet = workbook_add_worksheet(book, name.c_str());
        if (sheet == nullptr) throw xlsx_error(messages::trf("cannot add the sheet '{}' to the workbook", name));
        sheet_name = name;
        // Printed: landscape A4, as wide as one page, the header row on every page.
        worksheet_set_landscape(sheet);
        worksheet_set_paper(sheet, 9);
        worksheet_fit_to_pages(sheet, 1, 0);
        worksheet_repeat_rows(sheet, 0, 0);
        titles.clear();
        widths.clear();
        row = 0;
        last_table_row = 0;
        filtered = false;
    }

    void write_text(lxw_col_t col, std::string_view text, lxw_format* f = nullptr)
    {
        const auto clean = excel_text(text);
        if (!clean.empty()) worksheet_write_string(sheet, row, col, clean.c_str(), f);
        note_width(col, display_width(clean));
    }

    void note_width(std::size_t col, std::size_t w)
    {
        if (col >= widths.size()) widths.resize(col + 1, 0);
        widths[col] = std::max(widths[col], w);
    }

    void write_cell(lxw_col_t col, const cell& c)
    {
        if (c.what == cell::kind::text) return write_text(col, c.text);
        if (c.what == cell::kind::empty) return;
        const auto& v = c.value;
        const int decimals = c.style == number_style::rate ? rate_decimals(v) : 0;
        worksheet_write_number(sheet, row, col, excel_double(v), format(format_code(c.style, decimals)));
        note_width(col, display_width(people_text(c)));
        // Shares are quotients of the counts written beside them: their last digits are not
        // an amount anyone reads, so they are not copied as text.
        if (record_inexact && c.style != number_style::share && !excel_exact(v)) {
            ++inexact_count;
            if (inexact.size() < xlsx_max_rows) {
                char ref[LXW_MAX_CELL_NAME_LENGTH];
                lxw_rowcol_to_cell(ref, row, col);
                inexact.push_back({sheet_name, ref, col < titles.size() ? titles[col] : std::string(), v.to_string(), v});
            }
        }
    }
};

xlsx_book::xlsx_book() : m(std::make_unique<impl>())
{
    const char* tmp = std::getenv("TMPDIR");
    auto pattern = (std::filesystem::path(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") / "donum-xlsx-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw xlsx_error(messages::trf("cannot create a temporary folder for the workbook: {}", std::strerror(errno)));
    m->folder = pattern;
    m->file = (m->folder / "book.xlsx").string();
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    const auto tmpdir = m->folder.string();
    options.tmpdir = const_cast<char*>(tmpdir.c_str());  // libxlsxwriter copies it, never writes it
    m->book = workbook_new_opt(m->file.c_str(), &options);
    if (m->book == nullptr) throw xlsx_error(messages::tr("cannot create the workbook (libxlsxwriter)"));
}

xlsx_book::~xlsx_book()
{
    if (m->book != nullptr) {
        // Not finished (an error): close to free, the file is removed with the folder.
        workbook_close(m->book);
    }
    std::error_code ec;
    std::filesystem::remove_all(m->folder, ec);
}

void xlsx_book::begin_sheet(std::string_view name, std::span<const column> columns)
{
    m->new_sheet(name);
    auto* head = m->format("", true);
    // A title wraps within about 18 characters (see below): the header row is as high as
    // its longest title needs, decided now since rows are written once.
    std::size_t lines = 1;
    for (const auto& c : columns) lines = std::max(lines, (display_width(c.title) + 17) / 18);
    worksheet_set_row(m->sheet, 0, 15.0 * static_cast<double>(std::min<std::size_t>(lines, 4)), head);
    for (std::size_t c = 0; c < columns.size(); ++c) {
        m->titles.push_back(columns[c].title);
        m->write_text(static_cast<lxw_col_t>(c), columns[c].title, head);
        // A long title wraps rather than widening its column beyond its content.
        m->widths[c] = std::min<std::size_t>(m->widths[c], 18);
    }
    m->row = 1;
}

void xlsx_book::add_row(std::span<const cell> cells)
{
    if (m->row > xlsx_max_rows) {
        throw xlsx_error(messages::trf("the sheet '{}' needs more than the {} rows an Excel sheet holds: write CSV instead (--format csv)", m->sheet_name, xlsx_max_rows));
    }
    for (std::size_t c = 0; c < cells.size(); ++c) m->write_cell(static_cast<lxw_col_t>(c), cells[c]);
    m->last_table_row = m->row;
    ++m->row;
}

void xlsx_book::add_table(const table& t)
{
    begin_sheet(t.title, t.columns);
    for (const auto& r : t.rows) add_row(r);
    m->end_table();
    if (!t.notes.empty()) ++m->row;
    for (const auto& n : t.notes) {
        // Notes are long sentences: they run over the next cells, without widening column A.
        worksheet_write_string(m->sheet, m->row++, 0, excel_text(n).c_str(), nullptr);
    }
}

void xlsx_book::add_chart_sheet(std::string_view name, const chart_spec& spec)
{
    std::vector<column> columns{{"x", spec.x_label}};
    for (const auto& s : spec.series) {
        const auto suffix = s.label.empty() ? std::string() : " ; " + spec.series_title + " = " + s.label;
        columns.push_back({"cost", spec.cost_label + suffix});
        columns.push_back({"share", spec.share_label + suffix});
    }
    const bool mark = spec.current_x.has_value();
    if (mark) {
        columns.push_back({"mark_x", spec.current_label});
        columns.push_back({"mark_cost", messages::tr("marker (M€)")});
        columns.push_back({"mark_share", messages::tr("marker (%)")});
    }
    begin_sheet(name, columns);
    const auto sheet = m->sheet_name;
    const std::size_t points = spec.series.empty() ? 0 : spec.series.front().x.size();
    double top_cost = 0;
    for (const auto& s : spec.series) {
        for (const auto c : s.cost) top_cost = std::max(top_cost, c);
    }
    auto number = [&](lxw_col_t col, double v, const char* code) {
        worksheet_write_number(m->sheet, m->row, col, v, m->format(code));
        m->note_width(col, 10);
    };
    for (std::size_t i = 0; i < std::max<std::size_t>(points, mark ? 2 : 0); ++i) {
        if (i < points) {
            number(0, spec.series.front().x[i], "General");
            for (std::size_t k = 0; k < spec.series.size(); ++k) {
                number(static_cast<lxw_col_t>(1 + 2 * k), spec.series[k].cost[i], "#,##0.000");
                number(static_cast<lxw_col_t>(2 + 2 * k), spec.series[k].share[i], "0.0");
            }
        }
        if (mark && i < 2) {
            const auto base = static_cast<lxw_col_t>(1 + 2 * spec.series.size());
            number(base, *spec.current_x, "General");
            number(base + 1, i == 0 ? 0.0 : top_cost * 1.05, "#,##0.000");
            number(base + 2, i == 0 ? 0.0 : 100.0, "0.0");
        }
        m->last_table_row = m->row;
        ++m->row;
    }
    m->end_table();
    const auto last = static_cast<lxw_row_t>(points);
    // Two charts, cost then share: libxlsxwriter draws no secondary axis.
    auto draw = [&](bool cost, lxw_row_t at) {
        lxw_chart* chart = workbook_add_chart(m->book, LXW_CHART_SCATTER_STRAIGHT_WITH_MARKERS);
        for (std::size_t k = 0; k < spec.series.size(); ++k) {
            lxw_chart_series* s = chart_add_series(chart, nullptr, nullptr);
            chart_series_set_categories(s, sheet.c_str(), 1, 0, last, 0);
            const auto col = static_cast<lxw_col_t>((cost ? 1 : 2) + 2 * k);
            chart_series_set_values(s, sheet.c_str(), 1, col, last, col);
            chart_series_set_name(s, (spec.series[k].label.empty() ? (cost ? spec.cost_label : spec.share_label) : spec.series_title + " = " + spec.series[k].label).c_str());
            lxw_chart_line line{};
            line.color = palette[(2 * k + (cost ? 0 : 1)) % std::size(palette)];
            line.width = 2.25F;
            chart_series_set_line(s, &line);
            chart_series_set_marker_type(s, LXW_CHART_MARKER_CIRCLE);
            chart_series_set_marker_size(s, 4);
            lxw_chart_fill fill{};
            fill.color = line.color;
            chart_series_set_marker_fill(s, &fill);
            lxw_chart_line border{};
            border.color = line.color;
            chart_series_set_marker_line(s, &border);
        }
        if (mark) {
            const auto base = static_cast<lxw_col_t>(1 + 2 * spec.series.size());
            lxw_chart_series* s = chart_add_series(chart, nullptr, nullptr);
            chart_series_set_categories(s, sheet.c_str(), 1, base, 2, base);
            chart_series_set_values(s, sheet.c_str(), 1, static_cast<lxw_col_t>(base + (cost ? 1 : 2)), 2, static_cast<lxw_col_t>(base + (cost ? 1 : 2)));
            chart_series_set_name(s, spec.current_label.c_str());
            lxw_chart_line line{};
            line.color = LXW_COLOR_BLACK;  // 0 would mean "unset"
            line.width = 1.5F;
            line.dash_type = LXW_CHART_LINE_DASH_DASH;
            chart_series_set_line(s, &line);
            chart_series_set_marker_type(s, LXW_CHART_MARKER_NONE);
        }
        const auto title = fmt::format("{} — {}\n{}", cost ? "Coût total" : messages::tr("Share of physicians"), spec.title, spec.subtitle);
        chart_title_set_name(chart, title.c_str());
        lxw_chart_font font{};
        font.size = 12;
        font.bold = LXW_TRUE;
        chart_title_set_name_font(chart, &font);
        chart_axis_set_name(chart->x_axis, spec.x_label.c_str());
        chart_axis_set_name(chart->y_axis, (cost ? spec.cost_label : spec.share_label).c_str());
        chart_axis_set_min(chart->y_axis, 0);
        if (!cost) chart_axis_set_max(chart->y_axis, 100);
        // The swept range, not a rounder one: a spreadsheet's own choice (0 to 120 for a
        // target swept 0 % to 100 %) draws values the parameter cannot take.
        if (points > 1) {
            const auto [low, high] = std::minmax_element(spec.series.front().x.begin(), spec.series.front().x.end());
            if (*low < *high) {
                chart_axis_set_min(chart->x_axis, *low);
                chart_axis_set_max(chart->x_axis, *high);
            }
        }
        chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
        lxw_chart_options where{};
        where.x_scale = 1.6;
        where.y_scale = 1.4;
        worksheet_insert_chart_opt(m->sheet, at, static_cast<lxw_col_t>(columns.size() + 1), chart, &where);
    };
    draw(true, 1);
    draw(false, 23);
}

std::string xlsx_book::finish(table manifest)
{
    if (m->inexact_count > 0) {
        const std::vector<column> columns{{"sheet", messages::tr("Sheet")}, {"cell", messages::tr("Cell")}, {"column", messages::tr("Column")}, {"exact", messages::tr("Exact value")}, {"shown", messages::tr("Cell value")}};
        begin_sheet(messages::tr("Exact values"), columns);
        m->record_inexact = false;
        for (const auto& v : m->inexact) {
            const std::vector<cell> cells{cell::of_text(v.sheet), cell::of_text(v.cell), cell::of_text(v.column), cell::of_text(v.exact), cell::of_number(v.value, number_style::decimal)};
            add_row(cells);
        }
    }
    const auto exact_note = m->inexact_count == 0
                                ? std::string(messages::tr("every number of this workbook is exact (15 significant digits at most); the shares (%) are the quotients of the counts given beside them"))
                                : messages::trf("{} value(s) Excel cannot hold exactly (a fraction like 2/3, or more than 15 significant digits): the cell holds the nearest value, the exact value is written as text in the sheet “Exact values”", m->inexact_count);
    manifest.add({cell::of_text(messages::tr("Exactness")), cell::of_text(exact_note), {}});
    add_table(manifest);
    m->end_sheet();
    const lxw_error closed = workbook_close(m->book);
    m->book = nullptr;
    if (closed != LXW_NO_ERROR) throw xlsx_error(messages::trf("cannot write the workbook: {}", lxw_strerror(closed)));
    std::ifstream in(m->file, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in) throw xlsx_error(messages::tr("cannot read back the workbook just written"));
    return bytes.str();
}

std::string document_xlsx(const document& d, table manifest)
{
    xlsx_book book;
    if (!d.facts.empty()) {
        table synthesis{"facts", messages::tr("Information"), {{"item", messages::tr("Item")}, {"value", messages::tr("Value")}}, {}, {}};
        synthesis.add({cell::of_text(messages::tr("Title")), cell::of_text(d.title)});
        for (const auto& [label, value] : d.facts) synthesis.add({cell::of_text(label), cell::of_text(value)});
        book.add_table(synthesis);
    }
    for (const auto& t : d.tables) book.add_table(t);
    return book.finish(std::move(manifest));
}

table manifest_table(const population::manifest& m)
{
    table t = simple_manifest(m.donum_version, {{messages::tr("Date"), m.date}, {messages::tr("Parameters set"), m.parameters.empty() ? std::string(messages::tr("none")) : fmt::format("{}", fmt::join(m.parameters, ", "))}});
    for (const auto& f : m.files) t.add({cell::of_text(f.role), cell::of_text(f.path), cell::of_text(f.sha256)});
    return t;
}

table simple_manifest(std::string_view donum_version, const std::vector<std::pair<std::string, std::string>>& facts)
{
    table t{"manifest", messages::tr("Manifest"), {{"item", messages::tr("Item")}, {"value", messages::tr("Value")}, {"sha256", "SHA-256"}}, {}, {}};
    t.add({cell::of_text(messages::tr("donum version")), cell::of_text(std::string(donum_version)), {}});
    for (const auto& [label, value] : facts) t.add({cell::of_text(label), cell::of_text(value), {}});
    return t;
}

}  // namespace donum::render
