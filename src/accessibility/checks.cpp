#include "accessibility/checks.hpp"

#include <pooled/core/error.hpp>

#include "core/text.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace pooled::accessibility::detail {

double checked_cutoff(std::optional<double> cutoff) {
    if (!cutoff) {
        return std::numeric_limits<double>::infinity();
    }
    if (std::isnan(*cutoff) || *cutoff < 0.0) {
        throw Error(Errc::argument, "cutoff must be >= 0, not " + pooled::detail::number_text(*cutoff));
    }
    return *cutoff;
}

namespace {

/// Whether every value is finite and >= 0, without a branch per value: the least value (NaN left
/// out by std::min) must be >= 0, and v * 0 is 0 for every finite v but NaN for NaN and infinity.
/// Four lanes, so no chain of adds waits on itself (a loop branching per value took 0.17 ms of a
/// 3.5 ms 2SFCA on 190,000 zones).
bool all_finite_non_negative(std::span<const double> values) {
    double least[4] = {0.0, 0.0, 0.0, 0.0}, probe[4] = {0.0, 0.0, 0.0, 0.0};
    std::size_t k = 0;
    for (; k + 4 <= values.size(); k += 4) {
        for (std::size_t lane = 0; lane < 4; ++lane) {
            least[lane] = std::min(least[lane], values[k + lane]);
            probe[lane] += values[k + lane] * 0.0;
        }
    }
    for (; k < values.size(); ++k) {
        least[0] = std::min(least[0], values[k]);
        probe[0] += values[k] * 0.0;
    }
    const double sum = (probe[0] + probe[1]) + (probe[2] + probe[3]);
    return std::min(std::min(least[0], least[1]), std::min(least[2], least[3])) >= 0.0 && sum == 0.0;
}

} // namespace

void check_values(std::span<const double> values, const std::vector<std::string> &ids, const char *what,
                  const char *side) {
    if (values.size() != ids.size()) {
        throw Error(Errc::argument, std::string(what) + " has " + std::to_string(values.size()) +
                                        " values but the matrix has " + std::to_string(ids.size()) + " " + side + "s");
    }
    if (all_finite_non_negative(values)) {
        return;
    }
    // Name the first bad value.
    for (std::size_t k = 0; k < values.size(); ++k) {
        const double value = values[k];
        const char *problem = std::isnan(value)   ? "is not a number"
                              : std::isinf(value) ? "is infinite"
                              : value < 0.0       ? "is negative"
                                                  : nullptr;
        if (problem) {
            throw Error(Errc::data, std::string(what) + " of " + side + " " + std::to_string(k) + " ('" + ids[k] +
                                        "') " + problem + ": " + pooled::detail::number_text(value));
        }
    }
}

} // namespace pooled::accessibility::detail
