#pragma once
/// @file
/// @brief Spatial availability (Soukhov, Páez, Higgins and Mohamed 2023, "Introducing spatial
/// availability, a singly-constrained measure of competitive accessibility", PLOS ONE 18(1)
/// e0278468): every site's supply shared out among the zones that reach it, so the zones' totals
/// add up to the supply.
///
/// Matrix, spans, cutoff and errors as in measures.hpp.

#include <pooled/accessibility/decay.hpp>
#include <pooled/network/cost_matrix.hpp>
#include <pooled/pooled_cxx_export.h>

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

namespace pooled::accessibility {

/// The result of spatial_availability().
struct AvailabilityResult {
    /// V_i per origin: the supply allocated to zone i (e.g. jobs or doctors available to it).
    std::vector<double> availability;
    /// V_i / P_i per origin; 0 for a zone of zero demand (it is allocated nothing).
    std::vector<double> per_head;
    /// Destinations that no zone of positive demand reaches with a weight > 0; their supply is
    /// not allocated. Ascending.
    std::vector<std::size_t> sites_without_demand;
    /// Origins that reach no destination with a weight > 0; V_i = 0. Ascending.
    std::vector<std::size_t> zones_reaching_nothing;
    /// Sum of the supply of sites_without_demand: sum_i V_i + unallocated_supply = sum_j S_j.
    double unallocated_supply = 0.0;
};

/// Spatial availability, singly constrained at the destinations:
///   V_i = sum_j S_j F_ij,   F_ij = P_i^alpha w(c_ij) / sum_k P_k^alpha w(c_kj)
/// (the paper's population and cost balancing factors F^p F^c, multiplied and normalised over
/// the zones reaching site j; alpha = `population_exponent`, 1 in the paper's examples). With
/// alpha = 1, V_i / P_i is exactly the 2SFCA access of zone i (the paper's section on 2SFCA).
/// @throws Error (Errc::argument) for a population exponent that is not finite and > 0, and as
///         the other measures for sizes, cutoff, demand and supply.
POOLED_CXX_API AvailabilityResult spatial_availability(const network::CostMatrix &m, std::span<const double> demand,
                                                       std::span<const double> supply, const Decay &decay,
                                                       std::optional<double> cutoff = std::nullopt,
                                                       double population_exponent = 1.0);

} // namespace pooled::accessibility
