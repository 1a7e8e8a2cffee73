// Example 07: an estate report (HTML and PDF) with a choropleth map and a chart.
// Read 01_load_layers.cpp first.
//
// Demonstrates pooled::report: zones coloured by residents per hectare (quantile classes on
// the palette's sequential ramp), the assets on top in their owner's colour, a bar chart,
// a table, and the report written as one self-contained HTML file and an A4 PDF. The map is
// also written on its own as PNG and SVG, from the same drawing code.
//
// Usage: 07_estate_report SCHEMA.toml ZONES:LAYER ASSETS:LAYER OUT_DIR
//   e.g. 07_estate_report share/pooled/schemas/derbyshire.toml
//          testdata/derbyshire/derbyshire_zones.gpkg:lsoa21
//          testdata/derbyshire/derbyshire_facilities.gpkg:fire_estate_dfrs_2016 /tmp/estate

#include <pooled/core/error.hpp>
#include <pooled/geometry/algorithms.hpp>
#include <pooled/io/reader.hpp>
#include <pooled/io/schema.hpp>
#include <pooled/model/convert.hpp>
#include <pooled/report/choropleth.hpp>
#include <pooled/report/document.hpp>
#include <pooled/report/format.hpp>

#include <algorithm>
#include <iostream>

int main(int argc, char **argv) {
    if (argc != 5) {
        std::cerr << "usage: " << argv[0] << " SCHEMA.toml ZONES:LAYER ASSETS:LAYER OUT_DIR\n";
        return 2;
    }
    namespace rep = pooled::report;
    try {
        const auto schema = pooled::io::load_schema(argv[1]);
        const auto zone_source = pooled::io::LayerSource::parse(argv[2]);
        const auto asset_source = pooled::io::LayerSource::parse(argv[3]);
        const auto working = pooled::io::working_crs_for({zone_source, asset_source}, std::nullopt);
        const auto zone_layer = pooled::io::read_layer(zone_source, working, pooled::io::read_options_for(schema.zones));
        const auto zones = pooled::model::to_population(zone_layer, pooled::io::guess_zone_schema(zone_layer.info(), schema.zones));
        const auto asset_layer = pooled::io::read_layer(asset_source, working, pooled::io::read_options_for(schema.assets));
        const auto estate = pooled::model::to_estate(asset_layer, schema.assets);

        // Zones by residents per hectare (area in m2 / 10,000).
        std::vector<pooled::geometry::Geometry> shapes;
        std::vector<double> density;
        for (const auto &zone : zones.zones) {
            shapes.push_back(zone.geometry);
            density.push_back(zone.population / (pooled::geometry::area(zone.geometry) / 10000.0));
        }
        rep::ChoroplethOptions classes;
        classes.decimals = 1;
        const auto choropleth = rep::choropleth(shapes, density, classes);

        rep::Map map;
        map.title = "Residents per hectare and the estate";
        rep::PointLayer assets;
        for (const auto &asset : estate.assets) {
            assets.features.push_back({asset.location, rep::organisation_colour(asset.organisation_kind), 6.0,
                                       rep::Symbol::circle, {}});
        }
        map.layers = {choropleth.layer, assets};
        map.legend_title = "Residents per hectare";
        map.legend = choropleth.legend;
        map.legend.push_back({"Assets", rep::organisation_colour(estate.assets.empty() ? pooled::model::OrganisationKind::other
                                                                                       : estate.assets.front().organisation_kind),
                              rep::LegendKey::point, rep::Symbol::circle});
        map.attribution = {"Contains OS data © Crown copyright and database right", "Source: Office for National Statistics"};

        // The ten largest assets by floor area (where the schema maps one).
        std::vector<const pooled::model::Asset *> largest;
        for (const auto &asset : estate.assets) {
            if (asset.floor_area) {
                largest.push_back(&asset);
            }
        }
        std::stable_sort(largest.begin(), largest.end(),
                         [](const auto *a, const auto *b) { return a->floor_area->value() > b->floor_area->value(); });
        largest.resize(std::min<std::size_t>(largest.size(), 10));
        rep::BarChart chart;
        chart.title = "The largest assets";
        chart.value_axis_label = "Gross internal area (m²)";
        rep::Table table{"The largest assets", {"Asset", "Floor area (m²)"}, {rep::Align::left, rep::Align::right}, {}};
        for (const auto *asset : largest) {
            chart.bars.push_back({asset->name, asset->floor_area->value(), std::nullopt});
            table.rows.push_back({asset->name, rep::format_number(asset->floor_area->value())});
        }

        rep::Report report;
        report.title = "The estate and its people";
        report.subtitle = estate.source;
        report.summary = {{rep::format_number(static_cast<double>(estate.assets.size())), "assets"},
                          {rep::format_number(zones.total_population()), "residents"}};
        report.sections.push_back({"Where people live", {rep::FigureBlock{map, "Residents per hectare, and the assets"}}});
        report.sections.push_back({"Floor space", {rep::FigureBlock{chart, "Largest assets by floor area"}, table}});

        const std::string out = argv[4];
        rep::write_report_html(report, out + "/report.html");
        rep::write_report_pdf(report, out + "/report.pdf");
        rep::write_figure(map, rep::ImageFormat::png, out + "/map.png", rep::ImageSize{640.0, 520.0, 1.5});
        rep::write_figure(map, rep::ImageFormat::svg, out + "/map.svg", rep::ImageSize{640.0, 520.0});
        std::cout << out << "/report.html\n" << out << "/report.pdf\n";
    } catch (const pooled::Error &e) {
        std::cerr << "error: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
