// Writes the seeded synthetic networks of the benchmarks as binary edge lists (common.hpp).
//   bench_grid_gen square W H SEED OUT   W x H grid, 4-neighbour, two-way, weights U[1, 10) s
//   bench_grid_gen road   W H SEED OUT   road-like: 100 m blocks, 30 km/h streets, 50 km/h every
//       5th and 90 km/h every 20th row/column, 8% of streets removed, 5% of blocks with a
//       diagonal, lengths stretched by U[0.95, 1.15]; all two-way.
// std::mt19937_64 with explicit distributions written out, so the files are the same on every
// machine.

#include "common.hpp"

#include <cstdlib>
#include <random>

namespace {

/// U[0, 1) from 53 random bits (std::uniform_real_distribution is not portable across libraries).
double uniform(std::mt19937_64 &rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

bench::EdgeList square(std::uint32_t w, std::uint32_t h, std::mt19937_64 &rng) {
    bench::EdgeList list;
    list.nodes = std::uint64_t{w} * h;
    list.width = w;
    list.height = h;
    const auto add = [&](std::uint32_t a, std::uint32_t b) {
        const auto weight = static_cast<float>(1.0 + 9.0 * uniform(rng));
        list.u.push_back(a);
        list.v.push_back(b);
        list.fwd.push_back(weight);
        list.bwd.push_back(weight);
    };
    for (std::uint32_t r = 0; r < h; ++r) {
        for (std::uint32_t c = 0; c < w; ++c) {
            const std::uint32_t id = r * w + c;
            if (c + 1 < w) {
                add(id, id + 1);
            }
            if (r + 1 < h) {
                add(id, id + w);
            }
        }
    }
    return list;
}

double speed_mps(std::uint32_t line) {
    if (line % 20 == 0) {
        return 90.0 / 3.6;
    }
    if (line % 5 == 0) {
        return 50.0 / 3.6;
    }
    return 30.0 / 3.6;
}

bench::EdgeList road(std::uint32_t w, std::uint32_t h, std::mt19937_64 &rng) {
    bench::EdgeList list;
    list.nodes = std::uint64_t{w} * h;
    list.width = w;
    list.height = h;
    const auto add = [&](std::uint32_t a, std::uint32_t b, double metres, double speed) {
        const auto seconds = static_cast<float>(metres * (0.95 + 0.2 * uniform(rng)) / speed);
        list.u.push_back(a);
        list.v.push_back(b);
        list.fwd.push_back(seconds);
        list.bwd.push_back(seconds);
    };
    for (std::uint32_t r = 0; r < h; ++r) {
        for (std::uint32_t c = 0; c < w; ++c) {
            const std::uint32_t id = r * w + c;
            if (c + 1 < w) { // along row r
                const double speed = speed_mps(r);
                if (speed > 9.0 || uniform(rng) >= 0.08) {
                    add(id, id + 1, 100.0, speed);
                }
            }
            if (r + 1 < h) { // along column c
                const double speed = speed_mps(c);
                if (speed > 9.0 || uniform(rng) >= 0.08) {
                    add(id, id + w, 100.0, speed);
                }
            }
            if (r + 1 < h && c + 1 < w && uniform(rng) < 0.05) {
                if (uniform(rng) < 0.5) {
                    add(id, id + w + 1, 141.42135623730951, 30.0 / 3.6);
                } else {
                    add(id + 1, id + w, 141.42135623730951, 30.0 / 3.6);
                }
            }
        }
    }
    return list;
}

} // namespace

int main(int argc, char **argv) {
    if (argc != 6) {
        std::cerr << "usage: bench_grid_gen square|road W H SEED OUT\n";
        return 2;
    }
    const std::string kind = argv[1];
    const auto w = static_cast<std::uint32_t>(std::stoul(argv[2]));
    const auto h = static_cast<std::uint32_t>(std::stoul(argv[3]));
    std::mt19937_64 rng(std::stoull(argv[4]));
    const bench::EdgeList list = kind == "square" ? square(w, h, rng) : road(w, h, rng);
    bench::write_edges(argv[5], list);
    std::cerr << kind << " " << w << "x" << h << ": " << list.nodes << " nodes, " << list.size() << " edges -> "
              << argv[5] << "\n";
    return 0;
}
