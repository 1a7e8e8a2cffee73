// QGIS styles: each document is well-formed XML (read back with expat), names the field and
// carries the categories, classes and colours of the report's palette.

#include "support/catch.hpp"
#include "support/errors.hpp"
#include "support/xml.hpp"

#include <pooled/report/palette.hpp>
#include <pooled/report/qgis_style.hpp>

#include <cmath>
#include <limits>
#include <map>

using namespace pooled;
using namespace pooled::report;
using pooled::test::parse_xml;
using pooled::test::XmlElement;

namespace {

// The value of the property `key` of a symbol's (only) symbol layer, from its <Option> map;
// checks the <prop> pair agrees.
std::string property(const XmlElement &symbol, const std::string &key) {
    const XmlElement *layer = symbol.child("layer");
    REQUIRE(layer != nullptr);
    std::string option_value, prop_value;
    for (const auto *option : layer->child("Option")->find_all("Option")) {
        if (option->attribute("name") == key) {
            option_value = option->attribute("value");
        }
    }
    for (const auto *prop : layer->find_all("prop")) {
        if (prop->attribute("k") == key) {
            prop_value = prop->attribute("v");
        }
    }
    CHECK(option_value == prop_value);
    return option_value;
}

// Symbols of a renderer by their name.
std::map<std::string, const XmlElement *> symbols_of(const XmlElement &renderer) {
    std::map<std::string, const XmlElement *> symbols;
    for (const auto *symbol : renderer.child("symbols")->find_all("symbol")) {
        symbols[symbol->attribute("name")] = symbol;
    }
    return symbols;
}

const XmlElement &renderer_of(const XmlElement &qgis) {
    REQUIRE(qgis.name == "qgis");
    const XmlElement *renderer = qgis.child("renderer-v2");
    REQUIRE(renderer != nullptr);
    return *renderer;
}

} // namespace

TEST_CASE("owners: one category per organisation kind in the palette's colours", "[report][qgis]") {
    const std::string qml = categorized_qml(SymbolType::marker, "organisation_kind", owner_kind_categories());
    const XmlElement qgis = parse_xml(qml);
    const XmlElement &renderer = renderer_of(qgis);
    CHECK(renderer.attribute("type") == "categorizedSymbol");
    CHECK(renderer.attribute("attr") == "organisation_kind");
    const auto categories = renderer.child("categories")->find_all("category");
    REQUIRE(categories.size() == 8); // council, nhs, police, fire, ambulance, central_government, education, other
    const auto symbols = symbols_of(renderer);
    std::map<std::string, std::string> colour_of;
    for (const auto *category : categories) {
        const auto *symbol = symbols.at(category->attribute("symbol"));
        CHECK(symbol->attribute("type") == "marker");
        CHECK(symbol->child("layer")->attribute("class") == "SimpleMarker");
        colour_of[category->attribute("value")] = property(*symbol, "color");
    }
    // NHS Blue is #005EB8 (NHS identity guidelines) = 0,94,184; fire is pure-ish red #CC0000;
    // QGIS writes colours as r,g,b,alpha.
    CHECK(colour_of.at("nhs") == "0,94,184,255");
    CHECK(colour_of.at("fire") == "204,0,0,255");
    CHECK(colour_of.at("other") == "128,128,128,255");
    CHECK(categories[1]->attribute("label") == "NHS");
}

TEST_CASE("segments: Set3 colours by position and labels after the code", "[report][qgis]") {
    const auto categories = segment_categories({"1", "2", "3"}, {"students, renting", "", "retired"});
    REQUIRE(categories.size() == 3);
    CHECK(categories[0].label == "1: students, renting");
    CHECK(categories[1].label == "2"); // no label: the code alone
    const XmlElement qgis = parse_xml(categorized_qml(SymbolType::fill, "segment_l1", categories));
    const XmlElement &renderer = renderer_of(qgis);
    const auto symbols = symbols_of(renderer);
    // ColorBrewer Set3's first three colours: #8dd3c7, #ffffb3, #bebada.
    CHECK(property(*symbols.at("0"), "color") == "141,211,199,255");
    CHECK(property(*symbols.at("1"), "color") == "255,255,179,255");
    CHECK(property(*symbols.at("2"), "color") == "190,186,218,255");
    CHECK(property(*symbols.at("0"), "style") == "solid");
    CHECK(symbols.at("0")->child("layer")->attribute("class") == "SimpleFill");
    CHECK_THROWS(segment_categories({"1", "2"}, {"only one"}));
}

TEST_CASE("graduated: classes between the bounds, light to dark", "[report][qgis]") {
    const auto ranges = graduated_ranges({0.0, 1.5, 3.0, 10.0}, 1);
    REQUIRE(ranges.size() == 3);
    CHECK(ranges[0].label == "0.0 - 1.5");
    CHECK(ranges[2].label == "3.0 - 10.0");
    const XmlElement qgis = parse_xml(graduated_qml(SymbolType::fill, "access", ranges));
    const XmlElement &renderer = renderer_of(qgis);
    CHECK(renderer.attribute("type") == "graduatedSymbol");
    CHECK(renderer.attribute("attr") == "access");
    const auto xml_ranges = renderer.child("ranges")->find_all("range");
    REQUIRE(xml_ranges.size() == 3);
    CHECK(std::stod(xml_ranges[1]->attribute("lower")) == 1.5);
    CHECK(std::stod(xml_ranges[1]->attribute("upper")) == 3.0);
    const auto symbols = symbols_of(renderer);
    // Three classes take YlGnBu's (9-class) lightest, middle and darkest: #ffffd9, #41b6c4, #081d58.
    CHECK(property(*symbols.at(xml_ranges[0]->attribute("symbol")), "color") == "255,255,217,255");
    CHECK(property(*symbols.at(xml_ranges[1]->attribute("symbol")), "color") == "65,182,196,255");
    CHECK(property(*symbols.at(xml_ranges[2]->attribute("symbol")), "color") == "8,29,88,255");
}

TEST_CASE("quantile bounds follow numpy's default (linear) quantiles", "[report][qgis]") {
    // numpy.quantile([3,1,4,1,5,9,2,6], [0,.25,.5,.75,1]) -> [1, 1.75, 3.5, 5.25, 9]
    CHECK(quantile_bounds({3, 1, 4, 1, 5, 9, 2, 6}, 4) == std::vector<double>{1, 1.75, 3.5, 5.25, 9});
    // NaN is left out; repeated bounds merge: all values 2 -> one class [2, 2].
    const double nan = std::numeric_limits<double>::quiet_NaN();
    CHECK(quantile_bounds({2, nan, 2, 2}, 5) == std::vector<double>{2, 2});
    // 0,0,0,0,1: the quantiles 0, 0, 0, 0, 0.2, 1 of 5 classes merge to 0, 0.2, 1
    // (numpy.quantile([0,0,0,0,1], [0,.2,.4,.6,.8,1]) -> [0, 0, 0, 0, 0.2, 1]).
    const auto merged = quantile_bounds({0, 0, 0, 0, 1}, 5);
    REQUIRE(merged.size() == 3);
    CHECK(merged[0] == 0.0);
    CHECK(merged[1] == Approx(0.2));
    CHECK(merged[2] == 1.0);
    CHECK(quantile_bounds({nan}, 3).empty());
}

TEST_CASE("single symbol: an outline-only fill and a translucent marker", "[report][qgis]") {
    const XmlElement fill = parse_xml(single_symbol_qml(SymbolType::fill, {204, 0, 0}, SymbolLook{1.0, true}));
    const auto fill_symbols = symbols_of(renderer_of(fill));
    CHECK(renderer_of(fill).attribute("type") == "singleSymbol");
    CHECK(property(*fill_symbols.at("0"), "style") == "no");
    CHECK(property(*fill_symbols.at("0"), "outline_color") == "204,0,0,255");
    const XmlElement marker = parse_xml(single_symbol_qml(SymbolType::marker, {0, 0, 0}, SymbolLook{0.5, false}));
    CHECK(property(*symbols_of(renderer_of(marker)).at("0"), "color") == "0,0,0,128"); // 0.5 x 255 = 127.5, rounded
    const XmlElement line = parse_xml(single_symbol_qml(SymbolType::line, {1, 2, 3}));
    CHECK(property(*symbols_of(renderer_of(line)).at("0"), "line_color") == "1,2,3,255");
}

TEST_CASE("field names and labels with XML's special characters survive", "[report][qgis]") {
    const std::string field = "a<b & \"c\" 'd'";
    const std::string label = "x > y & <z>\x01";
    const XmlElement qgis =
        parse_xml(categorized_qml(SymbolType::line, field, {{"v&<>\"'", label, {1, 2, 3}}, {"w", "w", {4, 5, 6}}}));
    const XmlElement &renderer = renderer_of(qgis);
    CHECK(renderer.attribute("attr") == field);
    const auto categories = renderer.child("categories")->find_all("category");
    CHECK(categories[0]->attribute("value") == "v&<>\"'");
    CHECK(categories[0]->attribute("label") == "x > y & <z> "); // the control character became a space
}

TEST_CASE("styles refuse what QGIS could not draw", "[report][qgis][bad-input]") {
    CHECK(test::code_of([] { categorized_qml(SymbolType::fill, "", owner_kind_categories()); }) == Errc::argument);
    CHECK(test::code_of([] { categorized_qml(SymbolType::fill, "f", {}); }) == Errc::argument);
    CHECK(test::code_of([] {
              categorized_qml(SymbolType::fill, "f", {{"a", "a", {}}, {"a", "again", {}}});
          }) == Errc::argument);
    CHECK(test::code_of([] { graduated_ranges({1.0}); }) == Errc::argument);
    CHECK(test::code_of([] { graduated_ranges({2.0, 1.0}); }) == Errc::argument);
    CHECK(test::code_of([] { graduated_ranges({0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}); }) == Errc::argument);
    CHECK(test::code_of([] {
              graduated_qml(SymbolType::fill, "f", {{0.0, std::numeric_limits<double>::infinity(), "", {}}});
          }) == Errc::argument);
}

TEST_CASE("the symbol type follows the layer's geometry", "[report][qgis]") {
    io::OutputLayer layer{"l", std::nullopt, {}, {}};
    CHECK_FALSE(symbol_type_of(layer)); // no features, no geometry
    io::Feature point;
    point.geometry = geometry::Point{1.0, 2.0};
    layer.features.push_back(point);
    CHECK(symbol_type_of(layer) == SymbolType::marker);
    io::Feature polygon;
    polygon.geometry = geometry::Polygon{{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}, {}};
    layer.features.push_back(polygon);
    CHECK_FALSE(symbol_type_of(layer)); // mixed
}

TEST_CASE("change: five classes symmetric about 0, increases red when they are a loss", "[report][qgis]") {
    io::OutputLayer layer{"zones", std::nullopt, {{"cost_change", io::FieldType::real}}, {}};
    for (const io::FieldValue &v : {io::FieldValue{-50.0}, io::FieldValue{0.0}, io::FieldValue{250.0}, io::FieldValue{}}) {
        io::Feature f;
        f.geometry = geometry::Point{0.0, 0.0};
        f.values = {v};
        layer.features.push_back(f);
    }
    const auto style = change_style(layer, "cost_change", true, "change", "journeys longer in red");
    REQUIRE(style);
    const XmlElement qgis = parse_xml(style->qml);
    const XmlElement &renderer = renderer_of(qgis);
    CHECK(renderer.attribute("attr") == "cost_change");
    const auto ranges = renderer.child("ranges")->find_all("range");
    REQUIRE(ranges.size() == 5);
    // The largest absolute change is 250: bounds -250, -150, -50, 50, 150, 250 (x -1, -0.6, -0.2, ...).
    const std::vector<double> bounds{-250.0, -150.0, -50.0, 50.0, 150.0, 250.0};
    const auto symbols = symbols_of(renderer);
    const std::vector<Rgb> ramp = diverging_ramp(5); // red (loss) first, palette_test.cpp
    for (std::size_t i = 0; i < 5; ++i) {
        CHECK(std::stod(ranges[i]->attribute("lower")) == bounds[i]);
        CHECK(std::stod(ranges[i]->attribute("upper")) == bounds[i + 1]);
        const Rgb c = ramp[4 - i]; // a loss when it increases: the largest increase is red
        CHECK(property(*symbols.at(ranges[i]->attribute("symbol")), "color") ==
              std::to_string(c.r) + "," + std::to_string(c.g) + "," + std::to_string(c.b) + ",255");
    }
    // As a gain (e.g. more access), the largest increase is blue, the ramp's last colour.
    const XmlElement gain = parse_xml(change_style(layer, "cost_change", false, "change", "")->qml);
    const auto gain_ranges = renderer_of(gain).child("ranges")->find_all("range");
    const Rgb blue = ramp.back();
    CHECK(property(*symbols_of(renderer_of(gain)).at(gain_ranges[4]->attribute("symbol")), "color") ==
          std::to_string(blue.r) + "," + std::to_string(blue.g) + "," + std::to_string(blue.b) + ",255");
    // Nothing to draw without a finite value.
    io::OutputLayer empty{"zones", std::nullopt, {{"cost_change", io::FieldType::real}}, {}};
    io::Feature f;
    f.geometry = geometry::Point{0.0, 0.0};
    f.values = {io::FieldValue{}};
    empty.features.push_back(f);
    CHECK_FALSE(change_style(empty, "cost_change", true, "change", ""));
}
