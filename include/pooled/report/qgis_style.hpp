#pragma once
/// @file
/// @brief QGIS styles (QML) for pooled's output layers, in the colours of the report
/// (palette.hpp), so a GeoPackage opens in QGIS looking like the report's maps.
///
/// The documents are QGIS "renderer-v2" styles of the three usual kinds: a single symbol,
/// categories of a field's values, graduated classes of a numeric field. They carry the
/// symbology only (styleCategories="Symbology"); each symbol layer's properties are written
/// both as an `<Option type="Map">` and as the older `<prop k= v=>` pairs, as QGIS 3.22 itself
/// writes them, so QGIS 3.x reads them whichever it prefers.
///
/// Typical use:
/// ```cpp
/// io::OutputLayer zones = ...;                        // with a real field "access"
/// const auto ranges = report::graduated_ranges(report::quantile_bounds(scores, 5));
/// zones.style = report::layer_style("access", report::graduated_qml(report::SymbolType::fill, "access", ranges),
///                                   "Access score, 5 quantile classes");
/// io::write_layers("access.gpkg", {zones});          // the style goes to layer_styles
/// ```

#include <pooled/io/writer.hpp>
#include <pooled/pooled_cxx_export.h>
#include <pooled/report/palette.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace pooled::report {

/// What a layer's features are drawn as: points as markers, lines, polygons as fills.
enum class SymbolType { marker, line, fill };

/// The symbol type for a layer's geometries (points marker, lines line, polygons fill), or
/// nullopt for a table without geometry or with mixed families.
POOLED_CXX_API std::optional<SymbolType> symbol_type_of(const io::OutputLayer &layer);

/// How symbols are drawn beyond their colour.
struct SymbolLook {
    /// Opacity of the fill or marker colour, 0..1: below 1 for polygons that overlap
    /// (catchments), so the ones beneath show through. DEFAULT 1.
    double opacity = 1.0;
    /// Fills only: draw the outline in the class colour and leave the inside empty. DEFAULT false.
    bool outline_only = false;
};

/// One category of a categorised style: features whose field equals `value` (compared as
/// text) are drawn in `colour` and listed in the legend as `label`.
struct QgisCategory {
    std::string value;
    std::string label;
    Rgb colour;
};

/// One class of a graduated style: features with lower <= value <= upper (QGIS's rule; the
/// first class that matches wins), drawn in `colour`.
struct QgisRange {
    double lower = 0.0;
    double upper = 0.0;
    std::string label;
    Rgb colour;
};

/// Every feature in one colour.
POOLED_CXX_API std::string single_symbol_qml(SymbolType type, Rgb colour, const SymbolLook &look = {});

/// Features coloured by the value of `field`, one category each; values in no category are
/// not drawn (as in QGIS).
/// @throws Error (Errc::argument) for an empty field name, no categories or a repeated value.
POOLED_CXX_API std::string categorized_qml(SymbolType type, const std::string &field,
                                           const std::vector<QgisCategory> &categories, const SymbolLook &look = {});

/// Features coloured by the class of the numeric `field`.
/// @throws Error (Errc::argument) for an empty field name, no ranges, a range with lower >
///         upper or a bound that is not finite.
POOLED_CXX_API std::string graduated_qml(SymbolType type, const std::string &field,
                                         const std::vector<QgisRange> &ranges, const SymbolLook &look = {});

/// One category per organisation kind (value organisation_kind_name, e.g. "nhs"; label as
/// people write it, e.g. "NHS"; colour organisation_colour), in the kinds' order.
POOLED_CXX_API std::vector<QgisCategory> owner_kind_categories();

/// One category per segment code, coloured segment_colour(i) for the i-th code, so the layer
/// matches the report's segment map. `labels` (empty, or one per code) are the legend's text
/// after the code: "1: students, renting".
/// @throws Error (Errc::argument) if labels has another size than codes.
POOLED_CXX_API std::vector<QgisCategory> segment_categories(const std::vector<std::string> &codes,
                                                            const std::vector<std::string> &labels = {});

/// Classes between consecutive `bounds` (ascending, at least two), coloured from
/// sequential_ramp(classes), light for low values; labels "lower - upper" with the bounds as
/// given by `decimals` places.
/// @throws Error (Errc::argument) for fewer than two bounds, bounds that are not finite or
///         decrease, or more than 9 classes (the ramp's length).
POOLED_CXX_API std::vector<QgisRange> graduated_ranges(const std::vector<double> &bounds, int decimals = 2);

/// Class bounds that put about the same number of the finite `values` in each of `classes`
/// classes (quantiles, the type-7 rule of R and numpy: linear between order statistics), from
/// the minimum to the maximum. Bounds that coincide are merged, so fewer classes come back when
/// values repeat; empty if no value is finite.
POOLED_CXX_API std::vector<double> quantile_bounds(std::vector<double> values, std::size_t classes);

/// A graduated style of the layer's own `field` in up to `classes` quantile classes
/// (quantile_bounds of its finite values), drawn for the layer's geometry (symbol_type_of);
/// labels have 0 decimals for a spread of 100 or more, 2 from 1, else 4.
/// @returns nullopt for a layer without one geometry family or without a finite value.
/// @throws Error (Errc::argument) naming the layer if it has no field `field`; (Errc::data)
///         naming the feature and field for a value that is not a number.
POOLED_CXX_API std::optional<io::LayerStyle> quantile_style(const io::OutputLayer &layer, const std::string &field,
                                                            std::size_t classes, const std::string &name,
                                                            const std::string &description, const SymbolLook &look = {});

/// A before/after style of the layer's numeric `field` (a change): 5 classes symmetric about 0
/// over the largest absolute finite value m (bounds -m, -0.6m, -0.2m, 0.2m, 0.6m, m), coloured
/// from diverging_ramp(5) with the pale middle class for little change. Increases are drawn
/// red (a loss) if `increase_is_loss` (e.g. a longer journey), else blue.
/// @returns nullopt for a layer without one geometry family or without a finite value.
/// @throws what quantile_style throws.
POOLED_CXX_API std::optional<io::LayerStyle> change_style(const io::OutputLayer &layer, const std::string &field,
                                                          bool increase_is_loss, const std::string &name,
                                                          const std::string &description, const SymbolLook &look = {});

/// A categorised style of the layer's `field`, drawn for the layer's geometry.
/// @returns nullopt for a layer without one geometry family.
/// @throws Error (Errc::argument) naming the layer if it has no field `field`; what
///         categorized_qml throws.
POOLED_CXX_API std::optional<io::LayerStyle> categorized_style(const io::OutputLayer &layer, const std::string &field,
                                                               const std::vector<QgisCategory> &categories,
                                                               const std::string &name, const std::string &description,
                                                               const SymbolLook &look = {});

/// A layer's default style as io::write_layers stores it.
POOLED_CXX_API io::LayerStyle layer_style(std::string name, std::string qml, std::string description);

} // namespace pooled::report
