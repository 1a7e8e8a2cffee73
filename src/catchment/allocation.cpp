// allocate_to_nearest(): every zone's fastest site in the direction people travel (zone ->
// site), from one multi-source search on the reversed graph.

#include <pooled/catchment/allocation.hpp>

#include <pooled/core/error.hpp>
#include <pooled/network/search.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace pooled::catchment {

namespace {

using network::EdgeId;
using network::NodeId;

constexpr double infinity = std::numeric_limits<double>::infinity();
constexpr std::uint32_t no_site = std::numeric_limits<std::uint32_t>::max();

/// A way to a site: its time, the site, and its length. Compared by (seconds, site, metres):
/// the fastest, then the smaller site index, then the shorter.
struct Label {
    double seconds = infinity;
    std::uint32_t site = no_site;
    double metres = infinity;

    bool better_than(const Label &other) const noexcept {
        if (seconds != other.seconds) {
            return seconds < other.seconds;
        }
        if (site != other.site) {
            return site < other.site;
        }
        return metres < other.metres;
    }
};

} // namespace

std::vector<Allocation> allocate_to_nearest(const network::Graph &graph, const network::Snapper &snapper,
                                            const std::vector<geometry::Point> &zone_points,
                                            const std::vector<Site> &sites, double max_snap_m,
                                            const network::AccessLeg &access) {
    if (!(access.speed_mps > 0.0)) {
        throw Error(Errc::argument, "the access-leg speed must be positive");
    }
    if (!(max_snap_m >= 0.0)) {
        throw Error(Errc::argument, "the snapping distance must not be negative");
    }
    if (sites.size() >= no_site) {
        throw Error(Errc::argument, "too many sites for one allocation: " + std::to_string(sites.size()));
    }

    // Starts on the reversed graph. Reaching site i (on edge e = from -> to, at fraction s)
    // along its edge means arriving at `from` and travelling forwards s of the edge, or at `to`
    // and travelling backwards 1 - s: so the reversed search starts at those nodes with that
    // partial cost plus the site's access leg. A site off the network (further than
    // max_snap_m) takes part in nothing.
    std::vector<std::optional<network::Snap>> site_snaps;
    site_snaps.reserve(sites.size());
    std::vector<network::Start> starts;
    for (std::size_t i = 0; i < sites.size(); ++i) {
        site_snaps.push_back(snapper.snap(sites[i].location, max_snap_m));
        if (!site_snaps.back()) {
            continue;
        }
        const network::Snap &snap = *site_snaps.back();
        const network::Edge &edge = graph.edges.at(snap.edge);
        const double leg_s = snap.distance_m / access.speed_mps;
        const auto source = static_cast<std::uint32_t>(i);
        if (std::isfinite(edge.forward_seconds)) {
            starts.push_back(network::Start{edge.from, leg_s + snap.fraction * edge.forward_seconds,
                                            snap.distance_m + snap.fraction * edge.metres, source});
        }
        if (std::isfinite(edge.backward_seconds)) {
            starts.push_back(network::Start{edge.to, leg_s + (1.0 - snap.fraction) * edge.backward_seconds,
                                            snap.distance_m + (1.0 - snap.fraction) * edge.metres, source});
        }
    }
    // Sites by edge, for zones on a site's own edge (which may reach it without a junction).
    std::vector<std::pair<EdgeId, std::uint32_t>> site_on_edge;
    for (std::size_t i = 0; i < sites.size(); ++i) {
        if (site_snaps[i]) {
            site_on_edge.emplace_back(site_snaps[i]->edge, static_cast<std::uint32_t>(i));
        }
    }
    std::sort(site_on_edge.begin(), site_on_edge.end());

    const network::Graph backwards = network::reversed(graph);
    network::BoundedSearch search(backwards, network::Cost::seconds);
    search.run(starts);
    // The search settles ties itself (cost, then the smaller source = site index, then the
    // shorter): each node's label is its best site, as Label::better_than orders them.
    const auto label = [&search](NodeId v) {
        return Label{search.cost_to(v), search.source_of(v), search.other_to(v)};
    };

    std::vector<Allocation> result;
    result.reserve(zone_points.size());
    for (std::size_t z = 0; z < zone_points.size(); ++z) {
        Allocation allocation;
        allocation.zone = z;
        const auto snap = snapper.snap(zone_points[z], max_snap_m);
        if (snap) {
            const network::Edge &edge = graph.edges.at(snap->edge);
            const double leg_s = snap->distance_m / access.speed_mps;
            const double t = snap->fraction;
            Label best;
            const auto consider = [&best](const Label &candidate) {
                if (candidate.site != no_site && candidate.better_than(best)) {
                    best = candidate;
                }
            };
            // Leave along the zone's edge to one of its ends, then the node's best site.
            if (std::isfinite(edge.forward_seconds) && search.reached(edge.to)) {
                const Label via = label(edge.to);
                consider(Label{leg_s + (1.0 - t) * edge.forward_seconds + via.seconds, via.site,
                               snap->distance_m + (1.0 - t) * edge.metres + via.metres});
            }
            if (std::isfinite(edge.backward_seconds) && search.reached(edge.from)) {
                const Label via = label(edge.from);
                consider(Label{leg_s + t * edge.backward_seconds + via.seconds, via.site,
                               snap->distance_m + t * edge.metres + via.metres});
            }
            // Straight along the shared edge to a site on it, in a direction it may be travelled.
            const auto first = std::lower_bound(site_on_edge.begin(), site_on_edge.end(),
                                                std::pair<EdgeId, std::uint32_t>{snap->edge, 0});
            for (auto it = first; it != site_on_edge.end() && it->first == snap->edge; ++it) {
                const network::Snap &site = *site_snaps[it->second];
                const double site_leg_s = site.distance_m / access.speed_mps;
                const double gap = site.fraction - t;
                if (gap >= 0.0 && std::isfinite(edge.forward_seconds)) {
                    consider(Label{leg_s + gap * edge.forward_seconds + site_leg_s, it->second,
                                   snap->distance_m + gap * edge.metres + site.distance_m});
                }
                if (gap <= 0.0 && std::isfinite(edge.backward_seconds)) {
                    consider(Label{leg_s - gap * edge.backward_seconds + site_leg_s, it->second,
                                   snap->distance_m - gap * edge.metres + site.distance_m});
                }
            }
            if (best.site != no_site) {
                allocation.site = best.site;
                allocation.seconds = best.seconds;
                allocation.metres = best.metres;
            }
        }
        result.push_back(std::move(allocation));
    }
    return result;
}

std::vector<Allocation> allocate_to_nearest_straight(const std::vector<geometry::Point> &zone_points,
                                                     const std::vector<Site> &sites) {
    std::vector<Allocation> allocation;
    allocation.reserve(zone_points.size());
    for (std::size_t z = 0; z < zone_points.size(); ++z) {
        Allocation a;
        a.zone = z;
        a.seconds = std::numeric_limits<double>::quiet_NaN();
        for (std::size_t s = 0; s < sites.size(); ++s) {
            const double d =
                std::hypot(zone_points[z].x - sites[s].location.x, zone_points[z].y - sites[s].location.y);
            if (d < a.metres) { // strict: the smaller index keeps a tie
                a.metres = d;
                a.site = s;
            }
        }
        allocation.push_back(a);
    }
    return allocation;
}

} // namespace pooled::catchment
