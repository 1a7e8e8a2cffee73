// pooled consolidate: which assets of a service to keep (a number, or the fewest keeping a share
// of the people within a travel time), where their users go, what closing the others saves and
// who loses access, on travel times by road or straight-line-equivalent times.

#include "cli/command.hpp"
#include "cli/layer_options.hpp"
#include "cli/network_options.hpp"
#include "cli/output_values.hpp"

#include <pooled/colocation/consolidation.hpp>
#include <pooled/core/units.hpp>
#include <pooled/io/reader.hpp>
#include <pooled/io/schema.hpp>
#include <pooled/io/writer.hpp>
#include <pooled/report/palette.hpp>
#include <pooled/report/qgis_style.hpp>
#include <pooled/model/convert.hpp>
#include <pooled/network/load.hpp>
#include <pooled/network/route_matrix.hpp>
#include <pooled/network/straight_line.hpp>

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <iostream>
#include <set>
#include <sstream>

namespace pooled::cli {

namespace {
using json = nlohmann::ordered_json;
namespace coloc = colocation;

/// "95%" -> 0.95, "0.95" -> 0.95; anything else, or outside (0, 1], is an Error naming the option.
double parse_share(const std::string &text, const std::string &option, bool allow_zero) {
    std::string number = text;
    const bool percent = !number.empty() && number.back() == '%';
    if (percent) {
        number.pop_back();
    }
    double value = 0.0;
    const char *end = number.data() + number.size();
    const auto [stop, ec] = std::from_chars(number.data(), end, value);
    if (percent) {
        value /= 100.0; // 95 / 100 is 0.95 exactly; 95 x 0.01 is not
    }
    if (number.empty() || ec != std::errc() || stop != end || !(value >= 0.0 && value <= 1.0) ||
        (!allow_zero && value == 0.0)) {
        throw Error(Errc::argument, option + " '" + text + "': give a share such as 95% or 0.95, above 0 and at most "
                                                           "100%");
    }
    return value;
}

/// --exclude FIELD=V1,V2: the field and the values whose assets are left out.
std::pair<std::string, std::set<std::string>> parse_exclude(const std::string &text) {
    const auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0) {
        throw Error(Errc::argument, "--exclude '" + text + "': give FIELD=VALUE[,VALUE...], e.g. closed=XL,XLR");
    }
    std::set<std::string> values;
    std::stringstream in(text.substr(eq + 1));
    for (std::string part; std::getline(in, part, ',');) {
        values.insert(part);
    }
    return {text.substr(0, eq), values};
}

class ConsolidateCommand final : public Command {
public:
    const char *name() const override { return "consolidate"; }
    const char *summary() const override {
        return "Consolidation scenario: keep N assets of a service, or the fewest keeping a share of people within "
               "a travel time; savings, access before/after, moves";
    }

    void configure(CLI::App &app) override {
        app.add_option("--assets", m_assets, "Assets PATH[:LAYER]")->required();
        app.add_option("--zones", m_zones, "Zones PATH[:LAYER] with a population column")->required();
        app.add_option("--service", m_service, "The service consolidated (assets offering it are the candidates), e.g. "
                                               "library")
            ->required();
        app.add_option("--keep", m_keep, "Keep this many assets (p-median: least total travel)");
        app.add_option("--min-coverage", m_min_coverage, "Or keep the fewest assets keeping this share of the people "
                                                         "within --within, e.g. 95%");
        app.add_option("--within", m_within, "Travel time (20min) or straight-line distance (5km) counted as within "
                                             "reach (inclusive)");
        app.add_option("--by", m_by, "Zone column grouping the report (e.g. ruc21_urban_rural or an IMD decile)");
        app.add_option("--min-group-coverage", m_min_group_coverage, "With --by and --min-coverage: also this share "
                                                                     "of every group, e.g. 90%");
        app.add_option("--network", m_network_source, "Travel times by road: OSM file, road line layer or edge table "
                                                      "(default: straight-line distance at --speed)");
        m_speed_option = app.add_option("--speed", m_speed_kmh, "Without --network: the assumed "
                                                                 "straight-line-equivalent speed, km/h")
                             ->default_str("30");
        app.add_option("--max-snap", m_max_snap, "With --network: points further from a road are unreachable")
            ->default_str("1km");
        app.add_option("--capacity", m_capacity, "What limits the people an asset can take: none, capacity (the "
                                                 "capacity field, in people) or floor-area (with --floor-area-per-head)")
            ->check(CLI::IsMember({"none", "capacity", "floor-area"}))
            ->default_str("none");
        app.add_option("--floor-area-per-head", m_area_per_head, "m2 of floor area one person needs (e.g. 0.03 for "
                                                                 "30 m2 per 1,000 people)");
        app.add_option("--exclude", m_exclude, "Leave out assets whose FIELD is one of the values: FIELD=V1,V2 (e.g. "
                                               "closed=XL,XLR)");
        app.add_option("--schema", m_schema_file, "TOML file mapping columns to model fields (share/pooled/schemas/)")
            ->check(CLI::ExistingFile);
        app.add_option("--asset-field", m_asset_fields, "Map an asset field, e.g. running_cost=cost_gbp or "
                                                        "constants.service=library; repeatable")
            ->take_all();
        app.add_option("--zone-field", m_zone_fields, "Map a zone field, e.g. population=ts0010001; repeatable")
            ->take_all();
        app.add_flag("--heuristic", m_heuristic, "Skip the exact CBC solve (the answer's gap is still reported)");
        app.add_option("--time-limit", m_time_limit, "Exact mode's time limit")->default_str("60s");
        app.add_option("--seed", m_seed, "Seed of the heuristics")->default_str("1");
        app.add_option("--threads", m_threads, "Threads (default: all cores; the result is the same)");
        app.add_option("-o,--output", m_output, "GeoPackage: layers assets (kept/closed, receiving asset), zones "
                                                "(access before/after), moves, groups");
        app.add_flag("--json", m_json, "Print a machine-readable summary");
        m_network.add_to(app);
        m_layers.add_to(app);
    }

    int run() override;

private:
    coloc::ConsolidationOptions options() const;

    std::string m_assets, m_zones, m_service, m_min_coverage, m_within, m_by, m_min_group_coverage;
    std::string m_network_source, m_max_snap = "1km", m_capacity = "none", m_exclude, m_schema_file, m_output;
    std::string m_time_limit = "60s";
    std::vector<std::string> m_asset_fields, m_zone_fields;
    std::optional<std::size_t> m_keep;
    double m_speed_kmh = 30.0;
    double m_area_per_head = 0.0;
    std::uint64_t m_seed = 1;
    unsigned m_threads = 0;
    bool m_heuristic = false;
    bool m_json = false;
    // Set by run(): the unit the --within text chose.
    bool m_within_is_distance = false;
    std::optional<double> m_cutoff;
    CLI::Option *m_speed_option = nullptr;
    NetworkFlags m_network;
    LayerOptions m_layers;
};

coloc::ConsolidationOptions ConsolidateCommand::options() const {
    if (m_keep.has_value() == !m_min_coverage.empty()) {
        throw Error(Errc::argument, "give exactly one goal: --keep N, or --min-coverage SHARE with --within");
    }
    if (!m_min_coverage.empty() && m_within.empty()) {
        throw Error(Errc::argument, "--min-coverage needs --within (a travel time such as 20min, or a distance)");
    }
    if (!m_min_group_coverage.empty() && (m_by.empty() || m_min_coverage.empty())) {
        throw Error(Errc::argument, "--min-group-coverage needs --by FIELD and --min-coverage");
    }
    coloc::ConsolidationOptions o;
    o.keep = m_keep;
    if (!m_min_coverage.empty()) {
        o.min_coverage = parse_share(m_min_coverage, "--min-coverage", false);
    }
    if (!m_min_group_coverage.empty()) {
        o.min_group_coverage = parse_share(m_min_group_coverage, "--min-group-coverage", true);
    }
    o.cutoff = m_cutoff;
    o.capacity = m_capacity == "capacity"     ? coloc::CapacityBasis::service_capacity
                 : m_capacity == "floor-area" ? coloc::CapacityBasis::floor_area
                                              : coloc::CapacityBasis::none;
    if (o.capacity == coloc::CapacityBasis::floor_area && !(m_area_per_head > 0.0)) {
        throw Error(Errc::argument, "--capacity floor-area needs --floor-area-per-head M2 (> 0), e.g. 0.03");
    }
    o.floor_area_per_head = m_area_per_head;
    o.service = m_service;
    o.exact = !m_heuristic;
    o.exact_options.time_limit_s = parse_duration(m_time_limit, "s").value();
    o.seed = m_seed;
    o.threads = m_threads;
    return o;
}

json group_json(const coloc::GroupChange &g) {
    return json{{"group", g.group},
                {"zones", g.zones},
                {"population", rounded(g.demand, 3)},
                {"mean_cost_before", json_number(g.mean_cost_before, 3)},
                {"mean_cost_after", json_number(g.mean_cost_after, 3)},
                {"share_within_before", json_number(g.share_within_before, 6)},
                {"share_within_after", json_number(g.share_within_after, 6)},
                {"unreached_before", rounded(g.unreached_before, 3)},
                {"unreached_after", rounded(g.unreached_after, 3)}};
}

io::FieldValue optional_value(const std::optional<double> &value) {
    return value ? io::FieldValue{*value} : io::FieldValue{};
}

int ConsolidateCommand::run() {
    if (!m_within.empty()) {
        // A time or a distance: the unit decides the costs.
        try {
            m_cutoff = parse_duration(m_within).value();
        } catch (const Error &) {
            try {
                m_cutoff = parse_distance(m_within).value();
                m_within_is_distance = true;
            } catch (const Error &) {
                throw Error(Errc::argument, "--within '" + m_within + "': give a travel time (20min) or a distance (5km)");
            }
        }
    }
    if (m_network_source.empty() && !(m_speed_kmh > 0.0 && std::isfinite(m_speed_kmh))) {
        throw Error(Errc::argument, "--speed must be a number of km/h > 0");
    }
    if (!m_network_source.empty() && m_speed_option->count() > 0) {
        throw Error(Errc::argument, "--speed is for straight-line travel; with --network the roads give the times");
    }
    const coloc::ConsolidationOptions consolidation = options();

    io::ReadOptions read = m_layers.read_options();
    const auto assets_source = io::LayerSource::parse(m_assets);
    const auto zones_source = io::LayerSource::parse(m_zones);
    const crs::WorkingCrs working = m_layers.choose_working_crs({assets_source, zones_source}, read);
    m_layers.apply_study_area(read, working);
    io::Schema schema = m_schema_file.empty() ? io::Schema{} : io::load_schema(m_schema_file);
    for (const auto &assignment : m_asset_fields) {
        io::apply_field_override(schema, "assets", assignment);
    }
    for (const auto &assignment : m_zone_fields) {
        io::apply_field_override(schema, "zones", assignment);
    }
    schema.assets = io::guess_asset_schema(io::inspect_layer(assets_source, read), schema.assets);
    schema.zones = io::guess_zone_schema(io::inspect_layer(zones_source, read), schema.zones);
    if (schema.assets.services.empty() && schema.assets.constants.service.empty()) {
        throw Error(Errc::argument, "the assets' services are not mapped, so --service cannot pick the assets; map a "
                                    "column with --asset-field services=COLUMN, or say that every asset offers it "
                                    "with --asset-field constants.service=" + m_service,
                    assets_source.ref());
    }
    const io::Layer assets_layer = io::read_layer(assets_source, working, io::read_options_for(schema.assets, read));
    const io::Layer zones_layer = io::read_layer(zones_source, working, io::read_options_for(schema.zones, read));
    const model::Estate estate = model::to_estate(assets_layer, schema.assets);
    const model::Population population = model::to_population(zones_layer, schema.zones);

    // The candidates: assets offering the service, less the excluded ones.
    std::optional<std::pair<std::string, std::set<std::string>>> exclude;
    std::optional<std::size_t> exclude_index;
    if (!m_exclude.empty()) {
        exclude = parse_exclude(m_exclude);
        exclude_index = assets_layer.require_field(exclude->first);
    }
    std::vector<std::size_t> picked;
    std::set<std::string> offered;
    for (std::size_t k = 0; k < estate.assets.size(); ++k) {
        const model::Asset &a = estate.assets[k];
        offered.insert(a.services.begin(), a.services.end());
        const bool excluded =
            exclude && exclude->second.count(io::to_text(assets_layer.features()[k].values[*exclude_index])) > 0;
        if (a.offers(m_service) && !excluded) {
            picked.push_back(k);
        }
    }
    if (picked.empty()) {
        std::vector<std::string> some(offered.begin(), offered.end());
        some.resize(std::min<std::size_t>(some.size(), 10));
        std::string list;
        for (const auto &s : some) {
            list += (list.empty() ? "" : ", ") + s;
        }
        throw Error(Errc::data, "no asset offers the service '" + m_service + "'" +
                                    (exclude ? " (after --exclude)" : "") + "; services found: " +
                                    (list.empty() ? "none" : list),
                    assets_layer.ref());
    }
    std::vector<coloc::ConsolidationAsset> assets;
    std::vector<network::Located> destinations;
    for (const std::size_t k : picked) {
        const model::Asset &a = estate.assets[k];
        assets.push_back({a.id, a.name, a.location,
                          a.floor_area ? std::optional(a.floor_area->value()) : std::nullopt,
                          a.running_cost ? std::optional(a.running_cost->value()) : std::nullopt,
                          a.value ? std::optional(a.value->value()) : std::nullopt, a.capacity, a.must_keep});
        destinations.push_back({a.id, a.location});
    }
    std::vector<network::Located> origins;
    std::vector<double> demand;
    for (const model::Zone &z : population.zones) {
        origins.push_back({z.id, z.centroid});
        demand.push_back(z.population);
    }
    std::vector<std::string> groups;
    if (!m_by.empty()) {
        const std::size_t index = zones_layer.require_field(m_by);
        for (const auto &f : zones_layer.features()) {
            const std::string label = io::to_text(f.values[index]);
            groups.push_back(label.empty() ? "(empty)" : label);
        }
    }

    // Costs: by road, or straight-line distance (as seconds at the assumed speed unless the
    // cutoff is a distance).
    std::string costs_text;
    std::optional<network::CostMatrix> matrix;
    if (!m_network_source.empty()) {
        network::MatrixOptions mo;
        mo.cost = m_within_is_distance ? network::Cost::metres : network::Cost::seconds;
        mo.max_snap_m = parse_distance(m_max_snap).value();
        mo.threads = m_threads;
        const auto loaded = network::load_network(m_network_source, working, m_network.options(read));
        matrix.emplace(network::route_matrix(loaded.graph, origins, destinations, mo));
        costs_text = "road network";
    } else {
        network::CostMatrix metres = network::straight_line_matrix(origins, destinations);
        if (m_within_is_distance) {
            matrix.emplace(std::move(metres));
            costs_text = "straight-line distance";
        } else {
            matrix.emplace(coloc::straight_line_seconds(metres, m_speed_kmh / 3.6));
            std::ostringstream speed;
            speed << m_speed_kmh;
            costs_text = "straight-line distance at " + speed.str() + " km/h";
        }
    }
    const coloc::ConsolidationResult r = coloc::consolidate(*matrix, assets, demand, groups, consolidation);
    const std::string unit = network::cost_unit_name(matrix->unit());
    const double spare_unit = consolidation.capacity == coloc::CapacityBasis::floor_area ? m_area_per_head : 1.0;

    if (!m_output.empty()) {
        io::OutputLayer assets_out{"assets",
                                   working.crs(),
                                   {{"asset_id", io::FieldType::string},
                                    {"name", io::FieldType::string},
                                    {"kept", io::FieldType::integer},
                                    {"must_keep", io::FieldType::integer},
                                    {"receiving_asset_id", io::FieldType::string},
                                    {"distance_to_receiving_m", io::FieldType::real},
                                    {"people_before", io::FieldType::real},
                                    {"people_after", io::FieldType::real},
                                    {"spare_after", io::FieldType::real},
                                    {"floor_area_m2", io::FieldType::real},
                                    {"running_cost_gbp", io::FieldType::real},
                                    {"value_gbp", io::FieldType::real}},
                                   {}};
        std::vector<const coloc::Move *> move_of(assets.size(), nullptr);
        for (const auto &m : r.moves) {
            move_of[m.from] = &m;
        }
        for (std::size_t j = 0; j < assets.size(); ++j) {
            const auto &o = r.assets[j];
            io::Feature f;
            f.geometry = estate.assets[picked[j]].geometry;
            f.values = {assets[j].id,
                        assets[j].name,
                        std::int64_t{o.kept ? 1 : 0},
                        std::int64_t{assets[j].must_keep ? 1 : 0},
                        o.receiving == coloc::no_site ? io::FieldValue{} : io::FieldValue{assets[o.receiving].id},
                        move_of[j] ? real_or_null(move_of[j]->distance_m, 3) : io::FieldValue{},
                        rounded(o.demand_before, 6),
                        rounded(o.demand_after, 6),
                        o.kept ? real_or_null((o.capacity - o.demand_after) * spare_unit, 6) : io::FieldValue{},
                        optional_value(assets[j].floor_area_m2),
                        optional_value(assets[j].running_cost_gbp),
                        optional_value(assets[j].value_gbp)};
            assets_out.features.push_back(std::move(f));
        }
        io::OutputLayer zones_out{"zones",
                                  working.crs(),
                                  {{"zone_id", io::FieldType::string},
                                   {"population", io::FieldType::real},
                                   {"group", io::FieldType::string},
                                   {"asset_before", io::FieldType::string},
                                   {"asset_after", io::FieldType::string},
                                   {"cost_before", io::FieldType::real},
                                   {"cost_after", io::FieldType::real},
                                   {"cost_change", io::FieldType::real},
                                   {"within_before", io::FieldType::integer},
                                   {"within_after", io::FieldType::integer}},
                                  {}};
        for (std::size_t z = 0; z < population.zones.size(); ++z) {
            const auto &c = r.zones[z];
            const auto id_of = [&](coloc::SiteIndex s) { return s == coloc::no_site ? io::FieldValue{} : io::FieldValue{assets[s].id}; };
            const auto flag = [&](bool within) { return m_cutoff ? io::FieldValue{std::int64_t{within ? 1 : 0}} : io::FieldValue{}; };
            io::Feature f;
            f.geometry = population.zones[z].geometry;
            f.values = {population.zones[z].id,
                        demand[z],
                        groups.empty() ? io::FieldValue{} : io::FieldValue{groups[z]},
                        id_of(c.asset_before),
                        id_of(c.asset_after),
                        real_or_null(c.cost_before, 3),
                        real_or_null(c.cost_after, 3),
                        real_or_null(c.cost_after - c.cost_before, 3),
                        flag(c.within_before),
                        flag(c.within_after)};
            zones_out.features.push_back(std::move(f));
        }
        io::OutputLayer moves_out{"moves",
                                  working.crs(),
                                  {{"from_asset_id", io::FieldType::string},
                                   {"to_asset_id", io::FieldType::string},
                                   {"distance_m", io::FieldType::real},
                                   {"people", io::FieldType::real},
                                   {"people_to", io::FieldType::real},
                                   {"people_reaching_none", io::FieldType::real},
                                   {"spare_before", io::FieldType::real},
                                   {"spare_after", io::FieldType::real},
                                   {"text", io::FieldType::string}},
                                  {}};
        for (const auto &m : r.moves) {
            io::Feature f;
            if (m.to != coloc::no_site) {
                f.geometry = geometry::LineString{{assets[m.from].location, assets[m.to].location}};
            }
            f.values = {assets[m.from].id,
                        m.to == coloc::no_site ? io::FieldValue{} : io::FieldValue{assets[m.to].id},
                        real_or_null(m.distance_m, 3),
                        rounded(m.demand, 6),
                        rounded(m.demand_to, 6),
                        rounded(m.demand_lost, 6),
                        real_or_null(m.spare_before, 6),
                        real_or_null(m.spare_after, 6),
                        m.text};
            moves_out.features.push_back(std::move(f));
        }
        io::OutputLayer groups_out{"groups",
                                   std::nullopt,
                                   {{"group", io::FieldType::string},
                                    {"zones", io::FieldType::integer},
                                    {"population", io::FieldType::real},
                                    {"mean_cost_before", io::FieldType::real},
                                    {"mean_cost_after", io::FieldType::real},
                                    {"share_within_before", io::FieldType::real},
                                    {"share_within_after", io::FieldType::real},
                                    {"unreached_before", io::FieldType::real},
                                    {"unreached_after", io::FieldType::real},
                                    {"loses_most", io::FieldType::integer}},
                                   {}};
        const auto add_group = [&](const coloc::GroupChange &g, io::FieldValue loses) {
            io::Feature f;
            f.values = {g.group, static_cast<std::int64_t>(g.zones), rounded(g.demand, 6),
                        real_or_null(g.mean_cost_before, 6), real_or_null(g.mean_cost_after, 6),
                        real_or_null(g.share_within_before, 9), real_or_null(g.share_within_after, 9),
                        rounded(g.unreached_before, 6), rounded(g.unreached_after, 6), std::move(loses)};
            groups_out.features.push_back(std::move(f));
        };
        add_group(r.overall, io::FieldValue{});
        for (std::size_t g = 0; g < r.groups.size(); ++g) {
            add_group(r.groups[g], std::int64_t{r.loses_most == g ? 1 : 0});
        }
        // Kept blue, closed red (the diverging ramp's ends); zones red where the journey grows.
        const std::vector<report::Rgb> ends = report::diverging_ramp(3);
        assets_out.style = report::categorized_style(
            assets_out, "kept", {{"1", "kept", ends.back()}, {"0", "closed", ends.front()}}, "kept or closed",
            "Assets kept (blue) or closed (red)");
        zones_out.style = report::change_style(zones_out, "cost_change", true, "change in access",
                                               "Zones by the change of their cost to the nearest kept asset "
                                               "(red: further)");
        moves_out.style = report::layer_style("moves", report::single_symbol_qml(report::SymbolType::line, ends.front()),
                                              "Each closed asset's demand moving to the asset that takes it");
        io::write_layers(m_output, {assets_out, zones_out, moves_out, groups_out},
                         {assets_source.path, zones_source.path,
                          m_network_source.empty() ? std::string() : io::LayerSource::parse(m_network_source).path});
    }

    json kept = json::array(), closed = json::array(), moves = json::array(), by = json::array();
    for (std::size_t j = 0; j < assets.size(); ++j) {
        (r.assets[j].kept ? kept : closed).push_back(assets[j].id);
    }
    for (const auto &m : r.moves) {
        moves.push_back(m.text);
    }
    for (const auto &g : r.groups) {
        by.push_back(group_json(g));
    }
    json goal = consolidation.keep ? json{{"keep", *consolidation.keep}}
                                   : json{{"min_coverage", consolidation.min_coverage},
                                          {"min_group_coverage", consolidation.min_group_coverage}};
    goal["within"] = m_cutoff ? json(*m_cutoff) : json(nullptr);
    const coloc::Savings &s = r.savings;
    json out{{"service", m_service},
             {"assets", assets.size()},
             {"zones", population.zones.size()},
             {"population", rounded(population.total_population(), 3)},
             {"costs", costs_text},
             {"cost_unit", unit},
             {"goal", goal},
             {"capacity", m_capacity},
             {"status", coloc::solve_status_name(r.solution.status)},
             {"objective", json_number(r.solution.objective, 6)},
             {"kept", kept.size()},
             {"closed", closed.size()},
             {"bound", json_number(r.solution.bound, 6)},
             {"gap", json_number(r.solution.gap, 9)},
             {"sites_added_for_capacity", r.sites_added_for_capacity},
             {"kept_ids", kept},
             {"closed_ids", closed},
             {"savings",
              {{"running_cost_gbp", rounded(s.running_cost_gbp, 2)},
               {"running_cost_missing", s.running_cost_missing},
               {"floor_area_m2", rounded(s.floor_area_m2, 3)},
               {"floor_area_missing", s.floor_area_missing},
               {"capital_receipts_gbp", rounded(s.capital_receipts_gbp, 2)},
               {"value_missing", s.value_missing}}},
             {"overall", group_json(r.overall)},
             {"by", m_by.empty() ? json(nullptr) : json(m_by)},
             {"groups", by},
             {"loses_most", r.loses_most ? json(r.groups[*r.loses_most].group) : json(nullptr)},
             {"moves", moves},
             {"output", m_output.empty() ? json(nullptr) : json(m_output)}};
    if (m_json) {
        std::cout << out.dump(2) << "\n";
        return exit_ok;
    }
    std::cout << "keep " << kept.size() << " of " << assets.size() << " " << m_service << " assets ("
              << coloc::solve_status_name(r.solution.status) << ", " << costs_text << "); close " << closed.size() << "\n";
    std::cout << "  savings: GBP " << rounded(s.running_cost_gbp, 0) << " a year running costs ("
              << s.running_cost_missing << " closed without a figure), " << rounded(s.floor_area_m2, 0) << " m2 ("
              << s.floor_area_missing << " without), GBP " << rounded(s.capital_receipts_gbp, 0) << " receipts ("
              << s.value_missing << " without)\n";
    std::cout << "  mean " << unit << " " << rounded(r.overall.mean_cost_before, 1) << " -> "
              << rounded(r.overall.mean_cost_after, 1);
    if (m_cutoff) {
        std::cout << "; within " << m_within << ": " << rounded(100.0 * r.overall.share_within_before, 1) << "% -> "
                  << rounded(100.0 * r.overall.share_within_after, 1) << "%";
    }
    std::cout << "\n";
    if (r.loses_most) {
        std::cout << "  loses most: " << m_by << " " << r.groups[*r.loses_most].group << "\n";
    }
    for (std::size_t k = 0; k < r.moves.size() && k < 20; ++k) {
        std::cout << "  " << r.moves[k].text << "\n";
    }
    if (r.moves.size() > 20) {
        std::cout << "  ... " << r.moves.size() - 20 << " more (--json or -o lists them all)\n";
    }
    if (!m_output.empty()) {
        std::cout << "  written to " << m_output << "\n";
    }
    return exit_ok;
}

} // namespace

std::unique_ptr<Command> make_consolidate_command() { return std::make_unique<ConsolidateCommand>(); }

} // namespace pooled::cli
