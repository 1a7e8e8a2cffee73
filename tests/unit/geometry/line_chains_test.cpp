// chain_lines(): lines joined end to end by the straightest continuation. Every expected chain
// is drawn by hand next to its check.

#include "support/catch.hpp"

#include <pooled/geometry/line_chains.hpp>
#include <pooled/geometry/types.hpp>

#include <algorithm>
#include <cmath>
#include <tuple>
#include <vector>

using namespace pooled::geometry;

namespace {

LineString line(std::vector<Point> points) { return LineString{std::move(points)}; }

/// The undirected unit segments of lines, sorted: the same set whatever the chaining.
std::vector<std::tuple<double, double, double, double>> segments(const std::vector<LineString> &lines) {
    std::vector<std::tuple<double, double, double, double>> out;
    for (const LineString &l : lines) {
        for (std::size_t i = 1; i < l.points.size(); ++i) {
            Point a = l.points[i - 1];
            Point b = l.points[i];
            if (std::tie(b.x, b.y) < std::tie(a.x, a.y)) {
                std::swap(a, b);
            }
            out.emplace_back(a.x, a.y, b.x, b.y);
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

TEST_CASE("chains run straight through a crossing", "[geometry][chains]") {
    //        n (0, 1)
    //        |
    //  w ----c---- e      c = (0, 0); pieces given in a mixed order and directions
    //        |
    //        s (0, -1)
    const Point c{0, 0}, n{0, 1}, e{1, 0}, s{0, -1}, w{-1, 0};
    const std::vector<LineString> pieces{line({w, c}), line({n, c}), line({e, c}), line({c, s})};
    const auto chains = chain_lines(pieces);
    // w-c continues straight into c-e (turn 0), n-c into c-s (turn 0); the right turns (pi/2)
    // lose. Chain 1 starts from piece 0 walking back (w is free) and enters e-c at its last end.
    REQUIRE(chains.size() == 2);
    CHECK(chains[0] == line({w, c, e}));
    CHECK(chains[1] == line({n, c, s}));
    CHECK(segments(chains) == segments(pieces));
}

TEST_CASE("a lattice of unit pieces becomes one chain per row and column", "[geometry][chains]") {
    // 4 x 3 nodes: 3 rows of 3 pieces, 4 columns of 2 pieces, 17 pieces, every row piece
    // listed before the column pieces.
    std::vector<LineString> pieces;
    for (int y = 0; y < 3; ++y) {
        for (int x = 0; x < 3; ++x) {
            pieces.push_back(line({{double(x), double(y)}, {double(x + 1), double(y)}}));
        }
    }
    for (int x = 0; x < 4; ++x) {
        for (int y = 0; y < 2; ++y) {
            pieces.push_back(line({{double(x), double(y)}, {double(x), double(y + 1)}}));
        }
    }
    const auto chains = chain_lines(pieces);
    // At every node the straight pair has turn 0 and is taken first; at a corner only one row
    // end and one column end meet (turn pi/2), and they join: the outer rows and columns chain
    // round the corners. Rows y = 0 and 2 and columns x = 0 and 3 form the boundary ring; the
    // middle row and the two middle columns are chains of their own: 4 chains.
    REQUIRE(chains.size() == 4);
    // The ring starts at piece 0, (0,0)-(1,0), and runs east, north up x = 3, west along
    // y = 2, south down x = 0, closed.
    CHECK(chains[0] == line({{0, 0}, {1, 0}, {2, 0}, {3, 0}, {3, 1}, {3, 2}, {2, 2}, {1, 2}, {0, 2}, {0, 1}, {0, 0}}));
    CHECK(chains[1] == line({{0, 1}, {1, 1}, {2, 1}, {3, 1}}));
    CHECK(chains[2] == line({{1, 0}, {1, 1}, {1, 2}}));
    CHECK(chains[3] == line({{2, 0}, {2, 1}, {2, 2}}));
    CHECK(segments(chains) == segments(pieces));
}

TEST_CASE("equal turns go to the lower-numbered piece", "[geometry][chains]") {
    //            b (1, 1)        a arrives from the west; b leaves 45 degrees left, c 45
    //          /                 degrees right: both turns are pi/4 (b with c: pi/2).
    //  a ----o                   The tie goes to the pair with the lower piece: a with b.
    //          \ .
    //            c (1, -1)
    const Point o{0, 0};
    const std::vector<LineString> pieces{line({{-1, 0}, o}), line({o, {1, 1}}), line({o, {1, -1}})};
    auto chains = chain_lines(pieces);
    REQUIRE(chains.size() == 2);
    CHECK(chains[0] == line({{-1, 0}, o, {1, 1}}));
    CHECK(chains[1] == line({o, {1, -1}}));
    // Listed the other way round, c is the lower piece and wins the tie.
    chains = chain_lines({pieces[0], pieces[2], pieces[1]});
    REQUIRE(chains.size() == 2);
    CHECK(chains[0] == line({{-1, 0}, o, {1, -1}}));
    CHECK(chains[1] == line({o, {1, 1}}));
}

TEST_CASE("chains keep inner vertices, skip lines without length, and never join a line to itself",
          "[geometry][chains]") {
    // p0: a bent line (0,0)-(1,0)-(1,1); p1 continues it north from (1,1); p2 has no length
    // and is passed through; p3 is a closed loop from (0,0) round to (0,0): its two ends meet
    // but may not pair with each other. At (0,0) p0 leaves east; p3's first end leaves west
    // (towards (-1,0)), so arriving along it from (-1,0) eastwards and going on along p0 is
    // straight (turn 0), while its last end (leaving south) would turn pi/2: p0 pairs with p3's
    // first end.
    const std::vector<LineString> pieces{line({{0, 0}, {1, 0}, {1, 1}}), line({{1, 1}, {1, 2}}),
                                         line({{5, 5}, {5, 5}}), line({{0, 0}, {-1, 0}, {-1, -1}, {0, -1}, {0, 0}})};
    const auto chains = chain_lines(pieces);
    REQUIRE(chains.size() == 2);
    // Walking back from p0 reaches p3's free last end: the chain enters p3 there (reversed),
    // leaves it at (0,0) into p0, then p1.
    CHECK(chains[0] == line({{0, 0}, {0, -1}, {-1, -1}, {-1, 0}, {0, 0}, {1, 0}, {1, 1}, {1, 2}}));
    CHECK(chains[1] == line({{5, 5}, {5, 5}}));
    CHECK(chain_lines({}).empty());
}

TEST_CASE("a square of four pieces comes back as one closed chain", "[geometry][chains]") {
    const std::vector<LineString> pieces{line({{0, 1}, {1, 1}}), line({{1, 0}, {1, 1}}), line({{0, 0}, {1, 0}}),
                                         line({{0, 0}, {0, 1}})};
    const auto chains = chain_lines(pieces);
    REQUIRE(chains.size() == 1);
    // From piece 0 forwards: (0,1) -> (1,1), then piece 1 entered at its last end (reversed) down
    // to (1,0), piece 2 reversed to (0,0), piece 3 up to (0,1).
    CHECK(chains[0] == line({{0, 1}, {1, 1}, {1, 0}, {0, 0}, {0, 1}}));
}

TEST_CASE("at a point with very many ends, each pairs with the next in line order", "[geometry][chains]") {
    // 100 lines from c = (0, 0) to (i, 100): past 64 ends at one point the turns are not
    // weighed (pathological input costs linear time), so line 0 pairs with line 1, 2 with 3...
    std::vector<LineString> pieces;
    for (int i = 0; i < 100; ++i) {
        pieces.push_back(line({{0, 0}, {double(i), 100}}));
    }
    const auto chains = chain_lines(pieces);
    REQUIRE(chains.size() == 50);
    // Chain k starts at line 2k + 1's free end (walking back from line 2k) and ends at 2k's.
    CHECK(chains[0] == line({{1, 100}, {0, 0}, {0, 100}}));
    CHECK(chains[49] == line({{99, 100}, {0, 0}, {98, 100}}));
    CHECK(segments(chains) == segments(pieces));
}
