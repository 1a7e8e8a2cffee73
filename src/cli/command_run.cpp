// pooled run: a whole analysis from one scenario file (layers, network, catchments,
// accessibility, segmentation, location-allocation) into one GeoPackage with summary.json and
// provenance.json; `pooled run --compare A B` sets two runs' key figures side by side.

#include "cli/command.hpp"
#include "cli/progress_bar.hpp"

#include <pooled/scenario/compare.hpp>
#include <pooled/scenario/run.hpp>
#include <pooled/scenario/scenario.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <iostream>

namespace pooled::cli {

namespace {
using json = nlohmann::ordered_json;

std::string number_text(const std::optional<double> &value) {
    if (!value) {
        return "-";
    }
    char text[32];
    std::snprintf(text, sizeof text, "%.6g", *value);
    return text;
}

json number_json(const std::optional<double> &value) { return value ? json(*value) : json(nullptr); }

class RunCommand final : public Command {
public:
    const char *name() const override { return "run"; }
    const char *summary() const override {
        return "Run a scenario file (layers, catchments, access, segments, location-allocation) into one GeoPackage "
               "with summary.json and provenance.json; --compare A B contrasts two runs";
    }

    void configure(CLI::App &app) override {
        app.add_option("scenario", m_scenario, "Scenario file (TOML); see README.md, 'pooled run'");
        app.add_option("-o,--output", m_output, "Output directory (default: the scenario's outputs.directory, else "
                                                "<scenario name>_outputs beside the scenario file)");
        app.add_option("--compare", m_compare, "Two output directories of earlier runs, A (before) and B (after): "
                                               "their key figures and the differences")
            ->expected(2);
        app.add_flag("--json", m_json, "Print a machine-readable summary");
        app.add_flag("--timings", m_timings, "Print each stage's wall time and the process's peak memory on stderr "
                                             "(the output files are the same bytes with or without)");
        add_quiet_flag(app, m_quiet);
    }

    int run() override {
        if (!m_compare.empty()) {
            if (!m_scenario.empty()) {
                throw Error(Errc::argument, "give either a scenario file or --compare A B, not both");
            }
            return compare();
        }
        if (m_scenario.empty()) {
            throw Error(Errc::argument, "give a scenario file: pooled run scenario.toml (or --compare A B)");
        }
        const scenario::Scenario scenario = scenario::load_scenario(m_scenario);
        ProgressBar bar(m_quiet);
        const scenario::RunResults results = scenario::run_scenario(scenario, m_output, bar.progress());
        if (m_timings) {
            print_timings(results.timings);
        }
        if (m_json) {
            json layers = json::object();
            for (const auto &[layer, count] : results.layers) {
                layers[layer] = count;
            }
            json out{{"scenario", scenario.name},
                     {"stages", results.stages},
                     {"outputs", {{"geopackage", results.geopackage}, {"summary", results.summary},
                                  {"provenance", results.provenance}, {"documents", results.documents}}},
                     {"layers", layers},
                     {"summary", json::parse(results.summary_json)}};
            std::cout << out.dump(2) << "\n";
            return exit_ok;
        }
        std::string stages;
        for (const auto &stage : results.stages) {
            stages += (stages.empty() ? "" : ", ") + stage;
        }
        std::cout << scenario.name << ": " << results.stages.size() << " stages (" << stages << ")\n";
        for (const auto &[layer, count] : results.layers) {
            std::cout << "  layer " << layer << ": " << count << " features\n";
        }
        std::cout << "  written: " << results.geopackage << "\n           " << results.summary << "\n           "
                  << results.provenance << "\n";
        for (const auto &document : results.documents) {
            std::cout << "           " << document << "\n";
        }
        return exit_ok;
    }

private:
    // One line a step, "timing STEP SECONDS s, peak MIB MiB", then the total, so that scripts
    // (bench/national) read them with a pattern.
    static void print_timings(const std::vector<scenario::StepTiming> &timings) {
        double total = 0.0;
        std::size_t peak = 0;
        char line[160];
        for (const auto &t : timings) {
            total += t.seconds;
            peak = std::max(peak, t.peak_rss_bytes);
            std::snprintf(line, sizeof line, "timing %-14s %10.3f s, peak %8.1f MiB\n", t.step.c_str(), t.seconds,
                          static_cast<double>(t.peak_rss_bytes) / (1024.0 * 1024.0));
            std::cerr << line;
        }
        std::snprintf(line, sizeof line, "timing %-14s %10.3f s, peak %8.1f MiB\n", "total", total,
                      static_cast<double>(peak) / (1024.0 * 1024.0));
        std::cerr << line;
    }

    int compare() const {
        const auto changes = scenario::compare_runs(m_compare[0], m_compare[1]);
        if (m_json) {
            json rows = json::array();
            for (const auto &c : changes) {
                rows.push_back({{"figure", c.figure},
                                {"before", number_json(c.before)},
                                {"after", number_json(c.after)},
                                {"difference", number_json(c.difference())}});
            }
            std::cout << json{{"before", m_compare[0]}, {"after", m_compare[1]}, {"figures", rows}}.dump(2) << "\n";
            return exit_ok;
        }
        std::size_t width = 6;
        for (const auto &c : changes) {
            width = std::max(width, c.figure.size());
        }
        char line[512];
        std::snprintf(line, sizeof line, "%-*s %14s %14s %14s\n", static_cast<int>(width), "figure", "before", "after",
                      "difference");
        std::cout << "before: " << m_compare[0] << "\nafter:  " << m_compare[1] << "\n" << line;
        for (const auto &c : changes) {
            std::snprintf(line, sizeof line, "%-*s %14s %14s %14s\n", static_cast<int>(width), c.figure.c_str(),
                          number_text(c.before).c_str(), number_text(c.after).c_str(),
                          number_text(c.difference()).c_str());
            std::cout << line;
        }
        return exit_ok;
    }

    std::string m_scenario;
    std::string m_output;
    std::vector<std::string> m_compare;
    bool m_json = false;
    bool m_timings = false;
    bool m_quiet = false;
};
} // namespace

std::unique_ptr<Command> make_run_command() { return std::make_unique<RunCommand>(); }

} // namespace pooled::cli
