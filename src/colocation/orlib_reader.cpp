// OR-Library p-median reader: parse the edge list (last duplicate wins), build a network Graph
// from it and complete the matrix with one shortest-path search per vertex.

#include <pooled/colocation/orlib.hpp>
#include <pooled/core/error.hpp>
#include <pooled/network/graph.hpp>
#include <pooled/network/search.hpp>

#include "catchment/parallel_for.hpp"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <utility>
#include <vector>

namespace pooled::colocation {

namespace {

/// Reads the next non-blank line into `fields`; false at the end of the file.
bool next_line(std::istream &in, std::istringstream &fields, std::size_t &line_number) {
    std::string line;
    while (std::getline(in, line)) {
        ++line_number;
        if (line.find_first_not_of(" \t\r") != std::string::npos) {
            fields.clear();
            fields.str(line);
            return true;
        }
    }
    return false;
}

/// True when nothing but blanks follows what was read from `fields`: "1 2 3.5" must not pass
/// as a cost of 3, nor "1 2 3 4" as the edge (1, 2).
bool rest_is_blank(std::istringstream &fields) {
    fields >> std::ws;
    return fields.eof();
}

/// OR-Library's largest p-median instance (pmed40) has 900 vertices. Each vertex is a row of
/// the matrix, an origin and a destination: far more than this is a mistake in the file, and
/// 3,000,000,000 of them ended in std::bad_alloc rather than a message (fuzz/README.md, F7).
constexpr long long max_vertices = 1'000'000;

} // namespace

OrlibPMedian read_orlib_pmedian(const std::string &path, unsigned threads) {
    std::ifstream in(path);
    if (!in) {
        throw Error(Errc::io, "cannot open the OR-Library p-median file", SourceRef{path, {}, std::nullopt, {}});
    }
    std::size_t line_number = 0;
    const auto fail = [&](const std::string &problem) {
        throw Error(Errc::data, "line " + std::to_string(line_number) + ": " + problem, SourceRef{path, {}, std::nullopt, {}});
    };
    std::istringstream fields;
    long long n = 0;
    long long m = 0;
    long long p = 0;
    if (!next_line(in, fields, line_number) || !(fields >> n >> m >> p) || !rest_is_blank(fields) || n < 1 || m < 0) {
        fail("expected a first line 'n m p' (vertices >= 1, edges >= 0, medians)");
    }
    if (n > max_vertices) {
        fail("n = " + std::to_string(n) + " vertices is more than the reader takes (" + std::to_string(max_vertices) + ")");
    }
    if (p < 1 || p > n) {
        fail("p = " + std::to_string(p) + " is outside 1.." + std::to_string(n));
    }
    // Last occurrence of an edge wins (OR-Library sets c(i,j) = c(j,i) = c line by line).
    std::map<std::pair<long long, long long>, long long> edges;
    for (long long e = 0; e < m; ++e) {
        long long i = 0;
        long long j = 0;
        long long c = 0;
        if (!next_line(in, fields, line_number)) {
            ++line_number;
            fail("the file ends after " + std::to_string(e) + " of " + std::to_string(m) + " edges");
        }
        if (!(fields >> i >> j >> c) || !rest_is_blank(fields)) {
            fail("expected an edge 'i j cost' (whole numbers)");
        }
        if (i < 1 || i > n || j < 1 || j > n) {
            fail("vertex " + std::to_string(i < 1 || i > n ? i : j) + " is outside 1.." + std::to_string(n));
        }
        if (c < 0) {
            fail("negative edge cost " + std::to_string(c));
        }
        edges[{std::min(i, j), std::max(i, j)}] = c;
    }

    network::RoadEdges roads;
    roads.source = path;
    for (const auto &[ends, cost] : edges) {
        if (ends.first == ends.second) {
            continue; // a loop never shortens a path
        }
        const auto c = static_cast<double>(cost);
        network::RoadEdge edge;
        edge.source = static_cast<std::uint64_t>(ends.first);
        edge.target = static_cast<std::uint64_t>(ends.second);
        edge.metres = edge.forward_seconds = edge.backward_seconds = c;
        roads.edges.push_back(std::move(edge));
    }
    const auto vertices = static_cast<std::size_t>(n);
    std::vector<std::vector<network::MatrixEntry>> rows(vertices);
    std::vector<std::string> ids(vertices);
    for (std::size_t v = 0; v < vertices; ++v) {
        ids[v] = std::to_string(v + 1);
        rows[v].push_back({static_cast<std::uint32_t>(v), 0.0});
    }
    if (!roads.edges.empty()) {
        const network::Graph graph = network::build_graph(roads, network::BuildOptions{.largest_component_only = false});
        // Graph nodes are the vertices that have an edge, in increasing key (vertex) order.
        std::vector<std::uint32_t> vertex_of(graph.node_count());
        for (network::NodeId node = 0; node < graph.node_count(); ++node) {
            vertex_of[node] = static_cast<std::uint32_t>(graph.node_key[node] - 1);
        }
        catchment::detail::parallel_for(graph.node_count(), threads, [&](std::size_t node) {
            network::BoundedSearch search(graph, network::Cost::seconds);
            search.run(static_cast<network::NodeId>(node));
            auto &row = rows[vertex_of[node]];
            row.clear();
            for (const network::NodeId reached : search.settled()) {
                row.push_back({vertex_of[reached], search.cost_to(reached)});
            }
        });
    }
    OrlibPMedian result{network::CostMatrix(ids, ids, network::CostUnit::metres, std::nullopt, std::nullopt,
                                            std::move(rows)),
                        static_cast<std::size_t>(p)};
    return result;
}

} // namespace pooled::colocation
