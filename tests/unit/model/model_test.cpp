// Unit tests of pooled::model (src/model/*.cpp): the text parsers behind the schema
// (organisation kind, tenure, flags, services, dates) and the collection helpers.

#include "support/catch.hpp"
#include "support/errors.hpp"

#include <pooled/core/error.hpp>
#include <pooled/model/asset.hpp>
#include <pooled/model/service_user.hpp>
#include <pooled/model/zone.hpp>

#include <optional>
#include <string>
#include <vector>

using pooled::Errc;
using pooled::Error;
using pooled::crs::WorkingCrs;
using pooled::model::Asset;
using pooled::model::Estate;
using pooled::model::OrganisationKind;
using pooled::model::organisation_kind_count;
using pooled::model::organisation_kind_name;
using pooled::model::parse_flag;
using pooled::model::parse_iso_date;
using pooled::model::parse_organisation_kind;
using pooled::model::parse_services;
using pooled::model::parse_tenure;
using pooled::model::Population;
using pooled::model::Tenure;
using pooled::model::tenure_count;
using pooled::model::tenure_name;
using pooled::model::Zone;
using pooled::test::contains;
using pooled::test::error_of;

TEST_CASE("organisation kinds parse from names and common spellings", "[model]") {
    SECTION("every name parses back to its kind") {
        for (std::size_t i = 0; i < organisation_kind_count; ++i) {
            const auto kind = static_cast<OrganisationKind>(i);
            CHECK(parse_organisation_kind(organisation_kind_name(kind)) == kind);
        }
        CHECK(std::string(organisation_kind_name(OrganisationKind::central_government)) == "central_government");
    }
    SECTION("common spellings, any case") {
        CHECK(parse_organisation_kind("NHS") == OrganisationKind::nhs);
        CHECK(parse_organisation_kind("nhs trust") == OrganisationKind::nhs);
        CHECK(parse_organisation_kind("CCG") == OrganisationKind::nhs);
        CHECK(parse_organisation_kind("Fire and Rescue") == OrganisationKind::fire);
        CHECK(parse_organisation_kind("Fire & Rescue") == OrganisationKind::fire);
        CHECK(parse_organisation_kind("FRS") == OrganisationKind::fire);
        CHECK(parse_organisation_kind("Central Government") == OrganisationKind::central_government);
        CHECK(parse_organisation_kind("central-government") == OrganisationKind::central_government);
        CHECK(parse_organisation_kind("Local Authority") == OrganisationKind::council);
        CHECK(parse_organisation_kind("Constabulary") == OrganisationKind::police);
        CHECK(parse_organisation_kind("  Ambulance Service ") == OrganisationKind::ambulance);
        CHECK(parse_organisation_kind("Academy") == OrganisationKind::education);
        CHECK(parse_organisation_kind("OTHER") == OrganisationKind::other);
    }
    SECTION("organisation names are searched for a telling word") {
        // The owners in the demo data and their neighbours.
        CHECK(parse_organisation_kind("Derbyshire Fire and Rescue Service") == OrganisationKind::fire);
        CHECK(parse_organisation_kind("Derbyshire County Council") == OrganisationKind::council);
        CHECK(parse_organisation_kind("Derby City Council") == OrganisationKind::council);
        CHECK(parse_organisation_kind("Derbyshire Constabulary") == OrganisationKind::police);
        CHECK(parse_organisation_kind("East Midlands Ambulance Service NHS Trust") == OrganisationKind::ambulance);
        CHECK(parse_organisation_kind("Derbyshire Community Health Services NHS Foundation Trust") ==
              OrganisationKind::nhs);
        CHECK(parse_organisation_kind("University Hospitals of Derby and Burton") == OrganisationKind::nhs);
        CHECK(parse_organisation_kind("Department for Work and Pensions") == OrganisationKind::central_government);
        CHECK(parse_organisation_kind("HM Courts & Tribunals Service") == OrganisationKind::central_government);
        CHECK(parse_organisation_kind("Derbyshire Fire Authority") == OrganisationKind::fire);
    }
    SECTION("empty and unrecognised text") {
        CHECK_FALSE(parse_organisation_kind(""));
        CHECK_FALSE(parse_organisation_kind("   "));
        CHECK_FALSE(parse_organisation_kind("Derbyshire")); // frs_fullname in the Home Office list
        CHECK_FALSE(parse_organisation_kind("Bonfire Society")); // whole words only: no "fire"
        CHECK_FALSE(parse_organisation_kind("banana"));
    }
}

TEST_CASE("tenure parses from common spellings", "[model]") {
    for (std::size_t i = 0; i < tenure_count; ++i) {
        const auto tenure = static_cast<Tenure>(i);
        CHECK(parse_tenure(tenure_name(tenure)) == tenure);
    }
    CHECK(parse_tenure("Freehold") == Tenure::freehold); // every row of fire_estate_dfrs_2016
    CHECK(parse_tenure("FH") == Tenure::freehold);
    CHECK(parse_tenure(" fh ") == Tenure::freehold);
    CHECK(parse_tenure("Owned") == Tenure::freehold);
    CHECK(parse_tenure("Leasehold") == Tenure::leasehold);
    CHECK(parse_tenure("LH") == Tenure::leasehold);
    CHECK(parse_tenure("Long leasehold") == Tenure::leasehold);
    CHECK(parse_tenure("leased") == Tenure::leasehold);
    CHECK(parse_tenure("") == Tenure::unknown);
    CHECK(parse_tenure("N/A") == Tenure::unknown);
    CHECK(parse_tenure("Unknown") == Tenure::unknown);
    CHECK(parse_tenure("Licence") == Tenure::other);
    CHECK(parse_tenure("PFI") == Tenure::other);
}

TEST_CASE("must_keep flags parse from 1/0, true/false, yes/no, Y/N", "[model]") {
    for (const char *yes : {"1", "true", "TRUE", "True", "yes", "Yes", "Y", "y", " t "}) {
        CAPTURE(yes);
        CHECK(parse_flag(yes) == std::optional<bool>(true));
    }
    for (const char *no : {"0", "false", "FALSE", "no", "No", "N", "n", "f"}) {
        CAPTURE(no);
        CHECK(parse_flag(no) == std::optional<bool>(false));
    }
    CHECK_FALSE(parse_flag(""));
    CHECK_FALSE(parse_flag("maybe"));
    CHECK_FALSE(parse_flag("2"));
}

TEST_CASE("services split on semicolons, commas and bars, trimmed and lower-cased", "[model]") {
    CHECK(parse_services("Library; Council Tax | library") == std::vector<std::string>{"library", "council tax"});
    CHECK(parse_services("GP,Pharmacy,,  ") == std::vector<std::string>{"gp", "pharmacy"});
    CHECK(parse_services("fire station") == std::vector<std::string>{"fire station"});
    CHECK(parse_services("").empty());
    CHECK(parse_services(" ; | , ").empty());
}

TEST_CASE("lease end dates are checked and normalised to YYYY-MM-DD", "[model]") {
    CHECK(parse_iso_date("2031-03-31") == std::optional<std::string>("2031-03-31"));
    CHECK(parse_iso_date(" 2031/03/31 ") == std::optional<std::string>("2031-03-31")); // OGR's date text
    CHECK(parse_iso_date("2031-03-31T00:00:00") == std::optional<std::string>("2031-03-31"));
    CHECK(parse_iso_date("2031/03/31 12:00:00") == std::optional<std::string>("2031-03-31"));
    CHECK(parse_iso_date("2024-02-29") == std::optional<std::string>("2024-02-29"));
    CHECK(parse_iso_date("2000-02-29"));
    CHECK_FALSE(parse_iso_date("1900-02-29")); // not a leap year
    CHECK_FALSE(parse_iso_date("2023-02-29"));
    CHECK_FALSE(parse_iso_date("2023-04-31"));
    CHECK_FALSE(parse_iso_date("2023-13-01"));
    CHECK_FALSE(parse_iso_date("2023-00-10"));
    CHECK_FALSE(parse_iso_date("31/03/2031")); // UK order is ambiguous with US order: refused
    CHECK_FALSE(parse_iso_date("2031-3-31"));
    CHECK_FALSE(parse_iso_date("2031-03/31"));
    CHECK_FALSE(parse_iso_date("2031-03-31x"));
    CHECK_FALSE(parse_iso_date(""));
}

TEST_CASE("Asset::offers compares services case-insensitively", "[model]") {
    Asset asset;
    asset.services = parse_services("Library;Council Tax");
    CHECK(asset.offers("library"));
    CHECK(asset.offers("Council Tax"));
    CHECK(asset.offers(" LIBRARY "));
    CHECK_FALSE(asset.offers("gp"));
    CHECK(asset.tenure == Tenure::unknown);
    CHECK(asset.organisation_kind == OrganisationKind::other);
    CHECK_FALSE(asset.must_keep);
}

TEST_CASE("Estate says which unmapped field an analysis needs", "[model]") {
    Estate estate{WorkingCrs::british_national_grid(), {}, {}, "estate.gpkg:sites", {"name", "floor_area"}};
    CHECK(estate.has("floor_area"));
    CHECK_FALSE(estate.has("running_cost"));
    CHECK_NOTHROW(estate.require("floor_area", "co-location"));
    const Error e = error_of([&] { estate.require("running_cost", "co-location"); });
    CHECK(e.code() == Errc::argument);
    CHECK(e.where().path == "estate.gpkg:sites");
    CHECK(contains(e.what(), "co-location needs the asset field 'running_cost'"));
    CHECK(contains(e.what(), "--field running_cost=COLUMN"));
}

TEST_CASE("Population totals and finds variables", "[model]") {
    Population population{WorkingCrs::british_national_grid(), {}, {"ts0410001", "age_65_years_and_over"}, {},
                          "zones.gpkg:lsoa21"};
    Zone a;
    a.population = 1500;
    Zone b;
    b.population = 2293.5;
    population.zones = {a, b};
    CHECK(population.total_population() == Approx(3793.5));
    CHECK(population.variable_index("age_65_years_and_over") == std::optional<std::size_t>(1));
    CHECK_FALSE(population.variable_index("ts0010001"));
    CHECK(population.require_variable("ts0410001") == 0);
    const Error e = error_of([&] { population.require_variable("ts0410002"); });
    CHECK(e.code() == Errc::argument);
    CHECK(contains(e.what(), "'ts0410002'"));
    CHECK(contains(e.what(), "did you mean 'ts0410001'"));
    CHECK(contains(e.what(), "zones.gpkg:lsoa21"));
}
