#pragma once
/// @file
/// @brief The QGIS default styles of a consolidation's layers (colocation/consolidation_layers.hpp),
/// one place for `pooled consolidate -o` and the run's consolidation stage.

#include <pooled/io/writer.hpp>
#include <pooled/pooled_cxx_export.h>

#include <optional>
#include <string_view>

namespace pooled::report {

/// The style of the consolidation layer `kind` ("assets", "zones", "moves" or "groups", the
/// layer's name without its prefix): assets categorised kept (blue) or closed (red), the ends
/// of the diverging ramp; zones graduated by cost_change (change_style: red where the journey
/// grows); moves as lines in the closed assets' red; nullopt for the groups table (no geometry),
/// another kind, or a layer with nothing to draw.
/// @throws what categorized_style and change_style throw (a layer without the field).
POOLED_CXX_API std::optional<io::LayerStyle> consolidation_style(const io::OutputLayer &layer, std::string_view kind);

} // namespace pooled::report
