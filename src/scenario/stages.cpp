#include "scenario/run_context.hpp"

namespace pooled::scenario::detail {

const std::vector<Stage> &stages() {
    // Order matters only where a stage reads what another added: load first, then the network.
    static const std::vector<Stage> list{load_stage(),          network_stage(),      catchments_stage(),
                                         accessibility_stage(), segmentation_stage(), locate_stage(),
                                         indicators_stage(),
                                         colocation_stage(),
                                         consolidation_stage()};
    // The report reads every other stage's results, so it comes last whatever is added above.
    static const std::vector<Stage> with_report = [] { auto all = list; all.push_back(report_stage()); return all; }();
    return with_report;
}

} // namespace pooled::scenario::detail
