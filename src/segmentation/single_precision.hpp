#pragma once
// INTERNAL to libpooled (segmentation): single-precision copies of the rows and centres for the
// nearest-centre searches of Hamerly's passes. A float distance costs half the memory traffic
// and half the vector instructions of a double one; its error has a proven bound
// (float_error_bound), so a search whose nearest and second-nearest centres are further apart
// than twice the bound gives the label the double computation gives, and any other row is
// searched again in double (lloyd.cpp). Labels, and so every sum and centre, stay exactly those
// of the double computation.

#include <pooled/segmentation/data_matrix.hpp>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace pooled::segmentation::detail {

/// Floats per padded row (and rows of a centre panel): d rounded up to a multiple of 4, the
/// coordinates the search kernel takes at a time. The padding is zero in rows and centres
/// alike, so it adds exactly 0 to a distance.
constexpr std::size_t float_width(std::size_t d) noexcept { return (d + 3) / 4 * 4; }

/// Columns of a float centre panel (the centres transposed, float_width(d) x this): k rounded
/// up to a multiple of 8, zero beyond k.
constexpr std::size_t float_panel_width(std::size_t k) noexcept { return (k + 7) / 8 * 8; }

/// The rows of a matrix in single precision (each value rounded to nearest), with each row's
/// Euclidean norm in double for the error bound. Built once per fit and shared read-only.
struct FloatRows {
    std::size_t width = 0;     // float_width(cols)
    std::vector<float> values; // rows x width, row-major, padding 0
    std::vector<double> norms; // rows

    bool empty() const noexcept { return values.empty(); }
    const float *row(std::size_t i) const noexcept { return values.data() + i * width; }
};

/// Largest magnitude a value may have for the float path: squares of differences then stay far
/// below float's range (2^128), so the bound below holds. Larger values: float_rows is empty.
constexpr double float_value_limit = 1099511627776.0; // 2^40

/// The float copy of `data`, or an empty FloatRows when some |value| exceeds float_value_limit
/// (the double path then serves every search).
FloatRows float_rows(const DataMatrix &data);

/// One run's centres in single precision, refreshed from the double centres before each pass.
struct FloatCentres {
    std::vector<float> panel;   // float_width(d) x float_panel_width(k), transposed, for full scans
    std::vector<double> norms;  // k, Euclidean norm of each centre (in double)
    double largest_norm = 0.0;

    void resize(std::size_t k, std::size_t d);
    /// From the double centres (k x d, row-major).
    void assign(const double *centres, std::size_t k, std::size_t d);
};

/// A bound on |f - D| + |sqrt(s) - D|, so on |f - D| and on |f - sqrt(s)|, where D is the exact
/// Euclidean distance of a row x and a centre c (as doubles), f the square root of the squared
/// distance the float search sums from their float copies and s the squared distance summed in
/// double (any order): (width + 8) u (|x| + |c|) + 2^-60, u = 2^-24. f +- the bound are then
/// bounds on the distance, and two float distances further apart than twice the bound are in
/// the same order in double. Derivation, for M = |x| + |c| >= D: rounding x and c to float moves the
/// difference vector by at most u M; each float difference adds a relative u, so at most
/// u (1 + u) M more; squaring and summing `width` terms in any order multiplies the squared
/// norm by (1 + t), |t| <= width u / (1 - width u), so its square root by at most that much
/// again of (1 + u)^2 M. Together (width + 2) u M plus terms of order u^2 M; the double sum's
/// error is below 2^-29 of that, and the rest of the margin covers the double arithmetic of the
/// bound and of its comparisons. The 2^-60 covers underflow: values below float's normal
/// range lose absolute, not relative, accuracy (at most 2^-150 per value and per square).
inline double float_error_bound(std::size_t width, double row_norm, double centre_norm) noexcept {
    return static_cast<double>(width + 8) * 0x1p-24 * (row_norm + centre_norm) + 0x1p-60;
}

/// The nearest two centres of a row in float (distances, not squared; as double).
struct FloatNearest {
    std::uint32_t index = 0; // the nearest centre, ties to the lowest index
    double nearest = 0.0;    // its distance
    double second = 0.0;     // the second smallest distance (+inf when k = 1)
};

/// The nearest two of the k centres of `centres` to the padded float row x (`width` floats, a
/// multiple of 4).
void float_nearest_two(const float *x, const FloatCentres &centres, std::size_t k, std::size_t width,
                       FloatNearest &out) noexcept;

} // namespace pooled::segmentation::detail
