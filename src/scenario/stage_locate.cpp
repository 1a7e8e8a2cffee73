// Stage "locate": location-allocation with the assets as candidate sites and the zones'
// population as demand: which p assets to keep to serve everybody at the least total travel
// (p-median) or to cover the most people within the service distance or time (MCLP).

#include "scenario/run_context.hpp"

#include <pooled/colocation/covering.hpp>
#include <pooled/colocation/pmedian.hpp>

#include <algorithm>
#include <numeric>

namespace pooled::scenario::detail {

namespace {
using colocation::SiteIndex;

std::vector<SiteIndex> required_sites(const RunContext &ctx) {
    std::vector<SiteIndex> required;
    const auto &assets = ctx.estate->assets;
    for (const auto &id : ctx.scenario.locate->required) {
        const auto it = std::find_if(assets.begin(), assets.end(), [&](const model::Asset &a) { return a.id == id; });
        if (it == assets.end()) {
            throw Error(Errc::argument, "locate.required: no asset has the id '" + id + "'",
                        SourceRef{ctx.scenario.file, {}, std::nullopt, "locate.required"});
        }
        required.push_back(static_cast<SiteIndex>(it - assets.begin()));
    }
    return required;
}

io::OutputLayer selected_layer(const RunContext &ctx, const colocation::Solution &solution,
                               const std::vector<double> &served) {
    io::OutputLayer layer{"locate",
                          ctx.working->crs(),
                          {{"asset_id", io::FieldType::string},
                           {"name", io::FieldType::string},
                           {"served_population", io::FieldType::real}},
                          {}};
    for (const SiteIndex site : solution.selected) {
        const auto &asset = ctx.estate->assets[site];
        io::Feature f;
        f.geometry = asset.location;
        f.values = {asset.id, asset.name, field_value(served[site])};
        layer.features.push_back(std::move(f));
    }
    return layer;
}

void run(RunContext &ctx, const Progress &progress) {
    const LocateSettings &settings = *ctx.scenario.locate;
    if (settings.p > ctx.estate->assets.size()) {
        throw Error(Errc::argument,
                    "locate.p: " + std::to_string(settings.p) + " sites to keep, but there are only " +
                        std::to_string(ctx.estate->assets.size()) + " assets (" + ctx.estate->source + ")",
                    SourceRef{ctx.scenario.file, {}, std::nullopt, "locate.p"});
    }
    const bool mclp = settings.problem == "mclp";
    const network::CostMatrix matrix =
        ctx.zone_to_asset_costs(settings.costs, mclp ? settings.service : std::nullopt, progress.sub(0.0, 0.5));
    const std::vector<double> demand = ctx.zone_population();
    colocation::Solution solution;
    if (mclp) {
        colocation::MclpOptions options;
        options.p = settings.p;
        options.service_cost = *settings.service;
        options.sites.required = required_sites(ctx);
        options.seed = ctx.scenario.seed;
        solution = colocation::solve_mclp(matrix, demand, options);
    } else {
        colocation::PMedianOptions options;
        options.p = settings.p;
        options.sites.required = required_sites(ctx);
        options.seed = ctx.scenario.seed;
        solution = colocation::solve_pmedian(matrix, demand, options);
    }
    progress.report(0.9, "locate");

    const auto &assets = ctx.estate->assets;
    std::vector<double> served(assets.size(), 0.0);
    Column assigned{"locate_asset", io::FieldType::string, {}};
    Column cost{"locate_cost", io::FieldType::real, {}};
    double served_total = 0.0;
    for (std::size_t i = 0; i < solution.assignment.size(); ++i) {
        const SiteIndex site = solution.assignment[i];
        if (site == colocation::no_site) {
            assigned.values.emplace_back();
            cost.values.emplace_back();
            continue;
        }
        served[site] += demand[i];
        served_total += demand[i];
        assigned.values.emplace_back(assets[site].id);
        cost.values.push_back(field_value(matrix.at(i, site)));
    }
    Column selected{"locate_selected", io::FieldType::integer, {}};
    for (std::size_t j = 0; j < assets.size(); ++j) {
        const bool open = std::binary_search(solution.selected.begin(), solution.selected.end(), static_cast<SiteIndex>(j));
        selected.values.emplace_back(std::int64_t{open ? 1 : 0});
    }
    ctx.add_asset_column(std::move(selected));
    ctx.add_zone_column(std::move(assigned));
    ctx.add_zone_column(std::move(cost));
    ctx.layers.push_back(selected_layer(ctx, solution, served));

    json ids = json::array();
    for (const SiteIndex site : solution.selected) {
        ids.push_back(assets[site].id);
    }
    const double total = std::accumulate(demand.begin(), demand.end(), 0.0);
    json figures{{"problem", settings.problem},
                 {"p", settings.p},
                 {"costs", settings.costs},
                 {"cost_unit", network::cost_unit_name(matrix.unit())},
                 {"status", colocation::solve_status_name(solution.status)},
                 {"objective", figure(solution.objective)},
                 {"bound", figure(solution.bound)},
                 {"gap", figure(solution.gap)},
                 {"served_population", figure(served_total)},
                 {"served_share", figure(total > 0.0 ? served_total / total : 0.0)}};
    if (!mclp) {
        figures["mean_cost"] = figure(served_total > 0.0 ? solution.objective / served_total : 0.0);
    }
    figures["selected"] = std::move(ids);
    ctx.summary["locate"] = std::move(figures);
    progress.report(1.0, "locate");
}

bool applies(const Scenario &s) { return s.locate.has_value(); }
bool needs_roads(const Scenario &s) { return s.locate->costs == "network"; }

} // namespace

Stage locate_stage() { return Stage{"locate", &applies, &run, &needs_roads}; }

} // namespace pooled::scenario::detail
