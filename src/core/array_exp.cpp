#include "core/array_exp.hpp"

#include <cstddef>
#include <cstdint>
#include <cstring>

// exp(x) = 2^k exp(r), k = round(x / ln 2), r = x - k ln 2 in [-ln(2)/2, ln(2)/2] (Cody and Waite's
// reduction: ln 2 = ln2_hi + ln2_lo, ln2_hi with 42 significant bits so k ln2_hi is exact for
// |k| <= 2^11, and the reduction's rounding error kept in r_low). exp(r) = 1 + r + r^2 q(r), q of
// degree 9, its coefficients from mpmath 1.2.1 (40 digits), rounded to double:
//   mpmath.chebyfit(lambda r: (exp(r) - 1 - r) / r**2, [-log(2)/2, log(2)/2], 10)
// whose error, 1.4e-18 on q, is 1.7e-19 on exp(r) (0.002 ulp). The sum 1 + r + (r^2 q + r_low) is
// added with 1 + r split exactly into hi + lo, so the result is rounded once: 0.5 ulp plus the
// polynomial's and the reduction's few hundredths. 2^k is applied as 2^h 2^(k-h), h = floor(k/2),
// both normal for k in [-1076, 1024], so the one rounding of a subnormal result is the last product.
// Inputs are clamped to [-746, 710] first: exp is 0 below (exp(-745.14) is the smallest subnormal
// halved, rounding to 0) and +inf above (exp(709.79) overflows); NaN passes the clamp and stays NaN.
//
// Written with GCC vector extensions (also understood by clang; a cast between two vector types of
// one size keeps the bits, as std::bit_cast would, without a call that passes a vector): the
// baseline x86-64 code runs two lanes in SSE2 registers, the AVX2 code four lanes, the AVX-512 code
// eight. All compute the same IEEE operations in the same order, and nothing contracts a * b + c
// into an FMA here (AVX-512F has FMA instructions, and GCC contracts by default: this file is
// compiled with -ffp-contract=off, src/CMakeLists.txt), so the lanes agree to the bit.

namespace pooled::detail {

namespace {

using Double2 = double __attribute__((vector_size(16)));
using Bits2 = std::uint64_t __attribute__((vector_size(16)));
using Double4 = double __attribute__((vector_size(32)));
using Bits4 = std::uint64_t __attribute__((vector_size(32)));
using Double8 = double __attribute__((vector_size(64)));
using Bits8 = std::uint64_t __attribute__((vector_size(64)));

template <class D>
struct BitsOf;
template <>
struct BitsOf<Double2> {
    using type = Bits2;
};
template <>
struct BitsOf<Double4> {
    using type = Bits4;
};
template <>
struct BitsOf<Double8> {
    using type = Bits8;
};

constexpr double ln2_hi = 0x1.62e42fefa3800p-1;
constexpr double ln2_lo = 0x1.ef35793c7673p-45;
constexpr double log2_e = 0x1.71547652b82fep0;
/// 1.5 * 2^52: y + shifter - shifter rounds y to the nearest integer, whose bits are then the low
/// bits of y + shifter.
constexpr double shifter = 0x1.8p52;

/// x[lane] = bound where mask is set (the lanes travel by reference: no vector crosses a call, so
/// no ABI question arises for the four-lane type built for the baseline ISA).
template <class D, class Mask>
[[gnu::always_inline]] inline void replace_where(D &x, const Mask &mask, double bound) {
    using Bits = typename BitsOf<D>::type;
    const Bits m = (Bits)mask;
    const Bits b = (Bits)(D{} + bound);
    x = (D)((m & b) | (~m & (Bits)x));
}

/// x = exp(x), lane by lane (see the top of this file).
template <class D>
[[gnu::always_inline]] inline void exp_lanes(D &x) {
    using Bits = typename BitsOf<D>::type;
    replace_where(x, x < -746.0, -746.0);
    replace_where(x, x > 710.0, 710.0);
    const D shifted = x * log2_e + shifter;
    const D k = shifted - shifter;
    const Bits k_bits = (Bits)shifted - (Bits)(D{} + shifter); // k, two's complement
    const D reduced = x - k * ln2_hi; // exact
    const D tail = k * ln2_lo;
    const D r = reduced - tail;
    const D r_low = (reduced - r) - tail;
    // q(r) by Estrin's scheme (four dependent steps where Horner's takes ten).
    const D r2 = r * r;
    const D r4 = r2 * r2;
    const D q01 = 0x1.0000000000001p-1 + 0x1.5555555555556p-3 * r;
    const D q23 = 0x1.5555555553d68p-5 + 0x1.11111111109b5p-7 * r;
    const D q45 = 0x1.6c16c17889ef1p-10 + 0x1.a01a01a7c2efep-13 * r;
    const D q67 = 0x1.a019b9149a41cp-16 + 0x1.71de0db2f6b19p-19 * r;
    const D q89 = 0x1.28917c89a43a7p-22 + 0x1.af389ecfc4b9cp-26 * r;
    const D q = (q01 + q23 * r2) + ((q45 + q67 * r2) + q89 * r4) * r4;
    const D hi = 1.0 + r;
    const D lo = (1.0 - hi) + r; // 1 + r = hi + lo exactly (|r| < 1)
    const D exp_r = hi + (lo + (r2 * q + r_low * hi));
    const Bits half_biased = (k_bits + 2048) >> 1; // floor(k / 2) + 1024, shifted while positive
    const D scale_half = (D)((half_biased - 1) << 52);
    const D scale_rest = (D)((k_bits - half_biased + 2047) << 52);
    x = exp_r * scale_half * scale_rest;
}

/// out[k] = exp(x[k] * scale) for k < n (x may be out): the loads of x between the exps of one
/// pass, not in a pass of their own before it.
template <class D>
[[gnu::always_inline]] inline void exp_array(const double *x, double scale, double *out, std::size_t n) {
    constexpr std::size_t lanes = sizeof(D) / sizeof(double);
    std::size_t k = 0;
    // Two vectors a step: their chains interleave.
    for (; k + 2 * lanes <= n; k += 2 * lanes) {
        D u, v;
        std::memcpy(&u, x + k, sizeof u);
        std::memcpy(&v, x + k + lanes, sizeof v);
        u *= scale;
        v *= scale;
        exp_lanes(u);
        exp_lanes(v);
        std::memcpy(out + k, &u, sizeof u);
        std::memcpy(out + k + lanes, &v, sizeof v);
    }
    for (; k < n; k += lanes) {
        const std::size_t part = n - k < lanes ? n - k : lanes;
        D u{};
        std::memcpy(&u, x + k, part * sizeof(double));
        u *= scale;
        exp_lanes(u);
        std::memcpy(out + k, &u, part * sizeof(double));
    }
}

void exp_baseline(const double *x, double scale, double *out, std::size_t n) noexcept {
    exp_array<Double2>(x, scale, out, n);
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
[[gnu::target("avx2")]] void exp_avx2(const double *x, double scale, double *out, std::size_t n) noexcept {
    exp_array<Double4>(x, scale, out, n);
}
// 32 registers of eight lanes: the constants and both chains of a step stay in registers (the AVX2
// code spills about a dozen). avx512dq turns the lane masks of the comparisons into vectors.
[[gnu::target("avx512f,avx512dq")]] void exp_avx512(const double *x, double scale, double *out, std::size_t n) noexcept {
    exp_array<Double8>(x, scale, out, n);
}
#endif

} // namespace

VectorIsa best_vector_isa() noexcept {
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    static const VectorIsa best = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq")
                                      ? VectorIsa::avx512
                                  : __builtin_cpu_supports("avx2") ? VectorIsa::avx2
                                                                   : VectorIsa::baseline;
    return best;
#else
    return VectorIsa::baseline;
#endif
}

namespace {

/// out[k] = exp(x[k] * scale) on `isa` (or the widest set the processor has).
void exp_scaled(const double *x, double scale, double *out, std::size_t n, VectorIsa isa) noexcept {
    // The enumerators are in order of width, each set including the ones before it.
    if (static_cast<int>(isa) > static_cast<int>(best_vector_isa())) {
        isa = best_vector_isa();
    }
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    if (isa == VectorIsa::avx512) {
        exp_avx512(x, scale, out, n);
        return;
    }
    if (isa == VectorIsa::avx2) {
        exp_avx2(x, scale, out, n);
        return;
    }
#endif
    exp_baseline(x, scale, out, n);
}

} // namespace

// x * 1.0 is x, bit for bit (NaN, infinities and -0 included): the plain exp is the scaled one.
void exp_of_each(std::span<double> values, VectorIsa isa) noexcept {
    exp_scaled(values.data(), 1.0, values.data(), values.size(), isa);
}

void exp_of_each(std::span<double> values) noexcept { exp_of_each(values, best_vector_isa()); }

void exp_of_scaled_each(std::span<const double> x, double scale, std::span<double> out) noexcept {
    exp_scaled(x.data(), scale, out.data(), x.size(), best_vector_isa());
}

double exp_of(double x) noexcept {
    Double2 lanes{x, x};
    exp_lanes(lanes);
    return lanes[0];
}

} // namespace pooled::detail
