#pragma once
// The measures' passes over a CostMatrix (internal, not installed): origins cut into fixed chunks
// run on the cores, and the compact view of the pairs a decay weighs.
//
// Determinism: the chunks depend on the matrix only (never on the thread count); a chunk's work
// is sequential, per-destination sums are kept per chunk and added in chunk order, so the result
// is the same bytes whatever the number of threads. A matrix of fewer than 2^16 stored pairs is
// one chunk, summed in exactly the order of a plain loop over origins and their rows.

#include <pooled/network/cost_matrix.hpp>

#include "accessibility/weights.hpp"
#include "core/parallel.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace pooled::accessibility::detail {

/// Origins [first, end) whose rows start at stored pair `first_entry` of the matrix.
struct OriginChunk {
    std::size_t first = 0;
    std::size_t end = 0;
    std::size_t first_entry = 0;
};

/// The matrix's origins in consecutive chunks of at least max(2^16, 4 x destinations) stored pairs
/// (so each chunk's per-destination sums cost little next to its pairs), at most 64 chunks.
std::vector<OriginChunk> origin_chunks(const network::CostMatrix &m);

/// Runs fn(chunk index) for every chunk, on all hardware threads (one thread for one chunk).
/// fn must write only what belongs to its chunk.
template <class Fn>
void for_each_chunk(std::size_t chunks, Fn &&fn) {
    pooled::detail::for_each_on_workers(chunks, pooled::detail::worker_count(chunks, 0),
                                        [&](std::size_t, std::size_t c) { fn(c); });
}

/// Frees what allocate_pages() gave.
struct FreePages {
    void operator()(void *p) const noexcept;
};

/// Uninitialised memory for `bytes`, on transparent huge pages when it is large (madvise): a pass
/// writes each page once, and 4 KiB pages would cost a page fault every 340 pairs.
/// @throws std::bad_alloc
std::unique_ptr<void, FreePages> allocate_pages(std::size_t bytes);

/// An uninitialised array of n T from allocate_pages().
template <class T>
class PageArray {
public:
    explicit PageArray(std::size_t n) : m_memory(allocate_pages(n * sizeof(T))) {}
    T *get() const noexcept { return static_cast<T *>(m_memory.get()); }
    T &operator[](std::size_t k) const noexcept { return get()[k]; }

private:
    std::unique_ptr<void, FreePages> m_memory;
};

/// Per-destination sums accumulated chunk by chunk: each chunk adds into its own array, and
/// total() adds the arrays in chunk order.
class DestinationSums {
public:
    DestinationSums(std::size_t chunks, std::size_t destinations)
        : m_destinations(destinations), m_sums(chunks * destinations, 0.0) {}
    std::span<double> of_chunk(std::size_t chunk) { return {m_sums.data() + chunk * m_destinations, m_destinations}; }
    std::vector<double> total() const;

private:
    std::size_t m_destinations;
    std::vector<double> m_sums;
};

/// term(0) + ... + term(n - 1) in four interleaved partial sums, added as (s0 + s1) + (s2 + s3), so
/// consecutive adds do not wait on each other (one chain of adds cost 3-4 cycles a pair on rows of
/// a thousand pairs). The order is fixed by n alone: the same bits on every run, not a plain loop's.
template <class Term>
inline double row_sum(std::size_t n, Term term) {
    double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
    std::size_t r = 0;
    for (; r + 4 <= n; r += 4) {
        s0 += term(r);
        s1 += term(r + 1);
        s2 += term(r + 2);
        s3 += term(r + 3);
    }
    if (r < n) {
        s0 += term(r);
    }
    if (r + 1 < n) {
        s1 += term(r + 1);
    }
    if (r + 2 < n) {
        s2 += term(r + 2);
    }
    return (s0 + s1) + (s2 + s3);
}

/// Visits origins [first, end) in order with the weights of their pairs within `limit`:
/// visit(i, row, weight), weight(r) being the decay weight of pair r of the row. The forms with an
/// exp weigh a batch of whole rows (about 1,024 pairs) at a time, in one vectorised exp over the
/// batch's costs; the others weigh each pair as it is read.
template <class D, class Visit>
void for_each_weighted_row(const network::CostMatrix &m, std::size_t first, std::size_t end, const D &d, double limit,
                           Visit &&visit) {
    if constexpr (!weighs_arrays<D>) {
        for (std::size_t i = first; i < end; ++i) {
            const network::MatrixRow row = m.row(i);
            const double *cost = row.costs().data();
            visit(i, row, [&d, cost, limit](std::size_t r) { return weight_within(d, cost[r], limit); });
        }
    } else {
        constexpr std::size_t batch_pairs = 1024;
        std::vector<network::MatrixRow> rows;
        std::vector<double> costs, weights;
        network::MatrixRow next = first < end ? m.row(first) : network::MatrixRow();
        for (std::size_t i = first; i < end; i += rows.size()) {
            rows.clear();
            std::size_t pairs = 0;
            do { // at least one row, however long
                rows.push_back(next);
                pairs += next.size();
                next = i + rows.size() < end ? m.row(i + rows.size()) : network::MatrixRow();
            } while (i + rows.size() < end && pairs + next.size() <= batch_pairs);
            costs.resize(pairs);
            weights.resize(pairs);
            std::size_t k = 0;
            for (const network::MatrixRow &row : rows) {
                std::copy(row.costs().begin(), row.costs().end(), costs.begin() + static_cast<std::ptrdiff_t>(k));
                k += row.size();
            }
            weights_within(d, costs, limit, weights);
            k = 0;
            for (std::size_t o = 0; o < rows.size(); ++o) {
                const double *w = weights.data() + k;
                visit(i + o, rows[o], [w](std::size_t r) { return w[r]; });
                k += rows[o].size();
            }
        }
    }
}

/// The pairs of positive weight, by origin, in row order: destination and weight, computed once
/// per stored pair and shared by every pass of a measure (compact arrays of 12 bytes a pair, no
/// pair of weight 0 to skip). Built chunk by chunk in parallel; row i lies in [begin(i), end(i))
/// of the arrays. Move-only.
class PairWeights {
public:
    /// The weights of decay d within `limit` (pairs of weight 0 left out).
    template <class D>
    PairWeights(const network::CostMatrix &m, std::span<const OriginChunk> chunks, const D &d, double limit)
        : m_begin(m.origin_count(), 0), m_end(m.origin_count(), 0),
          // Not zeroed: only the pages of pairs kept are ever written and touched.
          m_destination(m.stored()), m_weight(m.stored()) {
        for_each_chunk(chunks.size(), [&](std::size_t c) {
            std::size_t n = chunks[c].first_entry;
            for_each_weighted_row(m, chunks[c].first, chunks[c].end, d, limit,
                                  [&](std::size_t i, const network::MatrixRow &row, const auto &weight) {
                                      const std::uint32_t *destination = row.destinations().data();
                                      m_begin[i] = n;
                                      for (std::size_t r = 0; r < row.size(); ++r) {
                                          // Written always, kept by advancing n: no branch on the weight.
                                          const double w = weight(r);
                                          m_destination[n] = destination[r];
                                          m_weight[n] = w;
                                          n += static_cast<std::size_t>(w > 0.0);
                                      }
                                      m_end[i] = n;
                                  });
        });
    }

    /// Replaces each kept weight w of origin i by fn(i, w); a pair whose weight becomes 0 stays in
    /// the view, weighing nothing.
    template <class Fn>
    void transform(std::span<const OriginChunk> chunks, Fn fn) {
        for_each_chunk(chunks.size(), [&](std::size_t c) {
            for (std::size_t i = chunks[c].first; i < chunks[c].end; ++i) {
                for (std::size_t k = m_begin[i]; k < m_end[i]; ++k) {
                    m_weight[k] = fn(i, m_weight[k]);
                }
            }
        });
    }

    std::size_t begin(std::size_t origin) const noexcept { return m_begin[origin]; }
    std::size_t end(std::size_t origin) const noexcept { return m_end[origin]; }
    const std::uint32_t *destinations() const noexcept { return m_destination.get(); }
    const double *weights() const noexcept { return m_weight.get(); }

private:
    std::vector<std::size_t> m_begin, m_end;
    PageArray<std::uint32_t> m_destination;
    PageArray<double> m_weight;
};

} // namespace pooled::accessibility::detail
