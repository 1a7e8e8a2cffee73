// pooled matrix: travel times and distances on the road network from every origin to every
// destination, as a long table origin_id, destination_id, seconds, metres.

#include "cli/command.hpp"
#include "cli/layer_options.hpp"
#include "cli/located.hpp"
#include "cli/network_options.hpp"
#include "cli/progress_bar.hpp"

#include <pooled/core/units.hpp>
#include <pooled/io/reader.hpp>
#include <pooled/io/writer.hpp>
#include <pooled/network/load.hpp>
#include <pooled/network/route_matrix.hpp>

#include <nlohmann/json.hpp>

#include <iostream>

namespace pooled::cli {

namespace {
using json = nlohmann::ordered_json;

class MatrixCommand final : public Command {
public:
    const char *name() const override { return "matrix"; }
    const char *summary() const override {
        return "Travel times and distances by road from every origin to every destination";
    }

    void configure(CLI::App &app) override {
        app.add_option("--network", m_network_source, "OSM file, road line layer or edge table")->required();
        app.add_option("--from", m_from, "Origins PATH[:LAYER] (e.g. zone centroids)")->required();
        app.add_option("--to", m_to, "Destinations PATH[:LAYER] (e.g. assets)")->required();
        app.add_option("--from-id", m_from_id, "Origin id field, unique (default: a zone or asset id column if its values are unique, else the FID)");
        app.add_option("--to-id", m_to_id, "Destination id field (default: as --from-id)");
        app.add_option("--cutoff", m_cutoff, "Keep only pairs within this travel time (e.g. 30min) or, with --cost "
                                             "metres, distance (e.g. 5km)");
        app.add_option("--cost", m_cost, "What the routes minimise")
            ->check(CLI::IsMember({"seconds", "metres"}))
            ->default_str("seconds");
        app.add_option("--max-snap", m_max_snap, "Points further than this from any road are reported, not routed")
            ->default_str("1km");
        app.add_option("--threads", m_threads, "Threads (default: all cores; the result is the same)");
        app.add_option("-o,--output", m_output, "Write the matrix: .csv or .gpkg (origin_id, destination_id, seconds, "
                                                "metres)");
        app.add_flag("--json", m_json, "Print a machine-readable summary");
        m_network.add_to(app);
        m_layers.add_to(app);
        add_quiet_flag(app, m_quiet);
    }

    int run() override {
        io::ReadOptions read = m_layers.read_options();
        network::MatrixOptions options;
        options.cost = m_cost == "metres" ? network::Cost::metres : network::Cost::seconds;
        if (!m_cutoff.empty()) {
            options.cutoff = options.cost == network::Cost::seconds ? parse_duration(m_cutoff).value()
                                                                    : parse_distance(m_cutoff).value();
        }
        options.max_snap_m = parse_distance(m_max_snap).value();
        options.threads = m_threads;

        const auto from = io::LayerSource::parse(m_from);
        const auto to = io::LayerSource::parse(m_to);
        // One working CRS for all three inputs, so nothing is silently mixed.
        const crs::WorkingCrs working = m_layers.choose_working_crs({from, to}, read);
        m_layers.apply_study_area(read, working);
        const auto network_options = m_network.options(read);
        const auto loaded = network::load_network(m_network_source, working, network_options);
        const io::Layer origins_layer = io::read_layer(from, working, read);
        const io::Layer destinations_layer = io::read_layer(to, working, read);
        const auto origins = located_points(origins_layer, m_from_id);
        const auto destinations = located_points(destinations_layer, m_to_id);

        network::MatrixReport report;
        ProgressBar bar(m_quiet);
        const auto matrix = network::route_matrix(loaded.graph, origins, destinations, options, &report, bar.progress());
        if (!m_output.empty()) {
            write(matrix);
        }
        const std::size_t pairs = origins.size() * destinations.size();
        json out{{"network", m_network_source},
                 {"profile", network::profile_name(network_options.profile)},
                 {"working_crs", working.crs().authority_code()},
                 {"origins", origins.size()},
                 {"destinations", destinations.size()},
                 {"cost", m_cost},
                 {"cutoff", options.cutoff ? json(*options.cutoff) : json(nullptr)},
                 {"pairs", pairs},
                 {"stored_pairs", matrix.stored()},
                 {"unreachable_or_beyond_cutoff", pairs - matrix.stored()},
                 {"unsnapped_origins", report.unsnapped_origins},
                 {"unsnapped_destinations", report.unsnapped_destinations},
                 {"output", m_output.empty() ? json(nullptr) : json(m_output)}};
        if (m_json) {
            std::cout << out.dump(2) << "\n";
        } else {
            std::cout << origins.size() << " origins x " << destinations.size() << " destinations on "
                      << m_network_source << " (" << network::profile_name(network_options.profile) << "): "
                      << matrix.stored() << " pairs stored, " << pairs - matrix.stored()
                      << " unreachable or beyond the cutoff\n";
            if (!report.unsnapped_origins.empty() || !report.unsnapped_destinations.empty()) {
                std::cout << "  not on the network (further than " << m_max_snap << " from a road): "
                          << report.unsnapped_origins.size() << " origins, " << report.unsnapped_destinations.size()
                          << " destinations\n";
            }
            if (!m_output.empty()) {
                std::cout << "  written to " << m_output << "\n";
            }
        }
        return exit_ok;
    }

private:
    void write(const network::CostMatrix &matrix) const {
        io::OutputLayer table{"matrix",
                              std::nullopt,
                              {{"origin_id", io::FieldType::string},
                               {"destination_id", io::FieldType::string},
                               {"seconds", io::FieldType::real},
                               {"metres", io::FieldType::real}},
                              {}};
        const bool seconds_first = matrix.unit() == network::CostUnit::seconds;
        for (std::size_t i = 0; i < matrix.origin_count(); ++i) {
            for (const auto &entry : matrix.row(i)) {
                io::Feature row;
                row.values = {matrix.origin_ids()[i], matrix.destination_ids()[entry.destination],
                              seconds_first ? entry.cost : entry.other, seconds_first ? entry.other : entry.cost};
                table.features.push_back(std::move(row));
            }
        }
        io::write_layers(m_output, {table},
                         {io::LayerSource::parse(m_network_source).path, io::LayerSource::parse(m_from).path,
                          io::LayerSource::parse(m_to).path});
    }

    std::string m_network_source;
    std::string m_from;
    std::string m_to;
    std::string m_from_id;
    std::string m_to_id;
    std::string m_cutoff;
    std::string m_cost = "seconds";
    std::string m_max_snap = "1km";
    unsigned m_threads = 0;
    std::string m_output;
    bool m_json = false;
    bool m_quiet = false;
    NetworkFlags m_network;
    LayerOptions m_layers;
};
} // namespace

std::unique_ptr<Command> make_matrix_command() { return std::make_unique<MatrixCommand>(); }

} // namespace pooled::cli
