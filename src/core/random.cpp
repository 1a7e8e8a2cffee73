#include <pooled/core/random.hpp>

namespace pooled {

namespace {
// SplitMix64 (Steele, Lea and Flood 2014): expands one 64-bit seed into well-mixed words.
std::uint64_t splitmix64(std::uint64_t &x) noexcept {
    std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

constexpr std::uint64_t rotl(std::uint64_t x, int k) noexcept { return (x << k) | (x >> (64 - k)); }
} // namespace

Rng::Rng(std::uint64_t seed) noexcept : m_seed(seed) {
    std::uint64_t x = seed;
    for (auto &word : m_state) {
        word = splitmix64(x);
    }
}

// xoshiro256** (Blackman and Vigna 2018).
std::uint64_t Rng::next() noexcept {
    const std::uint64_t result = rotl(m_state[1] * 5, 7) * 9;
    const std::uint64_t t = m_state[1] << 17;
    m_state[2] ^= m_state[0];
    m_state[3] ^= m_state[1];
    m_state[1] ^= m_state[2];
    m_state[0] ^= m_state[3];
    m_state[2] ^= t;
    m_state[3] = rotl(m_state[3], 45);
    return result;
}

double Rng::uniform() noexcept { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

std::uint64_t Rng::below(std::uint64_t bound) noexcept {
    // Lemire's multiply-and-reject: unbiased and without a division in the common case.
    __uint128_t m = static_cast<__uint128_t>(next()) * bound;
    auto low = static_cast<std::uint64_t>(m);
    if (low < bound) {
        const std::uint64_t threshold = -bound % bound;
        while (low < threshold) {
            m = static_cast<__uint128_t>(next()) * bound;
            low = static_cast<std::uint64_t>(m);
        }
    }
    return static_cast<std::uint64_t>(m >> 64);
}

Rng Rng::split(std::uint64_t index) const noexcept {
    std::uint64_t x = m_seed ^ 0x6a09e667f3bcc909ULL;
    std::uint64_t mixed = splitmix64(x);
    x = mixed + index;
    return Rng(splitmix64(x));
}

} // namespace pooled
