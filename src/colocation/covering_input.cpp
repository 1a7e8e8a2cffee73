// Checks and assignment shared by the covering solvers.

#include "colocation/covering_input.hpp"

#include <pooled/core/error.hpp>

#include "core/text.hpp"

#include <cmath>
#include <limits>

namespace pooled::colocation::detail {

void check_covering_input(double service_cost, const SiteRules &rules, const std::string &problem) {
    if (std::isnan(service_cost) || service_cost < 0.0) {
        throw Error(Errc::argument, problem + ": the service cost must be a number >= 0, not " +
                                        pooled::detail::number_text(service_cost));
    }
    if (!rules.existing.empty()) {
        throw Error(Errc::argument, problem + ": existing sites with closing costs do not apply to a covering "
                                              "objective (use required sites to keep them)");
    }
}

void assign_covering(const network::CostMatrix &costs, double service_cost, Solution &solution) {
    std::vector<char> open(costs.destination_count(), 0);
    for (const SiteIndex j : solution.selected) {
        open[j] = 1;
    }
    solution.assignment.assign(costs.origin_count(), no_site);
    for (std::size_t o = 0; o < costs.origin_count(); ++o) {
        double best = std::numeric_limits<double>::infinity();
        for (const network::MatrixEntry &e : costs.row(o)) {
            if (open[e.destination] && e.cost <= service_cost && e.cost < best) {
                best = e.cost;
                solution.assignment[o] = e.destination;
            }
        }
    }
}

} // namespace pooled::colocation::detail
