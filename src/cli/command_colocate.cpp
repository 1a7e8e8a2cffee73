// pooled colocate: groups of nearby assets of different owners whose services could share a
// building (maximal cliques of the "close and compatible" graph), ranked by what sharing could
// release, with the people their catchments share when zones are given.

#include "cli/command.hpp"
#include "cli/layer_options.hpp"
#include "cli/located.hpp"
#include "cli/network_options.hpp"
#include "cli/output_values.hpp"
#include "cli/zone_data.hpp"

#include <pooled/catchment/catchment.hpp>
#include <pooled/catchment/population.hpp>
#include <pooled/catchment/within_cost.hpp>
#include <pooled/colocation/candidates.hpp>
#include <pooled/colocation/compatibility.hpp>
#include <pooled/colocation/layers.hpp>
#include <pooled/core/units.hpp>
#include <pooled/io/reader.hpp>
#include <pooled/io/schema.hpp>
#include <pooled/io/writer.hpp>
#include <pooled/report/colocation_styles.hpp>
#include <pooled/model/asset_layers.hpp>
#include <pooled/network/load.hpp>
#include <pooled/network/route_matrix.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <iostream>
#include <map>

namespace pooled::cli {

namespace {
using json = nlohmann::ordered_json;
namespace col = colocation;

/// "LAYER=VALUE" options into a map, checking each names one of the layers.
std::map<std::string, std::string> per_layer(const std::vector<std::string> &assignments, const char *flag,
                                             const std::vector<std::string> &keys) {
    std::map<std::string, std::string> values;
    for (const auto &a : assignments) {
        const auto eq = a.find('=');
        const std::string key = a.substr(0, eq);
        if (eq == std::string::npos || std::find(keys.begin(), keys.end(), key) == keys.end()) {
            std::string names;
            for (const auto &k : keys) {
                names += (names.empty() ? "" : ", ") + k;
            }
            throw Error(Errc::argument, std::string(flag) + " '" + a + "': expected LAYER=VALUE with LAYER one of " + names);
        }
        values[key] = a.substr(eq + 1);
    }
    return values;
}

class ColocateCommand final : public Command {
public:
    const char *name() const override { return "colocate"; }
    const char *summary() const override {
        return "Co-location candidates: nearby assets of different owners whose services could share a building";
    }

    void configure(CLI::App &app) override {
        app.add_option("--assets", m_assets, "Assets PATH[:LAYER]; repeat for several layers (ids become LAYER:ID)")
            ->required();
        app.add_option("--zones", m_zones, "Zones PATH[:LAYER] with a population column: adds the people the members' "
                                           "catchments share to the ranking");
        app.add_option("--within", m_within, "How close members must be, each to each: a distance (800m: straight "
                                             "line, or by road with --network) or a travel time (10min, needs "
                                             "--network)")
            ->default_str("800m");
        app.add_option("--network", m_network_source, "OSM file, road line layer or edge table: closeness (and "
                                                      "catchments given as a time) by road");
        app.add_option("--compatibility", m_compatibility, "Service compatibility table (CSV service,other_service,"
                                                           "rule,reason; default share/pooled/compatibility.csv)");
        app.add_option("--schema", m_schema, "TOML file mapping columns to asset fields (share/pooled/schemas/)");
        app.add_option("--field", m_fields, "Map an asset field to a column for every assets layer: NAME=COLUMN, or "
                                            "constants.NAME=VALUE");
        app.add_option("--service", m_services, "The service of every asset of one layer: LAYER=SERVICE (e.g. "
                                                "libraries_2016=library)");
        app.add_option("--organisation", m_organisations, "The owner of every asset of one layer: LAYER=NAME");
        app.add_option("--catchment", m_catchment, "With --zones: each asset's catchment, a radius (2km, straight "
                                                   "line) or a travel time (15min, by road with --network)")
            ->default_str("2km");
        app.add_option("--population", m_population, "Zone population field (default: guessed, e.g. ts0010001)");
        app.add_option("--as-of", m_as_of, "Reference date YYYY-MM-DD for lease ends (default: leases not scored)");
        app.add_option("--lease-horizon", m_horizon, "Leases ending within this many years of --as-of count")
            ->default_str("5");
        app.add_option("-o,--output", m_output, "GeoPackage: layers colocation_groups (hub points), colocation_members, "
                                                "colocation_excluded");
        app.add_flag("--json", m_json, "Print a machine-readable summary");
        m_network.add_to(app);
        m_layers.add_to(app);
    }

    int run() override;

private:
    model::Estate read_estate(const std::vector<io::LayerSource> &sources, const crs::WorkingCrs &working,
                              const io::ReadOptions &read) const;

    std::vector<std::string> m_assets, m_fields, m_services, m_organisations;
    std::string m_zones, m_within = "800m", m_network_source, m_compatibility, m_schema, m_catchment = "2km";
    std::string m_population, m_as_of, m_output;
    int m_horizon = 5;
    bool m_json = false;
    NetworkFlags m_network;
    LayerOptions m_layers;
};

model::Estate ColocateCommand::read_estate(const std::vector<io::LayerSource> &sources, const crs::WorkingCrs &working,
                                           const io::ReadOptions &read) const {
    io::Schema schema = m_schema.empty() ? io::Schema{} : io::load_schema(m_schema);
    for (const auto &f : m_fields) {
        io::apply_field_override(schema, "assets", f);
    }
    std::vector<std::string> keys;
    for (const auto &s : sources) {
        keys.push_back(model::asset_layer_name(s));
    }
    const auto services = per_layer(m_services, "--service", keys);
    const auto organisations = per_layer(m_organisations, "--organisation", keys);
    std::vector<model::AssetLayerInput> inputs;
    for (std::size_t k = 0; k < sources.size(); ++k) {
        model::AssetLayerInput input{sources[k], keys[k], schema.assets, {}, {}, read};
        if (const auto s = services.find(keys[k]); s != services.end()) {
            input.service = s->second;
        }
        if (const auto o = organisations.find(keys[k]); o != organisations.end()) {
            input.organisation = o->second;
        }
        inputs.push_back(std::move(input));
    }
    return model::read_asset_layers(inputs, working).estate;
}

int ColocateCommand::run() {
    io::ReadOptions read = m_layers.read_options();
    std::vector<io::LayerSource> sources;
    for (const auto &a : m_assets) {
        sources.push_back(io::LayerSource::parse(a));
    }
    std::vector<io::LayerSource> all = sources;
    if (!m_zones.empty()) {
        all.push_back(io::LayerSource::parse(m_zones));
    }
    // --within and --catchment: a distance or a time; a time needs the road network.
    const auto is_time = [](const std::string &text) {
        try {
            parse_duration(text);
            return true;
        } catch (const Error &) {
            return false;
        }
    };
    const bool within_time = is_time(m_within);
    const double within = within_time ? parse_duration(m_within).value() : parse_distance(m_within, "m").value();
    const bool catchment_time = is_time(m_catchment);
    const double catchment_cutoff = catchment_time ? parse_duration(m_catchment).value() : parse_distance(m_catchment, "m").value();
    if (m_network_source.empty() && (within_time || (catchment_time && !m_zones.empty()))) {
        throw Error(Errc::argument, "a travel time (--within " + m_within + (catchment_time ? ", --catchment " + m_catchment : "") +
                                        ") needs --network SOURCE");
    }

    const crs::WorkingCrs working = m_layers.choose_working_crs(all, read);
    m_layers.apply_study_area(read, working);
    const model::Estate estate = read_estate(sources, working, read);
    const col::CompatibilityTable table =
        m_compatibility.empty() ? col::default_compatibility() : col::read_compatibility(m_compatibility);

    std::vector<network::Located> points;
    for (const auto &a : estate.assets) {
        points.push_back({a.id, a.location});
    }
    std::optional<network::LoadedNetwork> net;
    if (!m_network_source.empty()) {
        net = network::load_network(m_network_source, working, m_network.options(read));
    }
    col::CandidateOptions options;
    options.within = within;
    options.compatibility = &table;
    options.as_of = m_as_of;
    options.lease_horizon_years = m_horizon;
    std::optional<network::CostMatrix> road;
    if (net) {
        network::MatrixOptions m;
        m.cost = within_time ? network::Cost::seconds : network::Cost::metres;
        m.cutoff = within;
        road = network::route_matrix(net->graph, points, points, m);
        options.costs = &*road;
    }

    // Catchments: circles counted from the zones, or the zones reached by road within a time.
    std::vector<catchment::Catchment> catchments;
    std::vector<catchment::Overlap> overlaps;
    double zone_population = 0.0;
    if (!m_zones.empty()) {
        const io::Layer zones_layer = io::read_layer(io::LayerSource::parse(m_zones), working, read);
        const std::string population_field =
            m_population.empty() ? io::guess_zone_schema(zones_layer.info()).population : m_population;
        if (population_field.empty()) {
            throw Error(Errc::argument, "no population column found; name it with --population FIELD", zones_layer.ref());
        }
        const ZoneData zones = zone_data(zones_layer, population_field, {});
        for (const double p : zones.population) {
            zone_population += p;
        }
        if (catchment_time) {
            std::vector<network::Located> to;
            for (std::size_t z = 0; z < zones.ids.size(); ++z) {
                to.push_back({zones.ids[z], zones.points[z]});
            }
            network::MatrixOptions m;
            m.cutoff = catchment_cutoff;
            const auto matrix = network::route_matrix(net->graph, points, to, m);
            for (std::size_t a = 0; a < points.size(); ++a) {
                catchment::Catchment c;
                c.asset = a;
                c.asset_id = points[a].id;
                c.method = catchment::Method::network;
                c.cutoff = catchment_cutoff;
                catchments.push_back(std::move(c));
            }
            catchment::count_population_within_cost(catchments, matrix, zones.population);
            overlaps = catchment::overlap_within_cost(catchments, matrix, zones.population);
        } else {
            std::vector<catchment::Site> sites;
            for (const auto &p : points) {
                sites.push_back({p.id, p.point});
            }
            catchments = catchment::buffer_catchments(sites, catchment_cutoff);
            const catchment::PopulationIndex index(zones.geometries, zones.points, zones.population, zones.households,
                                                   zones.polygons ? catchment::PopulationIndex::Rule::area_share
                                                                  : catchment::PopulationIndex::Rule::centroid);
            catchment::count_population(catchments, index);
            overlaps = catchment::catchment_overlap(catchments, index);
        }
        options.catchments = &catchments;
        options.overlaps = &overlaps;
    }

    const col::CandidateResult result = col::find_colocation_candidates(estate, options);
    const std::string unit = options.costs ? network::cost_unit_name(options.costs->unit()) : "metres";
    const std::string by = options.costs ? "road" : "straight line";

    if (!m_output.empty()) {
        colocation::ColocationLayers layers = col::colocation_layers(estate, result, working.crs(), unit);
        report::style_colocation_layers(layers);
        std::vector<std::string> inputs;
        for (const auto &s : all) {
            inputs.push_back(s.path);
        }
        io::write_layers(m_output, {layers.groups, layers.members, layers.excluded}, inputs);
    }

    col::SearchSettings settings;
    settings.within = within;
    settings.within_unit = unit;
    settings.by = by;
    settings.compatibility = table.source();
    if (!m_zones.empty()) {
        settings.catchment = m_catchment;
        settings.zone_population = zone_population;
    }
    settings.as_of = m_as_of;
    settings.lease_horizon_years = m_horizon;
    json out = json::parse(col::colocation_summary_json(estate, result, settings));
    out["output"] = m_output.empty() ? json(nullptr) : json(m_output);
    if (m_json) {
        std::cout << out.dump(2) << "\n";
        return exit_ok;
    }
    std::cout << result.groups.size() << " co-location groups among " << estate.assets.size() << " assets within "
              << m_within << " (" << by << "; " << result.close_pairs << " close pairs, " << result.linked_pairs
              << " with compatible services)\n";
    for (std::size_t r = 0; r < result.groups.size() && r < 10; ++r) {
        const auto &g = result.groups[r];
        std::cout << "  " << r + 1 << ". ";
        for (std::size_t k = 0; k < g.members.size(); ++k) {
            std::cout << (k ? ", " : "") << estate.assets[g.members[k]].id;
        }
        for (std::size_t k = 0; k < g.reasons.size(); ++k) {
            std::cout << (k ? "; " : ": ") << g.reasons[k];
        }
        std::cout << "\n";
    }
    if (result.groups.size() > 10) {
        std::cout << "  ... " << result.groups.size() - 10 << " more (--json or -o lists them all)\n";
    }
    if (!result.excluded.empty()) {
        std::cout << "  " << result.excluded.size() << " assets left out (no services, a service the compatibility "
                  << "table does not know, or no owner)\n";
    }
    if (!m_output.empty()) {
        std::cout << "  written to " << m_output << "\n";
    }
    return exit_ok;
}
} // namespace

std::unique_ptr<Command> make_colocate_command() { return std::make_unique<ColocateCommand>(); }

} // namespace pooled::cli
