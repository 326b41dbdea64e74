#include "interpreter/compile/maxima.hpp"

namespace donum::compile {

std::vector<year_maximum> maxima(const program& p)
{
    std::vector<year_maximum> out;
    for (std::size_t y = 0; y < p.years.size(); ++y) {
        year_maximum m;
        m.year = p.years[y];
        bool too_large = false;
        auto add = [&](std::size_t si) {
            const auto& s = p.slots[si];
            if (!s.by_year[y]) {
                m.open.push_back(s.name);
                return;
            }
            try {
                m.known_points = m.known_points + *s.by_year[y];
            }
            catch (const overflow_error&) {
                too_large = true;
            }
        };
        for (const auto& g : p.groups) {
            if (g.block_slot) add(*g.block_slot);
            else {
                for (const auto i : g.indicators) {
                    if (p.indicators[i].points_slot) add(*p.indicators[i].points_slot);
                }
            }
        }
        if (too_large) {
            m.beyond_64_bits = true;
        }
        else if (m.open.empty()) {
            m.points = m.known_points;
            const auto& pv = p.slots[p.point_value_slot].by_year[y];
            try {
                if (pv) m.euros = m.known_points * *pv;
                else m.open.push_back("point_value");
            }
            catch (const overflow_error&) {
                m.beyond_64_bits = true;
            }
        }
        out.push_back(std::move(m));
    }
    return out;
}

}  // namespace donum::compile
