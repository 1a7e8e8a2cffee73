#pragma once
// INTERNAL to libpooled (segmentation): POOLED_VECTOR_CLONES compiles a kernel twice on x86-64,
// for AVX2 and for the baseline (SSE2), and the loader picks the one the processor runs
// (GCC/Clang function multiversioning). AVX2 alone brings no fused multiply-add, and both
// versions do the same operations in the same order, so they give the same bits. Vector types
// wider than 16 bytes must not be passed or returned by value across such a function: their
// calling convention differs between the two versions.

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define POOLED_VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define POOLED_VECTOR_CLONES
#endif
