// Location-allocation on a cost matrix: p-median and maximal covering.
#include "capi/guard.hpp"

#include <pooled/colocation/covering.hpp>
#include <pooled/colocation/pmedian.hpp>

#include <span>

using namespace pooled;
using namespace pooled::capi;
namespace colo = pooled::colocation;

namespace {

std::span<const double> demand_of(const double *demand, size_t count) {
    if (demand == nullptr) {
        throw StatusError{POOLED_ERR_ARGUMENT, "'demand' is NULL"};
    }
    return {demand, count};
}

colo::SiteRules rules_of(const uint32_t *required, size_t count) {
    if (required == nullptr && count != 0) {
        throw StatusError{POOLED_ERR_ARGUMENT, "'required' is NULL but required_count is not 0"};
    }
    colo::SiteRules rules;
    if (required != nullptr) {
        rules.required.assign(required, required + count);
    }
    return rules;
}

std::unique_ptr<pooled_solution> wrapped(colo::Solution solution) {
    return std::make_unique<pooled_solution>(pooled_solution{Tag::solution, std::move(solution)});
}

} // namespace

extern "C" {

pooled_status pooled_solve_pmedian(pooled_context *ctx, const pooled_matrix *matrix, const double *demand,
                                   size_t demand_count, size_t p, const uint32_t *required, size_t required_count,
                                   uint64_t seed, pooled_solution **out) {
    return make_object(ctx, out, [&] {
        const auto &m = use(matrix).matrix;
        colo::PMedianOptions options;
        options.p = p;
        options.sites = rules_of(required, required_count);
        options.seed = seed;
        options.threads = ctx->threads;
        return wrapped(colo::solve_pmedian(m, demand_of(demand, demand_count), options));
    });
}

pooled_status pooled_solve_mclp(pooled_context *ctx, const pooled_matrix *matrix, const double *demand,
                                size_t demand_count, size_t p, double service_cost, const uint32_t *required,
                                size_t required_count, uint64_t seed, pooled_solution **out) {
    return make_object(ctx, out, [&] {
        const auto &m = use(matrix).matrix;
        colo::MclpOptions options;
        options.p = p;
        options.service_cost = service_cost;
        options.sites = rules_of(required, required_count);
        options.seed = seed;
        options.threads = ctx->threads;
        return wrapped(colo::solve_mclp(m, demand_of(demand, demand_count), options));
    });
}

pooled_status pooled_solution_destroy(pooled_context *ctx, pooled_solution *solution) {
    return destroy_object(ctx, solution);
}

pooled_status pooled_solution_result(pooled_context *ctx, const pooled_solution *solution,
                                     pooled_solve_status *status, double *objective, double *bound, double *gap) {
    return guarded(ctx, [&] {
        const auto &s = use(solution).solution;
        if (status) {
            switch (s.status) {
            case colo::SolveStatus::optimal: *status = POOLED_SOLVE_OPTIMAL; break;
            case colo::SolveStatus::feasible: *status = POOLED_SOLVE_FEASIBLE; break;
            case colo::SolveStatus::infeasible: *status = POOLED_SOLVE_INFEASIBLE; break;
            case colo::SolveStatus::no_solution: *status = POOLED_SOLVE_NO_SOLUTION; break;
            }
        }
        if (objective) {
            *objective = s.objective;
        }
        if (bound) {
            *bound = s.bound;
        }
        if (gap) {
            *gap = s.gap;
        }
    });
}

pooled_status pooled_solution_selected(pooled_context *ctx, const pooled_solution *solution, uint32_t *sites,
                                       size_t capacity, size_t *count) {
    return guarded(ctx, [&] { fill<std::uint32_t>(use(solution).solution.selected, sites, capacity, count); });
}

pooled_status pooled_solution_assignment(pooled_context *ctx, const pooled_solution *solution, uint32_t *sites,
                                         size_t capacity, size_t *count) {
    return guarded(ctx, [&] { fill<std::uint32_t>(use(solution).solution.assignment, sites, capacity, count); });
}

} // extern "C"
