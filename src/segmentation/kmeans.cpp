#include <pooled/core/error.hpp>
#include <pooled/core/random.hpp>
#include <pooled/segmentation/kmeans.hpp>

#include "segmentation/lloyd.hpp"
#include "core/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

namespace pooled::segmentation {

namespace {

std::string count_text(std::size_t n) { return std::to_string(n); }

void check_k(const DataMatrix &data, std::size_t k) {
    if (k == 0) {
        throw Error(Errc::argument, "k-means needs k >= 1");
    }
    if (k > std::numeric_limits<std::uint32_t>::max()) {
        throw Error(Errc::argument, "k-means k is too large: " + count_text(k));
    }
    if (k > data.rows) {
        throw Error(Errc::argument,
                    "k-means k = " + count_text(k) + " exceeds the number of rows (" + count_text(data.rows) + ")");
    }
}

void check_iterations(const KMeansOptions &options) {
    if (options.max_iterations == 0) {
        throw Error(Errc::argument, "k-means needs max_iterations >= 1");
    }
    if (!(options.tolerance >= 0.0) || !std::isfinite(options.tolerance)) {
        throw Error(Errc::argument, "k-means tolerance must be finite and >= 0");
    }
}

void check_distinct(const DataMatrix &data, std::size_t k) {
    const std::size_t distinct = detail::distinct_rows(data, k);
    if (distinct < k) {
        throw Error(Errc::data, "k-means k = " + count_text(k) + " needs at least " + count_text(k) +
                                    " distinct rows; the data has " + count_text(distinct));
    }
}

/// scikit-learn's absolute tolerance: tol x the mean of the column variances (population).
double absolute_tolerance(const DataMatrix &data, double tolerance) {
    if (tolerance == 0.0 || data.cols == 0) {
        return 0.0;
    }
    double mean_variance = 0.0;
    for (std::size_t c = 0; c < data.cols; ++c) {
        double mean = 0.0;
        for (std::size_t i = 0; i < data.rows; ++i) {
            mean += data(i, c);
        }
        mean /= static_cast<double>(data.rows);
        double ss = 0.0;
        for (std::size_t i = 0; i < data.rows; ++i) {
            const double e = data(i, c) - mean;
            ss += e * e;
        }
        mean_variance += ss / static_cast<double>(data.rows);
    }
    return tolerance * mean_variance / static_cast<double>(data.cols);
}

/// The float copy of the rows that Hamerly's searches use (same labels as double, see
/// single_precision.hpp); plain Lloyd, the reference, and Elkan search in double only.
detail::FloatRows single_precision_rows(const DataMatrix &data, const KMeansOptions &options) {
    return options.algorithm == KMeansAlgorithm::hamerly ? detail::float_rows(data) : detail::FloatRows{};
}

/// Sizes and within-SS of a labelling, into `out` (labels and centres already set).
void summarise(const DataMatrix &data, std::size_t k, KMeansResult &out) {
    out.sizes.assign(k, 0);
    for (const std::uint32_t a : out.labels) {
        ++out.sizes[a];
    }
    out.within_ss_by_cluster.assign(k, 0.0);
    out.within_ss = detail::within_ss(data, out.labels, out.centres, out.within_ss_by_cluster);
}

/// Renumbers clusters: largest first, equal sizes by centre (coordinates compared in order).
void order_clusters(std::size_t k, std::size_t d, KMeansResult &r) {
    std::vector<std::uint32_t> order(k);
    std::iota(order.begin(), order.end(), std::uint32_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        if (r.sizes[a] != r.sizes[b]) {
            return r.sizes[a] > r.sizes[b];
        }
        return std::lexicographical_compare(&r.centres[a * d], &r.centres[a * d] + d, &r.centres[b * d],
                                            &r.centres[b * d] + d);
    });
    std::vector<std::uint32_t> new_index(k);
    std::vector<double> centres(k * d);
    std::vector<std::size_t> sizes(k);
    std::vector<double> by_cluster(k);
    for (std::uint32_t j = 0; j < k; ++j) {
        const std::uint32_t old = order[j];
        new_index[old] = j;
        std::copy_n(&r.centres[old * d], d, &centres[j * d]);
        sizes[j] = r.sizes[old];
        by_cluster[j] = r.within_ss_by_cluster[old];
    }
    for (std::uint32_t &label : r.labels) {
        label = new_index[label];
    }
    r.centres = std::move(centres);
    r.sizes = std::move(sizes);
    r.within_ss_by_cluster = std::move(by_cluster);
}

/// What one worker keeps: its best restart so far and its counters.
struct WorkerState {
    std::vector<detail::Workspace> runs;
    std::vector<detail::RunStats> run_stats;
    std::vector<detail::SeedScratch> seeding;
    std::vector<double> by_cluster;
    double best_ss = std::numeric_limits<double>::infinity();
    std::size_t best_restart = std::numeric_limits<std::size_t>::max();
    std::vector<std::uint32_t> labels;
    std::vector<double> centres;
    std::vector<double> trace;
    detail::RunStats best_stats;
    std::uint64_t distance_computations = 0;
    std::size_t converged = 0;

    /// The restart tie rule: lower within-SS, then lower restart index.
    bool beats(double ss, std::size_t restart) const {
        return ss < best_ss || (ss == best_ss && restart < best_restart);
    }
};

void check_finite_centres(std::span<const double> centres) {
    for (std::size_t i = 0; i < centres.size(); ++i) {
        if (!std::isfinite(centres[i])) {
            throw Error(Errc::data, "centre value " + count_text(i) + " is not finite");
        }
    }
}

} // namespace

KMeansResult kmeans(const DataMatrix &data, const KMeansOptions &options, const Progress &progress) {
    data.validate();
    const std::size_t k = options.k;
    check_k(data, k);
    if (options.restarts == 0) {
        throw Error(Errc::argument, "k-means needs restarts >= 1");
    }
    check_iterations(options);
    check_distinct(data, k);
    const double tolerance_abs = absolute_tolerance(data, options.tolerance);
    const detail::FloatRows single = single_precision_rows(data, options);

    // Restarts go to the workers in groups that run together (same results as one by one).
    const std::size_t wanted = pooled::detail::worker_count(options.restarts, options.threads);
    const std::size_t group = std::min(detail::max_runs_together, (options.restarts + wanted - 1) / wanted);
    const std::size_t groups = (options.restarts + group - 1) / group;
    const std::size_t workers = pooled::detail::worker_count(groups, options.threads);
    std::vector<WorkerState> states(workers);
    for (WorkerState &s : states) {
        s.runs.resize(group);
        for (detail::Workspace &ws : s.runs) {
            ws.resize(data.rows, k, data.cols, options.algorithm == KMeansAlgorithm::elkan);
        }
        s.run_stats.resize(group);
        s.seeding.resize(group);
        for (detail::SeedScratch &scratch : s.seeding) {
            scratch.resize(data.rows);
        }
        s.by_cluster.resize(k);
    }
    std::vector<double> restart_ss(options.restarts);
    std::atomic<std::size_t> done{0};
    const Rng root(options.seed);
    progress.report(0.0, "k-means restarts");
    pooled::detail::for_each_on_workers(groups, workers, [&](std::size_t w, std::size_t g) {
        WorkerState &s = states[w];
        const std::size_t first = g * group;
        const std::size_t count = std::min(group, options.restarts - first);
        const std::span<detail::Workspace> runs(s.runs.data(), count);
        std::vector<Rng> rngs;
        for (std::size_t r = 0; r < count; ++r) {
            rngs.push_back(root.split(first + r));
        }
        detail::seed_kmeans_plus_plus(data, k, rngs, std::span<detail::SeedScratch>(s.seeding.data(), count), runs);
        detail::run_lloyd_together(data, single, k, options, tolerance_abs, runs,
                                   std::span<detail::RunStats>(s.run_stats.data(), count));
        for (std::size_t r = 0; r < count; ++r) {
            const detail::Workspace &ws = runs[r];
            const detail::RunStats &stats = s.run_stats[r];
            const double ss = detail::within_ss(data, ws.labels, ws.centres, s.by_cluster);
            restart_ss[first + r] = ss;
            s.distance_computations += stats.distance_computations;
            s.converged += stats.converged ? 1 : 0;
            if (s.beats(ss, first + r)) {
                s.best_ss = ss;
                s.best_restart = first + r;
                s.labels = ws.labels;
                s.centres = ws.centres;
                s.trace = ws.trace;
                s.best_stats = stats;
            }
        }
        const std::size_t finished = done.fetch_add(count) + count;
        if (w == 0) {
            progress.report(static_cast<double>(finished) / static_cast<double>(options.restarts),
                            "k-means restarts");
        }
    });

    WorkerState *best = &states[0];
    KMeansResult result;
    for (WorkerState &s : states) {
        if (best->beats(s.best_ss, s.best_restart)) {
            best = &s;
        }
        result.distance_computations += s.distance_computations;
        result.restarts_converged += s.converged;
    }
    result.labels = std::move(best->labels);
    result.centres = std::move(best->centres);
    result.trace = std::move(best->trace);
    result.iterations = best->best_stats.iterations;
    result.converged = best->best_stats.converged;
    result.hartigan_moves = best->best_stats.hartigan_moves;
    result.best_restart = best->best_restart;
    result.restart_within_ss = std::move(restart_ss);
    summarise(data, k, result);
    order_clusters(k, data.cols, result);
    progress.report(1.0, "k-means restarts");
    return result;
}

KMeansResult kmeans_from(const DataMatrix &data, std::span<const double> initial_centres,
                         const KMeansOptions &options) {
    data.validate();
    if (data.cols == 0 || initial_centres.empty() || initial_centres.size() % data.cols != 0) {
        throw Error(Errc::argument, "initial centres: " + count_text(initial_centres.size()) +
                                        " values are not a whole number of rows of " + count_text(data.cols));
    }
    check_finite_centres(initial_centres);
    const std::size_t k = initial_centres.size() / data.cols;
    check_k(data, k);
    check_iterations(options);
    check_distinct(data, k);

    detail::Workspace ws;
    ws.resize(data.rows, k, data.cols, options.algorithm == KMeansAlgorithm::elkan);
    std::copy(initial_centres.begin(), initial_centres.end(), ws.centres.begin());
    const detail::RunStats stats = detail::run_lloyd(data, single_precision_rows(data, options), k, options,
                                                     absolute_tolerance(data, options.tolerance), ws);
    KMeansResult result;
    result.labels = std::move(ws.labels);
    result.centres = std::move(ws.centres);
    result.trace = std::move(ws.trace);
    result.iterations = stats.iterations;
    result.converged = stats.converged;
    result.hartigan_moves = stats.hartigan_moves;
    result.restarts_converged = stats.converged ? 1 : 0;
    result.distance_computations = stats.distance_computations;
    summarise(data, k, result);
    result.restart_within_ss = {result.within_ss};
    return result;
}

std::vector<std::uint32_t> assign_nearest(const DataMatrix &data, std::span<const double> centres, std::size_t k) {
    data.validate();
    if (k == 0 || k > std::numeric_limits<std::uint32_t>::max() || centres.size() != k * data.cols) {
        throw Error(Errc::argument, "centres: expected " + count_text(k) + " x " + count_text(data.cols) +
                                        " values, got " + count_text(centres.size()));
    }
    check_finite_centres(centres);
    std::vector<double> centres_t(detail::panel_width(k) * data.cols);
    detail::transpose_centres(centres.data(), k, data.cols, centres_t.data());
    std::vector<double> scratch(detail::panel_width(k));
    std::vector<std::uint32_t> labels(data.rows);
    for (std::size_t i = 0; i < data.rows; ++i) {
        labels[i] = detail::nearest_two(&data.values[i * data.cols], centres_t.data(), k, data.cols, scratch.data()).index;
    }
    return labels;
}

} // namespace pooled::segmentation
