#include <pooled/accessibility/coverage.hpp>

#include "accessibility/checks.hpp"
#include "accessibility/pair_weights.hpp"

#include <limits>
#include <vector>

namespace pooled::accessibility {

CoverageResult coverage(const network::CostMatrix &m, std::span<const double> demand, std::span<const double> supply,
                        double cutoff) {
    detail::check_values(demand, m.origin_ids(), "demand", "origin");
    detail::check_values(supply, m.destination_ids(), "supply", "destination");
    const double limit = detail::checked_cutoff(cutoff);
    const std::vector<detail::OriginChunk> chunks = detail::origin_chunks(m);
    const std::size_t *start = m.row_starts().data();
    const std::uint32_t *destination = m.destinations().data();
    const double *cost = m.costs().data();
    CoverageResult result;
    result.covered.resize(m.origin_count());
    // Each chunk's demand and covered demand, added in chunk order (one chunk: a plain loop's sums).
    std::vector<double> total(chunks.size(), 0.0), covered(chunks.size(), 0.0);
    detail::for_each_chunk(chunks.size(), [&](std::size_t c) {
        double chunk_total = 0.0, chunk_covered = 0.0; // locals: the chunks' slots share cache lines
        for (std::size_t i = chunks[c].first; i < chunks[c].end; ++i) {
            double is_covered = 0.0;
            for (std::size_t k = start[i]; k < start[i + 1]; ++k) {
                if (cost[k] <= limit && supply[destination[k]] > 0.0) {
                    is_covered = 1.0;
                    break;
                }
            }
            result.covered[i] = is_covered;
            chunk_total += demand[i];
            chunk_covered += demand[i] * is_covered;
        }
        total[c] = chunk_total;
        covered[c] = chunk_covered;
    });
    for (std::size_t c = 0; c < chunks.size(); ++c) {
        result.total_demand += total[c];
        result.covered_demand += covered[c];
    }
    result.share = result.total_demand > 0.0 ? result.covered_demand / result.total_demand
                                             : std::numeric_limits<double>::quiet_NaN();
    return result;
}

} // namespace pooled::accessibility
