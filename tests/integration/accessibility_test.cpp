// Derbyshire: GP registered-patient list size per head by LSOA (2SFCA, 10 km straight line) and
// its equity by IMD 2019 decile, on the real test data.

#include "support/catch.hpp"
#include "support/layers.hpp"

#include <pooled/accessibility/equity.hpp>
#include <pooled/accessibility/measures.hpp>
#include <pooled/geometry/algorithms.hpp>
#include <pooled/network/straight_line.hpp>

#include <map>
#include <numeric>
#include <string>
#include <vector>

using namespace pooled;

namespace {

double number(const io::Layer &layer, const io::Feature &f, const std::string &field) {
    return io::to_number(f.values[layer.require_field(field)], layer.ref(f.fid, field)).value();
}
std::string text(const io::Layer &layer, const io::Feature &f, const std::string &field) {
    return io::to_text(f.values[layer.require_field(field)]);
}

} // namespace

TEST_CASE("Derbyshire GP list size per head by LSOA: 2SFCA 10 km, equity by IMD decile", "[integration][accessibility]") {
    // Zones: the 651 LSOA 2021 population-weighted centroids (ts0010001 = usual residents, Census 2021);
    // their IMD 2019 decile (1 = most deprived 10% of England) joined from the lsoa21 polygons by code.
    // Supply: the 118 GP practices inside Derbyshire (in_area), list sizes of May 2022. The 302 practices
    // within 10 km outside are left out: their lists are mostly people living outside the county, and
    // 2SFCA would hand their whole lists to the Derbyshire LSOAs they reach (the CLI golden test shows
    // that edge effect: 2.90 patients per head).
    const io::Layer points = test::read_testdata_layer("derbyshire/derbyshire_zones.gpkg:lsoa21_pwc");
    const io::Layer polygons = test::read_testdata_layer("derbyshire/derbyshire_zones.gpkg:lsoa21");
    const io::Layer practices = test::read_testdata_layer("derbyshire/derbyshire_facilities.gpkg:gp_practices_2022");
    std::map<std::string, double> decile_of;
    for (const auto &f : polygons.features()) {
        decile_of[text(polygons, f, "lsoa21cd")] = number(polygons, f, "imd19_index_of_multiple_deprivation_imd_decile");
    }
    std::vector<network::Located> zones, sites;
    std::vector<double> population, decile, patients;
    for (const auto &f : points.features()) {
        zones.push_back({text(points, f, "lsoa21cd"), geometry::representative_point(f.geometry)});
        population.push_back(number(points, f, "ts0010001"));
        decile.push_back(decile_of.at(zones.back().id));
    }
    for (const auto &f : practices.features()) {
        if (number(practices, f, "in_area") == 1.0) {
            sites.push_back({text(practices, f, "code"), geometry::representative_point(f.geometry)});
            patients.push_back(number(practices, f, "number_of_patients"));
        }
    }
    REQUIRE(zones.size() == 651);
    REQUIRE(sites.size() == 118);
    // ogrinfo -sql "select sum(case when in_area then number_of_patients else 0 end) from gp_practices_2022": 1,123,070;
    // testdata/README.md: 1,055,975 residents.
    const double total_patients = std::accumulate(patients.begin(), patients.end(), 0.0);
    const double total_population = std::accumulate(population.begin(), population.end(), 0.0);
    REQUIRE(total_patients == 1123070.0);
    REQUIRE(total_population == 1055975.0);

    const network::CostMatrix m = network::straight_line_matrix(zones, sites, 10000.0);
    const accessibility::TwoStepResult r =
        accessibility::two_step_fca(m, population, patients, accessibility::Step(10000.0));

    // Every practice is within 10 km of some LSOA centroid and every LSOA has a practice within 10 km,
    // so nothing is unallocated and no zone gets 0.
    CHECK(r.sites_without_demand.empty());
    CHECK(r.zones_reaching_nothing.empty());
    // 2SFCA conserves supply, so the population-weighted mean is simply patients / residents:
    // 1,123,070 / 1,055,975 = 1.0635 registrations per resident (above 1: lists also hold people living
    // outside the county, and registrations outlast moves).
    const accessibility::Inequality all = accessibility::inequality(r.access, population, std::span<const double>(decile));
    CHECK(all.mean == Approx(total_patients / total_population).epsilon(1e-12));

    // An independent numpy computation (tests/integration/accessibility_derbyshire_check.py) on the same
    // data exported with ogr2ogr (dense 651 x 118 distances,
    // W = d <= 10 km, R = S / (P W), A = W R; indices as in equity.hpp) gives: 12,165 pairs within 10 km,
    // mean 1.06353843604252, min 0.5015990862364363, max 1.7873978179378636, Gini 0.11603240561576825,
    // Palma 0.4421773515350828, Theil 0.021726603372259692, concentration index by decile 8.0586e-05.
    CHECK(m.stored() == 12165);
    CHECK(all.minimum == Approx(0.5015990862364363).epsilon(1e-9));
    CHECK(all.maximum == Approx(1.7873978179378636).epsilon(1e-9));
    CHECK(all.gini == Approx(0.11603240561576825).epsilon(1e-9));
    CHECK(all.palma == Approx(0.4421773515350828).epsilon(1e-9));
    CHECK(all.theil == Approx(0.021726603372259692).epsilon(1e-9));
    CHECK(all.concentration == Approx(8.058552292127646e-05).margin(1e-10));
    // What the figures say: access to GP lists is fairly even (Gini 0.12; the 10% best served hold 0.44
    // times what the 40% least served hold, against 0.25 for perfect equality) and not tilted towards
    // either end of deprivation (concentration index ~0).

    // By decile (numpy): decile 1 (most deprived) 47 LSOAs, 82,923 people, mean 1.0916;
    // decile 7 the lowest, 0.9932; decile 10 (least deprived) 72 LSOAs, 113,809 people, mean 1.1197.
    std::vector<std::string> groups;
    for (const double d : decile) {
        groups.push_back(std::to_string(static_cast<int>(d)));
    }
    const auto by = accessibility::summarise_by(r.access, population, groups);
    REQUIRE(by.size() == 10);
    CHECK(by[0].group == "1");
    CHECK(by[0].within.zones == 47);
    CHECK(by[0].within.weight == 82923.0);
    CHECK(by[0].within.mean == Approx(1.091594001608613).epsilon(1e-9));
    CHECK(by[6].within.mean == Approx(0.9931996057023491).epsilon(1e-9));
    CHECK(by[9].group == "10");
    CHECK(by[9].within.zones == 72);
    CHECK(by[9].within.mean == Approx(1.1197059969207708).epsilon(1e-9));
    // The decile means, weighted by their populations, give back the overall mean.
    double weighted = 0.0;
    for (const auto &g : by) {
        weighted += g.within.mean * g.within.weight;
    }
    CHECK(weighted / total_population == Approx(all.mean).epsilon(1e-12));
}
