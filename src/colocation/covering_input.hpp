#pragma once
// INTERNAL to libpooled (colocation). Input checks shared by the covering solvers.

#include "colocation/allocation_data.hpp"

#include <string>

namespace pooled::colocation::detail {

/// Checks the service cost (a number >= 0) and that no existing sites are given (closing
/// costs have no meaning in a covering objective).
/// @throws Error (Errc::argument) naming `problem`.
void check_covering_input(double service_cost, const SiteRules &rules, const std::string &problem);

/// Fills `solution.assignment`: per origin, the cheapest selected site within the service
/// cost, or no_site (origins of zero demand included).
void assign_covering(const network::CostMatrix &costs, double service_cost, Solution &solution);

} // namespace pooled::colocation::detail
