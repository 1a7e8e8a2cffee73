#pragma once
/// @file
/// @brief Schemas: which of the user's columns holds which model field.
///
/// The conversion of a loaded layer into the model under a schema (Estate, Population,
/// ServiceUsers) is in pooled/model/convert.hpp: model sits above io, so io never names model
/// types (the organisation kind constant is kept as text here and parsed there).
///
/// A schema comes from a TOML file (load_schema), CLI overrides (apply_field_override,
/// `--field floor_area=gia_m2`) and guesses from well-known column names (guess_*_schema), in
/// that order of precedence. A schema file has up to three tables; every key is optional:
///
/// ```toml
/// [assets]                        # one key per model field; the value is a column name
/// id = "uprn"
/// floor_area = "gia_m2"
/// guess = false                   # don't guess unmapped fields from column names
/// [assets.constants]              # values for the whole layer, used when no column is
/// organisation = "Derbyshire Fire and Rescue Service"   # mapped or the cell is empty
/// organisation_kind = "fire"
/// service = "fire and rescue"
///
/// [zones]
/// id = "lsoa21cd"
/// population = "ts0010001"
/// variables = ["ts0410001", "age_*"]   # '*' and '?' match against the layer's columns
///
/// [users]
/// service = "service"
/// weight = "visits"
/// ```

#include <pooled/io/layer.hpp>
#include <pooled/io/reader.hpp>
#include <pooled/pooled_cxx_export.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pooled::io {

/// Columns of an asset layer, one per model::Asset field; empty = unmapped.
struct AssetSchema {
    std::string id;                ///< unique id; unmapped = the FID
    std::string name;
    std::string organisation;      ///< owner's name
    std::string organisation_kind; ///< text parsed by model::parse_organisation_kind
    std::string services;          ///< list split on ';' ',' '|' (model::parse_services)
    std::string floor_area;        ///< m2, gross internal
    std::string running_cost;      ///< GBP per year
    std::string capacity;
    std::string utilisation;       ///< 0..1 (above 1 = over capacity)
    std::string tenure;            ///< text parsed by model::parse_tenure
    std::string lease_end;         ///< date, model::parse_iso_date
    std::string condition;
    std::string must_keep;         ///< flag, model::parse_flag
    std::string value;             ///< capital value, GBP

    /// Values for the whole layer, used where the field's column is unmapped or its cell empty.
    struct Constants {
        std::string organisation; ///< e.g. "Derbyshire Fire and Rescue Service"
        /// Text parsed by model::parse_organisation_kind ("fire", "NHS", "Local Authority"...);
        /// an unparseable one fails the conversion. Empty: the kind is read from the
        /// organisation's text when it names one (a "... Fire and Rescue Service" is fire),
        /// else other.
        std::string organisation_kind;
        std::string service; ///< e.g. "fire station"; may list several like the services column
    } constants;

    /// Whether guess_asset_schema may fill unmapped fields. DEFAULT: true.
    bool guess = true;
};

/// Columns of a zone layer; empty = unmapped.
struct ZoneSchema {
    std::string id;         ///< unique id; unmapped = the FID
    std::string name;
    std::string population; ///< required by to_population
    /// Population-weighted centroid coordinates: both or neither. Unmapped = the representative
    /// point of each zone's geometry.
    std::string centroid_x;
    std::string centroid_y;
    /// CRS of centroid_x/centroid_y (anything crs::Crs::from_user_input takes). Empty = the
    /// layer's stored CRS, else the CRS assumed for it (ReadOptions::assume_crs, e.g. for a
    /// CSV), else the working CRS.
    std::string centroid_crs;
    /// Demographic count columns, loaded in this order into model::Zone::variables. An entry
    /// with '*' or '?' is a pattern matched against the layer's columns (in the layer's order).
    std::vector<std::string> variables;
    /// Whether guess_zone_schema may fill unmapped fields. DEFAULT: true.
    bool guess = true;
};

/// Columns of a service-user layer; empty = unmapped.
struct ServiceUserSchema {
    std::string id;      ///< unique id; unmapped = the FID
    std::string service;
    std::string weight;  ///< unmapped or null = 1
    struct Constants {
        std::string service; ///< used where the service column is unmapped or its cell empty
    } constants;
    /// Whether guess_service_user_schema may fill unmapped fields. DEFAULT: true.
    bool guess = true;
};

/// The column mappings of a run.
struct Schema {
    AssetSchema assets;
    ZoneSchema zones;
    ServiceUserSchema users;
};

/// The model fields a role ("assets", "zones", "users") maps, in declaration order, e.g. for
/// "assets": id, name, organisation, organisation_kind, services, floor_area, running_cost,
/// capacity, utilisation, tenure, lease_end, condition, must_keep, value.
/// @throws Error (Errc::argument) for an unknown role.
POOLED_CXX_API std::vector<std::string> schema_fields(std::string_view role);

/// The mapped fields of a role as (model field, column) pairs, in schema_fields() order
/// ("variables" is left out). @throws Error (Errc::argument) for an unknown role.
POOLED_CXX_API std::vector<std::pair<std::string, std::string>> schema_mapping(const Schema &schema,
                                                                               std::string_view role);

/// Reads a schema file (TOML, layout above).
/// @throws Error (Errc::io) if the file cannot be read; Errc::argument for invalid TOML, an
///         unknown table or key, or a value of the wrong type. The SourceRef's path is the file
///         and the message names the line and key, e.g. "unknown key 'flor_area' in [assets]
///         at line 4, key 'assets.flor_area' (did you mean 'floor_area'?); valid keys: id, ..."
///         or "wrong type at line 3, key 'assets.floor_area': expected a string (a column
///         name), found an integer".
POOLED_CXX_API Schema load_schema(const std::string &toml_path);

/// Applies one CLI override to the schema of a role ("assets", "zones" or "users"):
/// "floor_area=gia_m2" maps a field, "floor_area=" unmaps it, "variables=a,b,c" sets the zone
/// variables, "constants.organisation=Derbyshire County Council" sets a constant.
/// @throws Error (Errc::argument) for an unknown role or field (listing the valid names) or an
///         assignment without '='.
POOLED_CXX_API void apply_field_override(Schema &schema, std::string_view role, std::string_view assignment);

/// Fills the unmapped fields of `base` from the layer's column names (unless base.guess is
/// false): for each field, the first candidate below that the layer has (compared
/// case-insensitively, and only among columns of a fitting type: text fields need a string
/// column, numeric fields a number or string column) is used.
///
/// | field             | candidates |
/// |-------------------|------------|
/// | id                | id, asset_id, site_id, uprn, urn, osm_id, code, ods_code, property_id |
/// | name              | name, site_name, site, establishment_name, station_name, hospital22_name, hospital_name, practice_name, asset_name, building_name, property_name |
/// | organisation      | organisation, organisation_name, organization, owner, owner_name, frs_fullname |
/// | organisation_kind | organisation_kind, org_kind, organisation_type, owner_type |
/// | services          | services, service, service_type, services_offered |
/// | floor_area        | floor_area, floor_area_m2, gia_m2, gia, gross_internal_area |
/// | running_cost      | running_cost, running_costs, annual_running_cost, annual_cost |
/// | capacity          | capacity, number_of_pupils, number_of_patients, school_capacity, places, beds |
/// | utilisation       | utilisation, utilization, occupancy |
/// | tenure            | tenure, ownership, tenure_type |
/// | lease_end         | lease_end, lease_end_date, lease_expiry, lease_expiry_date |
/// | condition         | condition, condition_grade, condition_category |
/// | must_keep         | must_keep, keep, retain |
/// | value             | value, capital_value, asset_value, market_value, valuation |
///
/// For the demo layers this maps e.g. fire_estate_dfrs_2016 to id=uprn, name=site,
/// floor_area=gia_m2, tenure=ownership (but uprn is empty for its 24 staff houses, so the
/// shipped schema derbyshire.toml maps no id); schools_gias_2025 to id=urn,
/// name=establishment_name, capacity=number_of_pupils; gp_practices_2022 to id=code,
/// capacity=number_of_patients; fire_stations_homeoffice to name=station_name,
/// organisation=frs_fullname (county names such as "Derbyshire": set
/// constants.organisation_kind). Not candidates, on purpose: `e_code` (in the Home Office
/// list it is the fire and rescue service's code, shared by all its stations) and
/// libraries_2016's numeric `services` column (an IMD domain score, skipped as not text).
POOLED_CXX_API AssetSchema guess_asset_schema(const LayerInfo &info, AssetSchema base = {});

/// As guess_asset_schema, for zones. Codes and names are tried finest geography first, so a
/// layer of OAs carrying their LSOA code still gets the OA code as id. Variables are never
/// guessed.
///
/// | field      | candidates |
/// |------------|------------|
/// | id         | id, zone_id, code, oa21cd, oa11cd, lsoa21cd, lsoa11cd, msoa21cd, msoa11cd, lad22cd, lad21cd, geography_code |
/// | name       | name, zone_name, oa21nm, lsoa21nm, lsoa11nm, msoa21nm, msoa11nm, lad22nm, lad21nm, geography |
/// | population | population, ts0010001, pop, usual_residents, total_population, all_persons |
/// | centroid_x, centroid_y (a pair, both must exist) | centroid_x/centroid_y, pwc_x/pwc_y, pwc_easting/pwc_northing |
POOLED_CXX_API ZoneSchema guess_zone_schema(const LayerInfo &info, ZoneSchema base = {});

/// As guess_asset_schema, for service users.
///
/// | field   | candidates |
/// |---------|------------|
/// | id      | id, user_id, person_id, client_id, visit_id |
/// | service | service, service_type, services |
/// | weight  | weight, count, visits, n |
POOLED_CXX_API ServiceUserSchema guess_service_user_schema(const LayerInfo &info, ServiceUserSchema base = {});

/// `base` with id_field set to the schema's id column (if mapped) and the schema's numeric
/// columns added to non_negative_fields, so read_layer checks them under base.on_invalid:
/// assets: floor_area, running_cost, capacity, utilisation, value; zones: population;
/// users: weight.
POOLED_CXX_API ReadOptions read_options_for(const AssetSchema &schema, ReadOptions base = {});
POOLED_CXX_API ReadOptions read_options_for(const ZoneSchema &schema, ReadOptions base = {});
POOLED_CXX_API ReadOptions read_options_for(const ServiceUserSchema &schema, ReadOptions base = {});

} // namespace pooled::io
