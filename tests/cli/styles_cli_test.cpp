// The GeoPackages the commands write open styled in QGIS: their layer_styles table, read back
// with SQLite (not GDAL), holds one default style per map layer, whose QML (read with expat)
// colours the field the command computed, with classes and categories taken from the data.

#include "support/catch.hpp"
#include "support/run_cli.hpp"
#include "support/sqlite_query.hpp"
#include "support/testdata_path.hpp"
#include "support/xml.hpp"

#include <set>

using pooled::test::parse_xml;
using pooled::test::run_pooled;
using pooled::test::sqlite_query;
using pooled::test::SqlRow;
using pooled::test::TempDir;
using pooled::test::testdata;
using pooled::test::XmlElement;

namespace {

const std::string libraries = testdata("rutland/rutland_facilities.gpkg:libraries_2016");
const std::string gps = testdata("rutland/rutland_facilities.gpkg:gp_practices_2022");
const std::string lsoas = testdata("rutland/rutland_zones.gpkg:lsoa21");
const std::string oas = testdata("rutland/rutland_zones.gpkg:oa21_pwc");

void run_ok(const std::vector<std::string> &args, const TempDir &cwd) {
    const auto r = run_pooled(args, cwd.str());
    INFO("stderr: " << r.err);
    REQUIRE(r.exit_code == 0);
}

// The renderer of the default style of `table`.
XmlElement renderer_of(const std::string &gpkg, const std::string &table) {
    const auto rows = sqlite_query(gpkg, "SELECT styleQML FROM layer_styles WHERE f_table_name = '" + table +
                                             "' AND useAsDefault = 1");
    REQUIRE(rows.size() == 1);
    XmlElement qgis = parse_xml(rows[0][0]);
    REQUIRE(qgis.child("renderer-v2") != nullptr);
    XmlElement renderer = std::move(*qgis.children.front());
    return renderer;
}

} // namespace

TEST_CASE("catchments: graduated by population over the catchments' own range", "[cli][styles]") {
    TempDir cwd;
    const std::string output = (cwd.path() / "libraries.gpkg").string();
    run_ok({"catchments", "--assets", libraries, "--zones", lsoas, "--radius", "2km,5km", "-o", output}, cwd);

    CHECK(sqlite_query(output, "SELECT id, f_table_schema, f_table_name, f_geometry_column, styleName, useAsDefault "
                               "FROM layer_styles ORDER BY id") ==
          std::vector<SqlRow>{{"1", "", "catchments", "geom", "catchments by population", "1"},
                              {"2", "", "zone_allocation", "geom", "zone points", "1"}});
    CHECK(sqlite_query(output, "SELECT data_type FROM gpkg_contents WHERE table_name = 'layer_styles'") ==
          std::vector<SqlRow>{{"attributes"}});

    const XmlElement renderer = renderer_of(output, "catchments");
    CHECK(renderer.attribute("type") == "graduatedSymbol");
    CHECK(renderer.attribute("attr") == "population");
    const auto ranges = renderer.child("ranges")->find_all("range");
    REQUIRE(ranges.size() == 5); // 8 catchments (4 libraries x 2 radii): 5 quantile classes
    // The classes run from the smallest catchment population to the largest, as SQLite finds them.
    const auto extremes = sqlite_query(output, "SELECT min(population), max(population) FROM catchments");
    // (SQLite prints 15 significant digits, the QML the shortest exact text.)
    CHECK(std::stod(ranges.front()->attribute("lower")) == Approx(std::stod(extremes[0][0])));
    CHECK(std::stod(ranges.back()->attribute("upper")) == Approx(std::stod(extremes[0][1])));
    for (const auto *symbol : renderer.child("symbols")->find_all("symbol")) {
        CHECK(symbol->attribute("type") == "fill");
    }
}

TEST_CASE("catchments written twice: the same bytes, styles included", "[cli][styles][determinism]") {
    TempDir cwd;
    const std::string a = (cwd.path() / "a.gpkg").string();
    const std::string b = (cwd.path() / "b.gpkg").string();
    run_ok({"catchments", "--assets", libraries, "--zones", lsoas, "--radius", "3km", "-o", a}, cwd);
    run_ok({"catchments", "--assets", libraries, "--zones", lsoas, "--radius", "3km", "-o", b}, cwd);
    CHECK(pooled::test::read_file(a) == pooled::test::read_file(b));
}

TEST_CASE("segments: one category per first-level segment, in the report's colours", "[cli][styles]") {
    TempDir cwd;
    const std::string spec = pooled::test::testdata_dir + "/../share/pooled/oac2021_variables.csv";
    const std::string output = (cwd.path() / "segments.gpkg").string();
    run_ok({"segment", "--zones", oas, "--variables", spec, "-k", "4", "--restarts", "5", "-o", output}, cwd);
    // Only the zones have geometry; the profile tables are left unstyled.
    CHECK(sqlite_query(output, "SELECT f_table_name, styleName FROM layer_styles") ==
          std::vector<SqlRow>{{"zones", "segments"}});
    const XmlElement renderer = renderer_of(output, "zones");
    CHECK(renderer.attribute("type") == "categorizedSymbol");
    CHECK(renderer.attribute("attr") == "segment_l1");
    std::set<std::string> values;
    for (const auto *category : renderer.child("categories")->find_all("category")) {
        values.insert(category->attribute("value"));
        CHECK(category->attribute("label").rfind(category->attribute("value") + ": ", 0) == 0); // "1: +var, -var"
    }
    std::set<std::string> written;
    for (const auto &row : sqlite_query(output, "SELECT DISTINCT segment_l1 FROM zones")) {
        written.insert(row[0]);
    }
    CHECK(values == written); // every segment the zones carry has its colour, and no other
    // The first segment takes ColorBrewer Set3's first colour, #8dd3c7.
    const auto symbols = renderer.child("symbols")->find_all("symbol");
    REQUIRE_FALSE(symbols.empty());
    bool found = false;
    for (const auto *option : symbols.front()->find_all("Option")) {
        if (option->attribute("name") == "color") {
            CHECK(option->attribute("value") == "141,211,199,255");
            found = true;
        }
    }
    CHECK(found);
}

TEST_CASE("access: zones graduated by the measure", "[cli][styles]") {
    TempDir cwd;
    const std::string output = (cwd.path() / "access.gpkg").string();
    run_ok({"access", "--measure", "2sfca", "--demand", lsoas, "--supply", gps, "--straight-line", "--cutoff", "10km",
            "-o", output},
           cwd);
    CHECK(sqlite_query(output, "SELECT f_table_name, f_geometry_column, useAsDefault FROM layer_styles") ==
          std::vector<SqlRow>{{"zones", "geom", "1"}});
    const XmlElement renderer = renderer_of(output, "zones");
    CHECK(renderer.attribute("type") == "graduatedSymbol");
    CHECK(renderer.attribute("attr") == "access");
    const auto ranges = renderer.child("ranges")->find_all("range");
    REQUIRE_FALSE(ranges.empty());
    const auto extremes = sqlite_query(output, "SELECT min(access), max(access) FROM zones");
    CHECK(std::stod(ranges.front()->attribute("lower")) == Approx(std::stod(extremes[0][0])));
    CHECK(std::stod(ranges.back()->attribute("upper")) == Approx(std::stod(extremes[0][1])));
}
