#pragma once
/// @file
/// @brief Rounding of figures written to JSON and layers, so that the last bits of sums (which
/// may differ between machines and libraries' versions) do not reach outputs compared byte for byte.

#include <pooled/pooled_cxx_export.h>

namespace pooled {

/// `value` rounded to `decimals` places (half away from zero). Dividing by a power of ten keeps
/// 96.6 from coming out as 96.60000000000001; NaN and infinity come back unchanged.
POOLED_CXX_API double rounded(double value, int decimals) noexcept;

} // namespace pooled
