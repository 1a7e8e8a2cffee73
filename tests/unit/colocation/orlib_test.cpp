#include "support/catch.hpp"
#include "support/errors.hpp"
#include "support/scratch.hpp"
#include "support/testdata_path.hpp"

#include <pooled/colocation/orlib.hpp>

#include <limits>

using pooled::Errc;
using pooled::colocation::read_orlib_pmedian;
using pooled::test::contains;

TEST_CASE("OR-Library reader: a repeated edge takes its last cost, paths complete the matrix", "[colocation][orlib]") {
    const pooled::test::Scratch scratch("orlib_reader");
    // Edge 1-2 is given as 5, then as 9: OR-Library's rule keeps 9 (the last), not 5 (the cheaper).
    // By hand: d(1,2) = 9, d(2,3) = 1, d(1,3) = 9 + 1 = 10; vertex 4 has no edge: only d(4,4) = 0.
    const auto path = scratch.write("tiny.txt", "4 3 2\n1 2 5\n2 3 1\n2 1 9\n");
    const auto instance = read_orlib_pmedian(path, 1);
    CHECK(instance.p == 2);
    REQUIRE(instance.costs.origin_count() == 4);
    CHECK(instance.costs.origin_ids()[0] == "1");
    CHECK(instance.costs.at(0, 1) == 9.0);
    CHECK(instance.costs.at(1, 0) == 9.0);
    CHECK(instance.costs.at(0, 2) == 10.0);
    CHECK(instance.costs.at(2, 2) == 0.0);
    CHECK(instance.costs.at(3, 3) == 0.0);
    CHECK(instance.costs.at(3, 0) == std::numeric_limits<double>::infinity());
}

TEST_CASE("OR-Library reader: pmed1 and pmed6 match scipy's Floyd-Warshall", "[colocation][orlib]") {
    // Expected values: scipy 1.10 floyd_warshall on the dense matrix, last duplicate edge winning
    // (testdata/orlib/SOURCE.md).
    struct Case {
        const char *file;
        std::size_t n, p;
        double sum, last, largest;
    };
    for (const Case c : {Case{"orlib/pmed1.txt", 100, 5, 1412252.0, 88.0, 299.0},
                         Case{"orlib/pmed6.txt", 200, 5, 3242986.0, 17.0, 198.0}}) {
        const auto instance = read_orlib_pmedian(pooled::test::testdata(c.file), 2);
        CHECK(instance.p == c.p);
        REQUIRE(instance.costs.origin_count() == c.n);
        CHECK(instance.costs.stored() == c.n * c.n);
        double sum = 0.0;
        double largest = 0.0;
        for (std::size_t i = 0; i < c.n; ++i) {
            for (const auto &e : instance.costs.row(i)) {
                sum += e.cost;
                largest = std::max(largest, e.cost);
            }
        }
        CHECK(sum == c.sum);
        CHECK(largest == c.largest);
        CHECK(instance.costs.at(0, c.n - 1) == c.last);
    }
}

TEST_CASE("OR-Library reader: bad files name the file and line", "[colocation][orlib]") {
    const pooled::test::Scratch scratch("orlib_bad");
    CHECK(pooled::test::code_of([] { read_orlib_pmedian("/nonexistent/pmed.txt"); }) == Errc::io);
    const auto short_file = scratch.write("short.txt", "3 3 1\n1 2 4\n2 3 5\n");
    const auto e1 = pooled::test::error_of([&] { read_orlib_pmedian(short_file); });
    CHECK(e1.code() == Errc::data);
    CHECK(contains(e1.what(), "ends after 2 of 3 edges"));
    CHECK(contains(e1.what(), "short.txt"));
    const auto bad_vertex = scratch.write("vertex.txt", "3 2 1\n1 2 4\n2 7 5\n");
    CHECK(contains(pooled::test::message_of([&] { read_orlib_pmedian(bad_vertex); }), "line 3: vertex 7 is outside 1..3"));
    const auto bad_p = scratch.write("p.txt", "3 1 4\n1 2 4\n");
    CHECK(contains(pooled::test::message_of([&] { read_orlib_pmedian(bad_p); }), "p = 4 is outside 1..3"));
    const auto text = scratch.write("text.txt", "3 1 1\n1 two 4\n");
    CHECK(contains(pooled::test::message_of([&] { read_orlib_pmedian(text); }), "line 2: expected an edge"));
}

TEST_CASE("OR-Library reader: fuzz findings F7 and F8 are refused with the line", "[colocation][orlib]") {
    // F7 (testdata/bad/fuzz/orlib_pmedian/three_billion_vertices.txt): the rows of 3e9 vertices
    // were allocated before any edge was read and ended in std::bad_alloc, not a pooled::Error.
    const auto huge = pooled::test::error_of(
        [] { read_orlib_pmedian(pooled::test::testdata("bad/fuzz/orlib_pmedian/three_billion_vertices.txt")); });
    CHECK(huge.code() == Errc::data);
    CHECK(contains(huge.what(), "line 1: n = 3000000000 vertices is more than the reader takes (1000000)"));
    // F8 (fractional_cost.txt): "1 2 3.5" was read as a cost of 3, the ".5" silently dropped.
    CHECK(contains(pooled::test::message_of(
                       [] { read_orlib_pmedian(pooled::test::testdata("bad/fuzz/orlib_pmedian/fractional_cost.txt")); }),
                   "line 2: expected an edge 'i j cost' (whole numbers)"));
    const pooled::test::Scratch scratch("orlib_extra_fields");
    const auto extra_header = scratch.write("header.txt", "3 1 1 7\n1 2 4\n");
    CHECK(contains(pooled::test::message_of([&] { read_orlib_pmedian(extra_header); }), "line 1: expected a first line"));
    const auto extra_edge = scratch.write("edge.txt", "3 1 1\n1 2 4 9\n");
    CHECK(contains(pooled::test::message_of([&] { read_orlib_pmedian(extra_edge); }), "line 2: expected an edge"));
    // Trailing blanks and carriage returns (OR-Library's own files end lines with a space) are fine.
    const auto blanks = scratch.write("blanks.txt", " 2 1 1 \r\n 1 2 4 \r\n");
    CHECK(read_orlib_pmedian(blanks).costs.at(0, 1) == 4.0);
}
