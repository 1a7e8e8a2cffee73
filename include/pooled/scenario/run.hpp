#pragma once
/// @file
/// @brief Running a scenario: its stages in order, then one GeoPackage, summary.json and
/// provenance.json written together.
///
/// The stages (load, network, catchments, accessibility, segmentation, locate) run as the
/// scenario asks; each adds columns to the assets and zones layers, layers of its own, and its
/// key figures to the summary. Nothing is written until every stage has finished, and each
/// file is written under a temporary name and renamed into place, so a failed or cancelled run
/// leaves no output (and no half-written one). Outputs carry no timestamps or machine-specific
/// paths: the same scenario and inputs give the same bytes.

#include <pooled/core/progress.hpp>
#include <pooled/pooled_cxx_export.h>
#include <pooled/scenario/scenario.hpp>

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace pooled::scenario {

/// Wall time and memory of one step of a run: a stage, or "outputs" (writing every file).
/// Measured for the caller (`pooled run --timings`); never written to the outputs, which stay
/// the same bytes whatever the machine.
struct StepTiming {
    std::string step;
    double seconds = 0.0; ///< wall-clock time of the step
    /// The process's peak resident memory so far, read when the step ends (getrusage's
    /// ru_maxrss): a step that raised it holds the peak. 0 where the system does not say.
    std::size_t peak_rss_bytes = 0;
};

/// What a run wrote.
struct RunResults {
    std::string geopackage; ///< paths of the files written
    std::string summary;
    std::string provenance;
    std::vector<std::string> documents; ///< report.html, report.pdf when [outputs] report
    /// Layers written to the GeoPackage with their feature counts, in order.
    std::vector<std::pair<std::string, std::size_t>> layers;
    std::vector<std::string> stages; ///< the stages that ran, in order
    std::string summary_json;        ///< the content of summary.json
    std::vector<StepTiming> timings; ///< one per stage that ran, in order, then "outputs"
};

/// Runs the scenario and writes its outputs into `output_dir` (created if missing; empty =
/// the scenario's outputs.directory, else "<scenario directory>/<name>_outputs").
/// Progress is reported in [0,1] with the stage's name; cancelling throws Cancelled and
/// writes nothing.
/// @throws Error as the stages do (naming the input at fault); Errc::io if an output cannot be
///         written (then no output of the run is left behind).
POOLED_CXX_API RunResults run_scenario(const Scenario &scenario, const std::string &output_dir = {},
                                       const Progress &progress = {});

} // namespace pooled::scenario
