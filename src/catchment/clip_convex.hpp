#pragma once
// INTERNAL to libpooled (catchment). Plain C++ clipping of polygon rings against a convex
// polygon (Sutherland-Hodgman), for the area shares of zones inside convex catchments (buffers,
// Voronoi cells, their intersections) without a GEOS overlay per zone.
//
// Why it is exact: clipping any closed ring against one half-plane gives a ring whose winding
// number is the original's inside the half-plane and 0 outside (where the original ring crosses
// out and back, the result runs along the boundary line and back, enclosing nothing). So the
// shoelace area of the ring clipped against every half-plane of a convex polygon is the signed
// area of (ring interior) n (convex polygon), even for a non-convex ring: the same number GEOS's
// intersection gives, up to rounding. Rings are moved to a local origin (the clip polygon's first
// vertex) so that the products of the shoelace sum do not lose digits to coordinates of ~10^5 m.

#include <pooled/geometry/types.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace pooled::catchment::detail {

/// Whether a closed ring (first == last) bounds a convex polygon: every turn the same way
/// (turns within a relative 1e-12 of straight count as straight) and one full turn in total,
/// with at least three distinct corners. Repeated consecutive points are ignored.
inline bool is_convex_ring(const std::vector<geometry::Point> &ring) {
    std::vector<geometry::Point> v;
    v.reserve(ring.size());
    for (const geometry::Point &p : ring) {
        if (!std::isfinite(p.x) || !std::isfinite(p.y)) {
            return false;
        }
        if (v.empty() || !(p == v.back())) {
            v.push_back(p);
        }
    }
    while (v.size() > 1 && v.front() == v.back()) {
        v.pop_back();
    }
    const std::size_t n = v.size();
    if (n < 3) {
        return false;
    }
    int sign = 0;
    double turning = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        const geometry::Point &a = v[(i + n - 1) % n];
        const geometry::Point &b = v[i];
        const geometry::Point &c = v[(i + 1) % n];
        const double ux = b.x - a.x;
        const double uy = b.y - a.y;
        const double wx = c.x - b.x;
        const double wy = c.y - b.y;
        const double cross = ux * wy - uy * wx;
        const double dot = ux * wx + uy * wy;
        const double scale = std::hypot(ux, uy) * std::hypot(wx, wy);
        if (std::fabs(cross) > 1e-12 * scale) {
            const int s = cross > 0 ? 1 : -1;
            if (sign != 0 && s != sign) {
                return false;
            }
            sign = s;
        } else if (dot < 0) {
            return false; // the ring doubles back on itself
        }
        turning += std::atan2(cross, dot);
    }
    constexpr double two_pi = 6.283185307179586;
    return sign != 0 && std::fabs(std::fabs(turning) - two_pi) < 1e-6;
}

/// Shoelace area of an open ring (no repeated closing point), signed: > 0 anticlockwise.
inline double signed_area(const geometry::Point *p, std::size_t n) noexcept {
    if (n < 3) {
        return 0.0;
    }
    double twice = 0.0;
    for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
        twice += (p[j].x - p[i].x) * (p[j].y + p[i].y);
    }
    return 0.5 * twice;
}

/// Absolute area of a closed or open ring, computed about its first point (as GEOS does, for
/// the digits): |shoelace|.
inline double ring_area(const geometry::Point *p, std::size_t n) {
    if (n < 3) {
        return 0.0;
    }
    const geometry::Point o = p[0];
    double twice = 0.0;
    for (std::size_t i = 1; i + 1 < n; ++i) {
        twice += (p[i].x - o.x) * (p[i + 1].y - o.y) - (p[i + 1].x - o.x) * (p[i].y - o.y);
    }
    return 0.5 * std::fabs(twice);
}

/// A convex polygon as the half-planes of its edges, to clip rings against.
class ConvexClip {
public:
    /// Scratch space for clipping, reused between rings (one per thread).
    struct Scratch {
        std::vector<geometry::Point> a;
        std::vector<geometry::Point> b;
        std::vector<double> side;
        std::vector<std::uint32_t> active;
    };

    /// `ring` must satisfy is_convex_ring().
    explicit ConvexClip(const std::vector<geometry::Point> &ring) {
        std::vector<geometry::Point> v;
        v.reserve(ring.size());
        for (const geometry::Point &p : ring) {
            if (v.empty() || !(p == v.back())) {
                v.push_back(p);
            }
        }
        while (v.size() > 1 && v.front() == v.back()) {
            v.pop_back();
        }
        m_origin = v.front();
        for (geometry::Point &p : v) {
            m_box.expand(p);
            p = {p.x - m_origin.x, p.y - m_origin.y};
        }
        if (signed_area(v.data(), v.size()) < 0) {
            std::reverse(v.begin(), v.end()); // anticlockwise: inside is left of every edge
        }
        const std::size_t n = v.size();
        m_edges.reserve(n);
        for (std::size_t i = 0; i < n; ++i) {
            const geometry::Point &a = v[i];
            const geometry::Point &b = v[(i + 1) % n];
            if (!(a == b)) {
                m_edges.push_back(HalfPlane{a, {b.x - a.x, b.y - a.y}});
            }
        }
    }

    const geometry::Box &box() const noexcept { return m_box; }
    const geometry::Point &origin() const noexcept { return m_origin; }

    /// Which half-planes cut the box: false if the box lies wholly outside one of them (then
    /// nothing of it is inside), else true with the cutting edges in `scratch.active` (none:
    /// the box, and so whatever lies in it, is wholly inside).
    bool cutting_edges(const geometry::Box &box, Scratch &scratch) const {
        scratch.active.clear();
        const double x0 = box.min_x - m_origin.x;
        const double y0 = box.min_y - m_origin.y;
        const double x1 = box.max_x - m_origin.x;
        const double y1 = box.max_y - m_origin.y;
        for (std::uint32_t e = 0; e < m_edges.size(); ++e) {
            const HalfPlane &h = m_edges[e];
            // side(p) = d x (p - a) is linear in p: its extremes over the box are at corners.
            const double s00 = side(h, x0, y0);
            const double s01 = side(h, x0, y1);
            const double s10 = side(h, x1, y0);
            const double s11 = side(h, x1, y1);
            const double lo = std::min(std::min(s00, s01), std::min(s10, s11));
            const double hi = std::max(std::max(s00, s01), std::max(s10, s11));
            if (hi <= 0.0) {
                return false;
            }
            if (lo < 0.0) {
                scratch.active.push_back(e);
            }
        }
        return true;
    }

    /// The ring `p[0..n)` (closed or open, absolute coordinates) clipped against the half-planes
    /// in `scratch.active`, left in `scratch.a` in local coordinates (add origin()).
    void clip(const geometry::Point *p, std::size_t n, Scratch &scratch) const {
        if (n > 1 && p[0] == p[n - 1]) {
            --n;
        }
        std::vector<geometry::Point> &cur = scratch.a;
        std::vector<geometry::Point> &next = scratch.b;
        cur.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            cur[i] = {p[i].x - m_origin.x, p[i].y - m_origin.y};
        }
        for (const std::uint32_t e : scratch.active) {
            if (cur.size() < 3) {
                break;
            }
            const HalfPlane &h = m_edges[e];
            const std::size_t m = cur.size();
            scratch.side.resize(m);
            bool any_out = false;
            for (std::size_t i = 0; i < m; ++i) {
                scratch.side[i] = side(h, cur[i].x, cur[i].y);
                any_out = any_out || scratch.side[i] < 0.0;
            }
            if (!any_out) {
                continue;
            }
            next.clear();
            for (std::size_t i = 0, j = m - 1; i < m; j = i++) {
                const double si = scratch.side[i];
                const double sj = scratch.side[j];
                if (si >= 0.0) {
                    if (sj < 0.0) {
                        next.push_back(crossing(cur[j], cur[i], sj, si));
                    }
                    next.push_back(cur[i]);
                } else if (sj >= 0.0) {
                    next.push_back(crossing(cur[j], cur[i], sj, si));
                }
            }
            std::swap(cur, next);
        }
        if (cur.size() < 3) {
            cur.clear();
        }
    }

    /// |area| of the ring `p[0..n)` inside the convex polygon, for the edges in `scratch.active`
    /// (as set by cutting_edges() for a box around the ring).
    double clipped_area(const geometry::Point *p, std::size_t n, Scratch &scratch) const {
        clip(p, n, scratch);
        return std::fabs(signed_area(scratch.a.data(), scratch.a.size()));
    }

    /// Every edge, for clipping something without a box test first.
    void all_edges(Scratch &scratch) const {
        scratch.active.resize(m_edges.size());
        for (std::uint32_t e = 0; e < m_edges.size(); ++e) {
            scratch.active[e] = e;
        }
    }

private:
    struct HalfPlane {
        geometry::Point a; ///< a vertex, local coordinates
        geometry::Point d; ///< the edge's direction (to the next vertex)
    };

    static double side(const HalfPlane &h, double x, double y) noexcept {
        return h.d.x * (y - h.a.y) - h.d.y * (x - h.a.x);
    }

    static geometry::Point crossing(const geometry::Point &from, const geometry::Point &to, double s_from,
                                    double s_to) noexcept {
        const double t = s_from / (s_from - s_to);
        return {from.x + t * (to.x - from.x), from.y + t * (to.y - from.y)};
    }

    geometry::Point m_origin;
    geometry::Box m_box;
    std::vector<HalfPlane> m_edges;
};

} // namespace pooled::catchment::detail
