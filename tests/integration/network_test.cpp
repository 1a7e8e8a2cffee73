// The Rutland drive network from OpenStreetMap, and travel-cost matrices on it.

#include "support/catch.hpp"
#include "support/layers.hpp"

#include <pooled/geometry/algorithms.hpp>
#include <pooled/network/load.hpp>
#include <pooled/network/route_matrix.hpp>

#include <algorithm>
#include <cmath>

using namespace pooled;
using namespace pooled::network;

namespace {
const Graph &rutland_drive() {
    static const Graph graph =
        load_network(test::testdata("rutland/rutland-latest.osm.pbf"), test::bng(), NetworkOptions{}).graph;
    return graph;
}

std::vector<Located> points_of(const std::string &relative, const std::string &id_field) {
    const auto layer = test::read_testdata_layer(relative);
    const std::size_t index = layer.require_field(id_field);
    std::vector<Located> points;
    for (const auto &feature : layer.features()) {
        points.push_back(Located{io::to_text(feature.values[index]), geometry::representative_point(feature.geometry)});
    }
    return points;
}
} // namespace

TEST_CASE("Rutland: a matrix with a cutoff is the full matrix filtered by it", "[network][matrix][integration]") {
    const auto oas = points_of("rutland/rutland_zones.gpkg:oa21_pwc", "oa21cd");
    const auto pois = points_of("rutland/rutland_osm_geofabrik.gpkg:public_sector_pois_bng", "osm_id");
    REQUIRE(oas.size() == 128);  // ogrinfo: oa21_pwc Feature Count 128
    REQUIRE(pois.size() == 123); // ogrinfo: public_sector_pois_bng Feature Count 123
    const CostMatrix full = route_matrix(rutland_drive(), oas, pois);
    MatrixOptions ten_minutes;
    ten_minutes.cutoff = 600.0;
    const CostMatrix within = route_matrix(rutland_drive(), oas, pois, ten_minutes);
    std::size_t kept = 0;
    for (std::size_t i = 0; i < oas.size(); ++i) {
        for (std::size_t j = 0; j < pois.size(); ++j) {
            const double f = full.at(i, j);
            if (f <= 600.0) {
                ++kept;
                REQUIRE(within.at(i, j) == f);
            } else {
                REQUIRE(std::isinf(within.at(i, j)));
            }
        }
    }
    CHECK(within.stored() == kept);
    // Every OA and every building lies within the 1 km snap distance of a road, and the kept
    // network is strongly connected, so the full matrix has every pair.
    CHECK(full.stored() == oas.size() * pois.size());
}

TEST_CASE("Rutland: the matrix is the same with one thread or two", "[network][matrix][integration]") {
    const auto oas = points_of("rutland/rutland_zones.gpkg:oa21_pwc", "oa21cd");
    const auto pois = points_of("rutland/rutland_osm_geofabrik.gpkg:public_sector_pois_bng", "osm_id");
    MatrixOptions one;
    one.threads = 1;
    MatrixOptions two;
    two.threads = 2;
    const CostMatrix a = route_matrix(rutland_drive(), oas, pois, one);
    const CostMatrix b = route_matrix(rutland_drive(), oas, pois, two);
    REQUIRE(a.stored() == b.stored());
    for (std::size_t i = 0; i < oas.size(); ++i) {
        const auto ra = a.row(i);
        const auto rb = b.row(i);
        REQUIRE(ra.size() == rb.size());
        for (std::size_t k = 0; k < ra.size(); ++k) {
            REQUIRE(ra[k].destination == rb[k].destination);
            REQUIRE(ra[k].cost == rb[k].cost);   // bit for bit
            REQUIRE(ra[k].other == rb[k].other);
        }
    }
}

TEST_CASE("Rutland: drive times to the nearest school are plausible", "[network][matrix][integration]") {
    // Plausibility, not a reference: Rutland is about 25 km across and every village has a
    // road, so every Output Area should reach a school within 20 minutes by car, and the
    // route should never be shorter than the straight line between the two points.
    const auto oas = points_of("rutland/rutland_zones.gpkg:oa21_pwc", "oa21cd");
    const auto schools = points_of("rutland/rutland_facilities.gpkg:schools_gias_2025", "urn");
    const CostMatrix m = route_matrix(rutland_drive(), oas, schools);
    for (std::size_t i = 0; i < oas.size(); ++i) {
        double nearest = std::numeric_limits<double>::infinity();
        for (const auto &entry : m.row(i)) {
            nearest = std::min(nearest, entry.cost);
            const auto &a = oas[i].point;
            const auto &b = schools[entry.destination].point;
            REQUIRE(entry.other >= std::hypot(a.x - b.x, a.y - b.y) - 1e-6);
        }
        CHECK(nearest < 20 * 60.0);
    }
}
