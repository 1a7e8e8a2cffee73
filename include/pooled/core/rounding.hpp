#pragma once
/// @file
/// @brief Rounding numbers for outputs compared byte for byte: the last bits of sums (which
/// may differ between machines and libraries' versions) must not reach golden files.

#include <cmath>

namespace pooled {

/// `value` rounded to `decimals` places; dividing by a power of ten keeps 96.6 from printing as
/// 96.60000000000001. NaN and infinity pass through.
inline double rounded(double value, int decimals) {
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

} // namespace pooled
