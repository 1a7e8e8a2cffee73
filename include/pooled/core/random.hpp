#pragma once
/// @file
/// @brief A seeded random generator that is passed in, never global.

#include <pooled/pooled_cxx_export.h>

#include <cstdint>

namespace pooled {

/// SplitMix64-seeded xoshiro256** generator with its own distributions, so a seed gives the
/// same numbers on every platform and standard library (std:: distributions do not promise that).
///
/// Thread safety: none; give each thread its own Rng, e.g. from split().
class POOLED_CXX_API Rng {
public:
    using result_type = std::uint64_t;

    explicit Rng(std::uint64_t seed) noexcept;

    std::uint64_t next() noexcept;
    std::uint64_t operator()() noexcept { return next(); }
    static constexpr std::uint64_t min() noexcept { return 0; }
    static constexpr std::uint64_t max() noexcept { return ~std::uint64_t{0}; }

    /// Uniform double in [0, 1) with 53 random bits.
    double uniform() noexcept;
    /// Uniform integer in [0, bound) without modulo bias; bound must be > 0.
    std::uint64_t below(std::uint64_t bound) noexcept;
    /// An independent generator for stream `index` (e.g. one per restart or thread),
    /// deterministic in (this generator's seed, index) and independent of how often this
    /// generator has been used.
    Rng split(std::uint64_t index) const noexcept;

private:
    std::uint64_t m_seed;
    std::uint64_t m_state[4];
};

} // namespace pooled
