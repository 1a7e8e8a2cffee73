#pragma once
/// @file
/// @brief k-means with k-means++ seeding, bound-accelerated Lloyd iterations (Hamerly 2010)
/// and many restarts run in parallel; deterministic for a seed, whatever the thread count.
///
/// The method, as used by the ONS Output Area Classification:
/// - **Seeding**: greedy k-means++ (Arthur and Vassilvitskii 2007, in the variant scikit-learn
///   uses): the first centre is a row drawn uniformly; every further centre is the best of
///   2 + floor(ln k) candidate rows drawn with probability proportional to their squared
///   distance to the nearest centre so far, "best" being the one that most lowers the sum of
///   those squared distances (ties: the candidate drawn first).
/// - **Iterations**: Lloyd's (assign every row to its nearest centre, ties to the lowest
///   centre index; move every centre to the mean of its rows). With
///   KMeansAlgorithm::hamerly, an upper bound on each row's distance to its centre and a lower
///   bound on its distance to every other centre let most distance computations be skipped
///   (KMeansAlgorithm::elkan: a lower bound per centre, Elkan 2003);
///   the labels and centres are those plain Lloyd iterations reach from the same start.
///   Hamerly's nearest-centre searches run on a single-precision copy of the rows (half the
///   memory traffic and vector work of doubles; values up to 2^40 in magnitude, else in
///   double) with a proven bound on the float error: a row whose two nearest centres are not
///   clearly apart in float is searched again in double, so every label is the one the double
///   computation gives, ties included.
/// - **Hartigan's transfers** (KMeansOptions::hartigan, on by default): once Lloyd's iterations
///   stop, single rows are moved from their cluster a to a cluster b whenever
///   n_b/(n_b+1) d2(x, c_b) < n_a/(n_a-1) d2(x, c_a) (Hartigan 1975; the criterion of the
///   Hartigan-Wong algorithm, R's kmeans() default, which the 2011 OAC was built with), both
///   means updated at once, rows in order, until a pass moves none. Each move lowers the
///   within-SS, and the end is also a fixed point of Lloyd's algorithm, usually a lower one
///   than Lloyd's alone reaches. A row whose bounds (from Lloyd's last pass, then from the
///   transfers) show it cannot move is not computed; the moves are those of computing every
///   row.
/// - **Empty clusters**: when an assignment leaves a cluster empty, the row farthest from its
///   own centre (among rows whose cluster keeps at least one other row; ties: lowest row
///   index) is moved into it and becomes its centre; repeated for every empty cluster in
///   ascending order.
/// - **Restarts**: restart r uses the generator `Rng(seed).split(r)`; restarts run in parallel
///   and the result is the restart with the lowest total within-cluster sum of squares, the
///   lowest restart index among equal ones. Each restart is computed the same way on any
///   thread, so the result is identical for 1, 2 or any number of threads. A worker runs a
///   group of up to 8 restarts side by side, their seeding passes and Hamerly passes reading
///   each row once for all of them; grouping changes no result.
///
/// Distances are Euclidean on the matrix as given (standardise it first).

#include <pooled/core/progress.hpp>
#include <pooled/pooled_cxx_export.h>
#include <pooled/segmentation/data_matrix.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace pooled::segmentation {

/// How the Lloyd iterations find each row's nearest centre. All give the same labels and
/// centres from the same start; hamerly and elkan skip most distance computations.
enum class KMeansAlgorithm {
    lloyd,   ///< every row against every centre, every iteration (the reference)
    hamerly, ///< Hamerly's bounds: one upper and one lower bound per row
    elkan,   ///< Elkan's bounds: one upper bound per row and a lower bound per row and centre
             ///< (rows x k more memory; skips more distances when k is small and the data noisy)
};

struct KMeansOptions {
    /// Number of clusters, 1 <= k <= number of rows. No default: the caller chooses.
    std::size_t k = 0;
    /// Independent k-means++ starts; the best is kept. DEFAULT: 100 (OAC 2011 used 10,000).
    std::size_t restarts = 100;
    /// Cap on the assignment-and-update iterations of one restart. DEFAULT: 300.
    std::size_t max_iterations = 300;
    /// Convergence: a restart stops when an assignment changes no label (a fixed point of
    /// Lloyd's algorithm), or, if tolerance > 0, when the sum over centres of the squared
    /// distance each centre moved in one update is <= tolerance x the mean of the column
    /// variances (scikit-learn's `tol` rule; its default is 1e-4); rows are then assigned
    /// once more to the final centres. DEFAULT: 0 (only a fixed point, or max_iterations).
    double tolerance = 0.0;
    /// Seed of the restarts' generators. DEFAULT: 42.
    std::uint64_t seed = 42;
    /// Worker threads for the restarts; 0 = one per hardware thread. The result does not
    /// depend on it. DEFAULT: 0.
    unsigned threads = 0;
    /// DEFAULT: hamerly.
    KMeansAlgorithm algorithm = KMeansAlgorithm::hamerly;
    /// Refine each restart with Hartigan's single-row transfers (see the file comment).
    /// DEFAULT: true.
    bool hartigan = true;
    /// Record the objective after every iteration of the best restart (KMeansResult::trace).
    /// Costs one pass over the rows per iteration. DEFAULT: false.
    bool record_trace = false;
};

struct KMeansResult {
    /// Per row, its cluster in [0, k).
    std::vector<std::uint32_t> labels;
    /// k x cols, row-major: the mean of each cluster's rows (with tolerance > 0 and hartigan
    /// off, the centres the rows were last assigned to, as scikit-learn returns).
    std::vector<double> centres;
    /// Rows per cluster.
    std::vector<std::size_t> sizes;
    /// Total within-cluster sum of squares: sum over rows of the squared Euclidean distance
    /// to their centre (the k-means objective; scikit-learn's `inertia_`).
    double within_ss = 0.0;
    /// The same per cluster (k values, summing to within_ss).
    std::vector<double> within_ss_by_cluster;
    /// Lloyd iterations (assignment passes, the last one finding no change when converged)
    /// the best restart ran.
    std::size_t iterations = 0;
    /// Index of the best restart (its generator is Rng(seed).split(best_restart)).
    std::size_t best_restart = 0;
    /// Whether the best restart converged (see KMeansOptions::tolerance) before max_iterations.
    bool converged = false;
    /// Restarts (of all) that converged before max_iterations.
    std::size_t restarts_converged = 0;
    /// Total within-SS each restart ended with, in restart order (the spread of local optima).
    std::vector<double> restart_within_ss;
    /// Row-to-centre distances computed in the iterations (and Hartigan passes: rows x k
    /// each) of all restarts, seeding and the final within-SS pass not counted: rows x k per
    /// iteration for lloyd, far fewer for hamerly.
    std::uint64_t distance_computations = 0;
    /// Rows moved by Hartigan's transfers in the best restart.
    std::size_t hartigan_moves = 0;
    /// With KMeansOptions::record_trace: the total within-SS after each centre update of the
    /// best restart (labels of that iteration, updated centres), then after Hartigan's
    /// transfers if they moved a row; never increases.
    std::vector<double> trace;
};

/// k-means of the rows of `data` with `options.restarts` k-means++ starts (see the file
/// comment). Clusters are numbered by size, largest first; clusters of equal size by their
/// centres compared coordinate by coordinate, smallest first.
///
/// Progress is reported (on the calling thread) as restarts complete; cancelling stops the
/// workers and throws Cancelled.
/// @throws Error (Errc::argument) for k = 0, k > rows, restarts = 0 or max_iterations = 0;
/// (Errc::data) for fewer than k distinct rows, or a non-finite value (DataMatrix::validate()).
POOLED_CXX_API KMeansResult kmeans(const DataMatrix &data, const KMeansOptions &options,
                                   const Progress &progress = {});

/// One run of Lloyd iterations from the given centres (k x cols, row-major; k =
/// centres.size() / cols), without seeding or restarts: options.k, restarts, seed and threads
/// are ignored. Clusters keep the order of `initial_centres`; best_restart is 0. For refitting
/// from saved centres, and for comparing the algorithms from one start.
/// @throws Error (Errc::argument) if initial_centres is empty, not a multiple of cols, or
/// holds a non-finite value; otherwise as kmeans().
POOLED_CXX_API KMeansResult kmeans_from(const DataMatrix &data, std::span<const double> initial_centres,
                                        const KMeansOptions &options);

/// Per row of `data`, the index of the nearest of the k centres (k x data.cols, row-major;
/// ties to the lowest index): assigns new zones to a saved classification.
/// @throws Error (Errc::argument) if centres.size() != k * data.cols or k = 0 (or exceeds
/// 2^32 - 1); (Errc::data) for a non-finite value in data or centres.
POOLED_CXX_API std::vector<std::uint32_t> assign_nearest(const DataMatrix &data, std::span<const double> centres,
                                                         std::size_t k);

} // namespace pooled::segmentation
