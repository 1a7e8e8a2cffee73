// Stage "indicators": how each asset is used (report/indicators.hpp) over the run's first
// catchment set: its columns on the assets layer, the totals per organisation and per service
// as layers of their own, and the flags and totals in the summary (the figures of
// `pooled indicators --json` on the same catchments); with users and a segmentation, each
// asset's users per top-level segment.

#include "scenario/run_context.hpp"

#include <pooled/core/error.hpp>
#include <pooled/model/convert.hpp>
#include <pooled/report/indicators.hpp>
#include <pooled/segmentation/users.hpp>

#include <algorithm>
#include <cmath>
#include <map>

namespace pooled::scenario::detail {

namespace {

bool same_set(const catchment::Catchment &a, const catchment::Catchment &b) {
    return a.method == b.method && (a.cutoff == b.cutoff || (std::isnan(a.cutoff) && std::isnan(b.cutoff)));
}

/// The catchments of the first method and cutoff of the run (one per asset at most) and the
/// overlaps among them, renumbered to index the chosen ones.
struct CatchmentSet {
    std::vector<catchment::Catchment> catchments;
    std::vector<catchment::Overlap> overlaps;
};

CatchmentSet first_set(const RunContext &ctx) {
    CatchmentSet set;
    std::vector<std::size_t> position(ctx.catchments.size(), ctx.catchments.size());
    for (std::size_t i = 0; i < ctx.catchments.size(); ++i) {
        if (same_set(ctx.catchments[i], ctx.catchments.front())) {
            position[i] = set.catchments.size();
            set.catchments.push_back(ctx.catchments[i]);
        }
    }
    for (auto o : ctx.catchment_overlaps) {
        if (position[o.first] != ctx.catchments.size() && position[o.second] != ctx.catchments.size()) {
            o.first = position[o.first];
            o.second = position[o.second];
            set.overlaps.push_back(o);
        }
    }
    return set;
}

/// Reals rounded as every figure of a run (field_value), so the outputs stay byte-identical.
void round_reals(std::vector<io::FieldValue> &values) {
    for (auto &v : values) {
        if (const double *d = std::get_if<double>(&v)) {
            v = field_value(*d);
        }
    }
}

/// Users per segment of each catchment, when the scenario has users and a segmentation: the
/// users counted into zones (segmentation::count_users_by_zone), then into the catchments by the
/// zones' shares, by the top-level segment of their zone (as `pooled indicators --users`).
std::optional<report::SegmentUsers> segment_users(const RunContext &ctx, const std::vector<catchment::Catchment> &set) {
    const auto zone_segments = std::find_if(ctx.zone_columns.begin(), ctx.zone_columns.end(),
                                            [](const Column &c) { return c.name == "segment_l1"; });
    const auto segments = std::find_if(ctx.layers.begin(), ctx.layers.end(),
                                       [](const io::OutputLayer &l) { return l.name == "segments"; });
    if (!ctx.users_layer || zone_segments == ctx.zone_columns.end() || segments == ctx.layers.end()) {
        return std::nullopt;
    }
    std::vector<std::string> codes; // the top level's, in the segments layer's order
    for (const auto &f : segments->features) {
        if (f.values[0] == io::FieldValue{std::int64_t{1}}) {
            codes.push_back(io::to_text(f.values[1]));
        }
    }
    std::vector<std::string> segment_of_zone;
    for (const auto &value : zone_segments->values) {
        segment_of_zone.push_back(io::to_text(value));
    }
    const model::ServiceUsers users = model::to_service_users(*ctx.users_layer, ctx.schema.users);
    const auto counts = segmentation::count_users_by_zone(*ctx.population, users);
    return report::users_per_segment(set, ctx.population_index(ctx.scenario.catchments->population_rule), counts.users,
                                     segment_of_zone, codes);
}

json optional_figure(const std::optional<double> &value) { return value ? figure(*value) : json(nullptr); }

json totals_json(const std::vector<report::GroupTotals> &groups, const char *key) {
    json out = json::array();
    for (const auto &g : groups) {
        out.push_back({{key, g.group},
                       {"assets", g.assets},
                       {"floor_area_m2", figure(g.floor_area_m2)},
                       {"missing_floor_area", g.missing_floor_area},
                       {"running_cost_gbp", figure(g.running_cost_gbp)},
                       {"missing_running_cost", g.missing_running_cost},
                       {"cost_per_m2", optional_figure(g.cost_per_m2)},
                       {"population_served", optional_figure(g.population_served)},
                       {"missing_catchment", g.missing_catchment}});
    }
    return out;
}

/// The per-asset indicators as columns of the assets layer: the fields of the
/// `asset_indicators` table that the assets layer does not have already.
void add_asset_columns(RunContext &ctx, const io::OutputLayer &table) {
    static const std::vector<std::string> already{"asset_id", "name", "organisation", "organisation_kind"};
    for (std::size_t f = 0; f < table.fields.size(); ++f) {
        if (std::find(already.begin(), already.end(), table.fields[f].name) != already.end()) {
            continue;
        }
        Column column{table.fields[f].name, table.fields[f].type, {}};
        for (const auto &feature : table.features) {
            column.values.push_back(feature.values[f]);
        }
        round_reals(column.values);
        ctx.add_asset_column(std::move(column));
    }
}

void run(RunContext &ctx, const Progress &progress) {
    const IndicatorSettings &settings = *ctx.scenario.indicators;
    if (ctx.catchments.empty()) { // e.g. only road isochrones and no asset on the network
        throw Error(Errc::argument, "indicators: the run made no catchments to measure the assets' use by",
                    SourceRef{ctx.scenario.file, {}, std::nullopt, "indicators"});
    }
    const CatchmentSet set = first_set(ctx);
    report::IndicatorInputs in{*ctx.estate, set.catchments};
    in.overlaps = set.overlaps;
    in.as_of = settings.as_of;
    in.lease_horizon_months = settings.lease_horizon_months;
    in.users = segment_users(ctx, set.catchments);
    const report::Indicators result = report::asset_indicators(in);

    std::vector<io::OutputLayer> tables = report::indicator_layers(result, *ctx.estate);
    add_asset_columns(ctx, tables.front());
    for (std::size_t t = 1; t < tables.size(); ++t) {
        for (auto &feature : tables[t].features) {
            round_reals(feature.values);
        }
        ctx.layers.push_back(std::move(tables[t]));
    }

    const report::IndicatorFlags flags = report::count_flags(result);
    const auto &first = set.catchments.front();
    ctx.summary["indicators"] =
        json{{"catchment", std::string(catchment::method_name(first.method))},
             {"cutoff", figure(first.cutoff)},
             {"assets_with_catchment", set.catchments.size()},
             {"as_of", settings.as_of.empty() ? json(nullptr) : json(settings.as_of)},
             {"lease_horizon_months", settings.lease_horizon_months},
             {"flags",
              {{"lease_ends_within_horizon", flags.lease_ends_within_horizon},
               {"condition_poor", flags.condition_poor},
               {"over_capacity", flags.over_capacity},
               {"under_used", flags.under_used}}},
             {"missing", flags.missing},
             {"segments", result.segment_codes},
             {"organisations", totals_json(result.organisations, "organisation")},
             {"services", totals_json(result.services, "service")}};
    progress.report(1.0, "indicators");
}

bool applies(const Scenario &s) { return s.indicators.has_value(); }

} // namespace

Stage indicators_stage() { return Stage{"indicators", &applies, &run}; }

} // namespace pooled::scenario::detail
