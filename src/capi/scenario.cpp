// Scenario files through the C API: the same load_scenario and run_scenario as `pooled run`,
// so the outputs are the CLI's, byte for byte.
#include "capi/guard.hpp"

#include <pooled/scenario/run.hpp>
#include <pooled/scenario/scenario.hpp>

using namespace pooled;
using namespace pooled::capi;

extern "C" {

pooled_status pooled_scenario_check(pooled_context *ctx, const char *scenario_path) {
    // load_scenario throws one Error listing every problem, which becomes the context's message.
    return guarded(ctx, [&] { scenario::load_scenario(text(scenario_path, "scenario_path")); });
}

pooled_status pooled_scenario_run(pooled_context *ctx, const char *scenario_path, const char *output_dir,
                                  pooled_progress_fn progress, void *progress_data) {
    return guarded(ctx, [&] {
        const scenario::Scenario loaded = scenario::load_scenario(text(scenario_path, "scenario_path"));
        scenario::run_scenario(loaded, output_dir == nullptr ? std::string() : std::string(output_dir),
                               progress_of(progress, progress_data));
    });
}

} // extern "C"
