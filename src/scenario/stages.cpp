#include "scenario/run_context.hpp"

namespace pooled::scenario::detail {

const std::vector<Stage> &stages() {
    // Order matters only where a stage reads what another added: load first, then the network.
    static const std::vector<Stage> list{load_stage(),          network_stage(),      catchments_stage(),
                                         accessibility_stage(), segmentation_stage(), locate_stage(),
                                         indicators_stage()};
    return list;
}

} // namespace pooled::scenario::detail
