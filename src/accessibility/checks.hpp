#pragma once
// Argument checks shared by the accessibility measures (internal, not installed).

#include <pooled/network/cost_matrix.hpp>

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace pooled::accessibility::detail {

/// The cutoff to compare costs with (inclusive): +inf without one.
/// @throws Error (Errc::argument) for a NaN or negative cutoff.
double checked_cutoff(std::optional<double> cutoff);

/// `values` (demand per origin or supply per destination, `what` = "demand" / "supply", `side` =
/// "origin" / "destination") has one value per id, each finite and >= 0.
/// @throws Error (Errc::argument) for a size mismatch, (Errc::data) naming index and id otherwise.
void check_values(std::span<const double> values, const std::vector<std::string> &ids, const char *what,
                  const char *side);

} // namespace pooled::accessibility::detail
