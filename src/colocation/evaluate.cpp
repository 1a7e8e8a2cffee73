// Exact evaluation of a solution, and gap / status bookkeeping shared by the solvers.

#include "colocation/evaluate.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace pooled::colocation {

const char *solve_status_name(SolveStatus status) noexcept {
    switch (status) {
    case SolveStatus::optimal: return "optimal";
    case SolveStatus::feasible: return "feasible";
    case SolveStatus::infeasible: return "infeasible";
    case SolveStatus::no_solution: return "no_solution";
    }
    return "unknown";
}

namespace detail {

LexValue evaluate(const network::CostMatrix &costs, std::span<const double> demand, const AllocationData &data,
                  std::span<const SiteIndex> open, Solution &solution) {
    std::vector<char> is_open(data.site_count, 0);
    LexValue value{0.0, data.constant};
    for (const SiteIndex site : open) {
        is_open[site] = 1;
        value.cost += data.site_cost[site];
    }
    solution.selected.assign(open.begin(), open.end());
    std::sort(solution.selected.begin(), solution.selected.end());
    solution.assignment.assign(costs.origin_count(), no_site);
    for (std::size_t o = 0; o < costs.origin_count(); ++o) {
        double best = std::numeric_limits<double>::infinity();
        for (const network::MatrixEntry &entry : costs.row(o)) {
            if (is_open[entry.destination] && entry.cost < best) {
                best = entry.cost;
                solution.assignment[o] = entry.destination;
            }
        }
        if (data.unserved_cost && !(best < *data.unserved_cost)) {
            solution.assignment[o] = no_site; // cheaper to leave it unserved
            best = *data.unserved_cost;
        }
        if (demand[o] == 0.0) {
            continue;
        }
        if (std::isinf(best)) {
            value.unserved += demand[o];
        } else {
            value.cost += demand[o] * best;
        }
    }
    solution.objective = value.unserved > 0.0 ? std::numeric_limits<double>::infinity() : value.cost;
    return value;
}

void set_gap(Solution &solution, bool maximise) {
    if (std::isinf(solution.objective)) {
        solution.gap = std::numeric_limits<double>::infinity();
        solution.status = SolveStatus::no_solution;
        return;
    }
    const double scale = std::max(std::abs(solution.objective), 1e-12);
    const double difference = maximise ? solution.bound - solution.objective : solution.objective - solution.bound;
    solution.gap = std::max(0.0, difference / scale);
    solution.status = solution.gap <= 1e-9 ? SolveStatus::optimal : SolveStatus::feasible;
}

} // namespace detail
} // namespace pooled::colocation
