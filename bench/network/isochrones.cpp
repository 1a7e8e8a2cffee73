// Road isochrones (catchment::isochrones) on the road-like grid or an OSM network.
//   bench_isochrones grid EDGES.bin N SEED CUTOFF_S [AREAS_OUT.bin]
//   bench_isochrones osm PBF N SEED CUTOFF_S [AREAS_OUT.bin]
// Picks N distinct random nodes of the graph (std::mt19937_64 SEED; the grid's largest
// strongly connected component, the OSM network's as load_network keeps it) and draws the
// isochrone of a site 12 m east and 7 m north of each, one cutoff, default options (100 m road
// band), one after another on one thread: per_isochrone_s is the median wall time, cpu_s the
// thread's CPU time over all of them (what load does not inflate). Reached area and vertex
// counts are summed as a check that two builds draw the same regions; AREAS_OUT gets each
// isochrone's area as float64.

#include "grid_graph.hpp"

#include <pooled/catchment/isochrone.hpp>
#include <pooled/geometry/algorithms.hpp>
#include <pooled/network/load.hpp>
#include <pooled/network/snap.hpp>

#include <algorithm>
#include <random>
#include <unordered_set>
#include <variant>

using namespace pooled;

namespace {

std::size_t vertex_count(const geometry::Geometry &g) {
    std::size_t n = 0;
    const auto add = [&n](const geometry::Polygon &p) {
        n += p.outer.points.size();
        for (const auto &h : p.holes) {
            n += h.points.size();
        }
    };
    if (const auto *p = std::get_if<geometry::Polygon>(&g)) {
        add(*p);
    } else if (const auto *m = std::get_if<geometry::MultiPolygon>(&g)) {
        std::for_each(m->polygons.begin(), m->polygons.end(), add);
    }
    return n;
}

} // namespace

int main(int argc, char **argv) {
    const std::string mode = argc > 1 ? argv[1] : "";
    if ((mode != "grid" && mode != "osm") || argc < 6) {
        std::cerr << "usage: bench_isochrones grid|osm EDGES.bin|PBF N SEED CUTOFF_S [AREAS_OUT.bin]\n";
        return 2;
    }
    const std::size_t n = std::stoul(argv[3]);
    std::mt19937_64 rng(std::stoull(argv[4]));
    const double cutoff_s = std::stod(argv[5]);
    network::Graph graph;
    double build_s = 0.0;
    if (mode == "grid") {
        graph = bench::grid_graph(bench::read_edges(argv[2]), true, &build_s);
    } else {
        const double t = bench::now_s();
        graph = network::load_network(argv[2], crs::WorkingCrs::british_national_grid()).graph;
        build_s = bench::now_s() - t;
    }
    const network::Snapper snapper(graph);
    std::vector<catchment::Site> sites;
    std::unordered_set<network::NodeId> seen;
    while (sites.size() < std::min<std::size_t>(n, graph.node_count())) {
        const auto v = static_cast<network::NodeId>(rng() % graph.node_count());
        if (seen.insert(v).second) {
            const geometry::Point p = graph.node_position[v];
            sites.push_back(catchment::Site{std::to_string(graph.node_key[v]), geometry::Point{p.x + 12.0, p.y + 7.0}});
        }
    }
    std::vector<double> times, areas;
    double vertices = 0.0;
    const double c0 = bench::thread_cpu_s();
    for (std::size_t i = 0; i < sites.size(); ++i) {
        const double t = bench::now_s();
        const auto rings = catchment::isochrones(graph, snapper, sites[i], i, {cutoff_s});
        times.push_back(bench::now_s() - t);
        areas.push_back(geometry::area(rings.back().area));
        vertices += static_cast<double>(vertex_count(rings.back().area));
    }
    const double cpu_s = bench::thread_cpu_s() - c0;
    if (argc > 6) {
        bench::write_doubles(argv[6], areas);
    }
    std::vector<double> sorted = times;
    std::sort(sorted.begin(), sorted.end());
    double area_sum = 0.0;
    for (const double a : areas) {
        area_sum += a;
    }
    bench::Result()
        .text("tool", "pooled")
        .text("network", mode)
        .num("nodes", static_cast<double>(graph.node_count()))
        .num("build_s", build_s)
        .num("isochrones", static_cast<double>(sites.size()))
        .num("cutoff_s", cutoff_s)
        .num("per_isochrone_s", sorted.empty() ? 0.0 : sorted[sorted.size() / 2])
        .num("cpu_s", cpu_s)
        .num("cpu_per_isochrone_s", sites.empty() ? 0.0 : cpu_s / static_cast<double>(sites.size()))
        .num("area_sum_m2", area_sum)
        .num("vertices", vertices)
        .print();
    return 0;
}
