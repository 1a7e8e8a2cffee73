// pooled indicators: how each asset is used (cost per m2, floor area per resident of its
// catchment, utilisation, people shared with other owners' assets, lease and condition flags)
// and the totals per organisation and per service, from an asset register and census zones.

#include "cli/command.hpp"
#include "cli/layer_options.hpp"
#include "cli/output_values.hpp"

#include <pooled/catchment/catchment.hpp>
#include <pooled/catchment/population.hpp>
#include <pooled/core/units.hpp>
#include <pooled/geometry/types.hpp>
#include <pooled/io/reader.hpp>
#include <pooled/io/schema.hpp>
#include <pooled/io/writer.hpp>
#include <pooled/model/convert.hpp>
#include <pooled/report/indicators.hpp>
#include <pooled/segmentation/model_file.hpp>
#include <pooled/segmentation/users.hpp>

#include <nlohmann/json.hpp>

#include <iostream>
#include <map>

namespace pooled::cli {

namespace {
using json = nlohmann::ordered_json;

json optional_number(const std::optional<double> &value, int decimals) {
    return value ? json_number(*value, decimals) : json(nullptr);
}

json totals_json(const std::vector<report::GroupTotals> &groups, const char *key) {
    json out = json::array();
    for (const auto &g : groups) {
        out.push_back({{key, g.group},
                       {"assets", g.assets},
                       {"floor_area_m2", rounded(g.floor_area_m2, 3)},
                       {"missing_floor_area", g.missing_floor_area},
                       {"running_cost_gbp", rounded(g.running_cost_gbp, 2)},
                       {"missing_running_cost", g.missing_running_cost},
                       {"cost_per_m2", optional_number(g.cost_per_m2, 4)},
                       {"population_served", optional_number(g.population_served, 3)},
                       {"missing_catchment", g.missing_catchment}});
    }
    return out;
}

class IndicatorsCommand final : public Command {
public:
    const char *name() const override { return "indicators"; }
    const char *summary() const override {
        return "Asset-use indicators (cost per m2, floor area per resident, shared catchments, lease and condition "
               "flags) and totals per organisation and service";
    }

    void configure(CLI::App &app) override {
        app.add_option("--assets", m_assets, "Assets PATH[:LAYER]")->required();
        app.add_option("--zones", m_zones, "Zones PATH[:LAYER] with a population column (polygons, or centroids)")
            ->required();
        app.add_option("--schema", m_schema, "TOML file mapping columns to asset and zone fields "
                                             "(share/pooled/schemas/)")
            ->check(CLI::ExistingFile);
        app.add_option("--asset-field", m_asset_fields, "Map an asset field to a column, e.g. floor_area=gia_m2; "
                                                        "repeatable; unmapped fields are guessed")
            ->take_all();
        app.add_option("--zone-field", m_zone_fields, "Map a zone field to a column, e.g. population=ts0010001")
            ->take_all();
        app.add_option("--radius", m_radius, "Catchment: straight-line radius around each asset")->default_str("2km");
        app.add_option("--as-of", m_as_of, "Date leases are measured from, YYYY-MM-DD (without it, lease flags are "
                                           "missing: pooled reads no clock)");
        app.add_option("--lease-horizon", m_lease_horizon, "Flag leases ending within this many months")
            ->default_str("24");
        app.add_option("--users", m_users, "Geocoded service users PATH[:LAYER]: with --model, the users in each "
                                           "catchment per segment");
        app.add_option("--model", m_model, "Segmentation model (pooled segment --save-model) that puts the zones "
                                           "into segments (its first level) for --users");
        app.add_option("-o,--output", m_output, "GeoPackage: layers asset_indicators (styled by owner), "
                                                "organisation_indicators, service_indicators");
        app.add_flag("--json", m_json, "Print a machine-readable summary");
        m_layers.add_to(app);
    }

    int run() override;

private:
    std::string m_assets, m_zones, m_schema, m_radius = "2km", m_as_of, m_users, m_model, m_output;
    std::vector<std::string> m_asset_fields, m_zone_fields;
    int m_lease_horizon = 24;
    bool m_json = false;
    LayerOptions m_layers;
};

int IndicatorsCommand::run() {
    io::Schema schema = m_schema.empty() ? io::Schema{} : io::load_schema(m_schema);
    for (const auto &assignment : m_asset_fields) {
        io::apply_field_override(schema, "assets", assignment);
    }
    for (const auto &assignment : m_zone_fields) {
        io::apply_field_override(schema, "zones", assignment);
    }
    if (m_users.empty() != m_model.empty()) {
        throw Error(Errc::argument, "users per segment need both --users LAYER and --model MODEL");
    }
    const double radius = parse_distance(m_radius).value();
    const auto assets_source = io::LayerSource::parse(m_assets);
    const auto zones_source = io::LayerSource::parse(m_zones);
    std::vector<io::LayerSource> sources{assets_source, zones_source};
    if (!m_users.empty()) {
        sources.push_back(io::LayerSource::parse(m_users));
    }
    io::ReadOptions read = m_layers.read_options();
    const crs::WorkingCrs working = m_layers.choose_working_crs(sources, read);
    m_layers.apply_study_area(read, working);
    schema.assets = io::guess_asset_schema(io::inspect_layer(assets_source, read), schema.assets);
    const io::LayerInfo zones_info = io::inspect_layer(zones_source, read);
    schema.zones = io::guess_zone_schema(zones_info, schema.zones);
    std::optional<segmentation::SegmentModel> model;
    if (!m_model.empty()) {
        // The zones carry the model's census columns, so they can be put into its segments.
        model = segmentation::load_model(m_model);
        std::vector<std::string> fields;
        for (const auto &f : zones_info.fields) {
            fields.push_back(f.name);
        }
        segmentation::check_columns(model->variables, fields, zones_source.display());
        schema.zones.variables = model->variables.columns();
    }
    const io::Layer assets_layer = io::read_layer(assets_source, working, io::read_options_for(schema.assets, read));
    const io::Layer zones_layer = io::read_layer(zones_source, working, io::read_options_for(schema.zones, read));
    const model::Estate estate = model::to_estate(assets_layer, schema.assets);
    const model::Population zones = model::to_population(zones_layer, schema.zones);

    // People by area share of zone polygons; with point zones, by the point inside.
    std::vector<geometry::Geometry> areas;
    std::vector<geometry::Point> points;
    std::vector<double> population;
    bool polygons = true;
    for (const auto &z : zones.zones) {
        areas.push_back(z.geometry);
        points.push_back(z.centroid);
        population.push_back(z.population);
        polygons = polygons && geometry::family(z.geometry) == geometry::GeometryFamily::polygon;
    }
    const catchment::PopulationIndex index(areas, points, population, {},
                                           polygons ? catchment::PopulationIndex::Rule::area_share
                                                    : catchment::PopulationIndex::Rule::centroid);
    std::vector<catchment::Site> sites;
    for (const auto &a : estate.assets) {
        sites.push_back({a.id, a.location});
    }
    std::vector<catchment::Catchment> catchments = catchment::buffer_catchments(sites, radius);
    catchment::count_population(catchments, index);

    report::IndicatorInputs in{estate, catchments};
    in.overlaps = catchment::catchment_overlap(catchments, index);
    if (model) {
        const auto prepared = segmentation::prepare_with(zones, model->variables, model->preparation);
        const auto codes = segmentation::assign_segments(*model, prepared.matrix);
        const io::LayerSource users_source = io::LayerSource::parse(m_users);
        const io::Layer users_layer = io::read_layer(users_source, working, read);
        const model::ServiceUsers users =
            model::to_service_users(users_layer, io::guess_service_user_schema(users_layer.info(), schema.users));
        const auto counts = segmentation::count_users_by_zone(zones, users);
        in.users = report::users_per_segment(catchments, index, counts.users, codes.front(),
                                             segmentation::segment_codes(*model).front());
    }
    in.as_of = m_as_of;
    in.lease_horizon_months = m_lease_horizon;
    const report::Indicators result = report::asset_indicators(in);

    if (!m_output.empty()) {
        io::write_layers(m_output, report::indicator_layers(result, estate), {assets_source.path, zones_source.path});
    }

    const report::IndicatorFlags flags = report::count_flags(result);
    json out{{"assets", estate.assets.size()},
             {"zones", zones.zones.size()},
             {"radius_m", radius},
             {"population_rule", polygons ? "area share" : "centroid"},
             {"segments", result.segment_codes},
             {"as_of", m_as_of.empty() ? json(nullptr) : json(m_as_of)},
             {"lease_horizon_months", m_lease_horizon},
             {"flags",
              {{"lease_ends_within_horizon", flags.lease_ends_within_horizon},
               {"condition_poor", flags.condition_poor},
               {"over_capacity", flags.over_capacity},
               {"under_used", flags.under_used}}},
             {"missing", flags.missing},
             {"organisations", totals_json(result.organisations, "organisation")},
             {"services", totals_json(result.services, "service")},
             {"output", m_output.empty() ? json(nullptr) : json(m_output)}};
    if (m_json) {
        std::cout << out.dump(2) << "\n";
        return exit_ok;
    }
    std::cout << estate.assets.size() << " assets, catchments of " << m_radius << " over " << zones.zones.size()
              << " zones (" << out["population_rule"].get<std::string>() << ")\n";
    for (const auto &g : result.organisations) {
        std::cout << "  " << (g.group.empty() ? "(no organisation)" : g.group) << ": " << g.assets << " assets, "
                  << rounded(g.floor_area_m2, 0) << " m2";
        if (g.cost_per_m2) {
            std::cout << ", GBP " << rounded(*g.cost_per_m2, 2) << " per m2";
        }
        if (g.population_served) {
            std::cout << ", " << rounded(*g.population_served, 0) << " people in catchments";
        }
        std::cout << "\n";
    }
    std::cout << "  flags: " << flags.lease_ends_within_horizon << " leases ending, " << flags.condition_poor
              << " in poor condition, " << flags.over_capacity << " over capacity, " << flags.under_used
              << " under-used\n";
    for (const auto &[note, count] : flags.missing) {
        std::cout << "  missing for " << count << " assets: " << note << "\n";
    }
    if (!m_output.empty()) {
        std::cout << "  written to " << m_output << "\n";
    }
    return exit_ok;
}

} // namespace

std::unique_ptr<Command> make_indicators_command() { return std::make_unique<IndicatorsCommand>(); }

} // namespace pooled::cli
