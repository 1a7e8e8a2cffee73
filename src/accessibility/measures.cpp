#include <pooled/accessibility/measures.hpp>

#include <pooled/core/error.hpp>

#include "accessibility/checks.hpp"
#include "accessibility/pair_weights.hpp"
#include "accessibility/weights.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <variant>

namespace pooled::accessibility {

namespace {

using detail::check_values;
using detail::checked_cutoff;
using detail::DestinationSums;
using detail::for_each_chunk;
using detail::origin_chunks;
using detail::OriginChunk;
using detail::PairWeights;
using network::CostMatrix;
using network::MatrixEntry;

constexpr double infinity = std::numeric_limits<double>::infinity();

/// The two steps of a floating catchment over the pairs' weights w'_ij (0 for a pair beyond the
/// cutoff): R_j = S_j / sum_i P_i w'_ij, then A_i = sum_j R_j w'_ij.
TwoStepResult floating_catchment(const CostMatrix &m, std::span<const OriginChunk> chunks, const PairWeights &w,
                                 std::span<const double> demand, std::span<const double> supply) {
    const std::uint32_t *destination = w.destinations();
    const double *weight = w.weights();
    DestinationSums sums(chunks.size(), m.destination_count());
    for_each_chunk(chunks.size(), [&](std::size_t c) {
        const std::span<double> weighted_demand = sums.of_chunk(c);
        for (std::size_t i = chunks[c].first; i < chunks[c].end; ++i) {
            const double p = demand[i];
            for (std::size_t k = w.begin(i); k < w.end(i); ++k) {
                weighted_demand[destination[k]] += p * weight[k];
            }
        }
    });
    const std::vector<double> weighted_demand = sums.total();
    TwoStepResult result;
    result.access.assign(m.origin_count(), 0.0);
    result.ratio.assign(m.destination_count(), 0.0);
    for (std::size_t j = 0; j < m.destination_count(); ++j) {
        if (weighted_demand[j] > 0.0) {
            result.ratio[j] = supply[j] / weighted_demand[j];
        } else {
            result.sites_without_demand.push_back(j);
            result.unallocated_supply += supply[j];
        }
    }
    std::vector<char> reaches(m.origin_count(), 0);
    for_each_chunk(chunks.size(), [&](std::size_t c) {
        for (std::size_t i = chunks[c].first; i < chunks[c].end; ++i) {
            const std::size_t k0 = w.begin(i);
            bool reached = false;
            result.access[i] = detail::row_sum(w.end(i) - k0, [&](std::size_t r) {
                reached |= weight[k0 + r] > 0.0;
                return result.ratio[destination[k0 + r]] * weight[k0 + r];
            });
            reaches[i] = reached;
        }
    });
    for (std::size_t i = 0; i < m.origin_count(); ++i) {
        if (!reaches[i]) {
            result.zones_reaching_nothing.push_back(i);
        }
    }
    return result;
}

/// Per origin, sum_j S_j w_ij over its stored pairs, w_ij the weight of decay d within `limit`.
template <class D>
std::vector<double> supply_reached(const CostMatrix &m, std::span<const double> supply, const D &d, double limit) {
    const std::vector<OriginChunk> chunks = origin_chunks(m);
    std::vector<double> result(m.origin_count(), 0.0);
    for_each_chunk(chunks.size(), [&](std::size_t c) {
        detail::for_each_weighted_row(m, chunks[c].first, chunks[c].end, d, limit,
                                      [&](std::size_t i, const network::MatrixRow &row, const auto &weight) {
                                          const std::uint32_t *destination = row.destinations().data();
                                          result[i] = detail::row_sum(row.size(), [&](std::size_t r) {
                                              return supply[destination[r]] * weight(r);
                                          });
                                      });
    });
    return result;
}

/// The pairs' weights of `decay` within `limit`, for a floating catchment.
PairWeights decay_weights(const CostMatrix &m, std::span<const OriginChunk> chunks, const Decay &decay, double limit) {
    return std::visit([&](const auto &d) { return PairWeights(m, chunks, d, limit); }, decay);
}

} // namespace

std::vector<double> cumulative_opportunities(const CostMatrix &m, std::span<const double> supply,
                                             std::optional<double> cutoff) {
    check_values(supply, m.destination_ids(), "supply", "destination");
    const double limit = checked_cutoff(cutoff);
    return supply_reached(m, supply, detail::Reached(), limit);
}

std::vector<double> nearest_cost(const CostMatrix &m, std::size_t n, std::optional<double> cutoff) {
    if (n == 0) {
        throw Error(Errc::argument, "nearest_cost needs n >= 1 (1 = the nearest destination)");
    }
    const double limit = checked_cutoff(cutoff);
    std::vector<double> result(m.origin_count(), infinity);
    std::vector<double> costs;
    for (std::size_t i = 0; i < m.origin_count(); ++i) {
        costs.clear();
        for (const MatrixEntry &e : m.row(i)) {
            if (e.cost <= limit) {
                costs.push_back(e.cost);
            }
        }
        if (costs.size() >= n) {
            const auto nth = costs.begin() + static_cast<std::ptrdiff_t>(n - 1);
            std::nth_element(costs.begin(), nth, costs.end());
            result[i] = *nth;
        }
    }
    return result;
}

std::vector<double> gravity(const CostMatrix &m, std::span<const double> supply, const Decay &decay,
                            std::optional<double> cutoff) {
    check_values(supply, m.destination_ids(), "supply", "destination");
    const double limit = checked_cutoff(cutoff);
    return std::visit([&](const auto &d) { return supply_reached(m, supply, d, limit); }, decay);
}

TwoStepResult two_step_fca(const CostMatrix &m, std::span<const double> demand, std::span<const double> supply,
                           const Decay &decay, std::optional<double> cutoff) {
    check_values(demand, m.origin_ids(), "demand", "origin");
    check_values(supply, m.destination_ids(), "supply", "destination");
    const double limit = checked_cutoff(cutoff);
    const std::vector<OriginChunk> chunks = origin_chunks(m);
    const PairWeights w = decay_weights(m, chunks, decay, limit);
    return floating_catchment(m, chunks, w, demand, supply);
}

TwoStepResult three_step_fca(const CostMatrix &m, std::span<const double> demand, std::span<const double> supply,
                             const Decay &decay, std::optional<double> cutoff) {
    check_values(demand, m.origin_ids(), "demand", "origin");
    check_values(supply, m.destination_ids(), "supply", "destination");
    const double limit = checked_cutoff(cutoff);
    const std::vector<OriginChunk> chunks = origin_chunks(m);
    PairWeights w = decay_weights(m, chunks, decay, limit);
    // Selection weights G_ij = w_ij / sum_k w_ik: 1 / (row sum) per origin, 0 for a zone reaching nothing.
    std::vector<double> inverse_row_sum(m.origin_count(), 0.0);
    for_each_chunk(chunks.size(), [&](std::size_t c) {
        for (std::size_t i = chunks[c].first; i < chunks[c].end; ++i) {
            const double *weight = w.weights() + w.begin(i);
            const double sum = detail::row_sum(w.end(i) - w.begin(i), [&](std::size_t r) { return weight[r]; });
            inverse_row_sum[i] = sum > 0.0 ? 1.0 / sum : 0.0;
        }
    });
    // The catchment weighs pairs by G_ij w_ij, from the decay weights kept (each computed once).
    w.transform(chunks, [&](std::size_t i, double wij) { return wij * wij * inverse_row_sum[i]; });
    return floating_catchment(m, chunks, w, demand, supply);
}

} // namespace pooled::accessibility
