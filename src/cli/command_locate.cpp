// pooled locate: location-allocation on a cost matrix from a file (a long CSV, a `pooled matrix`
// output or an OR-Library p-median instance): p-median, p-center, maximal covering, set
// covering, backup covering, capacitated p-median and capacitated facility location, with the
// proved bound and gap of every answer.

#include "cli/command.hpp"
#include "cli/layer_options.hpp"
#include "cli/located.hpp"
#include "cli/matrix_inputs.hpp"
#include "cli/output_values.hpp"

#include <pooled/colocation/capacitated.hpp>
#include <pooled/colocation/covering.hpp>
#include <pooled/colocation/orlib.hpp>
#include <pooled/colocation/pcenter.hpp>
#include <pooled/colocation/pmedian.hpp>
#include <pooled/core/units.hpp>
#include <pooled/io/reader.hpp>
#include <pooled/network/matrix_file.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <iomanip>
#include <iostream>
#include <numeric>
#include <unordered_set>

namespace pooled::cli {

namespace {
using json = nlohmann::ordered_json;
namespace col = colocation;

constexpr const char *orlib_prefix = "orlib:";

/// The problems: what each needs and how its objective reads.
struct Problem {
    const char *name;
    const char *title;
    bool needs_p;
    bool covering;  ///< --cutoff is the service distance (required), not a limit on the pairs
    bool maximise;
    bool has_exact;
};

const Problem problems[] = {
    {"pmedian", "p-median", true, false, false, true},
    {"pcenter", "p-center", true, false, false, false},
    {"mclp", "maximal covering", true, true, true, true},
    {"lscp", "set covering", false, true, false, true},
    {"lscpb", "backup covering", false, true, true, false},
    {"cpmp", "capacitated p-median", true, false, false, true},
    {"cflp", "capacitated facility location", false, false, false, true},
};

const Problem &problem_named(const std::string &name) {
    for (const Problem &p : problems) {
        if (name == p.name) {
            return p;
        }
    }
    throw Error(Errc::argument, "unknown problem '" + name + "'");
}

/// The ids of one column of a long cost table, in the order they first appear.
std::vector<std::string> ids_in_file(const io::Layer &table, const char *column) {
    const std::size_t index = table.require_field(column);
    std::vector<std::string> ids;
    std::unordered_set<std::string> seen;
    for (const auto &f : table.features()) {
        std::string id = io::to_text(f.values[index]);
        if (!id.empty() && seen.insert(id).second) {
            ids.push_back(std::move(id));
        }
    }
    return ids;
}

/// The matrix without the pairs beyond the cutoff (they cannot serve).
network::CostMatrix within(const network::CostMatrix &m, double cutoff) {
    std::vector<std::vector<network::MatrixEntry>> rows(m.origin_count());
    for (std::size_t o = 0; o < m.origin_count(); ++o) {
        for (const auto &e : m.row(o)) {
            if (e.cost <= cutoff) {
                rows[o].push_back(e);
            }
        }
    }
    return network::CostMatrix(m.origin_ids(), m.destination_ids(), m.unit(), m.other_unit(), cutoff, std::move(rows));
}

class LocateCommand final : public Command {
public:
    const char *name() const override { return "locate"; }
    const char *summary() const override {
        return "Location-allocation on a cost matrix (p-median, p-center, MCLP, LSCP, backup covering, capacitated) "
               "with a proved bound and gap";
    }

    void configure(CLI::App &app) override {
        app.add_option("--problem", m_problem,
                       "pmedian (least total demand x cost), pcenter (least largest cost), mclp (most demand "
                       "within --cutoff), lscp (fewest sites covering every origin within --cutoff), lscpb (backup "
                       "covering, strict: origins covered twice), cpmp (capacitated p-median), cflp (capacitated "
                       "facility location with opening costs)")
            ->required()
            ->check(CLI::IsMember({"pmedian", "pcenter", "mclp", "lscp", "lscpb", "cpmp", "cflp"}));
        app.add_option("--costs", m_costs, "Cost matrix: a long CSV origin_id,destination_id,cost, a `pooled matrix` "
                                           "output, or orlib:FILE (an OR-Library p-median instance)")
            ->required();
        app.add_option("-p", m_p, "Sites to open (pmedian, pcenter, mclp, cpmp; an OR-Library file gives its own)");
        app.add_option("--cutoff", m_cutoff, "Covering problems: the service distance or time (inclusive); others: "
                                             "pairs beyond it cannot serve. 20min, 5km, or a plain number in the "
                                             "matrix's unit");
        app.add_option("--cost-field", m_cost_field, "The matrix file's cost column (default: cost, else seconds, else "
                                                     "metres)");
        app.add_option("--demand", m_demand, "Demand points PATH[:LAYER] whose ids are the matrix's origins (any "
                                             "table; default: the origins of the file, demand 1 each)");
        app.add_option("--demand-id", m_demand_id, "Demand id column (default: a guessed unique id, else the FID)");
        app.add_option("--demand-field", m_demand_field, "Demand column of --demand (default: 1 per origin)");
        app.add_option("--candidates", m_candidates, "Candidate sites PATH[:LAYER] whose ids are the matrix's "
                                                     "destinations (default: the destinations of the file)");
        app.add_option("--candidate-id", m_candidate_id, "Candidate id column (default: as --demand-id)");
        app.add_option("--capacity-field", m_capacity_field, "Capacity column of --candidates, in demand units (cpmp, "
                                                             "cflp)");
        app.add_option("--opening-cost-field", m_opening_field, "Opening cost column of --candidates (cflp)");
        app.add_flag("--exact", m_exact, "Solve exactly with COIN-OR CBC (warm-started; within --time-limit)");
        app.add_option("--time-limit", m_time_limit, "With --exact: wall-clock limit, e.g. 60s, 5min")
            ->default_str("60s");
        app.add_option("--seed", m_seed, "Seed of the heuristics (the answer is a function of the input and the seed)")
            ->default_str("1");
        app.add_option("--threads", m_threads, "Threads (default: all cores; the answer is the same)");
        app.add_flag("--json", m_json, "Print a machine-readable summary");
        m_layers.add_to(app);
    }

    int run() override;

private:
    /// The matrix, its origin and destination layers (if given) and whether its unit is known.
    network::CostMatrix read_costs();
    std::vector<double> column_or(const std::optional<io::Layer> &layer, const std::string &field, std::size_t count,
                                  double fallback) const;

    std::string m_problem, m_costs, m_cutoff, m_cost_field, m_demand, m_demand_id, m_demand_field;
    std::string m_candidates, m_candidate_id, m_capacity_field, m_opening_field, m_time_limit = "60s";
    std::optional<std::size_t> m_p;
    std::uint64_t m_seed = 1;
    unsigned m_threads = 0;
    bool m_exact = false;
    bool m_json = false;
    LayerOptions m_layers;

    std::optional<io::Layer> m_demand_layer, m_candidate_layer;
    std::optional<std::size_t> m_file_p; // an OR-Library instance's p
    bool m_unit_known = false;
    std::string m_unit_name;
};

network::CostMatrix LocateCommand::read_costs() {
    if (m_costs.rfind(orlib_prefix, 0) == 0) {
        if (!m_demand.empty() || !m_candidates.empty()) {
            throw Error(Errc::argument, "an OR-Library instance has its own vertices (every one a demand point of "
                                        "weight 1 and a candidate): --demand and --candidates do not apply");
        }
        col::OrlibPMedian instance = col::read_orlib_pmedian(m_costs.substr(std::string(orlib_prefix).size()), m_threads);
        m_file_p = instance.p;
        m_unit_name = "unknown (OR-Library costs)";
        return std::move(instance.costs);
    }
    io::ReadOptions read = m_layers.read_options();
    std::vector<io::LayerSource> sources;
    for (const std::string *layer : {&m_demand, &m_candidates}) {
        if (!layer->empty()) {
            sources.push_back(io::LayerSource::parse(*layer));
        }
    }
    const crs::WorkingCrs working = sources.empty() ? crs::WorkingCrs::british_national_grid()
                                                    : m_layers.choose_working_crs(sources, read);
    // Demand, capacities and opening costs are checked as numbers >= 0 while reading, so a bad
    // one is an error naming its feature and field.
    const auto checked = [&](std::vector<const std::string *> fields) {
        io::ReadOptions options = read;
        for (const std::string *field : fields) {
            if (!field->empty()) {
                options.non_negative_fields.push_back(*field);
            }
        }
        return options;
    };
    if (!m_demand.empty()) {
        m_demand_layer = io::read_layer(io::LayerSource::parse(m_demand), working, checked({&m_demand_field}));
    }
    if (!m_candidates.empty()) {
        m_candidate_layer = io::read_layer(io::LayerSource::parse(m_candidates), working,
                                           checked({&m_capacity_field, &m_opening_field}));
    }
    const io::LayerSource costs_source = io::LayerSource::parse(m_costs);
    std::vector<std::string> origin_ids, destination_ids;
    if (!m_demand_layer || !m_candidate_layer) {
        // Ids the layers do not give come from the file itself, in the order they first appear.
        io::ReadOptions table_read;
        table_read.check_area = false;
        table_read.allow_empty = true;
        const io::Layer table = io::read_layer(costs_source, crs::WorkingCrs::british_national_grid(), table_read);
        origin_ids = ids_in_file(table, "origin_id");
        destination_ids = ids_in_file(table, "destination_id");
    }
    if (m_demand_layer) {
        origin_ids = layer_ids(*m_demand_layer, m_demand_id);
    }
    if (m_candidate_layer) {
        destination_ids = layer_ids(*m_candidate_layer, m_candidate_id.empty() ? m_demand_id : m_candidate_id);
    }
    network::MatrixFileOptions options;
    options.cost_field = m_cost_field;
    network::MatrixFile file = network::read_matrix_file(costs_source, origin_ids, destination_ids, options);
    m_unit_known = file.unit_known;
    m_unit_name = file.unit_known ? network::cost_unit_name(file.matrix.unit()) : "unknown (column '" + file.cost_field + "')";
    return std::move(file.matrix);
}

std::vector<double> LocateCommand::column_or(const std::optional<io::Layer> &layer, const std::string &field,
                                             std::size_t count, double fallback) const {
    if (field.empty()) {
        return std::vector<double>(count, fallback);
    }
    return layer_numbers(*layer, field);
}

int LocateCommand::run() {
    const Problem &problem = problem_named(m_problem);
    if (!m_demand_field.empty() && m_demand.empty()) {
        throw Error(Errc::argument, "--demand-field needs --demand LAYER (the demand points whose ids are the origins)");
    }
    for (const std::string *field : {&m_capacity_field, &m_opening_field}) {
        if (!field->empty() && m_candidates.empty()) {
            throw Error(Errc::argument, "--capacity-field and --opening-cost-field need --candidates LAYER (the sites "
                                        "whose ids are the destinations)");
        }
    }
    if ((m_problem == "cpmp" || m_problem == "cflp") && m_capacity_field.empty()) {
        throw Error(Errc::argument, "--problem " + m_problem + " needs --candidates LAYER --capacity-field FIELD");
    }
    if (m_problem == "cflp" && m_opening_field.empty()) {
        throw Error(Errc::argument, "--problem cflp needs --opening-cost-field FIELD (of --candidates)");
    }
    if (m_exact && !problem.has_exact) {
        throw Error(Errc::argument, "--problem " + m_problem + " has no exact mode (its answer reports the proved gap)");
    }
    if (!problem.needs_p && m_p) {
        throw Error(Errc::argument, "-p does not apply to --problem " + m_problem + " (it chooses how many sites)");
    }

    network::CostMatrix matrix = read_costs();
    const std::optional<double> cutoff = cutoff_in(m_cutoff, matrix.unit(), m_unit_known);
    if (problem.covering && !cutoff) {
        throw Error(Errc::argument, "--problem " + m_problem + " needs --cutoff (the service distance or time)");
    }
    if (cutoff && !problem.covering) {
        matrix = within(matrix, *cutoff);
    }
    std::size_t p = 0;
    if (problem.needs_p) {
        if (!m_p && !m_file_p) {
            throw Error(Errc::argument, "--problem " + m_problem + " needs -p N (the number of sites to open)");
        }
        p = m_p ? *m_p : *m_file_p;
    }
    const std::vector<double> demand = column_or(m_demand_layer, m_demand_field, matrix.origin_count(), 1.0);
    const std::vector<double> capacity = column_or(m_candidate_layer, m_capacity_field, matrix.destination_count(), 0.0);
    const std::vector<double> opening = column_or(m_candidate_layer, m_opening_field, matrix.destination_count(), 0.0);
    col::ExactOptions exact;
    exact.time_limit_s = parse_duration(m_time_limit, "s").value();

    col::Solution solution;
    if (m_problem == "pmedian") {
        col::PMedianOptions o;
        o.p = p;
        o.seed = m_seed;
        o.threads = m_threads;
        solution = m_exact ? col::solve_pmedian_exact(matrix, demand, o, exact) : col::solve_pmedian(matrix, demand, o);
    } else if (m_problem == "pcenter") {
        col::PCenterOptions o;
        o.p = p;
        o.seed = m_seed;
        o.threads = m_threads;
        solution = col::solve_pcenter(matrix, demand, o);
    } else if (m_problem == "mclp") {
        col::MclpOptions o;
        o.p = p;
        o.service_cost = *cutoff;
        o.seed = m_seed;
        o.threads = m_threads;
        solution = m_exact ? col::solve_mclp_exact(matrix, demand, o, exact) : col::solve_mclp(matrix, demand, o);
    } else if (m_problem == "lscp" || m_problem == "lscpb") {
        col::SetCoveringOptions o;
        o.service_cost = *cutoff;
        o.seed = m_seed;
        o.threads = m_threads;
        solution = m_problem == "lscpb" ? col::solve_backup_covering(matrix, o)
                   : m_exact            ? col::solve_lscp_exact(matrix, o, exact)
                                        : col::solve_lscp(matrix, o);
    } else {
        col::CapacitatedOptions o;
        o.capacity = capacity;
        o.seed = m_seed;
        o.threads = m_threads;
        if (m_problem == "cpmp") {
            solution = m_exact ? col::solve_capacitated_pmedian_exact(matrix, demand, p, o, exact)
                               : col::solve_capacitated_pmedian(matrix, demand, p, o);
        } else {
            solution = m_exact ? col::solve_capacitated_facility_location_exact(matrix, demand, opening, o, exact)
                               : col::solve_capacitated_facility_location(matrix, demand, opening, o);
        }
    }

    const double total_demand = std::accumulate(demand.begin(), demand.end(), 0.0);
    json selected = json::array();
    for (const auto site : solution.selected) {
        selected.push_back(matrix.destination_ids()[site]);
    }
    std::size_t unserved = 0;
    for (std::size_t o = 0; o < solution.assignment.size(); ++o) {
        unserved += solution.assignment[o] == col::no_site && demand[o] > 0.0 ? 1 : 0;
    }
    const bool solved = solution.status == col::SolveStatus::optimal || solution.status == col::SolveStatus::feasible;
    json out{{"problem", m_problem},
             {"costs", m_costs},
             {"cost_unit", m_unit_name},
             {"origins", matrix.origin_count()},
             {"sites", matrix.destination_count()},
             {"pairs_stored", matrix.stored()},
             {"p", problem.needs_p ? json(p) : json(nullptr)},
             {"cutoff", cutoff ? json(*cutoff) : json(nullptr)},
             {"demand_field", m_demand_field.empty() ? json(nullptr) : json(m_demand_field)},
             {"total_demand", total_demand},
             {"exact", m_exact},
             {"seed", m_seed},
             {"status", col::solve_status_name(solution.status)},
             {"sense", problem.maximise ? "maximise" : "minimise"},
             {"objective", solved ? json_number(solution.objective, 9) : json(nullptr)},
             {"lower_bound", problem.maximise ? json(nullptr) : json_number(solution.bound, 9)},
             {"upper_bound", problem.maximise ? json_number(solution.bound, 9) : json(nullptr)},
             {"gap", solved ? json_number(solution.gap, 12) : json(nullptr)},
             {"selected", selected}};
    if (m_problem == "pmedian" || m_problem == "cpmp") {
        out["mean_cost"] = solved && total_demand > 0.0 ? json_number(solution.objective / total_demand, 9) : json(nullptr);
    }
    if (m_problem == "mclp") {
        out["origins_uncovered"] = unserved;
        out["covered_share"] = total_demand > 0.0 ? json_number(solution.objective / total_demand, 12) : json(nullptr);
    }
    out["seconds"] = rounded(solution.seconds, 3);
    if (m_json) {
        std::cout << out.dump(2) << "\n";
        return exit_ok;
    }
    std::cout << problem.title << " on " << matrix.origin_count() << " origins x " << matrix.destination_count()
              << " sites (" << matrix.stored() << " pairs): " << col::solve_status_name(solution.status);
    if (solved) {
        std::cout << ", objective " << std::setprecision(12) << solution.objective;
        if (std::isfinite(solution.bound)) {
            std::cout << " (" << (problem.maximise ? "upper" : "lower") << " bound " << solution.bound << ", gap "
                      << std::setprecision(3) << 100.0 * solution.gap << "%)";
        }
    }
    std::cout << std::setprecision(3) << " in " << solution.seconds << " s\n";
    if (out.contains("mean_cost") && !out["mean_cost"].is_null()) {
        std::cout << "  mean cost per unit of demand " << std::setprecision(10) << out["mean_cost"].get<double>() << "\n";
    }
    if (m_problem == "mclp") {
        std::cout << "  " << unserved << " of " << matrix.origin_count() << " origins not covered\n";
    }
    std::cout << "  selected (" << solution.selected.size() << "):";
    for (std::size_t k = 0; k < solution.selected.size(); ++k) {
        std::cout << (k == 0 ? " " : ", ") << matrix.destination_ids()[solution.selected[k]];
    }
    std::cout << "\n";
    return exit_ok;
}
} // namespace

std::unique_ptr<Command> make_locate_command() { return std::make_unique<LocateCommand>(); }

} // namespace pooled::cli
