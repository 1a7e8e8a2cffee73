#include <pooled/report/map.hpp>

#include <pooled/core/error.hpp>

#include <cmath>
#include <string>

namespace pooled::report {

ScaleBar scale_bar(double metres_per_pt, double max_length_pt) {
    if (!(metres_per_pt > 0.0) || !std::isfinite(metres_per_pt) || !(max_length_pt > 0.0) ||
        !std::isfinite(max_length_pt)) {
        throw Error(Errc::argument, "a scale bar needs a positive scale and length, got " +
                                        std::to_string(metres_per_pt) + " m/pt and " + std::to_string(max_length_pt) + " pt");
    }
    const double max_m = metres_per_pt * max_length_pt;
    // The largest power of ten not above max_m, then the largest of 5, 2, 1 times it that fits.
    double power = std::pow(10.0, std::floor(std::log10(max_m)));
    if (power * 10.0 <= max_m) { // log10 rounding just below an exact power of ten
        power *= 10.0;
    }
    double length = power;
    for (const double factor : {5.0, 2.0}) {
        if (factor * power <= max_m) {
            length = factor * power;
            break;
        }
    }
    ScaleBar bar;
    bar.length_m = length;
    bar.length_pt = length / metres_per_pt;
    auto whole = [](double v) {
        // Round lengths below 1 m (0.5 m, 0.02 m) keep their decimals; others are whole.
        if (v >= 1.0) {
            return std::to_string(static_cast<long long>(std::llround(v)));
        }
        std::string text = std::to_string(v);
        text.erase(text.find_last_not_of('0') + 1);
        return text;
    };
    bar.label = length >= 1000.0 ? whole(length / 1000.0) + " km" : whole(length) + " m";
    return bar;
}

} // namespace pooled::report
