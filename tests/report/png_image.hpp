#pragma once
// PNG images read back with cairo, for the report tests: golden comparisons with a tolerance
// and pixel checks of drawings and browser screenshots.

#include <cstdint>
#include <string>
#include <vector>

namespace pooled::test {

struct Pixel {
    int r = 0, g = 0, b = 0;
};

struct PngImage {
    int width = 0;
    int height = 0;
    std::vector<std::uint32_t> argb; // cairo's ARGB32/RGB24 words, row by row
    Pixel at(int x, int y) const {
        const std::uint32_t v = argb[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)];
        return {static_cast<int>(v >> 16 & 255), static_cast<int>(v >> 8 & 255), static_cast<int>(v & 255)};
    }
};

/// Reads PNG bytes; throws std::runtime_error if they are not a PNG.
PngImage decode_png(const std::string &bytes);
/// Reads a PNG file; throws std::runtime_error naming it if it cannot.
PngImage read_png(const std::string &path);

/// How two images of the same size differ: the largest channel difference, the share of
/// pixels with any channel off by more than `tolerance`, and the mean channel difference.
struct PngDifference {
    bool same_size = false;
    int max_channel = 0;
    double share_over_tolerance = 0.0;
    double mean_channel = 0.0;
};
PngDifference compare_png(const PngImage &a, const PngImage &b, int tolerance);

} // namespace pooled::test
