#pragma once
// The decay functions' formulas, inline so the measures' loops can visit the Decay once and then
// call the concrete function per pair (internal, not installed). Each takes a cost that is >= 0,
// not NaN, and may be +inf.

#include <pooled/accessibility/decay.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>

namespace pooled::accessibility::detail {

/// `if_true` when `condition` holds, else `if_false`, without a branch. Whether a pair is within a
/// cutoff or a band is unpredictable pair by pair, and a mispredicted branch costs more than the
/// weight; GCC 12 compiles `c ? a : b` and even `double(c) * a` on doubles to a branch.
inline double select(bool condition, double if_true, double if_false) noexcept {
    const std::uint64_t mask = std::uint64_t{0} - static_cast<std::uint64_t>(condition);
    return std::bit_cast<double>((std::bit_cast<std::uint64_t>(if_true) & mask) |
                                 (std::bit_cast<std::uint64_t>(if_false) & ~mask));
}

inline double weight_of(const Step &d, double c) noexcept { return select(c <= d.cutoff(), 1.0, 0.0); }

inline double weight_of(const Stepped &d, double c) noexcept {
    // Bands are few (typically 3 or 4): every band is compared, from the last, so the first band
    // with c <= upper wins (a linear scan without branches beats a binary search).
    double w = 0.0;
    for (auto band = d.bands().rbegin(); band != d.bands().rend(); ++band) {
        w = select(c <= band->upper, band->weight, w);
    }
    return w;
}

inline double weight_of(const Linear &d, double c) noexcept {
    return select(c <= d.cutoff(), 1.0 - c / d.cutoff(), 0.0);
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

/// w(c) for a pair within `limit` (inclusive), else 0, for a finite stored cost (without a branch).
template <class D>
inline double weight_within(const D &d, double c, double limit) noexcept {
    return select(c <= limit, weight_of(d, c), 0.0);
}

} // namespace pooled::accessibility::detail
