#pragma once
/// @file
/// @brief Quantities with their unit in the type, so seconds never meet metres by mistake.

#include <compare>

namespace pooled {

/// A double tagged with its unit. Zero cost; arithmetic only within one unit.
template <typename Tag>
class Quantity {
public:
    constexpr Quantity() = default;
    constexpr explicit Quantity(double value) : m_value(value) {}
    constexpr double value() const noexcept { return m_value; }

    friend constexpr Quantity operator+(Quantity a, Quantity b) { return Quantity{a.m_value + b.m_value}; }
    friend constexpr Quantity operator-(Quantity a, Quantity b) { return Quantity{a.m_value - b.m_value}; }
    friend constexpr Quantity operator*(Quantity a, double k) { return Quantity{a.m_value * k}; }
    friend constexpr Quantity operator*(double k, Quantity a) { return Quantity{a.m_value * k}; }
    friend constexpr double operator/(Quantity a, Quantity b) { return a.m_value / b.m_value; }
    friend constexpr auto operator<=>(const Quantity &, const Quantity &) = default;

private:
    double m_value = 0.0;
};

using Metres = Quantity<struct MetresTag>;             ///< length, m
using SquareMetres = Quantity<struct SquareMetresTag>; ///< area (floor area), m2
using Seconds = Quantity<struct SecondsTag>;           ///< travel time, s
using Gbp = Quantity<struct GbpTag>;                   ///< money, pounds sterling

inline namespace literals {
constexpr Metres operator""_m(long double v) { return Metres{static_cast<double>(v)}; }
constexpr Metres operator""_m(unsigned long long v) { return Metres{static_cast<double>(v)}; }
constexpr Metres operator""_km(long double v) { return Metres{static_cast<double>(v) * 1000.0}; }
constexpr Metres operator""_km(unsigned long long v) { return Metres{static_cast<double>(v) * 1000.0}; }
constexpr Seconds operator""_s(unsigned long long v) { return Seconds{static_cast<double>(v)}; }
constexpr Seconds operator""_min(unsigned long long v) { return Seconds{static_cast<double>(v) * 60.0}; }
} // namespace literals

} // namespace pooled

#include <pooled/pooled_cxx_export.h>

#include <string_view>

namespace pooled {

/// Reads a duration with its unit: "90s", "10min", "1.5h" (also "90 s", "10 min", "2 hours").
/// A bare number is refused unless `bare_unit` is given ("s" or "min"), then it is in that unit.
/// @throws Error (Errc::argument) naming the text for anything else, a negative or a NaN value.
POOLED_CXX_API Seconds parse_duration(std::string_view text, std::string_view bare_unit = {});

/// Reads a distance with its unit: "800m", "2km", "1.5 km", "3 mi". A bare number is refused
/// unless `bare_unit` is given ("m" or "km").
/// @throws Error (Errc::argument) as parse_duration.
POOLED_CXX_API Metres parse_distance(std::string_view text, std::string_view bare_unit = {});

} // namespace pooled
