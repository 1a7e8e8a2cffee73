#include "support/catch.hpp"

#include <pooled/catchment/within_cost.hpp>
#include <pooled/core/error.hpp>

#include <cmath>

using namespace pooled;
using namespace pooled::catchment;

TEST_CASE("population within a travel time reads the matrix row of each asset", "[catchment][within-cost]") {
    // Two assets, three zones of 100, 200 and 400 people. Travel times (s):
    //   asset 0: zone 0 in 60, zone 1 in 300, zone 2 unreachable
    //   asset 1: zone 1 in 120, zone 2 in 600
    const network::CostMatrix matrix({"a", "b"}, {"z0", "z1", "z2"}, network::CostUnit::seconds, std::nullopt,
                                     std::nullopt, {{{0, 60.0}, {1, 300.0}}, {{1, 120.0}, {2, 600.0}}});
    std::vector<Catchment> catchments;
    for (const std::size_t asset : {0U, 1U}) {
        for (const double cutoff : {120.0, 300.0}) {
            Catchment c;
            c.asset = asset;
            c.asset_id = std::string(1, asset == 0 ? 'a' : 'b');
            c.method = Method::network;
            c.cutoff = cutoff;
            catchments.push_back(c);
        }
    }
    count_population_within_cost(catchments, matrix, {100.0, 200.0, 400.0}, {40.0, 80.0, 160.0});
    CHECK(catchments[0].population == 100.0); // a within 120 s: zone 0
    CHECK(catchments[1].population == 300.0); // a within 300 s: zones 0 and 1 (300 is inclusive)
    CHECK(catchments[2].population == 200.0); // b within 120 s: zone 1
    CHECK(catchments[3].population == 200.0); // b within 300 s: zone 1 (zone 2 takes 600 s)
    CHECK(catchments[1].households == 120.0);

    // Shared within 120 s: nobody (a has zone 0, b zone 1); within 300 s: zone 1, 200 people,
    // 2/3 of a's 300 and all of b's 200.
    const auto overlaps = overlap_within_cost(catchments, matrix, {100.0, 200.0, 400.0});
    REQUIRE(overlaps.size() == 1);
    CHECK(overlaps[0].first == 1);
    CHECK(overlaps[0].second == 3);
    CHECK(overlaps[0].population == 200.0);
    CHECK(overlaps[0].share_of_first == Approx(2.0 / 3.0));
    CHECK(overlaps[0].share_of_second == 1.0);

    Catchment no_cutoff;
    std::vector<Catchment> bad{no_cutoff};
    CHECK_THROWS_AS(count_population_within_cost(bad, matrix, {100.0, 200.0, 400.0}), Error);
    CHECK_THROWS_AS(count_population_within_cost(catchments, matrix, {100.0, 200.0}), Error);
}
