#pragma once
/// @file
/// @brief Choosing k: the elbow (total within-SS by k) and three internal validity indices,
/// as a table the report can chart.
///
/// The indices follow scikit-learn's definitions (sklearn.metrics), so values can be checked
/// against it:
/// - silhouette (Rousseeuw 1987): mean over rows of (b - a) / max(a, b), a = mean distance to
///   the other rows of its cluster, b = the lowest mean distance to the rows of another
///   cluster; 0 for a row alone in its cluster. -1..1, higher is better. Quadratic in rows, so
///   computed on a seeded sample (sklearn's `silhouette_score(..., sample_size=)`: the
///   silhouette of the sample alone).
/// - Calinski-Harabasz (1974): between-SS / (k - 1) over within-SS / (n - k); higher is better.
/// - Davies-Bouldin (1979): mean over clusters of max over others of (s_i + s_j) / d(c_i, c_j),
///   s = mean distance of a cluster's rows to its centre; lower is better.

#include <pooled/core/progress.hpp>
#include <pooled/pooled_cxx_export.h>
#include <pooled/segmentation/data_matrix.hpp>
#include <pooled/segmentation/kmeans.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace pooled::segmentation {

/// Mean silhouette width of labels (each in [0, k)) over a sample of `sample_size` rows drawn
/// without replacement with Rng(seed); sample_size 0 or >= rows uses every row.
/// @throws Error (Errc::argument) if labels.size() != rows, a label is >= k, or fewer than 2
/// clusters are non-empty (in the sample); (Errc::data) for a non-finite value.
POOLED_CXX_API double silhouette_score(const DataMatrix &data, std::span<const std::uint32_t> labels,
                                       std::size_t k, std::size_t sample_size = 0, std::uint64_t seed = 42);

/// Calinski-Harabasz index of labels (each in [0, k)); 1 if the within-SS is 0.
/// @throws as silhouette_score; also (Errc::argument) if non-empty clusters == rows.
POOLED_CXX_API double calinski_harabasz_score(const DataMatrix &data, std::span<const std::uint32_t> labels,
                                              std::size_t k);

/// Davies-Bouldin index of labels (each in [0, k)); empty clusters are left out.
/// @throws as silhouette_score.
POOLED_CXX_API double davies_bouldin_score(const DataMatrix &data, std::span<const std::uint32_t> labels,
                                           std::size_t k);

struct ChooseKOptions {
    std::size_t k_min = 2; ///< DEFAULT: 2 (the indices need two clusters)
    std::size_t k_max = 12; ///< DEFAULT: 12
    /// Rows in the silhouette sample; 0 = every row. DEFAULT: 10,000.
    std::size_t silhouette_sample = 10000;
    /// Seed of the silhouette sample (the same rows for every k). DEFAULT: 42.
    std::uint64_t silhouette_seed = 42;
    /// Options of each k-means run (k is set per row of the table).
    KMeansOptions kmeans;
};

/// One k of the table.
struct ChooseKRow {
    std::size_t k = 0;
    double within_ss = 0.0;          ///< total within-cluster sum of squares (the elbow)
    double silhouette = 0.0;         ///< on the sample; higher is better
    double calinski_harabasz = 0.0;  ///< higher is better
    double davies_bouldin = 0.0;     ///< lower is better
    std::vector<std::size_t> sizes;  ///< cluster sizes, largest first
    bool converged = false;          ///< the best restart converged
};

struct ChooseKTable {
    std::vector<ChooseKRow> rows;          ///< one per k, k_min..k_max ascending
    std::size_t silhouette_sample_size = 0; ///< rows actually in the sample
};

/// Runs kmeans() for every k in [k_min, k_max] and scores each result.
/// @throws Error (Errc::argument) for k_min < 2, k_max < k_min, or k_max > rows; and what
/// kmeans() throws.
POOLED_CXX_API ChooseKTable choose_k(const DataMatrix &data, const ChooseKOptions &options,
                                     const Progress &progress = {});

} // namespace pooled::segmentation
