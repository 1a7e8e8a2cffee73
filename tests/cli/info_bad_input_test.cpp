// `pooled info` on the bad-input corpus (testdata/bad/README.md), on the real DFRS register with its
// two published coordinate errors, and the usage errors of the command line.
//
// Every failure case runs the CLI with a fresh empty temporary directory as its working directory and
// absolute paths to the test data, then checks: exit code 1; stdout empty; stderr exactly one line
// naming the file, and the layer ("layer 'X'"), feature ("feature N") and field ("field 'F'") where
// the corpus README says they apply; nothing written to the working directory; and the input files
// (every file in the input's directory, so shapefile sidecars too) unchanged: size, mtime, FNV-1a hash,
// and no file added or removed next to them (no .aux.xml, -wal, -shm, .qix).

#include "cli/support/run_cli.hpp"
#include "support/catch.hpp"
#include "support/testdata_path.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;
using nlohmann::json;
using pooled::test::CliResult;
using pooled::test::run_pooled;
using pooled::test::TempDir;

namespace {

/// The directory holding `path`, or its nearest existing ancestor directory (for paths that do not
/// exist, such as testdata/bad/README.md/sub.gpkg).
fs::path existing_directory_of(fs::path path) {
    path = path.parent_path();
    while (!path.empty() && !fs::is_directory(path)) {
        path = path.parent_path();
    }
    return path;
}

/// What the CLI must leave untouched: every regular file in the directories of the inputs.
class InputsWatch {
public:
    explicit InputsWatch(const std::vector<std::string> &paths) {
        for (const auto &p : paths) {
            const fs::path dir = existing_directory_of(p);
            if (m_listings.count(dir.string()) != 0) {
                continue;
            }
            m_listings[dir.string()] = pooled::test::directory_listing(dir);
            for (const auto &entry : fs::directory_iterator(dir)) {
                if (entry.is_regular_file()) {
                    m_prints[entry.path().string()] = pooled::test::fingerprint(entry.path());
                }
            }
        }
    }

    void check_unchanged() const {
        for (const auto &[dir, listing] : m_listings) {
            INFO("files in " << dir);
            CHECK(pooled::test::directory_listing(dir) == listing);
        }
        for (const auto &[file, print] : m_prints) {
            INFO("input file " << file);
            REQUIRE(fs::exists(file));
            const auto now = pooled::test::fingerprint(file);
            CHECK(now.size == print.size);
            CHECK(now.hash == print.hash);
            CHECK((now.mtime == print.mtime)); // file_time_type has no StringMaker: extra parentheses
        }
    }

private:
    std::map<std::string, std::vector<std::string>> m_listings;
    std::map<std::string, pooled::test::FileFingerprint> m_prints;
};

/// The file part of an absolute PATH[:LAYER] under testdata/.
std::string path_of(const std::string &spec) {
    return spec.substr(0, spec.find(':', pooled::test::testdata_dir.size()));
}

/// "feature N" not followed by another digit ("feature 1" must not match "feature 15").
bool names_feature(const std::string &message, long fid) {
    return std::regex_search(message, std::regex("feature " + std::to_string(fid) + "(?![0-9])"));
}

/// One case of testdata/bad/README.md.
struct BadCase {
    std::string spec;                  ///< PATH[:LAYER] relative to testdata/
    std::vector<std::string> options;  ///< the README's "options" column as CLI options
    std::optional<std::string> layer;  ///< the layer the message must name, if the README gives one
    std::optional<long> feature;       ///< the FID the message must name (README "FID"), if any
    std::vector<std::string> fields;   ///< the message must name one of these as "field 'F'" (README "field")
    bool geometry = false;             ///< README field "geometry": the message must say "geometry"
    std::vector<std::string> also;     ///< further substrings the message must contain
};

/// Runs one failure case and checks everything listed at the top of this file.
void check_bad_case(const BadCase &c) {
    const std::string spec = pooled::test::testdata(c.spec);
    const std::string path = path_of(spec);
    std::vector<std::string> inputs{path};
    for (const auto &option : c.options) {
        if (option.rfind(pooled::test::testdata_dir, 0) == 0) {
            inputs.push_back(path_of(option)); // e.g. the --study-area layer
        }
    }
    InputsWatch watch(inputs);
    TempDir cwd;

    std::vector<std::string> args{"info", spec};
    args.insert(args.end(), c.options.begin(), c.options.end());
    const CliResult r = run_pooled(args, cwd.str());
    INFO("pooled info " << c.spec << " ...\nexit " << r.exit_code << "\nstdout: " << r.out << "\nstderr: " << r.err);

    CHECK(r.exit_code == 1);
    CHECK(r.out.empty());
    CHECK(pooled::test::line_count(r.err) == 1);
    CHECK((!r.err.empty() && r.err.back() == '\n'));
    CHECK(r.err.find(path) != std::string::npos);
    if (c.layer) {
        CHECK(r.err.find("layer '" + *c.layer + "'") != std::string::npos);
    }
    if (c.feature) {
        CHECK(names_feature(r.err, *c.feature));
    }
    if (!c.fields.empty()) {
        bool named = false;
        for (const auto &field : c.fields) {
            named = named || r.err.find("field '" + field + "'") != std::string::npos;
        }
        CHECK(named);
    }
    if (c.geometry) {
        CHECK(r.err.find("geometry") != std::string::npos);
    }
    for (const auto &text : c.also) {
        CHECK(r.err.find(text) != std::string::npos);
    }
    CHECK(cwd.entries().empty());
    watch.check_unchanged();
}

/// The parsed --json output of a successful run (fails the test if it is not JSON).
json parse_json(const CliResult &r) {
    INFO("stdout: " << r.out << "\nstderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    REQUIRE(json::accept(r.out));
    return json::parse(r.out);
}

void check_extent(const json &extent, double min_x, double min_y, double max_x, double max_y, double tolerance) {
    INFO("extent " << extent.dump() << " expected (" << std::fixed << min_x << ", " << min_y << ") - (" << max_x
                   << ", " << max_y << ") +- " << tolerance);
    REQUIRE(extent.is_array());
    REQUIRE(extent.size() == 4);
    CHECK(std::abs(extent[0].get<double>() - min_x) <= tolerance);
    CHECK(std::abs(extent[1].get<double>() - min_y) <= tolerance);
    CHECK(std::abs(extent[2].get<double>() - max_x) <= tolerance);
    CHECK(std::abs(extent[3].get<double>() - max_y) <= tolerance);
}

const std::vector<std::string> bng{"--crs", "EPSG:27700"};

std::vector<std::string> operator+(std::vector<std::string> a, const std::vector<std::string> &b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// The corpus, in the README's order. "README:" quotes the case's row.

TEST_CASE("info bad #1 truncated.gpkg: io, cannot open a truncated GeoPackage", "[cli][bad-input]") {
    // README: io, FID -, field -; GDAL: "database disk image is malformed".
    check_bad_case({"bad/truncated.gpkg", {}, {}, {}, {}, false, {"malformed"}});
}

TEST_CASE("info bad #2 no_prj.shp: crs, shapefile without .prj", "[cli][bad-input]") {
    // README: crs, layer no_prj, FID -, field -.
    check_bad_case({"bad/no_prj.shp", {}, "no_prj", {}, {}, false, {"CRS"}});

    // README (optional positive test): "With --crs EPSG:27700 it should load". ogrinfo -ro -so:
    // 4 features, extent (486258.244184, 299655.000202) - (503446.997865, 310576.000228).
    TempDir cwd;
    const json j = parse_json(run_pooled(std::vector<std::string>{"info", pooled::test::testdata("bad/no_prj.shp"), "--json"} + bng,
                                         cwd.str()));
    REQUIRE(j["layers"].size() == 1);
    CHECK(j["layers"][0]["feature_count"] == 4);
    CHECK(j["layers"][0]["load_report"]["loaded"] == 4);
    check_extent(j["layers"][0]["extent"], 486258.244184, 299655.000202, 503446.997865, 310576.000228, 0.001);
    CHECK(cwd.entries().empty());
}

TEST_CASE("info bad #3 not_json.geojson: io, GeoJSON cut inside a string", "[cli][bad-input]") {
    // README: io, FID -, field -.
    check_bad_case({"bad/not_json.geojson", {}, {}, {}, {}, false, {}});
}

TEST_CASE("info bad #4 text_population.csv: data, 'n/a' in a count field", "[cli][bad-input]") {
    // README: data, FID 3, field ts0010001 (X=X, Y=Y, population=ts0010001, --crs EPSG:27700).
    check_bad_case({"bad/text_population.csv",
                    bng + std::vector<std::string>{"--x-field", "X", "--y-field", "Y", "--count-field", "ts0010001"},
                    "text_population", 3, {"ts0010001"}, false, {"n/a"}});
}

TEST_CASE("info bad #5 bowtie.geojson: data, self-intersecting zone", "[cli][bad-input]") {
    // README: data, layer bowtie, FID 1, field geometry (zones, population=pop).
    check_bad_case({"bad/bowtie.geojson", {"--count-field", "pop"}, "bowtie", 1, {}, true, {}});
}

TEST_CASE("info bad #6 empty_layer.gpkg:zones: data, layer without features", "[cli][bad-input]") {
    // README: data, FID -, field -; "The message should say the layer `zones` has no features."
    check_bad_case({"bad/empty_layer.gpkg:zones", {}, "zones", {}, {}, false, {"no features"}});
}

TEST_CASE("info bad #7 duplicate_ids.csv: data, repeated zone id", "[cli][bad-input]") {
    // README: data, FID 5, field lsoa21cd; "The message may also mention the first occurrence (FID 2)".
    check_bad_case({"bad/duplicate_ids.csv",
                    bng + std::vector<std::string>{"--id-field", "lsoa21cd", "--x-field", "X", "--y-field", "Y"},
                    "duplicate_ids", 5, {"lsoa21cd"}, false, {"E01013788"}});
}

// README: data, FID 3, field "easting, northing": the two columns the point was built from.
TEST_CASE("info bad #8 swapped_coordinates.csv: data, easting and northing exchanged", "[cli][bad-input]") {
    check_bad_case({"bad/swapped_coordinates.csv",
                    bng + std::vector<std::string>{"--x-field", "easting", "--y-field", "northing", "--study-area",
                                                   pooled::test::testdata("derbyshire/derbyshire_zones.gpkg:lsoa21")},
                    "swapped_coordinates", 3, {"easting, northing"}, false, {"outside the study area"}});
}

TEST_CASE("info bad #9a mixed_crs: BNG zones and WGS84 assets both load into EPSG:27700", "[cli][bad-input]") {
    const std::string zones = pooled::test::testdata("bad/mixed_crs/zones_bng.geojson");
    const std::string assets = pooled::test::testdata("bad/mixed_crs/assets_wgs84.geojson");
    InputsWatch watch({zones, assets});
    TempDir cwd;
    const CliResult r = run_pooled({"info", zones, assets, "--json"}, cwd.str());
    INFO("stderr: " << r.err);
    CHECK(r.err.empty());
    const json j = parse_json(r);
    CHECK(j["working_crs"]["code"] == "EPSG:27700");
    REQUIRE(j["layers"].size() == 2);
    const json &z = j["layers"][0];
    const json &a = j["layers"][1];
    CHECK(z["layer"] == "zones_bng");
    CHECK(z["crs"]["code"] == "EPSG:27700");
    CHECK(z["geometry_type"] == "Multi Polygon");
    CHECK(z["feature_count"] == 3);
    CHECK(z["load_report"]["loaded"] == 3);
    // README: zones extent (485737.99, 307573.63) - (487530.96, 310278.51), already BNG.
    check_extent(z["extent"], 485737.99, 307573.63, 487530.96, 310278.51, 0.001);
    CHECK(a["layer"] == "assets_wgs84");
    CHECK(a["crs"]["code"] == "EPSG:4326");
    CHECK(a["geometry_type"] == "Point");
    CHECK(a["feature_count"] == 4);
    CHECK(a["load_report"]["loaded"] == 4);
    // Reprojected into BNG: the same 4 libraries as rutland_facilities.gpkg:libraries_2016, whose
    // ogrinfo extent is (486258.244184, 299655.000202) - (503446.997865, 310576.000228); +-5 m as the
    // README allows for Helmert vs OSTN15.
    check_extent(a["extent"], 486258.244184, 299655.000202, 503446.997865, 310576.000228, 5.0);
    CHECK(cwd.entries().empty());
    watch.check_unchanged();

    // The Oakham library: README "Oakham library -> (486258.25, 308726.04) +-5 m". info prints no
    // coordinates, so describe a copy of the file holding only Oakham's feature: its extent is the point.
    const std::string text = pooled::test::read_file(assets);
    const auto begin = text.find("{ \"type\": \"Feature\", \"properties\": { \"name\": \"Oakham\"");
    REQUIRE(begin != std::string::npos);
    const auto end = text.find('\n', begin);
    REQUIRE(end != std::string::npos);
    std::string feature = text.substr(begin, end - begin);
    if (!feature.empty() && feature.back() == ',') {
        feature.pop_back();
    }
    TempDir input_dir;
    const std::string oakham = (input_dir.path() / "oakham_wgs84.geojson").string();
    std::ofstream(oakham) << "{\"type\": \"FeatureCollection\", \"name\": \"oakham_wgs84\", \"features\": [\n"
                          << feature << "\n]}\n";
    TempDir cwd2;
    const json o = parse_json(run_pooled({"info", zones, oakham, "--json"}, cwd2.str()));
    CHECK(o["working_crs"]["code"] == "EPSG:27700");
    REQUIRE(o["layers"].size() == 2);
    CHECK(o["layers"][1]["crs"]["code"] == "EPSG:4326");
    CHECK(o["layers"][1]["feature_count"] == 1);
    check_extent(o["layers"][1]["extent"], 486258.25, 308726.04, 486258.25, 308726.04, 5.0);
    // README: Oakham library lies inside zone E01035106, so inside the zones' extent.
    CHECK(o["layers"][1]["extent"][0].get<double>() > 485737.99);
    CHECK(o["layers"][1]["extent"][2].get<double>() < 487530.96);
    CHECK(o["layers"][1]["extent"][1].get<double>() > 307573.63);
    CHECK(o["layers"][1]["extent"][3].get<double>() < 310278.51);
    CHECK(cwd2.entries().empty());
}

TEST_CASE("info bad #9b mixed_crs/zones_no_crs.csv: crs, WKT zones without a CRS", "[cli][bad-input]") {
    // README: crs, no --crs, FID -, field -.
    check_bad_case({"bad/mixed_crs/zones_no_crs.csv", {}, "zones_no_crs", {}, {}, false, {"CRS"}});
}

TEST_CASE("info bad #10 rutland_zones.gpkg:no_such_layer: io, missing layer", "[cli][bad-input]") {
    // README: io; "The message should name no_such_layer (ideally list the layers: lsoa21, lsoa21_wgs84,
    // oa21_pwc, lsoa21_pwc, msoa21, lad21_buc)".
    check_bad_case({"rutland/rutland_zones.gpkg:no_such_layer", {}, "no_such_layer", {}, {}, false,
                    {"lsoa21, lsoa21_wgs84, oa21_pwc, lsoa21_pwc, msoa21, lad21_buc"}});
}

TEST_CASE("info bad #11 does_not_exist.gpkg: io, no such file", "[cli][bad-input]") {
    REQUIRE_FALSE(fs::exists(pooled::test::testdata("bad/does_not_exist.gpkg")));
    check_bad_case({"bad/does_not_exist.gpkg", {}, {}, {}, {}, false, {}});
    CHECK_FALSE(fs::exists(pooled::test::testdata("bad/does_not_exist.gpkg"))); // README: never create it
}

TEST_CASE("info bad #12 README.md/sub.gpkg: io, unreadable location", "[cli][bad-input]") {
    // README: a path under a regular FILE (ENOTDIR), since a mode-000 directory does not stop root.
    check_bad_case({"bad/README.md/sub", {}, {}, {}, {}, false, {}});
    check_bad_case({"bad/README.md/sub.gpkg", {}, {}, {}, {}, false, {}});

    // README: "A test that also wants the chmod-000 case must create the directory at run time and skip
    // that part when geteuid() == 0."
    if (::geteuid() == 0) {
        WARN("running as root: the chmod-000 directory part is skipped (root reads it anyway)");
        return;
    }
    TempDir holder;
    const fs::path locked = holder.path() / "locked";
    fs::create_directory(locked);
    fs::copy_file(pooled::test::testdata("bad/empty_layer.gpkg"), locked / "zones.gpkg");
    REQUIRE(::chmod(locked.c_str(), 0) == 0);
    TempDir cwd;
    const CliResult r = run_pooled({"info", (locked / "zones.gpkg").string()}, cwd.str());
    ::chmod(locked.c_str(), 0700); // so that TempDir can remove it
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.out.empty());
    CHECK(pooled::test::line_count(r.err) == 1);
    CHECK(r.err.find((locked / "zones.gpkg").string()) != std::string::npos);
    CHECK(cwd.entries().empty());
}

TEST_CASE("info bad #13 negative_population.csv: data, negative count", "[cli][bad-input]") {
    // README: data, FID 4, field ts0010001 (value -12).
    check_bad_case({"bad/negative_population.csv",
                    bng + std::vector<std::string>{"--x-field", "X", "--y-field", "Y", "--count-field", "ts0010001"},
                    "negative_population", 4, {"ts0010001"}, false, {"-12"}});
}

TEST_CASE("info bad #14 empty_geometry.geojson: data, null geometry", "[cli][bad-input]") {
    // README: data, layer empty_geometry, FID 1, field geometry (assets).
    check_bad_case({"bad/empty_geometry.geojson", {}, "empty_geometry", 1, {}, true, {}});
}

TEST_CASE("info bad #15 mixed_geometry.geojson: data, a Point among zone Polygons", "[cli][bad-input]") {
    // README: data, FID 1, field geometry (as zones, population=pop).
    check_bad_case({"bad/mixed_geometry.geojson", {"--count-field", "pop"}, "mixed_geometry", 1, {}, true, {}});
}

TEST_CASE("info bad #16 bad_crs.shp: crs, prose .prj", "[cli][bad-input]") {
    // README: crs, layer bad_crs, FID -, field -; must report an unusable CRS, not crash.
    check_bad_case({"bad/bad_crs.shp", {}, "bad_crs", {}, {}, false, {"CRS"}});
}

// README: data, layer far_outside, FID 2, field geometry (GeoJSON's geometry has no column name).
TEST_CASE("info bad #17 far_outside.geojson: data, x = 5000000", "[cli][bad-input]") {
    check_bad_case({"bad/far_outside.geojson", {}, "far_outside", 2, {}, true, {"5000000"}});
}

TEST_CASE("info bad #18 not_a_number_float.csv: data, '12,5O0' floor area", "[cli][bad-input]") {
    // README: data, FID 2, field gia_m2 (X=easting, Y=northing, floor area=gia_m2, --crs EPSG:27700).
    check_bad_case({"bad/not_a_number_float.csv",
                    bng + std::vector<std::string>{"--x-field", "easting", "--y-field", "northing", "--count-field",
                                                   "gia_m2"},
                    "not_a_number_float", 2, {"gia_m2"}, false, {"12,5O0"}});
}

TEST_CASE("info bad #19 zero_byte.gpkg: io, empty file", "[cli][bad-input]") {
    check_bad_case({"bad/zero_byte.gpkg", {}, {}, {}, {}, false, {}});
}

// README: data, FID 2, field WKT; "pooled must notice 'WKT text present but no geometry' itself"
// (GDAL silently gives the feature a null geometry).
TEST_CASE("info bad #20 wrong_geom_wkt.csv: data, unparsable WKT", "[cli][bad-input]") {
    check_bad_case({"bad/wrong_geom_wkt.csv", bng + std::vector<std::string>{"--count-field", "ts0010001"},
                    "wrong_geom_wkt", 2, {"WKT"}, false, {}});
}

// README: data, FID 4, field easting (empty easting and northing).
TEST_CASE("info bad #21 missing_coordinates.csv: data, empty easting/northing", "[cli][bad-input]") {
    check_bad_case({"bad/missing_coordinates.csv",
                    bng + std::vector<std::string>{"--x-field", "easting", "--y-field", "northing"},
                    "missing_coordinates", 4, {"easting"}, false, {}});
}

TEST_CASE("info bad #22 lonlat_declared_bng.csv: crs, degrees declared as BNG", "[cli][bad-input]") {
    // README: crs, FID -, field -. (pooled also names the first such feature, which is fine.)
    check_bad_case({"bad/lonlat_declared_bng.csv",
                    bng + std::vector<std::string>{"--x-field", "x", "--y-field", "y"},
                    "lonlat_declared_bng", {}, {}, false, {"longitude and latitude"}});
}

// README: crs, path "testdata/bad/unknown_epsg.geojson (layer unknown_epsg)". GDAL only logs PROJ's
// "crs not found" and falls back to WGS 84; pooled treats the message as the failure it is.
TEST_CASE("info bad #23 unknown_epsg.geojson: crs, EPSG::999999", "[cli][bad-input]") {
    check_bad_case({"bad/unknown_epsg.geojson", {}, "unknown_epsg", {}, {}, false, {"crs not found"}});
}

// ---------------------------------------------------------------------------------------------
// The real DFRS register as published: FID 15 (Dronfield, easting 345678) and FID 31 (Whaley
// Bridge, northing 318327) are wrong (testdata/README.md, "suspect rows").
//
// Independent reference for the distances: SpatiaLite via GDAL 3.6.2,
//   ogrinfo -ro -q -dialect sqlite testdata/derbyshire/derbyshire_zones.gpkg -sql
//     "SELECT min(ST_Distance(geom, MakePoint(345678, 377946, 27700))) AS d15,
//             min(ST_Distance(geom, MakePoint(401252, 318327, 27700))) AS d31 FROM lsoa21"
// gives d15 = 52840.6087 m and d31 = 17135.8514 m.

namespace {
const std::vector<std::string> register_args{"info",
                                             pooled::test::testdata("derbyshire/dfrs_register_reported.csv"),
                                             "--crs",
                                             "EPSG:27700",
                                             "--study-area",
                                             pooled::test::testdata("derbyshire/derbyshire_zones.gpkg:lsoa21")};

/// The distance in "... lies N m outside the study area ...".
double distance_in(const std::string &problem) {
    std::smatch m;
    REQUIRE(std::regex_search(problem, m, std::regex("lies ([0-9.]+) m outside the study area")));
    return std::stod(m[1].str());
}
} // namespace

TEST_CASE("info dfrs_register_reported.csv fails at feature 15, outside the study area", "[cli][bad-input]") {
    const std::string csv = pooled::test::testdata("derbyshire/dfrs_register_reported.csv");
    InputsWatch watch({csv});
    TempDir cwd;
    const CliResult r = run_pooled(register_args, cwd.str());
    INFO("exit " << r.exit_code << "\nstderr: " << r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.out.empty());
    CHECK(pooled::test::line_count(r.err) == 1);
    CHECK(r.err.find(csv) != std::string::npos);
    CHECK(r.err.find("layer 'dfrs_register_reported'") != std::string::npos);
    CHECK(names_feature(r.err, 15));
    CHECK(r.err.find("52841 m") != std::string::npos);
    CHECK(std::abs(distance_in(r.err) - 52840.6087) < 1.0); // SpatiaLite ST_Distance, above
    CHECK(cwd.entries().empty());
    watch.check_unchanged();
}

TEST_CASE("info dfrs_register_reported.csv --on-invalid skip skips features 15 and 31", "[cli][bad-input]") {
    const std::string csv = pooled::test::testdata("derbyshire/dfrs_register_reported.csv");
    InputsWatch watch({csv});
    TempDir cwd;
    const CliResult r = run_pooled(register_args + std::vector<std::string>{"--on-invalid", "skip", "--json"}, cwd.str());
    CHECK(r.err.empty());
    const json j = parse_json(r);
    REQUIRE(j["layers"].size() == 1);
    const json &layer = j["layers"][0];
    const json &report = layer["load_report"];
    CHECK(report["read"] == 56); // testdata/README.md: 56 rows
    CHECK(report["loaded"] == 54);
    CHECK(report["skipped"] == 2);
    CHECK(report["issues_by_kind"] == json{{"outside_area", 2}});
    REQUIRE(report["issues"].size() == 2);
    const json &i15 = report["issues"][0];
    const json &i31 = report["issues"][1];
    CHECK(i15["feature"] == 15);
    CHECK(i15["action"] == "skipped");
    CHECK(i15["problem"].get<std::string>().find("52841 m") != std::string::npos);
    CHECK(std::abs(distance_in(i15["problem"].get<std::string>()) - 52840.6087) < 1.0); // SpatiaLite
    CHECK(i31["feature"] == 31);
    CHECK(i31["action"] == "skipped");
    CHECK(i31["problem"].get<std::string>().find("17136 m") != std::string::npos);
    CHECK(std::abs(distance_in(i31["problem"].get<std::string>()) - 17135.8514) < 1.0); // SpatiaLite
    // With the two wrong rows left out the extent is the corrected register's: ogrinfo -ro -so
    // derbyshire_facilities.gpkg fire_estate_dfrs_2016 -> (400913, 319816) - (452948, 393297).
    check_extent(layer["extent"], 400913.0, 319816.0, 452948.0, 393297.0, 0.001);
    CHECK(cwd.entries().empty());
    watch.check_unchanged();
}

// ---------------------------------------------------------------------------------------------
// Usage errors (CLI11 parse): exit 2, nothing on stdout.

namespace {
void check_usage_error(const std::vector<std::string> &args, const std::string &expected_in_err) {
    TempDir cwd;
    const CliResult r = run_pooled(args, cwd.str());
    INFO("exit " << r.exit_code << "\nstdout: " << r.out << "\nstderr: " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK_FALSE(r.err.empty());
    CHECK(r.err.find(expected_in_err) != std::string::npos);
    CHECK(cwd.entries().empty());
}
} // namespace

TEST_CASE("pooled info without layers is a usage error", "[cli][usage]") {
    check_usage_error({"info"}, "layers is required");
}

TEST_CASE("pooled info --on-invalid banana is a usage error", "[cli][usage]") {
    check_usage_error({"info", pooled::test::testdata("bad/text_population.csv"), "--on-invalid", "banana"}, "banana");
}

TEST_CASE("pooled nosuchcommand is a usage error", "[cli][usage]") {
    check_usage_error({"nosuchcommand"}, "");
}

TEST_CASE("pooled nosuchcommand names the unknown command", "[cli][usage]") {
    check_usage_error({"nosuchcommand"}, "nosuchcommand");
}

TEST_CASE("pooled --version prints the version", "[cli][usage]") {
    TempDir cwd;
    const CliResult r = run_pooled({"--version"}, cwd.str());
    CHECK(r.exit_code == 0);
    CHECK(r.out == "pooled 0.1.0\n");
    CHECK(r.err.empty());
}

TEST_CASE("pooled help info prints the options of info", "[cli][usage]") {
    TempDir cwd;
    const CliResult r = run_pooled({"help", "info"}, cwd.str());
    INFO("stdout: " << r.out << "\nstderr: " << r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    for (const char *option : {"--json", "--on-invalid", "--crs", "--working-crs", "--x-field", "--y-field",
                               "--wkt-field", "--study-area", "--study-area-margin", "--id-field", "--count-field",
                               "--allow-empty", "fail,skip,repair"}) {
        INFO("option " << option);
        CHECK(r.out.find(option) != std::string::npos);
    }
}

TEST_CASE("pooled help info prints the same text as pooled info --help", "[cli][usage]") {
    TempDir cwd;
    const CliResult help = run_pooled({"help", "info"}, cwd.str());
    const CliResult dash_help = run_pooled({"info", "--help"}, cwd.str());
    CHECK(dash_help.exit_code == 0);
    CHECK(help.out == dash_help.out);
}

TEST_CASE("pooled help nosuchcommand is a usage error", "[cli][usage]") {
    check_usage_error({"help", "nosuchcommand"}, "nosuchcommand");
}

TEST_CASE("info bad F3 fuzz/csv_layer/x_1e308.csv: data, a coordinate of 1e308 named in short", "[cli][bad-input]") {
    // README (fuzz findings): row 1 has x = 1e308; the message wrote it with 309 digits and,
    // cut at 95 characters, lost the y. Now the shortest form: 1e+308.
    check_bad_case({"bad/fuzz/csv_layer/x_1e308.csv", bng, "x_1e308", 1, {"x, y"}, false,
                    {"coordinates (1e+308 300000) lie outside the area of use of EPSG:27700"}});
}

