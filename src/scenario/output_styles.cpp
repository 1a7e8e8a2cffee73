#include "scenario/output_styles.hpp"

#include <pooled/report/consolidation_styles.hpp>
#include <pooled/report/palette.hpp>
#include <pooled/report/qgis_style.hpp>

#include <algorithm>
#include <set>

namespace pooled::scenario::detail {

namespace {

constexpr std::string_view consolidation_prefix = "consolidation_";

bool has_field(const io::OutputLayer &layer, const std::string &name) {
    return std::any_of(layer.fields.begin(), layer.fields.end(), [&](const io::FieldDef &f) { return f.name == name; });
}

/// The distinct values of a text field, sorted (segment codes sort in their hierarchy's order).
std::vector<std::string> text_values(const io::OutputLayer &layer, const std::string &field) {
    std::size_t column = 0;
    while (layer.fields[column].name != field) {
        ++column;
    }
    std::set<std::string> values;
    for (const auto &f : layer.features) {
        if (const auto *text = std::get_if<std::string>(&f.values[column])) {
            values.insert(*text);
        }
    }
    return {values.begin(), values.end()};
}

std::optional<io::LayerStyle> zones_style(const io::OutputLayer &zones) {
    for (const auto &field : zones.fields) {
        if (field.name.rfind("access_", 0) == 0) {
            return report::quantile_style(zones, field.name, 5, "zones by " + field.name,
                                          "Zones coloured by " + field.name + ", 5 quantile classes");
        }
    }
    if (has_field(zones, "segment_l1")) {
        const auto codes = text_values(zones, "segment_l1");
        if (!codes.empty()) {
            return report::categorized_style(zones, "segment_l1", report::segment_categories(codes), "zones by segment",
                                             "Zones coloured by their top-level segment");
        }
    }
    return report::quantile_style(zones, "population", 5, "zones by population",
                                  "Zones coloured by their population, 5 quantile classes");
}

std::optional<io::LayerStyle> style_of(const io::OutputLayer &layer) {
    const auto type = report::symbol_type_of(layer);
    if (!type) {
        return std::nullopt;
    }
    if (layer.name == "assets") {
        return report::categorized_style(layer, "organisation_kind", report::owner_kind_categories(), "assets by owner",
                                         "Assets coloured by the kind of organisation that owns them");
    }
    if (layer.name == "zones") {
        return zones_style(layer);
    }
    if (layer.name.starts_with(consolidation_prefix)) {
        return report::consolidation_style(layer, std::string_view(layer.name).substr(consolidation_prefix.size()));
    }
    if (layer.name == "catchments") {
        return report::quantile_style(layer, "population", 5, "catchments by population",
                                      "Catchments coloured by the people inside, 5 quantile classes",
                                      report::SymbolLook{0.5, false});
    }
    // The darkest colour of the report's sequential ramp: visible over the zones' lighter classes.
    return report::layer_style("single symbol", report::single_symbol_qml(*type, report::sequential_ramp(3).back()),
                               "Every feature of " + layer.name + " in one colour");
}

} // namespace

void style_layers(std::vector<io::OutputLayer> &layers) {
    for (auto &layer : layers) {
        if (!layer.style) { // a stage's own style (e.g. from the library) wins
            layer.style = style_of(layer);
        }
    }
}

} // namespace pooled::scenario::detail
