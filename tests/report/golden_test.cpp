// Golden images: a small map and a chart drawn as PNG and compared pixel by pixel with
// testdata/report/*.png within a tolerance (font rasterising may differ by a shade between
// FreeType builds). POOLED_UPDATE_GOLDEN=1 rewrites the files instead; review them by eye.

#include "report/png_image.hpp"

#include "support/catch.hpp"

#include <pooled/report/palette.hpp>
#include <pooled/report/render.hpp>

#include <cstdlib>
#include <fstream>
#include <string>

using namespace pooled::report;
using pooled::geometry::LineString;
using pooled::geometry::Point;
using pooled::geometry::Polygon;

namespace {

const std::string golden_dir = POOLED_REPORT_GOLDEN_DIR;

bool updating() {
    const char *flag = std::getenv("POOLED_UPDATE_GOLDEN");
    return flag != nullptr && std::string(flag) == "1";
}

pooled::geometry::Ring ring(std::initializer_list<Point> points) { return pooled::geometry::Ring{points}; }

// Two 4 km fields (one with a 1 km hole), a road, three sites of different owners with
// labels, a study area in outline, in British National Grid-like metres.
Map small_map() {
    Map map;
    map.title = "A small map";
    map.extent = pooled::geometry::Box{400000.0, 300000.0, 410000.0, 306000.0};
    using K = pooled::model::OrganisationKind;
    PolygonLayer fields;
    const Polygon north{ring({{401000, 301000}, {405000, 301000}, {405000, 305000}, {401000, 305000}, {401000, 301000}}),
                        {ring({{402500, 302500}, {403500, 302500}, {403500, 303500}, {402500, 303500}, {402500, 302500}})}};
    const Polygon east{ring({{405000, 301000}, {409000, 301000}, {409000, 305000}, {405000, 305000}, {405000, 301000}}), {}};
    fields.features.push_back({north, sequential_ramp(5)[1], "North field"});
    fields.features.push_back({east, sequential_ramp(5)[3], {}});
    fields.outline = Rgb{80, 80, 80};
    fields.outline_width_pt = 0.8;
    LineLayer roads;
    roads.features.push_back({LineString{{{400000, 300500}, {404000, 303000}, {410000, 304000}}}, Rgb{120, 120, 120}, 2.0, {}});
    PointLayer sites;
    sites.features.push_back({Point{402000, 304000}, organisation_colour(K::nhs), 8.0, Symbol::triangle, "Surgery"});
    sites.features.push_back({Point{406500, 302000}, organisation_colour(K::fire), 8.0, Symbol::circle, "Fire station"});
    sites.features.push_back({Point{408000, 304200}, organisation_colour(K::council), 8.0, Symbol::square, {}});
    PolygonLayer study_area; // an outline only
    study_area.features.push_back({Polygon{ring({{400500, 300500}, {409500, 300500}, {409500, 305500}, {400500, 305500}, {400500, 300500}}), {}},
                                   std::nullopt, {}});
    study_area.outline = organisation_colour(K::police);
    study_area.outline_width_pt = 1.5;
    map.layers = {fields, roads, sites, study_area};
    map.legend_title = "Legend";
    map.legend = {{"Low", sequential_ramp(5)[1], LegendKey::fill, Symbol::circle},
                  {"High", sequential_ramp(5)[3], LegendKey::fill, Symbol::circle},
                  {"Road", Rgb{120, 120, 120}, LegendKey::line, Symbol::circle},
                  {"Study area", organisation_colour(K::police), LegendKey::outline, Symbol::circle},
                  {"NHS", organisation_colour(K::nhs), LegendKey::point, Symbol::triangle},
                  {"Fire", organisation_colour(K::fire), LegendKey::point, Symbol::circle},
                  {"Council", organisation_colour(K::council), LegendKey::point, Symbol::square}};
    map.attribution = {"© OpenStreetMap contributors", "Contains OS data © Crown copyright"};
    return map;
}

BarChart small_chart() {
    BarChart chart;
    chart.title = "Segment index";
    chart.value_axis_label = "Index (all residents = 100)";
    chart.reference = ReferenceLine{100.0, "average"};
    chart.bars = {{"Rural retirees", 62.0, std::nullopt}, {"Urban families", 135.5, std::nullopt},
                  {"Students", 180.0, segment_colour(3)}, {"Suburban", 97.0, std::nullopt}};
    chart.decimals = 1;
    return chart;
}

void check_golden(const Figure &figure, const ImageSize &size, const std::string &name) {
    const std::string path = golden_dir + "/" + name;
    const std::string png = render_figure(figure, ImageFormat::png, size);
    if (updating()) {
        std::ofstream(path, std::ios::binary) << png;
        WARN("rewrote " << path);
        return;
    }
    const auto expected = pooled::test::read_png(path);
    const auto actual = pooled::test::decode_png(png);
    const auto difference = pooled::test::compare_png(actual, expected, 64);
    INFO(name << ": max channel difference " << difference.max_channel << ", share over 64 "
              << difference.share_over_tolerance << ", mean " << difference.mean_channel);
    REQUIRE(difference.same_size);
    // Anti-aliased text edges may move by a shade; a shifted or missing element moves far more
    // than 0.5% of the pixels by more than a quarter of the range.
    CHECK(difference.share_over_tolerance <= 0.005);
    CHECK(difference.mean_channel < 1.5);
}

} // namespace

TEST_CASE("a small map matches its golden PNG", "[report][golden]") {
    check_golden(small_map(), ImageSize{360.0, 240.0, 1.0}, "small_map.png");
}

TEST_CASE("a bar chart matches its golden PNG", "[report][golden]") {
    check_golden(small_chart(), ImageSize{360.0, 200.0, 1.0}, "bar_chart.png");
    BarChart vertical = small_chart();
    vertical.orientation = BarOrientation::vertical;
    vertical.bars.push_back({"Savings", -40.0, std::nullopt});
    vertical.reference.reset();
    check_golden(vertical, ImageSize{360.0, 220.0, 1.0}, "bar_chart_vertical.png");
}

TEST_CASE("the scale bar is drawn at its computed length", "[report][map]") {
    // A 412 x 300 pt map without title, legend or attribution: the frame is 6 pt in from each
    // edge, 400 x 288 pt. The extent, 20 km x 10 km, fits at min(400 / 20000, 288 / 10000) =
    // 0.02 pt/m: 50 m/pt. A quarter of the frame is 100 pt = 5,000 m, so the bar is 5 km drawn
    // 100 pt long from x = 6 + 8 = 14: black from 14 to 64, white from 64 to 114, 4 pt high
    // above y = 6 + 288 - 10 = 284.
    Map map;
    map.extent = pooled::geometry::Box{0.0, 0.0, 20000.0, 10000.0};
    map.north_arrow = false;
    const auto image = pooled::test::decode_png(render_figure(map, ImageFormat::png, ImageSize{412.0, 300.0, 1.0}));
    const int row = 282; // inside the bar, 280..284
    for (int x = 15; x <= 63; ++x) {
        INFO("x = " << x);
        CHECK(image.at(x, row).r < 40); // the black half
    }
    for (int x = 66; x <= 111; ++x) {
        INFO("x = " << x);
        CHECK(image.at(x, row).r > 215); // the white half
    }
    CHECK(image.at(114, row).r < 200); // its outline at 114
    CHECK(image.at(11, row).r > 215);  // nothing before the bar
    CHECK(image.at(140, row).r > 215); // nor well after its end
}
