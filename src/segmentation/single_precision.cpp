#include "segmentation/single_precision.hpp"
#include "segmentation/vector_clones.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

namespace pooled::segmentation::detail {

namespace {

/// Eight floats operated on lane by lane (GCC/Clang vector extension: one AVX register, or two
/// SSE ones; never passed by value, see vector_clones.hpp).
using Floats8 = float __attribute__((vector_size(32)));
/// Eight int32 lanes: lane numbers, and the results of comparing Floats8 (-1 true, 0 false).
using Ints8 = std::int32_t __attribute__((vector_size(32)));

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

/// v := its lane-wise minimum with `other` (exact: no NaN comes in). In place: a 32-byte
/// vector is never passed or returned by value (see vector_clones.hpp).
template <typename V>
inline void keep_min(V &v, const V &other) noexcept {
    v = v < other ? v : other;
}

/// Every lane of v := the smallest of its eight (three rounds: swapped halves, quarters, pairs).
template <typename V>
inline void spread_min(V &v) noexcept {
    keep_min(v, __builtin_shufflevector(v, v, 4, 5, 6, 7, 0, 1, 2, 3));
    keep_min(v, __builtin_shufflevector(v, v, 2, 3, 0, 1, 6, 7, 4, 5));
    keep_min(v, __builtin_shufflevector(v, v, 1, 0, 3, 2, 5, 4, 7, 6));
}

/// out.nearest, out.second := the square roots of the two (in double, correctly rounded). On
/// x86-64 one SSE2 instruction takes both: the two separate roots, each behind its errno check,
/// cost a tenth of the search.
inline void square_roots(double nearest_sq, double second_sq, FloatNearest &out) noexcept {
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    using Doubles2 = double __attribute__((vector_size(16)));
    const Doubles2 roots = __builtin_ia32_sqrtpd(Doubles2{nearest_sq, second_sq});
    out.nearest = roots[0];
    out.second = roots[1];
#else
    out.nearest = std::sqrt(nearest_sq);
    out.second = std::sqrt(second_sq);
#endif
}

/// The nearest two centres of the panel to x: squared distances a block of 8 centres at a time
/// (four sums per centre, coordinates j mod 4, keep four additions in flight). The two
/// smallest of a block are found with vector minima, without branches (the comparisons are
/// unpredictable): the smallest value, its lowest lane, then the smallest of the other lanes,
/// what a scan of the lanes in order keeps (ties: the lower index; a tied value is also the
/// second). Blocks merge in order, a later block winning only when strictly smaller.
inline void nearest_two8(const float *x, const FloatCentres &centres, std::size_t k, std::size_t width,
                         FloatNearest &out) noexcept {
    constexpr float infinity = std::numeric_limits<float>::infinity();
    const std::size_t columns = float_panel_width(k);
    const float *panel = centres.panel.data();
    const Ints8 lane{0, 1, 2, 3, 4, 5, 6, 7};
    float best = infinity;
    float second = infinity;
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
        const auto lanes = static_cast<std::int32_t>(std::min<std::size_t>(8, k - c));
        const Floats8 total = lane < lanes ? (sum[0] + sum[1]) + (sum[2] + sum[3]) : infinity - Floats8{};
        Floats8 smallest = total;
        spread_min(smallest);
        Ints8 at = total == smallest ? lane : 8 - Ints8{};
        spread_min(at);
        Floats8 rest = lane == at ? infinity - Floats8{} : total;
        spread_min(rest);
        const float block_best = smallest[0];
        const float block_second = rest[0];
        second = std::min({std::max(best, block_best), second, block_second});
        index = block_best < best ? static_cast<std::uint32_t>(c) + static_cast<std::uint32_t>(at[0]) : index;
        best = std::min(best, block_best);
    }
    out.index = index;
    square_roots(static_cast<double>(best), static_cast<double>(second), out);
}

} // namespace

POOLED_VECTOR_CLONES
void float_nearest_two(const float *x, const FloatCentres &centres, std::size_t k, std::size_t width,
                       FloatNearest &out) noexcept {
    nearest_two8(x, centres, k, width, out);
}

} // namespace pooled::segmentation::detail
