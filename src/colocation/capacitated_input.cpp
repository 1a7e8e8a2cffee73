// Checks and layout of the capacitated problems' input.

#include "colocation/capacitated_input.hpp"

#include <pooled/core/error.hpp>

#include "core/text.hpp"

#include <cmath>

namespace pooled::colocation::detail {

namespace {

void check_values(std::span<const double> values, std::size_t expected, const std::string &what,
                  const std::vector<std::string> &ids, const std::string &problem) {
    if (values.size() != expected) {
        throw Error(Errc::argument, problem + ": " + std::to_string(values.size()) + " " + what + " values for " +
                                        std::to_string(expected));
    }
    for (std::size_t k = 0; k < values.size(); ++k) {
        if (!std::isfinite(values[k]) || values[k] < 0.0) {
            throw Error(Errc::argument, problem + ": " + what + " of '" + ids[k] + "' is " +
                                            pooled::detail::number_text(values[k]) + " (it must be finite and >= 0)");
        }
    }
}

} // namespace

CapacitatedInput prepare_capacitated(const network::CostMatrix &costs, std::span<const double> demand, std::size_t p,
                                     std::span<const double> opening_cost, const CapacitatedOptions &options,
                                     const std::string &problem) {
    check_values(options.capacity, costs.destination_count(), "capacity", costs.destination_ids(), problem);
    check_values(demand, costs.origin_count(), "demand", costs.origin_ids(), problem);
    if (!options.cost_weight.empty()) {
        check_values(options.cost_weight, costs.origin_count(), "cost weight", costs.origin_ids(), problem);
    }
    if (!opening_cost.empty()) {
        check_values(opening_cost, costs.destination_count(), "opening cost", costs.destination_ids(), problem);
    }
    const std::span<const double> weights = options.cost_weight.empty() ? demand : std::span<const double>(options.cost_weight);
    CapacitatedInput prepared{make_allocation_data(costs, weights, options.sites, p, std::nullopt, problem, true), {}};
    for (std::size_t j = 0; j < opening_cost.size(); ++j) {
        prepared.data.site_cost[j] += opening_cost[j];
        prepared.data.cost_scale += opening_cost[j];
    }
    for (const std::uint32_t o : prepared.data.origin_of) {
        prepared.caps.load.push_back(demand[o]);
    }
    prepared.caps.capacity = options.capacity;
    return prepared;
}

} // namespace pooled::colocation::detail
