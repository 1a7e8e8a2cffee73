// pooled network: what a road network holds once built for a profile: nodes, edges, length,
// strongly connected components and the spread of speeds.

#include "cli/command.hpp"
#include "cli/output_values.hpp"
#include "cli/layer_options.hpp"
#include "cli/network_options.hpp"

#include <pooled/network/load.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>

namespace pooled::cli {

namespace {
using json = nlohmann::ordered_json;


// Speeds of the traversable arcs weighted by their length, km/h.
json speed_summary(const network::Graph &graph) {
    std::vector<std::pair<double, double>> speeds; // (km/h, metres)
    double total_metres = 0.0;
    for (network::ArcId a = 0; a < graph.arc_count(); ++a) {
        if (graph.seconds[a] > 0.0F) {
            speeds.emplace_back(3.6 * graph.metres[a] / graph.seconds[a], graph.metres[a]);
            total_metres += graph.metres[a];
        }
    }
    if (speeds.empty() || total_metres <= 0.0) {
        return nullptr;
    }
    std::sort(speeds.begin(), speeds.end());
    const auto quantile = [&](double q) {
        double seen = 0.0;
        for (const auto &[kmh, metres] : speeds) {
            seen += metres;
            if (seen >= q * total_metres) {
                return rounded(kmh, 1);
            }
        }
        return rounded(speeds.back().first, 1);
    };
    return json{{"min_kmh", rounded(speeds.front().first, 1)},
                {"median_kmh", quantile(0.5)},
                {"max_kmh", rounded(speeds.back().first, 1)}};
}

class NetworkCommand final : public Command {
public:
    const char *name() const override { return "network"; }
    const char *summary() const override {
        return "Build a road network for a profile and describe it: nodes, edges, length, components, speeds";
    }

    void configure(CLI::App &app) override {
        app.add_option("source", m_source,
                       "OSM file (.osm.pbf, .osm), road line layer PATH[:LAYER], or edge table (pgRouting columns "
                       "source, target, cost, reverse_cost)")
            ->required();
        app.add_flag("--json", m_json, "Print a machine-readable summary");
        m_network.add_to(app);
        m_layers.add_to(app);
    }

    int run() override {
        io::ReadOptions read = m_layers.read_options();
        const auto user = m_layers.user_working_crs();
        const crs::WorkingCrs working =
            user ? crs::WorkingCrs(*user) : network::working_crs_for_network(m_source, m_network.options(read));
        m_layers.apply_study_area(read, working);
        const auto options = m_network.options(read);
        const network::LoadedNetwork loaded = network::load_network(m_source, working, options);
        const auto &graph = loaded.graph;
        double length_m = 0.0;
        for (const auto &edge : graph.edges) {
            length_m += edge.metres;
        }
        json components = json::array();
        for (const auto &component : loaded.build.components) {
            json extent = nullptr;
            if (!component.extent.empty()) {
                extent = json::array({rounded(component.extent.min_x, 0), rounded(component.extent.min_y, 0),
                                      rounded(component.extent.max_x, 0), rounded(component.extent.max_y, 0)});
            }
            components.push_back({{"nodes", component.nodes}, {"extent", extent}});
        }
        json out{{"source", m_source},
                 {"kind", network::network_kind_name(loaded.kind)},
                 {"profile", network::profile_name(options.profile)},
                 {"working_crs", working.crs().authority_code()},
                 {"nodes", graph.node_count()},
                 {"arcs", graph.arc_count()},
                 {"edges", graph.edges.size()},
                 {"length_km", rounded(length_m / 1000.0, 3)},
                 {"input_edges", loaded.build.input_edges},
                 {"dropped_edges", loaded.build.dropped_edges},
                 {"kept", m_network.all_components ? "all components" : "largest strongly connected component"},
                 {"components", components.size()},
                 {"largest_components", json::array()},
                 {"speed", speed_summary(graph)}};
        for (std::size_t i = 0; i < components.size() && i < 10; ++i) {
            out["largest_components"].push_back(components[i]);
        }
        if (loaded.osm) {
            out["osm"] = {{"ways_read", loaded.osm->ways_read},
                          {"ways_used", loaded.osm->ways_used},
                          {"ways_default_speed", loaded.osm->ways_default_speed},
                          {"missing_nodes", loaded.osm->missing_nodes}};
        }
        if (m_json) {
            std::cout << out.dump(2) << "\n";
            return exit_ok;
        }
        std::cout << m_source << " (" << out["kind"].get<std::string>() << ", profile " << out["profile"].get<std::string>()
                  << ", " << working.crs().display() << ")\n";
        std::cout << "  nodes:      " << graph.node_count() << "\n";
        std::cout << "  edges:      " << graph.edges.size() << " (" << graph.arc_count() << " directed arcs)\n";
        char length[64];
        std::snprintf(length, sizeof length, "%.3f km", length_m / 1000.0);
        std::cout << "  length:     " << length << "\n";
        std::cout << "  components: " << components.size() << " strongly connected; kept "
                  << out["kept"].get<std::string>() << " (" << loaded.build.dropped_edges << " of "
                  << loaded.build.input_edges << " input edges dropped)\n";
        for (std::size_t i = 0; i < components.size() && i < 5; ++i) {
            std::cout << "    " << components[i]["nodes"] << " nodes";
            if (!components[i]["extent"].is_null()) {
                const auto &e = components[i]["extent"];
                std::cout << " within " << e[0] << " " << e[1] << " - " << e[2] << " " << e[3];
            }
            std::cout << "\n";
        }
        if (!out["speed"].is_null()) {
            std::cout << "  speed:      " << out["speed"]["min_kmh"] << " to " << out["speed"]["max_kmh"]
                      << " km/h, median by length " << out["speed"]["median_kmh"] << " km/h\n";
        }
        return exit_ok;
    }

private:
    std::string m_source;
    bool m_json = false;
    NetworkFlags m_network;
    LayerOptions m_layers;
};
} // namespace

std::unique_ptr<Command> make_network_command() { return std::make_unique<NetworkCommand>(); }

} // namespace pooled::cli
