// Stage "network": the road network in the working CRS, when the scenario has a [network].

#include "scenario/run_context.hpp"

#include <pooled/network/profile.hpp>

namespace pooled::scenario::detail {

namespace {

void run(RunContext &ctx, const Progress &progress) {
    const NetworkSettings &settings = *ctx.scenario.network;
    network::NetworkOptions options;
    options.profile = network::parse_profile(settings.profile);
    progress.report(0.0, "network");
    ctx.network = network::load_network(settings.source, *ctx.working, options);
    progress.report(1.0, "network");
    const auto &graph = ctx.network->graph;
    ctx.summary["network"] = json{{"kind", network::network_kind_name(ctx.network->kind)},
                                  {"profile", settings.profile},
                                  {"nodes", graph.node_count()},
                                  {"edges", graph.edge_count()},
                                  {"components", ctx.network->build.components.size()},
                                  {"dropped_edges", ctx.network->build.dropped_edges}};
}

bool applies(const Scenario &s) { return s.network.has_value(); }

} // namespace

Stage network_stage() { return Stage{"network", &applies, &run}; }

} // namespace pooled::scenario::detail
