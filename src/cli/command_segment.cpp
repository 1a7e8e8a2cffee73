// pooled segment: a geodemographic classification of zones in the manner of the ONS Output
// Area Classification (percentages, transform, range standardisation, k-means top down), with
// profiles and index scores per segment; `pooled segment assign` puts new zones into a saved one.

#include "cli/command.hpp"
#include "cli/progress_bar.hpp"
#include "cli/segment_zones.hpp"

#include <pooled/io/writer.hpp>
#include <pooled/segmentation/model_file.hpp>
#include <pooled/segmentation/segment.hpp>

#include <nlohmann/json.hpp>

#include <iostream>
#include <sstream>

namespace pooled::cli {

namespace {
using json = nlohmann::ordered_json;

std::vector<std::size_t> parse_levels(const std::string &text) {
    std::vector<std::size_t> ks;
    std::stringstream in(text);
    for (std::string part; std::getline(in, part, ',');) {
        std::size_t used = 0;
        unsigned long k = 0;
        try {
            k = std::stoul(part, &used);
        } catch (const std::exception &) {
            used = 0;
        }
        if (used == 0 || used != part.size() || k == 0) {
            throw Error(Errc::argument, "--levels takes k per level as whole numbers > 0, e.g. 8,3; got '" + text + "'");
        }
        ks.push_back(k);
    }
    return ks;
}

// "+full_time_student 3.12; -owner_occupied -2.05"
std::string distinguishing_text(const segmentation::SegmentProfile &segment, const std::vector<std::string> &names) {
    std::string out;
    for (const auto &d : segment.distinguishing) {
        if (!out.empty()) {
            out += "; ";
        }
        std::ostringstream score;
        score.precision(2);
        score << std::fixed << d.score;
        out += (d.score >= 0 ? "+" : "-") + names[d.variable] + " " + score.str();
    }
    return out;
}

// Legend text of each first-level segment: two of its most distinguishing variables, those
// above average first (what a segment has says more than what it lacks),
// "+full_time_student, -owner_occupied".
std::vector<std::string> top_level_labels(const segmentation::Segmentation &result) {
    const auto &names = result.prepared.matrix.column_names;
    std::vector<std::string> labels;
    for (const auto &segment : result.profiles.front().segments) {
        std::string label;
        std::size_t parts = 0;
        for (const bool above : {true, false}) {
            for (const auto &d : segment.distinguishing) {
                if ((d.score >= 0) == above && parts < 2) {
                    label += (parts++ > 0 ? ", " : "") + std::string(above ? "+" : "-") + names[d.variable];
                }
            }
        }
        labels.push_back(std::move(label));
    }
    return labels;
}

// The segments, profile (mean prepared values) and index tables of every level.
std::vector<io::OutputLayer> profile_tables(const segmentation::Segmentation &result) {
    const auto &names = result.prepared.matrix.column_names;
    io::OutputLayer segments{"segments",
                             std::nullopt,
                             {{"level", io::FieldType::integer},
                              {"code", io::FieldType::string},
                              {"parent", io::FieldType::string},
                              {"zones", io::FieldType::integer},
                              {"population", io::FieldType::real},
                              {"population_share", io::FieldType::real},
                              {"within_ss", io::FieldType::real},
                              {"distinguishing", io::FieldType::string}},
                             {}};
    io::OutputLayer profiles{"segment_profiles", std::nullopt, {{"level", io::FieldType::integer}, {"code", io::FieldType::string}}, {}};
    io::OutputLayer index{"segment_index", std::nullopt, {{"level", io::FieldType::integer}, {"code", io::FieldType::string}}, {}};
    for (const auto &name : names) {
        profiles.fields.push_back({name, io::FieldType::real});
        index.fields.push_back({name, io::FieldType::real});
    }
    for (std::size_t l = 0; l < result.profiles.size(); ++l) {
        const auto &profile = result.profiles[l];
        const auto &level = result.hierarchy.levels[l];
        const auto level_number = static_cast<std::int64_t>(l + 1);
        for (std::size_t s = 0; s < profile.segments.size(); ++s) {
            const auto &sp = profile.segments[s];
            io::Feature row;
            row.values = {level_number,
                          sp.code,
                          result.model.levels[l].segments[s].parent,
                          static_cast<std::int64_t>(sp.zones),
                          rounded(sp.population, 6),
                          rounded(sp.population / profile.population, 9),
                          rounded(level.within_ss_by_segment[s], 6),
                          distinguishing_text(sp, names)};
            segments.features.push_back(std::move(row));
            io::Feature p, x;
            p.values = {level_number, sp.code};
            x.values = {level_number, sp.code};
            for (std::size_t j = 0; j < names.size(); ++j) {
                p.values.emplace_back(rounded(sp.mean_values[j], 9));
                x.values.push_back(real_or_null(sp.index[j], 6));
            }
            profiles.features.push_back(std::move(p));
            index.features.push_back(std::move(x));
        }
    }
    return {segments, profiles, index};
}

json checks_json(const segmentation::PreparedZones &prepared) {
    const auto &names = prepared.matrix.column_names;
    json correlated = json::array();
    for (const auto &pair : prepared.checks.correlated) {
        correlated.push_back({{"variables", {names[pair.first], names[pair.second]}}, {"r", rounded(pair.r, 4)}});
    }
    json zero = json::object();
    for (const auto &z : prepared.checks.zero_denominators) {
        zero[names[z.variable]] = zero.value(names[z.variable], 0) + 1;
    }
    return {{"zero_denominator_zones", prepared.checks.zero_denominators.size()},
            {"zero_denominators_by_variable", zero},
            {"correlated_pairs", correlated}};
}

class SegmentCommand final : public Command {
public:
    const char *name() const override { return "segment"; }
    const char *summary() const override {
        return "Geodemographic segments of zones (OAC-style k-means top down) with profiles and index scores; "
               "'segment assign' puts new zones into a saved model";
    }

    void configure(CLI::App &app) override {
        m_zones.add_to(app);
        add_quiet_flag(app, m_quiet);
        app.add_option("--variables", m_variables,
                       "Variable spec CSV name,numerator,denominator (e.g. share/pooled/oac2021_variables.csv)");
        app.add_option("-k", m_k, "Segments at the first level (the first of --levels)");
        app.add_option("--levels", m_levels, "k per level, top down, e.g. 8,3 (8 supergroups, 3 groups in each)");
        app.add_option("--restarts", m_restarts, "k-means++ restarts per k-means run; the best is kept")
            ->default_str("100")
            ->check(CLI::PositiveNumber);
        app.add_option("--max-iterations", m_max_iterations, "Iteration cap of one restart")
            ->default_str("300")
            ->check(CLI::PositiveNumber);
        app.add_option("--seed", m_seed, "Seed of the restarts")->default_str("42");
        app.add_option("--threads", m_threads, "Worker threads (0 = all cores); results do not depend on it")
            ->default_str("0");
        app.add_option("--transform", m_transform, "ihs (inverse hyperbolic sine, OAC 2021), log1p or none")
            ->default_str("ihs");
        app.add_option("--standardise", m_standardise, "range (0..1, OAC), zscore or none")->default_str("range");
        app.add_option("--correlation-threshold", m_correlation, "Report variable pairs with |r| above this")
            ->default_str("0.9");
        app.add_option("--save-model", m_model_out, "Write the fitted model (JSON) for 'segment assign' and 'profile'");
        app.add_option("-o,--output", m_output,
                       "GeoPackage to write: layers zones (with segment_l1, segment_l2, ...), segments, "
                       "segment_profiles (mean prepared values), segment_index (index scores, 100 = average)");
        app.add_flag("--json", m_json, "Print a machine-readable summary");

        m_assign_app = app.add_subcommand("assign", "Assign zones to the nearest segments of a saved model, level by level");
        m_assign_zones.add_to(*m_assign_app);
        m_assign_app->add_option("--model", m_model_in, "Model file written by 'pooled segment --save-model'")->required();
        m_assign_app->add_option("-o,--output", m_assign_output, "GeoPackage (or .csv, .geojson, .fgb) with the zones");
        m_assign_app->add_flag("--json", m_assign_json, "Print a machine-readable summary");
    }

    int run() override { return m_assign_app->parsed() ? run_assign() : run_segment(); }

private:
    int run_segment();
    int run_assign();

    SegmentZoneOptions m_zones, m_assign_zones;
    std::string m_variables, m_levels, m_transform = "ihs", m_standardise = "range", m_model_out, m_output;
    std::size_t m_k = 0, m_restarts = 100, m_max_iterations = 300;
    std::uint64_t m_seed = 42;
    unsigned m_threads = 0;
    double m_correlation = 0.9;
    bool m_json = false;
    bool m_quiet = false;
    CLI::App *m_assign_app = nullptr;
    std::string m_model_in, m_assign_output;
    bool m_assign_json = false;
};

int SegmentCommand::run_segment() {
    if (m_variables.empty()) {
        throw Error(Errc::argument, "--variables SPEC is required (e.g. share/pooled/oac2021_variables.csv)");
    }
    segmentation::SegmentOptions options;
    options.hierarchy.ks = m_levels.empty() ? std::vector<std::size_t>{} : parse_levels(m_levels);
    if (m_k > 0) {
        if (options.hierarchy.ks.empty()) {
            options.hierarchy.ks = {m_k};
        } else if (options.hierarchy.ks.front() != m_k) {
            throw Error(Errc::argument, "-k " + std::to_string(m_k) + " disagrees with --levels " + m_levels +
                                            " (-k is the first level's k)");
        }
    }
    if (options.hierarchy.ks.empty()) {
        throw Error(Errc::argument, "give the number of segments: -k K or --levels K1,K2");
    }
    options.prepare.transform = segmentation::parse_transform(m_transform);
    options.prepare.standardise = segmentation::parse_standardise(m_standardise);
    options.prepare.correlation_threshold = m_correlation;
    options.hierarchy.kmeans.restarts = m_restarts;
    options.hierarchy.kmeans.max_iterations = m_max_iterations;
    options.hierarchy.kmeans.seed = m_seed;
    options.hierarchy.kmeans.threads = m_threads;

    const auto spec = segmentation::read_variable_spec(m_variables);
    const SegmentZones zones = read_segment_zones(m_zones, spec);
    ProgressBar bar(m_quiet);
    const auto result = segmentation::segment_zones(zones.population, spec, options, bar.progress());

    if (!m_output.empty()) {
        std::vector<std::string> top_codes;
        for (const auto &segment : result.profiles.front().segments) {
            top_codes.push_back(segment.code);
        }
        std::vector<io::OutputLayer> layers{zones_with_codes(zones, result.codes, top_codes, top_level_labels(result))};
        for (auto &table : profile_tables(result)) {
            layers.push_back(std::move(table));
        }
        io::write_layers(m_output, layers, {zones.layer.source().path, m_variables, m_model_out});
    }
    if (!m_model_out.empty()) {
        segmentation::save_model(result.model, m_model_out);
    }

    json levels = json::array();
    for (std::size_t l = 0; l < result.hierarchy.levels.size(); ++l) {
        const auto &level = result.hierarchy.levels[l];
        json sizes = json::array();
        for (const auto &sp : result.profiles[l].segments) {
            sizes.push_back({{"code", sp.code}, {"zones", sp.zones}, {"population", rounded(sp.population, 3)}});
        }
        levels.push_back({{"level", l + 1},
                          {"k", level.k},
                          {"segments", level.codes.size()},
                          {"within_ss", rounded(level.within_ss, 6)},
                          {"converged", level.converged},
                          {"sizes", sizes}});
    }
    json out{{"zones", zones.population.zones.size()},
             {"population", rounded(zones.population.total_population(), 3)},
             {"variables", spec.variables.size()},
             {"transform", m_transform},
             {"standardise", m_standardise},
             {"restarts", m_restarts},
             {"seed", m_seed},
             {"levels", levels},
             {"checks", checks_json(result.prepared)},
             {"output", m_output.empty() ? json(nullptr) : json(m_output)},
             {"model", m_model_out.empty() ? json(nullptr) : json(m_model_out)}};
    if (m_json) {
        std::cout << out.dump(2) << "\n";
        return exit_ok;
    }
    std::cout << zones.population.zones.size() << " zones, " << spec.variables.size() << " variables (" << m_transform
              << ", " << m_standardise << "), " << m_restarts << " restarts, seed " << m_seed << "\n";
    for (const auto &level : levels) {
        std::cout << "  level " << level["level"].get<std::size_t>() << ": " << level["segments"].get<std::size_t>()
                  << " segments, within-SS " << level["within_ss"].get<double>() << "; zones:";
        for (const auto &s : level["sizes"]) {
            std::cout << " " << s["code"].get<std::string>() << "=" << s["zones"].get<std::size_t>();
        }
        std::cout << "\n";
    }
    const auto &checks = result.prepared.checks;
    if (!checks.zero_denominators.empty() || !checks.correlated.empty()) {
        std::cout << "  checks: " << checks.zero_denominators.size() << " zero denominators (percentage set to 0), "
                  << checks.correlated.size() << " variable pairs with |r| > " << m_correlation << " (--json lists them)\n";
    }
    if (!m_output.empty()) {
        std::cout << "  written to " << m_output << "\n";
    }
    if (!m_model_out.empty()) {
        std::cout << "  model saved to " << m_model_out << "\n";
    }
    return exit_ok;
}

int SegmentCommand::run_assign() {
    const auto model = segmentation::load_model(m_model_in);
    const SegmentZones zones = read_segment_zones(m_assign_zones, model.variables);
    const auto prepared = segmentation::prepare_with(zones.population, model.variables, model.preparation);
    const auto codes = segmentation::assign_segments(model, prepared.matrix);
    if (!m_assign_output.empty()) {
        io::write_layers(m_assign_output, {zones_with_codes(zones, codes, segmentation::segment_codes(model).front())},
                         {zones.layer.source().path, m_model_in});
    }
    json levels = json::array();
    const auto all_codes = segmentation::segment_codes(model);
    for (std::size_t l = 0; l < codes.size(); ++l) {
        json sizes = json::array();
        for (const auto &code : all_codes[l]) {
            sizes.push_back({{"code", code}, {"zones", std::count(codes[l].begin(), codes[l].end(), code)}});
        }
        levels.push_back({{"level", l + 1}, {"sizes", sizes}});
    }
    json out{{"zones", zones.population.zones.size()},
             {"model", m_model_in},
             {"levels", levels},
             {"zero_denominator_zones", prepared.checks.zero_denominators.size()},
             {"output", m_assign_output.empty() ? json(nullptr) : json(m_assign_output)}};
    if (m_assign_json) {
        std::cout << out.dump(2) << "\n";
        return exit_ok;
    }
    std::cout << zones.population.zones.size() << " zones assigned to " << codes.size() << " level(s) of "
              << m_model_in << "\n";
    for (const auto &level : levels) {
        std::cout << "  level " << level["level"].get<std::size_t>() << ":";
        for (const auto &s : level["sizes"]) {
            std::cout << " " << s["code"].get<std::string>() << "=" << s["zones"].get<std::ptrdiff_t>();
        }
        std::cout << "\n";
    }
    if (!m_assign_output.empty()) {
        std::cout << "  written to " << m_assign_output << "\n";
    }
    return exit_ok;
}
} // namespace

std::unique_ptr<Command> make_segment_command() { return std::make_unique<SegmentCommand>(); }

} // namespace pooled::cli
