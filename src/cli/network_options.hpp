#pragma once
// Options for commands that read a road network: --profile, --edge-cost, --all-components.

#include <pooled/network/load.hpp>

#include <CLI/CLI.hpp>

#include <string>

namespace pooled::cli {

struct NetworkFlags {
    std::string profile = "drive";
    std::string edge_cost = "seconds";
    bool all_components = false;

    void add_to(CLI::App &app);
    network::NetworkOptions options(const io::ReadOptions &read) const;
};

} // namespace pooled::cli
