#include "support/catch.hpp"
#include "support/errors.hpp"
#include "support/iris.hpp"

#include <pooled/core/error.hpp>
#include <pooled/segmentation/data_matrix.hpp>
#include <pooled/segmentation/hierarchy.hpp>
#include <pooled/segmentation/kmeans.hpp>

#include <cstdint>
#include <numeric>
#include <string>
#include <vector>

using namespace pooled::segmentation;
using pooled::Errc;
using pooled::test::code_of;
using pooled::test::message_of;

namespace {
HierarchyOptions levels(std::vector<std::size_t> ks) {
    HierarchyOptions o;
    o.ks = std::move(ks);
    o.kmeans.threads = 2;
    o.kmeans.restarts = 20;
    return o;
}
} // namespace

TEST_CASE("hierarchy: codes, sizes and a small parent, by hand", "[segmentation][hierarchy]") {
    // 1-D rows 0, 0, 0, 10, 11, 12, 20 (rows 1..7), ks {2, 2}.
    // Level 1: {10,11,12,20} (mean 13.25, SS 3.25^2 + 2.25^2 + 1.25^2 + 6.75^2 = 62.75) and
    //   {0,0,0} (SS 0); the next best split {0,0,0,10} + {11,12,20} costs 75 + 48.67. Largest
    //   first: "1" = {10,11,12,20}, "2" = {0,0,0}.
    // Level 2 within "1": {10,11,12} (SS 2) + {20} (SS 0) ("1a", "1b"); {10,11} + {12,20} costs
    //   32.5. Within "2": one distinct row, so one segment "2a" (a reduced parent).
    const DataMatrix m(7, 1, {0, 0, 0, 10, 11, 12, 20});
    const Hierarchy h = classify_top_down(m, levels({2, 2}));
    REQUIRE(h.levels.size() == 2);
    const HierarchyLevel &l1 = h.levels[0];
    CHECK(l1.codes == std::vector<std::string>{"1", "2"});
    CHECK(l1.sizes == std::vector<std::size_t>{4, 3});
    CHECK(l1.within_ss == Approx(62.75));
    CHECK(h.row_codes(1) == std::vector<std::string>{"2", "2", "2", "1", "1", "1", "1"});
    const HierarchyLevel &l2 = h.levels[1];
    CHECK(l2.k == 2);
    CHECK(l2.codes == std::vector<std::string>{"1a", "1b", "2a"});
    CHECK(l2.parents == std::vector<std::uint32_t>{0, 0, 1});
    CHECK(l2.sizes == std::vector<std::size_t>{3, 1, 3});
    CHECK(l2.centres == std::vector<double>{11.0, 20.0, 0.0});
    CHECK(l2.within_ss_by_segment == std::vector<double>{2.0, 0.0, 0.0});
    CHECK(l2.within_ss == 2.0);
    CHECK(l2.reduced_parents == std::vector<std::uint32_t>{1});
    CHECK(h.row_codes(2) == std::vector<std::string>{"2a", "2a", "2a", "1a", "1a", "1a", "1b"});
    CHECK(l2.converged);
}

TEST_CASE("hierarchy: three levels on iris", "[segmentation][hierarchy][iris]") {
    const auto iris = pooled::test::iris();
    HierarchyOptions o = levels({3, 2, 2});
    const Hierarchy h = classify_top_down(iris.data, o);
    REQUIRE(h.levels.size() == 3);
    // Level 1 is the flat k-means with the same options (78.85144, sizes 62/50/38; see
    // kmeans_test.cpp).
    KMeansOptions flat = o.kmeans;
    flat.k = 3;
    const KMeansResult r = kmeans(iris.data, flat);
    CHECK(h.levels[0].labels == r.labels);
    CHECK(h.levels[0].within_ss == r.within_ss);
    CHECK(h.levels[0].sizes == std::vector<std::size_t>{62, 50, 38});
    CHECK(h.levels[1].codes == std::vector<std::string>{"1a", "1b", "2a", "2b", "3a", "3b"});
    CHECK(h.levels[2].codes.size() == 12);
    CHECK(h.levels[2].codes.front() == "1a1");
    CHECK(h.levels[2].codes.back() == "3b2");
    for (std::size_t l = 1; l < 3; ++l) {
        const HierarchyLevel &level = h.levels[l];
        const HierarchyLevel &above = h.levels[l - 1];
        // Children partition their parent: sizes add up, every row's code extends its parent's.
        std::vector<std::size_t> child_rows(above.sizes.size(), 0);
        for (std::size_t s = 0; s < level.sizes.size(); ++s) {
            child_rows[level.parents[s]] += level.sizes[s];
            CHECK(level.codes[s].rfind(above.codes[level.parents[s]], 0) == 0);
        }
        CHECK(child_rows == above.sizes);
        for (std::size_t i = 0; i < iris.data.rows; ++i) {
            CHECK(level.parents[level.labels[i]] == above.labels[i]);
        }
        // Splitting never raises the total within-SS.
        CHECK(level.within_ss <= above.within_ss);
        CHECK(std::accumulate(level.sizes.begin(), level.sizes.end(), std::size_t{0}) == 150);
    }
    // Deterministic whatever the thread count.
    o.kmeans.threads = 1;
    const Hierarchy again = classify_top_down(iris.data, o);
    CHECK(again.levels[2].labels == h.levels[2].labels);
    CHECK(again.levels[2].centres == h.levels[2].centres);
}

TEST_CASE("hierarchy: bad options", "[segmentation][hierarchy]") {
    const auto iris = pooled::test::iris();
    CHECK(code_of([&] { classify_top_down(iris.data, levels({})); }) == Errc::argument);
    CHECK(code_of([&] { classify_top_down(iris.data, levels({3, 0})); }) == Errc::argument);
    CHECK(message_of([&] { classify_top_down(iris.data, levels({3, 27})); }) ==
          "level 2 is coded with letters a..z: k = 27 exceeds 26");
    const DataMatrix m(3, 1, {1, 2, 3});
    CHECK(code_of([&] { classify_top_down(m, levels({4})); }) == Errc::argument);
    const Hierarchy h = classify_top_down(m, levels({2}));
    CHECK(code_of([&] { h.row_codes(2); }) == Errc::argument);
    CHECK(code_of([&] { h.row_codes(0); }) == Errc::argument);
}
