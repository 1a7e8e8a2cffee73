#include <pooled/network/snap.hpp>

#include "geometry/rtree_types.hpp"

#include <pooled/core/error.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>
#include <tuple>

namespace pooled::network {

namespace {
namespace bgi = boost::geometry::index;
using geometry::detail::BSegment;
using geometry::detail::RTree;
using geometry::detail::to_bpoint;

// One straight piece of an edge's shape.
struct SegmentRef {
    EdgeId edge;
    std::uint32_t index; // shape[index] -> shape[index + 1]
};
using Value = std::pair<BSegment, SegmentRef>;

// How many nearest segments to examine: several segments can be at the same distance (a
// junction), and ties must go to the smallest edge id whatever the R-tree's order.
constexpr unsigned nearest_candidates = 16;

struct Projection {
    geometry::Point point;
    double along;    // distance from the segment's start to point
    double distance; // from the query point to point
};

Projection project(const geometry::Point &p, const geometry::Point &a, const geometry::Point &b) {
    const double dx = b.x - a.x;
    const double dy = b.y - a.y;
    const double length_sq = dx * dx + dy * dy;
    double t = length_sq > 0.0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / length_sq : 0.0;
    t = std::clamp(t, 0.0, 1.0);
    const geometry::Point on{a.x + t * dx, a.y + t * dy};
    return Projection{on, t * std::sqrt(length_sq), std::hypot(p.x - on.x, p.y - on.y)};
}

double shape_length(std::span<const geometry::Point> shape, std::size_t until) {
    double length = 0.0;
    for (std::size_t i = 0; i + 1 < shape.size() && i < until; ++i) {
        length += std::hypot(shape[i + 1].x - shape[i].x, shape[i + 1].y - shape[i].y);
    }
    return length;
}
} // namespace

struct Snapper::Impl {
    const Graph *graph;
    RTree<Value> tree;
};

Snapper::Snapper(const Graph &graph) : m_impl(std::make_unique<Impl>()) {
    if (!graph.has_coordinates()) {
        throw Error(Errc::argument, "the network has no coordinates, so points cannot be snapped to it",
                    SourceRef{graph.source, {}, std::nullopt, {}});
    }
    m_impl->graph = &graph;
    std::vector<Value> values;
    values.reserve(graph.shape_points.size());
    for (EdgeId e = 0; e < graph.edge_count(); ++e) {
        const auto shape = graph.shape(e);
        for (std::uint32_t i = 0; i + 1 < shape.size(); ++i) {
            values.emplace_back(BSegment{to_bpoint(shape[i]), to_bpoint(shape[i + 1])},
                                SegmentRef{e, i});
        }
    }
    m_impl->tree = decltype(m_impl->tree)(values.begin(), values.end()); // packing (bulk load)
}

Snapper::~Snapper() = default;
Snapper::Snapper(Snapper &&) noexcept = default;
Snapper &Snapper::operator=(Snapper &&) noexcept = default;

std::optional<Snap> Snapper::snap(const geometry::Point &point, double max_distance_m) const {
    const Graph &graph = *m_impl->graph;
    std::optional<Snap> best;
    std::tuple<double, EdgeId, std::uint32_t> best_key{std::numeric_limits<double>::infinity(), 0, 0};
    for (auto it = m_impl->tree.qbegin(bgi::nearest(to_bpoint(point), nearest_candidates));
         it != m_impl->tree.qend(); ++it) {
        const SegmentRef ref = it->second;
        const auto shape = graph.shape(ref.edge);
        const Projection p = project(point, shape[ref.index], shape[ref.index + 1]);
        const std::tuple<double, EdgeId, std::uint32_t> key{p.distance, ref.edge, ref.index};
        if (p.distance > max_distance_m || !(key < best_key)) {
            continue;
        }
        best_key = key;
        const double total = shape_length(shape, shape.size());
        const double along = shape_length(shape, ref.index) + p.along;
        best = Snap{ref.edge, total > 0.0 ? std::clamp(along / total, 0.0, 1.0) : 0.0, p.point, p.distance};
    }
    return best;
}

namespace {
// The cost and the other measure of travelling a fraction of an edge in one direction.
struct Partial {
    double cost;
    double other;
};

// Whether a snapped point can travel `fraction` of the edge in one direction: along a
// direction the edge allows, or not at all (a point exactly on a junction is at that node,
// whichever way the edge it snapped to runs).
bool can_travel(const Edge &edge, double fraction, bool forward) {
    return fraction == 0.0 || std::isfinite(forward ? edge.forward_seconds : edge.backward_seconds);
}

Partial along_edge(const Edge &edge, double fraction, bool forward, Cost cost) {
    if (fraction == 0.0) {
        return Partial{0.0, 0.0}; // no travel (also where that direction is closed)
    }
    const double seconds = forward ? edge.forward_seconds : edge.backward_seconds;
    const double metres = edge.metres;
    return cost == Cost::seconds ? Partial{fraction * seconds, fraction * metres}
                                 : Partial{fraction * metres, fraction * seconds};
}

Partial access_leg(const Snap &snap, const AccessLeg &access, Cost cost) {
    const double seconds = snap.distance_m / access.speed_mps;
    return cost == Cost::seconds ? Partial{seconds, snap.distance_m} : Partial{snap.distance_m, seconds};
}
} // namespace

std::vector<Start> starts_from(const Graph &graph, const Snap &snap, Cost cost, const AccessLeg &access,
                               std::uint32_t source) {
    const Edge &edge = graph.edges.at(snap.edge);
    const Partial leg = access_leg(snap, access, cost);
    std::vector<Start> starts;
    if (can_travel(edge, 1.0 - snap.fraction, true)) { // snap -> to, along the edge's direction
        const Partial part = along_edge(edge, 1.0 - snap.fraction, true, cost);
        starts.push_back(Start{edge.to, leg.cost + part.cost, leg.other + part.other, source});
    }
    if (can_travel(edge, snap.fraction, false)) { // snap -> from, against it
        const Partial part = along_edge(edge, snap.fraction, false, cost);
        starts.push_back(Start{edge.from, leg.cost + part.cost, leg.other + part.other, source});
    }
    return starts;
}

double cost_to_snap(const BoundedSearch &search, const Snap &destination, const AccessLeg &access, const Snap *origin,
                    double *other) {
    const Edge &edge = search.graph().edges.at(destination.edge);
    const auto reach = [&search](NodeId node) {
        return search.reached(node) ? NodeReach{search.cost_to(node), search.other_to(node)} : NodeReach{};
    };
    return cost_to_snap(search.graph(), search.cost(), reach(edge.from), reach(edge.to), destination, access, origin,
                        other);
}

double cost_to_snap(const Graph &graph, Cost cost, NodeReach at_from, NodeReach at_to, const Snap &destination,
                    const AccessLeg &access, const Snap *origin, double *other) {
    const Edge &edge = graph.edges.at(destination.edge);
    double best = std::numeric_limits<double>::infinity();
    double best_other = best;
    const auto consider = [&](double c, double o) {
        if (c < best) {
            best = c;
            best_other = o;
        }
    };
    if (can_travel(edge, destination.fraction, true) && std::isfinite(at_from.cost)) { // enter at from, travel forward
        const Partial part = along_edge(edge, destination.fraction, true, cost);
        consider(at_from.cost + part.cost, at_from.other + part.other);
    }
    if (can_travel(edge, 1.0 - destination.fraction, false) && std::isfinite(at_to.cost)) { // enter at to, backward
        const Partial part = along_edge(edge, 1.0 - destination.fraction, false, cost);
        consider(at_to.cost + part.cost, at_to.other + part.other);
    }
    if (origin != nullptr && origin->edge == destination.edge) { // straight along the shared edge
        const Partial start = access_leg(*origin, access, cost);
        const double gap = destination.fraction - origin->fraction;
        if (gap >= 0.0 && can_travel(edge, gap, true)) {
            const Partial part = along_edge(edge, gap, true, cost);
            consider(start.cost + part.cost, start.other + part.other);
        }
        if (gap <= 0.0 && can_travel(edge, -gap, false)) {
            const Partial part = along_edge(edge, -gap, false, cost);
            consider(start.cost + part.cost, start.other + part.other);
        }
    }
    if (std::isfinite(best)) {
        const Partial leg = access_leg(destination, access, cost);
        best += leg.cost;
        best_other += leg.other;
    }
    if (other != nullptr) {
        *other = best_other;
    }
    return best;
}

} // namespace pooled::network
