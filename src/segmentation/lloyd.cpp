#include "segmentation/lloyd.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>
#include <optional>

namespace pooled::segmentation::detail {

namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();

void add_row(double *sum, const double *x, std::size_t d) noexcept {
    for (std::size_t j = 0; j < d; ++j) {
        sum[j] += x[j];
    }
}

void subtract_row(double *sum, const double *x, std::size_t d) noexcept {
    for (std::size_t j = 0; j < d; ++j) {
        sum[j] -= x[j];
    }
}

/// One centre := its sum / count.
void centre_from_sum(std::size_t j, std::size_t k, std::size_t d, Workspace &ws) {
    const double inv = 1.0 / static_cast<double>(ws.counts[j]);
    for (std::size_t c = 0; c < d; ++c) {
        const double v = ws.sums[j * d + c] * inv;
        ws.centres[j * d + c] = v;
        ws.centres_t[c * panel_width(k) + j] = v;
    }
}

/// sums and counts from the labels, from scratch (row order).
void accumulate(const DataMatrix &data, std::size_t k, Workspace &ws) {
    const std::size_t d = data.cols;
    std::fill(ws.sums.begin(), ws.sums.begin() + static_cast<std::ptrdiff_t>(k * d), 0.0);
    std::fill(ws.counts.begin(), ws.counts.begin() + static_cast<std::ptrdiff_t>(k), std::size_t{0});
    for (std::size_t i = 0; i < data.rows; ++i) {
        const std::uint32_t a = ws.labels[i];
        add_row(&ws.sums[a * d], &data.values[i * d], d);
        ++ws.counts[a];
    }
}

/// Moves a row into `to`, keeping sums and counts in step.
void move_row(const DataMatrix &data, std::size_t i, std::uint32_t to, Workspace &ws) noexcept {
    const std::size_t d = data.cols;
    const double *x = &data.values[i * d];
    const std::uint32_t from = ws.labels[i];
    subtract_row(&ws.sums[from * d], x, d);
    --ws.counts[from];
    add_row(&ws.sums[to * d], x, d);
    ++ws.counts[to];
    ws.labels[i] = to;
}

/// The empty-cluster rule of kmeans.hpp: each empty cluster (ascending) takes the row
/// farthest from its own centre among rows whose cluster keeps another row (ties: lowest
/// row). Returns its distance computations; a moved row's bounds are reset to 0.
std::uint64_t fill_empty_clusters(const DataMatrix &data, std::size_t k, Workspace &ws) {
    const std::size_t d = data.cols;
    std::uint64_t computed = 0;
    bool any_empty = false;
    for (std::size_t j = 0; j < k; ++j) {
        any_empty = any_empty || ws.counts[j] == 0;
    }
    if (!any_empty) {
        return 0;
    }
    // Squared distance of every row to its (pre-update) centre (rare: allocated when needed).
    std::vector<double> far(data.rows);
    for (std::size_t i = 0; i < data.rows; ++i) {
        far[i] = squared_distance(&data.values[i * d], &ws.centres[ws.labels[i] * d], d);
    }
    computed += data.rows;
    for (std::size_t j = 0; j < k; ++j) {
        if (ws.counts[j] != 0) {
            continue;
        }
        std::size_t pick = data.rows;
        for (std::size_t i = 0; i < data.rows; ++i) {
            if (far[i] >= 0.0 && ws.counts[ws.labels[i]] > 1 && (pick == data.rows || far[i] > far[pick])) {
                pick = i;
            }
        }
        // pick exists: k <= rows, so some cluster holds two rows while one is empty.
        move_row(data, pick, static_cast<std::uint32_t>(j), ws);
        far[pick] = -1.0; // moved once; it now is its cluster's only row
        ws.upper[pick] = 0.0;
        ws.lower[pick] = 0.0; // its old centre is no longer covered by the bound
        if (!ws.lower_k.empty()) {
            std::fill_n(&ws.lower_k[pick * k], k, 0.0);
        }
    }
    return computed;
}

/// Centres := sums / counts; records how far each moved.
void update_centres(std::size_t k, std::size_t d, Workspace &ws) {
    std::copy_n(ws.centres.begin(), k * d, ws.previous.begin());
    for (std::size_t j = 0; j < k; ++j) {
        centre_from_sum(j, k, d, ws);
        ws.moved[j] = std::sqrt(squared_distance(&ws.previous[j * d], &ws.centres[j * d], d));
    }
}

/// Half the distance from each centre to its nearest other centre (Hamerly's s(j)).
void compute_half_gaps(std::size_t k, std::size_t d, Workspace &ws) {
    std::fill_n(ws.half_gap.begin(), k, infinity);
    for (std::size_t a = 0; a < k; ++a) {
        for (std::size_t b = a + 1; b < k; ++b) {
            const double half = 0.5 * std::sqrt(squared_distance(&ws.centres[a * d], &ws.centres[b * d], d));
            ws.half_gap[a] = std::min(ws.half_gap[a], half);
            ws.half_gap[b] = std::min(ws.half_gap[b], half);
        }
    }
}

/// After an update, per cluster: how much the lower bound of its rows shrinks, the largest
/// move of any other centre (Hamerly's bound update; applied in assign_hamerly's first loop
/// together with the upper bound's growth, to save a pass over the rows).
void lower_bound_drops(std::size_t k, Workspace &ws) {
    std::size_t far1 = 0;
    for (std::size_t j = 1; j < k; ++j) {
        if (ws.moved[j] > ws.moved[far1]) {
            far1 = j;
        }
    }
    double second = 0.0;
    for (std::size_t j = 0; j < k; ++j) {
        if (j != far1) {
            second = std::max(second, ws.moved[j]);
        }
    }
    for (std::size_t j = 0; j < k; ++j) {
        ws.lower_drop[j] = j == far1 ? second : ws.moved[far1];
    }
}

/// A row's nearest centre with bounds on its distance to it (upper) and to every other centre
/// (lower), for Hamerly's passes.
struct BoundedNearest {
    std::uint32_t index = 0;
    double upper = 0.0;
    double lower = 0.0;
};

/// Row i's nearest centre searched in double: the bounds are the distances themselves.
BoundedNearest nearest_in_double(const DataMatrix &data, std::size_t i, std::size_t k, Workspace &ws,
                                 std::uint64_t &computed) noexcept {
    const Nearest near = nearest_two(&data.values[i * data.cols], ws.centres_t.data(), k, data.cols, ws.scratch.data());
    computed += k;
    return {near.index, std::sqrt(near.best_sq), std::sqrt(near.second_sq)};
}

/// The float search `near` of row i with its bounds, if its two nearest distances are more than
/// twice float_error_bound apart: then the double distances order them the same way.
std::optional<BoundedNearest> certified(const FloatRows &single, std::size_t i, const Workspace &ws,
                                        const FloatNearest &near) noexcept {
    const double error = float_error_bound(single.width, single.norms[i], ws.single.largest_norm);
    if (near.second - near.nearest > 2.0 * error) {
        return BoundedNearest{near.index, near.nearest + error, near.second - error};
    }
    return std::nullopt;
}

/// The nearest centre of row i (ties to the lowest index, as nearest_two in double finds it).
/// With `single` (not empty; ws.single holding the current centres) the search runs in float,
/// and its answer is taken when the two nearest float distances are more than twice
/// float_error_bound apart: then the double distances order them the same way. Otherwise, and
/// without `single`, the row is searched in double (bounds exact). Adds the distances computed.
BoundedNearest nearest_bounded(const DataMatrix &data, const FloatRows &single, std::size_t i, std::size_t k,
                               Workspace &ws, std::uint64_t &computed) noexcept {
    if (!single.empty()) {
        FloatNearest near;
        float_nearest_two(single.row(i), ws.single, k, single.width, near);
        computed += k;
        if (const auto bounded = certified(single, i, ws, near)) {
            return *bounded;
        }
    }
    return nearest_in_double(data, i, k, ws, computed);
}

/// Assigns every row by a full scan (see nearest_bounded); sets the bounds. Returns the rows
/// that changed label (all rows on the first pass, `first`); adds the distances computed.
std::size_t assign_all(const DataMatrix &data, const FloatRows &single, std::size_t k, Workspace &ws, bool first,
                       std::uint64_t &computed) {
    if (!single.empty()) {
        ws.single.assign(ws.centres.data(), k, data.cols);
    }
    std::size_t changed = 0;
    for (std::size_t i = 0; i < data.rows; ++i) {
        const BoundedNearest near = nearest_bounded(data, single, i, k, ws, computed);
        ws.upper[i] = near.upper;
        ws.lower[i] = near.lower;
        if (first) {
            ws.labels[i] = near.index;
            ++changed;
        } else if (near.index != ws.labels[i]) {
            move_row(data, i, near.index, ws);
            ++changed;
        }
    }
    return changed;
}

/// A (row, run) pair of a float batch that needs a full search, and what the search found.
struct PendingScan {
    std::uint32_t row = 0;
    std::uint32_t slot = 0; // the run's slot in the pass's active list
    FloatNearest near;
};

/// The rows of one block of a joint pass that some run must look at, ascending, with a bit per
/// run (its slot in the pass's active list) saying which.
struct SharedCandidates {
    /// Rows searched together in float (visit_in_float).
    static constexpr std::size_t batch_rows = 64;
    /// Rows of a block (assign_hamerly): the bounds of a block's rows, for up to
    /// max_runs_together runs, stay in cache from their update to the visits that reset them.
    static constexpr std::size_t block_rows = 2048;

    std::size_t first = 0;                 // the block's first row
    std::vector<std::uint8_t> runs_of_row; // block_rows, for rows first + [0, block_rows)
    std::vector<std::uint32_t> rows;       // the rows with any bit set
    std::size_t count = 0;
    std::vector<PendingScan> scans;        // batch_rows x runs: the float searches of one batch

    void resize() {
        runs_of_row.resize(block_rows);
        rows.resize(block_rows);
        scans.resize(batch_rows * max_runs_together);
    }
    unsigned runs_of(std::size_t i) const noexcept { return runs_of_row[i - first]; }
};

/// Asks for the `bytes` bytes at `start` to be brought into cache (they are read a few rows
/// later): every 64-byte line they touch.
void prefetch_bytes(const void *start, std::size_t bytes) noexcept {
    const auto *p = static_cast<const char *>(start);
    for (std::size_t b = 0; b < bytes; b += 64) {
        __builtin_prefetch(p + b);
    }
    __builtin_prefetch(p + bytes - 1); // the last line, when the row does not start a line
}

/// Asks for row `i` to be brought into cache (it is read a few candidates later).
void prefetch_row(const DataMatrix &data, std::size_t i) noexcept {
    prefetch_bytes(&data.values[i * data.cols], data.cols * sizeof(double));
}

/// Collects into ws.candidates (ascending) the rows whose bounds fail `needs_check` (Elkan). A row's
/// test reads only its own bounds and label and the pass's fixed centre gaps, so testing all
/// first and then working through the list is the same as one loop, and lets the rows to
/// be read be fetched from memory ahead of time (prefetch_row), which the skipping loop
/// otherwise waits for.
template <typename Test>
std::size_t rows_to_check(std::size_t n, Workspace &ws, Test &&needs_check) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (needs_check(i)) {
            ws.candidates[count++] = static_cast<std::uint32_t>(i);
        }
    }
    return count;
}

/// Row i's bounds in a run from a full search, and the row moved if its nearest centre changed.
void apply_search(const DataMatrix &data, std::size_t i, const BoundedNearest &near, Workspace &ws,
                  std::size_t &changed) noexcept {
    ws.upper[i] = near.upper;
    ws.lower[i] = near.lower;
    if (near.index != ws.labels[i]) {
        move_row(data, i, near.index, ws);
        ++changed;
    }
}

/// The rows of a joint pass searched in double, one after another: for each run that marked
/// the row, the distance to its own centre tightens the upper bound; if that still exceeds
/// max(half gap, lower bound), a full search.
void visit_in_double(const DataMatrix &data, std::size_t k, std::span<Workspace> runs,
                     std::span<const std::size_t> active, const SharedCandidates &shared,
                     std::span<std::uint64_t> computed, std::span<std::size_t> changed) {
    const std::size_t d = data.cols;
    constexpr std::size_t ahead = 6;
    for (std::size_t c = 0; c < shared.count; ++c) {
        if (c + ahead < shared.count) {
            prefetch_row(data, shared.rows[c + ahead]);
        }
        const std::size_t i = shared.rows[c];
        for (unsigned bits = shared.runs_of(i); bits != 0; bits &= bits - 1) {
            const std::size_t r = active[static_cast<std::size_t>(__builtin_ctz(bits))];
            Workspace &ws = runs[r];
            const std::uint32_t a = ws.labels[i];
            const double bound = std::max(ws.half_gap[a], ws.lower[i]);
            ws.upper[i] = std::sqrt(squared_distance(&data.values[i * d], &ws.centres[a * d], d)); // tighten
            ++computed[r];
            if (ws.upper[i] > bound) {
                apply_search(data, i, nearest_in_double(data, i, k, ws, computed[r]), ws, changed[r]);
            }
        }
    }
}

/// The same in float, a batch of rows at a time, without the tightening: a float search of
/// all k centres costs little more than the distance to the own centre (one pass over the row
/// for all), and sets both bounds exactly, so fewer rows fail them in the next passes. First the
/// searches of the batch's (row, run) pairs, then their results in row order: the searches of
/// one pass are independent (the centres stay put; a move changes only its row and the sums),
/// so the batches give what one row after another gives, while the processor overlaps the
/// searches of many rows instead of waiting on each one's chain of dependent additions.
void visit_in_float(const DataMatrix &data, const FloatRows &single, std::size_t k, std::span<Workspace> runs,
                    std::span<const std::size_t> active, SharedCandidates &shared, std::span<std::uint64_t> computed,
                    std::span<std::size_t> changed) {
    constexpr std::size_t float_ahead = 8;
    for (std::size_t from = 0; from < shared.count; from += SharedCandidates::batch_rows) {
        const std::size_t to = std::min(shared.count, from + SharedCandidates::batch_rows);
        std::size_t pending = 0;
        for (std::size_t c = from; c < to; ++c) {
            if (c + float_ahead < shared.count) { // the float search waits on its row otherwise
                prefetch_bytes(single.row(shared.rows[c + float_ahead]), single.width * sizeof(float));
            }
            const std::uint32_t i = shared.rows[c];
            for (unsigned bits = shared.runs_of(i); bits != 0; bits &= bits - 1) {
                PendingScan &scan = shared.scans[pending++];
                scan.row = i;
                scan.slot = static_cast<std::uint32_t>(__builtin_ctz(bits));
                const Workspace &ws = runs[active[scan.slot]];
                float_nearest_two(single.row(i), ws.single, k, single.width, scan.near);
                if (scan.near.index != ws.labels[i]) { // a likely move reads the row in double
                    prefetch_row(data, i);
                }
            }
        }
        for (std::size_t p = 0; p < pending; ++p) {
            const PendingScan &scan = shared.scans[p];
            const std::size_t r = active[scan.slot];
            Workspace &ws = runs[r];
            computed[r] += k;
            const std::optional<BoundedNearest> near = certified(single, scan.row, ws, scan.near);
            apply_search(data, scan.row, near ? *near : nearest_in_double(data, scan.row, k, ws, computed[r]), ws,
                         changed[r]);
        }
    }
}

/// Hamerly's assignment for several runs in one pass, a block of rows at a time. In a block,
/// first, per run, the bounds follow the last update's centre moves and the rows whose upper
/// bound exceeds max(half gap, lower bound) are marked; then the marked rows are visited in
/// order, each read from memory once for every run that marked it (in float with `single`:
/// visit_in_float; else in double: visit_in_double). A row's test reads only its own label and
/// bounds and the pass's fixed centres, which no visit of another row changes, so the blocks
/// give what one test loop over all rows and then one visit loop give, while the block's bounds
/// stay in cache between the two. A run's rows are visited in ascending order, as in a single
/// pass, so its sums change in the same order. Every run must follow exactly one centre
/// update; `active` are the indices of the runs taking part. Adds the distances computed to
/// `computed` and the rows that changed label to `changed` (per run).
void assign_hamerly(const DataMatrix &data, const FloatRows &single, std::size_t k, std::span<Workspace> runs,
                    std::span<const std::size_t> active, SharedCandidates &shared,
                    std::span<std::uint64_t> computed, std::span<std::size_t> changed) {
    const std::size_t d = data.cols;
    const std::size_t n = data.rows;
    for (std::size_t slot = 0; slot < active.size(); ++slot) {
        Workspace &ws = runs[active[slot]];
        compute_half_gaps(k, d, ws);
        lower_bound_drops(k, ws);
        if (!single.empty()) {
            ws.single.assign(ws.centres.data(), k, d);
        }
    }
    for (shared.first = 0; shared.first < n; shared.first += SharedCandidates::block_rows) {
        const std::size_t end = std::min(n, shared.first + SharedCandidates::block_rows);
        std::uint8_t *runs_of_row = shared.runs_of_row.data(); // of row shared.first + b at [b]
        std::fill_n(runs_of_row, end - shared.first, std::uint8_t{0});
        for (std::size_t slot = 0; slot < active.size(); ++slot) {
            Workspace &ws = runs[active[slot]];
            // Without branches: which rows fail is unpredictable, and a mispredicted branch
            // per failing row cost more than the arithmetic of the whole loop.
            const std::uint8_t bit_at = static_cast<std::uint8_t>(slot);
            for (std::size_t i = shared.first; i < end; ++i) {
                const std::uint32_t a = ws.labels[i];
                ws.upper[i] += ws.moved[a];
                ws.lower[i] -= ws.lower_drop[a];
                const bool fails = ws.upper[i] > std::max(ws.half_gap[a], ws.lower[i]);
                runs_of_row[i - shared.first] |= static_cast<std::uint8_t>(static_cast<unsigned>(fails) << bit_at);
            }
        }
        shared.count = 0;
        for (std::size_t i = shared.first; i < end; ++i) {
            shared.rows[shared.count] = static_cast<std::uint32_t>(i); // kept only if some run marked it
            shared.count += runs_of_row[i - shared.first] != 0 ? 1 : 0;
        }
        if (single.empty()) {
            visit_in_double(data, k, runs, active, shared, computed, changed);
        } else {
            visit_in_float(data, single, k, runs, active, shared, computed, changed);
        }
    }
}

/// Elkan's first pass: every distance, which also sets every lower bound exactly.
void assign_elkan_first(const DataMatrix &data, std::size_t k, Workspace &ws) {
    const std::size_t d = data.cols;
    for (std::size_t i = 0; i < data.rows; ++i) {
        const Nearest near = nearest_two(&data.values[i * d], ws.centres_t.data(), k, d, ws.scratch.data());
        for (std::size_t j = 0; j < k; ++j) {
            ws.lower_k[i * k + j] = std::sqrt(ws.scratch[j]);
        }
        ws.labels[i] = near.index;
        ws.upper[i] = std::sqrt(near.best_sq);
    }
}

/// Elkan's assignment (Elkan 2003): a lower bound per row and centre, and half the distances
/// between centres, rule out most centres one by one.
std::size_t assign_elkan(const DataMatrix &data, std::size_t k, Workspace &ws, std::uint64_t &computed) {
    const std::size_t d = data.cols;
    std::fill_n(ws.half_gap.begin(), k, infinity);
    for (std::size_t a = 0; a < k; ++a) {
        ws.half_between[a * k + a] = 0.0;
        for (std::size_t b = a + 1; b < k; ++b) {
            const double half = 0.5 * std::sqrt(squared_distance(&ws.centres[a * d], &ws.centres[b * d], d));
            ws.half_between[a * k + b] = half;
            ws.half_between[b * k + a] = half;
            ws.half_gap[a] = std::min(ws.half_gap[a], half);
            ws.half_gap[b] = std::min(ws.half_gap[b], half);
        }
    }
    // A row needs its data only if some other centre is not ruled out by its lower bound or
    // by half the distance between the centres.
    const std::size_t count = rows_to_check(data.rows, ws, [&](std::size_t i) {
        const std::uint32_t a = ws.labels[i];
        const double u = ws.upper[i];
        if (u <= ws.half_gap[a]) {
            return false;
        }
        const double *lower = &ws.lower_k[i * k];
        const double *half = &ws.half_between[a * k];
        for (std::size_t j = 0; j < k; ++j) {
            if (j != a && u > lower[j] && u > half[j]) {
                return true;
            }
        }
        return false;
    });
    std::size_t changed = 0;
    constexpr std::size_t ahead = 6;
    for (std::size_t c = 0; c < count; ++c) {
        if (c + ahead < count) {
            prefetch_row(data, ws.candidates[c + ahead]);
        }
        const std::size_t i = ws.candidates[c];
        std::uint32_t a = ws.labels[i];
        double u = ws.upper[i];
        const double *x = &data.values[i * d];
        double *lower = &ws.lower_k[i * k];
        bool tight = false;
        for (std::uint32_t j = 0; j < k; ++j) {
            if (j == a || u <= lower[j] || u <= ws.half_between[a * k + j]) {
                continue;
            }
            if (!tight) {
                u = std::sqrt(squared_distance(x, &ws.centres[a * d], d));
                lower[a] = u;
                ++computed;
                tight = true;
                if (u <= lower[j] || u <= ws.half_between[a * k + j]) {
                    continue;
                }
            }
            const double dj = std::sqrt(squared_distance(x, &ws.centres[j * d], d));
            ++computed;
            lower[j] = dj;
            if (dj < u || (dj == u && j < a)) { // ties to the lower index, as a full scan
                a = j;
                u = dj;
            }
        }
        ws.upper[i] = u;
        if (a != ws.labels[i]) {
            move_row(data, i, a, ws);
            ++changed;
        }
    }
    return changed;
}

/// After an update: upper bounds grow by the own centre's move, each lower bound shrinks by
/// its centre's move.
void shift_elkan_bounds(std::size_t n, std::size_t k, Workspace &ws) {
    for (std::size_t i = 0; i < n; ++i) {
        ws.upper[i] += ws.moved[ws.labels[i]];
        double *lower = &ws.lower_k[i * k];
        for (std::size_t j = 0; j < k; ++j) {
            lower[j] = std::max(0.0, lower[j] - ws.moved[j]);
        }
    }
}

double objective(const DataMatrix &data, const Workspace &ws) {
    const std::size_t d = data.cols;
    double total = 0.0;
    for (std::size_t i = 0; i < data.rows; ++i) {
        total += squared_distance(&data.values[i * d], &ws.centres[ws.labels[i] * d], d);
    }
    return total;
}

/// Recomputes centre j from its sum; returns how far it moved.
double recentre(std::size_t j, std::size_t k, std::size_t d, Workspace &ws) {
    std::copy_n(&ws.centres[j * d], d, &ws.previous[j * d]);
    centre_from_sum(j, k, d, ws);
    return std::sqrt(squared_distance(&ws.previous[j * d], &ws.centres[j * d], d));
}

/// The per-cluster factors of Hartigan's criterion, kept up to date across moves (O(k) each)
/// so that testing a row costs no division and no loop over the centres.
struct HartiganFactors {
    std::vector<double> leave; // n_a / (n_a - 1), the cost factor of leaving cluster a (n_a > 1)
    std::vector<double> join;  // s / (s + 1), s the smallest size among the clusters other than a:
                               // no other cluster's join factor is smaller

    void update(std::span<const std::size_t> counts) {
        const std::size_t k = counts.size();
        leave.resize(k);
        join.resize(k);
        std::size_t first = 0; // the smallest cluster (lowest index), and the next smallest size
        std::size_t next = std::numeric_limits<std::size_t>::max();
        for (std::size_t j = 1; j < k; ++j) {
            if (counts[j] < counts[first]) {
                next = counts[first];
                first = j;
            } else {
                next = std::min(next, counts[j]);
            }
        }
        for (std::size_t a = 0; a < k; ++a) {
            const std::size_t na = counts[a];
            leave[a] = na > 1 ? static_cast<double>(na) / static_cast<double>(na - 1) : 0.0;
            const std::size_t smallest = a == first ? next : counts[first];
            join[a] = static_cast<double>(smallest) / static_cast<double>(smallest + 1);
        }
    }
};

/// How far the centres other than a travelled since a row's lower bound was set (after `since`
/// moves), the largest of them: the two largest travels since `since` are kept until the
/// moves or `since` change, as most rows in a row share them.
class TravelSince {
public:
    double shrink(const std::vector<double> &travel, std::size_t k, std::size_t since, std::size_t a) {
        if (since != m_since || travel.size() != m_size) {
            m_since = since;
            m_size = travel.size();
            const double *now = &travel[travel.size() - k];
            const double *then = &travel[since * k];
            m_top = 0.0;
            m_next = 0.0;
            m_top_at = k;
            for (std::size_t j = 0; j < k; ++j) {
                const double moved = now[j] - then[j];
                if (moved > m_top) {
                    m_next = m_top;
                    m_top = moved;
                    m_top_at = j;
                } else {
                    m_next = std::max(m_next, moved);
                }
            }
        }
        return a == m_top_at ? m_next : m_top;
    }

private:
    std::size_t m_since = std::numeric_limits<std::size_t>::max();
    std::size_t m_size = 0;
    double m_top = 0.0;
    double m_next = 0.0;
    std::size_t m_top_at = 0;
};

/// Hartigan's single-row transfers (see KMeansOptions::hartigan): moves a row from its
/// cluster a to b when n_b/(n_b+1) d2(x, c_b) < n_a/(n_a-1) d2(x, c_a), updating both means at
/// once, until a pass moves nothing (or `max_passes`). Every move lowers the within-SS by the
/// difference of the two sides. Sums, counts and centres must be consistent on entry.
///
/// The first pass scans every row, unless `bounds_valid`: ws.upper and ws.lower then hold
/// bounds on each row's distance to its own and to any other centre (Lloyd's last pass, at a
/// fixed point), and the first pass skips rows too. Later passes skip a row whose bounds show
/// it cannot move. A skipped row is one that no computation would have moved, so the moves,
/// and so labels and centres, are those of scanning every row.
/// ws.travel holds, after each move, how far each centre has moved in all (its last k values:
/// so far). A row's distance to its own centre a is at most upper + travel so far of a (upper
/// stored net of it), and to any other centre at least lower minus the farthest any other
/// centre travelled since lower was set (after ws.lower_since[i] moves). Only the centres that
/// moved count, so the many moves of a pass leave most bounds nearly as tight as they were.
void refine_hartigan(const DataMatrix &data, std::size_t k, std::size_t max_passes, bool bounds_valid, Workspace &ws,
                     RunStats &stats) {
    const std::size_t d = data.cols;
    const double *dist = ws.scratch.data();
    ws.travel.assign(k, 0.0);
    if (bounds_valid) { // upper is stored net of the (zero) travel so far
        std::fill(ws.lower_since.begin(), ws.lower_since.end(), std::uint32_t{0});
    }
    HartiganFactors factors;
    factors.update(std::span<const std::size_t>(ws.counts.data(), k));
    TravelSince travel_since;
    for (std::size_t pass = 0; pass < max_passes; ++pass) {
        std::size_t moves = 0;
        for (std::size_t i = 0; i < data.rows; ++i) {
            const std::uint32_t a = ws.labels[i];
            const std::size_t na = ws.counts[a];
            if (na <= 1) {
                if (pass == 0) { // no bounds to trust: scanned once its cluster grows
                    ws.upper[i] = infinity;
                    ws.lower_since[i] = 0;
                }
                continue; // a cluster is never emptied
            }
            const double leave = factors.leave[a];
            if (pass > 0 || bounds_valid) {
                const double join = factors.join[a];
                const double up = ws.upper[i] + ws.travel[ws.travel.size() - k + a];
                const double low = ws.lower[i] - travel_since.shrink(ws.travel, k, ws.lower_since[i], a);
                if (low > 0.0 && join * low * low >= leave * up * up) {
                    continue;
                }
            }
            squared_distances_to_all(&data.values[i * d], ws.centres_t.data(), k, d, ws.scratch.data());
            stats.distance_computations += k;
            const double stay = dist[a] * leave;
            // A margin keeps rounding from moving a row back and forth between near-equal sides.
            double best_cost = stay * (1.0 - 1e-12);
            std::uint32_t best = a;
            for (std::size_t j = 0; j < k; ++j) {
                const double nj = static_cast<double>(ws.counts[j]);
                const double cost = dist[j] * nj / (nj + 1.0);
                if (j != a && cost < best_cost) {
                    best_cost = cost;
                    best = static_cast<std::uint32_t>(j);
                }
            }
            double second = infinity;
            for (std::size_t j = 0; j < k; ++j) {
                second = j == best ? second : std::min(second, dist[j]);
            }
            const std::size_t last = ws.travel.size() - k;
            ws.upper[i] = std::sqrt(dist[best]) - ws.travel[last + best];
            ws.lower[i] = std::sqrt(second);
            ws.lower_since[i] = static_cast<std::uint32_t>(last / k);
            if (best != a) {
                move_row(data, i, best, ws);
                const double moved_a = recentre(a, k, d, ws);
                const double moved_best = recentre(best, k, d, ws);
                for (std::size_t j = 0; j < k; ++j) {
                    ws.travel.push_back(ws.travel[last + j]);
                }
                ws.travel[last + k + a] += moved_a;
                ws.travel[last + k + best] += moved_best;
                factors.update(std::span<const std::size_t>(ws.counts.data(), k));
                ++moves;
            }
        }
        stats.hartigan_moves += moves;
        if (moves == 0) {
            return;
        }
    }
}

} // namespace

namespace {

/// Two doubles operated on lane by lane (GCC/Clang vector extension: one SSE2 register).
/// Lane-wise arithmetic is exactly the scalar arithmetic of each lane.
using Lanes = double __attribute__((vector_size(16)));

inline Lanes load_lanes(const double *p) noexcept {
    Lanes v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

/// Squared distances of x to the 2 x B centres of a panel block starting at `block`: the B
/// sums stay in registers, each over the coordinates in order.
template <std::size_t B>
inline void distances_to_block(const double *__restrict x, const double *__restrict block, std::size_t width,
                               std::size_t d, double *__restrict out) noexcept {
    Lanes sum[B] = {};
    for (std::size_t j = 0; j < d; ++j) {
        const Lanes xj = x[j] - Lanes{}; // x - 0: the broadcast alone (x + 0 would add)
        const double *row = block + j * width;
        for (std::size_t b = 0; b < B; ++b) {
            const Lanes e = xj - load_lanes(row + 2 * b);
            sum[b] += e * e;
        }
    }
    std::memcpy(out, sum, sizeof sum);
}

} // namespace

void squared_distances_to_all(const double *x, const double *panel, std::size_t k, std::size_t d,
                              double *out) noexcept {
    const std::size_t width = panel_width(k);
    std::size_t c = 0;
    for (; c + 8 <= width; c += 8) {
        distances_to_block<4>(x, panel + c, width, d, out + c);
    }
    if (c < width) { // width is a multiple of 4
        distances_to_block<2>(x, panel + c, width, d, out + c);
    }
}

void transpose_centres(const double *centres, std::size_t k, std::size_t d, double *out) noexcept {
    const std::size_t width = panel_width(k);
    std::fill_n(out, width * d, 0.0);
    for (std::size_t j = 0; j < k; ++j) {
        for (std::size_t c = 0; c < d; ++c) {
            out[c * width + j] = centres[j * d + c];
        }
    }
}

Nearest nearest_two(const double *x, const double *panel, std::size_t k, std::size_t d, double *scratch) noexcept {
    squared_distances_to_all(x, panel, k, d, scratch);
    Nearest out{0, infinity, infinity};
    for (std::size_t j = 0; j < k; ++j) {
        const double s = scratch[j];
        if (s < out.best_sq) {
            out.second_sq = out.best_sq;
            out.best_sq = s;
            out.index = static_cast<std::uint32_t>(j);
        } else if (s < out.second_sq) {
            out.second_sq = s;
        }
    }
    return out;
}

void Workspace::resize(std::size_t n, std::size_t k, std::size_t d, bool elkan) {
    lower_k.resize(elkan ? n * k : 0);
    candidates.resize(elkan ? n : 0);
    half_between.resize(k * k);
    centres.resize(k * d);
    centres_t.assign(panel_width(k) * d, 0.0);
    scratch.resize(panel_width(k));
    labels.resize(n);
    upper.resize(n);
    lower.resize(n);
    sums.resize(k * d);
    counts.resize(k);
    previous.resize(k * d);
    moved.resize(k);
    half_gap.resize(k);
    lower_drop.resize(k);
    lower_since.resize(n);
    single.resize(k, d);
}

namespace {

/// What follows an assignment pass of one run: an empty cluster refilled, the centres moved
/// to their means, the trace, scikit-learn's tolerance stop and Elkan's bound shift. Returns
/// whether the run stops (tolerance reached).
bool after_assignment(const DataMatrix &data, const FloatRows &single, std::size_t k, const KMeansOptions &options,
                      double tolerance_abs, Workspace &ws, RunStats &stats) {
    const std::size_t n = data.rows;
    const std::size_t d = data.cols;
    stats.distance_computations += fill_empty_clusters(data, k, ws);
    update_centres(k, d, ws);
    if (options.record_trace) {
        ws.trace.push_back(objective(data, ws));
    }
    if (tolerance_abs > 0.0) {
        double shift = 0.0;
        for (std::size_t j = 0; j < k; ++j) {
            shift += ws.moved[j] * ws.moved[j];
        }
        if (shift <= tolerance_abs) {
            // scikit-learn's rule: stop, and assign once more so labels match the centres.
            assign_all(data, single, k, ws, false, stats.distance_computations);
            stats.converged = true;
            return true;
        }
    }
    if (options.algorithm == KMeansAlgorithm::elkan) {
        shift_elkan_bounds(n, k, ws);
    }
    return false;
}

/// Hartigan's transfers after the iterations (if asked for).
void finish_run(const DataMatrix &data, std::size_t k, const KMeansOptions &options, Workspace &ws,
                RunStats &stats) {
    if (!options.hartigan || k <= 1) {
        return;
    }
    for (std::size_t j = 0; j < k; ++j) {
        centre_from_sum(j, k, data.cols, ws); // after a tolerance stop the centres lag the last assignment
    }
    // At a fixed point Hamerly's and Lloyd's bounds hold for the final centres (Elkan keeps
    // no single lower bound).
    const bool bounds_valid = stats.fixed_point && options.algorithm != KMeansAlgorithm::elkan;
    refine_hartigan(data, k, options.max_iterations, bounds_valid, ws, stats);
    if (options.record_trace && stats.hartigan_moves > 0) {
        ws.trace.push_back(objective(data, ws));
    }
}

} // namespace

void run_lloyd_together(const DataMatrix &data, const FloatRows &single, std::size_t k, const KMeansOptions &options,
                        double tolerance_abs, std::span<Workspace> runs, std::span<RunStats> stats) {
    const std::size_t n = data.rows;
    const std::size_t d = data.cols;
    const bool hamerly = options.algorithm == KMeansAlgorithm::hamerly;
    const bool elkan = options.algorithm == KMeansAlgorithm::elkan;
    std::vector<std::size_t> active;
    // Iteration 1: every distance, from scratch.
    for (std::size_t r = 0; r < runs.size(); ++r) {
        Workspace &ws = runs[r];
        stats[r] = RunStats{};
        stats[r].iterations = 1;
        ws.trace.clear();
        transpose_centres(ws.centres.data(), k, d, ws.centres_t.data());
        if (elkan) {
            assign_elkan_first(data, k, ws);
            stats[r].distance_computations += n * k;
        } else {
            assign_all(data, single, k, ws, true, stats[r].distance_computations);
        }
        accumulate(data, k, ws);
        if (!after_assignment(data, single, k, options, tolerance_abs, ws, stats[r])) {
            active.push_back(r);
        }
    }
    SharedCandidates shared;
    if (hamerly) {
        shared.resize();
    }
    std::vector<std::uint64_t> computed(runs.size(), 0);
    std::vector<std::size_t> changed(runs.size(), 0);
    for (std::size_t it = 2; it <= options.max_iterations && !active.empty(); ++it) {
        std::fill(changed.begin(), changed.end(), std::size_t{0});
        std::fill(computed.begin(), computed.end(), std::uint64_t{0});
        if (hamerly) {
            for (std::size_t from = 0; from < active.size(); from += max_runs_together) {
                const std::size_t size = std::min(max_runs_together, active.size() - from);
                assign_hamerly(data, single, k, runs, std::span<const std::size_t>(active).subspan(from, size), shared,
                               computed, changed);
            }
        } else {
            for (const std::size_t r : active) {
                if (elkan) {
                    changed[r] = assign_elkan(data, k, runs[r], computed[r]);
                } else {
                    changed[r] = assign_all(data, single, k, runs[r], false, computed[r]);
                }
            }
        }
        std::vector<std::size_t> still;
        for (const std::size_t r : active) {
            stats[r].iterations = it;
            stats[r].distance_computations += computed[r];
            if (changed[r] == 0) {
                stats[r].converged = true; // a fixed point: the centres are the means already
                stats[r].fixed_point = true;
            } else if (!after_assignment(data, single, k, options, tolerance_abs, runs[r], stats[r])) {
                still.push_back(r);
            }
        }
        active = std::move(still);
    }
    for (std::size_t r = 0; r < runs.size(); ++r) {
        finish_run(data, k, options, runs[r], stats[r]);
    }
}

RunStats run_lloyd(const DataMatrix &data, const FloatRows &single, std::size_t k, const KMeansOptions &options,
                   double tolerance_abs, Workspace &ws) {
    RunStats stats;
    run_lloyd_together(data, single, k, options, tolerance_abs, std::span<Workspace>(&ws, 1),
                       std::span<RunStats>(&stats, 1));
    return stats;
}

double within_ss(const DataMatrix &data, std::span<const std::uint32_t> labels, std::span<const double> centres,
                 std::span<double> by_cluster) {
    const std::size_t d = data.cols;
    std::fill(by_cluster.begin(), by_cluster.end(), 0.0);
    double total = 0.0;
    for (std::size_t i = 0; i < data.rows; ++i) {
        const double s = squared_distance(&data.values[i * d], &centres[labels[i] * d], d);
        by_cluster[labels[i]] += s;
        total += s;
    }
    return total;
}

std::size_t distinct_rows(const DataMatrix &data, std::size_t enough) {
    if (data.rows == 0) {
        return 0;
    }
    const std::size_t d = data.cols;
    // Usually the first rows already hold `enough` distinct ones: a short scan finds them
    // without sorting the whole matrix (which otherwise runs before the parallel restarts).
    constexpr std::size_t scan_up_to = 64;
    if (enough <= scan_up_to) {
        std::vector<const double *> found;
        for (std::size_t i = 0; i < data.rows && i < 64 * scan_up_to && found.size() < enough; ++i) {
            const double *row = &data.values[i * d];
            const bool seen = std::any_of(found.begin(), found.end(),
                                          [&](const double *other) { return std::equal(row, row + d, other); });
            if (!seen) {
                found.push_back(row);
            }
        }
        if (found.size() >= enough) {
            return found.size();
        }
    }
    std::vector<std::size_t> order(data.rows);
    std::iota(order.begin(), order.end(), std::size_t{0});
    const auto row_less = [&](std::size_t a, std::size_t b) {
        return std::lexicographical_compare(&data.values[a * d], &data.values[a * d] + d, &data.values[b * d],
                                            &data.values[b * d] + d);
    };
    std::sort(order.begin(), order.end(), row_less);
    std::size_t distinct = 1;
    for (std::size_t i = 1; i < order.size() && distinct < enough; ++i) {
        if (row_less(order[i - 1], order[i])) {
            ++distinct;
        }
    }
    return distinct;
}

} // namespace pooled::segmentation::detail
