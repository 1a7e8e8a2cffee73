#include "support/catch.hpp"

#include <pooled/core/random.hpp>

#include <vector>

TEST_CASE("xoshiro256** seeded by SplitMix64 gives the reference sequence", "[core][random]") {
    // Reference: the authors' C code (prng.di.unimi.it, splitmix64.c and xoshiro256starstar.c)
    // with the state filled by four splitmix64() calls from x = 0, run by hand in C:
    // first three outputs of next().
    pooled::Rng rng(0);
    CHECK(rng.next() == 0x99ec5f36cb75f2b4ULL);
    CHECK(rng.next() == 0xbf6e1f784956452aULL);
    CHECK(rng.next() == 0x1a5f849d4933e6e0ULL);
}

TEST_CASE("the same seed gives the same numbers, split streams are independent of use", "[core][random]") {
    pooled::Rng a(42);
    pooled::Rng b(42);
    for (int i = 0; i < 100; ++i) {
        REQUIRE(a.next() == b.next());
    }
    const pooled::Rng fresh(42);
    // split() depends on the seed and the index only, not on how far `a` has run.
    CHECK(a.split(7).next() == fresh.split(7).next());
    CHECK(fresh.split(7).next() != fresh.split(8).next());
}

TEST_CASE("uniform() lies between 0 and 1 and below(n) under n, without bias", "[core][random]") {
    pooled::Rng rng(1);
    std::vector<int> counts(6, 0);
    for (int i = 0; i < 60000; ++i) {
        const double u = rng.uniform();
        REQUIRE(u >= 0.0);
        REQUIRE(u < 1.0);
        const auto k = rng.below(6);
        REQUIRE(k < 6);
        ++counts[k];
    }
    // 10,000 expected per face; 4 standard deviations (sqrt(60000*1/6*5/6) = 91) is 365.
    for (const int c : counts) {
        CHECK(c > 10000 - 365);
        CHECK(c < 10000 + 365);
    }
}
