// pooled catchments: the area each asset serves (a buffer, its nearest-facility area, or
// isochrones on the road network), the people and households inside, the zones allocated to
// each asset, and the people each pair of assets' catchments share.

#include "cli/command.hpp"
#include "cli/output_values.hpp"
#include "cli/layer_options.hpp"
#include "cli/located.hpp"
#include "cli/network_options.hpp"
#include "cli/zone_data.hpp"
#include "cli/progress_bar.hpp"

#include <pooled/catchment/allocation.hpp>
#include <pooled/catchment/catchment.hpp>
#include <pooled/catchment/isochrone.hpp>
#include <pooled/catchment/population.hpp>
#include <pooled/catchment/within_cost.hpp>
#include <pooled/core/units.hpp>
#include <pooled/geometry/algorithms.hpp>
#include <pooled/io/reader.hpp>
#include <pooled/io/schema.hpp>
#include <pooled/io/writer.hpp>
#include <pooled/model/convert.hpp>
#include <pooled/network/load.hpp>
#include <pooled/network/route_matrix.hpp>
#include <pooled/report/qgis_style.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <iostream>
#include <sstream>

namespace pooled::cli {

namespace {
using json = nlohmann::ordered_json;

std::vector<std::string> split_list(const std::string &text) {
    std::vector<std::string> parts;
    std::stringstream in(text);
    for (std::string part; std::getline(in, part, ',');) {
        if (!part.empty()) {
            parts.push_back(part);
        }
    }
    return parts;
}

class CatchmentsCommand final : public Command {
public:
    const char *name() const override { return "catchments"; }
    const char *summary() const override {
        return "Catchments of assets (buffer, nearest facility, road isochrones) with the people inside and shared";
    }

    void configure(CLI::App &app) override {
        app.add_option("--assets", m_assets, "Assets PATH[:LAYER]")->required();
        app.add_option("--zones", m_zones, "Zones PATH[:LAYER] with a population column (polygons, or centroids)")
            ->required();
        app.add_option("--method", m_method, "buffer (straight-line radius), nearest (nearest-facility areas), "
                                              "network (isochrones on the road network)")
            ->check(CLI::IsMember({"buffer", "nearest", "network"}))
            ->default_str("buffer");
        app.add_option("--radius", m_radius, "Buffer radii, e.g. 2km or 1km,2km,5km")->default_str("2km");
        app.add_option("--cutoffs", m_cutoffs, "Isochrone travel times, e.g. 5min,10min,20min")
            ->default_str("5min,10min,20min");
        app.add_option("--network", m_network_source, "OSM file, road line layer or edge table (method network; with "
                                                      "it, zones are also allocated to their nearest asset by road)");
        app.add_option("--asset-id", m_asset_id, "Asset id field (default: a guessed unique id column, else the FID)");
        app.add_option("--population", m_population, "Zone population field (default: guessed, e.g. ts0010001)");
        app.add_option("--households", m_households, "Zone households field (default: ts0410001 or households if "
                                                     "present)");
        app.add_option("--population-rule", m_rule,
                       "area-share (zone polygons, by the share of their area inside), centroid (all or nothing by "
                       "the zone's point inside the catchment) or travel-time (method network: zones whose point is "
                       "reached within the cutoff by road)")
            ->check(CLI::IsMember({"area-share", "centroid", "travel-time"}));
        app.add_option("-o,--output", m_output, "GeoPackage to write: layers catchments, zone_allocation, "
                                                "catchment_overlap");
        app.add_flag("--json", m_json, "Print a machine-readable summary");
        m_network.add_to(app);
        m_layers.add_to(app);
        add_quiet_flag(app, m_quiet);
    }

    int run() override;

private:
    std::string m_assets, m_zones, m_method = "buffer", m_radius = "2km", m_cutoffs = "5min,10min,20min";
    std::string m_network_source, m_asset_id, m_population, m_households, m_rule, m_output;
    bool m_json = false;
    bool m_quiet = false;
    NetworkFlags m_network;
    LayerOptions m_layers;
};

int CatchmentsCommand::run() {
    io::ReadOptions read = m_layers.read_options();
    const auto assets_source = io::LayerSource::parse(m_assets);
    const auto zones_source = io::LayerSource::parse(m_zones);
    if (m_method == "network" && m_network_source.empty()) {
        throw Error(Errc::argument, "--method network needs --network SOURCE");
    }
    const crs::WorkingCrs working = m_layers.choose_working_crs({assets_source, zones_source}, read);
    m_layers.apply_study_area(read, working);
    const io::Layer assets_layer = io::read_layer(assets_source, working, read);
    const io::Layer zones_layer = io::read_layer(zones_source, working, read);

    const io::ZoneSchema guessed = io::guess_zone_schema(zones_layer.info());
    const std::string population_field = m_population.empty() ? guessed.population : m_population;
    if (population_field.empty()) {
        throw Error(Errc::argument, "no population column found; name it with --population FIELD", zones_layer.ref());
    }
    std::string households_field = m_households;
    if (households_field.empty()) {
        for (const char *candidate : {"ts0410001", "households"}) {
            if (zones_layer.field_index(candidate)) {
                households_field = candidate;
                break;
            }
        }
    }
    ZoneData zones = zone_data(zones_layer, population_field, households_field);
    const bool within_cost = m_rule == "travel-time";
    if (within_cost && m_method != "network") {
        throw Error(Errc::argument, "--population-rule travel-time needs --method network");
    }
    const bool area_share = m_rule.empty() ? zones.polygons : m_rule == "area-share";
    if (area_share && !zones.polygons) {
        throw Error(Errc::argument, "--population-rule area-share needs zone polygons", zones_layer.ref());
    }

    std::vector<catchment::Site> sites;
    for (auto &located : located_points(assets_layer, m_asset_id)) {
        sites.push_back(catchment::Site{std::move(located.id), located.point});
    }

    std::optional<network::LoadedNetwork> net;
    std::optional<network::Snapper> snapper;
    if (!m_network_source.empty()) {
        net = network::load_network(m_network_source, working, m_network.options(read));
        snapper.emplace(net->graph);
    }

    ProgressBar bar(m_quiet);
    const Progress progress = bar.progress();
    std::vector<catchment::Catchment> catchments;
    if (m_method == "buffer") {
        for (const auto &radius : split_list(m_radius)) {
            auto some = catchment::buffer_catchments(sites, parse_distance(radius).value());
            catchments.insert(catchments.end(), std::make_move_iterator(some.begin()), std::make_move_iterator(some.end()));
        }
    } else if (m_method == "nearest") {
        catchments = catchment::nearest_facility_areas(sites, geometry::unary_union(io::polygons_of(zones_layer)));
    } else {
        std::vector<double> cutoffs;
        for (const auto &cutoff : split_list(m_cutoffs)) {
            cutoffs.push_back(parse_duration(cutoff).value());
        }
        std::sort(cutoffs.begin(), cutoffs.end());
        catchments = catchment::isochrones_of_sites(net->graph, *snapper, sites, cutoffs, {}, 0, nullptr,
                                                    progress.sub(0.0, 0.8));
    }

    const catchment::PopulationIndex index(zones.geometries, zones.points, zones.population, zones.households,
                                           area_share ? catchment::PopulationIndex::Rule::area_share
                                                      : catchment::PopulationIndex::Rule::centroid);
    std::vector<catchment::Overlap> overlaps;
    if (within_cost) {
        // Travel times from each asset to every zone's point, up to the largest cutoff.
        std::vector<network::Located> from;
        for (const auto &site : sites) {
            from.push_back(network::Located{site.id, site.location});
        }
        std::vector<network::Located> to;
        for (std::size_t z = 0; z < zones.ids.size(); ++z) {
            to.push_back(network::Located{zones.ids[z], zones.points[z]});
        }
        network::MatrixOptions options;
        for (const auto &c : catchments) {
            options.cutoff = std::max(options.cutoff.value_or(0.0), c.cutoff);
        }
        const auto matrix = network::route_matrix(net->graph, from, to, options, nullptr, progress.sub(0.8, 1.0));
        catchment::count_population_within_cost(catchments, matrix, zones.population, zones.households);
        overlaps = catchment::overlap_within_cost(catchments, matrix, zones.population);
    } else {
        catchment::count_population(catchments, index);
        overlaps = catchment::catchment_overlap(catchments, index);
    }

    // Zones to their nearest asset: by road when there is a network, else in a straight line.
    std::vector<catchment::Allocation> allocation;
    if (net) {
        allocation = catchment::allocate_to_nearest(net->graph, *snapper, zones.points, sites);
    } else {
        allocation = catchment::allocate_to_nearest_straight(zones.points, sites);
    }

    if (!m_output.empty()) {
        io::OutputLayer catchments_layer{"catchments",
                                         working.crs(),
                                         {{"asset_id", io::FieldType::string},
                                          {"method", io::FieldType::string},
                                          {"cutoff", io::FieldType::real},
                                          {"cutoff_unit", io::FieldType::string},
                                          {"population", io::FieldType::real},
                                          {"households", io::FieldType::real}},
                                         {}};
        for (const auto &c : catchments) {
            io::Feature f;
            f.geometry = c.area;
            const char *unit = c.method == catchment::Method::buffer    ? "m"
                               : c.method == catchment::Method::network ? "s"
                                                                        : "";
            f.values = {c.asset_id,
                        std::string(catchment::method_name(c.method)),
                        std::isnan(c.cutoff) ? io::FieldValue{} : io::FieldValue{c.cutoff},
                        *unit ? io::FieldValue{std::string(unit)} : io::FieldValue{},
                        rounded(c.population, 6),
                        std::isnan(c.households) ? io::FieldValue{} : io::FieldValue{rounded(c.households, 6)}};
            catchments_layer.features.push_back(std::move(f));
        }
        io::OutputLayer allocation_layer{"zone_allocation",
                                         working.crs(),
                                         {{"zone_id", io::FieldType::string},
                                          {"asset_id", io::FieldType::string},
                                          {"by", io::FieldType::string},
                                          {"seconds", io::FieldType::real},
                                          {"metres", io::FieldType::real},
                                          {"population", io::FieldType::real}},
                                         {}};
        for (const auto &a : allocation) {
            io::Feature f;
            f.geometry = zones.points[a.zone];
            f.values = {zones.ids[a.zone],
                        a.site ? io::FieldValue{sites[*a.site].id} : io::FieldValue{},
                        std::string(net ? "road" : "straight line"),
                        std::isfinite(a.seconds) ? io::FieldValue{a.seconds} : io::FieldValue{},
                        std::isfinite(a.metres) ? io::FieldValue{a.metres} : io::FieldValue{},
                        zones.population[a.zone]};
            allocation_layer.features.push_back(std::move(f));
        }
        io::OutputLayer overlap_layer{"catchment_overlap",
                                      std::nullopt,
                                      {{"asset_id", io::FieldType::string},
                                       {"other_asset_id", io::FieldType::string},
                                       {"method", io::FieldType::string},
                                       {"cutoff", io::FieldType::real},
                                       {"shared_population", io::FieldType::real},
                                       {"share_of_asset", io::FieldType::real},
                                       {"share_of_other", io::FieldType::real}},
                                      {}};
        for (const auto &o : overlaps) {
            const auto &a = catchments[o.first];
            const auto &b = catchments[o.second];
            io::Feature f;
            f.values = {a.asset_id,
                        b.asset_id,
                        std::string(catchment::method_name(a.method)),
                        std::isnan(a.cutoff) ? io::FieldValue{} : io::FieldValue{a.cutoff},
                        rounded(o.population, 6),
                        rounded(o.share_of_first, 9),
                        rounded(o.share_of_second, 9)};
            overlap_layer.features.push_back(std::move(f));
        }
        // Catchments overlap (nested cutoffs, neighbours): half-transparent fills show those beneath.
        catchments_layer.style = report::quantile_style(catchments_layer, "population", 5, "catchments by population",
                                                        "Catchments coloured by the people inside, 5 quantile classes",
                                                        report::SymbolLook{0.5, false});
        allocation_layer.style = report::layer_style(
            "zone points", report::single_symbol_qml(report::SymbolType::marker, report::Rgb{99, 99, 99}),
            "Zone points allocated to their nearest asset");
        io::write_layers(m_output, {catchments_layer, allocation_layer, overlap_layer},
                         {assets_source.path, zones_source.path,
                          m_network_source.empty() ? std::string() : io::LayerSource::parse(m_network_source).path});
    }

    json summary = json::array();
    for (const auto &c : catchments) {
        summary.push_back({{"asset_id", c.asset_id},
                           {"method", catchment::method_name(c.method)},
                           {"cutoff", std::isnan(c.cutoff) ? json(nullptr) : json(c.cutoff)},
                           {"population", rounded(c.population, 3)},
                           {"households", std::isnan(c.households) ? json(nullptr) : json(rounded(c.households, 3))}});
    }
    std::size_t allocated = 0;
    for (const auto &a : allocation) {
        allocated += a.site ? 1 : 0;
    }
    json out{{"assets", sites.size()},
             {"zones", zones.ids.size()},
             {"zone_population", rounded(index.total_population(), 3)},
             {"method", m_method},
             {"population_rule", within_cost ? "travel time" : area_share ? "area share" : "centroid"},
             {"catchments", summary},
             {"overlapping_pairs", overlaps.size()},
             {"zones_allocated", allocated},
             {"allocated_by", net ? "road" : "straight line"},
             {"output", m_output.empty() ? json(nullptr) : json(m_output)}};
    if (m_json) {
        std::cout << out.dump(2) << "\n";
        return exit_ok;
    }
    std::cout << catchments.size() << " catchments (" << m_method << ") of " << sites.size() << " assets over "
              << zones.ids.size() << " zones (population " << rounded(index.total_population(), 0) << ", "
              << out["population_rule"].get<std::string>() << ")\n";
    for (std::size_t i = 0; i < catchments.size() && i < 20; ++i) {
        const auto &c = catchments[i];
        std::cout << "  " << c.asset_id << "  " << catchment::method_name(c.method);
        if (!std::isnan(c.cutoff)) {
            std::cout << " " << c.cutoff << (c.method == catchment::Method::buffer ? " m" : " s");
        }
        std::cout << ": population " << rounded(c.population, 0) << "\n";
    }
    if (catchments.size() > 20) {
        std::cout << "  ... " << catchments.size() - 20 << " more (--json or -o lists them all)\n";
    }
    std::cout << "  " << overlaps.size() << " pairs of catchments share people; " << allocated << " of "
              << zones.ids.size() << " zones allocated to their nearest asset by " << out["allocated_by"].get<std::string>()
              << "\n";
    if (!m_output.empty()) {
        std::cout << "  written to " << m_output << "\n";
    }
    return exit_ok;
}
} // namespace

std::unique_ptr<Command> make_catchments_command() { return std::make_unique<CatchmentsCommand>(); }

} // namespace pooled::cli
