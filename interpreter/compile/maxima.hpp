// The most a convention pays in each year: every indicator met (`donum check --summary`,
// the diff of versions).
#ifndef DONUM_INTERPRETER_COMPILE_MAXIMA_HPP
#define DONUM_INTERPRETER_COMPILE_MAXIMA_HPP

#include <optional>
#include <string>
#include <vector>

#include "interpreter/compile/program.hpp"

namespace donum::compile {

/// Maximum points and euros of one year: every indicator met. Unknown while a points value
/// or the point value is XX; `open` then lists the placeholders that make it unknown.
struct year_maximum {
    int year = 0;
    rational known_points;                ///< sum of the points that are set
    std::optional<rational> points;       ///< the maximum, when every points value is set
    std::optional<rational> euros;        ///< points times the point value, when both are set
    std::vector<std::string> open;
    bool beyond_64_bits = false;  ///< the sum does not fit exact arithmetic: no maximum
};

/// Maximum of each year of `p`, in the order of p.years.
[[nodiscard]] std::vector<year_maximum> maxima(const program& p);

}  // namespace donum::compile

#endif
