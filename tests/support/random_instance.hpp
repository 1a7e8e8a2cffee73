#pragma once
// A seeded random demand/supply instance on a cost matrix, for the invariant tests of the
// accessibility measures (conservation, probabilities summing to 1, calibration recovery).

#include <pooled/core/random.hpp>
#include <pooled/network/cost_matrix.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pooled::test {

/// Draws U[low, low + span).
struct UniformRange {
    double low = 0.0;
    double span = 1.0;
};

struct RandomInstance {
    network::CostMatrix matrix;
    std::vector<double> demand; ///< per zone (origin)
    std::vector<double> supply; ///< per site (destination)
};

/// Zones z0.. and sites s0..; the draws, in this order: per zone its demand, then per site
/// (with `keep` < 1, first a draw deciding whether the pair is stored) its cost; then per site
/// its supply.
inline RandomInstance random_instance(Rng &rng, std::size_t zones, std::size_t sites, UniformRange demand,
                                      UniformRange cost, UniformRange supply, double keep = 1.0) {
    std::vector<std::string> zone_ids, site_ids;
    std::vector<double> demand_values, supply_values;
    std::vector<std::vector<network::MatrixEntry>> rows(zones);
    for (std::size_t i = 0; i < zones; ++i) {
        zone_ids.push_back("z" + std::to_string(i));
        demand_values.push_back(demand.low + demand.span * rng.uniform());
        for (std::uint32_t j = 0; j < sites; ++j) {
            if (keep < 1.0 && !(rng.uniform() < keep)) {
                continue;
            }
            rows[i].push_back({j, cost.low + cost.span * rng.uniform()});
        }
    }
    for (std::size_t j = 0; j < sites; ++j) {
        site_ids.push_back("s" + std::to_string(j));
        supply_values.push_back(supply.low + supply.span * rng.uniform());
    }
    return {network::CostMatrix(std::move(zone_ids), std::move(site_ids), network::CostUnit::seconds, std::nullopt,
                                std::nullopt, std::move(rows)),
            std::move(demand_values), std::move(supply_values)};
}

} // namespace pooled::test
