#pragma once
// Road networks drawn as text (in the spirit of OSRM's testbot features and Valhalla's gurka):
// letters on a grid are junctions, ways join consecutive letters, and every distance and time
// follows from the spacing and the speed, so expected costs can be worked out by hand.
//
//     const auto grid = pooled::test::grid_network(
//         "a b c\n"
//         "d e f\n",
//         {"abc", "def", "ad", ">be", "cf:5"},
//         pooled::test::GridSpec{.spacing_m = 100.0, .speed_mps = 10.0});
//
// Map: one line per row, rows `spacing_m` apart (the first line is the northernmost); columns
// are half a spacing apart, so letters written with one space between them ("a b") are
// `spacing_m` apart, like letters on consecutive lines. Letters and digits are junctions
// (each at most once); every other character ('-', '|', '+', spaces) is only drawing.
// Ways: letters to join in order, optionally prefixed by '>' for a one-way way (travelled
// only in the written order) and suffixed by ":<m/s>" for a speed other than the spec's.
// Junction keys are the letters' character codes, so node ids follow the letters' order
// (digits < upper case < lower case). Coordinates are British National Grid (EPSG:27700)
// near Derby; each road edge's shape is the straight line between its letters and its
// origin_id is the way's index in `ways`.

#include <pooled/crs/crs.hpp>
#include <pooled/geometry/types.hpp>
#include <pooled/network/graph.hpp>
#include <pooled/network/road_edges.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace pooled::test {

/// How a drawn network is measured and built.
struct GridSpec {
    double spacing_m = 100.0;            ///< between neighbouring letters (across or down)
    double speed_mps = 10.0;             ///< of every way without its own ":speed"
    bool largest_component_only = false; ///< passed to build_graph; off so what is drawn is kept
};

/// Where the drawn grids lie: British National Grid, near Derby.
inline constexpr double grid_origin_x = 435000.0;
inline constexpr double grid_origin_y = 336000.0;

/// British National Grid, made once.
inline const crs::WorkingCrs &grid_crs() {
    static const crs::WorkingCrs crs = crs::WorkingCrs::british_national_grid();
    return crs;
}

/// The junction key of a letter (its character code).
inline std::uint64_t grid_key(char letter) { return static_cast<unsigned char>(letter); }

/// A drawn network: its road edges, the graph built from them, and the build report.
struct GridNetwork {
    network::RoadEdges roads;
    network::Graph graph;
    network::BuildReport report;
    std::map<char, geometry::Point> positions; ///< every letter of the map

    /// The graph node of a letter. @throws pooled::Error if the graph has no such node.
    network::NodeId node(char letter) const { return graph.node_of_key(grid_key(letter)); }
    /// Whether the letter is a node of the graph (false for a dropped island or an unused letter).
    bool has_node(char letter) const {
        const auto &keys = graph.node_key;
        return std::binary_search(keys.begin(), keys.end(), grid_key(letter));
    }
    /// Where the letter is drawn.
    geometry::Point position(char letter) const {
        const auto it = positions.find(letter);
        if (it == positions.end()) {
            throw std::invalid_argument(std::string("grid_network: no letter '") + letter + "' on the map");
        }
        return it->second;
    }
    /// Rebuilds `graph` (and `report`) from `roads`, e.g. after a test added an edge.
    void rebuild(const network::BuildOptions &options) { graph = network::build_graph(roads, options, &report); }
    /// Adds a zero-length, zero-time two-way edge from the letter `at` to a new junction
    /// `twin` at the same place (an OSM node duplicated, say); call rebuild() after.
    void add_twin(char at, char twin) {
        network::RoadEdge zero;
        zero.source = static_cast<unsigned char>(at);
        zero.target = static_cast<unsigned char>(twin);
        zero.metres = 0.0;
        zero.forward_seconds = 0.0;
        zero.backward_seconds = 0.0;
        zero.shape = {position(at), position(at)};
        roads.edges.push_back(zero);
    }
};

namespace detail {

inline bool is_junction(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

inline double distance(const geometry::Point &a, const geometry::Point &b) { return std::hypot(b.x - a.x, b.y - a.y); }

} // namespace detail

/// The road edges, graph and report of a network drawn as `map` with `ways` (see the top of
/// this file). @throws std::invalid_argument for a malformed drawing or way.
inline GridNetwork grid_network(std::string_view map, const std::vector<std::string> &ways, const GridSpec &spec = {}) {
    GridNetwork grid;

    std::vector<std::string_view> lines;
    for (std::size_t begin = 0; begin <= map.size();) {
        const std::size_t end = std::min(map.find('\n', begin), map.size());
        lines.push_back(map.substr(begin, end - begin));
        begin = end + 1;
    }
    while (!lines.empty() && lines.back().empty()) {
        lines.pop_back();
    }
    for (std::size_t row = 0; row < lines.size(); ++row) {
        for (std::size_t column = 0; column < lines[row].size(); ++column) {
            const char c = lines[row][column];
            if (!detail::is_junction(c)) {
                continue;
            }
            const geometry::Point p{grid_origin_x + static_cast<double>(column) * spec.spacing_m / 2.0,
                                    grid_origin_y + static_cast<double>(lines.size() - 1 - row) * spec.spacing_m};
            if (!grid.positions.emplace(c, p).second) {
                throw std::invalid_argument(std::string("grid_network: letter '") + c + "' is drawn twice");
            }
        }
    }

    grid.roads.crs = grid_crs();
    grid.roads.source = "grid";
    for (std::size_t w = 0; w < ways.size(); ++w) {
        std::string_view way = ways[w];
        const bool one_way = !way.empty() && way.front() == '>';
        if (one_way) {
            way.remove_prefix(1);
        }
        double speed = spec.speed_mps;
        if (const auto colon = way.find(':'); colon != std::string_view::npos) {
            const std::string text(way.substr(colon + 1));
            char *end = nullptr;
            speed = std::strtod(text.c_str(), &end);
            if (text.empty() || *end != '\0' || !(speed > 0.0)) {
                throw std::invalid_argument("grid_network: bad speed in way '" + ways[w] + "'");
            }
            way = way.substr(0, colon);
        }
        if (way.size() < 2) {
            throw std::invalid_argument("grid_network: way '" + ways[w] + "' joins fewer than two letters");
        }
        for (std::size_t i = 0; i + 1 < way.size(); ++i) {
            const geometry::Point from = grid.position(way[i]);
            const geometry::Point to = grid.position(way[i + 1]);
            network::RoadEdge edge;
            edge.source = grid_key(way[i]);
            edge.target = grid_key(way[i + 1]);
            edge.metres = detail::distance(from, to);
            edge.forward_seconds = edge.metres / speed;
            edge.backward_seconds = one_way ? network::not_traversable : edge.forward_seconds;
            edge.shape = {from, to};
            edge.origin_id = static_cast<std::int64_t>(w);
            grid.roads.edges.push_back(std::move(edge));
        }
    }
    grid.rebuild(network::BuildOptions{.largest_component_only = spec.largest_component_only});
    return grid;
}

/// A `columns` x `rows` lattice of two-way roads, `spacing_m` apart at `speed_mps`, for
/// sizes no drawing can reach. The junction at column c, row r has key r * columns + c (so
/// node id == key); shapes are straight lines in British National Grid.
inline network::RoadEdges lattice_roads(std::uint32_t columns, std::uint32_t rows, const GridSpec &spec = {}) {
    network::RoadEdges roads;
    roads.crs = grid_crs();
    roads.source = "lattice";
    const double seconds = spec.spacing_m / spec.speed_mps;
    const auto position = [&](std::uint64_t c, std::uint64_t r) {
        return geometry::Point{grid_origin_x + static_cast<double>(c) * spec.spacing_m,
                               grid_origin_y + static_cast<double>(r) * spec.spacing_m};
    };
    const auto add = [&](std::uint64_t c0, std::uint64_t r0, std::uint64_t c1, std::uint64_t r1) {
        network::RoadEdge edge;
        edge.source = r0 * columns + c0;
        edge.target = r1 * columns + c1;
        edge.metres = spec.spacing_m;
        edge.forward_seconds = seconds;
        edge.backward_seconds = seconds;
        edge.shape = {position(c0, r0), position(c1, r1)};
        edge.origin_id = static_cast<std::int64_t>(roads.edges.size());
        roads.edges.push_back(std::move(edge));
    };
    roads.edges.reserve(2ULL * columns * rows);
    for (std::uint64_t r = 0; r < rows; ++r) {
        for (std::uint64_t c = 0; c < columns; ++c) {
            if (c + 1 < columns) {
                add(c, r, c + 1, r);
            }
            if (r + 1 < rows) {
                add(c, r, c, r + 1);
            }
        }
    }
    return roads;
}

} // namespace pooled::test
