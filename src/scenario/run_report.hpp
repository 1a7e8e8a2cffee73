#pragma once
// The estate report of a run (internal to the scenario module), built from what the stages
// left in the RunContext: the estate and zones, the columns they added, their layers and key
// figures. One function per section; a section whose stage did not run is left out.

#include <pooled/report/document.hpp>

#include "scenario/run_context.hpp"

namespace pooled::scenario::detail {

/// The report: the estate in numbers on the title page, then a section per stage result.
report::Report run_report(const RunContext &ctx);

} // namespace pooled::scenario::detail
