#include <pooled/report/consolidation_styles.hpp>

#include <pooled/report/palette.hpp>
#include <pooled/report/qgis_style.hpp>

namespace pooled::report {

std::optional<io::LayerStyle> consolidation_style(const io::OutputLayer &layer, std::string_view kind) {
    // Kept blue, closed red (the diverging ramp's ends); zones red where the journey grows.
    const std::vector<Rgb> ends = diverging_ramp(3);
    if (kind == "assets") {
        return categorized_style(layer, "kept", {{"1", "kept", ends.back()}, {"0", "closed", ends.front()}},
                                 "kept or closed", "Assets kept (blue) or closed (red)");
    }
    if (kind == "zones") {
        return change_style(layer, "cost_change", true, "change in access",
                            "Zones by the change of their cost to the nearest kept asset (red: further)");
    }
    if (kind == "moves" && symbol_type_of(layer)) {
        return layer_style("moves", single_symbol_qml(SymbolType::line, ends.front()),
                           "Each closed asset's demand moving to the asset that takes it");
    }
    return std::nullopt;
}

} // namespace pooled::report
