// pooled access: an accessibility measure per demand zone (floating catchments, gravity,
// cumulative opportunities, spatial availability, Huff, coverage) on a cost matrix from the road
// network, straight-line distances or a file, with its equity overall and by a grouping column.

#include "cli/command.hpp"
#include "cli/layer_options.hpp"
#include "cli/located.hpp"
#include "cli/matrix_inputs.hpp"
#include "cli/network_options.hpp"
#include "cli/progress_bar.hpp"

#include <pooled/accessibility/availability.hpp>
#include <pooled/accessibility/coverage.hpp>
#include <pooled/accessibility/decay.hpp>
#include <pooled/accessibility/equity.hpp>
#include <pooled/accessibility/huff.hpp>
#include <pooled/accessibility/measures.hpp>
#include <pooled/core/units.hpp>
#include <pooled/io/reader.hpp>
#include <pooled/io/schema.hpp>
#include <pooled/io/writer.hpp>
#include <pooled/network/load.hpp>
#include <pooled/network/matrix_file.hpp>
#include <pooled/network/route_matrix.hpp>
#include <pooled/network/straight_line.hpp>
#include <pooled/report/qgis_style.hpp>

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <iostream>
#include <numeric>

namespace pooled::cli {

namespace {
using json = nlohmann::ordered_json;
namespace acc = accessibility;

json number_or_null(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

/// The measure's per-zone columns; `equity` is the one summarised (per head where it applies).
struct MeasureColumns {
    std::vector<std::pair<std::string, std::vector<double>>> real;
    std::vector<std::pair<std::string, std::vector<std::string>>> text;
    std::vector<double> equity;
    std::string equity_name;
    std::vector<std::size_t> zones_reaching_nothing;
    std::size_t sites_without_demand = 0;
    double unallocated_supply = 0.0;
    json extra = json::object();
};

/// The Huff model's attractiveness exponent and decay as fitted to observed users, with the fit.
struct HuffParameters {
    double exponent;
    acc::Decay decay;
    json fit;
};

class AccessCommand final : public Command {
public:
    const char *name() const override { return "access"; }
    const char *summary() const override {
        return "Accessibility per zone (2SFCA, E2SFCA, 3SFCA, gravity, cumulative, spatial availability, Huff, "
               "coverage) with its equity";
    }

    void configure(CLI::App &app) override {
        app.add_option("--measure", m_measure,
                       "2sfca, e2sfca, 3sfca (floating catchments: supply per head), gravity (Hansen), cumulative "
                       "(supply within the cutoff), availability (Soukhov et al. 2023), huff (supply per expected "
                       "user, and expected users per asset), coverage (reaches an asset within the cutoff)")
            ->required()
            ->check(CLI::IsMember({"2sfca", "e2sfca", "3sfca", "gravity", "cumulative", "availability", "huff",
                                   "coverage"}));
        app.add_option("--demand", m_demand, "Demand zones PATH[:LAYER] (points or polygons; with --costs any table)")
            ->required();
        app.add_option("--supply", m_supply, "Supply assets PATH[:LAYER] (with --costs any table)")->required();
        app.add_option("--demand-field", m_demand_field, "Demand column, e.g. population (default: guessed, e.g. "
                                                         "ts0010001)");
        app.add_option("--supply-field", m_supply_field, "Supply column: capacity, floor area, staff hours (default: "
                                                         "the guessed capacity column, else 1 per asset); the Huff "
                                                         "attractiveness");
        app.add_option("--demand-id", m_demand_id, "Demand id column (default: a guessed unique id, else the FID)");
        app.add_option("--supply-id", m_supply_id, "Supply id column (default: as --demand-id)");
        app.add_option("--network", m_network_source, "Costs by road: OSM file, road line layer or edge table");
        app.add_option("--costs", m_costs, "Costs from a file: long CSV origin_id,destination_id,cost (origins = "
                                           "demand ids, destinations = supply ids) or a `pooled matrix` output");
        app.add_flag("--straight-line", m_straight, "Costs as straight-line distances in metres");
        app.add_option("--cost", m_cost, "With --network: seconds or metres")
            ->check(CLI::IsMember({"seconds", "metres"}))
            ->default_str("seconds");
        app.add_option("--cutoff", m_cutoff, "Pairs beyond it do not count (inclusive): 20min, 10km, or a plain number "
                                             "in the matrix's unit");
        app.add_option("--decay", m_decay, "Decay of weight with cost, parameters in the matrix's unit (seconds or "
                                           "metres): step:C, stepped:U=W,..., linear:C, exponential:B, power:E "
                                           "(1/c^E), gaussian:BW, logistic:MID,STEEP");
        m_huff_exponent_option =
            app.add_option("--huff-exponent", m_huff_exponent, "Huff attractiveness exponent")->default_str("1");
        app.add_option("--calibrate-from", m_calibrate_from,
                       "Huff: fit the attractiveness exponent and the decay parameter by maximum likelihood to "
                       "observed users, a table origin_id,destination_id,users (origins = demand ids, destinations "
                       "= supply ids; e.g. patients by home area and practice), then use them");
        app.add_option("--calibrate-decay", m_calibrate_decay, "With --calibrate-from: the decay form fitted, power "
                                                               "(1/c^L) or exponential (exp(-L c))")
            ->check(CLI::IsMember({"power", "exponential"}))
            ->default_str("power");
        app.add_option("--by", m_by, "Summarise by this demand column (e.g. imd19_index_of_multiple_deprivation_imd_decile); "
                                     "when its values are numbers, also the concentration index ranked by it");
        app.add_option("--max-snap", m_max_snap, "With --network: points further from a road are unreachable")
            ->default_str("1km");
        app.add_option("--threads", m_threads, "Threads for --network (default: all cores; the result is the same)");
        app.add_option("-o,--output", m_output, "GeoPackage: layers zones (id, demand, measure), summary (overall "
                                                "and by group), assets (huff)");
        app.add_flag("--json", m_json, "Print a machine-readable summary");
        m_network.add_to(app);
        m_layers.add_to(app);
        add_quiet_flag(app, m_quiet);
    }

    int run() override;

private:
    network::CostMatrix cost_matrix(const io::Layer &demand, const io::Layer &supply, const io::ReadOptions &read,
                                    const crs::WorkingCrs &working);
    std::optional<double> cutoff_in(network::CostUnit unit, bool unit_known) const;
    acc::Decay decay_for(std::optional<double> cutoff) const;
    MeasureColumns measure(const network::CostMatrix &m, const std::vector<double> &demand,
                           const std::vector<double> &supply, std::optional<double> cutoff) const;
    void check_calibration_options() const;
    HuffParameters calibrated_huff(const network::CostMatrix &m, const std::vector<double> &supply,
                                   std::optional<double> cutoff) const;

    std::string m_measure, m_demand, m_supply, m_demand_field, m_supply_field, m_demand_id, m_supply_id;
    std::string m_network_source, m_costs, m_cost = "seconds", m_cutoff, m_decay, m_by, m_max_snap = "1km";
    std::string m_output, m_calibrate_from, m_calibrate_decay = "power";
    double m_huff_exponent = 1.0;
    CLI::Option *m_huff_exponent_option = nullptr;
    bool m_straight = false;
    bool m_unit_known = true;
    bool m_json = false;
    bool m_quiet = false;
    unsigned m_threads = 0;
    std::string m_cost_source;
    std::string m_unit_name;
    NetworkFlags m_network;
    LayerOptions m_layers;
};

std::optional<double> AccessCommand::cutoff_in(network::CostUnit unit, bool unit_known) const {
    return cli::cutoff_in(m_cutoff, unit, unit_known);
}

network::CostMatrix AccessCommand::cost_matrix(const io::Layer &demand, const io::Layer &supply,
                                               const io::ReadOptions &read, const crs::WorkingCrs &working) {
    if (!m_costs.empty()) {
        m_cost_source = "costs";
        const auto origin_ids = layer_ids(demand, m_demand_id);
        const auto destination_ids = layer_ids(supply, m_supply_id);
        // Read without a cutoff: the unit is known only from the file, and the measures apply the cutoff.
        network::MatrixFile file = network::read_matrix_file(io::LayerSource::parse(m_costs), origin_ids, destination_ids);
        m_unit_name = file.unit_known ? network::cost_unit_name(file.matrix.unit()) : "unknown (column '" + file.cost_field + "')";
        m_unit_known = file.unit_known;
        return std::move(file.matrix);
    }
    const auto origins = located_points(demand, m_demand_id);
    const auto destinations = located_points(supply, m_supply_id);
    m_unit_known = true;
    if (m_straight) {
        m_cost_source = "straight-line";
        m_unit_name = "metres";
        return network::straight_line_matrix(origins, destinations, cutoff_in(network::CostUnit::metres, true));
    }
    m_cost_source = "network";
    network::MatrixOptions options;
    options.cost = m_cost == "metres" ? network::Cost::metres : network::Cost::seconds;
    options.cutoff = cutoff_in(m_cost == "metres" ? network::CostUnit::metres : network::CostUnit::seconds, true);
    options.max_snap_m = parse_distance(m_max_snap).value();
    options.threads = m_threads;
    m_unit_name = m_cost;
    const auto loaded = network::load_network(m_network_source, working, m_network.options(read));
    ProgressBar bar(m_quiet);
    return network::route_matrix(loaded.graph, origins, destinations, options, nullptr, bar.progress());
}

acc::Decay AccessCommand::decay_for(std::optional<double> cutoff) const {
    const bool catchment = m_measure == "2sfca" || m_measure == "3sfca" || m_measure == "e2sfca";
    if (!m_decay.empty()) {
        if (m_measure == "cumulative" || m_measure == "coverage") {
            throw Error(Errc::argument, "--decay does not apply to --measure " + m_measure + " (it counts what lies "
                                        "within --cutoff)");
        }
        acc::Decay decay = acc::parse_decay(m_decay);
        if (m_measure == "e2sfca" && !std::holds_alternative<acc::Stepped>(decay)) {
            throw Error(Errc::argument, "--measure e2sfca needs a stepped decay, e.g. --decay stepped:600=1,1200=0.68,1800=0.22");
        }
        return decay;
    }
    if (catchment && cutoff) {
        if (m_measure == "e2sfca") {
            // Luo and Qi (2009): three equal bands up to the catchment size, weights 1, 0.68, 0.22.
            return acc::Stepped({{*cutoff / 3, 1.0}, {*cutoff * 2 / 3, 0.68}, {*cutoff, 0.22}});
        }
        return acc::Step(*cutoff);
    }
    if (catchment) {
        throw Error(Errc::argument, "--measure " + m_measure + " needs --cutoff (the catchment size) or --decay");
    }
    if (m_measure == "cumulative" || m_measure == "coverage") {
        if (!cutoff) {
            throw Error(Errc::argument, "--measure " + m_measure + " needs --cutoff");
        }
        return acc::Step(*cutoff);
    }
    throw Error(Errc::argument, "--measure " + m_measure + " needs --decay, e.g. --decay power:1 or exponential:0.001");
}

MeasureColumns AccessCommand::measure(const network::CostMatrix &m, const std::vector<double> &demand,
                                      const std::vector<double> &supply, std::optional<double> cutoff) const {
    const std::optional<HuffParameters> fitted =
        m_calibrate_from.empty() ? std::nullopt : std::optional(calibrated_huff(m, supply, cutoff));
    const acc::Decay decay = fitted ? fitted->decay : decay_for(cutoff);
    MeasureColumns out;
    const auto reaching_nothing = [&] {
        for (std::size_t i = 0; i < m.origin_count(); ++i) {
            bool reaches = false;
            for (const auto &e : m.row(i)) {
                reaches = reaches || (!cutoff || e.cost <= *cutoff);
            }
            if (!reaches) {
                out.zones_reaching_nothing.push_back(i);
            }
        }
    };
    if (m_measure == "2sfca" || m_measure == "e2sfca" || m_measure == "3sfca") {
        acc::TwoStepResult r = m_measure == "3sfca" ? acc::three_step_fca(m, demand, supply, decay, cutoff)
                                                    : acc::two_step_fca(m, demand, supply, decay, cutoff);
        out.equity = r.access;
        out.real.emplace_back("access", std::move(r.access));
        out.zones_reaching_nothing = std::move(r.zones_reaching_nothing);
        out.sites_without_demand = r.sites_without_demand.size();
        out.unallocated_supply = r.unallocated_supply;
    } else if (m_measure == "gravity") {
        out.equity = acc::gravity(m, supply, decay, cutoff);
        out.real.emplace_back("gravity", out.equity);
        reaching_nothing();
    } else if (m_measure == "cumulative") {
        out.equity = acc::cumulative_opportunities(m, supply, cutoff);
        out.real.emplace_back("opportunities", out.equity);
        reaching_nothing();
    } else if (m_measure == "availability") {
        acc::AvailabilityResult r = acc::spatial_availability(m, demand, supply, decay, cutoff);
        out.equity = r.per_head;
        out.real.emplace_back("availability", std::move(r.availability));
        out.real.emplace_back("availability_per_head", std::move(r.per_head));
        out.zones_reaching_nothing = std::move(r.zones_reaching_nothing);
        out.sites_without_demand = r.sites_without_demand.size();
        out.unallocated_supply = r.unallocated_supply;
    } else if (m_measure == "huff") {
        const double exponent = fitted ? fitted->exponent : m_huff_exponent;
        const acc::HuffResult h = acc::huff(m, demand, supply, exponent, decay, cutoff);
        out.equity = acc::huff_supply_per_head(m, h, supply);
        std::vector<std::string> top_asset(m.origin_count());
        std::vector<double> top_probability(m.origin_count(), 0.0);
        for (std::size_t i = 0; i < m.origin_count(); ++i) {
            const auto p = h.probabilities(i);
            for (std::size_t r = 0; r < p.size(); ++r) {
                if (p[r] > top_probability[i]) { // first of equals: the lowest destination index
                    top_probability[i] = p[r];
                    top_asset[i] = m.destination_ids()[m.row(i)[r].destination];
                }
            }
        }
        out.real.emplace_back("supply_per_head", out.equity);
        out.real.emplace_back("top_probability", std::move(top_probability));
        out.text.emplace_back("top_asset", std::move(top_asset));
        out.zones_reaching_nothing = h.zones_reaching_nothing();
        json assets = json::array();
        for (std::size_t j = 0; j < m.destination_count(); ++j) {
            assets.push_back({{"asset_id", m.destination_ids()[j]}, {"attractiveness", supply[j]},
                              {"expected_users", h.expected_users()[j]}});
        }
        out.extra["huff_exponent"] = exponent;
        if (fitted) {
            out.extra["calibration"] = fitted->fit;
        }
        out.extra["assets"] = std::move(assets);
    } else { // coverage
        acc::CoverageResult r = acc::coverage(m, demand, supply, *cutoff);
        out.equity = r.covered;
        out.real.emplace_back("covered", std::move(r.covered));
        out.extra["covered_demand"] = r.covered_demand;
        out.extra["coverage_share"] = number_or_null(r.share);
        reaching_nothing();
    }
    out.equity_name = out.real.front().first == "availability" ? "availability_per_head" : out.real.front().first;
    if (m_measure != "cumulative" && m_measure != "coverage") {
        out.extra["decay"] = acc::decay_text(decay);
    }
    return out;
}

void AccessCommand::check_calibration_options() const {
    if (m_calibrate_from.empty()) {
        return;
    }
    if (m_measure != "huff") {
        throw Error(Errc::argument, "--calibrate-from fits the Huff model: it needs --measure huff, not " + m_measure);
    }
    if (!m_decay.empty() || m_huff_exponent_option->count() > 0) {
        throw Error(Errc::argument, "--calibrate-from fits the Huff exponent and the decay parameter: leave out "
                                    "--huff-exponent and --decay (choose the decay form with --calibrate-decay)");
    }
}

HuffParameters AccessCommand::calibrated_huff(const network::CostMatrix &m, const std::vector<double> &supply,
                                              std::optional<double> cutoff) const {
    // The observed users are a long table like a cost file, so the matrix-file reader maps their
    // ids onto the layers' (naming the file, row and field of an unknown id or a bad number).
    network::MatrixFileOptions read;
    read.cost_field = "users";
    const network::MatrixFile users =
        network::read_matrix_file(io::LayerSource::parse(m_calibrate_from), m.origin_ids(), m.destination_ids(), read);
    std::vector<acc::ObservedUsers> observed;
    for (std::size_t i = 0; i < users.matrix.origin_count(); ++i) {
        for (const network::MatrixEntry &e : users.matrix.row(i)) {
            observed.push_back({static_cast<std::uint32_t>(i), e.destination, e.cost});
        }
    }
    const bool power = m_calibrate_decay == "power";
    const acc::HuffFit fit = acc::calibrate_huff(m, supply, observed,
                                                 power ? acc::HuffDecayForm::power : acc::HuffDecayForm::exponential, cutoff);
    const json fit_json{{"observed_from", m_calibrate_from},
                        {"observed_pairs", observed.size()},
                        {"observed_users", fit.total_users},
                        {"decay_form", m_calibrate_decay},
                        {"attractiveness_exponent", fit.attractiveness_exponent},
                        {"attractiveness_exponent_se", number_or_null(fit.attractiveness_exponent_se)},
                        {"decay_parameter", fit.decay_parameter},
                        {"decay_parameter_se", number_or_null(fit.decay_parameter_se)},
                        {"log_likelihood", fit.log_likelihood},
                        {"null_log_likelihood", fit.null_log_likelihood},
                        {"pseudo_r2", fit.pseudo_r2},
                        {"iterations", fit.iterations}};
    if (!(fit.decay_parameter > 0.0)) {
        throw Error(Errc::data, "the fitted decay parameter is not positive (" + json(fit.decay_parameter).dump() +
                                    ", attractiveness exponent " + json(fit.attractiveness_exponent).dump() +
                                    "): the observed users do not favour nearer sites, which no decay expresses",
                    io::LayerSource::parse(m_calibrate_from).ref());
    }
    if (power) {
        return {fit.attractiveness_exponent, acc::Power(fit.decay_parameter), fit_json};
    }
    return {fit.attractiveness_exponent, acc::Exponential(fit.decay_parameter), fit_json};
}

json inequality_json(const acc::Inequality &q) {
    return json{{"zones", q.zones},           {"population", q.weight},           {"mean", number_or_null(q.mean)},
                {"minimum", number_or_null(q.minimum)}, {"maximum", number_or_null(q.maximum)},
                {"gini", number_or_null(q.gini)},       {"palma", number_or_null(q.palma)},
                {"theil", number_or_null(q.theil)},     {"concentration", number_or_null(q.concentration)}};
}

int AccessCommand::run() {
    const int sources = int(!m_network_source.empty()) + int(!m_costs.empty()) + int(m_straight);
    if (sources != 1) {
        throw Error(Errc::argument, "give exactly one of --network SOURCE, --costs FILE or --straight-line");
    }
    check_calibration_options();
    io::ReadOptions read = m_layers.read_options();
    const auto demand_source = io::LayerSource::parse(m_demand);
    const auto supply_source = io::LayerSource::parse(m_supply);
    const crs::WorkingCrs working = m_layers.choose_working_crs({demand_source, supply_source}, read);
    m_layers.apply_study_area(read, working);

    // Demand and supply columns: named or guessed; checked as numbers >= 0 while reading, so a
    // negative population is an error naming its feature and field.
    const io::LayerInfo demand_info = io::inspect_layer(demand_source, read);
    const io::LayerInfo supply_info = io::inspect_layer(supply_source, read);
    const std::string demand_field = m_demand_field.empty() ? io::guess_zone_schema(demand_info).population : m_demand_field;
    if (demand_field.empty()) {
        throw Error(Errc::argument, "no population column found; name it with --demand-field FIELD", demand_source.ref());
    }
    const std::string supply_field = m_supply_field.empty() ? io::guess_asset_schema(supply_info).capacity : m_supply_field;
    io::ReadOptions demand_read = read, supply_read = read;
    demand_read.non_negative_fields.push_back(demand_field);
    if (!supply_field.empty()) {
        supply_read.non_negative_fields.push_back(supply_field);
    }
    const io::Layer demand_layer = io::read_layer(demand_source, working, demand_read);
    const io::Layer supply_layer = io::read_layer(supply_source, working, supply_read);
    const std::vector<double> demand = layer_numbers(demand_layer, demand_field);
    const std::vector<double> supply =
        supply_field.empty() ? std::vector<double>(supply_layer.features().size(), 1.0) : layer_numbers(supply_layer, supply_field);
    const double total_supply = std::accumulate(supply.begin(), supply.end(), 0.0);
    if (!(total_supply > 0.0)) {
        throw Error(Errc::data, "the supply is zero everywhere (field '" + supply_field +
                                    "'): every zone's access would be 0 and the equity indices undefined",
                    supply_layer.ref());
    }

    const network::CostMatrix matrix = cost_matrix(demand_layer, supply_layer, read, working);
    const std::optional<double> cutoff = cutoff_in(matrix.unit(), m_unit_known);
    MeasureColumns columns = measure(matrix, demand, supply, cutoff);

    // Groups and the equity summaries.
    std::vector<std::string> groups;
    std::optional<std::vector<double>> rank;
    if (!m_by.empty()) {
        const std::size_t index = demand_layer.require_field(m_by);
        std::vector<double> ranks;
        for (const auto &f : demand_layer.features()) {
            groups.push_back(io::to_text(f.values[index]));
            double value = 0.0;
            const auto &g = groups.back();
            const auto [end, ec] = std::from_chars(g.data(), g.data() + g.size(), value);
            if (!g.empty() && ec == std::errc() && end == g.data() + g.size()) {
                ranks.push_back(value);
            }
        }
        if (ranks.size() == groups.size()) {
            rank = std::move(ranks);
        }
    }
    const acc::Inequality overall =
        acc::inequality(columns.equity, demand, rank ? std::optional<std::span<const double>>(*rank) : std::nullopt);
    const std::vector<acc::GroupSummary> by_group =
        groups.empty() ? std::vector<acc::GroupSummary>{} : acc::summarise_by(columns.equity, demand, groups);

    if (!m_output.empty()) {
        const std::string id_name =
            !m_demand_id.empty() ? m_demand_id
                                 : (!io::guess_zone_schema(demand_info).id.empty() ? io::guess_zone_schema(demand_info).id : "id");
        const auto ids = layer_ids(demand_layer, m_demand_id);
        const bool has_geometry = demand_info.geometry_type != "None";
        io::OutputLayer zones{"zones", has_geometry ? std::optional(working.crs()) : std::nullopt,
                              {{id_name, io::FieldType::string}, {demand_field, io::FieldType::real}}, {}};
        for (const auto &[name, values] : columns.real) {
            zones.fields.push_back({name, io::FieldType::real});
        }
        for (const auto &[name, values] : columns.text) {
            zones.fields.push_back({name, io::FieldType::string});
        }
        if (!m_by.empty()) {
            zones.fields.push_back({m_by, io::FieldType::string});
        }
        for (std::size_t i = 0; i < ids.size(); ++i) {
            io::Feature f;
            if (has_geometry) {
                f.geometry = demand_layer.features()[i].geometry;
            }
            f.values = {ids[i], demand[i]};
            for (const auto &[name, values] : columns.real) {
                f.values.emplace_back(values[i]);
            }
            for (const auto &[name, values] : columns.text) {
                f.values.emplace_back(values[i]);
            }
            if (!m_by.empty()) {
                f.values.emplace_back(groups[i]);
            }
            zones.features.push_back(std::move(f));
        }
        io::OutputLayer summary{"summary", std::nullopt,
                                {{"measure", io::FieldType::string}, {"group_field", io::FieldType::string},
                                 {"group", io::FieldType::string}, {"zones", io::FieldType::integer},
                                 {"population", io::FieldType::real}, {"mean", io::FieldType::real},
                                 {"minimum", io::FieldType::real}, {"maximum", io::FieldType::real},
                                 {"gini", io::FieldType::real}, {"palma", io::FieldType::real},
                                 {"theil", io::FieldType::real}, {"concentration", io::FieldType::real},
                                 {"share_of_total", io::FieldType::real}},
                                {}};
        const auto add_row = [&](const std::string &group, const acc::Inequality &q, double share) {
            io::Feature f;
            const auto real = [](double v) { return std::isfinite(v) ? io::FieldValue(v) : io::FieldValue(); };
            f.values = {columns.equity_name, m_by.empty() || group == "all" ? io::FieldValue() : io::FieldValue(m_by),
                        group, static_cast<std::int64_t>(q.zones), q.weight, real(q.mean), real(q.minimum),
                        real(q.maximum), real(q.gini), real(q.palma), real(q.theil), real(q.concentration), real(share)};
            summary.features.push_back(std::move(f));
        };
        add_row("all", overall, 1.0);
        for (const auto &g : by_group) {
            add_row(g.group, g.within, g.share_of_total);
        }
        zones.style = report::quantile_style(zones, columns.equity_name, 5, "access by quantile",
                                             "Zones coloured by " + columns.equity_name + ", 5 quantile classes");
        std::vector<io::OutputLayer> layers{zones, summary};
        if (columns.extra.contains("assets")) {
            io::OutputLayer assets{"assets", std::nullopt,
                                   {{"asset_id", io::FieldType::string}, {"attractiveness", io::FieldType::real},
                                    {"expected_users", io::FieldType::real}},
                                   {}};
            for (const auto &a : columns.extra["assets"]) {
                io::Feature f;
                f.values = {a["asset_id"].get<std::string>(), a["attractiveness"].get<double>(),
                            a["expected_users"].get<double>()};
                assets.features.push_back(std::move(f));
            }
            layers.push_back(std::move(assets));
        }
        io::write_layers(m_output, layers, {demand_source.path, supply_source.path});
    }

    json nothing_ids = json::array();
    for (std::size_t k = 0; k < columns.zones_reaching_nothing.size() && k < 10; ++k) {
        nothing_ids.push_back(matrix.origin_ids()[columns.zones_reaching_nothing[k]]);
    }
    json out{{"measure", m_measure},
             {"costs", m_cost_source},
             {"cost_unit", m_unit_name},
             {"cutoff", cutoff ? json(*cutoff) : json(nullptr)},
             {"zones", matrix.origin_count()},
             {"assets", matrix.destination_count()},
             {"pairs_stored", matrix.stored()},
             {"demand_field", demand_field},
             {"supply_field", supply_field.empty() ? json(nullptr) : json(supply_field)},
             {"total_demand", std::accumulate(demand.begin(), demand.end(), 0.0)},
             {"total_supply", total_supply},
             {"summarised", columns.equity_name},
             {"zones_reaching_nothing", columns.zones_reaching_nothing.size()},
             {"zones_reaching_nothing_first", nothing_ids},
             {"unreachable_rule", "a zone reaching no asset within the cutoff gets 0 (no access), and counts in the "
                                  "equity indices with 0"},
             {"sites_without_demand", columns.sites_without_demand},
             {"unallocated_supply", columns.unallocated_supply}};
    for (const auto &[key, value] : columns.extra.items()) {
        out[key] = value;
    }
    out["overall"] = inequality_json(overall);
    if (!m_by.empty()) {
        json list = json::array();
        for (const auto &g : by_group) {
            json item = inequality_json(g.within);
            item["share_of_total"] = number_or_null(g.share_of_total);
            list.push_back({{"group", g.group}, {"summary", std::move(item)}});
        }
        out["by"] = {{"field", m_by}, {"concentration_ranked_by_it", rank.has_value()}, {"groups", std::move(list)}};
    }
    out["output"] = m_output.empty() ? json(nullptr) : json(m_output);
    if (m_json) {
        std::cout << out.dump(2) << "\n";
        return exit_ok;
    }
    std::cout << m_measure << " for " << matrix.origin_count() << " zones and " << matrix.destination_count()
              << " assets (" << m_cost_source << ", " << matrix.stored() << " pairs): mean " << columns.equity_name
              << " " << overall.mean << ", Gini " << overall.gini << ", Palma " << overall.palma << ", Theil "
              << overall.theil << "\n";
    if (columns.extra.contains("calibration")) {
        const json &fit = columns.extra["calibration"];
        std::cout << "  fitted to " << fit["observed_users"].get<double>() << " observed users ("
                  << m_calibrate_decay << " decay): attractiveness exponent "
                  << fit["attractiveness_exponent"].get<double>() << ", decay parameter "
                  << fit["decay_parameter"].get<double>() << ", pseudo R2 " << fit["pseudo_r2"].get<double>() << "\n";
    }
    if (!columns.zones_reaching_nothing.empty()) {
        std::cout << "  " << columns.zones_reaching_nothing.size()
                  << " zones reach no asset within the cutoff (their value is 0)\n";
    }
    for (const auto &g : by_group) {
        std::cout << "  " << m_by << " " << g.group << ": " << g.within.zones << " zones, mean " << g.within.mean << "\n";
    }
    if (!m_output.empty()) {
        std::cout << "  written to " << m_output << "\n";
    }
    return exit_ok;
}

} // namespace

std::unique_ptr<Command> make_access_command() { return std::make_unique<AccessCommand>(); }

} // namespace pooled::cli
