// Unit tests of the conversion of loaded layers into the model under a schema
// (src/model/convert.cpp): assets, zones and service users.
//
// Expected values on the demo data were checked with GDAL 3.6.2's ogrinfo on
// testdata/derbyshire (see testdata/derbyshire/SOURCE.md), e.g.
//   ogrinfo -ro -q derbyshire_facilities.gpkg -dialect sqlite
//     -sql "select count(*), sum(gia_m2), count(distinct uprn) from fire_estate_dfrs_2016"
//     -> 56, 26743, 33 (the 24 staff houses, FID 33-56, have an empty uprn)
//   ogrinfo -ro -q derbyshire_zones.gpkg -dialect sqlite
//     -sql "select count(*), sum(ts0010001), sum(ts0410001), sum(age_65_years_and_over) from lsoa21"
//     -> 651, 1055975, 459917, 218479

#include "support/catch.hpp"
#include "support/errors.hpp"
#include "support/layers.hpp"
#include "support/scratch.hpp"

#include <pooled/core/error.hpp>
#include <pooled/crs/crs.hpp>
#include <pooled/geometry/types.hpp>
#include <pooled/io/reader.hpp>
#include <pooled/io/schema.hpp>
#include <pooled/model/convert.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

using namespace pooled::test;
using pooled::Errc;
using pooled::Error;
using pooled::crs::Crs;
using pooled::io::apply_field_override;
using pooled::io::AssetSchema;
using pooled::io::guess_asset_schema;
using pooled::io::guess_service_user_schema;
using pooled::io::guess_zone_schema;
using pooled::io::inspect_layer;
using pooled::io::IssueKind;
using pooled::io::LayerSource;
using pooled::io::load_schema;
using pooled::io::OnInvalid;
using pooled::io::read_layer;
using pooled::io::read_options_for;
using pooled::io::ReadOptions;
using pooled::io::Schema;
using pooled::io::ServiceUserSchema;
using pooled::io::ZoneSchema;
using pooled::model::OrganisationKind;
using pooled::model::to_estate;
using pooled::model::to_population;
using pooled::model::to_service_users;
using pooled::model::Tenure;

TEST_CASE("the DFRS register loads as 56 assets with floor_area=gia_m2", "[model][schema]") {
    Schema schema;
    apply_field_override(schema, "assets", "floor_area=gia_m2");
    apply_field_override(schema, "assets", "name=site");
    apply_field_override(schema, "assets", "tenure=ownership");
    const auto layer = read_layer(source(derbyshire_facilities, "fire_estate_dfrs_2016"), bng(), read_options_for(schema.assets));
    const auto estate = to_estate(layer, schema.assets);
    REQUIRE(estate.assets.size() == 56);
    CHECK(estate.report.loaded == 56);
    CHECK(estate.source == derbyshire_facilities + ":fire_estate_dfrs_2016");
    CHECK(estate.crs.crs().authority_code() == "EPSG:27700");
    double total = 0.0;
    for (const auto &asset : estate.assets) {
        REQUIRE(asset.floor_area);
        total += asset.floor_area->value();
        CHECK(asset.tenure == Tenure::freehold);
        CHECK(asset.id == std::to_string(asset.fid)); // no id column: the FID
        CHECK(asset.organisation_kind == OrganisationKind::other);
        CHECK_FALSE(asset.running_cost);
        CHECK_FALSE(asset.must_keep);
    }
    CHECK(total == 26743.0); // ogrinfo: sum(gia_m2) = 26743
    // FID 1: Alfreton Community Fire Station, POINT(440715 354526), gia_m2 1249.
    const auto &first = estate.assets.front();
    CHECK(first.fid == 1);
    CHECK(first.name == "Alfreton Community Fire Station");
    CHECK(first.floor_area->value() == 1249.0);
    CHECK(first.location == pooled::geometry::Point{440715, 354526});
    CHECK(estate.has("floor_area"));
    CHECK(estate.has("tenure"));
    CHECK_FALSE(estate.has("id"));
    CHECK_FALSE(estate.has("running_cost"));
}

TEST_CASE("the DFRS register with the Derbyshire schema file", "[model][schema]") {
    const Schema schema = load_schema(derbyshire_schema);
    const auto info = inspect_layer(source(derbyshire_facilities, "fire_estate_dfrs_2016"));
    const auto assets = guess_asset_schema(info, schema.assets); // guess = false: nothing added
    CHECK(assets.id.empty());
    const auto layer = read_layer(info.source, bng(), read_options_for(assets));
    const auto estate = to_estate(layer, assets);
    REQUIRE(estate.assets.size() == 56);
    for (const auto &asset : estate.assets) {
        CHECK(asset.organisation == "Derbyshire Fire and Rescue Service");
        CHECK(asset.organisation_kind == OrganisationKind::fire);
        CHECK(asset.services == std::vector<std::string>{"fire and rescue"});
    }
    // FID 31 Whaley Bridge: the geometry holds the corrected (postcode) position.
    CHECK(estate.assets[30].name == "Whaley Bridge Fire Station");
    CHECK(estate.assets[30].location == pooled::geometry::Point{401246, 381304});
    CHECK(estate.has("organisation"));
    CHECK(estate.has("organisation_kind"));
    CHECK(estate.has("services"));
}

TEST_CASE("guessing uprn as the DFRS id fails on the staff houses' empty uprn", "[model][schema]") {
    const auto info = inspect_layer(source(derbyshire_facilities, "fire_estate_dfrs_2016"));
    const auto schema = guess_asset_schema(info);
    REQUIRE(schema.id == "uprn");
    const Error e = error_of([&] { read_layer(info.source, bng(), read_options_for(schema)); });
    CHECK(e.code() == Errc::data);
    CHECK(e.where().feature == 33); // the first staff house
    CHECK(e.where().field == "uprn");
    // Skipping leaves the 32 sites with a uprn (33 distinct values including the empty one).
    ReadOptions skip;
    skip.on_invalid = OnInvalid::skip;
    const auto layer = read_layer(info.source, bng(), read_options_for(schema, skip));
    CHECK(layer.report().count(IssueKind::missing_value) == 24);
    const auto estate = to_estate(layer, schema);
    CHECK(estate.assets.size() == 32);
    CHECK(estate.assets.front().id == "54960");
    CHECK(estate.has("id"));
}

TEST_CASE("guessed schemas load schools and GP practices with capacities", "[model][schema]") {
    SECTION("schools: 570, number_of_pupils set for 543, sum 158056") {
        const auto info = inspect_layer(source(derbyshire_facilities, "schools_gias_2025"));
        const auto schema = guess_asset_schema(info);
        const auto estate = to_estate(read_layer(info.source, bng(), read_options_for(schema)), schema);
        REQUIRE(estate.assets.size() == 570);
        double pupils = 0.0;
        std::size_t with_capacity = 0;
        for (const auto &asset : estate.assets) {
            if (asset.capacity) {
                pupils += *asset.capacity;
                ++with_capacity;
            }
        }
        CHECK(with_capacity == 543);
        CHECK(pupils == 158056.0);
    }
    SECTION("GP practices: 420, sum of number_of_patients 3711460") {
        const auto info = inspect_layer(source(derbyshire_facilities, "gp_practices_2022"));
        Schema schema;
        schema.assets = guess_asset_schema(info);
        apply_field_override(schema, "assets", "constants.organisation=NHS England");
        apply_field_override(schema, "assets", "constants.service=GP");
        const auto estate = to_estate(read_layer(info.source, bng(), read_options_for(schema.assets)), schema.assets);
        REQUIRE(estate.assets.size() == 420);
        double patients = 0.0;
        for (const auto &asset : estate.assets) {
            patients += asset.capacity.value_or(0.0);
            CHECK(asset.organisation_kind == OrganisationKind::nhs); // read from the organisation's name
            CHECK(asset.offers("gp"));
        }
        CHECK(patients == 3711460.0);
    }
    SECTION("Home Office fire stations: 31 of Derbyshire's") {
        const auto info = inspect_layer(source(derbyshire_facilities, "fire_stations_homeoffice"));
        Schema schema;
        schema.assets = guess_asset_schema(info);
        apply_field_override(schema, "assets", "constants.organisation_kind=fire");
        const auto estate = to_estate(read_layer(info.source, bng(), read_options_for(schema.assets)), schema.assets);
        REQUIRE(estate.assets.size() == 82);
        const auto derbyshire = std::count_if(estate.assets.begin(), estate.assets.end(),
                                              [](const auto &a) { return a.organisation == "Derbyshire"; });
        CHECK(derbyshire == 31);
        CHECK(std::all_of(estate.assets.begin(), estate.assets.end(),
                          [](const auto &a) { return a.organisation_kind == OrganisationKind::fire; }));
    }
}

TEST_CASE("the LSOA layer loads as 651 zones with population=ts0010001", "[model][schema]") {
    Schema schema;
    apply_field_override(schema, "zones", "population=ts0010001");
    const auto layer = read_layer(source(derbyshire_zones, "lsoa21"), bng(), read_options_for(schema.zones));
    const auto population = to_population(layer, schema.zones);
    REQUIRE(population.zones.size() == 651);
    CHECK(population.total_population() == 1055975.0); // ogrinfo: sum(ts0010001) = 1055975
    CHECK_FALSE(population.population_weighted_centroids);
    CHECK(population.variable_names.empty());
    const auto &first = population.zones.front();
    CHECK(first.fid == 1);
    CHECK(first.id == "1"); // no id mapped: the FID
    CHECK(first.population == 2293.0); // E01013453 Derby 013A
    for (const auto &zone : population.zones) {
        CHECK(pooled::geometry::envelope(zone.geometry).contains(zone.centroid));
    }
}

TEST_CASE("the LSOA layer with the Derbyshire schema file loads variables", "[model][schema]") {
    const Schema schema = load_schema(derbyshire_schema);
    const auto layer = read_layer(source(derbyshire_zones, "lsoa21"), bng(), read_options_for(schema.zones));
    const auto population = to_population(layer, schema.zones);
    REQUIRE(population.zones.size() == 651);
    CHECK(population.total_population() == 1055975.0);
    CHECK(population.variable_names ==
          std::vector<std::string>{"ts0410001", "ts0450002", "ts0110002", "ts0370001", "ts0370005", "ts0370006",
                                   "age_15_years_and_under", "age_16_to_24_years", "age_25_to_34_years",
                                   "age_35_to_49_years", "age_50_to_64_years", "age_65_years_and_over"});
    const auto households = population.require_variable("ts0410001");
    const auto no_car = population.require_variable("ts0450002");
    const auto over_65 = population.require_variable("age_65_years_and_over");
    double sum_households = 0.0;
    double sum_no_car = 0.0;
    double sum_over_65 = 0.0;
    for (const auto &zone : population.zones) {
        REQUIRE(zone.variables.size() == 12);
        sum_households += zone.variables[households];
        sum_no_car += zone.variables[no_car];
        sum_over_65 += zone.variables[over_65];
    }
    CHECK(sum_households == 459917.0); // ogrinfo: sum(ts0410001)
    CHECK(sum_no_car == 88191.0);      // ogrinfo: sum(ts0450002)
    CHECK(sum_over_65 == 218479.0);    // ogrinfo: sum(age_65_years_and_over)
    CHECK(population.zones.front().id == "E01013453");
    CHECK(population.zones.front().name == "Derby 013A");
}

TEST_CASE("population-weighted centroids come from mapped columns", "[model][schema]") {
    // Two square zones (WKT, BNG) with centroid columns off their centres. The first centroid
    // is E01013787's (Rutland 005A) population-weighted centroid from testdata/bad.
    const auto path = scratch().write("pwc_zones.csv",
                                      "code,pop,pwc_x,pwc_y,WKT\n"
                                      "Z1,1279,483985.5,303343.5,\"POLYGON((483000 302000,485000 302000,"
                                      "485000 304000,483000 304000,483000 302000))\"\n"
                                      "Z2,3648,490998.3,314784.9,\"POLYGON((490000 314000,492000 314000,"
                                      "492000 316000,490000 316000,490000 314000))\"\n");
    ReadOptions options;
    options.assume_crs = Crs::from_user_input("EPSG:27700");
    const auto info = inspect_layer(LayerSource::parse(path), options);
    ZoneSchema schema;
    schema.population = "pop";
    schema = guess_zone_schema(info, schema);
    CHECK(schema.id == "code");
    CHECK(schema.centroid_x == "pwc_x"); // guessed as a pair
    CHECK(schema.centroid_y == "pwc_y");
    const auto layer = read_layer(info.source, bng(), read_options_for(schema, options));
    const auto population = to_population(layer, schema);
    REQUIRE(population.zones.size() == 2);
    CHECK(population.population_weighted_centroids);
    CHECK(population.zones[0].id == "Z1");
    CHECK(population.zones[0].centroid == pooled::geometry::Point{483985.5, 303343.5});
    CHECK(population.zones[1].centroid == pooled::geometry::Point{490998.3, 314784.9});
    CHECK(population.total_population() == 1279.0 + 3648.0);

    SECTION("without them, the representative point of the polygon") {
        ZoneSchema plain = schema;
        plain.centroid_x.clear();
        plain.centroid_y.clear();
        const auto centres = to_population(layer, plain);
        CHECK_FALSE(centres.population_weighted_centroids);
        const auto &c = centres.zones[0].centroid;
        CHECK(c.x > 483000.0);
        CHECK(c.x < 485000.0);
        CHECK(c.y > 302000.0);
        CHECK(c.y < 304000.0);
    }
    SECTION("in another CRS they are transformed into the working CRS") {
        ZoneSchema other = schema;
        other.centroid_crs = "EPSG:27700";
        CHECK(to_population(layer, other).zones[0].centroid == pooled::geometry::Point{483985.5, 303343.5});
        other.centroid_crs = "EPSG:3857"; // metres too, but another CRS: the point must move far
        const auto moved = to_population(layer, other).zones[0].centroid;
        CHECK(std::abs(moved.x - 483985.5) > 1000.0);
    }
    SECTION("only one centroid column is an argument error") {
        ZoneSchema half = schema;
        half.centroid_y.clear();
        const Error e = error_of([&] { to_population(layer, half); });
        CHECK(e.code() == Errc::argument);
        CHECK(contains(e.what(), "centroid_x and centroid_y"));
    }
}

TEST_CASE("conversion errors name the layer, feature and field", "[model][schema]") {
    ReadOptions csv;
    csv.assume_crs = Crs::from_user_input("EPSG:27700");
    csv.x_field = "X";
    csv.y_field = "Y";
    ZoneSchema zones;
    zones.population = "ts0010001";

    SECTION("text in a numeric column (read without the schema's checks)") {
        const auto layer = read_testdata_layer("bad/text_population.csv", csv);
        const Error e = error_of([&] { to_population(layer, zones); });
        CHECK(e.code() == Errc::data);
        CHECK(e.where().feature == 3);
        CHECK(e.where().field == "ts0010001");
        CHECK(e.where().layer == "text_population");
        CHECK(contains(e.what(), "'n/a'"));
    }
    SECTION("a negative population") {
        const auto layer = read_testdata_layer("bad/negative_population.csv", csv);
        const Error e = error_of([&] { to_population(layer, zones); });
        CHECK(e.code() == Errc::data);
        CHECK(e.where().feature == 4);
        CHECK(e.where().field == "ts0010001");
        CHECK(contains(e.what(), "population is negative: -12"));
    }
    SECTION("a repeated id") {
        ZoneSchema with_id = zones;
        with_id.id = "lsoa21cd";
        const auto layer = read_testdata_layer("bad/duplicate_ids.csv", csv);
        const Error e = error_of([&] { to_population(layer, with_id); });
        CHECK(e.code() == Errc::data);
        CHECK(e.where().feature == 5);
        CHECK(e.where().field == "lsoa21cd");
        CHECK(contains(e.what(), "duplicate id 'E01013788' (first used by feature 2)"));
    }
    SECTION("text in a floor area") {
        ReadOptions dfrs = csv;
        dfrs.x_field = "easting";
        dfrs.y_field = "northing";
        AssetSchema assets;
        assets.floor_area = "gia_m2";
        const auto layer = read_testdata_layer("bad/not_a_number_float.csv", dfrs);
        const Error e = error_of([&] { to_estate(layer, assets); });
        CHECK(e.code() == Errc::data);
        CHECK(e.where().feature == 2);
        CHECK(e.where().field == "gia_m2");
        CHECK(contains(e.what(), "floor_area is not a number: '12,5O0'"));
    }
}

TEST_CASE("unmapped or missing columns are argument errors naming the layer", "[model][schema]") {
    const auto layer = read_layer(source(derbyshire_zones, "msoa21"), bng());
    SECTION("zones without a population column") {
        const Error e = error_of([&] { to_population(layer, ZoneSchema{}); });
        CHECK(e.code() == Errc::argument);
        CHECK(e.where().layer == "msoa21");
        CHECK(e.where().path == derbyshire_zones);
        CHECK(contains(e.what(), "zones need a population column; map one with --field population=COLUMN"));
    }
    SECTION("a mapped column the layer lacks") {
        ZoneSchema schema;
        schema.population = "pop";
        const Error e = error_of([&] { to_population(layer, schema); });
        CHECK(e.code() == Errc::argument);
        CHECK(e.where().layer == "msoa21");
        CHECK(e.where().field == "pop");
        CHECK(contains(e.what(), "the zone field 'population' is mapped to a missing column"));
        CHECK(contains(e.what(), "msoa21cd, msoa21nm, ts0010001, ts0410001"));
    }
    SECTION("a variable pattern that matches nothing") {
        ZoneSchema schema;
        schema.population = "ts0010001";
        schema.variables = {"age_*"};
        const Error e = error_of([&] { to_population(layer, schema); });
        CHECK(e.code() == Errc::argument);
        CHECK(contains(e.what(), "no column matches the zone variable pattern 'age_*'"));
    }
    SECTION("an asset column the layer lacks") {
        AssetSchema schema;
        schema.floor_area = "gia";
        const Error e = error_of([&] { to_estate(layer, schema); });
        CHECK(e.code() == Errc::argument);
        CHECK(e.where().field == "gia");
        CHECK(contains(e.what(), "the asset field 'floor_area' is mapped to a missing column"));
    }
}

TEST_CASE("an organisation kind constant that is not a kind fails the conversion", "[model][schema]") {
    const auto layer = read_layer(source(derbyshire_facilities, "hospitals_2022"), bng());
    AssetSchema schema;
    schema.constants.organisation_kind = "quango";
    const Error e = error_of([&] { to_estate(layer, schema); });
    CHECK(e.code() == Errc::argument);
    CHECK(e.where().layer == "hospitals_2022");
    CHECK(contains(e.what(), "the asset constant organisation_kind 'quango' is not an organisation kind"));
    CHECK(contains(e.what(), "council, nhs, police, fire, ambulance, central_government, education, other"));
    schema.constants.organisation_kind = "NHS";
    const auto estate = to_estate(layer, schema);
    CHECK(estate.assets.size() == 54);
    CHECK(estate.assets.front().organisation_kind == OrganisationKind::nhs);
    CHECK(estate.has("organisation_kind"));
}

TEST_CASE("asset values: flags, dates, kinds and services from columns", "[model][schema]") {
    // A small register in the form councils publish (BNG points in Derbyshire).
    const auto path = scratch().write("register.csv",
                                      "ref,site,owner,kind,services,tenure,lease_end,keep,cost,util,value,x,y\n"
                                      "A1,Matlock Library,Derbyshire County Council,,Library; Registrars,FH,,Y,"
                                      "120000,0.8,950000,429900,360300\n"
                                      "A2,Ashbourne Health Centre,Derbyshire Community Health Services,,GP|Clinic,"
                                      "Leasehold,2031/03/31,no,,1.2,,417800,346500\n"
                                      "A3,Bolsover Depot,Bolsover District Council,Police,,,2030-01-01,,,,,447600,"
                                      "370400\n");
    ReadOptions options;
    options.assume_crs = Crs::from_user_input("EPSG:27700");
    options.x_field = "x";
    options.y_field = "y";
    Schema schema;
    for (const char *field : {"id=ref", "name=site", "organisation=owner", "organisation_kind=kind",
                              "services=services", "tenure=tenure", "lease_end=lease_end", "must_keep=keep",
                              "running_cost=cost", "utilisation=util", "value=value",
                              "constants.service=office"}) {
        apply_field_override(schema, "assets", field);
    }
    const auto layer = read_layer(LayerSource::parse(path), bng(), read_options_for(schema.assets, options));
    const auto estate = to_estate(layer, schema.assets);
    REQUIRE(estate.assets.size() == 3);
    const auto &library = estate.assets[0];
    CHECK(library.id == "A1");
    CHECK(library.organisation_kind == OrganisationKind::council);
    CHECK(library.services == std::vector<std::string>{"library", "registrars"});
    CHECK(library.tenure == Tenure::freehold);
    CHECK_FALSE(library.lease_end);
    CHECK(library.must_keep);
    REQUIRE(library.running_cost);
    CHECK(library.running_cost->value() == 120000.0);
    CHECK(library.utilisation == 0.8);
    REQUIRE(library.value);
    CHECK(library.value->value() == 950000.0);
    CHECK(library.location == pooled::geometry::Point{429900, 360300});
    const auto &clinic = estate.assets[1];
    CHECK(clinic.organisation_kind == OrganisationKind::nhs);
    CHECK(clinic.services == std::vector<std::string>{"gp", "clinic"});
    CHECK(clinic.tenure == Tenure::leasehold);
    CHECK(clinic.lease_end == std::optional<std::string>("2031-03-31"));
    CHECK_FALSE(clinic.must_keep);
    CHECK_FALSE(clinic.running_cost);
    CHECK(clinic.utilisation == 1.2); // over capacity is allowed
    const auto &depot = estate.assets[2];
    CHECK(depot.organisation_kind == OrganisationKind::police); // the column wins over the name
    CHECK(depot.services == std::vector<std::string>{"office"}); // the constant fills an empty cell
    CHECK(depot.tenure == Tenure::unknown);
    CHECK(depot.lease_end == std::optional<std::string>("2030-01-01"));

    SECTION("unreadable values are data errors naming feature and field") {
        const auto bad = scratch().write("bad_register.csv", "ref,keep,lease_end,kind,x,y\n"
                                                             "A1,perhaps,,,429900,360300\n"
                                                             "A2,,31/03/2031,,417800,346500\n"
                                                             "A3,,,quango,447600,370400\n");
        const auto bad_layer = read_layer(LayerSource::parse(bad), bng(), options);
        AssetSchema keep;
        keep.must_keep = "keep";
        Error e = error_of([&] { to_estate(bad_layer, keep); });
        CHECK(e.code() == Errc::data);
        CHECK(e.where().feature == 1);
        CHECK(e.where().field == "keep");
        CHECK(contains(e.what(), "must_keep is not a yes/no flag: 'perhaps'"));
        AssetSchema lease;
        lease.lease_end = "lease_end";
        e = error_of([&] { to_estate(bad_layer, lease); });
        CHECK(e.where().feature == 2);
        CHECK(contains(e.what(), "lease_end is not a date (YYYY-MM-DD): '31/03/2031'"));
        AssetSchema kind;
        kind.organisation_kind = "kind";
        e = error_of([&] { to_estate(bad_layer, kind); });
        CHECK(e.where().feature == 3);
        CHECK(contains(e.what(), "unknown organisation kind 'quango'"));
    }
}

TEST_CASE("service users load with weights and services", "[model][schema]") {
    const auto path = scratch().write("users.csv", "user_id,service,visits,x,y\n"
                                                   "u1,Library,3,429900,360300\n"
                                                   "u2,,,417800,346500\n"
                                                   "u3, GP ,0.5,447600,370400\n");
    ReadOptions options;
    options.assume_crs = Crs::from_user_input("EPSG:27700");
    options.x_field = "x";
    options.y_field = "y";
    const auto info = inspect_layer(LayerSource::parse(path), options);
    ServiceUserSchema schema = guess_service_user_schema(info);
    CHECK(schema.id == "user_id");
    CHECK(schema.service == "service");
    CHECK(schema.weight == "visits");
    schema.constants.service = "Library";
    const auto users = to_service_users(read_layer(info.source, bng(), read_options_for(schema, options)), schema);
    REQUIRE(users.users.size() == 3);
    CHECK(users.users[0].id == "u1");
    CHECK(users.users[0].service == "library");
    CHECK(users.users[0].weight == 3.0);
    CHECK(users.users[0].location == pooled::geometry::Point{429900, 360300});
    CHECK(users.users[1].service == "library"); // the constant
    CHECK(users.users[1].weight == 1.0);        // null weight counts as 1
    CHECK(users.users[2].service == "gp");
    CHECK(users.users[2].weight == 0.5);
}
