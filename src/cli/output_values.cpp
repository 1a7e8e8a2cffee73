#include "cli/output_values.hpp"

#include <cmath>

namespace pooled::cli {

double rounded(double value, int decimals) {
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

io::FieldValue real_or_null(double value, int decimals) {
    io::FieldValue out; // null
    if (std::isfinite(value)) {
        out = rounded(value, decimals);
    }
    return out;
}

nlohmann::ordered_json json_number(double value, int decimals) {
    return std::isfinite(value) ? nlohmann::ordered_json(rounded(value, decimals)) : nlohmann::ordered_json(nullptr);
}

} // namespace pooled::cli
