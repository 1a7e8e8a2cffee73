// Greedy k-means++ seeding (kmeans.hpp) of a group of runs side by side: each pass over the rows
// serves every run of the group, and the distances of a row to all candidates come from one
// kernel, vectorised across the candidates.
#include "segmentation/lloyd.hpp"
#include "segmentation/vector_clones.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace pooled::segmentation::detail {

namespace {

/// Four doubles operated on lane by lane (one AVX register, or two SSE ones; never passed by
/// value, see vector_clones.hpp). Lane-wise arithmetic is exactly the scalar arithmetic of each
/// lane.
using Doubles4 = double __attribute__((vector_size(32)));

/// Squared distances of x to the `count` rows of a candidate panel (the candidate rows transposed, as
/// transpose_centres lays out centres: d x panel_width(count): coordinate
/// j of candidate c at [j * panel_width(count) + c]) into out[0, panel_width(count)).
/// Each lane adds up exactly as squared_distance does (four partial sums by coordinate mod 4,
/// the remainder into the first, then (s0 + s1) + (s2 + s3)), so every distance has the bits
/// squared_distance gives it: the seeding is the same as when each run went alone.
POOLED_VECTOR_CLONES
void squared_distances_to_rows(const double *x, const double *panel, std::size_t count, std::size_t d,
                               double *out) noexcept {
    const std::size_t width = panel_width(count);
    for (std::size_t c = 0; c < width; c += 4) {
        Doubles4 s[4] = {};
        std::size_t j = 0;
        const auto add = [&](std::size_t part, std::size_t coordinate) {
            Doubles4 candidate;
            std::memcpy(&candidate, panel + coordinate * width + c, sizeof candidate);
            const Doubles4 e = (x[coordinate] - Doubles4{}) - candidate; // x - 0: the broadcast alone
            s[part] += e * e;
        };
        for (; j + 4 <= d; j += 4) {
            add(0, j);
            add(1, j + 1);
            add(2, j + 2);
            add(3, j + 3);
        }
        for (; j < d; ++j) {
            add(0, j);
        }
        const Doubles4 total = (s[0] + s[1]) + (s[2] + s[3]);
        std::memcpy(out + c, &total, sizeof total);
    }
}

/// Rows `rows` of data into a candidate panel.
void fill_panel(const DataMatrix &data, std::span<const std::size_t> rows, std::vector<double> &panel) {
    const std::size_t d = data.cols;
    const std::size_t width = panel_width(rows.size());
    panel.assign(width * d, 0.0);
    for (std::size_t c = 0; c < rows.size(); ++c) {
        for (std::size_t j = 0; j < d; ++j) {
            panel[j * width + c] = data.values[rows[c] * d + j];
        }
    }
}

/// Where a run's seeding stands between passes.
struct Seeding {
    double total = 0.0;            // sum of nearest_sq
    std::size_t last_positive = 0; // the last row with nearest_sq > 0
};

/// After run r took centre `chosen[r]` (first: its first centre): nearest_sq := the squared
/// distance to the nearest centre so far, and its total, in one pass for all runs.
void update_nearest(const DataMatrix &data, std::span<const std::size_t> chosen, bool first,
                    std::span<SeedScratch> scratch, std::span<Seeding> state, std::vector<double> &panel,
                    std::vector<double> &dist) {
    const std::size_t d = data.cols;
    fill_panel(data, chosen, panel);
    for (Seeding &s : state) {
        s = Seeding{};
    }
    for (std::size_t i = 0; i < data.rows; ++i) {
        squared_distances_to_rows(&data.values[i * d], panel.data(), chosen.size(), d, dist.data());
        for (std::size_t r = 0; r < chosen.size(); ++r) {
            double &nearest = scratch[r].nearest_sq[i];
            nearest = first ? dist[r] : std::min(nearest, dist[r]);
            state[r].total += nearest;
            if (nearest > 0.0) {
                state[r].last_positive = i;
            }
        }
    }
}

/// Rows drawn with probability nearest_sq / total: for each draw u (in [0, total)), the first row
/// whose prefix sum of nearest_sq exceeds it, so rows already at a centre (weight 0) are never
/// drawn; `last_positive` if rounding leaves none. The prefix sums are added up again in row
/// order, the same sums as when the seeding pass added them, in one pass for all draws.
void draw_rows(std::span<const double> nearest_sq, std::span<const double> draws, std::size_t last_positive,
               std::span<std::size_t> rows) {
    std::vector<std::size_t> order(draws.size());
    for (std::size_t t = 0; t < order.size(); ++t) {
        order[t] = t;
    }
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return draws[a] < draws[b]; });
    std::size_t next = 0;
    double running = 0.0;
    for (std::size_t i = 0; i < nearest_sq.size() && next < order.size(); ++i) {
        running += nearest_sq[i];
        while (next < order.size() && draws[order[next]] < running) {
            rows[order[next++]] = i;
        }
    }
    for (; next < order.size(); ++next) {
        rows[order[next]] = last_positive;
    }
}

} // namespace

void SeedScratch::resize(std::size_t n) { nearest_sq.resize(n); }

void seed_kmeans_plus_plus(const DataMatrix &data, std::size_t k, std::span<Rng> rngs, std::span<SeedScratch> scratch,
                           std::span<Workspace> runs) {
    const std::size_t n = data.rows;
    const std::size_t d = data.cols;
    const std::size_t count = runs.size();
    // scikit-learn's number of local trials: 2 + floor(ln k).
    const std::size_t trials = 2 + static_cast<std::size_t>(std::log(static_cast<double>(k)));
    std::vector<std::size_t> chosen(count);
    std::vector<std::size_t> candidates(count * trials);
    std::vector<double> potential(count * trials);
    std::vector<double> draws(trials);
    std::vector<Seeding> state(count);
    std::vector<double> panel;
    std::vector<double> dist(panel_width(count * trials));
    const auto set_centre = [&](std::size_t r, std::size_t c, std::size_t row) {
        std::copy_n(&data.values[row * d], d, &runs[r].centres[c * d]);
    };
    for (std::size_t r = 0; r < count; ++r) {
        chosen[r] = static_cast<std::size_t>(rngs[r].below(n));
        set_centre(r, 0, chosen[r]);
    }
    for (std::size_t c = 1; c < k; ++c) {
        update_nearest(data, chosen, c == 1, scratch, state, panel, dist);
        // Each run draws its candidates as it did alone (its generator used in the same order).
        for (std::size_t r = 0; r < count; ++r) {
            for (std::size_t t = 0; t < trials; ++t) {
                draws[t] = rngs[r].uniform() * state[r].total;
            }
            draw_rows(scratch[r].nearest_sq, draws, state[r].last_positive,
                      std::span<std::size_t>(candidates).subspan(r * trials, trials));
        }
        // Every candidate's potential (the sum of squared distances to the nearest centre with
        // it added), each summed over the rows in order; one pass for all.
        fill_panel(data, candidates, panel);
        std::fill(potential.begin(), potential.end(), 0.0);
        for (std::size_t i = 0; i < n; ++i) {
            squared_distances_to_rows(&data.values[i * d], panel.data(), candidates.size(), d, dist.data());
            for (std::size_t r = 0; r < count; ++r) {
                const double nearest = scratch[r].nearest_sq[i];
                for (std::size_t t = 0; t < trials; ++t) {
                    potential[r * trials + t] += std::min(nearest, dist[r * trials + t]);
                }
            }
        }
        // The best candidate of each run: the lowest potential, the first drawn among equal ones.
        for (std::size_t r = 0; r < count; ++r) {
            double best = std::numeric_limits<double>::infinity();
            for (std::size_t t = 0; t < trials; ++t) {
                if (potential[r * trials + t] < best) {
                    best = potential[r * trials + t];
                    chosen[r] = candidates[r * trials + t];
                }
            }
            set_centre(r, c, chosen[r]);
        }
    }
}

} // namespace pooled::segmentation::detail
