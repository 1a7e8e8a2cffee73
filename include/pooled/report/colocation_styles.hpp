#pragma once
/// @file
/// @brief Default QGIS styles of the co-location layers, the same for `pooled colocate -o` and
/// `pooled run`: the groups' hub points graduated by score (5 quantile classes of the report's
/// sequential ramp), the members categorised by their owner's kind (report/palette.hpp).

#include <pooled/colocation/layers.hpp>
#include <pooled/pooled_cxx_export.h>

namespace pooled::report {

/// Sets the style of the groups and members layers (the excluded list is a table: no style).
/// A layer without features keeps no style.
POOLED_CXX_API void style_colocation_layers(colocation::ColocationLayers &layers);

} // namespace pooled::report
