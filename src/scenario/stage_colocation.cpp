// Stage "colocation": groups of nearby assets of different owners whose services could share a
// building (colocation/candidates.hpp), with the same layers and summary as `pooled colocate`
// (colocation/layers.hpp). Members are close by straight line for a distance, by road for a
// travel time. The people two members' catchments share come from the run's own catchments
// when [catchments] made those of the asked method and cutoff, else they are counted here as
// the CLI counts them (circles by area share of the zones, or the zones reached by road).

#include "scenario/run_context.hpp"

#include <pooled/catchment/within_cost.hpp>
#include <pooled/colocation/candidates.hpp>
#include <pooled/colocation/compatibility.hpp>
#include <pooled/colocation/layers.hpp>
#include <pooled/report/colocation_styles.hpp>

#include <cmath>

namespace pooled::scenario::detail {

namespace {
using catchment::Catchment;

/// A catchment of the method and cutoff the [colocation] section asks for.
bool wanted(const Catchment &c, const ColocationSettings &s) {
    const auto method = s.catchment_is_time ? catchment::Method::network : catchment::Method::buffer;
    return c.method == method && std::abs(c.cutoff - s.catchment_cost) <= 1e-9 * s.catchment_cost;
}

/// The catchments and overlaps the candidates read people from: the run's, or counted here.
struct SharedPeople {
    std::vector<Catchment> counted;               ///< empty when the run's are used
    std::vector<catchment::Overlap> overlaps;     ///< between catchments of one method and cutoff
    bool from_run = false;
};

SharedPeople shared_people(const RunContext &ctx, const ColocationSettings &s, const Progress &progress) {
    SharedPeople out;
    for (const auto &c : ctx.catchments) {
        out.from_run = out.from_run || wanted(c, s);
    }
    if (out.from_run) {
        for (const auto &o : ctx.catchment_overlaps) {
            if (wanted(ctx.catchments[o.first], s)) {
                out.overlaps.push_back(o);
            }
        }
        return out;
    }
    const auto assets = ctx.asset_points();
    if (s.catchment_is_time) {
        // The zones reached by road within the time, each counted in full.
        network::MatrixOptions options;
        options.cutoff = s.catchment_cost;
        options.max_snap_m = ctx.scenario.network->max_snap_m;
        const auto matrix = network::route_matrix(ctx.road_graph(), assets, ctx.zone_points(), options, nullptr, progress);
        for (std::size_t a = 0; a < assets.size(); ++a) {
            Catchment c;
            c.asset = a;
            c.asset_id = assets[a].id;
            c.method = catchment::Method::network;
            c.cutoff = s.catchment_cost;
            out.counted.push_back(std::move(c));
        }
        const std::vector<double> population = ctx.zone_population();
        catchment::count_population_within_cost(out.counted, matrix, population);
        out.overlaps = catchment::overlap_within_cost(out.counted, matrix, population);
        return out;
    }
    std::vector<catchment::Site> sites;
    for (const auto &p : assets) {
        sites.push_back({p.id, p.point});
    }
    out.counted = catchment::buffer_catchments(sites, s.catchment_cost);
    const catchment::PopulationIndex index = ctx.population_index("");
    catchment::count_population(out.counted, index);
    out.overlaps = catchment::catchment_overlap(out.counted, index);
    return out;
}

void run(RunContext &ctx, const Progress &progress) {
    const ColocationSettings &s = *ctx.scenario.colocation;
    const colocation::CompatibilityTable table =
        s.compatibility.empty() ? colocation::default_compatibility() : colocation::read_compatibility(s.compatibility);
    colocation::CandidateOptions options;
    options.within = s.within_cost;
    options.compatibility = &table;
    options.as_of = s.as_of;
    options.lease_horizon_years = s.lease_horizon_years;
    std::optional<network::CostMatrix> road;
    if (s.within_is_time) {
        network::MatrixOptions m;
        m.cost = network::Cost::seconds;
        m.cutoff = s.within_cost;
        m.max_snap_m = ctx.scenario.network->max_snap_m;
        const auto points = ctx.asset_points();
        road = network::route_matrix(ctx.road_graph(), points, points, m, nullptr, progress.sub(0.0, 0.3));
        options.costs = &*road;
    }
    const SharedPeople shared = shared_people(ctx, s, progress.sub(0.3, 0.6));
    options.catchments = shared.from_run ? &ctx.catchments : &shared.counted;
    options.overlaps = &shared.overlaps;
    progress.report(0.6, "colocation");
    colocation::CandidateResult result = colocation::find_colocation_candidates(*ctx.estate, options);
    progress.report(0.9, "colocation");

    const std::string unit = road ? network::cost_unit_name(road->unit()) : "metres";
    colocation::ColocationLayers layers = colocation::colocation_layers(*ctx.estate, result, ctx.working->crs(), unit);
    report::style_colocation_layers(layers);
    ctx.layers.push_back(std::move(layers.groups));
    ctx.layers.push_back(std::move(layers.members));
    ctx.layers.push_back(std::move(layers.excluded));

    colocation::SearchSettings settings;
    settings.within = s.within_cost;
    settings.within_unit = unit;
    settings.by = road ? "road" : "straight line";
    settings.compatibility = table.source();
    settings.catchment = s.catchment;
    double people = 0.0;
    for (const double p : ctx.zone_population()) {
        people += p;
    }
    settings.zone_population = people;
    settings.as_of = s.as_of;
    settings.lease_horizon_years = s.lease_horizon_years;
    // The best ten groups in summary.json; the GeoPackage's layers hold them all.
    json figures = json::parse(colocation::colocation_summary_json(*ctx.estate, result, settings, 10));
    figures["catchments_from"] = shared.from_run ? "the run's catchments" : "counted for co-location";
    ctx.summary["colocation"] = std::move(figures);
    ctx.colocation = std::move(result);
    progress.report(1.0, "colocation");
}

bool applies(const Scenario &s) { return s.colocation.has_value(); }
// Times between assets, or people counted within a time when the run's catchments hold none.
bool needs_roads(const Scenario &s) { return s.colocation->within_is_time || s.colocation->catchment_is_time; }

} // namespace

Stage colocation_stage() { return Stage{"colocation", &applies, &run, &needs_roads}; }

} // namespace pooled::scenario::detail
