// chain_lines(): pair line ends meeting at the same point by the smallest turn, then follow
// the pairs into chains.

#include <pooled/geometry/line_chains.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <tuple>

namespace pooled::geometry {

namespace {

constexpr std::size_t none = static_cast<std::size_t>(-1);
constexpr std::size_t max_weighed = 64; // ends at one point whose pairs are weighed by their turn

/// One end of a line: end 2 i is the first point of line i, end 2 i + 1 its last.
struct End {
    Point at;
    Point away;        ///< unit direction from `at` into the line (to its first distinct vertex)
    std::size_t id;    ///< 2 * line + (0 first, 1 last)
};

std::size_t line_of(std::size_t end) { return end / 2; }
std::size_t other_end(std::size_t end) { return end ^ 1U; }

/// Whether a line has two distinct points, so it has length and directions at its ends.
bool has_length(const LineString &line) {
    return line.points.size() >= 2 &&
           std::any_of(line.points.begin() + 1, line.points.end(),
                       [&](const Point &p) { return !(p == line.points.front()); });
}

/// The unit direction from `from` to the first point of [first, last) different from it.
template <typename It>
Point direction_into(const Point &from, It first, It last) {
    const auto it = std::find_if(first, last, [&](const Point &p) { return !(p == from); });
    const double dx = it->x - from.x;
    const double dy = it->y - from.y;
    const double length = std::hypot(dx, dy);
    return Point{dx / length, dy / length};
}

/// The turn (radians, 0 = straight on, pi = back the way it came) of arriving along the line
/// of `a` and leaving along the line of `b`: the angle between -a.away and b.away.
double turn(const End &a, const End &b) {
    const double cross = a.away.x * b.away.y - a.away.y * b.away.x;
    const double dot = a.away.x * b.away.x + a.away.y * b.away.y;
    return std::atan2(std::abs(cross), -dot); // angle(-a, b): cross(-a, b) = -cross, dot(-a, b) = -dot
}

/// partner[end]: the end it is joined to, or `none`. Ends meeting at one point are paired
/// greedily by (turn, first end, second end).
std::vector<std::size_t> paired_ends(const std::vector<LineString> &lines, const std::vector<bool> &usable) {
    std::vector<End> ends;
    ends.reserve(2 * lines.size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (!usable[i]) {
            continue;
        }
        const auto &p = lines[i].points;
        ends.push_back(End{p.front(), direction_into(p.front(), p.begin() + 1, p.end()), 2 * i});
        ends.push_back(End{p.back(), direction_into(p.back(), p.rbegin() + 1, p.rend()), 2 * i + 1});
    }
    std::sort(ends.begin(), ends.end(), [](const End &a, const End &b) {
        return std::tie(a.at.x, a.at.y, a.id) < std::tie(b.at.x, b.at.y, b.id);
    });
    std::vector<std::size_t> partner(2 * lines.size(), none);
    struct Pair {
        double turn;
        std::size_t a; // index into `ends` (id order within a group)
        std::size_t b;
    };
    std::vector<Pair> pairs;
    for (std::size_t first = 0; first < ends.size();) {
        std::size_t last = first + 1;
        while (last < ends.size() && ends[last].at == ends[first].at) {
            ++last;
        }
        pairs.clear();
        // Every pair of ends at a junction is weighed by its turn; past max_weighed ends (no
        // road junction has that many) each end pairs with the next in line order instead, so
        // that pathological input costs linear time and memory.
        const bool weigh = last - first <= max_weighed;
        for (std::size_t a = first; a < last; ++a) {
            for (std::size_t b = a + 1; b < last && (weigh || b == a + 1); ++b) {
                if (line_of(ends[a].id) != line_of(ends[b].id)) {
                    pairs.push_back(Pair{weigh ? turn(ends[a], ends[b]) : 0.0, a, b});
                }
            }
        }
        std::sort(pairs.begin(), pairs.end(), [](const Pair &x, const Pair &y) {
            return std::tie(x.turn, x.a, x.b) < std::tie(y.turn, y.a, y.b);
        });
        for (const Pair &p : pairs) {
            const std::size_t a = ends[p.a].id;
            const std::size_t b = ends[p.b].id;
            if (partner[a] == none && partner[b] == none) {
                partner[a] = b;
                partner[b] = a;
            }
        }
        first = last;
    }
    return partner;
}

/// Appends `line`'s points to `chain`, reversed if it is entered at its last end, without
/// repeating the joint.
void append(std::vector<Point> &chain, std::vector<Point> &line, bool reversed) {
    if (reversed) {
        std::reverse(line.begin(), line.end());
    }
    chain.insert(chain.end(), line.begin() + (chain.empty() ? 0 : 1), line.end());
}

} // namespace

std::vector<LineString> chain_lines(std::vector<LineString> lines) {
    std::vector<bool> usable(lines.size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
        usable[i] = has_length(lines[i]);
    }
    const std::vector<std::size_t> partner = paired_ends(lines, usable);
    std::vector<bool> done(lines.size(), false);
    std::vector<LineString> chains;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (done[i]) {
            continue;
        }
        if (!usable[i]) {
            done[i] = true;
            chains.push_back(std::move(lines[i]));
            continue;
        }
        // Walk back from line i's first end to the chain's start: `start` is the end the chain
        // enters its first line by (a free end, or line i's first end for a ring).
        std::size_t start = 2 * i;
        while (partner[start] != none && line_of(partner[start]) != i) {
            start = other_end(partner[start]);
        }
        if (partner[start] != none) { // came round to line i: a ring, started at line i
            start = 2 * i;
        }
        LineString chain;
        for (std::size_t enter = start;;) {
            const std::size_t line = line_of(enter);
            done[line] = true;
            append(chain.points, lines[line].points, enter % 2 == 1);
            const std::size_t next = partner[other_end(enter)];
            if (next == none || done[line_of(next)]) { // a free end, or round a ring
                break;
            }
            enter = next;
        }
        chains.push_back(std::move(chain));
    }
    return chains;
}

} // namespace pooled::geometry
