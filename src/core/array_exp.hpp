#pragma once
// INTERNAL to libpooled: exp over whole arrays, vectorised, for the decay weights of the
// accessibility measures (one exp per matrix pair: the scalar std::exp was most of a gravity pass).
//
// Accuracy: within 1 ulp of std::exp (glibc's, itself correctly rounded in all but rare cases) and
// within 0.68 ulp of the exact value for normal results (proved in array_exp.cpp; 0.555 measured);
// exp(+inf) = +inf, exp(-inf) = 0, NaN stays NaN; results below 2^-1022 are subnormal or 0, as they
// should be (tests/unit/core/array_exp_test).
// Exported (POOLED_CXX_API) for that test only; the header is not installed.
//
// Determinism: the same bits on every run, thread count and instruction set. Every path evaluates
// the same IEEE operations in the same order (the same fused multiply-adds, each rounded once, by
// an FMA instruction or by glibc's fma() on a processor without them; no reassociation; the table
// of 2^(j/16) is read exactly whichever way; the last scaling by a power of 2, rounded once, is one
// AVX-512 instruction or two exact-then-rounded products); the AVX2 and AVX-512 paths only run four
// and eight lanes at once where the baseline x86-64 (SSE2) path, and its FMA variant, run two.

#include <pooled/pooled_cxx_export.h>

#include <span>

namespace pooled::detail {

/// The instruction sets exp_of_each() can run on, narrowest first (each includes the ones before):
/// x86-64's SSE2 (whose fused multiply-adds call glibc's fma()), SSE2 with FMA instructions, AVX2
/// with FMA, AVX-512 (F and DQ).
enum class VectorIsa { baseline, fma, avx2, avx512 };

/// The widest of VectorIsa this processor runs (checked once).
POOLED_CXX_API VectorIsa best_vector_isa() noexcept;

/// values[k] = exp(values[k]) for every k, on the widest instruction set this processor has.
POOLED_CXX_API void exp_of_each(std::span<double> values) noexcept;

/// The same on `isa` (the widest set the processor has when it lacks `isa`): for the tests, which
/// check that every instruction set gives the same bits.
POOLED_CXX_API void exp_of_each(std::span<double> values, VectorIsa isa) noexcept;

/// out[k] = exp(x[k] * scale) for every k of x (out as long; it may be x), the same bits as
/// exp_of_each() over the products, in one pass: for exp(-beta c) over an array of costs c.
POOLED_CXX_API void exp_of_scaled_each(std::span<const double> x, double scale, std::span<double> out) noexcept;

/// exp(x) of one number, the same bits as exp_of_each() gives for it (for the scalar callers, so a
/// weight is the same whichever path computed it): with FMA instructions where the processor has them.
POOLED_CXX_API double exp_of(double x) noexcept;

/// The same on `isa` (only whether it is the baseline matters; the widest set the processor has when
/// it lacks `isa`): for the tests.
POOLED_CXX_API double exp_of(double x, VectorIsa isa) noexcept;

/// The table the exp is built on: 2^(j/16) = exp2_sixteenths_high()[j] + exp2_sixteenths_low()[j]
/// for j = 0 ... 15, the high part the double nearest the value, the low part the double nearest the
/// rest (for the test that checks them against exp2l).
POOLED_CXX_API std::span<const double, 16> exp2_sixteenths_high() noexcept;
POOLED_CXX_API std::span<const double, 16> exp2_sixteenths_low() noexcept;

} // namespace pooled::detail
