#include <pooled/core/rounding.hpp>

#include <cmath>

namespace pooled {

double rounded(double value, int decimals) noexcept {
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

} // namespace pooled
