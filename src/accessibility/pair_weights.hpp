#pragma once
// The measures' passes over a CostMatrix (internal, not installed): origins cut into fixed chunks
// run on the cores, the decay weights of a chunk's rows, and the compact view of the pairs kept.
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
#include <type_traits>
#include <vector>

namespace pooled::accessibility::detail {

/// Origins [first, end) whose rows start at stored pair `first_entry` of the matrix.
struct OriginChunk {
    std::size_t first = 0;
    std::size_t end = 0;
    std::size_t first_entry = 0;
};

/// The matrix's origins in consecutive chunks of at least max(2^16, 16 x destinations) stored pairs
/// (so each chunk's per-destination sums, zeroed and added, cost little next to its pairs: 4 x
/// spent a tenth of a 10-pairs-a-row 2SFCA on them), at most 64 chunks.
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
/// total() adds the arrays in chunk order. The arrays are zeroed by the workers, each as its chunk
/// starts, and added up by the workers too, in blocks of destinations: one thread zeroing and
/// adding 47 chunks x 10,000 sites took 4 % of 2SFCA on synthetic-40.
class DestinationSums {
public:
    DestinationSums(std::size_t chunks, std::size_t destinations)
        : m_chunks(chunks), m_destinations(destinations), m_sums(chunks * destinations) {}
    /// Chunk c's sums, zeroed: called once, by the worker running chunk c, before its pass. Every
    /// chunk is started before total() (whose arrays are not zeroed otherwise).
    std::span<double> start_chunk(std::size_t chunk);
    std::vector<double> total() const;

private:
    std::size_t m_chunks;
    std::size_t m_destinations;
    PageArray<double> m_sums;
};

/// Origins noted chunk by chunk (a chunk notes only its own origins, in order, so no two threads
/// share a list), listed in chunk order, which is origin order: e.g. the zones reaching nothing.
class OriginLists {
public:
    explicit OriginLists(std::size_t chunks) : m_lists(chunks) {}
    void add(std::size_t chunk, std::size_t origin) { m_lists[chunk].push_back(origin); }
    std::vector<std::size_t> joined() const;

private:
    std::vector<std::vector<std::size_t>> m_lists;
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

/// Asks for the costs and destinations of stored pairs [first, end) to be brought into the cache.
inline void prefetch_pairs(const network::CostMatrix &m, std::size_t first, std::size_t end) noexcept {
    const double *cost = m.costs().data();
    const std::uint32_t *destination = m.destinations().data();
    for (std::size_t q = first; q < end; q += 8) { // 64-byte lines
        __builtin_prefetch(cost + q);
    }
    for (std::size_t q = first; q < end; q += 16) {
        __builtin_prefetch(destination + q);
    }
}

/// Visits origins [first, end) in order: visit(i, k, n, weight), origin i's pairs being [k, k + n)
/// of the matrix's arrays and weight(r) the decay weight within `limit` of pair k + r. The forms
/// with an exp weigh a batch of whole rows (about 128 pairs) at a time, in one vectorised exp
/// over the batch's costs where they lie (consecutive rows are consecutive in the cost array); the
/// others weigh each pair as it is read.
template <class D, class Visit>
void for_each_weighted_row(const network::CostMatrix &m, std::size_t first, std::size_t end, const D &d, double limit,
                           Visit &&visit) {
    const std::size_t *start = m.row_starts().data();
    const double *cost = m.costs().data();
    if constexpr (!weighs_arrays<D>) {
        // Rows of under 32 pairs on average: each row asks for the pairs 256 further on (2SFCA
        // 1.07-1.14x less time on synthetic-10 and -20, 3SFCA 1.12-1.14x, cumulative 1.17-1.24x;
        // 128 or 512 further on gained less). Longer rows do without: at 40 pairs a row E2SFCA's
        // first step took 1.1x the time (2SFCA 0.9x), on Derbyshire's 1,188 0.95-0.98x.
        constexpr std::size_t ahead = 256;
        const auto visit_rows = [&](auto prefetch) {
            for (std::size_t i = first; i < end; ++i) {
                const double *c = cost + start[i];
                if constexpr (decltype(prefetch)::value) {
                    prefetch_pairs(m, start[i] + ahead, std::min(start[end], start[i + 1] + ahead));
                }
                visit(i, start[i], start[i + 1] - start[i],
                      [&d, c, limit](std::size_t r) { return weight_within(d, c[r], limit); });
            }
        };
        if (start[end] - start[first] < 32 * (end - first)) {
            visit_rows(std::true_type());
        } else {
            visit_rows(std::false_type());
        }
    } else {
        constexpr std::size_t batch_pairs = 128; // 1,024 took 5-10 % longer (gravity, synthetic 10 and 40 a row)
        std::vector<double> weights;
        for (std::size_t i = first; i < end;) {
            std::size_t last = i + 1; // at least one row, however long
            while (last < end && start[last + 1] - start[i] <= batch_pairs) {
                ++last;
            }
            const std::size_t batch = start[i], pairs = start[last] - batch;
            weights.resize(std::max(weights.size(), pairs));
            if (last > i + 1) {
                // A batch of short rows: the next batch's pairs are asked for while this one's
                // exps are computed (gravity 1.08-1.12x less time on synthetic-10 and -40, spatial
                // availability 1.05-1.11x). Not for a batch of one long row (Derbyshire's 1,188
                // pairs), where asking for the next row at once took 1.25x the time.
                prefetch_pairs(m, start[last], std::min(start[end], start[last] + pairs));
            }
            weights_within(d, std::span<const double>(cost + batch, pairs), limit, std::span<double>(weights.data(), pairs));
            for (; i < last; ++i) {
                const double *w = weights.data() + (start[i] - batch);
                visit(i, start[i], start[i + 1] - start[i], [w](std::size_t r) { return w[r]; });
            }
        }
    }
}

/// What a view of the kept pairs holds beside each destination: nothing (every kept weight is 1:
/// Step), the index of the pair's band (a Stepped decay's few weights, 1 byte instead of 8), or
/// the weight itself.
enum class KeptWeight { unit, band, value };

/// The index of the band of a pair of cost c within `limit`: that of the first band with
/// c <= upper[b] (the number of bands below c, the `bands` bounds being ascending), `bands` beyond
/// the last band or the limit.
inline std::uint8_t band_within(const double *upper, std::size_t bands, double c, double limit) noexcept {
    std::uint8_t below = 0;
    for (std::size_t b = 0; b < bands; ++b) {
        below = static_cast<std::uint8_t>(below + static_cast<std::uint8_t>(c > upper[b]));
    }
    return c <= limit ? below : static_cast<std::uint8_t>(bands);
}

/// The pairs of positive weight, by origin in row order, computed once per stored pair and shared
/// by a measure's passes (no pair of weight 0 to skip): their destinations and what `Kept` says
/// (4, 5 or 12 bytes a pair). A chunk's pairs are written from the chunk's first pair of the
/// matrix, so chunks fill it in parallel; origin i's are [end(i - 1), end(i)) within a chunk, the
/// first of a chunk's from its first_entry. Move-only.
template <KeptWeight Kept>
class KeptPairs {
public:
    /// A view for the matrix's pairs; `band_weights` (Kept = band) are the bands' weights.
    // Not zeroed: only the pages of pairs kept are ever written and touched.
    explicit KeptPairs(const network::CostMatrix &m, std::span<const double> band_weights = {})
        : m_end(m.origin_count()), m_destination(m.stored()), m_band(Kept == KeptWeight::band ? m.stored() : 0),
          m_weight(Kept == KeptWeight::value ? m.stored() : 0) {
        if (Kept == KeptWeight::band) {
            m_band_weight.assign(band_weights.begin(), band_weights.end());
            m_band_weight.push_back(0.0); // beyond the last band
        }
    }

    /// Keeps the pairs of positive weight among n of origin i (destination[r], and item(r): the
    /// weight, or the band index for Kept = band), writing them from `at`, and calls
    /// on_pair(destination[r], weight) for each of the n pairs, weight 0 included; returns the end
    /// of what was kept.
    template <class Item, class OnPair>
    std::size_t keep(std::size_t i, std::size_t at, const std::uint32_t *destination, std::size_t n, const Item &item,
                     const OnPair &on_pair) {
        // Local copies of the arrays' addresses: a store of a band index (a char type, which may
        // alias anything) would otherwise make the loop reload them from *this on every pair.
        std::uint32_t *const kept_destination = m_destination.get();
        std::uint8_t *const kept_band = m_band.get();
        double *const kept_weight = m_weight.get();
        const double *const band_weight = m_band_weight.data();
        for (std::size_t r = 0; r < n; ++r) {
            // Written always, kept by advancing: no branch on the weight.
            const auto x = item(r);
            kept_destination[at] = destination[r];
            double w = 0.0;
            if constexpr (Kept == KeptWeight::band) {
                kept_band[at] = x;
                w = band_weight[x];
            } else {
                w = x;
                if constexpr (Kept == KeptWeight::value) {
                    kept_weight[at] = w;
                }
            }
            on_pair(destination[r], w);
            at += static_cast<std::size_t>(w > 0.0);
        }
        m_end[i] = at;
        return at;
    }

    std::size_t end(std::size_t origin) const noexcept { return m_end[origin]; }
    const std::uint32_t *destinations() const noexcept { return m_destination.get(); }
    /// The weight of kept pair q.
    double weight(std::size_t q) const noexcept {
        if constexpr (Kept == KeptWeight::unit) {
            return 1.0;
        } else if constexpr (Kept == KeptWeight::band) {
            return m_band_weight[m_band[q]];
        } else {
            return m_weight[q];
        }
    }
    /// The kept weights, to change in place (Kept = value only).
    double *weights() const noexcept { return m_weight.get(); }

private:
    std::vector<std::size_t> m_end;
    PageArray<std::uint32_t> m_destination;
    PageArray<std::uint8_t> m_band;
    PageArray<double> m_weight;
    std::vector<double> m_band_weight;
};

} // namespace pooled::accessibility::detail
