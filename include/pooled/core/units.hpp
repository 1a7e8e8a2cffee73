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
