#pragma once
/// @file
/// @brief A scenario: the inputs, parameters and seed of one `pooled run`, read from a TOML file.
///
/// ```toml
/// [scenario]
/// name = "derbyshire_demo"
/// seed = 42
/// working_crs = "EPSG:27700"          # optional: else chosen from the layers
///
/// [layers.assets]
/// path = "../../testdata/derbyshire/derbyshire_facilities.gpkg:fire_estate_dfrs_2016"
/// schema = "../schemas/derbyshire.toml" # column mappings (io/schema.hpp); relative to this file
/// crs = "EPSG:27700"                    # CRS of a layer that stores none (CSV)
/// on_invalid = "skip"                   # fail | skip | repair
/// fields = { floor_area = "gia_m2" }    # mappings over the schema file's
/// constants = { organisation = "Derbyshire Fire and Rescue Service" }
///
/// # or several assets layers, one [[layers.assets]] each (ids become NAME:ID):
/// # [[layers.assets]]
/// # name = "schools"                   # required with several layers; DEFAULT the layer name
/// # path = "facilities.gpkg:schools_gias_2025"
/// # service = "school"                 # of every asset of the layer, over any column
/// # organisation = "Schools"           # likewise the owner
///
/// [layers.zones]
/// path = "../../testdata/derbyshire/derbyshire_zones.gpkg:lsoa21"
///
/// [network]                             # optional
/// source = "../../testdata/rutland/rutland-latest.osm.pbf"
/// profile = "drive"                     # drive | walk | cycle
///
/// [catchments]
/// methods = ["buffer", "network"]       # buffer | nearest | network
/// radii = ["2km", "5km"]                # buffer
/// cutoffs = ["10min", "20min"]          # network
///
/// [segmentation]
/// variables = "../oac2021_variables.csv"
/// levels = [8, 3]
/// restarts = 20
///
/// [accessibility]
/// measures = ["2sfca", "coverage"]
/// costs = "straight-line"               # or "network"
/// cutoff = "10km"
///
/// [indicators]                          # asset use over the first catchment set (needs [catchments]);
///                                       # with [layers.users] and [segmentation]: users per segment
/// as_of = "2026-04-01"                  # leases measured from this date
/// lease_horizon = 24                    # months
///
/// [locate]                              # location-allocation over the assets as candidates
/// problem = "p-median"                  # or "mclp" (with service = "5km")
/// p = 10
///
/// [colocation]                        # groups of nearby assets of different owners
/// within = "500m"                       # or a travel time ("5min", needs [network])
/// catchment = "2km"                     # for the people members share
///
/// [consolidation]                       # pooled consolidate's settings, under its flags' names
/// service = "fire and rescue"           # assets offering it are the candidates
/// min_coverage = "95%"                  # the fewest keeping this share within reach (or keep = 20)
/// within = "10min"                      # or a distance ("5km")
/// speed = 30                            # km/h, straight-line-equivalent (costs = "straight-line")
/// exclude = "status=N/A"                # FIELD=V1,V2: assets left out
///
/// [outputs]
/// directory = "out"
/// report = true                         # report.html + report.pdf (the default)
/// report_format = "png"                 # figures in the HTML: png | svg
/// ```
///
/// Every relative path is relative to the scenario file's directory. load_scenario checks
/// everything before any work: unknown keys (with a "did you mean"), wrong types, values out
/// of range, files that do not exist, and settings that need another section.

#include <pooled/pooled_cxx_export.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pooled::scenario {

/// One input layer: assets, zones or users.
struct LayerInput {
    std::string role;          ///< "assets", "zones" or "users"
    /// Assets: the layer's name, the prefix of its ids when there are several assets layers;
    /// DEFAULT empty: model::asset_layer_name of the source.
    std::string name;
    std::string path_as_given; ///< PATH[:LAYER] as written in the scenario file
    std::string source;        ///< PATH[:LAYER] with PATH resolved against the scenario's directory
    std::string schema_file;   ///< resolved; empty = none
    std::string schema_as_given;
    /// Model field -> column, over the schema file's mappings (e.g. {"floor_area", "gia_m2"}).
    std::vector<std::pair<std::string, std::string>> fields;
    /// Constant -> value ("organisation", "organisation_kind", "service").
    std::vector<std::pair<std::string, std::string>> constants;
    std::string crs;                 ///< CRS assumed for a layer that stores none; empty = none
    std::string on_invalid = "fail"; ///< fail | skip | repair
    /// Assets: the service and the owner of every asset of the layer, over any column (as the
    /// CLI's --service LAYER=S and --organisation LAYER=NAME). DEFAULT empty: none.
    std::string service;
    std::string organisation;
};

/// The road network of a run.
struct NetworkSettings {
    std::string source_as_given;
    std::string source; ///< resolved
    std::string profile = "drive";
    double max_snap_m = 1000.0;
};

struct CatchmentSettings {
    std::vector<std::string> methods;   ///< buffer, nearest, network; in the file's order
    std::vector<double> radii_m;        ///< buffer radii, ascending
    std::vector<double> cutoffs_s;      ///< network travel times, ascending
    /// "", "area-share", "centroid" ("" = area share for zone polygons, else centroid) or
    /// "travel-time": isochrones count the zones whose point is reached by road within the
    /// cutoff (much faster than intersecting isochrones with zones); other methods as "".
    std::string population_rule;
};

struct SegmentationSettings {
    std::string variables_as_given;
    std::string variables;            ///< the variable spec CSV, resolved
    std::vector<std::size_t> levels;  ///< k per level, top down
    std::size_t restarts = 100;
    std::size_t max_iterations = 300;
    std::string transform = "ihs";    ///< ihs | log1p | none
    std::string standardise = "range"; ///< range | zscore | none
    std::optional<std::uint64_t> seed; ///< of the k-means restarts; DEFAULT the scenario's seed
};

struct AccessibilitySettings {
    std::vector<std::string> measures; ///< 2sfca, e2sfca, 3sfca, gravity, cumulative, availability, coverage
    std::string costs = "straight-line"; ///< straight-line | network
    std::optional<double> cutoff;      ///< in the costs' unit (metres or seconds)
    std::string decay;                 ///< accessibility::parse_decay text, in the costs' unit; empty = step at the cutoff
    std::string supply = "count";      ///< count (1 per asset) | floor_area | capacity
};

/// Location-allocation with the assets as candidate sites and the zones as demand.
struct LocateSettings {
    std::string problem = "p-median";  ///< p-median | mclp
    std::size_t p = 1;
    std::optional<double> service;     ///< mclp: coverage cost in the costs' unit
    std::string costs = "straight-line";
    std::vector<std::string> required; ///< asset ids that must stay open
};

/// Asset-use indicators (report/indicators.hpp) over the first catchment set of the run.
struct IndicatorSettings {
    std::string as_of;             ///< "YYYY-MM-DD" leases are measured from; empty = lease flags missing
    int lease_horizon_months = 24; ///< leases ending within this many months of as_of are flagged
};

/// Co-location candidates (colocation/candidates.hpp) among the assets, the keys named as the
/// flags of `pooled colocate`.
struct ColocationSettings {
    /// How close members must be, each to each, as written: a distance ("500m", straight line)
    /// or a travel time ("5min", by road: needs [network]). DEFAULT "800m".
    std::string within = "800m";
    double within_cost = 800.0;  ///< metres, or seconds when within_is_time
    bool within_is_time = false;
    /// The service compatibility table (CSV), resolved; empty = share/pooled/compatibility.csv's
    /// built-in copy (colocation::default_compatibility).
    std::string compatibility;
    std::string compatibility_as_given;
    /// Each asset's catchment for the people two members share: a radius ("2km") or a travel
    /// time ("15min", by road: needs [network]). The run's own catchments of that method and
    /// cutoff are used when [catchments] has them. DEFAULT "2km".
    std::string catchment = "2km";
    double catchment_cost = 2000.0; ///< metres, or seconds when catchment_is_time
    bool catchment_is_time = false;
    std::string as_of;             ///< "YYYY-MM-DD" leases are measured from; empty = not scored
    int lease_horizon_years = 5;   ///< leases ending within this many years of as_of count
};

/// Consolidation of one service (`pooled consolidate`'s settings, under its flags' names): keep
/// N of the assets offering it, or the fewest keeping a share of the people within reach.
struct ConsolidationSettings {
    std::string service;               ///< the service consolidated (assets offering it are the candidates)
    std::optional<std::size_t> keep;   ///< keep this many (p-median) ...
    std::optional<double> min_coverage; ///< ... or the fewest keeping this share (0, 1] within `within`
    std::optional<double> within;      ///< seconds, or metres when within_is_distance; inclusive
    bool within_is_distance = false;
    std::string by;                    ///< zone column grouping the figures; empty = none
    double min_group_coverage = 0.0;   ///< with `by` and min_coverage: this share of every group too
    std::string costs = "straight-line"; ///< straight-line | network
    double speed_kmh = 30.0;           ///< straight line: the assumed straight-line-equivalent speed
    std::string capacity = "none";     ///< none | capacity | floor-area
    double floor_area_per_head = 0.0;  ///< m2 one person needs, for capacity = "floor-area"
    std::string exclude;               ///< "FIELD=V1,V2": assets left out; empty = none
    bool heuristic = false;            ///< skip the exact CBC solve
    double time_limit_s = 60.0;        ///< of the exact solve
};

/// Which outputs to write, where.
struct OutputSettings {
    std::string directory_as_given;
    std::string directory;                 ///< resolved; empty = the caller's choice
    std::string geopackage = "results.gpkg";
    std::string summary = "summary.json";
    std::string provenance = "provenance.json";
    std::vector<std::string> layers;       ///< output layer names to write; empty = all
    bool report = true;                    ///< report.html and report.pdf beside the GeoPackage
    std::string report_format = "png";     ///< the HTML's figures: png (small file) | svg
};

/// One scenario file, checked.
struct Scenario {
    std::string file;        ///< the scenario file as given
    std::string directory;   ///< its directory, against which relative paths were resolved
    std::string name;        ///< [scenario] name; DEFAULT the file's stem
    std::string description;
    std::uint64_t seed = 42;
    std::string working_crs; ///< empty = chosen from the layers
    std::vector<LayerInput> assets; ///< one or more ([[layers.assets]]), in the file's order
    std::optional<LayerInput> zones;
    std::optional<LayerInput> users;
    std::optional<NetworkSettings> network;
    std::optional<CatchmentSettings> catchments;
    std::optional<SegmentationSettings> segmentation;
    std::optional<AccessibilitySettings> accessibility;
    std::optional<LocateSettings> locate;
    std::optional<IndicatorSettings> indicators;
    std::optional<ColocationSettings> colocation;
    std::optional<ConsolidationSettings> consolidation;
    OutputSettings outputs;
};

/// One problem found while checking a scenario file.
struct ScenarioProblem {
    std::string file;
    std::size_t line = 0; ///< 0 when the problem has no line (a missing section)
    std::string key;      ///< dotted key, e.g. "catchments.cutoffs"
    std::string message;
    /// "demo.toml:12: catchments.cutoffs: expected a list of durations like \"10min\"".
    POOLED_CXX_API std::string text() const;
};

/// Reads and checks a scenario from TOML text; `file` names it in messages and is the base
/// of relative paths.
/// @throws Error (Errc::argument) listing every problem, one per line in
///         ScenarioProblem::text() form and in file order (each line names the file, so the
///         Error carries no SourceRef), e.g.
///         "demo.toml:12: catchments.cutoffs: expected a list of durations like \"10min\"".
POOLED_CXX_API Scenario parse_scenario(std::string_view toml_text, const std::string &file);

/// Reads and checks a scenario file. @throws Error (Errc::io) if it cannot be read; see parse_scenario.
POOLED_CXX_API Scenario load_scenario(const std::string &path);

/// The problems parse_scenario would report, without throwing (empty = valid).
POOLED_CXX_API std::vector<ScenarioProblem> check_scenario(std::string_view toml_text, const std::string &file);

} // namespace pooled::scenario
