// Layer styles in a GeoPackage: the layer_styles table as QGIS creates it, read back with SQLite
// itself (not GDAL) and with GDAL through pooled; the same bytes twice; bad styles refused.

#include "support/catch.hpp"
#include "support/errors.hpp"
#include "support/scratch.hpp"
#include "support/sqlite_query.hpp"

#include <pooled/io/reader.hpp>
#include <pooled/io/writer.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>

using namespace pooled;
using pooled::test::sqlite_query;
using pooled::test::SqlRow;
namespace fs = std::filesystem;

namespace {

std::string path_in_scratch(const std::string &name) {
    const std::string path = test::scratch().write(name, "");
    fs::remove(path);
    return path;
}

std::string bytes_of(const std::string &path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

// Two points with a style, a table without geometry with a style, and a plain layer.
std::vector<io::OutputLayer> styled_layers() {
    const auto bng = crs::Crs::from_user_input("EPSG:27700");
    io::OutputLayer points{"sites", bng, {{"kind", io::FieldType::string}}, {}};
    for (const auto &[x, kind] : {std::pair{1.0, "fire"}, std::pair{2.0, "nhs"}}) {
        io::Feature f;
        f.geometry = geometry::Point{400000.0 + x, 300000.0};
        f.values = {std::string(kind)};
        points.features.push_back(std::move(f));
    }
    points.style = io::LayerStyle{"sites by owner", "<qgis><renderer-v2 type=\"categorizedSymbol\"/></qgis>", "",
                                  "Sites coloured by owner"};
    io::OutputLayer table{"totals", std::nullopt, {{"n", io::FieldType::integer}}, {}};
    io::Feature row;
    row.values = {std::int64_t{2}};
    table.features.push_back(row);
    table.style = io::LayerStyle{"totals", "<qgis/>", "<StyledLayerDescriptor/>", "Totals & counts"};
    io::OutputLayer plain{"plain", bng, {{"n", io::FieldType::integer}}, {}};
    io::Feature p;
    p.geometry = geometry::Point{400000.0, 300000.0};
    p.values = {std::int64_t{1}};
    plain.features.push_back(p);
    return {points, table, plain};
}

} // namespace

TEST_CASE("layer_styles has QGIS's columns and one default row per styled layer", "[io][write][styles][integration]") {
    const std::string path = path_in_scratch("styled.gpkg");
    io::write_layers(path, styled_layers());

    // The columns and declared types QGIS's saveStyle creates through OGR (qgis/QGIS
    // src/core/providers/ogr/qgsogrprovidermetadata.cpp): widths become TEXT(n), the boolean
    // subtype BOOLEAN, the date-time DATETIME.
    const auto columns = sqlite_query(path, "SELECT name, type FROM pragma_table_info('layer_styles') ORDER BY cid");
    CHECK(columns == std::vector<SqlRow>{{"id", "INTEGER"},
                                         {"f_table_catalog", "TEXT(256)"},
                                         {"f_table_schema", "TEXT(256)"},
                                         {"f_table_name", "TEXT(256)"},
                                         {"f_geometry_column", "TEXT(256)"},
                                         {"styleName", "TEXT(30)"},
                                         {"styleQML", "TEXT"},
                                         {"styleSLD", "TEXT"},
                                         {"useAsDefault", "BOOLEAN"},
                                         {"description", "TEXT"},
                                         {"owner", "TEXT(30)"},
                                         {"ui", "TEXT(30)"},
                                         {"update_time", "DATETIME"}});
    // Registered as a table of attributes, as GDAL and QGIS register it.
    CHECK(sqlite_query(path, "SELECT data_type, identifier FROM gpkg_contents WHERE table_name = 'layer_styles'") ==
          std::vector<SqlRow>{{"attributes", "layer_styles"}});

    const auto rows = sqlite_query(path, "SELECT id, f_table_catalog, f_table_schema, f_table_name, f_geometry_column, "
                                         "styleName, styleSLD, useAsDefault, description, owner, ui, update_time "
                                         "FROM layer_styles ORDER BY id");
    CHECK(rows == std::vector<SqlRow>{
                      {"1", "", "", "sites", "geom", "sites by owner", "", "1", "Sites coloured by owner", "", "NULL",
                       "2000-01-01T00:00:00.000Z"},
                      {"2", "", "", "totals", "", "totals", "<StyledLayerDescriptor/>", "1", "Totals & counts", "",
                       "NULL", "2000-01-01T00:00:00.000Z"}});
    CHECK(sqlite_query(path, "SELECT styleQML FROM layer_styles WHERE f_table_name = 'sites'") ==
          std::vector<SqlRow>{{"<qgis><renderer-v2 type=\"categorizedSymbol\"/></qgis>"}});

    // GDAL sees the table as a layer without geometry, next to the three written.
    const auto back = io::read_layer(io::LayerSource{path, "layer_styles"}, crs::WorkingCrs::british_national_grid());
    CHECK(back.info().geometry_type == "None");
    REQUIRE(back.features().size() == 2);
    CHECK(io::to_text(back.features()[1].values[*back.field_index("description")]) == "Totals & counts");
    CHECK(io::list_layers(path).size() == 4);
}

TEST_CASE("a styled GeoPackage written twice has the same bytes", "[io][write][styles][determinism]") {
    const std::string first = path_in_scratch("styled_a.gpkg");
    const std::string second = path_in_scratch("styled_b.gpkg");
    io::write_layers(first, styled_layers());
    io::write_layers(second, styled_layers());
    CHECK(bytes_of(first) == bytes_of(second));
}

TEST_CASE("no layer_styles table without styles, nor in formats without one", "[io][write][styles]") {
    auto layers = styled_layers();
    for (auto &layer : layers) {
        layer.style.reset();
    }
    const std::string path = path_in_scratch("unstyled.gpkg");
    io::write_layers(path, layers);
    CHECK(sqlite_query(path, "SELECT count(*) FROM sqlite_master WHERE name = 'layer_styles'") ==
          std::vector<SqlRow>{{"0"}});
    // GeoJSON has no place for a style: the layer is written, the style left out.
    const std::string json = path_in_scratch("styled.geojson");
    io::write_layers(json, {styled_layers()[0]});
    CHECK(bytes_of(json).find("categorizedSymbol") == std::string::npos);
}

TEST_CASE("bad styles are refused before anything is written", "[io][write][styles][bad-input]") {
    const std::string path = path_in_scratch("bad_style.gpkg");
    auto layers = styled_layers();
    layers[0].style->name = std::string(31, 'x'); // QGIS's styleName is TEXT(30)
    const Error long_name = test::error_of([&] { io::write_layers(path, layers); });
    CHECK(long_name.code() == Errc::argument);
    CHECK(long_name.where().layer == "sites");
    CHECK(long_name.where().field == "styleName");
    layers[0].style->name.clear();
    CHECK(test::code_of([&] { io::write_layers(path, layers); }) == Errc::argument);

    auto clash = styled_layers();
    clash[2].name = "Layer_Styles"; // would collide with the styles table (SQLite folds case)
    const Error e = test::error_of([&] { io::write_layers(path, clash); });
    CHECK(e.code() == Errc::argument);
    CHECK(test::contains(e.what(), "layer_styles"));
    CHECK_FALSE(fs::exists(path));
}
