#pragma once
// Brute force for the location tests: every subset of sites, and random small instances.
// Deliberately plain (dense loops, no shared code with the solvers) so it checks them
// independently.

#include <pooled/core/random.hpp>
#include <pooled/network/cost_matrix.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace pooled::test {

/// Calls fn(subset) for every subset of {0..m-1} of exactly k elements (ascending lists).
template <typename Fn>
void for_each_subset(std::uint32_t m, std::uint32_t k, Fn &&fn) {
    std::vector<std::uint32_t> subset(k);
    for (std::uint32_t i = 0; i < k; ++i) {
        subset[i] = i;
    }
    if (k > m) {
        return;
    }
    while (true) {
        fn(subset);
        std::int64_t i = static_cast<std::int64_t>(k) - 1;
        while (i >= 0 && subset[static_cast<std::size_t>(i)] == m - k + static_cast<std::uint32_t>(i)) {
            --i;
        }
        if (i < 0) {
            return;
        }
        ++subset[static_cast<std::size_t>(i)];
        for (auto j = static_cast<std::size_t>(i) + 1; j < k; ++j) {
            subset[j] = subset[j - 1] + 1;
        }
    }
}

/// A random n x m matrix with integer costs 1..99 where each pair is stored with probability
/// `density`; every origin keeps at least one pair.
inline network::CostMatrix random_matrix(std::uint64_t seed, std::size_t n, std::size_t m, double density) {
    Rng rng(seed);
    std::vector<std::string> origins;
    std::vector<std::string> sites;
    for (std::size_t i = 0; i < n; ++i) {
        origins.push_back("o" + std::to_string(i));
    }
    for (std::size_t j = 0; j < m; ++j) {
        sites.push_back("s" + std::to_string(j));
    }
    std::vector<std::vector<network::MatrixEntry>> rows(n);
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < m; ++j) {
            if (rng.uniform() < density) {
                rows[i].push_back({static_cast<std::uint32_t>(j), static_cast<double>(1 + rng.below(99))});
            }
        }
        if (rows[i].empty()) {
            rows[i].push_back({static_cast<std::uint32_t>(rng.below(m)), static_cast<double>(1 + rng.below(99))});
        }
    }
    return network::CostMatrix(origins, sites, network::CostUnit::metres, std::nullopt, std::nullopt, rows);
}

/// Random integer demand 1..9 per origin.
inline std::vector<double> random_demand(std::uint64_t seed, std::size_t n) {
    Rng rng(seed);
    std::vector<double> demand(n);
    for (double &d : demand) {
        d = static_cast<double>(1 + rng.below(9));
    }
    return demand;
}

} // namespace pooled::test
