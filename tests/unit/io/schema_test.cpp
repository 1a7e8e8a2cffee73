// Unit tests of pooled::io schemas (src/io/schema.cpp): schema files, CLI overrides, guesses
// from column names, read options. The conversion of layers under a schema is tested in
// tests/unit/model/convert_test.cpp.
//
// The demo layers' column names were checked with GDAL 3.6.2's
// `ogrinfo -ro -so testdata/derbyshire/derbyshire_facilities.gpkg LAYER` (and the same for
// derbyshire_zones.gpkg).

#include "support/catch.hpp"
#include "support/errors.hpp"
#include "support/layers.hpp"
#include "support/scratch.hpp"
#include "support/testdata_path.hpp"

#include <pooled/core/error.hpp>
#include <pooled/io/reader.hpp>
#include <pooled/io/schema.hpp>

#include <string>
#include <vector>

using namespace pooled::test;
using pooled::Errc;
using pooled::Error;
using pooled::io::apply_field_override;
using pooled::io::AssetSchema;
using pooled::io::guess_asset_schema;
using pooled::io::guess_service_user_schema;
using pooled::io::guess_zone_schema;
using pooled::io::inspect_layer;
using pooled::io::load_schema;
using pooled::io::OnInvalid;
using pooled::io::read_options_for;
using pooled::io::ReadOptions;
using pooled::io::Schema;
using pooled::io::schema_fields;
using pooled::io::ServiceUserSchema;
using pooled::io::ZoneSchema;

// ---------------------------------------------------------------------------------------
// Schema files

TEST_CASE("the Derbyshire schema file loads", "[io][schema]") {
    const Schema schema = load_schema(derbyshire_schema);
    CHECK(schema.assets.name == "site");
    CHECK(schema.assets.floor_area == "gia_m2");
    CHECK(schema.assets.tenure == "ownership");
    CHECK(schema.assets.id.empty());
    CHECK_FALSE(schema.assets.guess);
    CHECK(schema.assets.constants.organisation == "Derbyshire Fire and Rescue Service");
    CHECK(schema.assets.constants.organisation_kind == "fire");
    CHECK(schema.assets.constants.service == "fire and rescue");
    CHECK(schema.zones.id == "lsoa21cd");
    CHECK(schema.zones.name == "lsoa21nm");
    CHECK(schema.zones.population == "ts0010001");
    CHECK(schema.zones.variables ==
          std::vector<std::string>{"ts0410001", "ts0450002", "ts0110002", "ts0370001", "ts0370005", "ts0370006",
                                   "age_*"});
    CHECK(schema.zones.guess);
    CHECK(schema.users.id.empty());
    CHECK(schema.users.guess);
}

TEST_CASE("schema files: every key and table is read", "[io][schema]") {
    const auto path = scratch().write("full.toml", R"([assets]
id = "asset_id"
name = "name"
organisation = "owner"
organisation_kind = "owner_kind"
services = "services"
floor_area = "gia"
running_cost = "cost"
capacity = "cap"
utilisation = "util"
tenure = "tenure"
lease_end = "lease_end"
condition = "condition"
must_keep = "keep"
value = "value"
guess = false
constants = { organisation = "Derby City Council", organisation_kind = "Local Authority", service = "library; council tax" }

[zones]
id = "code"
name = "name"
population = "pop"
centroid_x = "pwc_x"
centroid_y = "pwc_y"
centroid_crs = "EPSG:4326"
variables = ["a", "b*"]
guess = false

[users]
id = "uid"
service = "svc"
weight = "w"
[users.constants]
service = "GP"
)");
    const Schema schema = load_schema(path);
    const auto &a = schema.assets;
    CHECK(a.id == "asset_id");
    CHECK(a.organisation_kind == "owner_kind");
    CHECK(a.running_cost == "cost");
    CHECK(a.utilisation == "util");
    CHECK(a.lease_end == "lease_end");
    CHECK(a.must_keep == "keep");
    CHECK(a.value == "value");
    CHECK_FALSE(a.guess);
    CHECK(a.constants.organisation == "Derby City Council");
    CHECK(a.constants.organisation_kind == "Local Authority"); // parsed by model::to_estate
    CHECK(a.constants.service == "library; council tax");
    CHECK(schema.zones.centroid_x == "pwc_x");
    CHECK(schema.zones.centroid_y == "pwc_y");
    CHECK(schema.zones.centroid_crs == "EPSG:4326");
    CHECK(schema.zones.variables == std::vector<std::string>{"a", "b*"});
    CHECK_FALSE(schema.zones.guess);
    CHECK(schema.users.id == "uid");
    CHECK(schema.users.weight == "w");
    CHECK(schema.users.constants.service == "GP");
}

TEST_CASE("schema files: errors name the file, the line and the key", "[io][schema]") {
    SECTION("unknown key") {
        const auto path = scratch().write("unknown_key.toml", "# assets of the DFRS\n[assets]\nname = \"site\"\n"
                                                               "flor_area = \"gia_m2\"\n");
        const Error e = error_of([&] { load_schema(path); });
        CHECK(e.code() == Errc::argument);
        CHECK(e.where().path == path);
        const std::string what = e.what();
        CAPTURE(what);
        CHECK(contains(what, "unknown key 'flor_area' in [assets]"));
        CHECK(contains(what, "line 4, key 'assets.flor_area'"));
        CHECK(contains(what, "did you mean 'floor_area'?"));
        CHECK(contains(what, "valid keys: id, name, organisation"));
        CHECK(contains(what, path));
    }
    SECTION("wrong type") {
        const auto path = scratch().write("wrong_type.toml", "[assets]\nname = \"site\"\nfloor_area = 12\n");
        const Error e = error_of([&] { load_schema(path); });
        CHECK(e.code() == Errc::argument);
        CHECK(e.where().path == path);
        CHECK(contains(e.what(), "line 3, key 'assets.floor_area'"));
        CHECK(contains(e.what(), "expected a string (a column name), found an integer"));
    }
    SECTION("wrong type of guess") {
        const auto path = scratch().write("wrong_guess.toml", "[zones]\n\nguess = \"no\"\n");
        const Error e = error_of([&] { load_schema(path); });
        CHECK(contains(e.what(), "line 3, key 'zones.guess'"));
        CHECK(contains(e.what(), "true or false"));
    }
    SECTION("variables must be strings") {
        const auto path = scratch().write("wrong_variables.toml", "[zones]\nvariables = [\"a\", 3]\n");
        const Error e = error_of([&] { load_schema(path); });
        CHECK(contains(e.what(), "line 2, key 'zones.variables'"));
        CHECK(contains(e.what(), "an integer"));
    }
    SECTION("unknown constant") {
        const auto path =
            scratch().write("unknown_constant.toml", "[assets.constants]\norganisation = \"x\"\nservices = \"y\"\n");
        const Error e = error_of([&] { load_schema(path); });
        CHECK(contains(e.what(), "line 3, key 'assets.constants.services'"));
        CHECK(contains(e.what(), "did you mean 'service'?"));
    }
    SECTION("unknown table") {
        const auto path = scratch().write("unknown_table.toml", "[zone]\npopulation = \"pop\"\n");
        const Error e = error_of([&] { load_schema(path); });
        CHECK(contains(e.what(), "unknown table [zone] at line 1"));
        CHECK(contains(e.what(), "did you mean 'zones'?"));
    }
    SECTION("key outside a table") {
        const auto path = scratch().write("top_level.toml", "floor_area = \"gia_m2\"\n");
        const Error e = error_of([&] { load_schema(path); });
        CHECK(contains(e.what(), "key 'floor_area' is outside a table at line 1"));
    }
    SECTION("invalid TOML") {
        const auto path = scratch().write("invalid.toml", "[assets]\nname = \"site\nfloor_area = \"gia_m2\"\n");
        const Error e = error_of([&] { load_schema(path); });
        CHECK(e.code() == Errc::argument);
        CHECK(e.where().path == path);
        CHECK(contains(e.what(), "invalid TOML at line 2"));
    }
    SECTION("no such file") {
        const auto path = pooled::test::testdata("bad/does_not_exist.toml");
        const Error e = error_of([&] { load_schema(path); });
        CHECK(e.code() == Errc::io);
        CHECK(e.where().path == path);
    }
}

// ---------------------------------------------------------------------------------------
// CLI overrides

TEST_CASE("field overrides map, unmap and set constants", "[io][schema]") {
    Schema schema;
    apply_field_override(schema, "assets", "floor_area=gia_m2");
    CHECK(schema.assets.floor_area == "gia_m2");
    apply_field_override(schema, "assets", " name = site ");
    CHECK(schema.assets.name == "site");
    apply_field_override(schema, "assets", "floor_area=");
    CHECK(schema.assets.floor_area.empty());
    apply_field_override(schema, "assets", "constants.organisation_kind=Fire and Rescue");
    CHECK(schema.assets.constants.organisation_kind == "Fire and Rescue");
    apply_field_override(schema, "assets", "constants.organisation=Derbyshire Fire and Rescue Service");
    CHECK(schema.assets.constants.organisation == "Derbyshire Fire and Rescue Service");
    apply_field_override(schema, "assets", "constants.service=fire station");
    CHECK(schema.assets.constants.service == "fire station");
    apply_field_override(schema, "zones", "population=ts0010001");
    CHECK(schema.zones.population == "ts0010001");
    apply_field_override(schema, "zones", "variables=ts0410001, age_*,,");
    CHECK(schema.zones.variables == std::vector<std::string>{"ts0410001", "age_*"});
    apply_field_override(schema, "zones", "centroid_crs=EPSG:27700");
    CHECK(schema.zones.centroid_crs == "EPSG:27700");
    apply_field_override(schema, "users", "weight=visits");
    CHECK(schema.users.weight == "visits");
    apply_field_override(schema, "users", "constants.service=GP");
    CHECK(schema.users.constants.service == "GP");
}

TEST_CASE("field overrides reject unknown fields, listing the valid ones", "[io][schema]") {
    Schema schema;
    SECTION("unknown asset field") {
        const Error e = error_of([&] { apply_field_override(schema, "assets", "flor_area=gia_m2"); });
        CHECK(e.code() == Errc::argument);
        const std::string what = e.what();
        CHECK(contains(what, "unknown assets field 'flor_area'"));
        CHECK(contains(what, "did you mean 'floor_area'?"));
        CHECK(contains(what, "valid fields: id, name, organisation, organisation_kind, services, floor_area, "
                             "running_cost, capacity, utilisation, tenure, lease_end, condition, must_keep, value, "
                             "constants.organisation, constants.organisation_kind, constants.service"));
    }
    SECTION("a zone field given for users") {
        const Error e = error_of([&] { apply_field_override(schema, "users", "population=pop"); });
        CHECK(e.code() == Errc::argument);
        CHECK(contains(e.what(), "valid fields: id, service, weight, constants.service"));
    }
    SECTION("no '='") {
        const Error e = error_of([&] { apply_field_override(schema, "zones", "population"); });
        CHECK(e.code() == Errc::argument);
        CHECK(contains(e.what(), "expected FIELD=COLUMN"));
    }
    SECTION("unknown role") {
        const Error e = error_of([&] { apply_field_override(schema, "buildings", "name=x"); });
        CHECK(e.code() == Errc::argument);
        CHECK(contains(e.what(), "use assets, zones or users"));
    }
    CHECK(schema.assets.floor_area.empty()); // failed overrides change nothing
}

TEST_CASE("schema_fields lists the model fields of a role", "[io][schema]") {
    CHECK(schema_fields("assets").size() == 14);
    CHECK(schema_fields("zones") ==
          std::vector<std::string>{"id", "name", "population", "centroid_x", "centroid_y", "variables"});
    CHECK(schema_fields("users") == std::vector<std::string>{"id", "service", "weight"});
    CHECK_THROWS_AS(schema_fields("roads"), Error);
}

// ---------------------------------------------------------------------------------------
// Guesses (column lists checked with `ogrinfo -ro -so derbyshire_facilities.gpkg LAYER`)

TEST_CASE("asset schemas are guessed from the demo layers' column names", "[io][schema]") {
    SECTION("DFRS register") {
        const auto s = guess_asset_schema(inspect_layer(source(derbyshire_facilities, "fire_estate_dfrs_2016")));
        CHECK(s.id == "uprn");
        CHECK(s.name == "site");
        CHECK(s.floor_area == "gia_m2");
        CHECK(s.tenure == "ownership");
        CHECK(s.services.empty());
        CHECK(s.capacity.empty());
    }
    SECTION("schools") {
        const auto s = guess_asset_schema(inspect_layer(source(derbyshire_facilities, "schools_gias_2025")));
        CHECK(s.id == "urn");
        CHECK(s.name == "establishment_name");
        CHECK(s.capacity == "number_of_pupils");
        CHECK(s.organisation.empty());
    }
    SECTION("GP practices") {
        const auto s = guess_asset_schema(inspect_layer(source(derbyshire_facilities, "gp_practices_2022")));
        CHECK(s.id == "code");
        CHECK(s.name == "name");
        CHECK(s.capacity == "number_of_patients");
    }
    SECTION("Home Office fire stations: e_code is the service's code, not the station's") {
        const auto s = guess_asset_schema(inspect_layer(source(derbyshire_facilities, "fire_stations_homeoffice")));
        CHECK(s.id.empty());
        CHECK(s.name == "station_name");
        CHECK(s.organisation == "frs_fullname");
    }
    SECTION("libraries: the numeric `services` column (an IMD domain) is not a services list") {
        const auto s = guess_asset_schema(inspect_layer(source(derbyshire_facilities, "libraries_2016")));
        CHECK(s.id == "id");
        CHECK(s.name == "name");
        CHECK(s.services.empty());
    }
    SECTION("hospitals") {
        const auto s = guess_asset_schema(inspect_layer(source(derbyshire_facilities, "hospitals_2022")));
        CHECK(s.id.empty());
        CHECK(s.name == "hospital22_name");
    }
    SECTION("mapped fields are kept; guess = false turns guessing off") {
        const auto info = inspect_layer(source(derbyshire_facilities, "fire_estate_dfrs_2016"));
        AssetSchema base;
        base.name = "address";
        const auto s = guess_asset_schema(info, base);
        CHECK(s.name == "address");
        CHECK(s.floor_area == "gia_m2");
        base.guess = false;
        const auto off = guess_asset_schema(info, base);
        CHECK(off.name == "address");
        CHECK(off.floor_area.empty());
    }
}

TEST_CASE("zone schemas are guessed finest geography first", "[io][schema]") {
    const auto lsoa = guess_zone_schema(inspect_layer(source(derbyshire_zones, "lsoa21")));
    CHECK(lsoa.id == "lsoa21cd");
    CHECK(lsoa.name == "lsoa21nm");
    CHECK(lsoa.population == "ts0010001");
    CHECK(lsoa.centroid_x.empty());
    CHECK(lsoa.variables.empty());
    const auto oa = guess_zone_schema(inspect_layer(source(derbyshire_zones, "oa21_pwc")));
    CHECK(oa.id == "oa21cd"); // the layer also has lsoa21cd
    CHECK(oa.population == "ts0010001");
    const auto msoa = guess_zone_schema(inspect_layer(source(derbyshire_zones, "msoa21")));
    CHECK(msoa.id == "msoa21cd");
    CHECK(msoa.name == "msoa21nm");
    const auto lad = guess_zone_schema(inspect_layer(source(derbyshire_zones, "lad21_buc")));
    CHECK(lad.id == "lad21cd");
    CHECK(lad.name == "lad21nm");
    CHECK(lad.population.empty());
}

// ---------------------------------------------------------------------------------------
// read_options_for

TEST_CASE("read options check the schema's id and numeric columns", "[io][schema]") {
    AssetSchema assets;
    assets.id = "uprn";
    assets.floor_area = "gia_m2";
    assets.value = "value";
    assets.capacity = "gia_m2"; // the same column twice is checked once
    ReadOptions base;
    base.on_invalid = OnInvalid::skip;
    base.non_negative_fields = {"value"};
    const auto options = read_options_for(assets, base);
    CHECK(options.on_invalid == OnInvalid::skip);
    CHECK(options.id_field == "uprn");
    CHECK(options.non_negative_fields == std::vector<std::string>{"value", "gia_m2"});

    ZoneSchema zones;
    zones.population = "ts0010001";
    const auto zone_options = read_options_for(zones);
    CHECK(zone_options.id_field.empty());
    CHECK(zone_options.non_negative_fields == std::vector<std::string>{"ts0010001"});

    ServiceUserSchema users;
    users.id = "uid";
    users.weight = "w";
    const auto user_options = read_options_for(users);
    CHECK(user_options.id_field == "uid");
    CHECK(user_options.non_negative_fields == std::vector<std::string>{"w"});
}
