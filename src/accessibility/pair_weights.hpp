#pragma once
// The measures' passes over a CostMatrix (internal, not installed): origins cut into fixed chunks
// run on the cores, and the compact view of the pairs a decay weighs.
//
// Determinism: the chunks depend on the matrix only (never on the thread count); a chunk's work
// is sequential, per-destination sums are kept per chunk and added in chunk order, so the result
// is the same bytes whatever the number of threads. A matrix of fewer than 2^16 stored pairs is
// one chunk, summed in exactly the order of a plain loop over origins and their rows.

#include <pooled/network/cost_matrix.hpp>

#include "core/parallel.hpp"

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

/// The pairs of positive weight, by origin, in row order: destination and weight, computed once
/// per stored pair and shared by every pass of a measure (compact arrays: 12 bytes a pair, half
/// of a MatrixEntry, and no pair of weight 0 to skip). Built chunk by chunk in parallel; row i
/// lies in [begin(i), end(i)) of the arrays. Move-only.
class PairWeights {
public:
    /// weight(origin, entry) gives the pair's weight (0 = left out).
    template <class Weight>
    PairWeights(const network::CostMatrix &m, std::span<const OriginChunk> chunks, Weight weight)
        : m_begin(m.origin_count(), 0), m_end(m.origin_count(), 0),
          // Not zeroed: only the pages of pairs kept are ever written and touched.
          m_destination(m.stored()), m_weight(m.stored()) {
        for_each_chunk(chunks.size(), [&](std::size_t c) {
            std::size_t n = chunks[c].first_entry;
            for (std::size_t i = chunks[c].first; i < chunks[c].end; ++i) {
                m_begin[i] = n;
                for (const network::MatrixEntry &e : m.row(i)) {
                    // Written always, kept by advancing n: no branch on the weight.
                    const double w = weight(i, e);
                    m_destination[n] = e.destination;
                    m_weight[n] = w;
                    n += static_cast<std::size_t>(w > 0.0);
                }
                m_end[i] = n;
            }
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
