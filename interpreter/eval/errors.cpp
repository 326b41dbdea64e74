#include "interpreter/eval/errors.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "interpreter/messages/messages.hpp"

namespace donum::eval {

using messages::tr;
using messages::trf;

evaluation_error::evaluation_error(const grammar::source_range& range, std::string message)
    : std::runtime_error(message), m_range(range), m_message(std::move(message))
{
    update_what();
}

void evaluation_error::set_year(int year)
{
    m_year = year;
    update_what();
}

void evaluation_error::set_row(std::string data_file, std::size_t data_line, std::string id, int year)
{
    m_year = year;
    set_row(std::move(data_file), data_line, std::move(id));
}

void evaluation_error::set_row(std::string data_file, std::size_t data_line, std::string id)
{
    m_data_file = std::move(data_file);
    m_data_line = data_line;
    m_id = std::move(id);
    update_what();
}

void evaluation_error::update_what()
{
    std::string where = tr("<rules>");
    if (m_range.file != nullptr) {
        where = fmt::format("{}:{}:{}", m_range.file->name, m_range.begin.line, m_range.begin.column);
    }
    m_what = trf("{}: error: {}", where, m_message);
    if (!m_data_file.empty() || !m_id.empty()) {
        m_what += trf(" ({}:{}: physician {}, year {})", m_data_file, m_data_line, m_id, m_year);
    }
}

grammar::diagnostic evaluation_error::to_diagnostic() const
{
    grammar::diagnostic d{grammar::severity::error, m_range, m_message, {}};
    if (!m_data_file.empty() || !m_id.empty()) {
        d.message += trf(" (data {}:{}: physician {}, year {})", m_data_file, m_data_line, m_id, m_year);
    }
    return d;
}

evaluation_error total_overflow(const compile::program& p)
{
    return {p.slots[p.point_value_slot].range, tr("a total of the population is too large for exact arithmetic (beyond 64 bits)")};
}

namespace {

std::string placeholder_message(int year, const std::vector<open_placeholder>& open)
{
    std::vector<std::string> names;
    for (const auto& o : open) {
        if (o.range.file != nullptr) names.push_back(fmt::format("{} ({}:{})", o.name, o.range.file->name, o.range.begin.line));
        else names.push_back(o.name);
    }
    if (open.size() == 1) return trf("year {} cannot be evaluated: {} value is not agreed yet (XX): {}; set it with --set or a scenario", year, open.size(), names.front());
    return trf("year {} cannot be evaluated: {} values are not agreed yet (XX): {}; set them with --set or a scenario", year, open.size(), fmt::join(names, ", "));
}

}  // namespace

placeholder_error::placeholder_error(int year, std::vector<open_placeholder> open)
    : std::runtime_error(placeholder_message(year, open)), m_year(year), m_open(std::move(open))
{
}

void placeholder_collector::add(const placeholder_error& e)
{
    if (!m_first_year) m_first_year = e.year();
    for (const auto& o : e.open()) {
        const bool known = std::any_of(m_open.begin(), m_open.end(), [&](const open_placeholder& x) { return x.name == o.name; });
        if (!known) m_open.push_back(o);
    }
}

void placeholder_collector::throw_if_any()
{
    if (m_first_year) throw placeholder_error(*m_first_year, std::move(m_open));
}

}  // namespace donum::eval
