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
#include <pooled/core/units.hpp>
#include <pooled/io/reader.hpp>
#include <pooled/io/schema.hpp>
#include <pooled/io/writer.hpp>
#include <pooled/report/palette.hpp>
#include <pooled/report/qgis_style.hpp>
#include <pooled/model/convert.hpp>
#include <pooled/network/load.hpp>
#include <pooled/network/route_matrix.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <iostream>
#include <map>

namespace pooled::cli {

namespace {
using json = nlohmann::ordered_json;
namespace col = colocation;

/// "a; b; c".
std::string listed(const std::vector<std::string> &parts) {
    std::string out;
    for (const auto &p : parts) {
        out += (out.empty() ? "" : "; ") + p;
    }
    return out;
}

/// The name --service and --organisation use for a layer: its layer name, else the file stem.
std::string layer_key(const io::LayerSource &source) {
    return source.layer.empty() ? std::filesystem::path(source.path).stem().string() : source.layer;
}

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
        keys.push_back(layer_key(s));
    }
    const auto services = per_layer(m_services, "--service", keys);
    const auto organisations = per_layer(m_organisations, "--organisation", keys);
    model::Estate estate{working, {}, {}, {}, {}};
    for (std::size_t k = 0; k < sources.size(); ++k) {
        io::AssetSchema layer_schema = schema.assets;
        if (const auto s = services.find(keys[k]); s != services.end()) {
            layer_schema.services.clear(); // the layer's service is the one given, not a column's
            layer_schema.constants.service = s->second;
        }
        if (const auto o = organisations.find(keys[k]); o != organisations.end()) {
            layer_schema.organisation.clear();
            layer_schema.constants.organisation = o->second;
        }
        layer_schema = io::guess_asset_schema(io::inspect_layer(sources[k], read), layer_schema);
        if (services.count(keys[k])) {
            layer_schema.services.clear();
        }
        if (organisations.count(keys[k])) {
            layer_schema.organisation.clear();
        }
        const io::Layer layer = io::read_layer(sources[k], working, io::read_options_for(layer_schema, read));
        model::Estate part = model::to_estate(layer, layer_schema);
        for (auto &asset : part.assets) {
            if (sources.size() > 1) {
                asset.id = keys[k] + ":" + asset.id; // ids of different layers may repeat (FIDs)
            }
            estate.assets.push_back(std::move(asset));
        }
        estate.source += (estate.source.empty() ? "" : ", ") + sources[k].display();
        for (const auto &field : part.mapped) {
            if (!estate.has(field)) {
                estate.mapped.push_back(field);
            }
        }
    }
    return estate;
}

json measures_json(const col::GroupScores &s) {
    return json{{"organisations", s.organisations},
                {"largest_cost", json_number(s.largest_cost, 3)},
                {"floor_area_m2", json_number(s.floor_area_m2, 3)},
                {"running_cost_gbp", json_number(s.running_cost_gbp, 2)},
                {"spare_floor_area_m2", json_number(s.spare_floor_area_m2, 3)},
                {"with_spare_capacity", s.with_spare_capacity},
                {"leases_ending", s.leases_ending.size()},
                {"poor_condition", s.poor_condition},
                {"shared_population", json_number(s.shared_population, 3)}};
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
        io::OutputLayer groups{"colocation_groups",
                               working.crs(),
                               {{"rank", io::FieldType::integer},
                                {"hub_id", io::FieldType::string},
                                {"members", io::FieldType::string},
                                {"member_count", io::FieldType::integer},
                                {"organisations", io::FieldType::string},
                                {"organisation_count", io::FieldType::integer},
                                {"services", io::FieldType::string},
                                {"score", io::FieldType::real},
                                {"largest_cost", io::FieldType::real},
                                {"cost_unit", io::FieldType::string},
                                {"floor_area_m2", io::FieldType::real},
                                {"running_cost_gbp", io::FieldType::real},
                                {"spare_floor_area_m2", io::FieldType::real},
                                {"leases_ending", io::FieldType::integer},
                                {"poor_condition", io::FieldType::integer},
                                {"shared_population", io::FieldType::real},
                                {"reasons", io::FieldType::string},
                                {"missing", io::FieldType::string}},
                               {}};
        io::OutputLayer members{"colocation_members",
                                working.crs(),
                                {{"rank", io::FieldType::integer},
                                 {"asset_id", io::FieldType::string},
                                 {"name", io::FieldType::string},
                                 {"organisation", io::FieldType::string},
                                 {"services", io::FieldType::string},
                                 {"is_hub", io::FieldType::integer},
                                 {"floor_area_m2", io::FieldType::real},
                                 {"running_cost_gbp", io::FieldType::real},
                                 {"utilisation", io::FieldType::real},
                                 {"lease_end", io::FieldType::string},
                                 {"condition", io::FieldType::string}},
                                {}};
        const auto optional_number = [](const auto &value) {
            return value ? io::FieldValue{rounded(static_cast<double>(*value), 6)} : io::FieldValue{};
        };
        for (std::size_t r = 0; r < result.groups.size(); ++r) {
            const auto &g = result.groups[r];
            const auto &s = g.scores;
            std::vector<std::string> ids;
            for (const auto a : g.members) {
                ids.push_back(estate.assets[a].id);
            }
            io::Feature f;
            f.geometry = g.hub_point;
            f.values = {static_cast<std::int64_t>(r + 1), estate.assets[g.hub].id, listed(ids),
                        static_cast<std::int64_t>(ids.size()), listed(g.organisations),
                        static_cast<std::int64_t>(s.organisations), listed(g.services), rounded(s.score, 9),
                        rounded(s.largest_cost, 3), unit, rounded(s.floor_area_m2, 3), rounded(s.running_cost_gbp, 2),
                        rounded(s.spare_floor_area_m2, 3), static_cast<std::int64_t>(s.leases_ending.size()),
                        static_cast<std::int64_t>(s.poor_condition), real_or_null(s.shared_population, 3),
                        listed(g.reasons), listed(g.missing)};
            groups.features.push_back(std::move(f));
            for (const auto a : g.members) {
                const auto &asset = estate.assets[a];
                io::Feature m;
                m.geometry = asset.location;
                m.values = {static_cast<std::int64_t>(r + 1),
                            asset.id,
                            asset.name,
                            asset.organisation,
                            listed(asset.services),
                            static_cast<std::int64_t>(a == g.hub),
                            asset.floor_area ? io::FieldValue{asset.floor_area->value()} : io::FieldValue{},
                            asset.running_cost ? io::FieldValue{asset.running_cost->value()} : io::FieldValue{},
                            optional_number(asset.utilisation),
                            asset.lease_end ? io::FieldValue{*asset.lease_end} : io::FieldValue{},
                            asset.condition};
                members.features.push_back(std::move(m));
            }
        }
        io::OutputLayer excluded{"colocation_excluded",
                                 std::nullopt,
                                 {{"asset_id", io::FieldType::string}, {"reason", io::FieldType::string}},
                                 {}};
        for (const auto &e : result.excluded) {
            io::Feature f;
            f.values = {estate.assets[e.asset].id, e.reason};
            excluded.features.push_back(std::move(f));
        }
        std::vector<std::string> inputs;
        for (const auto &s : all) {
            inputs.push_back(s.path);
        }
        // Hubs in the darkest colour of the report's ramp, members in its middle one.
        const std::vector<report::Rgb> ramp = report::sequential_ramp(3);
        groups.style = report::layer_style("colocation groups", report::single_symbol_qml(report::SymbolType::marker, ramp.back()),
                                           "The hub of each co-location group");
        members.style = report::layer_style("colocation members", report::single_symbol_qml(report::SymbolType::marker, ramp[1]),
                                            "The members of the co-location groups");
        io::write_layers(m_output, {groups, members, excluded}, inputs);
    }

    json group_list = json::array();
    for (std::size_t r = 0; r < result.groups.size(); ++r) {
        const auto &g = result.groups[r];
        json ids = json::array();
        for (const auto a : g.members) {
            ids.push_back(estate.assets[a].id);
        }
        group_list.push_back({{"rank", r + 1},
                              {"hub", estate.assets[g.hub].id},
                              {"hub_point", {json_number(g.hub_point.x, 3), json_number(g.hub_point.y, 3)}},
                              {"members", ids},
                              {"organisations", g.organisations},
                              {"services", g.services},
                              {"score", json_number(g.scores.score, 9)},
                              {"measures", measures_json(g.scores)},
                              {"reasons", g.reasons},
                              {"missing", g.missing}});
    }
    json excluded = json::array();
    for (const auto &e : result.excluded) {
        excluded.push_back({{"asset_id", estate.assets[e.asset].id}, {"reason", e.reason}});
    }
    json out{{"assets", estate.assets.size()},
             {"sources", estate.source},
             {"within", within},
             {"within_unit", unit},
             {"by", by},
             {"compatibility", table.source()},
             {"catchment", m_zones.empty() ? json(nullptr) : json(m_catchment)},
             {"zone_population", m_zones.empty() ? json(nullptr) : json_number(zone_population, 3)},
             {"as_of", m_as_of.empty() ? json(nullptr) : json(m_as_of)},
             {"lease_horizon_years", m_horizon},
             {"close_pairs", result.close_pairs},
             {"linked_pairs", result.linked_pairs},
             {"excluded", excluded},
             {"group_count", result.groups.size()},
             {"groups", group_list},
             {"output", m_output.empty() ? json(nullptr) : json(m_output)}};
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
        std::cout << ": " << listed(g.reasons) << "\n";
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
