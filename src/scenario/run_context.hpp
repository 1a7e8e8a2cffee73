#pragma once
// What the stages of a run share (internal to the scenario module): the scenario, the loaded
// layers and model, the network, and what each stage adds to the outputs: columns on the
// assets and zones layers, whole layers, and its key figures for summary.json.
//
// A stage reads what earlier stages put here and adds its own results; it never writes files
// (the runner writes every output at the end, so a failed or cancelled run leaves none).

#include <pooled/catchment/catchment.hpp>
#include <pooled/catchment/population.hpp>
#include <pooled/colocation/candidates.hpp>
#include <pooled/core/progress.hpp>
#include <pooled/crs/crs.hpp>
#include <pooled/io/layer.hpp>
#include <pooled/io/schema.hpp>
#include <pooled/io/writer.hpp>
#include <pooled/model/asset.hpp>
#include <pooled/model/asset_layers.hpp>
#include <pooled/model/zone.hpp>
#include <pooled/network/cost_matrix.hpp>
#include <pooled/network/load.hpp>
#include <pooled/network/route_matrix.hpp>
#include <pooled/scenario/scenario.hpp>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace pooled::scenario::detail {

using json = nlohmann::ordered_json;

/// A column a stage adds to the assets or zones output layer, one value per feature.
struct Column {
    std::string name;
    io::FieldType type = io::FieldType::real;
    std::vector<io::FieldValue> values;
};

/// A document a stage adds to the outputs (the report): its file name in the output directory
/// and its bytes, written by the runner with the other outputs.
struct OutputFile {
    std::string name;
    std::string bytes;
    std::string what; ///< for messages: "report"
};

struct RunContext {
    explicit RunContext(const Scenario &s) : scenario(s) {}

    const Scenario &scenario;

    // Set by the load stage.
    std::optional<crs::WorkingCrs> working;
    std::optional<io::Layer> zones_layer;
    std::optional<io::Layer> users_layer;
    io::Schema schema; ///< zones and users: the scenario's mappings plus guesses from the layer's columns
    std::vector<model::LoadedAssetLayer> asset_layers; ///< how each assets layer was read (its schema, report)
    std::optional<model::Estate> estate;               ///< every assets layer's assets
    std::optional<model::Population> population;
    // Set by the network stage; released by the runner after the last stage that needs roads.
    std::optional<network::LoadedNetwork> network;

    // Set by the catchments stage: every catchment (in the order of its layer) and the people
    // each pair shares (indexing `catchments`).
    std::vector<catchment::Catchment> catchments;
    std::vector<catchment::Overlap> catchment_overlaps;

    // Set by the colocation stage: the ranked groups (indexing estate->assets).
    std::optional<colocation::CandidateResult> colocation;

    // Outputs, in the order stages add them.
    std::vector<Column> asset_columns;
    std::vector<Column> zone_columns;
    std::vector<io::OutputLayer> layers;
    json summary = json::object(); ///< stage name -> its key figures
    std::vector<OutputFile> files;  ///< documents beside the GeoPackage

    /// The assets' and zones' ids and points (zone centroids: population-weighted if mapped).
    std::vector<network::Located> asset_points() const;
    std::vector<network::Located> zone_points() const;
    /// The road graph. @throws Error (Errc::internal) when the scenario has no network or it was
    /// released before a stage that said it needs none (Stage::needs_roads) asked for it.
    const network::Graph &road_graph() const;
    /// Zone population, one per zone.
    std::vector<double> zone_population() const;
    /// The zones' people for counting catchments: by area share of zone polygons or by zone
    /// centroid, as `rule` says ("area-share", "centroid"; "" or "travel-time" = area share
    /// when the zones are polygons, else centroid).
    catchment::PopulationIndex population_index(const std::string &rule) const;
    /// Costs from every zone to every asset: "straight-line" (metres) or "network" (seconds),
    /// pairs beyond `cutoff` left out.
    network::CostMatrix zone_to_asset_costs(const std::string &costs, std::optional<double> cutoff,
                                            const Progress &progress) const;
    /// Adds a column to the assets or zones layer. @throws Error (Errc::internal) for a size
    /// that is not the layer's or a name already used.
    void add_asset_column(Column column);
    void add_zone_column(Column column);
};

/// One step of a run: `applies` says whether the scenario asks for it; `run` does it;
/// `needs_roads` whether it reads the road graph (the runner frees the graph, often the run's
/// largest object, once no stage left needs it).
struct Stage {
    const char *name;
    bool (*applies)(const Scenario &);
    void (*run)(RunContext &, const Progress &);
    bool (*needs_roads)(const Scenario &) = nullptr; ///< null: never
};

/// The stages in the order they run (stages.cpp). Adding one = a stage_<name>.cpp defining
/// its Stage and a line there.
const std::vector<Stage> &stages();

Stage load_stage();
Stage network_stage();
Stage catchments_stage();
Stage accessibility_stage();
Stage segmentation_stage();
Stage locate_stage();
Stage indicators_stage();
Stage consolidation_stage();
Stage colocation_stage();
Stage report_stage();

/// A number for JSON and GeoPackage fields: rounded to 12 significant digits, so that the last
/// bits of sums (which may differ between machines and libraries' versions) do not reach the
/// outputs compared byte for byte; null for NaN and infinity.
json figure(double value);
io::FieldValue field_value(double value);

} // namespace pooled::scenario::detail
