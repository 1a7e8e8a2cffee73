// Unit tests of pooled::crs (src/crs/crs.cpp).
//
// Expected values come from PROJ's own command-line tools (Debian 12 package proj-bin,
// PROJ 9.1.1), run with the network off (PROJ_NETWORK=OFF, as pooled runs) and the
// Debian proj-data grids, i.e. WITHOUT the OSTN15 grid: `projinfo -s EPSG:4326 -t
// EPSG:27700` then lists the grid-based operation as "at least one grid missing" and
// cs2cs, like pooled, uses "OSGB36 to WGS 84 (6)" (Helmert, 2 m). If the OSTN15 grid
// (uk_os_OSTN15_NTv2_OSGBtoETRS.tif) is ever installed, the BNG coordinates below move by
// up to a couple of metres and must be recomputed with the commands quoted.

#include "support/catch.hpp"
#include "support/errors.hpp"

#include <pooled/core/error.hpp>
#include <pooled/crs/crs.hpp>

#include <cmath>
#include <optional>
#include <string>
#include <thread>
#include <vector>

using pooled::Errc;
using pooled::crs::choose_working_crs;
using pooled::crs::Crs;
using pooled::crs::CrsKind;
using pooled::crs::LonLatBox;
using pooled::crs::to_lon_lat;
using pooled::crs::Transformer;
using pooled::crs::WorkingCrs;
using pooled::test::code_of;
using pooled::test::message_of;
using pooled::test::contains;

namespace {

// The WKT1 that GDAL 3.6.2 wrote for the lsoa21 layer of
// testdata/derbyshire/derbyshire_zones.gpkg (gpkg_spatial_ref_sys, srs_id 27700), with its
// final AUTHORITY["EPSG","27700"] removed: a definition PROJ has to identify, as in data
// from tools that write no identifier. `projinfo --identify` on it says "EPSG:27700: 100 %".
const char *const bng_wkt1_without_id =
    R"(PROJCS["OSGB36 / British National Grid",GEOGCS["OSGB36",DATUM["Ordnance_Survey_of_Great_Britain_1936",)"
    R"(SPHEROID["Airy 1830",6377563.396,299.3249646]],PRIMEM["Greenwich",0],)"
    R"(UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4277"]],)"
    R"(PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",49],)"
    R"(PARAMETER["central_meridian",-2],PARAMETER["scale_factor",0.9996012717],)"
    R"(PARAMETER["false_easting",400000],PARAMETER["false_northing",-100000],UNIT["metre",1],)"
    R"(AXIS["Easting",EAST],AXIS["Northing",NORTH]])";

// The WKT2 of EPSG:27700 with its top-level ID["EPSG",27700] cut out.
std::string bng_wkt2_without_id() {
    std::string wkt = Crs::from_user_input("EPSG:27700").wkt();
    const auto id = wkt.rfind("ID[\"EPSG\",27700]");
    REQUIRE(id != std::string::npos);
    const auto comma = wkt.rfind(',', id);
    REQUIRE(comma != std::string::npos);
    wkt.erase(comma, wkt.find(']', id) + 1 - comma);
    REQUIRE(wkt.find("27700") == std::string::npos);
    return wkt;
}

// Derbyshire's lsoa21 layer extent in BNG metres, rounded outwards to the metre
// (`ogrinfo -so testdata/derbyshire/derbyshire_zones.gpkg lsoa21`:
// (397850.373554, 311057.309951) - (455676.174321, 404872.313024)).
constexpr double derby_min_x = 397850.0;
constexpr double derby_min_y = 311057.0;
constexpr double derby_max_x = 455677.0;
constexpr double derby_max_y = 404873.0;

} // namespace

TEST_CASE("EPSG:27700 is British National Grid, projected and metric", "[crs]") {
    const Crs bng = Crs::from_user_input("EPSG:27700");
    CHECK(bng.authority_code() == "EPSG:27700");
    CHECK(bng.name() == "OSGB36 / British National Grid");
    CHECK(bng.kind() == CrsKind::projected);
    CHECK(bng.is_projected());
    CHECK_FALSE(bng.is_geographic());
    CHECK(bng.is_metric());
    CHECK(bng.display() == "EPSG:27700 (OSGB36 / British National Grid)");
    CHECK(bng.wkt().rfind("PROJCRS[\"OSGB36 / British National Grid\"", 0) == 0);
    // `projinfo EPSG:27700`: BBOX[49.75,-9,61.01,2.01] (south, west, north, east).
    REQUIRE(bng.area_of_use().has_value());
    CHECK(bng.area_of_use()->west == Approx(-9.0));
    CHECK(bng.area_of_use()->south == Approx(49.75));
    CHECK(bng.area_of_use()->east == Approx(2.01));
    CHECK(bng.area_of_use()->north == Approx(61.01));
    CHECK_NOTHROW(WorkingCrs(bng));
}

TEST_CASE("EPSG:4326 is geographic and cannot be a working CRS", "[crs]") {
    const Crs wgs84 = Crs::from_user_input("EPSG:4326");
    CHECK(wgs84.authority_code() == "EPSG:4326");
    CHECK(wgs84.name() == "WGS 84");
    CHECK(wgs84.kind() == CrsKind::geographic);
    CHECK_FALSE(wgs84.is_metric());
    // `projinfo EPSG:4326`: BBOX[-90,-180,90,180].
    REQUIRE(wgs84.area_of_use().has_value());
    CHECK(wgs84.area_of_use()->west == -180.0);
    CHECK(wgs84.area_of_use()->north == 90.0);

    CHECK(code_of([&] { WorkingCrs{wgs84}; }) == Errc::crs);
    CHECK(message_of([&] { WorkingCrs{wgs84}; }) ==
          "working CRS must be projected with metre units: EPSG:4326 (WGS 84)");
}

TEST_CASE("a projected CRS in US survey feet is not metric", "[crs]") {
    // `projinfo EPSG:2227`: "NAD83 / California zone 3 (ftUS)", axes in
    // LENGTHUNIT["US survey foot",0.304800609601219].
    const Crs feet = Crs::from_user_input("EPSG:2227");
    CHECK(feet.is_projected());
    CHECK_FALSE(feet.is_metric());
    CHECK(code_of([&] { WorkingCrs{feet}; }) == Errc::crs);
}

TEST_CASE("a WKT without an identifier is identified", "[crs]") {
    const Crs bng = Crs::from_user_input("EPSG:27700");

    const Crs from_wkt1 = Crs::from_user_input(bng_wkt1_without_id);
    CHECK(from_wkt1.authority_code() == "EPSG:27700");
    CHECK(from_wkt1.name() == "OSGB36 / British National Grid");
    CHECK(from_wkt1.is_metric());
    CHECK(from_wkt1.equivalent_to(bng));
    CHECK(bng.equivalent_to(from_wkt1));

    const Crs from_wkt2 = Crs::from_user_input(bng_wkt2_without_id());
    CHECK(from_wkt2.authority_code() == "EPSG:27700");
    CHECK(from_wkt2.equivalent_to(bng));
}

TEST_CASE("other kinds of user input", "[crs]") {
    const Crs bng = Crs::from_user_input("EPSG:27700");

    SECTION("WKT2 round-trips") {
        const Crs again = Crs::from_user_input(bng.wkt());
        CHECK(again.authority_code() == "EPSG:27700");
        CHECK(again.wkt() == bng.wkt());
        CHECK(again.equivalent_to(bng));
    }
    SECTION("a PROJ string without +type=crs is taken as the CRS it describes") {
        // `projinfo --identify` gives EPSG:32630 only 70 %, below the 90 % pooled needs.
        const Crs utm = Crs::from_user_input("+proj=utm +zone=30 +datum=WGS84 +units=m");
        CHECK(utm.is_projected());
        CHECK(utm.is_metric());
        CHECK(utm.authority_code().empty());
        CHECK(utm.display() == utm.name());
        CHECK(utm.equivalent_to(Crs::from_user_input("EPSG:32630")));
    }
    SECTION("a BoundCRS (+towgs84) is judged by its source CRS") {
        const Crs bound = Crs::from_user_input(
            "+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy "
            "+towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs +type=crs");
        CHECK(bound.wkt().rfind("BOUNDCRS[", 0) == 0);
        CHECK(bound.is_projected());
        CHECK(bound.is_metric());
        CHECK_NOTHROW(WorkingCrs(bound));
    }
    SECTION("a CompoundCRS is judged by its horizontal part") {
        // `projinfo EPSG:7405`: COMPOUNDCRS["OSGB36 / British National Grid + ODN height", ...
        // BBOX[49.93,-7.06,58.71,1.8]].
        const Crs compound = Crs::from_user_input("EPSG:7405");
        CHECK(compound.authority_code() == "EPSG:7405");
        CHECK(compound.name() == "OSGB36 / British National Grid + ODN height");
        CHECK(compound.is_projected());
        CHECK(compound.is_metric());
        REQUIRE(compound.area_of_use().has_value());
        CHECK(compound.area_of_use()->west == Approx(-7.06));
        CHECK(compound.area_of_use()->north == Approx(58.71));
    }
    SECTION("OGC:CRS84 is WGS 84 with the axes the other way round") {
        const Crs crs84 = Crs::from_user_input("OGC:CRS84");
        CHECK(crs84.authority_code() == "OGC:CRS84");
        CHECK(crs84.is_geographic());
        CHECK(crs84.equivalent_to(Crs::from_user_input("EPSG:4326")));
        CHECK_FALSE(crs84.equivalent_to(bng));
    }
}

TEST_CASE("text that is not a CRS is rejected", "[crs]") {
    CHECK(code_of([] { Crs::from_user_input("not a crs at all"); }) == Errc::crs);
    CHECK(message_of([] { Crs::from_user_input("not a crs at all"); })
              .rfind("unknown CRS: 'not a crs at all'", 0) == 0);
    CHECK(code_of([] { Crs::from_user_input(""); }) == Errc::crs);
    CHECK(code_of([] { Crs::from_user_input("EPSG:999999"); }) == Errc::crs);

    // PROJ objects that are not CRSs: an ellipsoid and a coordinate operation.
    CHECK(message_of([] { Crs::from_user_input("urn:ogc:def:ellipsoid:EPSG::7030"); }) ==
          "unknown CRS: 'urn:ogc:def:ellipsoid:EPSG::7030' (an ellipsoid, not a coordinate reference system)");
    CHECK(message_of([] { Crs::from_user_input("+proj=pipeline +step +proj=axisswap +order=2,1"); })
              .find("a coordinate operation, not a coordinate reference system") != std::string::npos);

    // Long text is cut to about 80 characters.
    const std::string long_text(300, 'x');
    const std::string message = message_of([&] { Crs::from_user_input(long_text); });
    CHECK(message.rfind("unknown CRS: '" + std::string(77, 'x') + "...'", 0) == 0);
    CHECK(message.size() < 200);
}

TEST_CASE("Transformer 4326 -> 27700 matches cs2cs", "[crs]") {
    const Crs wgs84 = Crs::from_user_input("EPSG:4326");
    const Crs bng = Crs::from_user_input("EPSG:27700");
    const Transformer to_bng(wgs84, bng);
    CHECK_FALSE(to_bng.is_identity());

    // x = longitude, y = latitude, although EPSG:4326 says latitude first.
    // `echo "53.2350 -1.4746" | cs2cs -d 3 EPSG:4326 EPSG:27700` -> 435166.273 371013.858
    // `echo "51.5007 -0.1246" | cs2cs -d 3 EPSG:4326 EPSG:27700` -> 530269.902 179640.717
    // (cs2cs takes EPSG:4326 in its own latitude, longitude order.)
    std::vector<double> x{-1.4746, -0.1246};
    std::vector<double> y{53.2350, 51.5007};
    CHECK(to_bng.transform(x.data(), y.data(), x.size()) == 2);
    CHECK(x[0] == Approx(435166.273).margin(0.001));
    CHECK(y[0] == Approx(371013.858).margin(0.001));
    CHECK(x[1] == Approx(530269.902).margin(0.001));
    CHECK(y[1] == Approx(179640.717).margin(0.001));

    // And back. The Helmert of "OSGB36 to WGS 84 (6)" is not exactly invertible (PROJ's
    // small-angle rotation): cs2cs there and back gives 53.234999996827, -1.474599987275,
    // i.e. ~1e-8 degree (1 mm), so this round trip is checked to 1e-7 degree.
    const Transformer to_wgs84(bng, wgs84);
    CHECK(to_wgs84.transform(x.data(), y.data(), x.size()) == 2);
    CHECK(x[0] == Approx(-1.4746).margin(1e-7));
    CHECK(y[0] == Approx(53.2350).margin(1e-7));
    CHECK(x[1] == Approx(-0.1246).margin(1e-7));
    CHECK(y[1] == Approx(51.5007).margin(1e-7));
    // Same as cs2cs (`... | cs2cs -f %.12f EPSG:27700 EPSG:4326` of the 1-mm-rounded
    // easting/northing would differ, so compare to the full-precision chain instead).
    CHECK(y[0] == Approx(53.234999996827).margin(1e-10));
    CHECK(x[0] == Approx(-1.474599987275).margin(1e-10));
}

TEST_CASE("Transformer round trip through UTM is exact to 1e-9 degree", "[crs]") {
    // `echo "38.7223 -9.1393" | cs2cs -f %.6f EPSG:4326 EPSG:32629` -> 487890.758081 4285969.858869
    const Crs wgs84 = Crs::from_user_input("EPSG:4326");
    const Crs utm29 = Crs::from_user_input("EPSG:32629");
    double x = -9.1393;
    double y = 38.7223;
    CHECK(Transformer(wgs84, utm29).transform(&x, &y, 1) == 1);
    CHECK(x == Approx(487890.758081).margin(1e-6));
    CHECK(y == Approx(4285969.858869).margin(1e-6));
    CHECK(Transformer(utm29, wgs84).transform(&x, &y, 1) == 1);
    CHECK(x == Approx(-9.1393).margin(1e-9));
    CHECK(y == Approx(38.7223).margin(1e-9));
}

TEST_CASE("Transformer with a stride, and points that fail", "[crs]") {
    const Transformer to_bng(Crs::from_user_input("EPSG:4326"), Crs::from_user_input("EPSG:27700"));
    // Interleaved x, y pairs; the middle point has latitude 95
    // (`echo "95 -1.4746" | cs2cs EPSG:4326 EPSG:27700` -> "* * inf ... Invalid latitude").
    std::vector<double> xy{-1.4746, 53.2350, -1.4746, 95.0, -0.1246, 51.5007};
    CHECK(to_bng.transform(&xy[0], &xy[1], 3, 2) == 2);
    CHECK(xy[0] == Approx(435166.273).margin(0.001));
    CHECK(xy[1] == Approx(371013.858).margin(0.001));
    CHECK(xy[2] == HUGE_VAL);
    CHECK(xy[3] == HUGE_VAL);
    CHECK(xy[4] == Approx(530269.902).margin(0.001));
    CHECK(xy[5] == Approx(179640.717).margin(0.001));

    // A failed batch leaves no error behind for the next one.
    double x = -1.4746;
    double y = 53.2350;
    CHECK(to_bng.transform(&x, &y, 1) == 1);
    CHECK(x == Approx(435166.273).margin(0.001));
    CHECK(to_bng.transform(&x, &y, 0) == 0);
    CHECK(code_of([&] { to_bng.transform(&x, &y, 1, 0); }) == Errc::argument);
}

TEST_CASE("Transformer between equivalent CRSs is the identity", "[crs]") {
    Transformer same(Crs::from_user_input("EPSG:27700"), Crs::from_user_input(bng_wkt1_without_id));
    CHECK(same.is_identity());
    double x = 1.5;
    double y = 2.5;
    CHECK(same.transform(&x, &y, 1) == 1);
    CHECK(x == 1.5);
    CHECK(y == 2.5);
    double min_x = 1.0, min_y = 2.0, max_x = 3.0, max_y = 4.0;
    same.transform_bounds(min_x, min_y, max_x, max_y);
    CHECK(min_x == 1.0);
    CHECK(max_y == 4.0);

    // Moving keeps it usable.
    Transformer moved(std::move(same));
    CHECK(moved.is_identity());
}

TEST_CASE("no transformation between unrelated CRSs", "[crs]") {
    // An engineering CRS (a local site grid) is tied to no datum.
    const Crs site = Crs::from_user_input(R"(ENGCRS["Site grid",EDATUM["Site"],CS[Cartesian,2],)"
                                          R"(AXIS["x",east,ORDER[1],LENGTHUNIT["metre",1]],)"
                                          R"(AXIS["y",north,ORDER[2],LENGTHUNIT["metre",1]]])");
    CHECK(site.kind() == CrsKind::other);
    CHECK_FALSE(site.is_metric());
    CHECK(message_of([&] { Transformer(site, Crs::from_user_input("EPSG:27700")); })
              .rfind("no transformation from Site grid to EPSG:27700 (OSGB36 / British National Grid)", 0) == 0);
}

TEST_CASE("a box that cannot be transformed is named in short numbers", "[crs]") {
    // Found while fuzzing CSV layers (testdata/bad/README.md F3): a point at x = 1e308 in a
    // BNG CSV gave a message with the number written out in 309 digits (std::to_string's %f).
    const Transformer to_wgs84(Crs::from_user_input("EPSG:27700"), Crs::from_user_input("EPSG:4326"));
    double min_x = 1e308, min_y = 300000.0, max_x = 1e308, max_y = 300000.0;
    const std::string message = message_of([&] { to_wgs84.transform_bounds(min_x, min_y, max_x, max_y); });
    // number_text is the shortest round-trip form, so 300000 is written 3e+05.
    CHECK(contains(message, "cannot transform the box (1e+308, 3e+05, 1e+308, 3e+05) from EPSG:27700"));
    CHECK(message.size() < 300);
}

TEST_CASE("to_lon_lat of a BNG box", "[crs]") {
    // Reference: the box's edges sampled as proj_trans_bounds samples them (21 densify
    // points: 22 steps per edge), each point through
    // `cs2cs -f %.12f EPSG:27700 EPSG:4326`, then min/max. The north edge bows: its
    // maximum (53.540501977645) is 5e-6 degree above the north-west corner's latitude.
    const LonLatBox box = to_lon_lat(Crs::from_user_input("EPSG:27700"), derby_min_x, derby_min_y,
                                     derby_max_x, derby_max_y);
    CHECK(box.west == Approx(-2.033912996734).margin(1e-9));
    CHECK(box.south == Approx(52.694341208925).margin(1e-9));
    CHECK(box.east == Approx(-1.161381653729).margin(1e-9));
    CHECK(box.north == Approx(53.540501977645).margin(1e-9));

    // Already in degrees: unchanged.
    const LonLatBox same = to_lon_lat(Crs::from_user_input("EPSG:4326"), -9.2, 38.6, -9.0, 38.8);
    CHECK(same.west == -9.2);
    CHECK(same.north == 38.8);
}

TEST_CASE("choose_working_crs", "[crs]") {
    const std::optional<Crs> none;
    SECTION("data in Great Britain: British National Grid") {
        const LonLatBox derbyshire = to_lon_lat(Crs::from_user_input("EPSG:27700"), derby_min_x, derby_min_y,
                                                derby_max_x, derby_max_y);
        CHECK(choose_working_crs(none, derbyshire).crs().authority_code() == "EPSG:27700");
    }
    SECTION("elsewhere: the UTM zone of the centre") {
        // Lisbon, lon -9.2: floor((-9.2 + 180) / 6) + 1 = 29, north.
        CHECK(choose_working_crs(none, {-9.3, 38.6, -9.1, 38.8}).crs().authority_code() == "EPSG:32629");
        // Sydney, lon 151.2, lat -33.87: zone 56, south.
        CHECK(choose_working_crs(none, {151.1, -33.95, 151.3, -33.8}).crs().authority_code() == "EPSG:32756");
        // Partly outside BNG's area of use (west of 9 W): not BNG.
        CHECK(choose_working_crs(none, {-9.5, 53.0, -8.5, 54.0}).crs().authority_code() == "EPSG:32629");
    }
    SECTION("the user's choice wins") {
        const LonLatBox derbyshire{-2.04, 52.69, -1.16, 53.55};
        const WorkingCrs chosen = choose_working_crs(Crs::from_user_input("EPSG:32630"), derbyshire);
        CHECK(chosen.crs().authority_code() == "EPSG:32630");
        CHECK(code_of([&] { choose_working_crs(Crs::from_user_input("EPSG:4326"), derbyshire); }) == Errc::crs);
    }
}

TEST_CASE("utm_zone_for", "[crs]") {
    CHECK(WorkingCrs::utm_zone_for(-180.0, 10.0).crs().authority_code() == "EPSG:32601");
    CHECK(WorkingCrs::utm_zone_for(180.0, 10.0).crs().authority_code() == "EPSG:32660"); // clamped
    CHECK(WorkingCrs::utm_zone_for(-0.0001, 0.0).crs().authority_code() == "EPSG:32630");
    CHECK(WorkingCrs::utm_zone_for(0.0, -0.0001).crs().authority_code() == "EPSG:32731");
    CHECK(WorkingCrs::utm_zone_for(5.3, 60.4).crs().authority_code() == "EPSG:32631"); // no 32V exception
    CHECK(WorkingCrs::utm_zone_for(-1.4746, 53.2350).crs().display() == "EPSG:32630 (WGS 84 / UTM zone 30N)");
    CHECK(code_of([] { WorkingCrs::utm_zone_for(std::nan(""), 0.0); }) == Errc::argument);
    CHECK(WorkingCrs::british_national_grid().crs().authority_code() == "EPSG:27700");
}

TEST_CASE("a Crs is shared across threads", "[crs]") {
    const Crs bng = Crs::from_user_input("EPSG:27700");
    const Crs wgs84 = Crs::from_user_input("EPSG:4326");
    std::vector<double> eastings(4, 0.0);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < eastings.size(); ++t) {
        threads.emplace_back([&, t] {
            const Transformer to_bng(wgs84, bng); // one per thread
            double x = -1.4746;
            double y = 53.2350;
            to_bng.transform(&x, &y, 1);
            eastings[t] = bng.equivalent_to(wgs84) ? 0.0 : x;
        });
    }
    for (auto &thread : threads) {
        thread.join();
    }
    for (const double e : eastings) {
        CHECK(e == Approx(435166.273).margin(0.001));
    }
}
