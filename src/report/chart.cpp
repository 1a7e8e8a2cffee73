#include <pooled/report/chart.hpp>

#include <pooled/core/error.hpp>

#include <cmath>
#include <string>

namespace pooled::report {
namespace {

// Heckbert's nicenum: a 1, 2, 5 or 10 times a power of ten near x, rounded (for the step) or
// not below x (for the range).
double nice_number(double x, bool round) {
    const double exponent = std::floor(std::log10(x));
    const double power = std::pow(10.0, exponent);
    const double fraction = x / power;
    double nice = 10.0;
    if (round) {
        nice = fraction < 1.5 ? 1.0 : fraction < 3.0 ? 2.0 : fraction < 7.0 ? 5.0 : 10.0;
    } else {
        nice = fraction <= 1.0 ? 1.0 : fraction <= 2.0 ? 2.0 : fraction <= 5.0 ? 5.0 : 10.0;
    }
    return nice * power;
}

} // namespace

Ticks nice_ticks(double lo, double hi, std::size_t target) {
    if (!std::isfinite(lo) || !std::isfinite(hi) || lo > hi || target < 2) {
        throw Error(Errc::argument, "axis ticks need finite lo <= hi and at least 2 ticks, got " + std::to_string(lo) +
                                        ".." + std::to_string(hi) + " with " + std::to_string(target));
    }
    if (lo == hi) {
        lo -= 0.5;
        hi += 0.5;
    }
    const double range = nice_number(hi - lo, false);
    Ticks ticks;
    ticks.step = nice_number(range / static_cast<double>(target - 1), true);
    ticks.first = std::floor(lo / ticks.step) * ticks.step;
    ticks.last = std::ceil(hi / ticks.step) * ticks.step;
    // Each tick as (whole multiple of the step's mantissa) scaled by a power of ten, dividing for
    // negative powers, so 0.1 steps give 0.3 and not 3 * 0.1 = 0.30000000000000004.
    const double exponent = std::floor(std::log10(ticks.step) + 1e-9);
    const double mantissa = std::round(ticks.step / std::pow(10.0, exponent));
    const auto first = static_cast<long long>(std::llround(ticks.first / ticks.step));
    const auto last = static_cast<long long>(std::llround(ticks.last / ticks.step));
    for (long long k = first; k <= last; ++k) {
        const double units = static_cast<double>(k) * mantissa;
        const double value = exponent >= 0 ? units * std::pow(10.0, exponent) : units / std::pow(10.0, -exponent);
        ticks.values.push_back(value == 0.0 ? 0.0 : value);
    }
    ticks.first = ticks.values.front();
    ticks.last = ticks.values.back();
    return ticks;
}

} // namespace pooled::report
