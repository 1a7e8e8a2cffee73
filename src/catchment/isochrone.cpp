// isochrones(): one bounded search from the site, then for each cutoff the reached part of
// every road (partly reached edges cut at the reached fraction), drawn as a band.

#include <pooled/catchment/isochrone.hpp>

#include <pooled/core/error.hpp>
#include <pooled/geometry/algorithms.hpp>
#include <pooled/geometry/line_chains.hpp>

#include "core/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <iterator>
#include <span>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace pooled::catchment {

namespace {

using network::EdgeId;
using network::NodeId;

/// A stretch [lo, hi] of an edge, as fractions (0..1) of its shape's length from Edge::from.
struct Interval {
    double lo;
    double hi;
};

/// Sorts and merges overlapping or touching intervals; drops empty ones (hi <= lo).
std::vector<Interval> merged(std::vector<Interval> intervals) {
    std::erase_if(intervals, [](const Interval &i) { return !(i.hi > i.lo); });
    std::sort(intervals.begin(), intervals.end(),
              [](const Interval &a, const Interval &b) { return a.lo < b.lo || (a.lo == b.lo && a.hi < b.hi); });
    std::vector<Interval> out;
    for (const Interval &i : intervals) {
        if (!out.empty() && i.lo <= out.back().hi) {
            out.back().hi = std::max(out.back().hi, i.hi);
        } else {
            out.push_back(i);
        }
    }
    return out;
}

/// The parts of `now` (merged) not in `before` (merged): what a larger cutoff adds to an edge.
std::vector<Interval> minus(const std::vector<Interval> &now, const std::vector<Interval> &before) {
    std::vector<Interval> out;
    for (Interval rest : now) {
        for (const Interval &b : before) {
            if (b.hi <= rest.lo || b.lo >= rest.hi) {
                continue;
            }
            if (b.lo > rest.lo) {
                out.push_back(Interval{rest.lo, b.lo});
            }
            rest.lo = b.hi;
            if (!(rest.hi > rest.lo)) {
                break;
            }
        }
        if (rest.hi > rest.lo) {
            out.push_back(rest);
        }
    }
    return out;
}

/// The part of a polyline between two fractions of its length. Fractions 0 and 1 give the
/// shape's own end points, and a fraction gives the same point whichever piece it ends or
/// starts, so pieces that share a cut meet exactly. Nothing if the part has no length.
std::vector<geometry::Point> cut(std::span<const geometry::Point> shape, const std::vector<double> &along,
                                 Interval part) {
    const double total = along.back();
    const auto at = [&](double fraction) {
        if (fraction <= 0.0) {
            return shape.front();
        }
        if (fraction >= 1.0) {
            return shape.back();
        }
        const double d = fraction * total;
        // The segment [i, i + 1] holding d: the last vertex at or before it.
        const auto i = static_cast<std::size_t>(std::upper_bound(along.begin(), along.end(), d) - along.begin()) - 1;
        if (i + 1 >= shape.size()) {
            return shape.back();
        }
        const double length = along[i + 1] - along[i];
        const double t = length > 0.0 ? (d - along[i]) / length : 0.0;
        return geometry::Point{shape[i].x + t * (shape[i + 1].x - shape[i].x),
                               shape[i].y + t * (shape[i + 1].y - shape[i].y)};
    };
    std::vector<geometry::Point> points{at(part.lo)};
    const double lo = part.lo * total;
    const double hi = part.hi * total;
    for (std::size_t i = 1; i + 1 < shape.size(); ++i) {
        if (along[i] > lo && along[i] < hi) {
            points.push_back(shape[i]);
        }
    }
    points.push_back(at(part.hi));
    const bool has_length = std::any_of(points.begin() + 1, points.end(),
                                        [&](const geometry::Point &p) { return !(p == points.front()); });
    if (!has_length) {
        points.clear();
    }
    return points;
}

/// Cumulative lengths of a shape's vertices from its first.
std::vector<double> cumulative_lengths(std::span<const geometry::Point> shape) {
    std::vector<double> along(shape.size(), 0.0);
    for (std::size_t i = 1; i < shape.size(); ++i) {
        along[i] = along[i - 1] + std::hypot(shape[i].x - shape[i - 1].x, shape[i].y - shape[i - 1].y);
    }
    return along;
}

/// Shortest text that reads back as the same double ("900", "0.5").
std::string number(double value) {
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

/// The fraction of an edge reached from one end by `budget` seconds left at that end, for an
/// edge taking `seconds` that way (0..1; a free edge is reached whole).
double reach(double budget, double seconds) {
    if (!(budget > 0.0)) {
        return 0.0;
    }
    return seconds > budget ? budget / seconds : 1.0;
}

/// The polygons of an area (none for Empty).
std::vector<geometry::Polygon> polygons_of(geometry::Geometry area) {
    if (auto *polygon = std::get_if<geometry::Polygon>(&area)) {
        return {std::move(*polygon)};
    }
    if (auto *multi = std::get_if<geometry::MultiPolygon>(&area)) {
        return std::move(multi->polygons);
    }
    return {};
}

/// `area` grown by bands of half-width `half_width_m` around `pieces`, round caps and joins of
/// 8 segments a quarter circle (as GEOS draws them by default). The band around lines is the
/// union of the bands around their parts (a Minkowski sum with a disk), so the pieces are first
/// joined end to end into chains (geometry::chain_lines: straight runs through junctions
/// become one line) and each chain is buffered once: the same region up to where the chords
/// of round caps and joins fall, from far fewer, larger polygons. The chains' buffers are
/// dissolved in one cascaded union and that added to `area` by one more union. Round caps let
/// pieces that meet end to end (a partly reached stretch and its extension at a later cutoff)
/// join without a notch. Bands of lines have no slivers or spikes, and holes only where the
/// lines enclose land they do not come near.
///
/// Speed (GEOS 3.11, CPU s per isochrone on one thread; bench/network/isochrones.sh and
/// bench/README.md): a 10-minute drive on the road-like grid (about 69,000 pieces, 5,500 chains)
/// takes 0.63 s instead of 3.26 s with a buffer per piece; a 15-minute drive in Rutland (7,400
/// pieces, 2,800 chains) 0.28 s instead of 0.53 s, where curved roads put most of the work in their
/// vertices, not in the number of polygons. Tried and not kept (grid): one GEOS buffer of all the
/// lines as a MultiLineString (it nodes every offset curve against every other: 4.5x slower),
/// groups of 8 or 32 chains buffered together (no gain), unions by tiles (5% faster), snap-rounded
/// unions (2x slower), a buffer by 0 (3x slower), flat caps where a chain ends on another (20%
/// faster on the grid, 8% slower in Rutland, further from the per-piece union), 4 or 2 segments a
/// quarter circle (15% and 25% faster, areas 0.04% and 0.2% smaller), lines simplified by 0.5 m or
/// 1 m before buffering (Rutland: 7% and 12% faster), a 1 m band grown by a second buffer of 99 m
/// (20x slower).
geometry::Geometry grown(geometry::Geometry area, const std::vector<geometry::LineString> &pieces,
                         double half_width_m) {
    if (pieces.empty()) {
        return area;
    }
    geometry::Geometry result = geometry::buffer_union(geometry::chain_lines(pieces), half_width_m);
    if (!geometry::is_empty(area)) {
        geometry::MultiPolygon both{polygons_of(std::move(area))};
        for (geometry::Polygon &p : polygons_of(std::move(result))) {
            both.polygons.push_back(std::move(p));
        }
        result = geometry::unary_union(both);
    }
    if (geometry::validity_problem(result)) { // defensive: GEOS's unions are valid
        result = geometry::make_valid(result);
    }
    return result;
}

void check(const network::Graph &graph, const std::vector<double> &cutoffs_s, const IsochroneOptions &options) {
    for (std::size_t i = 0; i < cutoffs_s.size(); ++i) {
        const double c = cutoffs_s[i];
        if (!(c > 0.0) || !std::isfinite(c)) {
            throw Error(Errc::argument, "isochrone cutoffs must be positive and finite, not " + number(c) +
                                            " s (cutoff " + std::to_string(i + 1) + ")");
        }
        if (i > 0 && c < cutoffs_s[i - 1]) {
            throw Error(Errc::argument, "isochrone cutoffs must be in increasing order: " + number(c) +
                                            " s comes after " + number(cutoffs_s[i - 1]) + " s");
        }
    }
    if (!(options.road_buffer_m > 0.0) || !std::isfinite(options.road_buffer_m)) {
        throw Error(Errc::argument,
                    "the road buffer of isochrones must be positive, not " + number(options.road_buffer_m) + " m");
    }
    if (!(options.access.speed_mps > 0.0)) {
        throw Error(Errc::argument, "the access-leg speed must be positive");
    }
    if (!(options.max_snap_m >= 0.0)) {
        throw Error(Errc::argument, "the snapping distance must not be negative");
    }
    if (!graph.has_coordinates()) {
        throw Error(Errc::argument, "the network has no coordinates, so isochrones cannot be drawn",
                    SourceRef{graph.source, {}, std::nullopt, {}});
    }
}

} // namespace

std::vector<Catchment> isochrones(const network::Graph &graph, const network::Snapper &snapper, const Site &site,
                                  std::size_t site_index, const std::vector<double> &cutoffs_s,
                                  const IsochroneOptions &options) {
    check(graph, cutoffs_s, options);
    const auto snap = snapper.snap(site.location, options.max_snap_m);
    if (!snap) {
        throw Error(Errc::unreachable, "site '" + site.id + "' is further than " + number(options.max_snap_m) +
                                           " m from any road, so it has no isochrone");
    }
    std::vector<Catchment> result;
    if (cutoffs_s.empty()) {
        return result;
    }

    // One search to the largest cutoff serves every cutoff.
    network::BoundedSearch search(graph, network::Cost::seconds);
    const auto starts = network::starts_from(graph, *snap, network::Cost::seconds, options.access);
    search.run(starts, cutoffs_s.back());

    // The edges the search touched: every edge leaving a reached node (a reached end can
    // only be left along an edge it has an arc on), and the site's own edge.
    std::vector<EdgeId> touched{snap->edge};
    {
        std::vector<bool> seen(graph.edges.size(), false);
        seen[snap->edge] = true;
        for (const NodeId u : search.settled()) {
            for (network::ArcId a = graph.first_out[u]; a < graph.first_out[u + 1]; ++a) {
                const EdgeId e = graph.arc_edge[a];
                if (!seen[e]) {
                    seen[e] = true;
                    touched.push_back(e);
                }
            }
        }
        std::sort(touched.begin(), touched.end()); // edge order, for the same output whatever the search order
    }
    std::vector<std::vector<double>> along(touched.size());
    for (std::size_t k = 0; k < touched.size(); ++k) {
        along[k] = cumulative_lengths(graph.shape(touched[k]));
    }

    const double access_s = snap->distance_m / options.access.speed_mps;
    const auto cost_at = [&](NodeId v) { return search.cost_to(v); }; // +inf if not reached

    // Nesting by construction: the area of a cutoff is the area of the previous cutoff united
    // with the bands around what the larger cutoff adds (the reached stretches only grow with
    // the cutoff; the additions are the new stretches minus the old). A union contains both
    // its operands (GEOS keeps every edge of either that the other does not cover, and only
    // computes the crossing points, to floating-point precision). And as a band around a set
    // of lines is the union of the bands around its parts, the result is still the band
    // around everything reached. Buffering each cutoff's stretches afresh would not nest
    // exactly: GEOS approximates round caps and joins by chords, and a cap of a short stretch
    // can poke out of a longer stretch's join.
    std::vector<std::vector<Interval>> drawn(touched.size());
    geometry::Geometry area = geometry::Empty{};
    for (const double c : cutoffs_s) {
        std::vector<geometry::LineString> added;
        for (std::size_t k = 0; k < touched.size(); ++k) {
            const EdgeId e = touched[k];
            const network::Edge &edge = graph.edges[e];
            std::vector<Interval> reached;
            // From `from` only forwards, from `to` only backwards (+inf seconds: closed that way).
            if (std::isfinite(edge.forward_seconds)) {
                reached.push_back(Interval{0.0, reach(c - cost_at(edge.from), edge.forward_seconds)});
            }
            if (std::isfinite(edge.backward_seconds)) {
                reached.push_back(Interval{1.0 - reach(c - cost_at(edge.to), edge.backward_seconds), 1.0});
            }
            if (e == snap->edge) { // from the site along its own edge, either way it may be travelled
                const double budget = c - access_s;
                const double s = snap->fraction;
                const double ahead = std::isfinite(edge.forward_seconds) ? reach(budget, edge.forward_seconds) : 0.0;
                const double behind = std::isfinite(edge.backward_seconds) ? reach(budget, edge.backward_seconds) : 0.0;
                reached.push_back(Interval{std::max(0.0, s - behind), std::min(1.0, s + ahead)});
            }
            std::vector<Interval> now = merged(std::move(reached));
            for (const Interval &piece : minus(now, drawn[k])) {
                auto points = cut(graph.shape(e), along[k], piece);
                if (!points.empty()) {
                    added.push_back(geometry::LineString{std::move(points)});
                }
            }
            drawn[k] = std::move(now);
        }
        area = grown(std::move(area), added, options.road_buffer_m);
        Catchment catchment;
        catchment.asset = site_index;
        catchment.asset_id = site.id;
        catchment.method = Method::network;
        catchment.cutoff = c;
        catchment.area = area;
        result.push_back(std::move(catchment));
    }
    return result;
}

std::vector<Catchment> isochrones_of_sites(const network::Graph &graph, const network::Snapper &snapper,
                                           const std::vector<Site> &sites, const std::vector<double> &cutoffs_s,
                                           const IsochroneOptions &options, unsigned threads,
                                           std::vector<std::size_t> *off_network, const Progress &progress) {
    std::vector<std::vector<Catchment>> per_site(sites.size());
    std::vector<char> unreached(sites.size(), 0);
    std::atomic<std::size_t> done{0};
    // Each site writes its own slot, so the result does not depend on the threads.
    pooled::detail::for_each_on_workers(
        sites.size(), pooled::detail::worker_count(sites.size(), threads), [&](std::size_t worker, std::size_t i) {
            try {
                per_site[i] = isochrones(graph, snapper, sites[i], i, cutoffs_s, options);
            } catch (const Error &e) {
                if (off_network == nullptr || e.code() != Errc::unreachable) {
                    throw;
                }
                unreached[i] = 1;
            }
            const std::size_t finished = done.fetch_add(1) + 1;
            if (worker == 0) { // Progress is reported on the calling thread only
                progress.report(static_cast<double>(finished) / static_cast<double>(sites.size()), "isochrones");
            }
        });
    std::vector<Catchment> out;
    for (std::size_t i = 0; i < sites.size(); ++i) {
        if (unreached[i] != 0) {
            off_network->push_back(i);
        }
        out.insert(out.end(), std::make_move_iterator(per_site[i].begin()), std::make_move_iterator(per_site[i].end()));
    }
    return out;
}

} // namespace pooled::catchment
