// Task 2, pooled: an origins x destinations matrix on the road-like grid (common.hpp).
//   bench_grid_matrix pick EDGES.bin N_ORIGINS N_DESTINATIONS SEED PICKS_OUT.txt
//       chooses distinct random nodes of the built graph (its largest strongly connected
//       component, so every tool can reach every pick) and writes their ids, one per line:
//       origins first, then destinations.
//   bench_grid_matrix run EDGES.bin PICKS.txt THREADS [MATRIX_OUT.bin|-] [hierarchy|dijkstra]
//       builds the graph with coordinates (node id -> 100 m grid in British National Grid),
//       places each origin and destination exactly on its node, builds the contraction
//       hierarchy on THREADS threads (timed apart: prep_s; prep_cpu_s over all threads) and
//       times route_matrix with it (snapping included: query_s, query_cpu_s); time_s is their
//       sum. With "dijkstra", plain BoundedSearch per origin. The
//       matrix goes to MATRIX_OUT as float64, row-major.

#include "grid_graph.hpp"

#include <pooled/network/graph.hpp>
#include <pooled/network/contraction.hpp>
#include <pooled/network/route_matrix.hpp>

#include <optional>

#include <random>
#include <unordered_set>

using namespace pooled;
using namespace pooled::network;

namespace {

std::vector<std::uint64_t> read_picks(const std::string &path) {
    std::ifstream in(path);
    std::vector<std::uint64_t> ids;
    std::uint64_t id = 0;
    while (in >> id) {
        ids.push_back(id);
    }
    return ids;
}

} // namespace

int main(int argc, char **argv) {
    const std::string mode = argc > 1 ? argv[1] : "";
    if (mode == "pick" && argc == 7) {
        const bench::EdgeList list = bench::read_edges(argv[2]);
        double build_s = 0.0;
        const Graph graph = bench::grid_graph(list, false, &build_s);
        const std::size_t n_origins = std::stoul(argv[3]);
        const std::size_t n_destinations = std::stoul(argv[4]);
        std::mt19937_64 rng(std::stoull(argv[5]));
        std::ofstream out(argv[6]);
        for (const std::size_t count : {n_origins, n_destinations}) {
            std::unordered_set<NodeId> seen;
            while (seen.size() < count) {
                const auto v = static_cast<NodeId>(rng() % graph.node_count());
                if (seen.insert(v).second) {
                    out << graph.node_key[v] << "\n";
                }
            }
        }
        std::cerr << "picked " << n_origins << " origins and " << n_destinations << " destinations among "
                  << graph.node_count() << " nodes of the largest component (of " << list.nodes << ")\n";
        return 0;
    }
    if (mode != "run" || argc < 5) {
        std::cerr << "usage: bench_grid_matrix pick EDGES N_ORIGINS N_DESTINATIONS SEED OUT\n"
                     "       bench_grid_matrix run EDGES PICKS THREADS [MATRIX_OUT]\n";
        return 2;
    }
    const std::vector<std::uint64_t> picks = read_picks(argv[3]);
    const unsigned threads = static_cast<unsigned>(std::stoul(argv[4]));
    const std::string method = argc > 6 ? argv[6] : "hierarchy";
    double build_s = 0.0;
    std::vector<Located> origins, destinations;
    Graph graph;
    std::uint64_t nodes = 0;
    {
        const bench::EdgeList list = bench::read_edges(argv[2]);
        nodes = list.nodes;
        graph = bench::grid_graph(list, true, &build_s);
        const std::size_t n_origins = picks.size() / 2; // square matrices: as many of each
        for (std::size_t i = 0; i < picks.size(); ++i) {
            auto &into = i < n_origins ? origins : destinations;
            into.push_back(Located{std::to_string(picks[i]), bench::grid_position(list, picks[i])});
        }
    }
    // The hierarchy is built first and timed on its own (preprocessing, once per graph), then
    // route_matrix uses it (query). method "dijkstra" times plain BoundedSearch instead.
    MatrixOptions options;
    options.threads = threads;
    double prep_s = 0.0;
    double prep_cpu_s = 0.0; // CPU time of the preprocessing, all threads: what load does not inflate
    // The calling thread's share: it runs the sequential steps and takes its part of the
    // parallel ones, so on an idle machine the wall time is about this.
    double prep_main_cpu_s = 0.0;
    std::optional<ContractionHierarchy> hierarchy;
    if (method == "dijkstra") {
        options.method = MatrixMethod::dijkstra;
    } else {
        const double t0 = bench::now_s();
        const double c0 = bench::process_cpu_s();
        const double m0 = bench::thread_cpu_s();
        hierarchy.emplace(graph, Cost::seconds, ContractionOptions{.threads = threads});
        prep_s = bench::now_s() - t0;
        prep_cpu_s = bench::process_cpu_s() - c0;
        prep_main_cpu_s = bench::thread_cpu_s() - m0;
        options.method = MatrixMethod::hierarchy;
        options.hierarchy = &*hierarchy;
    }
    MatrixReport report;
    const double t = bench::now_s();
    const double query_c0 = bench::process_cpu_s();
    const CostMatrix matrix = route_matrix(graph, origins, destinations, options, &report);
    const double query_s = bench::now_s() - t;
    const double query_cpu_s = bench::process_cpu_s() - query_c0;
    double sum = 0.0;
    std::vector<double> dense(origins.size() * destinations.size(), std::numeric_limits<double>::infinity());
    for (std::size_t i = 0; i < origins.size(); ++i) {
        for (const MatrixEntry &entry : matrix.row(i)) {
            dense[i * destinations.size() + entry.destination] = entry.cost;
            sum += entry.cost;
        }
    }
    if (argc > 5 && std::string(argv[5]) != "-") {
        bench::write_doubles(argv[5], dense);
    }
    bench::Result()
        .text("tool", "pooled")
        .num("nodes", static_cast<double>(graph.node_count()))
        .num("input_nodes", static_cast<double>(nodes))
        .num("arcs", static_cast<double>(graph.arc_count()))
        .num("threads", threads)
        .num("build_s", build_s)
        .text("method", method)
        .num("prep_s", prep_s)
        .num("prep_cpu_s", prep_cpu_s)
        .num("prep_main_cpu_s", prep_main_cpu_s)
        .num("query_s", query_s)
        .num("query_cpu_s", query_cpu_s)
        .num("time_s", prep_s + query_s)
        .num("shortcuts", hierarchy ? static_cast<double>(hierarchy->shortcut_count()) : 0.0)
        .num("stored", static_cast<double>(matrix.stored()))
        .num("unsnapped", static_cast<double>(report.unsnapped_origins.size() + report.unsnapped_destinations.size()))
        .num("sum", sum)
        .print();
    return 0;
}
