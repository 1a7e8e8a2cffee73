#include "cli/network_options.hpp"

namespace pooled::cli {

void NetworkFlags::add_to(CLI::App &app) {
    app.add_option("--profile", profile, "Travel mode: which roads, how fast")
        ->check(CLI::IsMember({"drive", "walk", "cycle"}))
        ->default_str("drive");
    app.add_option("--edge-cost", edge_cost, "What an edge table's cost columns hold")
        ->check(CLI::IsMember({"seconds", "metres"}))
        ->default_str("seconds");
    app.add_flag("--all-components", all_components,
                 "Keep every strongly connected part of the network (default: only the largest, so every kept "
                 "node can reach every other)");
}

network::NetworkOptions NetworkFlags::options(const io::ReadOptions &read) const {
    network::NetworkOptions options;
    options.profile = network::parse_profile(profile);
    options.edge_cost_unit = edge_cost == "metres" ? network::EdgeCostUnit::metres : network::EdgeCostUnit::seconds;
    options.build.largest_component_only = !all_components;
    options.read = read;
    return options;
}

} // namespace pooled::cli
