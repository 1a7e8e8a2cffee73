#pragma once
// Random road networks for tests that compare searches against a reference (Boost.Graph,
// BoundedSearch): seeded, so every run sees the same graphs.

#include <pooled/core/random.hpp>
#include <pooled/network/road_edges.hpp>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace pooled::test {

/// Random road edges: `n` junctions with sparse 64-bit keys, about 2.5 n edges with lengths
/// of 0 to 1,000 m (1 % exactly zero) and speeds of 1 to 30 m/s; some one-way either way,
/// some closed, some self-loops.
inline network::RoadEdges random_roads(Rng &rng, std::uint32_t n) {
    std::vector<std::uint64_t> keys;
    while (keys.size() < n) {
        keys.push_back(rng.next() >> 12);
        if (keys.size() == n) {
            std::sort(keys.begin(), keys.end());
            keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
        }
    }
    std::shuffle(keys.begin(), keys.end(), rng);
    network::RoadEdges roads;
    roads.source = "random";
    const std::uint64_t m = n * 5ULL / 2;
    for (std::uint64_t i = 0; i < m; ++i) {
        network::RoadEdge edge;
        edge.source = keys[rng.below(n)];
        edge.target = rng.below(50) == 0 ? edge.source : keys[rng.below(n)];
        const bool zero = rng.below(100) == 0;
        edge.metres = zero ? 0.0 : 1000.0 * rng.uniform();
        const double speed = 1.0 + 29.0 * rng.uniform();
        edge.forward_seconds = edge.metres / speed;
        edge.backward_seconds = edge.forward_seconds;
        switch (rng.below(20)) {
        case 0:
        case 1:
        case 2:
        case 3: edge.backward_seconds = network::not_traversable; break;
        case 4: edge.forward_seconds = network::not_traversable; break;
        case 5:
            edge.forward_seconds = network::not_traversable;
            edge.backward_seconds = network::not_traversable;
            break;
        default: break;
        }
        edge.origin_id = static_cast<std::int64_t>(i);
        roads.edges.push_back(std::move(edge));
    }
    return roads;
}

} // namespace pooled::test
