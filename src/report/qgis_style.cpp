#include <pooled/report/qgis_style.hpp>

#include "core/text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>

namespace pooled::report {

namespace {

using pooled::detail::xml_escape;

// The QGIS version whose QML layout this follows (Debian 12's QGIS); QGIS reads styles of
// older versions, and newer ones, element by element.
constexpr const char *qgis_version = "3.22.16";

// QGIS's colour text: "r,g,b,a" with 0..255 components.
std::string qgis_colour(Rgb colour, double opacity) {
    const long alpha = std::lround(std::clamp(opacity, 0.0, 1.0) * 255.0);
    return std::to_string(colour.r) + "," + std::to_string(colour.g) + "," + std::to_string(colour.b) + "," +
           std::to_string(alpha);
}

// Outlines of markers and fills: QGIS's default dark grey (35,35,35).
constexpr Rgb outline_grey{35, 35, 35};

using Properties = std::vector<std::pair<std::string, std::string>>;

// The properties of the one symbol layer of a symbol, as QGIS names them for its simple
// marker, simple line and simple fill.
std::pair<const char *, Properties> symbol_layer(SymbolType type, Rgb colour, const SymbolLook &look) {
    switch (type) {
    case SymbolType::marker:
        return {"SimpleMarker",
                {{"angle", "0"},
                 {"color", qgis_colour(colour, look.opacity)},
                 {"joinstyle", "bevel"},
                 {"name", "circle"},
                 {"outline_color", qgis_colour(outline_grey, 1.0)},
                 {"outline_style", "solid"},
                 {"outline_width", "0.2"},
                 {"outline_width_unit", "MM"},
                 {"scale_method", "diameter"},
                 {"size", "2.6"},
                 {"size_unit", "MM"}}};
    case SymbolType::line:
        return {"SimpleLine",
                {{"capstyle", "round"},
                 {"joinstyle", "round"},
                 {"line_color", qgis_colour(colour, look.opacity)},
                 {"line_style", "solid"},
                 {"line_width", "0.6"},
                 {"line_width_unit", "MM"}}};
    case SymbolType::fill: break;
    }
    const bool hollow = look.outline_only;
    return {"SimpleFill",
            {{"color", qgis_colour(colour, hollow ? 0.0 : look.opacity)},
             {"joinstyle", "bevel"},
             {"outline_color", hollow ? qgis_colour(colour, 1.0) : qgis_colour(outline_grey, 1.0)},
             {"outline_style", "solid"},
             {"outline_width", hollow ? "0.66" : "0.26"},
             {"outline_width_unit", "MM"},
             {"style", hollow ? "no" : "solid"}}};
}

const char *symbol_type_name(SymbolType type) {
    switch (type) {
    case SymbolType::marker: return "marker";
    case SymbolType::line: return "line";
    case SymbolType::fill: break;
    }
    return "fill";
}

// One <symbol> element named `name` (the index categories and ranges refer to).
std::string symbol_xml(SymbolType type, const std::string &name, Rgb colour, const SymbolLook &look,
                       const std::string &indent) {
    const auto [layer_class, properties] = symbol_layer(type, colour, look);
    std::string out = indent + "<symbol type=\"" + symbol_type_name(type) + "\" name=\"" + xml_escape(name) +
                      "\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">\n";
    out += indent + "  <layer class=\"" + layer_class + "\" pass=\"0\" locked=\"0\" enabled=\"1\">\n";
    out += indent + "    <Option type=\"Map\">\n";
    for (const auto &[key, value] : properties) {
        out += indent + "      <Option type=\"QString\" name=\"" + key + "\" value=\"" + xml_escape(value) + "\"/>\n";
    }
    out += indent + "    </Option>\n";
    for (const auto &[key, value] : properties) {
        out += indent + "    <prop k=\"" + key + "\" v=\"" + xml_escape(value) + "\"/>\n";
    }
    out += indent + "  </layer>\n";
    out += indent + "</symbol>\n";
    return out;
}

// The <symbols> of a renderer: symbol "i" drawn in colours[i], which category or range i names.
std::string symbols_xml(SymbolType type, const std::vector<Rgb> &colours, const SymbolLook &look) {
    std::string out = "    <symbols>\n";
    for (std::size_t i = 0; i < colours.size(); ++i) {
        out += symbol_xml(type, std::to_string(i), colours[i], look, "      ");
    }
    return out + "    </symbols>\n";
}

// The document around one renderer element.
std::string document(const std::string &renderer) {
    return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
           "<qgis version=\"" +
           std::string(qgis_version) + "\" styleCategories=\"Symbology\">\n" + renderer + "</qgis>\n";
}

void require_field(const std::string &field, const char *what) {
    if (field.empty()) {
        throw Error(Errc::argument, std::string("a ") + what + " style needs a field name");
    }
}

// Bounds as QGIS writes them in <range>: fixed with 15 decimals reads back exactly enough,
// but the shortest round-trip text is exact and shorter.
std::string bound_text(double value) { return pooled::detail::number_text(value); }

std::string fixed(double value, int decimals) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", std::clamp(decimals, 0, 12), value);
    return text;
}

const char *owner_kind_label(model::OrganisationKind kind) {
    using K = model::OrganisationKind;
    switch (kind) {
    case K::council: return "Council";
    case K::nhs: return "NHS";
    case K::police: return "Police";
    case K::fire: return "Fire and rescue";
    case K::ambulance: return "Ambulance";
    case K::central_government: return "Central government";
    case K::education: return "Education";
    case K::other: break;
    }
    return "Other";
}

std::size_t field_index(const io::OutputLayer &layer, const std::string &field) {
    for (std::size_t i = 0; i < layer.fields.size(); ++i) {
        if (layer.fields[i].name == field) {
            return i;
        }
    }
    throw Error(Errc::argument, "cannot style by '" + field + "': the layer has no such field",
                SourceRef{{}, layer.name, std::nullopt, field});
}

} // namespace

std::optional<SymbolType> symbol_type_of(const io::OutputLayer &layer) {
    std::optional<geometry::GeometryFamily> seen;
    for (const auto &feature : layer.features) {
        const auto f = geometry::family(feature.geometry);
        if (f == geometry::GeometryFamily::none) {
            continue;
        }
        if (seen && *seen != f) {
            return std::nullopt;
        }
        seen = f;
    }
    if (!seen) {
        return std::nullopt;
    }
    switch (*seen) {
    case geometry::GeometryFamily::point: return SymbolType::marker;
    case geometry::GeometryFamily::line: return SymbolType::line;
    case geometry::GeometryFamily::polygon: return SymbolType::fill;
    case geometry::GeometryFamily::none: break;
    }
    return std::nullopt;
}

std::string single_symbol_qml(SymbolType type, Rgb colour, const SymbolLook &look) {
    return document("  <renderer-v2 type=\"singleSymbol\" symbollevels=\"0\" forceraster=\"0\" "
                    "enableorderby=\"0\">\n" +
                    symbols_xml(type, {colour}, look) + "  </renderer-v2>\n");
}

std::string categorized_qml(SymbolType type, const std::string &field, const std::vector<QgisCategory> &categories,
                            const SymbolLook &look) {
    require_field(field, "categorised");
    if (categories.empty()) {
        throw Error(Errc::argument, "a categorised style needs at least one category (field '" + field + "')");
    }
    std::vector<std::string> values;
    for (const auto &c : categories) {
        if (std::find(values.begin(), values.end(), c.value) != values.end()) {
            throw Error(Errc::argument, "the category '" + c.value + "' appears twice (field '" + field + "')");
        }
        values.push_back(c.value);
    }
    std::string renderer = "  <renderer-v2 type=\"categorizedSymbol\" attr=\"" + xml_escape(field) +
                           "\" symbollevels=\"0\" forceraster=\"0\" enableorderby=\"0\">\n    <categories>\n";
    for (std::size_t i = 0; i < categories.size(); ++i) {
        renderer += "      <category value=\"" + xml_escape(categories[i].value) + "\" label=\"" +
                    xml_escape(categories[i].label) + "\" symbol=\"" + std::to_string(i) + "\" render=\"true\"/>\n";
    }
    renderer += "    </categories>\n";
    std::vector<Rgb> colours;
    for (const auto &c : categories) {
        colours.push_back(c.colour);
    }
    return document(renderer + symbols_xml(type, colours, look) + "  </renderer-v2>\n");
}

std::string graduated_qml(SymbolType type, const std::string &field, const std::vector<QgisRange> &ranges,
                          const SymbolLook &look) {
    require_field(field, "graduated");
    if (ranges.empty()) {
        throw Error(Errc::argument, "a graduated style needs at least one class (field '" + field + "')");
    }
    for (const auto &r : ranges) {
        if (!std::isfinite(r.lower) || !std::isfinite(r.upper) || r.lower > r.upper) {
            throw Error(Errc::argument, "a graduated class runs from " + bound_text(r.lower) + " to " +
                                            bound_text(r.upper) + " (field '" + field + "')");
        }
    }
    std::string renderer = "  <renderer-v2 type=\"graduatedSymbol\" attr=\"" + xml_escape(field) +
                           "\" graduatedMethod=\"GraduatedColor\" symbollevels=\"0\" forceraster=\"0\" "
                           "enableorderby=\"0\">\n    <ranges>\n";
    for (std::size_t i = 0; i < ranges.size(); ++i) {
        renderer += "      <range lower=\"" + bound_text(ranges[i].lower) + "\" upper=\"" + bound_text(ranges[i].upper) +
                    "\" label=\"" + xml_escape(ranges[i].label) + "\" symbol=\"" + std::to_string(i) +
                    "\" render=\"true\"/>\n";
    }
    renderer += "    </ranges>\n";
    std::vector<Rgb> colours;
    for (const auto &r : ranges) {
        colours.push_back(r.colour);
    }
    return document(renderer + symbols_xml(type, colours, look) + "  </renderer-v2>\n");
}

std::vector<QgisCategory> owner_kind_categories() {
    std::vector<QgisCategory> categories;
    for (std::size_t k = 0; k < model::organisation_kind_count; ++k) {
        const auto kind = static_cast<model::OrganisationKind>(k);
        categories.push_back({model::organisation_kind_name(kind), owner_kind_label(kind), organisation_colour(kind)});
    }
    return categories;
}

std::vector<QgisCategory> segment_categories(const std::vector<std::string> &codes,
                                             const std::vector<std::string> &labels) {
    if (!labels.empty() && labels.size() != codes.size()) {
        throw Error(Errc::argument, "segment labels: " + std::to_string(labels.size()) + " labels for " +
                                        std::to_string(codes.size()) + " segments");
    }
    std::vector<QgisCategory> categories;
    for (std::size_t i = 0; i < codes.size(); ++i) {
        const bool labelled = !labels.empty() && !labels[i].empty();
        categories.push_back({codes[i], labelled ? codes[i] + ": " + labels[i] : codes[i], segment_colour(i)});
    }
    return categories;
}

std::vector<QgisRange> graduated_ranges(const std::vector<double> &bounds, int decimals) {
    if (bounds.size() < 2 || bounds.size() > 10) {
        throw Error(Errc::argument, "graduated classes need 2 to 10 bounds (1 to 9 classes); got " +
                                        std::to_string(bounds.size()));
    }
    for (std::size_t i = 0; i < bounds.size(); ++i) {
        if (!std::isfinite(bounds[i]) || (i > 0 && bounds[i] < bounds[i - 1])) {
            throw Error(Errc::argument, "class bounds must be finite and ascending; bound " + std::to_string(i + 1) +
                                            " is " + bound_text(bounds[i]));
        }
    }
    const std::size_t classes = bounds.size() - 1;
    // The ramp has at least 3 colours: 1 or 2 classes take its lightest and darkest ends.
    const std::vector<Rgb> ramp = sequential_ramp(classes);
    std::vector<QgisRange> ranges;
    for (std::size_t i = 0; i < classes; ++i) {
        const std::size_t colour = classes == 1 ? ramp.size() - 1 : i * (ramp.size() - 1) / (classes - 1);
        ranges.push_back({bounds[i], bounds[i + 1], fixed(bounds[i], decimals) + " - " + fixed(bounds[i + 1], decimals),
                          ramp[colour]});
    }
    return ranges;
}

std::vector<double> quantile_bounds(std::vector<double> values, std::size_t classes) {
    values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return !std::isfinite(v); }),
                 values.end());
    if (values.empty() || classes == 0) {
        return {};
    }
    std::sort(values.begin(), values.end());
    std::vector<double> bounds;
    for (std::size_t i = 0; i <= classes; ++i) {
        const double h = static_cast<double>(values.size() - 1) * static_cast<double>(i) / static_cast<double>(classes);
        const auto below = static_cast<std::size_t>(std::floor(h));
        const std::size_t above = std::min(below + 1, values.size() - 1);
        const double bound = values[below] + (h - static_cast<double>(below)) * (values[above] - values[below]);
        if (bounds.empty() || bound > bounds.back()) {
            bounds.push_back(bound);
        }
    }
    if (bounds.size() == 1) { // every value the same: one class holding them
        bounds.push_back(bounds.front());
    }
    return bounds;
}

namespace {
/// The numbers of a field, NaN for nulls. @throws Error naming the layer (no such field) or the
/// feature and field (not a number).
std::vector<double> field_numbers(const io::OutputLayer &layer, const std::string &field) {
    const std::size_t index = field_index(layer, field);
    std::vector<double> values;
    for (const auto &feature : layer.features) {
        const SourceRef where{{}, layer.name, feature.fid, field};
        if (index < feature.values.size()) {
            values.push_back(io::to_number(feature.values[index], where).value_or(std::nan("")));
        }
    }
    return values;
}

/// Label decimals for classes between these bounds: 0 for a spread of 100 or more, 2 from 1, else 4.
int decimals_for(const std::vector<double> &bounds) {
    const double spread = bounds.back() - bounds.front();
    return spread >= 100.0 ? 0 : spread >= 1.0 ? 2 : 4;
}
} // namespace

std::optional<io::LayerStyle> quantile_style(const io::OutputLayer &layer, const std::string &field,
                                            std::size_t classes, const std::string &name,
                                            const std::string &description, const SymbolLook &look) {
    const std::vector<double> values_read = field_numbers(layer, field);
    const auto type = symbol_type_of(layer);
    if (!type) {
        return std::nullopt;
    }
    std::vector<double> values = values_read;
    const std::vector<double> bounds = quantile_bounds(std::move(values), std::min<std::size_t>(classes, 9));
    if (bounds.empty()) {
        return std::nullopt;
    }
    return layer_style(name, graduated_qml(*type, field, graduated_ranges(bounds, decimals_for(bounds)), look),
                       description);
}

std::optional<io::LayerStyle> change_style(const io::OutputLayer &layer, const std::string &field,
                                           bool increase_is_loss, const std::string &name,
                                           const std::string &description, const SymbolLook &look) {
    const auto type = symbol_type_of(layer);
    const std::vector<double> values = field_numbers(layer, field);
    if (!type) {
        return std::nullopt;
    }
    double largest = 0.0;
    bool any = false;
    for (const double v : values) {
        if (std::isfinite(v)) {
            largest = std::max(largest, std::abs(v));
            any = true;
        }
    }
    if (!any) {
        return std::nullopt;
    }
    if (largest == 0.0) { // no change anywhere: one pale class around 0
        largest = 1.0;
    }
    const std::vector<double> bounds{-largest, -0.6 * largest, -0.2 * largest, 0.2 * largest, 0.6 * largest, largest};
    std::vector<QgisRange> ranges = graduated_ranges(bounds, decimals_for(bounds));
    std::vector<Rgb> ramp = diverging_ramp(5); // red (loss) first
    if (increase_is_loss) {
        std::reverse(ramp.begin(), ramp.end()); // ranges ascend: the largest increase last, red
    }
    for (std::size_t i = 0; i < ranges.size(); ++i) {
        ranges[i].colour = ramp[i];
    }
    return layer_style(name, graduated_qml(*type, field, ranges, look), description);
}

std::optional<io::LayerStyle> categorized_style(const io::OutputLayer &layer, const std::string &field,
                                                const std::vector<QgisCategory> &categories, const std::string &name,
                                                const std::string &description, const SymbolLook &look) {
    field_index(layer, field);
    const auto type = symbol_type_of(layer);
    if (!type) {
        return std::nullopt;
    }
    return layer_style(name, categorized_qml(*type, field, categories, look), description);
}

io::LayerStyle layer_style(std::string name, std::string qml, std::string description) {
    return io::LayerStyle{std::move(name), std::move(qml), {}, std::move(description)};
}

} // namespace pooled::report
