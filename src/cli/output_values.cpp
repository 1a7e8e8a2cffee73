#include "cli/output_values.hpp"

#include <cmath>

namespace pooled::cli {

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
