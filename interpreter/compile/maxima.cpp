#include "interpreter/compile/maxima.hpp"

#include <algorithm>

namespace donum::compile {

namespace {

// One year's maximum, computed group by group: a group pays at most its block, or the sum
// of its indicators' points, and never more than its cap; the convention never more than
// its own cap.
class year_sum {
public:
    year_sum(const program& p, std::size_t y, year_maximum& m) : m_p(p), m_y(y), m_m(m) {}

    // The year's value of slot `si`, or nothing when it is XX (recorded as open).
    std::optional<rational> value(std::size_t si)
    {
        const auto& s = m_p.slots[si];
        if (!s.by_year[m_y]) {
            if (std::find(m_m.open.begin(), m_m.open.end(), s.name) == m_m.open.end()) m_m.open.push_back(s.name);
            return std::nullopt;
        }
        return *s.by_year[m_y];
    }

    // The most group g pays: set points only (a lower bound while some are XX).
    rational group(const group_info& g)
    {
        rational sum;
        if (g.block_slot) {
            sum = value(*g.block_slot).value_or(rational(0));
        }
        else {
            for (const auto i : g.indicators) sum = sum + indicator(m_p.indicators[i]);
        }
        if (g.cap_slot) {
            if (const auto cap = value(*g.cap_slot)) sum = std::min(sum, *cap);
        }
        return sum;
    }

    // The most indicator i pays: its points; the highest of its levels when it is graded.
    rational indicator(const indicator_info& i)
    {
        rational most;
        if (i.points_slot) most = value(*i.points_slot).value_or(rational(0));
        for (const auto& level : i.levels) most = std::max(most, value(level.points_slot).value_or(rational(0)));
        return most;
    }

private:
    const program& m_p;
    std::size_t m_y;
    year_maximum& m_m;
};

}  // namespace

std::vector<year_maximum> maxima(const program& p)
{
    std::vector<year_maximum> out;
    for (std::size_t y = 0; y < p.years.size(); ++y) {
        year_maximum m;
        m.year = p.years[y];
        year_sum sum(p, y, m);
        try {
            for (const auto& g : p.groups) m.known_points = m.known_points + sum.group(g);
            if (p.cap_slot) {
                if (const auto cap = sum.value(*p.cap_slot)) m.known_points = std::min(m.known_points, *cap);
            }
            if (m.open.empty()) {
                m.points = m.known_points;
                const auto& pv = p.slots[p.point_value_slot].by_year[y];
                if (pv) m.euros = m.known_points * *pv;
                else m.open.push_back("point_value");
            }
        }
        catch (const overflow_error&) {
            m.beyond_64_bits = true;
            m.points.reset();
            m.euros.reset();
        }
        out.push_back(std::move(m));
    }
    return out;
}

}  // namespace donum::compile
