// Tasks 3 and 4, pooled: the Rutland drive network from OpenStreetMap.
//   bench_rutland build PBF REPEAT
//       times load_network (read_osm_roads + build_graph, defaults) REPEAT times in this process.
//   bench_rutland export PBF ORIGINS_SPEC ORIGIN_ID DESTINATIONS_SPEC DESTINATION_ID DIR
//       writes the built graph for the peers: DIR/edges.csv (id,source,target,cost,reverse_cost;
//       seconds, -1 = closed that way; ids are the Graph's NodeIds), and DIR/origins.csv and
//       DIR/destinations.csv (id,node,snap_m): each point's nearest graph NODE (Euclidean, ties
//       to the smaller id), the snapping every tool uses in the node-to-node comparison.
//   bench_rutland matrix PBF ORIGINS_SPEC ORIGIN_ID DESTINATIONS_SPEC DESTINATION_ID THREADS [OUT.bin]
//       times route_matrix as the CLI runs it (points snapped to the nearest EDGE, walking
//       access leg; snapping included; graph and points prepared beforehand).
//   bench_rutland nodes PBF DIR [OUT.bin]
//       times the node-to-node matrix with BoundedSearch, one search per origin, one thread,
//       using DIR/origins.csv and DIR/destinations.csv from `export`.
//   bench_rutland nodes-ch PBF DIR [OUT.bin]
//       the same matrix on a contraction hierarchy: preprocessing and bucket query timed apart.
// Matrices go to OUT as float64, row-major (origins x destinations, +inf = unreachable).

#include "common.hpp"

#include <pooled/geometry/algorithms.hpp>
#include <pooled/io/reader.hpp>
#include <pooled/network/contraction.hpp>
#include <pooled/network/load.hpp>
#include <pooled/network/route_matrix.hpp>

#include <algorithm>

using namespace pooled;
using namespace pooled::network;

namespace {

const crs::WorkingCrs &bng() {
    static const crs::WorkingCrs crs = crs::WorkingCrs::british_national_grid();
    return crs;
}

Graph load(const std::string &pbf) { return load_network(pbf, bng()).graph; }

std::vector<Located> points_of(const std::string &spec, const std::string &id_field) {
    const io::Layer layer = io::read_layer(io::LayerSource::parse(spec), bng());
    const std::size_t index = layer.require_field(id_field);
    std::vector<Located> points;
    for (const auto &feature : layer.features()) {
        points.push_back(Located{io::to_text(feature.values[index]), geometry::representative_point(feature.geometry)});
    }
    return points;
}

std::string number(double value) {
    if (!std::isfinite(value)) {
        return "-1";
    }
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%.9g", value); // a float's exact value round-trips
    return buffer;
}

void write_points(const Graph &graph, const std::vector<Located> &points, const std::string &path) {
    std::ofstream out(path);
    out << "id,node,snap_m\n";
    for (const Located &p : points) {
        NodeId best = no_node;
        double best_d2 = std::numeric_limits<double>::infinity();
        for (NodeId v = 0; v < graph.node_count(); ++v) {
            const double dx = graph.node_position[v].x - p.point.x;
            const double dy = graph.node_position[v].y - p.point.y;
            const double d2 = dx * dx + dy * dy;
            if (d2 < best_d2) {
                best_d2 = d2;
                best = v;
            }
        }
        out << p.id << "," << best << "," << std::sqrt(best_d2) << "\n";
    }
}

std::vector<NodeId> read_nodes(const std::string &path) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line); // header
    std::vector<NodeId> nodes;
    while (std::getline(in, line)) {
        const auto a = line.find(',');
        const auto b = line.find(',', a + 1);
        nodes.push_back(static_cast<NodeId>(std::stoul(line.substr(a + 1, b - a - 1))));
    }
    return nodes;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.size() % 2 == 1 ? v[v.size() / 2] : 0.5 * (v[v.size() / 2 - 1] + v[v.size() / 2]);
}

/// The result line of a node-to-node matrix (time fields added by the caller); writes the
/// matrix to `out` if given.
bench::Result node_result(const Graph &graph, const std::vector<NodeId> &origins,
                          const std::vector<NodeId> &destinations, const std::vector<double> &dense, const char *out) {
    double sum = 0.0;
    for (const double d : dense) {
        sum += std::isfinite(d) ? d : 0.0;
    }
    if (out != nullptr) {
        bench::write_doubles(out, dense);
    }
    bench::Result result;
    result.text("tool", "pooled")
        .num("threads", 1)
        .num("origins", static_cast<double>(origins.size()))
        .num("destinations", static_cast<double>(destinations.size()))
        .num("nodes", graph.node_count())
        .num("sum", sum);
    return result;
}

int usage() {
    std::cerr << "usage: bench_rutland build PBF REPEAT\n"
                 "       bench_rutland export PBF ORIGINS ORIGIN_ID DESTINATIONS DESTINATION_ID DIR\n"
                 "       bench_rutland matrix PBF ORIGINS ORIGIN_ID DESTINATIONS DESTINATION_ID THREADS [OUT]\n"
                 "       bench_rutland nodes PBF DIR [OUT]\n"
                 "       bench_rutland nodes-ch PBF DIR [OUT]\n";
    return 2;
}

} // namespace

int main(int argc, char **argv) {
    const std::string mode = argc > 1 ? argv[1] : "";
    if (mode == "build" && argc == 4) {
        const int repeat = std::stoi(argv[3]);
        std::vector<double> times;
        LoadedNetwork last;
        for (int i = 0; i < repeat; ++i) {
            const double t = bench::now_s();
            last = load_network(argv[2], bng());
            times.push_back(bench::now_s() - t);
        }
        std::string all;
        for (const double t : times) {
            all += (all.empty() ? "" : " ") + std::to_string(t);
        }
        bench::Result()
            .text("tool", "pooled")
            .num("time_s", median(times))
            .text("times", all)
            .num("nodes", last.graph.node_count())
            .num("arcs", last.graph.arc_count())
            .num("edges", static_cast<double>(last.graph.edges.size()))
            .num("ways_used", last.osm ? static_cast<double>(last.osm->ways_used) : -1.0)
            .print();
        return 0;
    }
    if (mode == "export" && argc == 8) {
        const Graph graph = load(argv[2]);
        const std::string dir = argv[7];
        {
            std::ofstream out(dir + "/edges.csv");
            out << "id,source,target,cost,reverse_cost\n";
            for (std::size_t e = 0; e < graph.edges.size(); ++e) {
                const Edge &edge = graph.edges[e];
                out << e << "," << edge.from << "," << edge.to << "," << number(edge.forward_seconds) << ","
                    << number(edge.backward_seconds) << "\n";
            }
        }
        write_points(graph, points_of(argv[3], argv[4]), dir + "/origins.csv");
        write_points(graph, points_of(argv[5], argv[6]), dir + "/destinations.csv");
        bench::Result()
            .text("tool", "pooled")
            .num("nodes", graph.node_count())
            .num("arcs", graph.arc_count())
            .num("edges", static_cast<double>(graph.edges.size()))
            .print();
        return 0;
    }
    if (mode == "matrix" && argc >= 8) {
        const Graph graph = load(argv[2]);
        const auto origins = points_of(argv[3], argv[4]);
        const auto destinations = points_of(argv[5], argv[6]);
        MatrixOptions options;
        options.threads = static_cast<unsigned>(std::stoul(argv[7]));
        MatrixReport report;
        const double t = bench::now_s();
        const CostMatrix matrix = route_matrix(graph, origins, destinations, options, &report);
        const double matrix_s = bench::now_s() - t;
        std::vector<double> dense(origins.size() * destinations.size(), std::numeric_limits<double>::infinity());
        double sum = 0.0;
        for (std::size_t i = 0; i < origins.size(); ++i) {
            for (const MatrixEntry &entry : matrix.row(i)) {
                dense[i * destinations.size() + entry.destination] = entry.cost;
                sum += entry.cost;
            }
        }
        if (argc > 8) {
            bench::write_doubles(argv[8], dense);
        }
        bench::Result()
            .text("tool", "pooled")
            .num("time_s", matrix_s)
            .num("threads", options.threads)
            .num("origins", static_cast<double>(origins.size()))
            .num("destinations", static_cast<double>(destinations.size()))
            .num("nodes", graph.node_count())
            .num("stored", static_cast<double>(matrix.stored()))
            .num("unsnapped", static_cast<double>(report.unsnapped_origins.size() +
                                                  report.unsnapped_destinations.size()))
            .num("sum", sum)
            .print();
        return 0;
    }
    if (mode == "nodes" && argc >= 4) {
        const Graph graph = load(argv[2]);
        const std::string dir = argv[3];
        const auto origins = read_nodes(dir + "/origins.csv");
        const auto destinations = read_nodes(dir + "/destinations.csv");
        std::vector<double> dense(origins.size() * destinations.size());
        const double t = bench::now_s();
        BoundedSearch search(graph);
        for (std::size_t i = 0; i < origins.size(); ++i) {
            search.run(origins[i]);
            for (std::size_t j = 0; j < destinations.size(); ++j) {
                dense[i * destinations.size() + j] = search.cost_to(destinations[j]);
            }
        }
        const double matrix_s = bench::now_s() - t;
        node_result(graph, origins, destinations, dense, argc > 4 ? argv[4] : nullptr).num("time_s", matrix_s).print();
        return 0;
    }
    if (mode == "nodes-ch" && argc >= 4) {
        // The node-to-node matrix on a contraction hierarchy: preprocessing (prep_s) and the
        // bucket many-to-many query (query_s) timed apart; time_s is their sum. One thread.
        const Graph graph = load(argv[2]);
        const std::string dir = argv[3];
        const auto origins = read_nodes(dir + "/origins.csv");
        const auto destinations = read_nodes(dir + "/destinations.csv");
        std::vector<double> dense(origins.size() * destinations.size());
        const double t0 = bench::now_s();
        const double c0 = bench::thread_cpu_s();
        const ContractionHierarchy hierarchy(graph, Cost::seconds, ContractionOptions{.threads = 1});
        const double prep_s = bench::now_s() - t0;
        const double prep_cpu_s = bench::thread_cpu_s() - c0;
        const double t = bench::now_s();
        const TargetBuckets buckets(hierarchy, destinations);
        ForwardSearch forward(hierarchy);
        std::vector<TargetCost> found;
        for (std::size_t i = 0; i < origins.size(); ++i) {
            const Start start{.node = origins[i]};
            forward.run(std::span<const Start>(&start, 1), buckets, found);
            for (std::size_t j = 0; j < destinations.size(); ++j) {
                dense[i * destinations.size() + j] = found[j].cost;
            }
        }
        const double query_s = bench::now_s() - t;
        node_result(graph, origins, destinations, dense, argc > 4 ? argv[4] : nullptr)
            .num("prep_s", prep_s)
            .num("prep_cpu_s", prep_cpu_s)
            .num("query_s", query_s)
            .num("time_s", prep_s + query_s)
            .num("shortcuts", static_cast<double>(hierarchy.shortcut_count()))
            .print();
        return 0;
    }
    return usage();
}
