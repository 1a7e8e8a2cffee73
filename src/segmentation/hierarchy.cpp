#include <pooled/core/error.hpp>
#include <pooled/core/random.hpp>
#include <pooled/segmentation/hierarchy.hpp>

#include "segmentation/lloyd.hpp"

#include <algorithm>
#include <string>

namespace pooled::segmentation {

namespace {

/// Levels 2, 4, ... append letters; levels 3, 5, ... numbers (1-based).
bool letter_level(std::size_t level) { return level % 2 == 0; }

std::string code_suffix(std::size_t level, std::size_t index) {
    if (letter_level(level)) {
        return std::string(1, static_cast<char>('a' + index));
    }
    return std::to_string(index + 1);
}

void check_levels(const HierarchyOptions &options) {
    if (options.ks.empty()) {
        throw Error(Errc::argument, "a classification needs at least one level (k per level)");
    }
    for (std::size_t l = 0; l < options.ks.size(); ++l) {
        const std::size_t level = l + 1;
        if (options.ks[l] == 0) {
            throw Error(Errc::argument, "level " + std::to_string(level) + ": k must be >= 1");
        }
        if (level > 1 && letter_level(level) && options.ks[l] > 26) {
            throw Error(Errc::argument, "level " + std::to_string(level) + " is coded with letters a..z: k = " +
                                            std::to_string(options.ks[l]) + " exceeds 26");
        }
    }
}

/// Appends the k-means result of one parent's rows (`members`, ascending) to `level`.
void append_children(const HierarchyLevel &above, std::size_t parent, std::size_t level_number,
                     const std::vector<std::size_t> &members, const KMeansResult &r, std::size_t cols,
                     HierarchyLevel &level) {
    const auto base = static_cast<std::uint32_t>(level.codes.size());
    const std::size_t k = r.sizes.size();
    for (std::size_t j = 0; j < k; ++j) {
        level.codes.push_back(above.codes[parent] + code_suffix(level_number, j));
        level.parents.push_back(static_cast<std::uint32_t>(parent));
        level.sizes.push_back(r.sizes[j]);
        level.within_ss_by_segment.push_back(r.within_ss_by_cluster[j]);
    }
    level.centres.insert(level.centres.end(), r.centres.begin(), r.centres.begin() + static_cast<std::ptrdiff_t>(k * cols));
    for (std::size_t m = 0; m < members.size(); ++m) {
        level.labels[members[m]] = base + r.labels[m];
    }
    level.within_ss += r.within_ss;
    level.converged = level.converged && r.converged;
}

} // namespace

std::vector<std::string> Hierarchy::row_codes(std::size_t level) const {
    if (level == 0 || level > levels.size()) {
        throw Error(Errc::argument, "level " + std::to_string(level) + " does not exist: the classification has " +
                                        std::to_string(levels.size()) + " levels");
    }
    const HierarchyLevel &l = levels[level - 1];
    std::vector<std::string> out;
    out.reserve(l.labels.size());
    for (const std::uint32_t label : l.labels) {
        out.push_back(l.codes[label]);
    }
    return out;
}

Hierarchy classify_top_down(const DataMatrix &data, const HierarchyOptions &options, const Progress &progress) {
    check_levels(options);
    data.validate();
    const double level_share = 1.0 / static_cast<double>(options.ks.size());
    Hierarchy h;
    h.rows = data.rows;

    // Level 1: k-means over all rows, numbered 1..k.
    {
        KMeansOptions o = options.kmeans;
        o.k = options.ks[0];
        const KMeansResult r = kmeans(data, o, progress.sub(0.0, level_share));
        HierarchyLevel level;
        level.k = o.k;
        level.labels = r.labels;
        for (std::size_t j = 0; j < o.k; ++j) {
            level.codes.push_back(std::to_string(j + 1));
        }
        level.parents.assign(o.k, 0);
        level.centres = r.centres;
        level.sizes = r.sizes;
        level.within_ss_by_segment = r.within_ss_by_cluster;
        level.within_ss = r.within_ss;
        level.converged = r.converged;
        h.levels.push_back(std::move(level));
    }

    const Rng root(options.kmeans.seed);
    for (std::size_t l = 1; l < options.ks.size(); ++l) {
        const std::size_t level_number = l + 1;
        const HierarchyLevel &above = h.levels[l - 1];
        const std::size_t parents = above.codes.size();
        std::vector<std::vector<std::size_t>> members(parents);
        for (std::size_t i = 0; i < data.rows; ++i) {
            members[above.labels[i]].push_back(i);
        }
        HierarchyLevel level;
        level.k = options.ks[l];
        level.labels.assign(data.rows, 0);
        const Progress level_progress = progress.sub(level_share * static_cast<double>(l), level_share * static_cast<double>(l + 1));
        std::size_t rows_done = 0;
        for (std::size_t p = 0; p < parents; ++p) {
            const DataMatrix subset = select_rows(data, members[p]);
            // Small parents: as many segments as distinct rows, when that is below k.
            const std::size_t k = std::min(level.k, detail::distinct_rows(subset, level.k));
            if (k < level.k) {
                level.reduced_parents.push_back(static_cast<std::uint32_t>(p));
            }
            KMeansOptions o = options.kmeans;
            o.k = k;
            o.seed = root.split(level_number).split(p).next();
            if (k == 1) {
                o.restarts = 1; // every start ends at the mean
            }
            const double lo = static_cast<double>(rows_done) / static_cast<double>(data.rows);
            rows_done += members[p].size();
            const double hi = static_cast<double>(rows_done) / static_cast<double>(data.rows);
            const KMeansResult r = kmeans(subset, o, level_progress.sub(lo, hi));
            append_children(above, p, level_number, members[p], r, data.cols, level);
        }
        h.levels.push_back(std::move(level));
    }
    return h;
}

} // namespace pooled::segmentation
