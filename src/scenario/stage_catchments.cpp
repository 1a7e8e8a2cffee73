// Stage "catchments": per asset, its buffers, nearest-facility area and road isochrones as the
// scenario asks, the people inside (zone polygons by area share, or zone centroids), and the
// people each pair of catchments shares.

#include "scenario/run_context.hpp"

#include <pooled/catchment/catchment.hpp>
#include <pooled/catchment/isochrone.hpp>
#include <pooled/catchment/population.hpp>
#include <pooled/catchment/within_cost.hpp>
#include <pooled/geometry/algorithms.hpp>
#include <pooled/io/reader.hpp>
#include <pooled/network/snap.hpp>

#include <algorithm>
#include <cmath>

namespace pooled::scenario::detail {

namespace {
using catchment::Catchment;

std::string cutoff_label(const Catchment &c) {
    if (c.method == catchment::Method::buffer) {
        return std::to_string(static_cast<long long>(std::llround(c.cutoff))) + "m";
    }
    if (c.method == catchment::Method::network) {
        return std::to_string(static_cast<long long>(std::llround(c.cutoff))) + "s";
    }
    return {};
}

/// "buffer_2000m", "network_600s", "nearest": one name per method and cutoff.
std::string variant_name(const Catchment &c) {
    const std::string label = cutoff_label(c);
    return std::string(catchment::method_name(c.method)) + (label.empty() ? "" : "_" + label);
}

/// Isochrones of every site the network reaches, sites in parallel; sites off the network are
/// counted.
std::vector<Catchment> network_catchments(const RunContext &ctx, const std::vector<catchment::Site> &sites,
                                          const Progress &progress, std::size_t &unreachable) {
    const network::Snapper snapper(ctx.road_graph());
    catchment::IsochroneOptions options;
    options.max_snap_m = ctx.scenario.network->max_snap_m;
    std::vector<std::size_t> off_network;
    auto out = catchment::isochrones_of_sites(ctx.road_graph(), snapper, sites, ctx.scenario.catchments->cutoffs_s,
                                              options, 0, &off_network, progress);
    unreachable += off_network.size();
    return out;
}

/// People and shared people of the isochrones by travel time: a zone counts in full when its
/// point is reached from the asset within the cutoff (the matrix runs asset -> zone).
std::vector<catchment::Overlap> count_by_travel_time(const RunContext &ctx, std::vector<Catchment> &isochrones,
                                                     const Progress &progress) {
    network::MatrixOptions options;
    options.cutoff = ctx.scenario.catchments->cutoffs_s.back();
    options.max_snap_m = ctx.scenario.network->max_snap_m;
    const auto matrix = network::route_matrix(ctx.road_graph(), ctx.asset_points(), ctx.zone_points(), options,
                                              nullptr, progress);
    const std::vector<double> population = ctx.zone_population();
    catchment::count_population_within_cost(isochrones, matrix, population);
    return catchment::overlap_within_cost(isochrones, matrix, population);
}

io::OutputLayer catchments_layer(const RunContext &ctx, const std::vector<Catchment> &catchments) {
    io::OutputLayer layer{"catchments",
                          ctx.working->crs(),
                          {{"asset_id", io::FieldType::string},
                           {"method", io::FieldType::string},
                           {"cutoff", io::FieldType::real},
                           {"cutoff_unit", io::FieldType::string},
                           {"population", io::FieldType::real}},
                          {}};
    for (const auto &c : catchments) {
        io::Feature f;
        f.geometry = c.area;
        const std::string label = cutoff_label(c);
        f.values = {c.asset_id, std::string(catchment::method_name(c.method)), field_value(c.cutoff),
                    label.empty() ? io::FieldValue() : io::FieldValue(label.substr(label.size() - 1)),
                    field_value(c.population)};
        layer.features.push_back(std::move(f));
    }
    return layer;
}

io::OutputLayer overlap_layer(const std::vector<Catchment> &catchments, const std::vector<catchment::Overlap> &overlaps) {
    io::OutputLayer layer{"catchment_overlap",
                          std::nullopt,
                          {{"asset_id", io::FieldType::string},
                           {"other_asset_id", io::FieldType::string},
                           {"catchment", io::FieldType::string},
                           {"shared_population", io::FieldType::real},
                           {"share_of_asset", io::FieldType::real},
                           {"share_of_other", io::FieldType::real}},
                          {}};
    for (const auto &o : overlaps) {
        io::Feature f;
        f.values = {catchments[o.first].asset_id, catchments[o.second].asset_id, variant_name(catchments[o.first]),
                    field_value(o.population), field_value(o.share_of_first), field_value(o.share_of_second)};
        layer.features.push_back(std::move(f));
    }
    return layer;
}

void run(RunContext &ctx, const Progress &progress) {
    const CatchmentSettings &settings = *ctx.scenario.catchments;
    std::vector<catchment::Site> sites;
    for (const auto &a : ctx.estate->assets) {
        sites.push_back(catchment::Site{a.id, a.location});
    }
    // Areas counted from the zones (index) and isochrones counted by travel time, apart.
    std::vector<Catchment> by_area;
    std::vector<Catchment> by_time;
    std::size_t unreachable = 0;
    const bool travel_time = settings.population_rule == "travel-time";
    const auto append = [](std::vector<Catchment> &to, std::vector<Catchment> some) {
        to.insert(to.end(), std::make_move_iterator(some.begin()), std::make_move_iterator(some.end()));
    };
    for (const auto &method : settings.methods) {
        if (method == "buffer") {
            for (const double radius : settings.radii_m) {
                append(by_area, catchment::buffer_catchments(sites, radius));
            }
        } else if (method == "nearest") {
            append(by_area, catchment::nearest_facility_areas(sites, geometry::unary_union(io::polygons_of(*ctx.zones_layer))));
        } else {
            append(travel_time ? by_time : by_area, network_catchments(ctx, sites, progress.sub(0.0, 0.5), unreachable));
        }
    }
    progress.report(0.5, "catchments");
    const catchment::PopulationIndex index = ctx.population_index(settings.population_rule);
    catchment::count_population(by_area, index);
    std::vector<catchment::Overlap> overlaps = catchment::catchment_overlap(by_area, index);
    progress.report(0.8, "catchments");
    if (!by_time.empty()) {
        const std::size_t offset = by_area.size();
        for (auto o : count_by_travel_time(ctx, by_time, progress.sub(0.8, 0.95))) {
            o.first += offset;
            o.second += offset;
            overlaps.push_back(o);
        }
    }
    std::vector<Catchment> catchments = std::move(by_area);
    append(catchments, std::move(by_time));

    // One column per method and cutoff on the assets: the people in the asset's catchment.
    json variants = json::object();
    std::vector<std::string> order;
    std::vector<std::vector<double>> per_asset;
    for (const auto &c : catchments) {
        const std::string name = variant_name(c);
        auto it = std::find(order.begin(), order.end(), name);
        if (it == order.end()) {
            order.push_back(name);
            per_asset.emplace_back(sites.size(), std::numeric_limits<double>::quiet_NaN());
            it = order.end() - 1;
        }
        per_asset[static_cast<std::size_t>(it - order.begin())][c.asset] = c.population;
    }
    for (std::size_t v = 0; v < order.size(); ++v) {
        Column column{"population_" + order[v], io::FieldType::real, {}};
        double sum = 0.0, most = 0.0;
        std::size_t count = 0;
        for (const double p : per_asset[v]) {
            column.values.push_back(field_value(p));
            if (std::isfinite(p)) {
                sum += p;
                most = std::max(most, p);
                ++count;
            }
        }
        std::size_t pairs = 0;
        for (const auto &o : overlaps) {
            pairs += variant_name(catchments[o.first]) == order[v] ? 1 : 0;
        }
        variants[order[v]] = json{{"catchments", count},
                                  {"mean_population", figure(count ? sum / static_cast<double>(count) : 0.0)},
                                  {"max_population", figure(most)},
                                  {"overlapping_pairs", pairs}};
        ctx.add_asset_column(std::move(column));
    }
    ctx.layers.push_back(catchments_layer(ctx, catchments));
    ctx.layers.push_back(overlap_layer(catchments, overlaps));
    json figures{{"catchments", catchments.size()},
                 {"population_rule", index.rule() == catchment::PopulationIndex::Rule::area_share ? "area share" : "centroid"},
                 {"isochrone_population_rule", travel_time ? "travel time" : "as the other catchments"},
                 {"overlapping_pairs", overlaps.size()}};
    if (unreachable > 0 || std::find(settings.methods.begin(), settings.methods.end(), "network") != settings.methods.end()) {
        figures["assets_off_network"] = unreachable;
    }
    figures["by_catchment"] = std::move(variants);
    ctx.summary["catchments"] = std::move(figures);
    ctx.catchments = std::move(catchments);
    ctx.catchment_overlaps = std::move(overlaps);
    progress.report(1.0, "catchments");
}

bool applies(const Scenario &s) { return s.catchments.has_value(); }
// Road isochrones, and counting people by travel time, which only isochrones are.
bool needs_roads(const Scenario &s) {
    const auto &methods = s.catchments->methods;
    return std::find(methods.begin(), methods.end(), "network") != methods.end();
}

} // namespace

Stage catchments_stage() { return Stage{"catchments", &applies, &run, &needs_roads}; }

} // namespace pooled::scenario::detail
