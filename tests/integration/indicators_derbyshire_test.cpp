// Asset-use indicators on the Derbyshire demo data: the Fire and Rescue register (56 sites,
// schema share/pooled/schemas/derbyshire.toml) and the county's 62 libraries of 2016 as a
// second owner, 2 km buffer catchments, people by area share of the 651 LSOAs.
// Independent references: ogrinfo for the register's totals, and
// tests/integration/indicators_derbyshire_reference.py (geopandas/shapely) for the people.

#include "support/catch.hpp"
#include "support/layers.hpp"
#include "support/scratch.hpp"
#include "support/sqlite_query.hpp"

#include <pooled/catchment/catchment.hpp>
#include <pooled/catchment/population.hpp>
#include <pooled/io/schema.hpp>
#include <pooled/io/writer.hpp>
#include <pooled/model/convert.hpp>
#include <pooled/report/indicators.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

using namespace pooled;

namespace {

constexpr const char *fire_service = "Derbyshire Fire and Rescue Service";
constexpr const char *county_council = "Derbyshire County Council";

struct DerbyshireIndicators {
    model::Estate estate;
    std::vector<catchment::Catchment> catchments;
    report::Indicators result;
};

// Fire estate first (ids "fire:1".."fire:56", the FIDs), then the libraries ("library:FID").
const DerbyshireIndicators &derbyshire() {
    static const DerbyshireIndicators run = [] {
        const io::Schema schema = io::load_schema(test::derbyshire_schema);
        const io::Layer fire_layer = test::read_testdata_layer("derbyshire/derbyshire_facilities.gpkg:fire_estate_dfrs_2016",
                                                               io::read_options_for(schema.assets));
        model::Estate estate = model::to_estate(fire_layer, schema.assets);
        io::AssetSchema libraries_schema;
        libraries_schema.guess = false;
        libraries_schema.name = "name";
        libraries_schema.constants = {county_council, "council", "library"};
        const io::Layer libraries_layer = test::read_testdata_layer("derbyshire/derbyshire_facilities.gpkg:libraries_2016");
        const model::Estate libraries = model::to_estate(libraries_layer, libraries_schema);
        for (auto &a : estate.assets) {
            a.id = "fire:" + a.id;
        }
        for (auto a : libraries.assets) {
            a.id = "library:" + a.id;
            estate.assets.push_back(std::move(a));
        }
        estate.mapped.push_back("organisation");

        const io::Layer zones_layer = test::read_testdata_layer("derbyshire/derbyshire_zones.gpkg:lsoa21");
        const model::Population zones = model::to_population(zones_layer, schema.zones);
        std::vector<geometry::Geometry> areas;
        std::vector<double> population;
        for (const auto &z : zones.zones) {
            areas.push_back(z.geometry);
            population.push_back(z.population);
        }
        const catchment::PopulationIndex index(areas, {}, population, {},
                                               catchment::PopulationIndex::Rule::area_share);
        std::vector<catchment::Site> sites;
        for (const auto &a : estate.assets) {
            sites.push_back({a.id, a.location});
        }
        auto catchments = catchment::buffer_catchments(sites, 2000.0);
        catchment::count_population(catchments, index, 2);
        report::IndicatorInputs in{estate, catchments};
        in.overlaps = catchment::catchment_overlap(catchments, index);
        in.as_of = "2026-04-01";
        report::Indicators result = report::asset_indicators(in);
        return DerbyshireIndicators{std::move(estate), std::move(catchments), std::move(result)};
    }();
    return run;
}

const report::GroupTotals &organisation(const std::string &name) {
    const auto &groups = derbyshire().result.organisations;
    const auto it = std::find_if(groups.begin(), groups.end(), [&](const auto &g) { return g.group == name; });
    REQUIRE(it != groups.end());
    return *it;
}

std::string bytes_of(const std::string &path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

} // namespace

TEST_CASE("Derbyshire: totals per organisation agree with ogrinfo and geopandas", "[report][indicators][integration]") {
    const auto &run = derbyshire();
    REQUIRE(run.result.assets.size() == 118); // 56 register rows + 62 libraries
    REQUIRE(run.result.organisations.size() == 2);
    CHECK(run.result.organisations[0].group == county_council); // sorted by name
    const report::GroupTotals &fire = organisation(fire_service);
    CHECK(fire.assets == 56);
    // ogrinfo -sql "select count(*), sum(gia_m2), count(gia_m2) from fire_estate_dfrs_2016"
    //   derbyshire_facilities.gpkg -> 56, 26743, 56
    CHECK(fire.floor_area_m2 == Approx(26743.0));
    CHECK(fire.missing_floor_area == 0);
    CHECK(fire.missing_running_cost == 56); // the register has no running costs
    CHECK_FALSE(fire.cost_per_m2);
    // indicators_derbyshire_reference.py: sum of the 56 catchments' people 860177.6411417647.
    REQUIRE(fire.population_served);
    CHECK(*fire.population_served == Approx(860177.6411417647).epsilon(1e-9));
    const report::GroupTotals &libraries = organisation(county_council);
    CHECK(libraries.assets == 62);
    CHECK(libraries.missing_floor_area == 62);
    // indicators_derbyshire_reference.py: 1212564.5232754257.
    CHECK(*libraries.population_served == Approx(1212564.5232754257).epsilon(1e-9));

    REQUIRE(run.result.services.size() == 2);
    CHECK(run.result.services[0].group == "fire and rescue");
    CHECK(run.result.services[0].assets == 56);
    CHECK(run.result.services[1].group == "library");
}

TEST_CASE("Derbyshire: Alfreton fire station, worked independently", "[report][indicators][integration]") {
    const auto &run = derbyshire();
    const auto &alfreton = run.result.assets[0]; // FID 1, "Alfreton Community Fire Station"
    REQUIRE(run.estate.assets[0].name == "Alfreton Community Fire Station");
    // indicators_derbyshire_reference.py: 15304.371127140308 people within 2 km; 1,249 m2 GIA
    // / 15304.37 = 0.08161067120131851 m2 per resident.
    CHECK(*alfreton.catchment_population == Approx(15304.371127140308).epsilon(1e-9));
    CHECK(*alfreton.floor_area_per_resident == Approx(0.08161067120131851).epsilon(1e-9));
    // Shared with three libraries' catchments, 18643.817232274752 people summed over them, the
    // most (10429.955700768676) with the library of FID 18.
    CHECK(*alfreton.shared_with_other_owners == Approx(18643.817232274752).epsilon(1e-9));
    CHECK(alfreton.other_owner_assets_overlapping == 3);
    CHECK(alfreton.top_other_owner_asset == "library:18");
    CHECK(alfreton.top_other_owner_shared == Approx(10429.955700768676).epsilon(1e-9));
    // Freehold, so no lease ends; the register has no running cost, utilisation or condition.
    CHECK(alfreton.lease_ends_within_horizon == false);
    CHECK(alfreton.missing == std::vector<std::string>{"cost_per_m2: running_cost not given",
                                                       "utilisation: utilisation not given",
                                                       "condition_poor: condition not given"});
}

TEST_CASE("Derbyshire: the indicator layers, styled, the same bytes twice", "[report][indicators][integration]") {
    const auto &run = derbyshire();
    const auto layers = report::indicator_layers(run.result, run.estate);
    const std::string a = test::scratch().write("indicators_a.gpkg", "");
    const std::string b = test::scratch().write("indicators_b.gpkg", "");
    std::filesystem::remove(a);
    std::filesystem::remove(b);
    io::write_layers(a, layers);
    io::write_layers(b, layers);
    CHECK(bytes_of(a) == bytes_of(b));
    CHECK(test::sqlite_query(a, "SELECT count(*), sum(floor_area_m2) FROM asset_indicators") ==
          std::vector<test::SqlRow>{{"118", "26743.0"}});
    CHECK(test::sqlite_query(a, "SELECT f_table_name, styleName, useAsDefault FROM layer_styles") ==
          std::vector<test::SqlRow>{{"asset_indicators", "assets by owner", "1"}});
    CHECK(test::sqlite_query(a, "SELECT organisation, assets FROM organisation_indicators ORDER BY fid") ==
          std::vector<test::SqlRow>{{county_council, "62"}, {fire_service, "56"}});
}
