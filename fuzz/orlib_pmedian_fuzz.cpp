// An OR-Library p-median instance (colocation::read_orlib_pmedian, `pooled locate --costs
// orlib:FILE`): the edge list parsed and completed to all-pairs shortest paths. Properties
// (orlib.hpp): the matrix is square over the ids "1".."n", p is in 1..n, every vertex reaches
// itself at cost 0, and costs are finite, >= 0 and symmetric (the graph is undirected).

#include "harness.hpp"

#include <pooled/colocation/orlib.hpp>

#include <cmath>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    const std::string path = pooled::fuzz::write_input(data, size, "pmed.txt");
    pooled::fuzz::refusals_are_pooled_errors([&] {
        const pooled::colocation::OrlibPMedian instance = pooled::colocation::read_orlib_pmedian(path, 1);
        const pooled::network::CostMatrix &costs = instance.costs;
        const std::size_t n = costs.origin_count();
        if (costs.destination_count() != n || instance.p < 1 || instance.p > n) {
            pooled::fuzz::finding("the instance is not n x n with p in 1..n");
        }
        for (std::size_t i = 0; i < n; ++i) {
            if (costs.origin_ids()[i] != std::to_string(i + 1) || costs.at(i, i) != 0.0) {
                pooled::fuzz::finding("vertex " + std::to_string(i + 1) + " is misnamed or does not reach itself at 0");
            }
            for (const pooled::network::MatrixEntry &entry : costs.row(i)) {
                if (!std::isfinite(entry.cost) || entry.cost < 0.0 || costs.at(entry.destination, i) != entry.cost) {
                    pooled::fuzz::finding("the cost from " + std::to_string(i + 1) + " to " +
                                          std::to_string(entry.destination + 1) + " is not finite, >= 0 and symmetric");
                }
            }
        }
    });
    pooled::fuzz::check_nothing_left_open(path);
    return 0;
}
