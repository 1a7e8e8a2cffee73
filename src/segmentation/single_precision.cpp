#include "segmentation/single_precision.hpp"
#include "segmentation/vector_clones.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace pooled::segmentation::detail {

namespace {

/// Eight floats operated on lane by lane (GCC/Clang vector extension: one AVX register, or two
/// SSE ones; never passed by value, see vector_clones.hpp).
using Floats8 = float __attribute__((vector_size(32)));

} // namespace

FloatRows float_rows(const DataMatrix &data) {
    FloatRows out;
    const std::size_t d = data.cols;
    const bool fits = std::all_of(data.values.begin(), data.values.end(),
                                  [](double v) { return std::fabs(v) <= float_value_limit; });
    if (!fits || data.rows == 0) {
        return out;
    }
    out.width = float_width(d);
    out.values.assign(data.rows * out.width, 0.0F);
    out.norms.resize(data.rows);
    for (std::size_t i = 0; i < data.rows; ++i) {
        double squares = 0.0;
        for (std::size_t j = 0; j < d; ++j) {
            const double v = data.values[i * d + j];
            out.values[i * out.width + j] = static_cast<float>(v);
            squares += v * v;
        }
        out.norms[i] = std::sqrt(squares);
    }
    return out;
}

void FloatCentres::resize(std::size_t k, std::size_t d) {
    panel.assign(float_width(d) * float_panel_width(k), 0.0F);
    norms.resize(k);
}

void FloatCentres::assign(const double *centres, std::size_t k, std::size_t d) {
    const std::size_t columns = float_panel_width(k);
    largest_norm = 0.0;
    for (std::size_t c = 0; c < k; ++c) {
        double squares = 0.0;
        for (std::size_t j = 0; j < d; ++j) {
            const double v = centres[c * d + j];
            panel[j * columns + c] = static_cast<float>(v);
            squares += v * v;
        }
        norms[c] = std::sqrt(squares);
        largest_norm = std::max(largest_norm, norms[c]);
    }
}

namespace {

/// The nearest two centres of the panel to x: squared distances a block of 8 centres at a time
/// (four sums per centre, coordinates j mod 4, keep four additions in flight), the two
/// smallest kept without branches (the comparisons are unpredictable).
inline void nearest_two8(const float *x, const FloatCentres &centres, std::size_t k, std::size_t width,
                         FloatNearest &out) noexcept {
    const std::size_t columns = float_panel_width(k);
    const float *panel = centres.panel.data();
    float best = std::numeric_limits<float>::infinity();
    float second = best;
    std::uint32_t index = 0;
    for (std::size_t c = 0; c < columns; c += 8) {
        Floats8 sum[4] = {};
        for (std::size_t j = 0; j < width; j += 4) {
            for (std::size_t q = 0; q < 4; ++q) {
                Floats8 centre;
                std::memcpy(&centre, panel + (j + q) * columns + c, sizeof centre);
                const Floats8 e = (x[j + q] - Floats8{}) - centre; // x - 0: the broadcast alone (x + 0 would add)
                sum[q] += e * e;
            }
        }
        const Floats8 total = (sum[0] + sum[1]) + (sum[2] + sum[3]);
        const std::size_t lanes = std::min<std::size_t>(8, k - c);
        for (std::size_t l = 0; l < lanes; ++l) {
            const float v = total[l];
            second = std::min(second, std::max(best, v));
            index = v < best ? static_cast<std::uint32_t>(c + l) : index; // ties: the lower index
            best = std::min(best, v);
        }
    }
    out.index = index;
    out.nearest = std::sqrt(static_cast<double>(best));
    out.second = std::sqrt(static_cast<double>(second));
}

} // namespace

POOLED_VECTOR_CLONES
void float_nearest_two(const float *x, const FloatCentres &centres, std::size_t k, std::size_t width,
                       FloatNearest &out) noexcept {
    nearest_two8(x, centres, k, width, out);
}

} // namespace pooled::segmentation::detail
