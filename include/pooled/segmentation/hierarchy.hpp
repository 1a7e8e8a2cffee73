#pragma once
/// @file
/// @brief Top-down classification in levels (supergroups, groups, subgroups), as the ONS
/// Output Area Classification builds it: k-means over all rows, then k-means within each
/// segment of the level above.
///
/// Codes: level 1 numbers its segments 1, 2, 3, ...; level 2 appends a letter to its parent's
/// code (a..z: "3a", "3b"); level 3 a number ("3b1", "3b2"); deeper levels alternate letters
/// and numbers ("3b2a"). Numbers and letters are 1-based in the order below.
///
/// Order: a level's segments are grouped by parent (in the parent level's order) and, within
/// one parent, ordered as kmeans() numbers clusters: by size, largest first; equal sizes by
/// centre, coordinate by coordinate, smallest first. So the segments of a level are in code
/// order, and level 1 is exactly kmeans(data, options) with k = ks[0].
///
/// Small parents: a parent segment with fewer distinct rows than the level's k is split into
/// as many segments as it has distinct rows (each a group of identical rows when that number
/// is below k); a parent with one distinct row (or one row) gets one child segment holding all
/// its rows, e.g. "3a". Such parents are listed in HierarchyLevel::reduced_parents.
///
/// Seeds: level 1 uses options.kmeans.seed; the k-means within parent p (index in its level)
/// at level L (1-based, L >= 2) uses the seed Rng(seed).split(L).split(p).next(), so every
/// sub-classification is reproducible on its own and independent of the thread count.

#include <pooled/core/progress.hpp>
#include <pooled/pooled_cxx_export.h>
#include <pooled/segmentation/data_matrix.hpp>
#include <pooled/segmentation/kmeans.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace pooled::segmentation {

struct HierarchyOptions {
    /// k per level, e.g. {8, 3}: 8 segments at level 1, then (up to) 3 within each of them;
    /// {8, 3, 3} adds subgroups. Each k >= 1; a letter level has k <= 26.
    std::vector<std::size_t> ks;
    /// Restarts, iterations, tolerance, seed, threads and algorithm of every k-means run
    /// (its k is ignored: ks gives it).
    KMeansOptions kmeans;
};

/// One level of the classification.
struct HierarchyLevel {
    /// The requested k per parent (ks[level - 1]).
    std::size_t k = 0;
    /// Per row, the index of its segment in this level (into codes, centres, ...).
    std::vector<std::uint32_t> labels;
    /// Per segment: its code ("3", "3b", "3b2").
    std::vector<std::string> codes;
    /// Per segment: the index of its parent segment in the level above (level 1: 0 for all).
    std::vector<std::uint32_t> parents;
    /// Segments x cols, row-major: the mean of each segment's rows.
    std::vector<double> centres;
    /// Per segment: its rows.
    std::vector<std::size_t> sizes;
    /// Per segment: the sum of squared distances of its rows to its centre.
    std::vector<double> within_ss_by_segment;
    /// Sum of within_ss_by_segment: the level's total within-cluster sum of squares.
    double within_ss = 0.0;
    /// Indices (in the level above) of parents split into fewer than k segments because they
    /// had fewer than k distinct rows. Empty at level 1 (kmeans() throws instead).
    std::vector<std::uint32_t> reduced_parents;
    /// Whether every k-means run of this level converged before max_iterations.
    bool converged = true;
};

struct Hierarchy {
    std::size_t rows = 0;
    std::vector<HierarchyLevel> levels; ///< levels[0] is level 1

    /// The code of every row at `level` (1-based): levels[level - 1].codes[labels[row]].
    /// @throws Error (Errc::argument) for a level out of range.
    POOLED_CXX_API std::vector<std::string> row_codes(std::size_t level) const;
};

/// Classifies the rows of `data` top down (see the file comment).
/// Progress is reported on the calling thread, level by level; cancelling throws Cancelled.
/// @throws Error (Errc::argument) for no levels, a k of 0, a letter level with k > 26, or
/// kmeans options kmeans() rejects; otherwise what kmeans() throws for level 1 (e.g. fewer
/// distinct rows than ks[0] is Errc::data).
POOLED_CXX_API Hierarchy classify_top_down(const DataMatrix &data, const HierarchyOptions &options,
                                           const Progress &progress = {});

} // namespace pooled::segmentation
