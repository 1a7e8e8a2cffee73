#include <pooled/report/palette.hpp>

#include <algorithm>
#include <array>
#include <cstdio>

namespace pooled::report {
namespace {

// ColorBrewer schemes (Cynthia Brewer, colorbrewer2.org, Apache-2.0 licensed colour values):
// Set3 for segments (12 classes, qualitative), YlGnBu 9 for sequential, RdBu 9 for diverging.
constexpr std::array<Rgb, 12> set3 = {{{141, 211, 199}, {255, 255, 179}, {190, 186, 218}, {251, 128, 114},
                                       {128, 177, 211}, {253, 180, 98},  {179, 222, 105}, {252, 205, 229},
                                       {217, 217, 217}, {188, 128, 189}, {204, 235, 197}, {255, 237, 111}}};
constexpr std::array<Rgb, 9> yl_gn_bu = {{{255, 255, 217}, {237, 248, 177}, {199, 233, 180},
                                          {127, 205, 187}, {65, 182, 196},  {29, 145, 192},
                                          {34, 94, 168},   {37, 52, 148},   {8, 29, 88}}};
constexpr std::array<Rgb, 9> rd_bu = {{{178, 24, 43},   {214, 96, 77},   {244, 165, 130},
                                       {253, 219, 199}, {247, 247, 247}, {209, 229, 240},
                                       {146, 197, 222}, {67, 147, 195},  {33, 102, 172}}};

// Picks `classes` evenly spaced colours from a 9-class scheme, ends included, so 3 classes
// are the lightest, middle and darkest.
std::vector<Rgb> pick(const std::array<Rgb, 9> &scheme, std::size_t classes) {
    classes = std::clamp<std::size_t>(classes, 3, 9);
    std::vector<Rgb> colours;
    colours.reserve(classes);
    for (std::size_t i = 0; i < classes; ++i) {
        colours.push_back(scheme[(i * (scheme.size() - 1) + (classes - 1) / 2) / (classes - 1)]);
    }
    return colours;
}

} // namespace

std::string hex(Rgb colour) {
    char text[8];
    std::snprintf(text, sizeof text, "#%02x%02x%02x", colour.r, colour.g, colour.b);
    return text;
}

Rgb organisation_colour(model::OrganisationKind kind) noexcept {
    using K = model::OrganisationKind;
    switch (kind) {
    case K::council: return {0, 128, 128};              // teal
    case K::nhs: return {0, 94, 184};                   // NHS Blue (NHS identity guidelines)
    case K::police: return {0, 32, 91};                 // dark navy
    case K::fire: return {204, 0, 0};                   // red
    case K::ambulance: return {0, 153, 51};             // green
    case K::central_government: return {112, 48, 160}; // purple
    case K::education: return {230, 140, 0};            // orange
    case K::other: break;
    }
    return {128, 128, 128}; // grey
}

Rgb segment_colour(std::size_t index) noexcept { return set3[index % set3.size()]; }

std::vector<Rgb> sequential_ramp(std::size_t classes) { return pick(yl_gn_bu, classes); }

std::vector<Rgb> diverging_ramp(std::size_t classes) { return pick(rd_bu, classes); }

} // namespace pooled::report
