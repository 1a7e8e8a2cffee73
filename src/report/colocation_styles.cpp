#include <pooled/report/colocation_styles.hpp>

#include <pooled/report/qgis_style.hpp>

namespace pooled::report {

void style_colocation_layers(colocation::ColocationLayers &layers) {
    layers.groups.style = quantile_style(layers.groups, "score", 5, "colocation groups by score",
                                         "The hub of each co-location group, coloured by its score, 5 quantile classes");
    layers.members.style =
        categorized_style(layers.members, "organisation_kind", owner_kind_categories(), "colocation members by owner",
                          "The members of the co-location groups, coloured by the kind of organisation that owns them");
}

} // namespace pooled::report
