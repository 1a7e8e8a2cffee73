#pragma once
/// @file
/// @brief Accessibility measures per demand zone on a CostMatrix: cumulative opportunities,
/// n-th nearest cost, gravity (Hansen) and floating catchments (2SFCA / E2SFCA / 3SFCA).
///
/// The matrix's origins are the demand zones and its destinations the supply sites; `demand`
/// has one value per origin (e.g. population) and `supply` one per destination (a capacity,
/// floor area, staff hours or a count), in the matrix's order.
///
/// Cutoffs: a measure's optional `cutoff` drops every pair with cost > cutoff (inclusive, like
/// CostMatrix's own cutoff); unstored pairs are unreachable (+inf) and never count. For a strict
/// bound (cost < x, as pysal/access's `max_cost`), pass `std::nextafter(x, 0.0)`.
///
/// Errors (every measure): a span whose size is not the matrix's origin / destination count, or
/// a NaN or negative cutoff, is Errc::argument; a negative, NaN or infinite demand or supply is
/// Errc::data, naming the index and the id (e.g. `demand of origin 3 ('E01019001') is negative: -2`).

#include <pooled/accessibility/decay.hpp>
#include <pooled/network/cost_matrix.hpp>
#include <pooled/pooled_cxx_export.h>

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

namespace pooled::accessibility {

/// Cumulative opportunities: per origin, the sum of the supply of the destinations within the
/// cutoff (all stored pairs without one).
POOLED_CXX_API std::vector<double> cumulative_opportunities(const network::CostMatrix &m,
                                                            std::span<const double> supply,
                                                            std::optional<double> cutoff = std::nullopt);

/// Per origin, the cost to its n-th nearest destination (n = 1: the nearest) among the pairs
/// within the cutoff; +inf when it reaches fewer than n. Every destination counts, whatever its
/// supply (pass a matrix of only the sites of one service).
/// @throws Error (Errc::argument) for n = 0.
POOLED_CXX_API std::vector<double> nearest_cost(const network::CostMatrix &m, std::size_t n = 1,
                                                std::optional<double> cutoff = std::nullopt);

/// Gravity (Hansen 1959) accessibility: A_i = sum_j S_j w(c_ij) over the pairs within the cutoff.
POOLED_CXX_API std::vector<double> gravity(const network::CostMatrix &m, std::span<const double> supply,
                                           const Decay &decay, std::optional<double> cutoff = std::nullopt);

/// The result of two_step_fca().
struct TwoStepResult {
    /// A_i per origin: supply per unit of demand reachable from zone i.
    std::vector<double> access;
    /// R_j per destination: supply per unit of (decay-weighted) demand of site j; 0 for a site
    /// in sites_without_demand.
    std::vector<double> ratio;
    /// Destinations with no weighted demand (sum_i P_i w(c_ij) = 0: no zone reaches them with a
    /// weight > 0, or only zones of zero demand do). Their R_j is 0 and their supply is not
    /// allocated; ascending.
    std::vector<std::size_t> sites_without_demand;
    /// Origins that reach no destination with a weight > 0 within the cutoff. Their A_i is 0 (not
    /// NaN: no access); ascending.
    std::vector<std::size_t> zones_reaching_nothing;
    /// Sum of the supply of sites_without_demand. With it, 2SFCA conserves supply:
    /// sum_i P_i A_i + unallocated_supply = sum_j S_j.
    double unallocated_supply = 0.0;
};

/// Two-step floating catchment area (Luo and Wang 2003, generalised with a decay as in
/// pysal/access's `fca_ratio` / `two_stage_fca`):
///   step 1, per site:  R_j = S_j / sum_i P_i w(c_ij)   (R_j = 0 when the sum is 0, reported);
///   step 2, per zone:  A_i = sum_j R_j w(c_ij)          (A_i = 0 when zone i reaches nothing, reported);
/// both sums over the stored pairs within the cutoff. With a Step decay this is plain 2SFCA;
/// with a Stepped decay it is enhanced 2SFCA (E2SFCA, Luo and Qi 2009) — the same function.
POOLED_CXX_API TwoStepResult two_step_fca(const network::CostMatrix &m, std::span<const double> demand,
                                          std::span<const double> supply, const Decay &decay,
                                          std::optional<double> cutoff = std::nullopt);

/// Three-step floating catchment (3SFCA, Wan, Zou and Sternberg 2012, "A three-step floating
/// catchment area method for analyzing spatial access to health services", IJGIS 26(6)): 2SFCA
/// where each zone splits its demand between the sites it reaches in proportion to their
/// weights, so a zone near several sites does not count in full at each of them:
///   selection weight:  G_ij = w(c_ij) / sum_k w(c_ik)          (over the sites zone i reaches);
///   step 2, per site:  R_j  = S_j / sum_i G_ij P_i w(c_ij);
///   step 3, per zone:  A_i  = sum_j G_ij R_j w(c_ij).
/// Wan et al. compute G from the same (Gaussian-stepped) weights as the catchment; so does this
/// function, with any decay (as pysal/access's `three_stage_fca`). The result reads as for
/// two_step_fca() and conserves supply the same way: sum_i P_i A_i + unallocated_supply = sum_j S_j.
POOLED_CXX_API TwoStepResult three_step_fca(const network::CostMatrix &m, std::span<const double> demand,
                                            std::span<const double> supply, const Decay &decay,
                                            std::optional<double> cutoff = std::nullopt);

} // namespace pooled::accessibility
