#pragma once
// The decay functions' formulas, inline so the measures' loops can visit the Decay once and then
// call the concrete function per pair (internal, not installed). Each takes a cost that is >= 0,
// not NaN, and may be +inf. The forms with an exp have two ways in, the same bits either way: one
// cost (weight_of) and a whole array of costs (weights_within, one vectorised exp over the array).

#include <pooled/accessibility/decay.hpp>

#include "core/array_exp.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <type_traits>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace pooled::accessibility::detail {

/// `if_true` when c <= bound, else `if_false`, without a branch. Whether a pair is within a
/// cutoff or a band is unpredictable pair by pair, and a mispredicted branch costs more than the
/// weight; GCC 12 compiles `c <= bound ? a : b` and even `double(c <= bound) * a` on doubles to a
/// branch. On x86-64 one SSE2 compare gives the mask and the blend is three logic operations
/// (a bool made into a 64-bit mask took five integer ones, and 2SFCA's second step 1.15x the time).
/// NaN compares false, as `<=` does.
inline double select_at_most(double c, double bound, double if_true, double if_false) noexcept {
#if defined(__SSE2__)
    const __m128d mask = _mm_cmple_sd(_mm_set_sd(c), _mm_set_sd(bound));
    return _mm_cvtsd_f64(_mm_or_pd(_mm_and_pd(mask, _mm_set_sd(if_true)), _mm_andnot_pd(mask, _mm_set_sd(if_false))));
#else
    const std::uint64_t mask = std::uint64_t{0} - static_cast<std::uint64_t>(c <= bound);
    return std::bit_cast<double>((std::bit_cast<std::uint64_t>(if_true) & mask) |
                                 (std::bit_cast<std::uint64_t>(if_false) & ~mask));
#endif
}

inline double weight_of(const Step &d, double c) noexcept { return select_at_most(c, d.cutoff(), 1.0, 0.0); }

inline double weight_of(const Stepped &d, double c) noexcept {
    // Bands are few (typically 3 or 4): every band is compared, from the last, so the first band
    // with c <= upper wins (a linear scan without branches beats a binary search).
    double w = 0.0;
    for (auto band = d.bands().rbegin(); band != d.bands().rend(); ++band) {
        w = select_at_most(c, band->upper, band->weight, w);
    }
    return w;
}

inline double weight_of(const Linear &d, double c) noexcept {
    return select_at_most(c, d.cutoff(), 1.0 - c / d.cutoff(), 0.0);
}

// The forms with an exp, each as exponent_of(d, c) and from_exp(d, e = exp(exponent)): one
// definition for the one-cost weight_of below and the array weights_within further down, so the
// two give the same bits.
/// Exponential's exponent is linear in the cost, -beta c: weights_within() has the exp multiply.
inline double exponent_scale(const Exponential &d) noexcept { return -d.beta(); }
inline double exponent_of(const Exponential &d, double c) noexcept { return exponent_scale(d) * c; }
inline double from_exp(const Exponential &, double e) noexcept { return e; }
inline double exponent_of(const Gaussian &d, double c) noexcept {
    const double z = c / d.bandwidth();
    return -0.5 * z * z;
}
inline double from_exp(const Gaussian &, double e) noexcept { return e; }
inline double exponent_of(const Logistic &d, double c) noexcept { return d.steepness() * (c - d.midpoint()); }
inline double from_exp(const Logistic &, double e) noexcept { return 1.0 / (1.0 + e); }

inline double weight_of(const Exponential &d, double c) noexcept {
    // exp(-0 * inf) would be NaN
    return std::isinf(c) ? 0.0 : from_exp(d, pooled::detail::exp_of(exponent_of(d, c)));
}

inline double weight_of(const Power &d, double c) noexcept {
    return c <= 1.0 ? 1.0 : std::pow(c, -d.exponent()); // pow(inf, -e) = 0
}

inline double weight_of(const Gaussian &d, double c) noexcept {
    return from_exp(d, pooled::detail::exp_of(exponent_of(d, c))); // exp(-inf) = 0
}

inline double weight_of(const Logistic &d, double c) noexcept {
    return from_exp(d, pooled::detail::exp_of(exponent_of(d, c))); // 1 / (1 + inf) = 0
}

/// w(c) for a pair within `limit` (inclusive), else 0, for a finite stored cost (without a branch).
template <class D>
inline double weight_within(const D &d, double c, double limit) noexcept {
    return select_at_most(c, limit, weight_of(d, c), 0.0);
}

/// Weight 1 at any cost: weight_within(Reached(), c, limit) is 1 within the limit, else 0.
struct Reached {};
inline double weight_of(const Reached &, double) noexcept { return 1.0; }

/// Whether D's weights are better computed an array at a time (the forms with an exp, whose
/// weights_within() below runs one vectorised exp over the array) than pair by pair.
template <class D>
inline constexpr bool weighs_arrays =
    std::is_same_v<D, Exponential> || std::is_same_v<D, Gaussian> || std::is_same_v<D, Logistic>;

/// weights[k] = weight_within(d, costs[k], limit) for the forms with an exp and finite costs (a
/// CostMatrix's), the same bits: the exponents first, then one exp over the array, then from_exp.
template <class D>
    requires weighs_arrays<D>
void weights_within(const D &decay, std::span<const double> costs, double limit, std::span<double> weights) noexcept {
    const D d = decay; // a local copy: the stores to `weights` cannot alias its parameters
    if constexpr (std::is_same_v<D, Exponential>) {
        // The products and exps in one pass (the same bits: c (-beta) = -beta c): the costs'
        // loads overlap the arithmetic instead of waiting in a pass of their own.
        pooled::detail::exp_of_scaled_each(costs, exponent_scale(d), weights);
    } else {
        for (std::size_t k = 0; k < costs.size(); ++k) {
            weights[k] = exponent_of(d, costs[k]);
        }
        pooled::detail::exp_of_each(weights);
    }
    if (limit >= std::numeric_limits<double>::max()) {
        // No limit: every finite cost is within it, so only from_exp is left, which for all but
        // the logistic is the exp itself (a pass saved: 10-20 % of gravity without a cutoff).
        if constexpr (std::is_same_v<D, Logistic>) {
            for (std::size_t k = 0; k < costs.size(); ++k) {
                weights[k] = from_exp(d, weights[k]);
            }
        }
        return;
    }
    for (std::size_t k = 0; k < costs.size(); ++k) {
        weights[k] = select_at_most(costs[k], limit, from_exp(d, weights[k]), 0.0);
    }
}

} // namespace pooled::accessibility::detail
