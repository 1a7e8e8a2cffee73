#pragma once
// INTERNAL to libpooled (segmentation): the k-means kernels behind kmeans.hpp — squared
// distances, greedy k-means++ seeding and runs of Lloyd iterations (plain, or with Hamerly's
// or Elkan's bounds; several runs side by side) in reusable workspaces, so a restart
// allocates next to nothing once the workspaces have their size.

#include <pooled/core/random.hpp>
#include <pooled/segmentation/data_matrix.hpp>
#include <pooled/segmentation/kmeans.hpp>

#include "segmentation/single_precision.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace pooled::segmentation::detail {

/// Squared Euclidean distance of two d-vectors. Four partial sums (a fixed order, so the same
/// bits on every thread) let the compiler keep several additions in flight.
inline double squared_distance(const double *a, const double *b, std::size_t d) noexcept {
    double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
    std::size_t j = 0;
    for (; j + 4 <= d; j += 4) {
        const double e0 = a[j] - b[j];
        const double e1 = a[j + 1] - b[j + 1];
        const double e2 = a[j + 2] - b[j + 2];
        const double e3 = a[j + 3] - b[j + 3];
        s0 += e0 * e0;
        s1 += e1 * e1;
        s2 += e2 * e2;
        s3 += e3 * e3;
    }
    for (; j < d; ++j) {
        const double e = a[j] - b[j];
        s0 += e * e;
    }
    return (s0 + s1) + (s2 + s3);
}

/// Columns of the centre panel (the centres transposed, d x panel_width(k)): k rounded up to a
/// multiple of 4, so the distance kernel works on whole blocks of 4 or 8 centres. The extra
/// columns are zero; their "distances" are computed and ignored.
constexpr std::size_t panel_width(std::size_t k) noexcept { return (k + 3) / 4 * 4; }

/// Squared distances of x to all k centres of `panel` (d x panel_width(k): coordinate j of
/// centre c at [j * panel_width(k) + c]) into out[0, panel_width(k)). Each distance is added up
/// over the coordinates in order from 0, the same bits as a plain loop on every thread and
/// instruction set (no reassociation, no fused multiply-add); the kernel keeps a block of
/// centres' sums in registers and runs across the centres, so the compiler vectorises it.
void squared_distances_to_all(const double *x, const double *panel, std::size_t k, std::size_t d,
                              double *out) noexcept;

/// centres (k x d, row-major) into the panel `out` (d x panel_width(k), padding set to 0).
void transpose_centres(const double *centres, std::size_t k, std::size_t d, double *out) noexcept;

/// The nearest and second-nearest centre of one row (squared distances; ties to the lowest
/// index; second_sq is +inf when k = 1). `panel` as transpose_centres makes it; `scratch` holds
/// panel_width(k).
struct Nearest {
    std::uint32_t index = 0;
    double best_sq = 0.0;
    double second_sq = 0.0;
};
Nearest nearest_two(const double *x, const double *panel, std::size_t k, std::size_t d, double *scratch) noexcept;

/// The state of one run of Lloyd iterations (one restart), sized once per (rows, k, cols) and
/// reused by the next run.
struct Workspace {
    std::vector<double> centres;        // k x d, the run's current centres
    std::vector<double> centres_t;      // d x panel_width(k), the same transposed (for full scans)
    std::vector<double> scratch;        // panel_width(k), distances of one row to every centre
    std::vector<std::uint32_t> labels;  // n
    std::vector<std::uint32_t> candidates; // elkan: n, rows whose bounds fail in one pass
    std::vector<double> upper;          // n, >= distance to own centre
    std::vector<double> lower;          // n, hamerly: <= distance to any other centre
    std::vector<double> sums;           // k x d, sum of each cluster's rows
    std::vector<std::size_t> counts;    // k
    std::vector<double> previous;       // k x d, centres before the update
    std::vector<double> moved;          // k, distance each centre moved in the update
    std::vector<double> half_gap;       // k, half the distance to the nearest other centre
    std::vector<double> lower_drop;     // k, hamerly: lower-bound shrink of a cluster's rows
    std::vector<double> travel;         // Hartigan: (moves + 1) x k, how far each centre moved
                                        // in the transfers, after each move
    std::vector<std::uint32_t> lower_since; // n, Hartigan: moves before lower was set
    std::vector<double> half_between;   // k x k, elkan: half the distance between two centres
    std::vector<double> lower_k;        // n x k, elkan: <= distance to each centre (else empty)
    std::vector<double> trace;          // objective after each update (when recorded)
    FloatCentres single;                // hamerly: the centres in float, for float searches

    /// `elkan`: also the candidates and n x k lower bounds of KMeansAlgorithm::elkan.
    void resize(std::size_t n, std::size_t k, std::size_t d, bool elkan);
};

/// Scratch of k-means++ seeding for one run of a group.
struct SeedScratch {
    std::vector<double> nearest_sq; // n, squared distance to the nearest centre so far

    void resize(std::size_t n);
};

/// Greedy k-means++ (see kmeans.hpp) of a group of runs side by side: runs[r].centres from the
/// generator rngs[r], with scratch[r] (kmeans_plus_plus.cpp). Each run gets the centres it gets
/// seeded alone, to the bit: its generator is drawn from in the same order and every sum runs
/// over the rows in order; one pass over the rows serves the candidates of all runs. Needs at
/// least k distinct rows.
void seed_kmeans_plus_plus(const DataMatrix &data, std::size_t k, std::span<Rng> rngs, std::span<SeedScratch> scratch,
                           std::span<Workspace> runs);

/// How one run ended.
struct RunStats {
    std::size_t iterations = 0;
    bool converged = false;
    bool fixed_point = false; // the last pass changed no label (the bounds hold for the centres)
    std::uint64_t distance_computations = 0;
    std::size_t hartigan_moves = 0;
};

/// Lloyd iterations from ws.centres (then Hartigan's transfers if options.hartigan); leaves
/// labels in ws.labels and centres in ws.centres.
/// `tolerance_abs` is the absolute squared-shift threshold (0: fixed point only). `single`:
/// float_rows(data) for Hamerly's searches in single precision (same labels), or empty for
/// searches in double only.
RunStats run_lloyd(const DataMatrix &data, const FloatRows &single, std::size_t k, const KMeansOptions &options,
                   double tolerance_abs, Workspace &ws);

/// Runs that share one assignment pass of run_lloyd_together (more are taken in turns): a
/// bit each in a byte per row; beyond a handful the shared reads save little more, and each
/// run adds its own workspace (about 20 bytes per row).
constexpr std::size_t max_runs_together = 8;

/// run_lloyd for several independent runs at once, stats[r] for runs[r]. Each run computes
/// exactly what run_lloyd computes for it alone; with Hamerly's bounds the runs' assignment
/// passes go through the rows together, so a row read from memory serves every run that
/// needs it (the passes are bound by memory traffic, not arithmetic).
void run_lloyd_together(const DataMatrix &data, const FloatRows &single, std::size_t k, const KMeansOptions &options,
                        double tolerance_abs, std::span<Workspace> runs, std::span<RunStats> stats);

/// Per cluster, the sum of squared distances of its rows to its centre; returns the total
/// (summed over rows in row order).
double within_ss(const DataMatrix &data, std::span<const std::uint32_t> labels, std::span<const double> centres,
                 std::span<double> by_cluster);

/// Number of distinct rows, counted up to `enough` (stops there).
std::size_t distinct_rows(const DataMatrix &data, std::size_t enough);

} // namespace pooled::segmentation::detail
