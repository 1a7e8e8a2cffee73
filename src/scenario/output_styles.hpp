#pragma once
// The QGIS default style of every layer a run writes, chosen in one place so that the layers
// open in QGIS in the report's colours (report/qgis_style.hpp, palette.hpp).

#include <pooled/io/writer.hpp>

#include <vector>

namespace pooled::scenario::detail {

/// Sets the style of each layer that has geometry (tables without geometry have nothing to
/// draw): assets categorised by owner kind; zones graduated by the first access measure, else
/// categorised by top-level segment, else graduated by population; catchments graduated by
/// population (half transparent, as they overlap); the consolidation layers as
/// report::consolidation_style says (kept/closed, change in access, moves; the groups table
/// none); any other layer a single symbol.
void style_layers(std::vector<io::OutputLayer> &layers);

} // namespace pooled::scenario::detail
