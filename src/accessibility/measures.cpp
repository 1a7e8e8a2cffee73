#include <pooled/accessibility/measures.hpp>

#include <pooled/core/error.hpp>

#include "accessibility/weights.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <variant>

namespace pooled::accessibility {

namespace {

using network::CostMatrix;
using network::MatrixEntry;

constexpr double infinity = std::numeric_limits<double>::infinity();

/// The cutoff to compare costs with: +inf without one.
double checked_cutoff(std::optional<double> cutoff) {
    if (!cutoff) {
        return infinity;
    }
    if (std::isnan(*cutoff) || *cutoff < 0.0) {
        throw Error(Errc::argument, "cutoff must be >= 0, not " + pooled::detail::number_text(*cutoff));
    }
    return *cutoff;
}

/// `values` (demand per origin or supply per destination): right size, finite and >= 0.
void check_values(std::span<const double> values, const std::vector<std::string> &ids, const char *what,
                  const char *side) {
    if (values.size() != ids.size()) {
        throw Error(Errc::argument, std::string(what) + " has " + std::to_string(values.size()) + " values but the matrix has " +
                                        std::to_string(ids.size()) + " " + side + "s");
    }
    for (std::size_t k = 0; k < values.size(); ++k) {
        const double value = values[k];
        const char *problem = std::isnan(value) ? "is not a number"
                              : std::isinf(value) ? "is infinite"
                              : value < 0.0        ? "is negative"
                                                   : nullptr;
        if (problem) {
            throw Error(Errc::data, std::string(what) + " of " + side + " " + std::to_string(k) + " ('" + ids[k] + "') " +
                                        problem + ": " + pooled::detail::number_text(value));
        }
    }
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
            if (e.cost <= limit) {
                sum += supply[e.destination];
            }
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
                    if (e.cost <= limit) {
                        sum += supply[e.destination] * detail::weight_of(d, e.cost);
                    }
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

    TwoStepResult result;
    result.access.assign(m.origin_count(), 0.0);
    result.ratio.assign(m.destination_count(), 0.0);
    std::visit(
        [&](const auto &d) {
            // Step 1: weighted demand per site, then R_j = S_j / sum_i P_i w(c_ij).
            std::vector<double> weighted_demand(m.destination_count(), 0.0);
            for (std::size_t i = 0; i < m.origin_count(); ++i) {
                for (const MatrixEntry &e : m.row(i)) {
                    if (e.cost <= limit) {
                        weighted_demand[e.destination] += demand[i] * detail::weight_of(d, e.cost);
                    }
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
            // Step 2: A_i = sum_j R_j w(c_ij).
            for (std::size_t i = 0; i < m.origin_count(); ++i) {
                double sum = 0.0;
                bool reaches = false;
                for (const MatrixEntry &e : m.row(i)) {
                    if (e.cost <= limit) {
                        const double w = detail::weight_of(d, e.cost);
                        reaches = reaches || w > 0.0;
                        sum += result.ratio[e.destination] * w;
                    }
                }
                result.access[i] = sum;
                if (!reaches) {
                    result.zones_reaching_nothing.push_back(i);
                }
            }
        },
        decay);
    return result;
}

} // namespace pooled::accessibility
