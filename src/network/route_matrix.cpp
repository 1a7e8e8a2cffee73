#include <pooled/network/route_matrix.hpp>

#include <pooled/core/error.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cmath>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

namespace pooled::network {

namespace {
/// MatrixMethod::automatic builds a hierarchy from this many origins per thread (without a
/// cutoff): building one (on one thread) took as long as about 40 searches on the Rutland drive
/// graph (6,714 nodes) and 100 on the 1M-node road-like grid of bench/network. It now runs on
/// the matrix's threads too, so the ratio per thread stays about the same.
constexpr std::size_t hierarchy_min_origins_per_thread = 64;

std::vector<std::optional<Snap>> snap_all(const Snapper &snapper, std::span<const Located> points, double max_snap_m,
                                          std::vector<std::string> *unsnapped) {
    std::vector<std::optional<Snap>> snaps;
    snaps.reserve(points.size());
    for (const auto &p : points) {
        snaps.push_back(snapper.snap(p.point, max_snap_m));
        if (!snaps.back() && unsnapped != nullptr) {
            unsnapped->push_back(p.id);
        }
    }
    return snaps;
}

std::vector<std::string> ids_of(std::span<const Located> points) {
    std::vector<std::string> ids;
    ids.reserve(points.size());
    for (const auto &p : points) {
        ids.push_back(p.id);
    }
    return ids;
}
} // namespace

CostMatrix route_matrix(const Graph &graph, std::span<const Located> origins, std::span<const Located> destinations,
                        const MatrixOptions &options, MatrixReport *report, const Progress &progress) {
    if (options.cutoff && !(*options.cutoff > 0.0)) {
        throw Error(Errc::argument, "the cutoff must be positive, not " + std::to_string(*options.cutoff));
    }
    if (!(options.access.speed_mps > 0.0)) {
        throw Error(Errc::argument, "the access-leg speed must be positive");
    }
    const Snapper snapper(graph);
    const auto origin_snaps =
        snap_all(snapper, origins, options.max_snap_m, report ? &report->unsnapped_origins : nullptr);
    const auto destination_snaps =
        snap_all(snapper, destinations, options.max_snap_m, report ? &report->unsnapped_destinations : nullptr);
    const double limit = options.cutoff.value_or(std::numeric_limits<double>::infinity());

    // With a hierarchy: the destinations' edge end nodes are the targets (from at 2j, to at
    // 2j + 1), searched backwards once; each origin is then one forward search.
    const unsigned hardware = std::max(1U, std::thread::hardware_concurrency());
    const unsigned thread_count =
        static_cast<unsigned>(std::min<std::size_t>(options.threads == 0 ? hardware : options.threads,
                                                    std::max<std::size_t>(origins.size(), 1)));
    const bool use_hierarchy =
        options.method == MatrixMethod::hierarchy ||
        (options.method == MatrixMethod::automatic &&
         (options.hierarchy != nullptr ||
          (!options.cutoff && origins.size() >= hierarchy_min_origins_per_thread * thread_count)));
    std::optional<ContractionHierarchy> own_hierarchy;
    std::optional<TargetBuckets> buckets;
    if (use_hierarchy) {
        const ContractionHierarchy *hierarchy = options.hierarchy;
        if (hierarchy == nullptr) {
            own_hierarchy.emplace(graph, options.cost, ContractionOptions{.threads = options.threads});
            hierarchy = &*own_hierarchy;
        }
        if (hierarchy->cost() != options.cost || hierarchy->node_count() != graph.node_count()) {
            throw Error(Errc::argument, "the contraction hierarchy was built for another graph or cost");
        }
        std::vector<NodeId> targets(2 * destinations.size(), 0);
        for (std::size_t j = 0; j < destinations.size(); ++j) {
            if (destination_snaps[j]) {
                const Edge &edge = graph.edges.at(destination_snaps[j]->edge);
                targets[2 * j] = edge.from;
                targets[2 * j + 1] = edge.to;
            }
        }
        buckets.emplace(*hierarchy, targets, limit);
    }

    // Each origin's row is computed by whichever worker takes it and stored at its own index,
    // so the matrix is the same whatever the number of threads.
    std::vector<std::vector<MatrixEntry>> rows(origins.size());
    const auto fill_row = [&](std::size_t i, const auto &reach_of_end) {
        auto &row = rows[i];
        for (std::size_t j = 0; j < destinations.size(); ++j) {
            if (!destination_snaps[j]) {
                continue;
            }
            const Snap &destination = *destination_snaps[j];
            const Edge &edge = graph.edges[destination.edge];
            double other = 0.0;
            const double cost = cost_to_snap(graph, options.cost, reach_of_end(j, 0, edge.from),
                                             reach_of_end(j, 1, edge.to), destination, options.access,
                                             &*origin_snaps[i], &other);
            if (std::isfinite(cost) && cost <= limit) {
                row.push_back(MatrixEntry{static_cast<std::uint32_t>(j), cost, other});
            }
        }
    };
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> done{0};
    std::atomic<bool> stop{false};
    std::exception_ptr failure;
    std::mutex mutex; // guards failure; with `finished`, wakes the reporting thread
    std::condition_variable finished;
    const auto work = [&] {
        try {
            std::optional<BoundedSearch> search;
            std::optional<ForwardSearch> forward;
            std::vector<TargetCost> found;
            if (buckets) {
                forward.emplace(buckets->hierarchy());
            } else {
                search.emplace(graph, options.cost);
            }
            for (std::size_t i = next++; i < origins.size() && !stop; i = next++) {
                if (origin_snaps[i]) {
                    const auto starts = starts_from(graph, *origin_snaps[i], options.cost, options.access);
                    if (forward) {
                        forward->run(starts, *buckets, found);
                        fill_row(i, [&found](std::size_t j, std::size_t end, NodeId) {
                            const TargetCost &t = found[2 * j + end];
                            return NodeReach{t.cost, t.other};
                        });
                    } else {
                        search->run(starts, limit);
                        fill_row(i, [&search](std::size_t, std::size_t, NodeId node) {
                            return search->reached(node) ? NodeReach{search->cost_to(node), search->other_to(node)}
                                                         : NodeReach{};
                        });
                    }
                }
                if (++done == origins.size()) {
                    const std::lock_guard<std::mutex> lock(mutex);
                    finished.notify_all();
                }
            }
        } catch (...) {
            const std::lock_guard<std::mutex> lock(mutex);
            failure = std::current_exception();
            stop = true;
            finished.notify_all();
        }
    };
    std::vector<std::thread> workers;
    for (unsigned t = 0; t < thread_count; ++t) {
        workers.emplace_back(work);
    }
    // Only this thread talks to the progress sink; a cancel stops the workers cleanly.
    try {
        std::unique_lock<std::mutex> lock(mutex);
        while (done < origins.size() && !stop) {
            lock.unlock();
            progress.report(static_cast<double>(done) / static_cast<double>(std::max<std::size_t>(origins.size(), 1)),
                            "travel costs");
            lock.lock();
            finished.wait_for(lock, std::chrono::milliseconds(100), [&] { return done == origins.size() || stop; });
        }
    } catch (...) {
        stop = true;
        for (auto &worker : workers) {
            worker.join();
        }
        throw;
    }
    for (auto &worker : workers) {
        worker.join();
    }
    if (failure) {
        std::rethrow_exception(failure);
    }
    progress.report(1.0, "travel costs");
    const CostUnit unit = options.cost == Cost::seconds ? CostUnit::seconds : CostUnit::metres;
    const CostUnit other = options.cost == Cost::seconds ? CostUnit::metres : CostUnit::seconds;
    return CostMatrix(ids_of(origins), ids_of(destinations), unit, other, options.cutoff, std::move(rows));
}

} // namespace pooled::network
