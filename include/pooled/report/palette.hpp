#pragma once
/// @file
/// @brief The colours of pooled's outputs, in one place: report maps and charts and the QGIS
/// styles of the GeoPackage layers use the same ones, so a segment or an owner has one colour.

#include <pooled/model/asset.hpp>
#include <pooled/pooled_cxx_export.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace pooled::report {

/// An opaque sRGB colour.
struct Rgb {
    std::uint8_t r = 0;
    std::uint8_t g = 0;
    std::uint8_t b = 0;
    friend bool operator==(const Rgb &, const Rgb &) = default;
};

/// "#rrggbb", lower case.
POOLED_CXX_API std::string hex(Rgb colour);

/// The colour of an owner's kind (council, nhs, police, ...): fixed, so maps of different
/// places read alike (NHS blue, police dark blue, fire red).
POOLED_CXX_API Rgb organisation_colour(model::OrganisationKind kind) noexcept;

/// The colour of segment `index` (0-based) among `count` segments: a qualitative palette of
/// up to 12 colours that stay distinguishable; beyond 12 the palette repeats.
POOLED_CXX_API Rgb segment_colour(std::size_t index) noexcept;

/// `classes` colours of a sequential ramp from light (low) to dark (high), for graduated maps
/// such as accessibility scores. classes is clamped to 3..9.
POOLED_CXX_API std::vector<Rgb> sequential_ramp(std::size_t classes);

/// `classes` colours of a diverging ramp (loss red, no change pale, gain blue), for
/// before/after maps. classes is clamped to 3..9 (odd counts have a neutral middle class).
POOLED_CXX_API std::vector<Rgb> diverging_ramp(std::size_t classes);

} // namespace pooled::report
