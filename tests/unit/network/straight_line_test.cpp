#include "support/catch.hpp"
#include "support/errors.hpp"

#include <pooled/core/error.hpp>
#include <pooled/core/random.hpp>
#include <pooled/network/straight_line.hpp>

#include <cmath>
#include <limits>
#include <vector>

using namespace pooled::network;
using pooled::Errc;
using pooled::test::code_of;

TEST_CASE("straight-line matrix: metres, a 3-4-5 triangle, inclusive cutoff", "[network][straight_line]") {
    const std::vector<Located> zones = {{"z1", {0, 0}}, {"z2", {300, 400}}};
    const std::vector<Located> sites = {{"s1", {0, 0}}, {"s2", {3000, 4000}}};
    const CostMatrix all = straight_line_matrix(zones, sites);
    CHECK(all.unit() == CostUnit::metres);
    CHECK(all.stored() == 4);
    CHECK(all.at(0, 1) == 5000.0);  // 3-4-5
    CHECK(all.at(1, 0) == 500.0);
    CHECK(all.at(1, 1) == 4500.0);  // (2700, 3600): 900 * 5
    const CostMatrix near = straight_line_matrix(zones, sites, 500.0);
    CHECK(near.stored() == 2);      // z1 -> s1 (0) and z2 -> s1 (500, inclusive)
    CHECK(near.at(1, 0) == 500.0);
    CHECK(near.at(0, 1) == std::numeric_limits<double>::infinity());
    CHECK(code_of([&] { straight_line_matrix(zones, sites, -1.0); }) == Errc::argument);
    const std::vector<Located> nowhere = {{"bad", {std::nan(""), 0}}};
    CHECK(code_of([&] { straight_line_matrix(nowhere, sites); }) == Errc::data);
}

TEST_CASE("straight-line matrix with a cutoff keeps exactly the full matrix's pairs within it", "[network][straight_line]") {
    pooled::Rng rng(11);
    std::vector<Located> zones, sites;
    for (int i = 0; i < 300; ++i) {
        zones.push_back({"z" + std::to_string(i), {10000 * rng.uniform(), 10000 * rng.uniform()}});
    }
    for (int j = 0; j < 40; ++j) {
        sites.push_back({"s" + std::to_string(j), {10000 * rng.uniform(), 10000 * rng.uniform()}});
    }
    const CostMatrix all = straight_line_matrix(zones, sites);
    const CostMatrix cut = straight_line_matrix(zones, sites, 2500.0);
    std::size_t within = 0;
    for (std::size_t i = 0; i < zones.size(); ++i) {
        for (std::size_t j = 0; j < sites.size(); ++j) {
            const double d = all.at(i, j);
            if (d <= 2500.0) {
                ++within;
                CHECK(cut.at(i, j) == d);
            }
        }
    }
    CHECK(cut.stored() == within);
}
