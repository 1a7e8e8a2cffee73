#include <pooled/core/error.hpp>
#include <pooled/core/random.hpp>
#include <pooled/segmentation/choose_k.hpp>

#include "segmentation/lloyd.hpp"
#include "core/parallel.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

namespace pooled::segmentation {

namespace {

/// Checks labels against the data and k; returns the rows per cluster.
std::vector<std::size_t> cluster_sizes(const DataMatrix &data, std::span<const std::uint32_t> labels, std::size_t k) {
    data.validate();
    if (labels.size() != data.rows) {
        throw Error(Errc::argument, "labels: " + std::to_string(labels.size()) + " for " + std::to_string(data.rows) +
                                        " rows");
    }
    std::vector<std::size_t> sizes(k, 0);
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (labels[i] >= k) {
            throw Error(Errc::argument, "label of row " + std::to_string(i + 1) + " is " + std::to_string(labels[i]) +
                                            ", not below k = " + std::to_string(k));
        }
        ++sizes[labels[i]];
    }
    return sizes;
}

std::size_t non_empty(const std::vector<std::size_t> &sizes) {
    return static_cast<std::size_t>(std::count_if(sizes.begin(), sizes.end(), [](std::size_t s) { return s > 0; }));
}

void require_two_clusters(std::size_t present, const char *what) {
    if (present < 2) {
        throw Error(Errc::argument, std::string(what) + " needs at least 2 non-empty clusters, got " +
                                        std::to_string(present));
    }
}

/// `m` distinct rows of n drawn with Rng(seed) (partial Fisher-Yates), ascending; all rows
/// when m is 0 or >= n.
std::vector<std::size_t> sample_rows(std::size_t n, std::size_t m, std::uint64_t seed) {
    std::vector<std::size_t> rows(n);
    std::iota(rows.begin(), rows.end(), std::size_t{0});
    if (m == 0 || m >= n) {
        return rows;
    }
    Rng rng(seed);
    for (std::size_t i = 0; i < m; ++i) {
        const std::size_t j = i + static_cast<std::size_t>(rng.below(n - i));
        std::swap(rows[i], rows[j]);
    }
    rows.resize(m);
    std::sort(rows.begin(), rows.end());
    return rows;
}

/// Cluster means of the labelled rows (k x cols; zero for empty clusters).
std::vector<double> label_means(const DataMatrix &data, std::span<const std::uint32_t> labels,
                                const std::vector<std::size_t> &sizes) {
    const std::size_t d = data.cols;
    std::vector<double> means(sizes.size() * d, 0.0);
    for (std::size_t i = 0; i < data.rows; ++i) {
        for (std::size_t c = 0; c < d; ++c) {
            means[labels[i] * d + c] += data(i, c);
        }
    }
    for (std::size_t j = 0; j < sizes.size(); ++j) {
        for (std::size_t c = 0; c < d && sizes[j] > 0; ++c) {
            means[j * d + c] /= static_cast<double>(sizes[j]);
        }
    }
    return means;
}

/// Silhouette of the rows `sample` (ascending), among themselves.
double silhouette_of(const DataMatrix &data, std::span<const std::uint32_t> labels, std::size_t k,
                     const std::vector<std::size_t> &sample, unsigned threads) {
    const std::size_t m = sample.size();
    const std::size_t d = data.cols;
    std::vector<std::size_t> sizes(k, 0);
    for (const std::size_t i : sample) {
        ++sizes[labels[i]];
    }
    require_two_clusters(non_empty(sizes), "the silhouette");
    if (non_empty(sizes) >= m) {
        throw Error(Errc::argument, "the silhouette needs fewer clusters than rows in the sample");
    }
    // Per sampled row, its silhouette; rows in blocks so each worker keeps its own sums.
    std::vector<double> s(m, 0.0);
    constexpr std::size_t block = 64;
    const std::size_t blocks = (m + block - 1) / block;
    const std::size_t workers = pooled::detail::worker_count(blocks, threads);
    std::vector<std::vector<double>> sums(workers, std::vector<double>(k));
    pooled::detail::for_each_on_workers(blocks, workers, [&](std::size_t w, std::size_t b) {
        std::vector<double> &sum = sums[w];
        for (std::size_t a = b * block; a < std::min(m, (b + 1) * block); ++a) {
            const std::size_t i = sample[a];
            std::fill(sum.begin(), sum.end(), 0.0);
            for (const std::size_t j : sample) {
                sum[labels[j]] += std::sqrt(detail::squared_distance(&data.values[i * d], &data.values[j * d], d));
            }
            const std::uint32_t own = labels[i];
            if (sizes[own] == 1) {
                continue; // alone in its cluster: 0 by convention
            }
            const double intra = sum[own] / static_cast<double>(sizes[own] - 1);
            double nearest = std::numeric_limits<double>::infinity();
            for (std::size_t c = 0; c < k; ++c) {
                if (c != own && sizes[c] > 0) {
                    nearest = std::min(nearest, sum[c] / static_cast<double>(sizes[c]));
                }
            }
            const double denominator = std::max(intra, nearest);
            s[a] = denominator > 0.0 ? (nearest - intra) / denominator : 0.0;
        }
    });
    double total = 0.0;
    for (const double v : s) {
        total += v;
    }
    return total / static_cast<double>(m);
}

} // namespace

double silhouette_score(const DataMatrix &data, std::span<const std::uint32_t> labels, std::size_t k,
                        std::size_t sample_size, std::uint64_t seed) {
    cluster_sizes(data, labels, k);
    return silhouette_of(data, labels, k, sample_rows(data.rows, sample_size, seed), 0);
}

double calinski_harabasz_score(const DataMatrix &data, std::span<const std::uint32_t> labels, std::size_t k) {
    const std::vector<std::size_t> sizes = cluster_sizes(data, labels, k);
    const std::size_t present = non_empty(sizes);
    require_two_clusters(present, "the Calinski-Harabasz index");
    if (present >= data.rows) {
        throw Error(Errc::argument, "the Calinski-Harabasz index needs fewer clusters than rows");
    }
    const std::size_t d = data.cols;
    const std::vector<double> means = label_means(data, labels, sizes);
    std::vector<double> overall(d, 0.0);
    for (std::size_t i = 0; i < data.rows; ++i) {
        for (std::size_t c = 0; c < d; ++c) {
            overall[c] += data(i, c);
        }
    }
    for (double &v : overall) {
        v /= static_cast<double>(data.rows);
    }
    double between = 0.0;
    for (std::size_t j = 0; j < k; ++j) {
        if (sizes[j] > 0) {
            between += static_cast<double>(sizes[j]) * detail::squared_distance(&means[j * d], overall.data(), d);
        }
    }
    std::vector<double> by_cluster(k);
    const double within = detail::within_ss(data, labels, means, by_cluster);
    if (within == 0.0) {
        return 1.0; // scikit-learn's convention
    }
    return between * static_cast<double>(data.rows - present) / (within * static_cast<double>(present - 1));
}

double davies_bouldin_score(const DataMatrix &data, std::span<const std::uint32_t> labels, std::size_t k) {
    const std::vector<std::size_t> sizes = cluster_sizes(data, labels, k);
    require_two_clusters(non_empty(sizes), "the Davies-Bouldin index");
    const std::size_t d = data.cols;
    const std::vector<double> means = label_means(data, labels, sizes);
    std::vector<double> scatter(k, 0.0); // mean distance of a cluster's rows to its mean
    for (std::size_t i = 0; i < data.rows; ++i) {
        scatter[labels[i]] += std::sqrt(detail::squared_distance(&data.values[i * d], &means[labels[i] * d], d));
    }
    bool any_scatter = false;
    for (std::size_t j = 0; j < k; ++j) {
        if (sizes[j] > 0) {
            scatter[j] /= static_cast<double>(sizes[j]);
            any_scatter = any_scatter || scatter[j] > 0.0;
        }
    }
    double total = 0.0;
    bool any_separation = false;
    for (std::size_t a = 0; a < k; ++a) {
        if (sizes[a] == 0) {
            continue;
        }
        double worst = 0.0;
        for (std::size_t b = 0; b < k; ++b) {
            if (b == a || sizes[b] == 0) {
                continue;
            }
            const double separation = std::sqrt(detail::squared_distance(&means[a * d], &means[b * d], d));
            any_separation = any_separation || separation > 0.0;
            if (separation > 0.0) { // coinciding centres are left out, as scikit-learn does
                worst = std::max(worst, (scatter[a] + scatter[b]) / separation);
            }
        }
        total += worst;
    }
    if (!any_scatter || !any_separation) {
        return 0.0; // scikit-learn's convention for degenerate clusterings
    }
    return total / static_cast<double>(non_empty(sizes));
}

ChooseKTable choose_k(const DataMatrix &data, const ChooseKOptions &options, const Progress &progress) {
    data.validate();
    if (options.k_min < 2 || options.k_max < options.k_min || options.k_max > data.rows) {
        throw Error(Errc::argument, "choosing k needs 2 <= k_min <= k_max <= rows; got k_min = " +
                                        std::to_string(options.k_min) + ", k_max = " + std::to_string(options.k_max) +
                                        ", rows = " + std::to_string(data.rows));
    }
    ChooseKTable table;
    const std::vector<std::size_t> sample = sample_rows(data.rows, options.silhouette_sample, options.silhouette_seed);
    table.silhouette_sample_size = sample.size();
    const std::size_t count = options.k_max - options.k_min + 1;
    for (std::size_t k = options.k_min; k <= options.k_max; ++k) {
        const std::size_t step = k - options.k_min;
        KMeansOptions o = options.kmeans;
        o.k = k;
        const KMeansResult r = kmeans(data, o,
                                      progress.sub(static_cast<double>(step) / static_cast<double>(count),
                                                   static_cast<double>(step + 1) / static_cast<double>(count)));
        ChooseKRow row;
        row.k = k;
        row.within_ss = r.within_ss;
        row.silhouette = silhouette_of(data, r.labels, k, sample, options.kmeans.threads);
        row.calinski_harabasz = calinski_harabasz_score(data, r.labels, k);
        row.davies_bouldin = davies_bouldin_score(data, r.labels, k);
        row.sizes = r.sizes;
        row.converged = r.converged;
        table.rows.push_back(std::move(row));
    }
    return table;
}

} // namespace pooled::segmentation
