// Asset-use indicators on a small estate worked by hand: four assets of three owners, three
// catchments, three overlaps. Every expected number's arithmetic is in the comment beside it.

#include "support/catch.hpp"
#include "support/errors.hpp"

#include <pooled/report/indicators.hpp>

#include <cmath>

using namespace pooled;
using namespace pooled::report;

namespace {

model::Asset asset(std::string id, std::string organisation, model::OrganisationKind kind,
                   std::vector<std::string> services) {
    model::Asset a;
    a.id = std::move(id);
    a.name = a.id + " site";
    a.organisation = std::move(organisation);
    a.organisation_kind = kind;
    a.services = std::move(services);
    return a;
}

// lib and hub belong to the council, gp to the NHS, fire to the fire service.
model::Estate small_estate() {
    model::Estate estate{crs::WorkingCrs::british_national_grid(), {}, {}, "test", {}};
    estate.mapped = {"organisation", "organisation_kind", "services", "floor_area", "running_cost", "utilisation",
                     "tenure", "lease_end", "condition"};
    auto lib = asset("lib", "County Council", model::OrganisationKind::council, {"library"});
    lib.floor_area = SquareMetres{500.0};
    lib.running_cost = Gbp{50000.0};
    lib.utilisation = 0.4;
    lib.tenure = model::Tenure::leasehold;
    lib.lease_end = "2027-03-31";
    lib.condition = "C";
    auto gp = asset("gp", "NHS Derby", model::OrganisationKind::nhs, {"clinic", "gp"});
    gp.floor_area = SquareMetres{800.0};
    gp.running_cost = Gbp{120000.0};
    gp.utilisation = 1.2;
    gp.tenure = model::Tenure::freehold;
    gp.condition = "B";
    auto hub = asset("hub", "County Council", model::OrganisationKind::council, {"library", "council tax"});
    hub.floor_area = SquareMetres{200.0};
    auto fire = asset("fire", "Fire Service", model::OrganisationKind::fire, {});
    fire.running_cost = Gbp{30000.0};
    fire.utilisation = 0.9;
    fire.tenure = model::Tenure::leasehold;
    fire.lease_end = "2030-01-01";
    fire.condition = " good ";
    estate.assets = {lib, gp, hub, fire};
    return estate;
}

catchment::Catchment catchment_of(std::size_t asset, const std::string &id, double population) {
    catchment::Catchment c;
    c.asset = asset;
    c.asset_id = id;
    c.population = population;
    return c;
}

// Catchments listed out of the assets' order, to check they are matched by Catchment::asset:
// 0 = gp (4,000 people), 1 = lib (10,000), 2 = hub (nobody); fire has none.
std::vector<catchment::Catchment> small_catchments() {
    return {catchment_of(1, "gp", 4000.0), catchment_of(0, "lib", 10000.0), catchment_of(2, "hub", 0.0)};
}

// gp-lib share 1,500 people, lib-hub 300 (same owner), gp-hub 700.
std::vector<catchment::Overlap> small_overlaps() {
    return {{0, 1, 1500.0, 0.375, 0.15}, {0, 2, 700.0, 0.175, 0.0}, {1, 2, 300.0, 0.03, 0.0}};
}

const GroupTotals &group(const std::vector<GroupTotals> &groups, const std::string &name) {
    for (const auto &g : groups) {
        if (g.group == name) {
            return g;
        }
    }
    FAIL("no group " << name);
    return groups.front();
}

} // namespace

TEST_CASE("indicators of each asset, worked by hand", "[report][indicators]") {
    const auto estate = small_estate();
    const auto catchments = small_catchments();
    IndicatorInputs in{estate, catchments};
    in.overlaps = small_overlaps();
    in.as_of = "2026-01-15"; // horizon 24 months: leases ending by 2028-01-15 are flagged
    const Indicators result = asset_indicators(in);
    REQUIRE(result.assets.size() == 4);

    const AssetIndicators &lib = result.assets[0];
    CHECK(lib.cost_per_m2 == 100.0);                // 50,000 / 500
    CHECK(lib.catchment_population == 10000.0);
    CHECK(lib.floor_area_per_resident == 0.05);     // 500 / 10,000
    CHECK(lib.utilisation_flag == "under-used");    // 0.4 < 0.5
    CHECK(lib.shared_with_other_owners == 1500.0);  // with gp; hub is the council's own
    CHECK(lib.other_owner_assets_overlapping == 1);
    CHECK(lib.top_other_owner_asset == "gp");
    CHECK(lib.lease_ends_within_horizon == true);   // 2027-03-31 <= 2028-01-15
    CHECK(lib.condition_poor == true);              // grade C
    CHECK(lib.missing.empty());

    const AssetIndicators &gp = result.assets[1];
    CHECK(gp.cost_per_m2 == 150.0);                 // 120,000 / 800
    CHECK(gp.floor_area_per_resident == 0.2);       // 800 / 4,000
    CHECK(gp.utilisation_flag == "over capacity");  // 1.2 > 1
    CHECK(gp.shared_with_other_owners == 2200.0);   // 1,500 with lib + 700 with hub
    CHECK(gp.other_owner_assets_overlapping == 2);
    CHECK(gp.top_other_owner_asset == "lib");       // 1,500 > 700
    CHECK(gp.top_other_owner_shared == 1500.0);
    CHECK(gp.lease_ends_within_horizon == false);   // freehold
    CHECK(gp.condition_poor == false);              // grade B

    const AssetIndicators &hub = result.assets[2];
    CHECK_FALSE(hub.cost_per_m2);
    CHECK(hub.catchment_population == 0.0);
    CHECK_FALSE(hub.floor_area_per_resident);       // nobody in the catchment: no division by 0
    CHECK_FALSE(hub.utilisation);
    CHECK(hub.shared_with_other_owners == 700.0);   // with gp
    CHECK_FALSE(hub.lease_ends_within_horizon);     // tenure unknown, no lease end
    CHECK_FALSE(hub.condition_poor);
    CHECK(hub.missing == std::vector<std::string>{"cost_per_m2: running_cost not given",
                                                  "floor_area_per_resident: nobody lives in the catchment",
                                                  "utilisation: utilisation not given",
                                                  "lease_ends_within_horizon: tenure and lease_end not given",
                                                  "condition_poor: condition not given"});

    const AssetIndicators &fire = result.assets[3];
    CHECK_FALSE(fire.catchment_population);
    CHECK_FALSE(fire.shared_with_other_owners);     // no catchment, so nothing to share
    CHECK(fire.utilisation_flag.empty());           // 0.9: neither flag
    CHECK(fire.lease_ends_within_horizon == false); // 2030-01-01 > 2028-01-15
    CHECK(fire.condition_poor == false);            // " good " trimmed, not a poor grade
    CHECK(fire.missing == std::vector<std::string>{"cost_per_m2: floor_area not given",
                                                   "catchment_population: no catchment given",
                                                   "floor_area_per_resident: floor_area not given"});
}

TEST_CASE("totals per organisation and per service, worked by hand", "[report][indicators]") {
    const auto estate = small_estate();
    const auto catchments = small_catchments();
    const Indicators result = asset_indicators(IndicatorInputs{estate, catchments});

    REQUIRE(result.organisations.size() == 3); // sorted by name
    CHECK(result.organisations[0].group == "County Council");
    CHECK(result.organisations[1].group == "Fire Service");
    CHECK(result.organisations[2].group == "NHS Derby");
    const GroupTotals &council = result.organisations[0];
    CHECK(council.assets == 2);                  // lib, hub
    CHECK(council.floor_area_m2 == 700.0);       // 500 + 200
    CHECK(council.running_cost_gbp == 50000.0);  // lib only
    CHECK(council.missing_running_cost == 1);    // hub
    CHECK(council.cost_per_m2 == 100.0);         // 50,000 / 500: only lib has both
    CHECK(council.population_served == 10000.0); // 10,000 + 0
    const GroupTotals &fire = result.organisations[1];
    CHECK(fire.missing_floor_area == 1);
    CHECK_FALSE(fire.cost_per_m2);
    CHECK_FALSE(fire.population_served);
    CHECK(fire.missing_catchment == 1);

    // Services: an asset counts once in each it offers; fire offers none and is in none.
    REQUIRE(result.services.size() == 4);
    CHECK(result.services[0].group == "clinic");
    CHECK(result.services[1].group == "council tax");
    CHECK(result.services[2].group == "gp");
    const GroupTotals &library = group(result.services, "library");
    CHECK(library.assets == 2);                 // lib, hub
    CHECK(library.floor_area_m2 == 700.0);
    CHECK(library.cost_per_m2 == 100.0);
    const GroupTotals &tax = group(result.services, "council tax");
    CHECK(tax.population_served == 0.0);        // hub's catchment holds nobody, but it has one
    CHECK_FALSE(tax.cost_per_m2);
}

TEST_CASE("without overlaps or a date, those indicators are missing, not zero", "[report][indicators]") {
    const auto estate = small_estate();
    const auto catchments = small_catchments();
    const Indicators result = asset_indicators(IndicatorInputs{estate, catchments});
    const AssetIndicators &lib = result.assets[0];
    CHECK_FALSE(lib.shared_with_other_owners);
    CHECK_FALSE(lib.lease_ends_within_horizon);
    CHECK(lib.missing == std::vector<std::string>{"shared_with_other_owners: catchment overlaps not computed",
                                                  "lease_ends_within_horizon: no as-of date given"});
}

TEST_CASE("the lease horizon ends on the month's last day when the day does not exist", "[report][indicators]") {
    auto estate = small_estate();
    estate.assets.resize(1);
    const std::vector<catchment::Catchment> none;
    IndicatorInputs in{estate, none};
    in.as_of = "2024-01-31";
    in.lease_horizon_months = 1; // 2024-01-31 + 1 month = 2024-02-29 (a leap year)
    estate.assets[0].lease_end = "2024-02-29";
    CHECK(asset_indicators(in).assets[0].lease_ends_within_horizon == true);
    estate.assets[0].lease_end = "2024-03-01";
    CHECK(asset_indicators(in).assets[0].lease_ends_within_horizon == false);
    in.as_of = "2024-02-30";
    CHECK(test::code_of([&] { asset_indicators(in); }) == Errc::argument);
}

TEST_CASE("users per segment: zone users shared by the catchment's area", "[report][indicators]") {
    // Two 100 m squares side by side: zone 0 (segment s2, 8 users), zone 1 (segment s1, 4 users).
    const auto square = [](double x0) {
        return geometry::Geometry{
            geometry::Polygon{{{{x0, 0}, {x0 + 100, 0}, {x0 + 100, 100}, {x0, 100}, {x0, 0}}}, {}}};
    };
    const catchment::PopulationIndex zones({square(0), square(100)}, {}, {10.0, 20.0}, {},
                                           catchment::PopulationIndex::Rule::area_share);
    std::vector<catchment::Catchment> catchments(2);
    catchments[0].asset = 0;
    catchments[0].area = geometry::Polygon{{{{50, 0}, {150, 0}, {150, 100}, {50, 100}, {50, 0}}}, {}}; // half of each
    catchments[1].asset = 1;
    catchments[1].area = geometry::Polygon{{{{0, 0}, {200, 0}, {200, 100}, {0, 100}, {0, 0}}}, {}};    // both whole
    const SegmentUsers users = users_per_segment(catchments, zones, {8.0, 4.0}, {"s2", "s1"}, {"s1", "s2"});
    REQUIRE(users.users.size() == 2);
    CHECK(users.users[0][0] == Approx(2.0)); // s1: 0.5 x 4
    CHECK(users.users[0][1] == Approx(4.0)); // s2: 0.5 x 8
    CHECK(users.users[1] == std::vector<double>{4.0, 8.0});

    auto estate = small_estate();
    estate.assets.resize(2);
    IndicatorInputs in{estate, catchments};
    in.users = users;
    const Indicators result = asset_indicators(in);
    CHECK(result.segment_codes == std::vector<std::string>{"s1", "s2"});
    CHECK(result.assets[0].users == Approx(6.0)); // 2 + 4
    CHECK(result.assets[1].users == 12.0);        // 4 + 8

    CHECK(test::code_of([&] { users_per_segment(catchments, zones, {8.0}, {"s2", "s1"}, {"s1", "s2"}); }) ==
          Errc::argument);
    CHECK(test::code_of([&] { users_per_segment(catchments, zones, {8.0, 4.0}, {"s3", "s1"}, {"s1", "s2"}); }) ==
          Errc::argument);
}

TEST_CASE("catchments must match the estate one to one at most", "[report][indicators][bad-input]") {
    const auto estate = small_estate();
    const std::vector<catchment::Catchment> twice{catchment_of(0, "lib", 1.0), catchment_of(0, "lib", 2.0)};
    const Error e = test::error_of([&] { asset_indicators(IndicatorInputs{estate, twice}); });
    CHECK(e.code() == Errc::argument);
    CHECK(test::contains(e.what(), "'lib' has two catchments"));
    const std::vector<catchment::Catchment> outside{catchment_of(4, "x", 1.0)};
    CHECK(test::code_of([&] { asset_indicators(IndicatorInputs{estate, outside}); }) == Errc::argument);
    const auto catchments = small_catchments();
    IndicatorInputs bad_overlap{estate, catchments};
    bad_overlap.overlaps = std::vector<catchment::Overlap>{{0, 3, 1.0, 0.0, 0.0}};
    CHECK(test::code_of([&] { asset_indicators(bad_overlap); }) == Errc::argument);
}

TEST_CASE("indicator layers: nulls for missing values, notes, the owner style", "[report][indicators]") {
    const auto estate = small_estate();
    const auto catchments = small_catchments();
    IndicatorInputs in{estate, catchments};
    in.overlaps = small_overlaps();
    in.as_of = "2026-01-15";
    const auto layers = indicator_layers(asset_indicators(in), estate);
    REQUIRE(layers.size() == 3);
    const io::OutputLayer &assets = layers[0];
    CHECK(assets.name == "asset_indicators");
    REQUIRE(assets.features.size() == 4);
    const auto field = [&](const std::string &name) {
        for (std::size_t i = 0; i < assets.fields.size(); ++i) {
            if (assets.fields[i].name == name) {
                return i;
            }
        }
        FAIL("no field " << name);
        return std::size_t{0};
    };
    CHECK(assets.features[0].values[field("cost_per_m2")] == io::FieldValue{100.0});
    CHECK(assets.features[0].values[field("lease_ends_within_horizon")] == io::FieldValue{std::int64_t{1}});
    CHECK(assets.features[2].values[field("cost_per_m2")] == io::FieldValue{});
    CHECK(io::to_text(assets.features[3].values[field("missing")]) ==
          "cost_per_m2: floor_area not given; catchment_population: no catchment given; "
          "floor_area_per_resident: floor_area not given");
    CHECK(assets.features[1].values[field("organisation_kind")] == io::FieldValue{std::string("nhs")});
    REQUIRE(assets.style);
    CHECK(assets.style->qml.find("categorizedSymbol") != std::string::npos);
    CHECK(layers[1].name == "organisation_indicators");
    CHECK(layers[1].features.size() == 3);
    CHECK(layers[2].name == "service_indicators");
    CHECK(layers[2].features.size() == 4);
}
