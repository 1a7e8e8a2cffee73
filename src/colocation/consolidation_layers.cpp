// What `pooled consolidate` and the run's consolidation stage share around consolidate(): the
// settings' texts, the candidates, the costs, the output layers and the JSON summary.

#include <pooled/colocation/consolidation_layers.hpp>

#include <pooled/core/error.hpp>
#include <pooled/core/units.hpp>
#include <pooled/network/straight_line.hpp>

#include "io/output_numbers.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <numeric>
#include <sstream>

namespace pooled::colocation {

namespace {
using json = nlohmann::ordered_json;

// The one rounding policy of consolidation outputs: costs to 3 decimals, people 6, shares 9.
constexpr int cost_decimals = 3;
constexpr int people_decimals = 6;
constexpr int share_decimals = 9;

using io::json_number;
using io::real_or_null;

io::FieldValue optional_value(const std::optional<double> &value) {
    return value ? io::FieldValue{*value} : io::FieldValue{};
}

json group_json(const GroupChange &g) {
    return json{{"group", g.group},
                {"zones", g.zones},
                {"population", rounded(g.demand, cost_decimals)},
                {"mean_cost_before", json_number(g.mean_cost_before, cost_decimals)},
                {"mean_cost_after", json_number(g.mean_cost_after, cost_decimals)},
                {"share_within_before", json_number(g.share_within_before, 6)},
                {"share_within_after", json_number(g.share_within_after, 6)},
                {"unreached_before", rounded(g.unreached_before, cost_decimals)},
                {"unreached_after", rounded(g.unreached_after, cost_decimals)}};
}

io::OutputLayer assets_layer(const ConsolidationRun &run, const ConsolidationResult &r, const std::string &prefix) {
    io::OutputLayer out{prefix + "assets",
                        run.crs,
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
    // Spare capacity in the basis's unit: m2 for floor area, people otherwise.
    const double spare_unit =
        run.options.capacity == CapacityBasis::floor_area ? run.options.floor_area_per_head : 1.0;
    std::vector<const Move *> move_of(run.assets.size(), nullptr);
    for (const auto &m : r.moves) {
        move_of[m.from] = &m;
    }
    for (std::size_t j = 0; j < run.assets.size(); ++j) {
        const auto &o = r.assets[j];
        const auto &a = run.assets[j];
        io::Feature f;
        f.geometry = run.asset_geometries[j];
        f.values = {a.id,
                    a.name,
                    std::int64_t{o.kept ? 1 : 0},
                    std::int64_t{a.must_keep ? 1 : 0},
                    o.receiving == no_site ? io::FieldValue{} : io::FieldValue{run.assets[o.receiving].id},
                    move_of[j] ? real_or_null(move_of[j]->distance_m, cost_decimals) : io::FieldValue{},
                    rounded(o.demand_before, people_decimals),
                    rounded(o.demand_after, people_decimals),
                    o.kept ? real_or_null((o.capacity - o.demand_after) * spare_unit, people_decimals) : io::FieldValue{},
                    optional_value(a.floor_area_m2),
                    optional_value(a.running_cost_gbp),
                    optional_value(a.value_gbp)};
        out.features.push_back(std::move(f));
    }
    return out;
}

io::OutputLayer zones_layer(const ConsolidationRun &run, const ConsolidationResult &r, const std::string &prefix) {
    io::OutputLayer out{prefix + "zones",
                        run.crs,
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
    const auto id_of = [&](SiteIndex s) { return s == no_site ? io::FieldValue{} : io::FieldValue{run.assets[s].id}; };
    const auto flag = [&](bool within) {
        return run.options.cutoff ? io::FieldValue{std::int64_t{within ? 1 : 0}} : io::FieldValue{};
    };
    for (std::size_t z = 0; z < run.zone_ids.size(); ++z) {
        const auto &c = r.zones[z];
        io::Feature f;
        f.geometry = run.zone_geometries[z];
        f.values = {run.zone_ids[z],
                    run.demand[z],
                    run.groups.empty() ? io::FieldValue{} : io::FieldValue{run.groups[z]},
                    id_of(c.asset_before),
                    id_of(c.asset_after),
                    real_or_null(c.cost_before, cost_decimals),
                    real_or_null(c.cost_after, cost_decimals),
                    real_or_null(c.cost_after - c.cost_before, cost_decimals),
                    flag(c.within_before),
                    flag(c.within_after)};
        out.features.push_back(std::move(f));
    }
    return out;
}

io::OutputLayer moves_layer(const ConsolidationRun &run, const ConsolidationResult &r, const std::string &prefix) {
    io::OutputLayer out{prefix + "moves",
                        run.crs,
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
        if (m.to != no_site) {
            f.geometry = geometry::LineString{{run.assets[m.from].location, run.assets[m.to].location}};
        }
        f.values = {run.assets[m.from].id,
                    m.to == no_site ? io::FieldValue{} : io::FieldValue{run.assets[m.to].id},
                    real_or_null(m.distance_m, cost_decimals),
                    rounded(m.demand, people_decimals),
                    rounded(m.demand_to, people_decimals),
                    rounded(m.demand_lost, people_decimals),
                    real_or_null(m.spare_before, people_decimals),
                    real_or_null(m.spare_after, people_decimals),
                    m.text};
        out.features.push_back(std::move(f));
    }
    return out;
}

io::OutputLayer groups_layer(const ConsolidationResult &r, const std::string &prefix) {
    io::OutputLayer out{prefix + "groups",
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
    const auto add = [&](const GroupChange &g, io::FieldValue loses) {
        io::Feature f;
        f.values = {g.group,
                    static_cast<std::int64_t>(g.zones),
                    rounded(g.demand, people_decimals),
                    real_or_null(g.mean_cost_before, people_decimals),
                    real_or_null(g.mean_cost_after, people_decimals),
                    real_or_null(g.share_within_before, share_decimals),
                    real_or_null(g.share_within_after, share_decimals),
                    rounded(g.unreached_before, people_decimals),
                    rounded(g.unreached_after, people_decimals),
                    std::move(loses)};
        out.features.push_back(std::move(f));
    };
    add(r.overall, io::FieldValue{});
    for (std::size_t g = 0; g < r.groups.size(); ++g) {
        add(r.groups[g], std::int64_t{r.loses_most == g ? 1 : 0});
    }
    return out;
}

} // namespace

double parse_share(std::string_view text, bool allow_zero) {
    std::string number(text);
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
        throw Error(Errc::argument, "'" + std::string(text) + "': give a share such as 95% or 0.95, " +
                                        (allow_zero ? "from 0" : "above 0") + " and at most 100%");
    }
    return value;
}

Reach parse_reach(std::string_view text) {
    // A time or a distance: the unit decides the costs.
    try {
        return Reach{parse_duration(text).value(), false};
    } catch (const Error &) {
    }
    try {
        return Reach{parse_distance(text).value(), true};
    } catch (const Error &) {
        throw Error(Errc::argument, "'" + std::string(text) + "': give a travel time (20min) or a distance (5km)");
    }
}

AssetExclusion parse_exclusion(std::string_view text) {
    const auto eq = text.find('=');
    if (eq == std::string_view::npos || eq == 0) {
        throw Error(Errc::argument, "'" + std::string(text) + "': give FIELD=VALUE[,VALUE...], e.g. closed=XL,XLR");
    }
    AssetExclusion out{std::string(text.substr(0, eq)), {}};
    std::stringstream in{std::string(text.substr(eq + 1))};
    for (std::string part; std::getline(in, part, ',');) {
        out.values.insert(part);
    }
    return out;
}

ConsolidationCandidates consolidation_candidates(const model::Estate &estate,
                                                 const std::vector<const io::Layer *> &layers,
                                                 const std::string &service,
                                                 const std::optional<AssetExclusion> &exclude) {
    // Asset k is feature k - first[l] of layer l, for the first l whose features reach past k.
    std::vector<std::size_t> first{0};
    for (const io::Layer *layer : layers) {
        first.push_back(first.back() + layer->features().size());
    }
    if (layers.empty() || first.back() != estate.assets.size()) {
        throw Error(Errc::argument, "the assets layers hold " + std::to_string(first.back()) + " features for " +
                                        std::to_string(estate.assets.size()) + " assets");
    }
    ConsolidationCandidates out;
    std::set<std::string> offered;
    // The exclusion's field in each layer, looked up at the layer's first candidate: a layer
    // without candidates need not have it.
    std::vector<std::optional<std::size_t>> exclusion_field(layers.size());
    std::size_t l = 0;
    for (std::size_t k = 0; k < estate.assets.size(); ++k) {
        while (k >= first[l + 1]) {
            ++l;
        }
        const model::Asset &a = estate.assets[k];
        offered.insert(a.services.begin(), a.services.end());
        if (!a.offers(service)) {
            continue;
        }
        if (exclude) {
            const io::Layer &layer = *layers[l];
            if (!exclusion_field[l]) {
                exclusion_field[l] = layer.require_field(exclude->field);
            }
            const auto &value = layer.features()[k - first[l]].values[*exclusion_field[l]];
            if (exclude->values.count(io::to_text(value)) > 0) {
                continue;
            }
        }
        out.estate_index.push_back(k);
        out.assets.push_back({a.id, a.name, a.location,
                              a.floor_area ? std::optional(a.floor_area->value()) : std::nullopt,
                              a.running_cost ? std::optional(a.running_cost->value()) : std::nullopt,
                              a.value ? std::optional(a.value->value()) : std::nullopt, a.capacity, a.must_keep});
        out.geometries.push_back(a.geometry);
    }
    if (out.assets.empty()) {
        std::string list;
        std::size_t listed = 0;
        for (auto it = offered.begin(); it != offered.end() && listed < 10; ++it, ++listed) {
            list += (list.empty() ? "" : ", ") + *it;
        }
        throw Error(Errc::data, "no asset offers the service '" + service + "'" +
                                    (exclude ? " (after the exclusion)" : "") + "; services found: " +
                                    (list.empty() ? "none" : list),
                    layers.front()->ref());
    }
    return out;
}

ConsolidationCandidates consolidation_candidates(const model::Estate &estate, const io::Layer &layer,
                                                 const std::string &service,
                                                 const std::optional<AssetExclusion> &exclude) {
    return consolidation_candidates(estate, std::vector<const io::Layer *>{&layer}, service, exclude);
}

ConsolidationMatrix consolidation_costs(const std::vector<network::Located> &zones,
                                        const std::vector<network::Located> &assets, const ConsolidationCosts &costs,
                                        const Progress &progress) {
    if (costs.roads) {
        network::MatrixOptions mo;
        mo.cost = costs.distance ? network::Cost::metres : network::Cost::seconds;
        mo.max_snap_m = costs.max_snap_m;
        mo.threads = costs.threads;
        return {network::route_matrix(*costs.roads, zones, assets, mo, nullptr, progress), "road network"};
    }
    network::CostMatrix metres = network::straight_line_matrix(zones, assets);
    progress.report(1.0);
    if (costs.distance) {
        return {std::move(metres), "straight-line distance"};
    }
    std::ostringstream speed;
    speed << costs.speed_kmh;
    return {straight_line_seconds(metres, costs.speed_kmh / 3.6), "straight-line distance at " + speed.str() + " km/h"};
}

ConsolidationRun consolidation_run(ConsolidationCandidates candidates, const model::Population &zones) {
    ConsolidationRun run;
    run.assets = std::move(candidates.assets);
    run.asset_geometries = std::move(candidates.geometries);
    for (const model::Zone &z : zones.zones) {
        run.zone_ids.push_back(z.id);
        run.zone_geometries.push_back(z.geometry);
        run.demand.push_back(z.population);
    }
    run.crs = zones.crs.crs();
    return run;
}

std::vector<network::Located> asset_points(const ConsolidationRun &run) {
    std::vector<network::Located> points;
    for (const auto &a : run.assets) {
        points.push_back({a.id, a.location});
    }
    return points;
}

std::vector<std::string> zone_groups(const io::Layer &zones_layer, const std::string &by) {
    const std::size_t index = zones_layer.require_field(by);
    std::vector<std::string> groups;
    for (const auto &f : zones_layer.features()) {
        const std::string label = io::to_text(f.values[index]);
        groups.push_back(label.empty() ? "(empty)" : label);
    }
    return groups;
}

ConsolidationLayers consolidation_layers(const ConsolidationRun &run, const ConsolidationResult &result,
                                         const std::string &prefix) {
    if (run.asset_geometries.size() != run.assets.size() || run.zone_geometries.size() != run.zone_ids.size() ||
        run.demand.size() != run.zone_ids.size() || result.assets.size() != run.assets.size() ||
        result.zones.size() != run.zone_ids.size()) {
        throw Error(Errc::argument, "consolidation layers: the run's assets, zones and result differ in size");
    }
    return {assets_layer(run, result, prefix), zones_layer(run, result, prefix), moves_layer(run, result, prefix),
            groups_layer(result, prefix)};
}

const char *capacity_basis_name(CapacityBasis basis) noexcept {
    switch (basis) {
    case CapacityBasis::service_capacity:
        return "capacity";
    case CapacityBasis::floor_area:
        return "floor-area";
    case CapacityBasis::none:
        break;
    }
    return "none";
}

std::string consolidation_summary_json(const ConsolidationRun &run, const ConsolidationResult &r) {
    json kept = json::array(), closed = json::array(), moves = json::array(), by = json::array();
    for (std::size_t j = 0; j < run.assets.size(); ++j) {
        (r.assets[j].kept ? kept : closed).push_back(run.assets[j].id);
    }
    for (const auto &m : r.moves) {
        moves.push_back(m.text);
    }
    for (const auto &g : r.groups) {
        by.push_back(group_json(g));
    }
    const ConsolidationOptions &o = run.options;
    json goal = o.keep ? json{{"keep", *o.keep}}
                       : json{{"min_coverage", o.min_coverage}, {"min_group_coverage", o.min_group_coverage}};
    goal["within"] = o.cutoff ? json(*o.cutoff) : json(nullptr);
    const Savings &s = r.savings;
    const double population = std::accumulate(run.demand.begin(), run.demand.end(), 0.0);
    const json out{{"service", o.service},
                   {"assets", run.assets.size()},
                   {"zones", run.zone_ids.size()},
                   {"population", rounded(population, cost_decimals)},
                   {"costs", run.costs},
                   {"cost_unit", network::cost_unit_name(run.cost_unit)},
                   {"goal", goal},
                   {"capacity", capacity_basis_name(o.capacity)},
                   {"status", solve_status_name(r.solution.status)},
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
                     {"floor_area_m2", rounded(s.floor_area_m2, cost_decimals)},
                     {"floor_area_missing", s.floor_area_missing},
                     {"capital_receipts_gbp", rounded(s.capital_receipts_gbp, 2)},
                     {"value_missing", s.value_missing}}},
                   {"overall", group_json(r.overall)},
                   {"by", run.by.empty() ? json(nullptr) : json(run.by)},
                   {"groups", by},
                   {"loses_most", r.loses_most ? json(r.groups[*r.loses_most].group) : json(nullptr)},
                   {"moves", moves}};
    return out.dump(2);
}

} // namespace pooled::colocation
