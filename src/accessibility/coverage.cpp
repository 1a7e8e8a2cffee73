#include <pooled/accessibility/coverage.hpp>

#include "accessibility/checks.hpp"

#include <limits>

namespace pooled::accessibility {

CoverageResult coverage(const network::CostMatrix &m, std::span<const double> demand, std::span<const double> supply,
                        double cutoff) {
    detail::check_values(demand, m.origin_ids(), "demand", "origin");
    detail::check_values(supply, m.destination_ids(), "supply", "destination");
    const double limit = detail::checked_cutoff(cutoff);
    CoverageResult result;
    result.covered.assign(m.origin_count(), 0.0);
    for (std::size_t i = 0; i < m.origin_count(); ++i) {
        for (const network::MatrixEntry &e : m.row(i)) {
            if (e.cost <= limit && supply[e.destination] > 0.0) {
                result.covered[i] = 1.0;
                break;
            }
        }
        result.total_demand += demand[i];
        result.covered_demand += demand[i] * result.covered[i];
    }
    result.share = result.total_demand > 0.0 ? result.covered_demand / result.total_demand
                                             : std::numeric_limits<double>::quiet_NaN();
    return result;
}

} // namespace pooled::accessibility
