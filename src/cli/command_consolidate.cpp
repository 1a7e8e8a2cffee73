// pooled consolidate: which assets of a service to keep (a number, or the fewest keeping a share
// of the people within a travel time), where their users go, what closing the others saves and
// who loses access, on travel times by road or straight-line-equivalent times.

#include "cli/command.hpp"
#include "cli/layer_options.hpp"
#include "cli/network_options.hpp"
#include "cli/output_values.hpp"

#include <pooled/colocation/consolidation.hpp>
#include <pooled/colocation/consolidation_layers.hpp>
#include <pooled/core/units.hpp>
#include <pooled/io/reader.hpp>
#include <pooled/io/schema.hpp>
#include <pooled/io/writer.hpp>
#include <pooled/model/convert.hpp>
#include <pooled/network/load.hpp>
#include <pooled/report/consolidation_styles.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <iostream>

namespace pooled::cli {

namespace {
using json = nlohmann::ordered_json;
namespace coloc = colocation;

/// The library's parse_share, its message naming the option.
double share_option(const std::string &text, const std::string &option, bool allow_zero) {
    try {
        return coloc::parse_share(text, allow_zero);
    } catch (const Error &e) {
        throw Error(Errc::argument, option + " " + e.problem());
    }
}

class ConsolidateCommand final : public Command {
public:
    const char *name() const override { return "consolidate"; }
    const char *summary() const override {
        return "Consolidation scenario: keep N assets of a service, or the fewest keeping a share of people within "
               "a travel time; savings, access before/after, moves";
    }

    void configure(CLI::App &app) override {
        app.add_option("--assets", m_assets, "Assets PATH[:LAYER]")->required();
        app.add_option("--zones", m_zones, "Zones PATH[:LAYER] with a population column")->required();
        app.add_option("--service", m_service, "The service consolidated (assets offering it are the candidates), e.g. "
                                               "library")
            ->required();
        app.add_option("--keep", m_keep, "Keep this many assets (p-median: least total travel)");
        app.add_option("--min-coverage", m_min_coverage, "Or keep the fewest assets keeping this share of the people "
                                                         "within --within, e.g. 95%");
        app.add_option("--within", m_within, "Travel time (20min) or straight-line distance (5km) counted as within "
                                             "reach (inclusive)");
        app.add_option("--by", m_by, "Zone column grouping the report (e.g. ruc21_urban_rural or an IMD decile)");
        app.add_option("--min-group-coverage", m_min_group_coverage, "With --by and --min-coverage: also this share "
                                                                     "of every group, e.g. 90%");
        app.add_option("--network", m_network_source, "Travel times by road: OSM file, road line layer or edge table "
                                                      "(default: straight-line distance at --speed)");
        m_speed_option = app.add_option("--speed", m_speed_kmh, "Without --network: the assumed "
                                                                 "straight-line-equivalent speed, km/h")
                             ->default_str("30");
        app.add_option("--max-snap", m_max_snap, "With --network: points further from a road are unreachable")
            ->default_str("1km");
        app.add_option("--capacity", m_capacity, "What limits the people an asset can take: none, capacity (the "
                                                 "capacity field, in people) or floor-area (with --floor-area-per-head)")
            ->check(CLI::IsMember({"none", "capacity", "floor-area"}))
            ->default_str("none");
        app.add_option("--floor-area-per-head", m_area_per_head, "m2 of floor area one person needs (e.g. 0.03 for "
                                                                 "30 m2 per 1,000 people)");
        app.add_option("--exclude", m_exclude, "Leave out assets whose FIELD is one of the values: FIELD=V1,V2 (e.g. "
                                               "closed=XL,XLR)");
        app.add_option("--schema", m_schema_file, "TOML file mapping columns to model fields (share/pooled/schemas/)")
            ->check(CLI::ExistingFile);
        app.add_option("--asset-field", m_asset_fields, "Map an asset field, e.g. running_cost=cost_gbp or "
                                                        "constants.service=library; repeatable")
            ->take_all();
        app.add_option("--zone-field", m_zone_fields, "Map a zone field, e.g. population=ts0010001; repeatable")
            ->take_all();
        app.add_flag("--heuristic", m_heuristic, "Skip the exact CBC solve (the answer's gap is still reported)");
        app.add_option("--time-limit", m_time_limit, "Exact mode's time limit")->default_str("60s");
        app.add_option("--seed", m_seed, "Seed of the heuristics")->default_str("1");
        app.add_option("--threads", m_threads, "Threads (default: all cores; the result is the same)");
        app.add_option("-o,--output", m_output, "GeoPackage: layers assets (kept/closed, receiving asset), zones "
                                                "(access before/after), moves, groups");
        app.add_flag("--json", m_json, "Print a machine-readable summary");
        m_network.add_to(app);
        m_layers.add_to(app);
    }

    int run() override;

private:
    coloc::ConsolidationOptions options() const;

    std::string m_assets, m_zones, m_service, m_min_coverage, m_within, m_by, m_min_group_coverage;
    std::string m_network_source, m_max_snap = "1km", m_capacity = "none", m_exclude, m_schema_file, m_output;
    std::string m_time_limit = "60s";
    std::vector<std::string> m_asset_fields, m_zone_fields;
    std::optional<std::size_t> m_keep;
    double m_speed_kmh = 30.0;
    double m_area_per_head = 0.0;
    std::uint64_t m_seed = 1;
    unsigned m_threads = 0;
    bool m_heuristic = false;
    bool m_json = false;
    // Set by run(): the unit the --within text chose.
    bool m_within_is_distance = false;
    std::optional<double> m_cutoff;
    CLI::Option *m_speed_option = nullptr;
    NetworkFlags m_network;
    LayerOptions m_layers;
};

coloc::ConsolidationOptions ConsolidateCommand::options() const {
    if (m_keep.has_value() == !m_min_coverage.empty()) {
        throw Error(Errc::argument, "give exactly one goal: --keep N, or --min-coverage SHARE with --within");
    }
    if (!m_min_coverage.empty() && m_within.empty()) {
        throw Error(Errc::argument, "--min-coverage needs --within (a travel time such as 20min, or a distance)");
    }
    if (!m_min_group_coverage.empty() && (m_by.empty() || m_min_coverage.empty())) {
        throw Error(Errc::argument, "--min-group-coverage needs --by FIELD and --min-coverage");
    }
    coloc::ConsolidationOptions o;
    o.keep = m_keep;
    if (!m_min_coverage.empty()) {
        o.min_coverage = share_option(m_min_coverage, "--min-coverage", false);
    }
    if (!m_min_group_coverage.empty()) {
        o.min_group_coverage = share_option(m_min_group_coverage, "--min-group-coverage", true);
    }
    o.cutoff = m_cutoff;
    o.capacity = m_capacity == "capacity"     ? coloc::CapacityBasis::service_capacity
                 : m_capacity == "floor-area" ? coloc::CapacityBasis::floor_area
                                              : coloc::CapacityBasis::none;
    if (o.capacity == coloc::CapacityBasis::floor_area && !(m_area_per_head > 0.0)) {
        throw Error(Errc::argument, "--capacity floor-area needs --floor-area-per-head M2 (> 0), e.g. 0.03");
    }
    o.floor_area_per_head = m_area_per_head;
    o.service = m_service;
    o.exact = !m_heuristic;
    o.exact_options.time_limit_s = parse_duration(m_time_limit, "s").value();
    o.seed = m_seed;
    o.threads = m_threads;
    return o;
}

int ConsolidateCommand::run() {
    if (!m_within.empty()) {
        try {
            const coloc::Reach reach = coloc::parse_reach(m_within);
            m_cutoff = reach.value;
            m_within_is_distance = reach.is_distance;
        } catch (const Error &e) {
            throw Error(Errc::argument, "--within " + e.problem());
        }
    }
    if (m_network_source.empty() && !(m_speed_kmh > 0.0 && std::isfinite(m_speed_kmh))) {
        throw Error(Errc::argument, "--speed must be a number of km/h > 0");
    }
    if (!m_network_source.empty() && m_speed_option->count() > 0) {
        throw Error(Errc::argument, "--speed is for straight-line travel; with --network the roads give the times");
    }
    const coloc::ConsolidationOptions consolidation = options();

    io::ReadOptions read = m_layers.read_options();
    const auto assets_source = io::LayerSource::parse(m_assets);
    const auto zones_source = io::LayerSource::parse(m_zones);
    const crs::WorkingCrs working = m_layers.choose_working_crs({assets_source, zones_source}, read);
    m_layers.apply_study_area(read, working);
    io::Schema schema = m_schema_file.empty() ? io::Schema{} : io::load_schema(m_schema_file);
    for (const auto &assignment : m_asset_fields) {
        io::apply_field_override(schema, "assets", assignment);
    }
    for (const auto &assignment : m_zone_fields) {
        io::apply_field_override(schema, "zones", assignment);
    }
    schema.assets = io::guess_asset_schema(io::inspect_layer(assets_source, read), schema.assets);
    schema.zones = io::guess_zone_schema(io::inspect_layer(zones_source, read), schema.zones);
    if (schema.assets.services.empty() && schema.assets.constants.service.empty()) {
        throw Error(Errc::argument, "the assets' services are not mapped, so --service cannot pick the assets; map a "
                                    "column with --asset-field services=COLUMN, or say that every asset offers it "
                                    "with --asset-field constants.service=" + m_service,
                    assets_source.ref());
    }
    const io::Layer assets_layer = io::read_layer(assets_source, working, io::read_options_for(schema.assets, read));
    const io::Layer zones_layer = io::read_layer(zones_source, working, io::read_options_for(schema.zones, read));
    const model::Estate estate = model::to_estate(assets_layer, schema.assets);
    const model::Population population = model::to_population(zones_layer, schema.zones);

    // The candidates: assets offering the service, less the excluded ones.
    std::optional<coloc::AssetExclusion> exclude;
    if (!m_exclude.empty()) {
        try {
            exclude = coloc::parse_exclusion(m_exclude);
        } catch (const Error &e) {
            throw Error(Errc::argument, "--exclude " + e.problem());
        }
    }
    coloc::ConsolidationRun run =
        coloc::consolidation_run(coloc::consolidation_candidates(estate, assets_layer, m_service, exclude), population);
    std::vector<network::Located> origins;
    for (const model::Zone &z : population.zones) {
        origins.push_back({z.id, z.centroid});
    }
    if (!m_by.empty()) {
        run.by = m_by;
        run.groups = coloc::zone_groups(zones_layer, m_by);
    }
    run.options = consolidation;

    coloc::ConsolidationCosts costs;
    costs.distance = m_within_is_distance;
    costs.speed_kmh = m_speed_kmh;
    costs.threads = m_threads;
    std::optional<network::LoadedNetwork> loaded;
    if (!m_network_source.empty()) {
        costs.max_snap_m = parse_distance(m_max_snap).value();
        loaded.emplace(network::load_network(m_network_source, working, m_network.options(read)));
        costs.roads = &loaded->graph;
    }
    const coloc::ConsolidationMatrix matrix = coloc::consolidation_costs(origins, coloc::asset_points(run), costs);
    run.costs = matrix.description;
    run.cost_unit = matrix.matrix.unit();
    const coloc::ConsolidationResult r = coloc::consolidate(matrix.matrix, run.assets, run.demand, run.groups, consolidation);
    const std::string unit = network::cost_unit_name(run.cost_unit);

    if (!m_output.empty()) {
        const coloc::ConsolidationLayers layers = coloc::consolidation_layers(run, r);
        std::vector<io::OutputLayer> out{layers.assets, layers.zones, layers.moves, layers.groups};
        for (auto &layer : out) {
            layer.style = report::consolidation_style(layer, layer.name);
        }
        io::write_layers(m_output, out,
                         {assets_source.path, zones_source.path,
                          m_network_source.empty() ? std::string() : io::LayerSource::parse(m_network_source).path});
    }

    json out = json::parse(coloc::consolidation_summary_json(run, r));
    out["output"] = m_output.empty() ? json(nullptr) : json(m_output);
    const std::size_t kept = out["kept"], assets = run.assets.size(), closed = out["closed"];
    const coloc::Savings &s = r.savings;
    if (m_json) {
        std::cout << out.dump(2) << "\n";
        return exit_ok;
    }
    std::cout << "keep " << kept << " of " << assets << " " << m_service << " assets ("
              << coloc::solve_status_name(r.solution.status) << ", " << run.costs << "); close " << closed << "\n";
    std::cout << "  savings: GBP " << rounded(s.running_cost_gbp, 0) << " a year running costs ("
              << s.running_cost_missing << " closed without a figure), " << rounded(s.floor_area_m2, 0) << " m2 ("
              << s.floor_area_missing << " without), GBP " << rounded(s.capital_receipts_gbp, 0) << " receipts ("
              << s.value_missing << " without)\n";
    std::cout << "  mean " << unit << " " << rounded(r.overall.mean_cost_before, 1) << " -> "
              << rounded(r.overall.mean_cost_after, 1);
    if (m_cutoff) {
        std::cout << "; within " << m_within << ": " << rounded(100.0 * r.overall.share_within_before, 1) << "% -> "
                  << rounded(100.0 * r.overall.share_within_after, 1) << "%";
    }
    std::cout << "\n";
    if (r.loses_most) {
        std::cout << "  loses most: " << m_by << " " << r.groups[*r.loses_most].group << "\n";
    }
    for (std::size_t k = 0; k < r.moves.size() && k < 20; ++k) {
        std::cout << "  " << r.moves[k].text << "\n";
    }
    if (r.moves.size() > 20) {
        std::cout << "  ... " << r.moves.size() - 20 << " more (--json or -o lists them all)\n";
    }
    if (!m_output.empty()) {
        std::cout << "  written to " << m_output << "\n";
    }
    return exit_ok;
}

} // namespace

std::unique_ptr<Command> make_consolidate_command() { return std::make_unique<ConsolidateCommand>(); }

} // namespace pooled::cli
