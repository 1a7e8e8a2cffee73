#include "core/array_exp.hpp"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

// exp(x) = 2^m 2^(j/16) exp(r): k = round(x 16 / ln 2) = 16 m + j (0 <= j < 16), r = x - k ln2/16,
// |r| <= a = ln(2)/32 + 1e-13 < 0.021661 (k is the integer nearest x times 16 / ln 2 rounded to a
// double, |x| 2^-49 < 1.4e-12 from x 16 / ln 2; Tang's table-driven method, ACM TOMS 15(2), 1989),
// after x is clamped to [-746, 710]: exp is 0 below (exp(-745.14) is the smallest subnormal halved,
// rounding to 0) and +inf above (exp(709.79) overflows); NaN passes the clamp and stays NaN.
// Every "fma" below is one fused multiply-add a b + c, rounded once (fused(): an FMA instruction, or
// glibc's fma(), correctly rounded by definition, on a processor without them: the same bits).
//   Reduction: k = fma(x, 16 / ln 2, 1.5 2^52) - 1.5 2^52, where the doubles are the integers: the
//   product rounded once, to the nearest integer. ln2/16 = L_hi + L_lo, L_hi with 35 significant
//   bits, so k L_hi is exact for |k| < 2^18 (|x| <= 746 gives |k| <= 17,221); x - k L_hi is exact
//   (k = 0: it is x; else |x| > 0.021 and both are multiples of ulp(x), which lies in [2^-58, 2^-43]
//   (k L_hi is one of 2^-39), and their difference is below 0.022 < 2^53 2^-58): one fma gives it, and
//   r = fma(k, -L_lo, that) rounds once: |error of r| <= 2^-53 a + |k| |ln2/16 - L_hi - L_lo| (< 17,221
//   2^-94) < 2.41e-18.
//   Table: 2^(j/16) = T_hi + T_lo, T_hi the double nearest it, T_lo the double nearest the rest
//   (|T_lo| <= 2^-53, the pair within 2^-106 of the value), printed by mpmath 1.2.1 at 300 bits:
//     v = mpf(2)**(mpf(j)/16); hi = float(v); lo = float(v - hi)    (j = 0 ... 15)
//   and checked against exp2l in tests/unit/core/array_exp_test.cpp. L_hi, L_lo and 16 / ln 2 the same.
//   exp(r) - 1 = p(r) = r + r^2 q, q = (1/2 + r/6) + r^2 ((1/24 + r/120) + r^2 (1/720 + r/5040)),
//   Taylor's: the remainder is at most e^a a^8 / 8! < 1.3e-18. By Estrin's scheme: r^2 = r r, each
//   bracket one fma of r, then q = fma(fma(q45, r^2, q23), r^2, q01) and p = fma(r^2, q, r). In r^2 q:
//   q is off by at most 2^-53 (0.5037 (rounding q01) + 0.0037 (1/6 rounded, on r/6) + 0.00012 (every
//   rounding in r^2 ((1/24 ...)), a term below 2e-5: six of them) + 0.5037 (rounding q)), r^2 by 2^-53
//   r^2: together below 2^-53 a^2 (0.5037 + 1.0112) < 8e-20; p's own rounding 2^-53 |p| < 2.44e-18
//   (|p| <= e^a - 1 < 0.0219); the error of r carried through, 2.41e-18 e^a < 2.47e-18: |error of p|
//   < 6.3e-18.
//   exp(x) / 2^m = T_hi + fma(T_hi, p, T_lo): with T_hi < 1.958, the error of p costs < 1.24e-17, the
//   fma rounds once to < 2^-53 (2^-53 + 1.958 |p|) < 4.8e-18, T_lo p left out < 2^-53 |p| < 2.44e-18
//   (the table's 2^-106 < 1e-31): < 1.97e-17 before the last addition, on a value >= e^-a > 0.978
//   whose ulp is at least 2^-53: < 0.18 ulp. The last addition rounds once: within 0.68 ulp of exp(x)
//   (measured against expl: 0.555 over the 1.9 million normal results of the test's 2.0 million
//   points, 0.554 over 8 million random ones; before the fmas, 0.561 measured and 0.74 proved), so
//   within 1 ulp of the exactly rounded value.
// 2^m is applied as 2^h 2^(m-h), h = floor(m/2), both normal for m in [-1077, 1024] (what the clamp
// leaves), so the first product is exact and the one rounding of a subnormal result is the last; in
// eight lanes by AVX-512's vscalefpd, whose one rounding of the same product gives the same bits.
//
// Written with GCC vector extensions (also understood by clang; a cast between two vector types of
// one size keeps the bits, as std::bit_cast would, without a call that passes a vector): the
// baseline x86-64 code runs two lanes in SSE2 registers (and the same two with FMA instructions
// where the processor has them), the AVX2 code four lanes, the AVX-512 code eight. All compute the
// same IEEE operations in the same order, each fma one written in fused() and nothing else fused
// (GCC contracts a * b + c by default: this file is compiled with -ffp-contract=off,
// src/CMakeLists.txt), so the lanes agree to the bit. The table is read by look_up() below, by a
// permute of vectors or lane by lane: the same entries either way.

namespace pooled::detail {

namespace {

using Double2 = double __attribute__((vector_size(16)));
using Bits2 = std::uint64_t __attribute__((vector_size(16)));
using Double4 = double __attribute__((vector_size(32)));
using Bits4 = std::uint64_t __attribute__((vector_size(32)));
using Double8 = double __attribute__((vector_size(64)));
using Bits8 = std::uint64_t __attribute__((vector_size(64)));
using Ints2 = std::int64_t __attribute__((vector_size(16)));
using Ints4 = std::int64_t __attribute__((vector_size(32)));
using Ints8 = std::int64_t __attribute__((vector_size(64)));

template <class D>
struct BitsOf;
template <>
struct BitsOf<Double2> {
    using type = Bits2;
    using signed_type = Ints2;
};
template <>
struct BitsOf<Double4> {
    using type = Bits4;
    using signed_type = Ints4;
};
template <>
struct BitsOf<Double8> {
    using type = Bits8;
    using signed_type = Ints8;
};

/// ln2/16 = L_hi + L_lo (L_hi with 35 significant bits; mpmath, see the top of this file), negated:
/// r = x - k L_hi - k L_lo is two fmas of k.
constexpr double minus_ln2_16_hi = -0x1.62e42fefc0000p-5;
constexpr double minus_ln2_16_lo = 0x1.c610ca86c3899p-41;
constexpr double log2_e_16 = 0x1.71547652b82fep+4; // 16 / ln 2
/// 1.5 * 2^52: y + shifter - shifter rounds y to the nearest integer, whose bits are then the low
/// bits of y + shifter.
constexpr double shifter = 0x1.8p52;

/// 2^(j/16) = exp2_hi[j] + exp2_lo[j], j = 0 ... 15 (mpmath; see the top of this file). Aligned so
/// a vector of lanes reads whole rows of them.
alignas(64) constexpr double exp2_hi[16] = {
    0x1.0000000000000p+0, 0x1.0b5586cf9890fp+0, 0x1.172b83c7d517bp+0, 0x1.2387a6e756238p+0,
    0x1.306fe0a31b715p+0, 0x1.3dea64c123422p+0, 0x1.4bfdad5362a27p+0, 0x1.5ab07dd485429p+0,
    0x1.6a09e667f3bcdp+0, 0x1.7a11473eb0187p+0, 0x1.8ace5422aa0dbp+0, 0x1.9c49182a3f090p+0,
    0x1.ae89f995ad3adp+0, 0x1.c199bdd85529cp+0, 0x1.d5818dcfba487p+0, 0x1.ea4afa2a490dap+0,
};
alignas(64) constexpr double exp2_lo[16] = {
    0x0.0p+0, 0x1.8a62e4adc610bp-54, -0x1.19041b9d78a76p-55, 0x1.9b07eb6c70573p-54,
    0x1.6f46ad23182e4p-55, 0x1.ada0911f09ebcp-55, 0x1.d4397afec42e2p-56, 0x1.6324c054647adp-54,
    -0x1.bdd3413b26456p-54, -0x1.41577ee04992fp-55, 0x1.6e9f156864b27p-54, 0x1.c7c46b071f2bep-56,
    0x1.7a1cd345dcc81p-54, 0x1.11065895048ddp-55, 0x1.2ed02d75b3707p-55, -0x1.e9c23179c2893p-54,
};

/// out[lane] = table[j[lane] % 16] for every lane: in eight lanes one two-vector permute (AVX-512's
/// vpermt2pd; read lane by lane there, the exp took twice the time of the former polynomial's), in
/// four or two lane by lane (in four, two permutes and a blend made the exp a third slower; Zen 4).
template <class D>
[[gnu::always_inline]] inline void look_up(const double (&table)[16], const typename BitsOf<D>::type &j, D &out) {
    constexpr std::size_t lanes = sizeof(D) / sizeof(double);
#if defined(__GNUC__) && !defined(__clang__) // clang has no variable two-vector shuffle
    if constexpr (lanes == 8) {
        D low, high;
        std::memcpy(&low, table, sizeof low);
        std::memcpy(&high, table + 8, sizeof high);
        out = __builtin_shuffle(low, high, j); // the index modulo 16
    } else
#endif
    {
        for (std::size_t lane = 0; lane < lanes; ++lane) {
            out[lane] = table[j[lane] & 15];
        }
    }
}

#if defined(__GNUC__) // and clang
// fused() returns a vector wider than the baseline's registers, which GCC and clang warn may be
// passed another way by code compiled for AVX; it is always inlined, so no call passes one.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpsabi"
#endif

/// How fused() multiplies and adds: by FMA instructions (only in code compiled for them: exp_fma and
/// wider), or by glibc's fma(), correctly rounded (in hardware where the processor has it, in
/// software otherwise): the same bits. The instructions make an exp 17 floating-point operations
/// where separate products and sums took 26: 26-29 % less time in eight lanes, 22 % in four, 38 %
/// in two than without them, exp_of() 32 % (Zen 4, A/B against c1dcfa0); the calls, only for a
/// processor without FMA (none since 2013), cost 7 times the former exp's time (27 ns an exp).
enum class Fma { instruction, call };

/// a b + c rounded once, lane by lane (a and c may be one number for every lane).
template <Fma how, class A, class D, class C>
[[gnu::always_inline]] inline D fused(const A &a, const D &b, const C &c) {
    D sum, factor; // c and a (a number v in every lane is D{} + v)
    if constexpr (std::is_same_v<C, D>) {
        sum = c;
    } else {
        sum = D{} + c;
    }
    if constexpr (std::is_same_v<A, D>) {
        factor = a;
    } else {
        factor = D{} + a;
    }
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) // clang checks asm against the baseline
    if constexpr (how == Fma::instruction) {
        // sum = b factor + sum (in asm, as the clamp: GCC has no FMA of a vector type, and when left
        // to merge the lanes' fma() calls into one, it made half of them scalar in four lanes).
        asm("vfmadd231pd %2, %1, %0" : "+v"(sum) : "v"(b), "vm"(factor));
        return sum;
    }
#endif
    // Where the target has FMA instructions, GCC and clang make these calls instructions too.
    for (std::size_t lane = 0; lane < sizeof(D) / sizeof(double); ++lane) {
        sum[lane] = __builtin_fma(factor[lane], b[lane], sum[lane]);
    }
    return sum;
}

/// x = exp(x), lane by lane (see the top of this file).
template <Fma how, class D>
[[gnu::always_inline]] inline void exp_lanes(D &x) {
    using Bits = typename BitsOf<D>::type;
    using Ints = typename BitsOf<D>::signed_type;
#if defined(__GNUC__) && !defined(__clang__) // clang checks the asm's operands against the baseline
    if constexpr (sizeof(D) == 64) {
        // vmaxpd and vminpd with the bound first: (bound > x ? bound : x), whose NaN x stays x, as
        // below (GCC makes a compare and a masked move of that: 9 % of the exp's time).
        const D low = D{} - 746.0, high = D{} + 710.0;
        asm("vmaxpd %1, %2, %0" : "=v"(x) : "v"(x), "v"(low));
        asm("vminpd %1, %2, %0" : "=v"(x) : "v"(x), "v"(high));
    } else
#endif
    {
        // A lane's choice of two vectors; NaN is kept: no comparison holds.
        x = x < -746.0 ? D{} - 746.0 : x;
        x = x > 710.0 ? D{} + 710.0 : x;
    }
    const D shifted = fused<how>(log2_e_16, x, shifter);
    const D k = shifted - shifter;
    const D r = fused<how>(minus_ln2_16_lo, k, fused<how>(minus_ln2_16_hi, k, x)); // the inner one exact
    // The shifter's low bits are 0: those of `shifted` are k's, so j = k mod 16 is in its low 4 bits.
    D t_hi, t_lo;
    look_up(exp2_hi, (Bits)shifted, t_hi);
    look_up(exp2_lo, (Bits)shifted, t_lo);
    // p(r) = r + r^2 q(r), q (Taylor's 1/n!, n = 2 ... 7) by Estrin's scheme (three dependent fmas
    // where Horner's takes five).
    const D r2 = r * r;
    const D q01 = fused<how>(0x1.5555555555555p-3, r, 0.5);
    const D q23 = fused<how>(0x1.1111111111111p-7, r, 0x1.5555555555555p-5);
    const D q45 = fused<how>(0x1.a01a01a01a01ap-13, r, 0x1.6c16c16c16c17p-10);
    const D q = fused<how>(fused<how>(q45, r2, q23), r2, q01);
    const D p = fused<how>(r2, q, r);
    const D scaled_down = t_hi + fused<how>(t_hi, p, t_lo); // exp(x) / 2^m
#if defined(__GNUC__) && !defined(__clang__) // clang checks the asm's operands against the baseline
    if constexpr (sizeof(D) == 64) {
        // AVX-512's vscalefpd: scaled_down 2^floor(k / 16) rounded once, so the same bits as the two
        // products below (written in asm: an intrinsic cannot be inlined into this template, whose
        // target is the baseline; only exp_avx512 instantiates it with eight lanes).
        const D sixteenths = k * 0.0625; // exact
        asm("vscalefpd %2, %1, %0" : "=v"(x) : "v"(scaled_down), "v"(sixteenths));
    } else
#endif
    {
        const Bits k_bits = (Bits)shifted - (Bits)(D{} + shifter); // k, two's complement
        const Ints m = (Ints)k_bits >> 4;                           // floor(k / 16)
        const Ints h = m >> 1;                                      // floor(m / 2)
        const D scale_half = (D)((h + 1023) << 52);
        const D scale_rest = (D)((m - h + 1023) << 52);
        x = scaled_down * scale_half * scale_rest;
    }
}

#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

/// out[k] = exp(x[k] * scale) for k < n (x may be out): the loads of x between the exps of one
/// pass, not in a pass of their own before it.
template <Fma how, class D>
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
        exp_lanes<how>(u);
        exp_lanes<how>(v);
        std::memcpy(out + k, &u, sizeof u);
        std::memcpy(out + k + lanes, &v, sizeof v);
    }
    for (; k < n; k += lanes) {
        const std::size_t part = n - k < lanes ? n - k : lanes;
        D u{};
        std::memcpy(&u, x + k, part * sizeof(double));
        u *= scale;
        exp_lanes<how>(u);
        std::memcpy(out + k, &u, part * sizeof(double));
    }
}

// Its fmas call glibc's: a processor without FMA instructions (none since 2013) is correct, slowly.
void exp_baseline(const double *x, double scale, double *out, std::size_t n) noexcept {
    exp_array<Fma::call, Double2>(x, scale, out, n);
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
// The baseline's two lanes with FMA instructions (VEX-encoded, as "fma" implies AVX).
[[gnu::target("fma")]] void exp_fma(const double *x, double scale, double *out, std::size_t n) noexcept {
    exp_array<Fma::instruction, Double2>(x, scale, out, n);
}
[[gnu::target("avx2,fma")]] void exp_avx2(const double *x, double scale, double *out, std::size_t n) noexcept {
    exp_array<Fma::instruction, Double4>(x, scale, out, n);
}
// 32 registers of eight lanes: the constants, the table's four vectors and both chains of a step stay
// in registers (the AVX2 code spills some). avx512dq as best_vector_isa() asks for it; AVX-512F has
// FMA instructions of its own.
[[gnu::target("avx512f,avx512dq")]] void exp_avx512(const double *x, double scale, double *out, std::size_t n) noexcept {
    exp_array<Fma::instruction, Double8>(x, scale, out, n);
}
#endif

} // namespace

namespace {

/// The widest set this processor runs, checked once (not exported: exp_of() asks for it per number).
VectorIsa widest_isa() noexcept {
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    // Every set above the baseline asks for FMA, so each includes the ones before it (an AVX2
    // processor without FMA, if one existed, would run the baseline).
    static const VectorIsa best = [] {
        if (!__builtin_cpu_supports("fma")) {
            return VectorIsa::baseline;
        }
        if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq")) {
            return VectorIsa::avx512;
        }
        return __builtin_cpu_supports("avx2") ? VectorIsa::avx2 : VectorIsa::fma;
    }();
    return best;
#else
    return VectorIsa::baseline;
#endif
}

/// `isa`, or the widest set the processor has when it lacks `isa`.
VectorIsa runnable(VectorIsa isa) noexcept {
    // The enumerators are in order of width, each set including the ones before it.
    return static_cast<int>(isa) > static_cast<int>(widest_isa()) ? widest_isa() : isa;
}

/// out[k] = exp(x[k] * scale) on `isa` (or the widest set the processor has).
void exp_scaled(const double *x, double scale, double *out, std::size_t n, VectorIsa isa) noexcept {
    isa = runnable(isa);
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    if (isa == VectorIsa::avx512) {
        exp_avx512(x, scale, out, n);
        return;
    }
    if (isa == VectorIsa::avx2) {
        exp_avx2(x, scale, out, n);
        return;
    }
    if (isa == VectorIsa::fma) {
        exp_fma(x, scale, out, n);
        return;
    }
#endif
    exp_baseline(x, scale, out, n);
}

} // namespace

VectorIsa best_vector_isa() noexcept { return widest_isa(); }

// x * 1.0 is x, bit for bit (NaN, infinities and -0 included): the plain exp is the scaled one.
void exp_of_each(std::span<double> values, VectorIsa isa) noexcept {
    exp_scaled(values.data(), 1.0, values.data(), values.size(), isa);
}

void exp_of_each(std::span<double> values) noexcept { exp_of_each(values, widest_isa()); }

void exp_of_scaled_each(std::span<const double> x, double scale, std::span<double> out) noexcept {
    exp_scaled(x.data(), scale, out.data(), x.size(), widest_isa());
}

std::span<const double, 16> exp2_sixteenths_high() noexcept { return exp2_hi; }

std::span<const double, 16> exp2_sixteenths_low() noexcept { return exp2_lo; }

namespace {

/// exp(x) of one number in the baseline's two lanes (the vectors would not be faster for one).
template <Fma how>
[[gnu::always_inline]] inline double exp_one(double x) {
    Double2 lanes{x, x};
    exp_lanes<how>(lanes);
    return lanes[0];
}

double exp_one_baseline(double x) noexcept { return exp_one<Fma::call>(x); }

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
[[gnu::target("fma")]] double exp_one_fma(double x) noexcept { return exp_one<Fma::instruction>(x); }
#endif

} // namespace

double exp_of(double x, VectorIsa isa) noexcept {
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    if (runnable(isa) != VectorIsa::baseline) { // every set but the baseline has FMA instructions
        return exp_one_fma(x);
    }
#endif
    return exp_one_baseline(x);
}

double exp_of(double x) noexcept { return exp_of(x, widest_isa()); }

} // namespace pooled::detail
