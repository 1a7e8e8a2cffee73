#include <pooled/core/units.hpp>

#include <pooled/core/error.hpp>

#include "core/text.hpp"

#include <charconv>
#include <cmath>
#include <string>

namespace pooled {

namespace {
struct UnitFactor {
    std::string_view name;
    double factor;
};

// Splits "1.5 km" into 1.5 and "km", then scales by the unit's factor.
double parse_quantity(std::string_view text, std::string_view bare_unit, const UnitFactor *units, std::size_t count,
                      const char *what, const char *examples) {
    const std::string_view body = detail::trim(text);
    double value = 0.0;
    const auto [end, ec] = std::from_chars(body.data(), body.data() + body.size(), value);
    const std::string quoted = "'" + std::string(text) + "'";
    if (ec != std::errc() || !std::isfinite(value)) {
        throw Error(Errc::argument, std::string("not a ") + what + ": " + quoted + " (write it like " + examples + ")");
    }
    std::string unit = detail::to_lower(detail::trim(std::string_view(end, body.data() + body.size() - end)));
    if (unit.empty()) {
        if (bare_unit.empty()) {
            throw Error(Errc::argument, std::string("the ") + what + " " + quoted + " needs a unit (like " + examples + ")");
        }
        unit = std::string(bare_unit);
    }
    if (value < 0.0) {
        throw Error(Errc::argument, std::string("a ") + what + " cannot be negative: " + quoted);
    }
    for (std::size_t i = 0; i < count; ++i) {
        if (units[i].name == unit) {
            // A finite number can overflow once scaled ("1e308km"): infinity is no distance.
            const double scaled = value * units[i].factor;
            if (!std::isfinite(scaled)) {
                throw Error(Errc::argument, std::string("the ") + what + " " + quoted + " is too large");
            }
            return scaled;
        }
    }
    throw Error(Errc::argument, std::string("unknown unit '") + unit + "' in the " + what + " " + quoted + " (write it like " +
                                    examples + ")");
}
} // namespace

Seconds parse_duration(std::string_view text, std::string_view bare_unit) {
    static constexpr UnitFactor units[] = {
        {"s", 1.0},      {"sec", 1.0},     {"secs", 1.0},   {"second", 1.0}, {"seconds", 1.0},
        {"min", 60.0},   {"mins", 60.0},   {"minute", 60.0}, {"minutes", 60.0},
        {"h", 3600.0},   {"hr", 3600.0},   {"hrs", 3600.0}, {"hour", 3600.0}, {"hours", 3600.0},
    };
    return Seconds{parse_quantity(text, bare_unit, units, std::size(units), "duration", "90s, 10min or 1.5h")};
}

Metres parse_distance(std::string_view text, std::string_view bare_unit) {
    // 1 mile = 1,609.344 m exactly (international yard and pound agreement, 1959).
    static constexpr UnitFactor units[] = {
        {"m", 1.0},        {"metre", 1.0},       {"metres", 1.0},      {"meter", 1.0}, {"meters", 1.0},
        {"km", 1000.0},    {"kilometre", 1000.0}, {"kilometres", 1000.0},
        {"mi", 1609.344},  {"mile", 1609.344},   {"miles", 1609.344},
    };
    return Metres{parse_quantity(text, bare_unit, units, std::size(units), "distance", "800m, 2km or 1.5 mi")};
}

} // namespace pooled
