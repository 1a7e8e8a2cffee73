#pragma once
// The decay functions' formulas, inline so the measures' loops can visit the Decay once and then
// call the concrete function per pair (internal, not installed). Each takes a cost that is >= 0,
// not NaN, and may be +inf.

#include <pooled/accessibility/decay.hpp>

#include <algorithm>
#include <cmath>

namespace pooled::accessibility::detail {

inline double weight_of(const Step &d, double c) noexcept { return static_cast<double>(c <= d.cutoff()); }

inline double weight_of(const Stepped &d, double c) noexcept {
    // Bands are few (typically 3 or 4): a linear scan beats a binary search.
    for (const Band &band : d.bands()) {
        if (c <= band.upper) {
            return band.weight;
        }
    }
    return 0.0;
}

inline double weight_of(const Linear &d, double c) noexcept {
    return c <= d.cutoff() ? 1.0 - c / d.cutoff() : 0.0;
}

inline double weight_of(const Exponential &d, double c) noexcept {
    return std::isinf(c) ? 0.0 : std::exp(-d.beta() * c); // exp(-0 * inf) would be NaN
}

inline double weight_of(const Power &d, double c) noexcept {
    return c <= 1.0 ? 1.0 : std::pow(c, -d.exponent()); // pow(inf, -e) = 0
}

inline double weight_of(const Gaussian &d, double c) noexcept {
    const double z = c / d.bandwidth();
    return std::exp(-0.5 * z * z); // exp(-inf) = 0
}

inline double weight_of(const Logistic &d, double c) noexcept {
    return 1.0 / (1.0 + std::exp(d.steepness() * (c - d.midpoint()))); // 1 / (1 + inf) = 0
}

/// w(c) for a pair within `limit` (inclusive), else 0, for a finite stored cost. The comparison is
/// multiplied in rather than branched on: whether a cost is within a cutoff is unpredictable pair
/// by pair, and a mispredicted branch costs more than the weight.
template <class D>
inline double weight_within(const D &d, double c, double limit) noexcept {
    return static_cast<double>(c <= limit) * weight_of(d, c);
}

} // namespace pooled::accessibility::detail
