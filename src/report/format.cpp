#include <pooled/report/format.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace pooled::report {

std::string format_number(double value, int decimals) {
    if (std::isnan(value)) {
        return "n/a";
    }
    if (std::isinf(value)) {
        return value > 0 ? "inf" : "-inf";
    }
    decimals = std::clamp(decimals, 0, 9);
    char digits[400]; // |double| < 1.8e308: 309 integer digits, '.', 9 decimals
    std::snprintf(digits, sizeof digits, "%.*f", decimals, std::abs(value));
    const std::string text = digits;
    const bool zero = text.find_first_not_of("0.") == std::string::npos; // -0.001 at 2 decimals is "0.00"
    const std::size_t point = std::min(text.find('.'), text.size());
    std::string out = value < 0 && !zero ? "-" : "";
    for (std::size_t i = 0; i < point; ++i) {
        if (i > 0 && (point - i) % 3 == 0) {
            out += ',';
        }
        out += text[i];
    }
    out += text.substr(point);
    return out;
}

} // namespace pooled::report
