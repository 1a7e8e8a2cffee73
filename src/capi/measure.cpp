// Accessibility measures per zone on a cost matrix.
#include "capi/guard.hpp"

#include <pooled/accessibility/decay.hpp>
#include <pooled/accessibility/measures.hpp>

#include <span>

using namespace pooled;
using namespace pooled::capi;
namespace acc = pooled::accessibility;

namespace {

// A caller's array, checked against the count the matrix expects (the measures check sizes
// too, but a NULL pointer with a count must not reach them).
std::span<const double> span_of(const double *values, size_t count, const char *name) {
    if (values == nullptr && count != 0) {
        throw StatusError{POOLED_ERR_ARGUMENT, std::string("'") + name + "' is NULL but its count is not 0"};
    }
    return values ? std::span<const double>(values, count) : std::span<const double>();
}

// The decay of the text, or a step at the cutoff when none is given (plain 2SFCA).
acc::Decay decay_of(const char *decay, std::optional<double> cutoff, int kind) {
    if (decay != nullptr) {
        return acc::parse_decay(decay);
    }
    if (kind == POOLED_MEASURE_GRAVITY) {
        throw StatusError{POOLED_ERR_ARGUMENT, "gravity needs a decay, e.g. \"power:1\" or \"exponential:0.001\""};
    }
    if (!cutoff) {
        throw StatusError{POOLED_ERR_ARGUMENT, "without a decay the measure needs a cutoff (its catchment size)"};
    }
    return acc::Step(*cutoff);
}

const acc::TwoStepResult &floating_of(const pooled_measure &measure) {
    if (!measure.floating) {
        throw StatusError{POOLED_ERR_ARGUMENT, "only floating catchment measures (2SFCA, 3SFCA) have site ratios"};
    }
    return *measure.floating;
}

} // namespace

extern "C" {

pooled_status pooled_measure_compute(pooled_context *ctx, const pooled_matrix *matrix, pooled_measure_kind kind,
                                     const double *demand, size_t demand_count, const double *supply,
                                     size_t supply_count, const char *decay, double cutoff, pooled_measure **out) {
    return make_object(ctx, out, [&] {
        const auto &m = use(matrix).matrix;
        if (!(cutoff >= 0.0)) {
            throw StatusError{POOLED_ERR_ARGUMENT, "the cutoff must be >= 0 (0 = none)"};
        }
        const std::optional<double> bound = cutoff == 0.0 ? std::nullopt : std::optional<double>(cutoff);
        const auto demands = span_of(demand, demand_count, "demand");
        const auto supplies = span_of(supply, supply_count, "supply");
        auto result = std::make_unique<pooled_measure>();
        switch (const int measure_kind = enum_value(kind)) {
        case POOLED_MEASURE_2SFCA:
        case POOLED_MEASURE_3SFCA: {
            const acc::Decay weights = decay_of(decay, bound, measure_kind);
            result->floating = measure_kind == POOLED_MEASURE_2SFCA
                                   ? acc::two_step_fca(m, demands, supplies, weights, bound)
                                   : acc::three_step_fca(m, demands, supplies, weights, bound);
            result->values = result->floating->access;
            break;
        }
        case POOLED_MEASURE_GRAVITY:
            result->values = acc::gravity(m, supplies, decay_of(decay, bound, measure_kind), bound);
            break;
        case POOLED_MEASURE_CUMULATIVE:
            if (decay != nullptr) {
                throw StatusError{POOLED_ERR_ARGUMENT, "cumulative counts the supply within the cutoff: no decay"};
            }
            if (!bound) {
                throw StatusError{POOLED_ERR_ARGUMENT, "cumulative needs a cutoff"};
            }
            result->values = acc::cumulative_opportunities(m, supplies, bound);
            break;
        default:
            throw StatusError{POOLED_ERR_ARGUMENT,
                              "unknown pooled_measure_kind value " + std::to_string(measure_kind)};
        }
        return result;
    });
}

pooled_status pooled_measure_destroy(pooled_context *ctx, pooled_measure *measure) {
    return destroy_object(ctx, measure);
}

pooled_status pooled_measure_values(pooled_context *ctx, const pooled_measure *measure, double *values,
                                    size_t capacity, size_t *count) {
    return guarded(ctx, [&] { fill<double>(use(measure).values, values, capacity, count); });
}

pooled_status pooled_measure_site_ratios(pooled_context *ctx, const pooled_measure *measure, double *values,
                                         size_t capacity, size_t *count) {
    return guarded(ctx, [&] { fill<double>(floating_of(use(measure)).ratio, values, capacity, count); });
}

pooled_status pooled_measure_unallocated_supply(pooled_context *ctx, const pooled_measure *measure, double *supply) {
    return guarded(ctx, [&] { output(supply, "supply") = floating_of(use(measure)).unallocated_supply; });
}

} // extern "C"
