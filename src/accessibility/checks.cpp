#include "accessibility/checks.hpp"

#include <pooled/core/error.hpp>

#include "core/text.hpp"

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

void check_values(std::span<const double> values, const std::vector<std::string> &ids, const char *what,
                  const char *side) {
    if (values.size() != ids.size()) {
        throw Error(Errc::argument, std::string(what) + " has " + std::to_string(values.size()) +
                                        " values but the matrix has " + std::to_string(ids.size()) + " " + side + "s");
    }
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
