#include <pooled/accessibility/measures.hpp>

#include <pooled/core/error.hpp>

#include "accessibility/checks.hpp"
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
using network::CostMatrix;
using network::MatrixEntry;

constexpr double infinity = std::numeric_limits<double>::infinity();

/// The two steps of a floating catchment with a weight per pair, `pair_weight(i, entry)` (0 for a
/// pair beyond the cutoff): R_j = S_j / sum_i P_i w'_ij, then A_i = sum_j R_j w'_ij.
template <class PairWeight>
TwoStepResult floating_catchment(const CostMatrix &m, std::span<const double> demand, std::span<const double> supply,
                                 PairWeight pair_weight) {
    TwoStepResult result;
    result.access.assign(m.origin_count(), 0.0);
    result.ratio.assign(m.destination_count(), 0.0);
    std::vector<double> weighted_demand(m.destination_count(), 0.0);
    for (std::size_t i = 0; i < m.origin_count(); ++i) {
        for (const MatrixEntry &e : m.row(i)) {
            weighted_demand[e.destination] += demand[i] * pair_weight(i, e);
        }
    }
    for (std::size_t j = 0; j < m.destination_count(); ++j) {
        if (weighted_demand[j] > 0.0) {
            result.ratio[j] = supply[j] / weighted_demand[j];
        } else {
            result.sites_without_demand.push_back(j);
            result.unallocated_supply += supply[j];
        }
    }
    for (std::size_t i = 0; i < m.origin_count(); ++i) {
        double sum = 0.0;
        bool reaches = false;
        for (const MatrixEntry &e : m.row(i)) {
            const double w = pair_weight(i, e);
            reaches |= w > 0.0;
            sum += result.ratio[e.destination] * w;
        }
        result.access[i] = sum;
        if (!reaches) {
            result.zones_reaching_nothing.push_back(i);
        }
    }
    return result;
}

} // namespace

std::vector<double> cumulative_opportunities(const CostMatrix &m, std::span<const double> supply,
                                             std::optional<double> cutoff) {
    check_values(supply, m.destination_ids(), "supply", "destination");
    const double limit = checked_cutoff(cutoff);
    std::vector<double> result(m.origin_count(), 0.0);
    for (std::size_t i = 0; i < m.origin_count(); ++i) {
        double sum = 0.0;
        for (const MatrixEntry &e : m.row(i)) {
            sum += static_cast<double>(e.cost <= limit) * supply[e.destination];
        }
        result[i] = sum;
    }
    return result;
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
    std::vector<double> result(m.origin_count(), 0.0);
    std::visit(
        [&](const auto &d) {
            for (std::size_t i = 0; i < m.origin_count(); ++i) {
                double sum = 0.0;
                for (const MatrixEntry &e : m.row(i)) {
                    sum += supply[e.destination] * detail::weight_within(d, e.cost, limit);
                }
                result[i] = sum;
            }
        },
        decay);
    return result;
}

TwoStepResult two_step_fca(const CostMatrix &m, std::span<const double> demand, std::span<const double> supply,
                           const Decay &decay, std::optional<double> cutoff) {
    check_values(demand, m.origin_ids(), "demand", "origin");
    check_values(supply, m.destination_ids(), "supply", "destination");
    const double limit = checked_cutoff(cutoff);
    return std::visit(
        [&](const auto &d) {
            return floating_catchment(m, demand, supply, [&](std::size_t, const MatrixEntry &e) {
                return detail::weight_within(d, e.cost, limit);
            });
        },
        decay);
}

TwoStepResult three_step_fca(const CostMatrix &m, std::span<const double> demand, std::span<const double> supply,
                             const Decay &decay, std::optional<double> cutoff) {
    check_values(demand, m.origin_ids(), "demand", "origin");
    check_values(supply, m.destination_ids(), "supply", "destination");
    const double limit = checked_cutoff(cutoff);
    return std::visit(
        [&](const auto &d) {
            const auto w = [&](const MatrixEntry &e) { return detail::weight_within(d, e.cost, limit); };
            // Selection weights G_ij = w_ij / sum_k w_ik: 1 / (row sum) per origin, 0 for a zone reaching nothing.
            std::vector<double> inverse_row_sum(m.origin_count(), 0.0);
            for (std::size_t i = 0; i < m.origin_count(); ++i) {
                double sum = 0.0;
                for (const MatrixEntry &e : m.row(i)) {
                    sum += w(e);
                }
                inverse_row_sum[i] = sum > 0.0 ? 1.0 / sum : 0.0;
            }
            return floating_catchment(m, demand, supply, [&](std::size_t i, const MatrixEntry &e) {
                const double wij = w(e);
                return wij * wij * inverse_row_sum[i];
            });
        },
        decay);
}

} // namespace pooled::accessibility
