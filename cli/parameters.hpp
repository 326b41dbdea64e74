// Parameters named on the command line for sweeps and solve: `NAME[@YEAR]` and values with
// their unit (`35%`, `7.5€`, `20`), and amounts such as `300M€`.
#ifndef DONUM_CLI_PARAMETERS_HPP
#define DONUM_CLI_PARAMETERS_HPP

#include <optional>
#include <string>
#include <vector>

#include "interpreter/compile/program.hpp"
#include "interpreter/exact/rational.hpp"

namespace donum::cli {

/// A settable value of a program, found by its dotted name.
struct parameter {
    std::string name;  ///< as given: "volet2.dmp.target@2024"
    std::size_t slot = 0;
    std::optional<int> year;
};

/// Finds `NAME[@YEAR]` in `p`; on failure sets `error` (with the closest name).
[[nodiscard]] std::optional<parameter> find_parameter(const compile::program& p, const std::string& text, std::string& error);

/// Reads one value for slot `s`: "35%" or "0.35" (a fraction) for a rate target, "7.5€" or
/// "7.5 EUR" for the point value, a number otherwise. Exact; sets `error` on failure.
[[nodiscard]] std::optional<exact::rational> parse_value(const compile::slot& s, const std::string& text, std::string& error);

/// Reads an amount in euros: "300M€", "300 M€", "2.5 Md€", "150k€", "1200000€", "1200000".
[[nodiscard]] std::optional<exact::rational> parse_euros(const std::string& text, std::string& error);

/// Reads a share: "70%" or "0.7".
[[nodiscard]] std::optional<exact::rational> parse_share(const std::string& text, std::string& error);

/// A value for people, in the slot's unit: "35 %", "7.50 €", "22.5".
[[nodiscard]] std::string show_value(const compile::slot& s, const exact::rational& v);

}  // namespace donum::cli

#endif
