// Stage "consolidation": `pooled consolidate` within a run. The assets offering the service
// are the candidates and the zones' people the demand; the layers (consolidation_assets,
// _zones, _moves, _groups) and the key figures come from the library's
// colocation/consolidation_layers.hpp, so they equal the command's for the same settings.

#include "scenario/run_context.hpp"

#include <pooled/colocation/consolidation_layers.hpp>

namespace pooled::scenario::detail {

namespace {
namespace coloc = colocation;

coloc::ConsolidationOptions options_of(const ConsolidationSettings &settings, std::uint64_t seed) {
    coloc::ConsolidationOptions o;
    o.keep = settings.keep;
    o.min_coverage = settings.min_coverage.value_or(0.0);
    o.min_group_coverage = settings.min_group_coverage;
    o.cutoff = settings.within;
    o.capacity = settings.capacity == "capacity"     ? coloc::CapacityBasis::service_capacity
                 : settings.capacity == "floor-area" ? coloc::CapacityBasis::floor_area
                                                     : coloc::CapacityBasis::none;
    o.floor_area_per_head = settings.floor_area_per_head;
    o.service = settings.service;
    o.exact = !settings.heuristic;
    o.exact_options.time_limit_s = settings.time_limit_s;
    o.seed = seed;
    return o;
}

void run(RunContext &ctx, const Progress &progress) {
    const ConsolidationSettings &settings = *ctx.scenario.consolidation;
    const std::optional<coloc::AssetExclusion> exclude =
        settings.exclude.empty() ? std::nullopt : std::optional(coloc::parse_exclusion(settings.exclude));
    std::vector<const io::Layer *> read;
    for (const auto &layer : ctx.asset_layers) {
        read.push_back(&layer.layer);
    }
    coloc::ConsolidationRun run = coloc::consolidation_run(
        coloc::consolidation_candidates(*ctx.estate, read, settings.service, exclude), *ctx.population);
    if (!settings.by.empty()) {
        run.by = settings.by;
        run.groups = coloc::zone_groups(*ctx.zones_layer, settings.by);
    }
    run.options = options_of(settings, ctx.scenario.seed);

    coloc::ConsolidationCosts costs;
    costs.distance = settings.within_is_distance;
    costs.speed_kmh = settings.speed_kmh;
    if (settings.costs == "network") {
        costs.roads = &ctx.road_graph();
        costs.max_snap_m = ctx.scenario.network->max_snap_m;
    }
    const coloc::ConsolidationMatrix matrix =
        coloc::consolidation_costs(ctx.zone_points(), coloc::asset_points(run), costs, progress.sub(0.0, 0.5));
    run.costs = matrix.description;
    run.cost_unit = matrix.matrix.unit();
    const coloc::ConsolidationResult result =
        coloc::consolidate(matrix.matrix, run.assets, run.demand, run.groups, run.options);
    progress.report(0.9, "consolidation");

    coloc::ConsolidationLayers layers = coloc::consolidation_layers(run, result, "consolidation_");
    for (auto *layer : {&layers.assets, &layers.zones, &layers.moves, &layers.groups}) {
        ctx.layers.push_back(std::move(*layer));
    }
    ctx.summary["consolidation"] = json::parse(coloc::consolidation_summary_json(run, result));
    progress.report(1.0, "consolidation");
}

bool applies(const Scenario &s) { return s.consolidation.has_value(); }
bool needs_roads(const Scenario &s) { return s.consolidation->costs == "network"; }

} // namespace

Stage consolidation_stage() { return Stage{"consolidation", &applies, &run, &needs_roads}; }

} // namespace pooled::scenario::detail
