#include <pooled/accessibility/availability.hpp>

#include <pooled/accessibility/measures.hpp>
#include <pooled/core/error.hpp>

#include "accessibility/checks.hpp"
#include "core/text.hpp"

#include <cmath>

namespace pooled::accessibility {

AvailabilityResult spatial_availability(const network::CostMatrix &m, std::span<const double> demand,
                                        std::span<const double> supply, const Decay &decay,
                                        std::optional<double> cutoff, double population_exponent) {
    if (!std::isfinite(population_exponent) || population_exponent <= 0.0) {
        throw Error(Errc::argument, "spatial availability's population exponent must be a finite number > 0, not " +
                                        pooled::detail::number_text(population_exponent));
    }
    detail::check_values(demand, m.origin_ids(), "demand", "origin");
    // V_i = P_i^alpha sum_j w_ij S_j / sum_k P_k^alpha w_kj: 2SFCA with demand P^alpha, times P_i^alpha.
    std::vector<double> competing(demand.begin(), demand.end());
    if (population_exponent != 1.0) {
        for (double &p : competing) {
            p = std::pow(p, population_exponent);
        }
    }
    TwoStepResult two_step = two_step_fca(m, competing, supply, decay, cutoff);
    AvailabilityResult result;
    result.availability.resize(m.origin_count());
    result.per_head.resize(m.origin_count());
    for (std::size_t i = 0; i < m.origin_count(); ++i) {
        result.availability[i] = competing[i] * two_step.access[i];
        result.per_head[i] = demand[i] > 0.0 ? result.availability[i] / demand[i] : 0.0;
    }
    result.sites_without_demand = std::move(two_step.sites_without_demand);
    result.zones_reaching_nothing = std::move(two_step.zones_reaching_nothing);
    result.unallocated_supply = two_step.unallocated_supply;
    return result;
}

} // namespace pooled::accessibility
