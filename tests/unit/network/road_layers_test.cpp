// Unit tests of road segments from GDAL layers (src/network/road_layers.cpp): road lines noded
// at shared vertices, and edge tables in the pgRouting convention.
//
// Where the expected numbers come from:
// - testdata/network/*.geojson and edges_*.csv are hand-made (testdata/network/SOURCE.md); their
//   lengths are hand calculations in the comments (axis-parallel lines, 3-4-5 triangles).
// - Speeds: km/h / 3.6 = m/s; class defaults are the UK limits in src/network/osm_profile.cpp
//   (residential 30 mph, tertiary/unclassified 60 mph; 1 mph = 0.44704 m/s exactly), walking
//   4.8 km/h, cycling 16 km/h.
// - testdata/network/pgrouting_sample.csv is the pgRouting documentation's sample network
//   (https://docs.pgrouting.org/latest/en/sampledata.html); its vertex ids are those of the
//   published query results, e.g. pgRouting's docqueries/dijkstra/dijkstra.result.
// - Rutland: an independent noding in Python (sqlite3 + struct reading the GeoPackage blobs,
//   script in testdata/network/SOURCE.md) and SpatiaLite's ST_Length through ogrinfo.

#include "support/catch.hpp"
#include "support/errors.hpp"
#include "support/layers.hpp"
#include "support/testdata_path.hpp"

#include <pooled/core/error.hpp>
#include <pooled/crs/crs.hpp>
#include <pooled/io/layer.hpp>
#include <pooled/io/reader.hpp>
#include <pooled/network/graph.hpp>
#include <pooled/network/road_layers.hpp>
#include <pooled/network/search.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

using namespace pooled::test;
using pooled::Errc;
using pooled::Error;
using pooled::geometry::LineString;
using pooled::geometry::MultiLineString;
using pooled::geometry::Point;
using pooled::io::Feature;
using pooled::io::FieldDef;
using pooled::io::FieldType;
using pooled::io::FieldValue;
using pooled::io::Layer;
using pooled::network::EdgeCostUnit;
using pooled::network::EdgeTableFields;
using pooled::network::not_traversable;
using pooled::network::Profile;
using pooled::network::read_edge_table;
using pooled::network::read_road_lines;
using pooled::network::RoadEdge;
using pooled::network::RoadEdges;
using pooled::network::RoadLineFields;

namespace {

constexpr double mph = 0.44704; // m/s, exact
constexpr double kmh = 1.0 / 3.6;

Layer network_layer(const std::string &name, const pooled::io::ReadOptions &options = {}) {
    return read_testdata_layer("network/" + name, options);
}

/// The distinct junction keys of a set of edges.
std::set<std::uint64_t> junctions_of(const RoadEdges &roads) {
    std::set<std::uint64_t> keys;
    for (const auto &edge : roads.edges) {
        keys.insert(edge.source);
        keys.insert(edge.target);
    }
    return keys;
}

double total_metres(const RoadEdges &roads) {
    double sum = 0.0;
    for (const auto &edge : roads.edges) {
        sum += edge.metres;
    }
    return sum;
}

/// A road line layer held in memory (BNG), with fields fclass, oneway, maxspeed.
Layer memory_roads(std::vector<Feature> features) {
    pooled::io::LayerInfo info;
    info.source = pooled::io::LayerSource{"memory.gpkg", "roads"};
    info.layer_name = "roads";
    info.driver = "Memory";
    info.geometry_type = "Line String";
    info.fields = {FieldDef{"fclass", FieldType::string}, FieldDef{"oneway", FieldType::string},
                   FieldDef{"maxspeed", FieldType::real}};
    Layer layer(info, bng());
    layer.mutable_features() = std::move(features);
    return layer;
}

Feature road(std::int64_t fid, pooled::geometry::Geometry geometry, FieldValue fclass = std::string("residential"),
             FieldValue oneway = std::string("B"), FieldValue maxspeed = 0.0) {
    Feature feature;
    feature.fid = fid;
    feature.geometry = std::move(geometry);
    feature.values = {std::move(fclass), std::move(oneway), std::move(maxspeed)};
    return feature;
}

LineString straight(double x1, double y1, double x2, double y2) { return LineString{{Point{x1, y1}, Point{x2, y2}}}; }

} // namespace

// ---------------------------------------------------------------------------------------------
// Road lines

TEST_CASE("road lines: a T junction splits the through road at the shared vertex", "[network][roads]") {
    const RoadEdges roads = read_road_lines(network_layer("roads_t_junction.geojson"), Profile::drive);
    REQUIRE(roads.crs.has_value());
    CHECK(roads.crs->crs().equivalent_to(bng().crs()));
    // Junctions in (x, y) order: (486000 308000)=0, (486100 308000)=1, (486100 308150)=2,
    // (486200 308000)=3.
    REQUIRE(roads.edges.size() == 3);
    const RoadEdge &west = roads.edges[0];
    const RoadEdge &east = roads.edges[1];
    const RoadEdge &north = roads.edges[2];
    CHECK((west.source == 0 && west.target == 1 && west.origin_id == 0));
    CHECK((east.source == 1 && east.target == 3 && east.origin_id == 0));
    CHECK((north.source == 1 && north.target == 2 && north.origin_id == 1));
    CHECK(west.metres == 100.0);
    CHECK(east.metres == 100.0);
    CHECK(north.metres == 150.0);
    CHECK(west.shape == std::vector<Point>{{486000, 308000}, {486100, 308000}});
    CHECK(east.shape == std::vector<Point>{{486100, 308000}, {486200, 308000}});
    // maxspeed 48 km/h = 13.333 m/s: 100 m in 7.5 s both ways.
    CHECK(west.forward_seconds == Approx(7.5));
    CHECK(west.backward_seconds == Approx(7.5));
    // maxspeed 0 = unknown: the residential default, 30 mph = 13.4112 m/s; 150 m in 11.1847 s.
    CHECK(north.forward_seconds == Approx(150.0 / (30 * mph)));
    CHECK(north.backward_seconds == Approx(150.0 / (30 * mph)));
}

TEST_CASE("road lines: a crossing at a shared vertex is a junction, a bridge without one is not",
          "[network][roads]") {
    const RoadEdges roads = read_road_lines(network_layer("roads_crossings.geojson"), Profile::drive);
    // Features 0 and 1 cross at (486100 308300), a vertex of both: 4 segments of 100 m and 5
    // junctions. Feature 2 (a bridge) crosses feature 3 at (486100 308600), which is a vertex of
    // neither: 2 segments (200 m each), 4 more junctions, no connection.
    REQUIRE(roads.edges.size() == 6);
    CHECK(junctions_of(roads).size() == 9);
    for (std::size_t i = 0; i < 4; ++i) {
        CHECK(roads.edges[i].metres == 100.0);
        CHECK(roads.edges[i].forward_seconds == Approx(100.0 / (60 * mph))); // tertiary default 60 mph
    }
    // The four arms meet in one junction: (486100 308300) is the 4th point in (x, y) order,
    // after (486000 308300), (486000 308600) and (486100 308200).
    CHECK(roads.edges[0].target == 3);
    CHECK(roads.edges[1].source == 3);
    CHECK(roads.edges[2].target == 3);
    CHECK(roads.edges[3].source == 3);
    const RoadEdge &bridge = roads.edges[4];
    const RoadEdge &below = roads.edges[5];
    CHECK(bridge.metres == 200.0);
    CHECK(below.metres == 200.0);
    CHECK(bridge.forward_seconds == Approx(200.0 / (96 * kmh))); // maxspeed 96 km/h: 7.5 s
    CHECK(below.forward_seconds == Approx(200.0 / (60 * mph)));  // unclassified default 60 mph
    const std::set<std::uint64_t> bridge_ends{bridge.source, bridge.target};
    CHECK(bridge_ends.count(below.source) == 0);
    CHECK(bridge_ends.count(below.target) == 0);
}

TEST_CASE("road lines: one-way values B/F/T and yes/no/-1, per profile", "[network][roads]") {
    const Layer layer = network_layer("roads_oneway.geojson");
    const double t = 100.0 / (48 * kmh); // 7.5 s: 100 m at 48 km/h
    const auto inf = not_traversable;

    // Drive: the footway (feature 7) is left out.
    const RoadEdges drive = read_road_lines(layer, Profile::drive);
    REQUIRE(drive.edges.size() == 7);
    const std::vector<std::pair<double, double>> expected{
        {t, inf}, // F
        {inf, t}, // T
        {t, t},   // B
        {t, inf}, // yes
        {inf, t}, // -1
        {t, t},   // no
    };
    for (std::size_t i = 0; i < expected.size(); ++i) {
        INFO("feature " << i);
        CHECK(drive.edges[i].origin_id == static_cast<std::int64_t>(i));
        CHECK(drive.edges[i].forward_seconds == Approx(expected[i].first));
        CHECK(drive.edges[i].backward_seconds == Approx(expected[i].second));
    }
    // Null oneway = both ways; null maxspeed = the residential default, 30 mph.
    CHECK(drive.edges[6].forward_seconds == Approx(100.0 / (30 * mph)));
    CHECK(drive.edges[6].backward_seconds == Approx(100.0 / (30 * mph)));

    // Walk: every line, both ways at 4.8 km/h (pedestrians ignore one-way streets): 75 s.
    const RoadEdges walk = read_road_lines(layer, Profile::walk);
    REQUIRE(walk.edges.size() == 8);
    for (const auto &edge : walk.edges) {
        CHECK(edge.forward_seconds == Approx(75.0));
        CHECK(edge.backward_seconds == Approx(75.0));
    }

    // Cycle: one-way streets hold for bicycles; 16 km/h = 22.5 s per 100 m; the footway is
    // pushed at walking pace (75 s).
    const RoadEdges cycle = read_road_lines(layer, Profile::cycle);
    REQUIRE(cycle.edges.size() == 8);
    CHECK(cycle.edges[0].forward_seconds == Approx(22.5));
    CHECK(cycle.edges[0].backward_seconds == inf);
    CHECK(cycle.edges[1].forward_seconds == inf);
    CHECK(cycle.edges[1].backward_seconds == Approx(22.5));
    CHECK(cycle.edges[7].forward_seconds == Approx(75.0));
}

TEST_CASE("road lines: junction keys follow the coordinates' (x, y) order, as pgRouting's vertex ids",
          "[network][roads]") {
    // The pgRouting sample network drawn as lines (one per edge, oneway from its costs), moved
    // by (+1000 m, +1000 m) so British National Grid does not take it for degrees: its published
    // vertex ids number the distinct end points in (x, y) order from 1, so here every key is
    // the pgRouting id minus 1. Edge 17 ends at x = 1001.999999999999, short of edge 14
    // (x = 1002): the two stay apart in both.
    const RoadEdges lines = read_road_lines(network_layer("pgrouting_sample_lines.geojson"), Profile::drive);
    const RoadEdges table = read_edge_table(network_layer("pgrouting_sample.csv"), EdgeCostUnit::seconds);
    REQUIRE(lines.edges.size() == 18);
    REQUIRE(table.edges.size() == 18);
    CHECK(junctions_of(lines).size() == 17);
    for (std::size_t i = 0; i < 18; ++i) {
        INFO("edge " << i + 1);
        CHECK(lines.edges[i].source + 1 == table.edges[i].source);
        CHECK(lines.edges[i].target + 1 == table.edges[i].target);
        CHECK((lines.edges[i].forward_seconds == not_traversable) == (table.edges[i].forward_seconds == not_traversable));
        CHECK((lines.edges[i].backward_seconds == not_traversable) ==
              (table.edges[i].backward_seconds == not_traversable));
        REQUIRE(lines.edges[i].shape.size() == 2);
        CHECK(lines.edges[i].shape[0].x - 1000.0 == Approx(table.edges[i].shape[0].x).margin(1e-9));
        CHECK(lines.edges[i].shape[1].y - 1000.0 == Approx(table.edges[i].shape[1].y).margin(1e-9));
        CHECK(lines.edges[i].metres == Approx(table.edges[i].metres).margin(1e-9));
    }
}

TEST_CASE("road lines: the Rutland Geofabrik roads for driving", "[network][roads]") {
    // Drive uses the classes motorway..unclassified and their links, residential, road,
    // living_street and service (osm_profile.cpp): 4,642 of the 6,665 lines in Rutland.
    // Expected, from an independent noding of roads_bng in Python (testdata/network/SOURCE.md):
    // 7,470 junctions and 8,387 segments. Total length: noding does not change it, so it is
    //   ogrinfo -ro -dialect sqlite -sql "select sum(ST_Length(geom)) from roads_bng where fclass in
    //     ('motorway','motorway_link','trunk','trunk_link','primary','primary_link','secondary',
    //      'secondary_link','tertiary','tertiary_link','unclassified','residential','road',
    //      'living_street','service')" testdata/rutland/rutland_osm_geofabrik.gpkg
    // = 926868.5789979 m (the same Python script: 926868.578998).
    const RoadEdges bng_roads = read_road_lines(read_testdata_layer("rutland/rutland_osm_geofabrik.gpkg:roads_bng"),
                                                Profile::drive);
    CHECK(bng_roads.edges.size() == 8387);
    const auto keys = junctions_of(bng_roads);
    CHECK(keys.size() == 7470);
    CHECK(*keys.rbegin() == 7469); // dense keys 0..7469
    CHECK(total_metres(bng_roads) == Approx(926868.5789979).margin(1e-4));
    std::size_t one_way = 0;
    for (const auto &edge : bng_roads.edges) {
        REQUIRE(edge.shape.size() >= 2);
        CHECK(edge.metres > 0.0);
        one_way += (edge.forward_seconds == not_traversable || edge.backward_seconds == not_traversable) ? 1 : 0;
    }
    CHECK(one_way > 0);

    // The same roads stored in WGS 84 and reprojected at load: the shared vertices are equal
    // doubles in WGS 84 and stay equal after the same reprojection, so the noding is the same
    // (the Python noding of roads_wgs84 also finds 7,470 and 8,387). Coordinates differ from
    // roads_bng's in the last bits only.
    const RoadEdges wgs84_roads = read_road_lines(
        read_testdata_layer("rutland/rutland_osm_geofabrik.gpkg:roads_wgs84"), Profile::drive);
    CHECK(wgs84_roads.edges.size() == 8387);
    CHECK(junctions_of(wgs84_roads).size() == 7470);
    CHECK(total_metres(wgs84_roads) == Approx(926868.5789979).margin(1e-3)); // differs by < 1e-6 m
}

TEST_CASE("road lines: MultiLineString parts are separate lines", "[network][roads]") {
    // Two parts 100 m and 50 m apart: two segments of one feature, four junctions.
    const Layer layer =
        memory_roads({road(5, MultiLineString{{straight(486000, 308000, 486100, 308000),
                                                straight(486000, 308100, 486050, 308100)}})});
    const RoadEdges roads = read_road_lines(layer, Profile::drive);
    REQUIRE(roads.edges.size() == 2);
    CHECK(roads.edges[0].metres == 100.0);
    CHECK(roads.edges[1].metres == 50.0);
    CHECK(roads.edges[0].origin_id == 5);
    CHECK(roads.edges[1].origin_id == 5);
    CHECK(junctions_of(roads).size() == 4);
}

TEST_CASE("road lines: bad records are named by layer, feature and field", "[network][roads]") {
    const auto line = straight(486000, 308000, 486100, 308000);

    // Not a line.
    const Error point = error_of([&] {
        (void)read_road_lines(memory_roads({road(0, line), road(3, Point{486000, 308000})}), Profile::drive);
    });
    CHECK(point.code() == Errc::data);
    CHECK(point.where().feature == 3);
    CHECK(contains(point.what(), "a road must be a line, not a Point"));

    // An unknown one-way value.
    const Error oneway = error_of([&] {
        (void)read_road_lines(memory_roads({road(0, line), road(7, line, std::string("residential"),
                                                                std::string("sometimes"))}),
                              Profile::drive);
    });
    CHECK(oneway.code() == Errc::data);
    CHECK(oneway.where().layer == "roads");
    CHECK(oneway.where().feature == 7);
    CHECK(oneway.where().field == "oneway");
    CHECK(contains(oneway.what(), "unknown one-way value 'sometimes'"));

    // A negative speed, and a speed that is text.
    const Error negative = error_of([&] {
        (void)read_road_lines(memory_roads({road(2, line, std::string("residential"), std::string("B"), -30.0)}),
                              Profile::drive);
    });
    CHECK(negative.code() == Errc::data);
    CHECK(negative.where().feature == 2);
    CHECK(negative.where().field == "maxspeed");
    CHECK(contains(negative.what(), "the speed is negative: -30 km/h"));
    const Error text = error_of([&] {
        (void)read_road_lines(
            memory_roads({road(4, line, std::string("residential"), std::string("B"), std::string("fast"))}),
            Profile::drive);
    });
    CHECK(text.code() == Errc::data);
    CHECK(text.where().feature == 4);
    CHECK(text.where().field == "maxspeed");
    CHECK(contains(text.what(), "not a number: 'fast'"));

    // A mapped column the layer does not have.
    RoadLineFields fields;
    fields.road_class = "highway";
    const Error missing = error_of([&] { (void)read_road_lines(memory_roads({road(0, line)}), Profile::drive, fields); });
    CHECK(missing.code() == Errc::argument);
    CHECK(contains(missing.what(), "no field 'highway'"));
    CHECK(contains(missing.what(), "fclass, oneway, maxspeed"));

    // Nothing the profile may use.
    const Error nothing = error_of([&] {
        (void)read_road_lines(memory_roads({road(0, line, std::string("footway")), road(1, line, std::string("A Road"))}),
                              Profile::drive);
    });
    CHECK(nothing.code() == Errc::data);
    CHECK(contains(nothing.what(), "no road the drive profile may use"));
    CHECK(contains(nothing.what(), "a road, footway"));
}

TEST_CASE("road lines: unmapped columns", "[network][roads]") {
    // No class column: every line is a road of unknown class (OSM highway=road, 30 mph for
    // driving); no oneway column: both ways; no speed column: the class default.
    RoadLineFields fields;
    fields.road_class.clear();
    fields.oneway.clear();
    fields.speed_kmh.clear();
    const auto line = straight(486000, 308000, 486100, 308000);
    const RoadEdges roads = read_road_lines(
        memory_roads({road(0, line, std::string("footway"), std::string("F"), 48.0)}), Profile::drive, fields);
    REQUIRE(roads.edges.size() == 1);
    CHECK(roads.edges[0].forward_seconds == Approx(100.0 / (30 * mph)));
    CHECK(roads.edges[0].backward_seconds == Approx(100.0 / (30 * mph)));
}

// ---------------------------------------------------------------------------------------------
// Edge tables

TEST_CASE("edge table: the pgRouting sample network, costs in seconds", "[network][roads]") {
    const RoadEdges roads = read_edge_table(network_layer("pgrouting_sample.csv"), EdgeCostUnit::seconds);
    REQUIRE(roads.edges.size() == 18);
    // x1..y2 columns without a CRS are taken as already in the working CRS.
    REQUIRE(roads.crs.has_value());
    const RoadEdge &e1 = roads.edges[0];
    CHECK((e1.origin_id == 1 && e1.source == 5 && e1.target == 6));
    CHECK(e1.forward_seconds == 1.0);
    CHECK(e1.backward_seconds == 1.0);
    CHECK(e1.metres == 1.0); // (2,0) -> (2,1)
    CHECK(e1.shape == std::vector<Point>{{2, 0}, {2, 1}});
    const RoadEdge &e2 = roads.edges[1]; // cost -1, reverse_cost 1
    CHECK((e2.source == 6 && e2.target == 10));
    CHECK(e2.forward_seconds == not_traversable);
    CHECK(e2.backward_seconds == 1.0);
    const RoadEdge &e5 = roads.edges[4]; // cost 1, reverse_cost -1
    CHECK(e5.forward_seconds == 1.0);
    CHECK(e5.backward_seconds == not_traversable);
    CHECK(roads.edges[16].metres == Approx(1.499999999999)); // (0.5,3.5) -> (1.999999999999,3.5)
    CHECK(roads.edges[17].metres == Approx(1.7));            // (3.5,2.3) -> (3.5,4)
}

TEST_CASE("edge table: shortest paths agree with pgRouting's published pgr_dijkstra results",
          "[network][roads]") {
    // pgRouting's docqueries/dijkstra/dijkstra.result (directed, cost and reverse_cost):
    // 6 -> 10 costs 5, 6 -> 17 costs 4, 1 -> 17 costs 5, 12 -> 10 costs 4, 12 -> 7 costs 4.
    const RoadEdges roads = read_edge_table(network_layer("pgrouting_sample.csv"), EdgeCostUnit::seconds);
    pooled::network::BuildOptions options;
    options.largest_component_only = false;
    const auto graph = pooled::network::build_graph(roads, options);
    pooled::network::BoundedSearch search(graph);
    const auto cost = [&](std::uint64_t from, std::uint64_t to) {
        search.run(graph.node_of_key(from));
        return search.cost_to(graph.node_of_key(to));
    };
    CHECK(cost(6, 10) == 5.0);
    CHECK(cost(6, 17) == 4.0);
    CHECK(cost(1, 17) == 5.0);
    CHECK(cost(12, 10) == 4.0);
    CHECK(cost(12, 7) == 4.0);
}

TEST_CASE("edge table: costs in metres", "[network][roads]") {
    // Metres = the cost (1 m); times at walking pace, 5 km/h: 1 m in 0.72 s.
    const RoadEdges roads = read_edge_table(network_layer("pgrouting_sample.csv"), EdgeCostUnit::metres);
    REQUIRE(roads.edges.size() == 18);
    CHECK(roads.edges[0].metres == 1.0);
    CHECK(roads.edges[0].forward_seconds == Approx(0.72));
    CHECK(roads.edges[1].metres == 1.0); // closed forwards: the reverse cost
    CHECK(roads.edges[1].forward_seconds == not_traversable);
    CHECK(roads.edges[1].backward_seconds == Approx(0.72));
    CHECK(roads.edges[16].metres == 1.0); // the cost, not the 1.499999999999 m of the coordinates
}

TEST_CASE("edge table: line geometry, length column, no reverse cost", "[network][roads]") {
    pooled::io::ReadOptions options;
    options.assume_crs = pooled::crs::Crs::from_user_input("EPSG:27700");
    const Layer layer = network_layer("edges_wkt.csv", options);

    // No reverse_cost column: the same cost both ways. Lengths from the lines: 500 m (a
    // 300-400-500 triangle) and 100 + 100 m.
    const RoadEdges roads = read_edge_table(layer, EdgeCostUnit::seconds);
    REQUIRE(roads.edges.size() == 2);
    REQUIRE(roads.crs.has_value());
    CHECK((roads.edges[0].source == 100 && roads.edges[0].target == 200));
    CHECK(roads.edges[0].forward_seconds == 36.0);
    CHECK(roads.edges[0].backward_seconds == 36.0);
    CHECK(roads.edges[0].metres == 500.0);
    CHECK(roads.edges[1].metres == 200.0);
    CHECK(roads.edges[1].shape.size() == 3);

    // A length column wins over the geometry.
    EdgeTableFields fields;
    fields.length = "cost";
    const RoadEdges by_column = read_edge_table(layer, EdgeCostUnit::seconds, fields);
    CHECK(by_column.edges[0].metres == 36.0);

    // Without reverse_cost the sample's edge 2 (cost -1) is closed both ways.
    EdgeTableFields no_reverse;
    no_reverse.reverse_cost.clear();
    const Error closed = error_of(
        [&] { (void)read_edge_table(network_layer("pgrouting_sample.csv"), EdgeCostUnit::seconds, no_reverse); });
    CHECK(closed.code() == Errc::data);
    CHECK(contains(closed.what(), "edge 2 is not traversable either way"));
}

TEST_CASE("edge table: node coordinates in the layer's assumed CRS are reprojected", "[network][roads]") {
    // x1..y2 in degrees (WGS 84). Expected from PROJ's own tool:
    //   printf '52.67 -0.727\n52.67 -0.726\n' | cs2cs -f %.4f EPSG:4326 EPSG:27700
    //   486179.2274 308792.3672 / 486246.8459 308793.5622
    pooled::io::LayerInfo info;
    info.source = pooled::io::LayerSource{"memory.csv", "edges"};
    info.layer_name = "edges";
    info.driver = "CSV";
    info.geometry_type = "None";
    info.assumed_crs = pooled::crs::Crs::from_user_input("EPSG:4326");
    for (const char *name : {"id", "source", "target", "cost", "x1", "y1", "x2", "y2"}) {
        info.fields.push_back(FieldDef{name, FieldType::real});
    }
    Layer layer(info, bng());
    Feature row;
    row.fid = 1;
    row.values = {std::int64_t{1}, std::int64_t{1}, std::int64_t{2}, 60.0, -0.727, 52.67, -0.726, 52.67};
    layer.mutable_features().push_back(row);
    const RoadEdges roads = read_edge_table(layer, EdgeCostUnit::seconds);
    REQUIRE(roads.edges.size() == 1);
    REQUIRE(roads.edges[0].shape.size() == 2);
    CHECK(roads.edges[0].shape[0].x == Approx(486179.2274).margin(0.001));
    CHECK(roads.edges[0].shape[0].y == Approx(308792.3672).margin(0.001));
    CHECK(roads.edges[0].shape[1].x == Approx(486246.8459).margin(0.001));
    CHECK(roads.edges[0].shape[1].y == Approx(308793.5622).margin(0.001));
    CHECK(roads.edges[0].metres == Approx(std::hypot(486246.8459 - 486179.2274, 308793.5622 - 308792.3672)).margin(0.002));
}

TEST_CASE("edge table: errors name the layer, feature and field", "[network][roads]") {
    // A node id column that is not there.
    EdgeTableFields fields;
    fields.source = "from_node";
    const Error column =
        error_of([&] { (void)read_edge_table(network_layer("pgrouting_sample.csv"), EdgeCostUnit::seconds, fields); });
    CHECK(column.code() == Errc::argument);
    CHECK(contains(column.what(), "no field 'from_node'"));
    CHECK(contains(column.what(), "id, source, target, cost, reverse_cost"));

    // CSV rows are numbered from 1 after the header (GDAL's FIDs).
    const Error negative =
        error_of([&] { (void)read_edge_table(network_layer("edges_negative_id.csv"), EdgeCostUnit::seconds); });
    CHECK(negative.code() == Errc::data);
    CHECK(negative.where().feature == 3);
    CHECK(negative.where().field == "target");
    CHECK(contains(negative.what(), "the node id is negative: -4"));

    const Error fraction =
        error_of([&] { (void)read_edge_table(network_layer("edges_fractional_id.csv"), EdgeCostUnit::seconds); });
    CHECK(fraction.code() == Errc::data);
    CHECK(fraction.where().feature == 2);
    CHECK(fraction.where().field == "target");
    CHECK(contains(fraction.what(), "not a whole number"));

    const Error text =
        error_of([&] { (void)read_edge_table(network_layer("edges_text_cost.csv"), EdgeCostUnit::seconds); });
    CHECK(text.code() == Errc::data);
    CHECK(text.where().feature == 2);
    CHECK(text.where().field == "cost");
    CHECK(contains(text.what(), "not a number: 'fast'"));

    const Error closed =
        error_of([&] { (void)read_edge_table(network_layer("edges_both_negative.csv"), EdgeCostUnit::seconds); });
    CHECK(closed.code() == Errc::data);
    CHECK(closed.where().feature == 2);
    CHECK(contains(closed.what(), "edge 2 is not traversable either way"));
    CHECK(contains(closed.what(), "edges_both_negative.csv"));
}

TEST_CASE("edge table: streamed from the file, the same edges as from the layer in memory", "[network][roads]") {
    // The streamed reader sees every CSV value as text (no column typing, which needs all
    // rows); the edges must come out identical to those of the typed Layer, field by field.
    for (const EdgeCostUnit unit : {EdgeCostUnit::seconds, EdgeCostUnit::metres}) {
        const RoadEdges held = read_edge_table(network_layer("pgrouting_sample.csv"), unit);
        const RoadEdges streamed =
            read_edge_table(testdata_source("network/pgrouting_sample.csv"), bng(), {}, unit);
        REQUIRE(streamed.edges.size() == 18);
        REQUIRE(streamed.edges.size() == held.edges.size());
        for (std::size_t e = 0; e < held.edges.size(); ++e) {
            const RoadEdge &a = held.edges[e];
            const RoadEdge &b = streamed.edges[e];
            CHECK((a.origin_id == b.origin_id && a.source == b.source && a.target == b.target));
            CHECK(a.forward_seconds == b.forward_seconds);
            CHECK(a.backward_seconds == b.backward_seconds);
            CHECK(a.metres == b.metres);
            CHECK(a.shape == b.shape);
        }
        CHECK(streamed.source == held.source);
        CHECK(streamed.crs.has_value() == held.crs.has_value());
    }
}

TEST_CASE("edge table: streamed, errors still name the layer, feature and field", "[network][roads]") {
    const auto streamed = [](const char *name) {
        return error_of(
            [&] { (void)read_edge_table(testdata_source(std::string("network/") + name), bng(), {}, EdgeCostUnit::seconds); });
    };
    const Error negative = streamed("edges_negative_id.csv");
    CHECK(negative.where().feature == 3);
    CHECK(negative.where().field == "target");
    CHECK(contains(negative.what(), "the node id is negative: -4"));
    const Error text = streamed("edges_text_cost.csv");
    CHECK(text.where().feature == 2);
    CHECK(text.where().field == "cost");
    CHECK(contains(text.what(), "not a number: 'fast'"));
    const Error closed = streamed("edges_both_negative.csv");
    CHECK(closed.where().feature == 2);
    CHECK(contains(closed.what(), "edge 2 is not traversable either way"));

    EdgeTableFields fields;
    fields.source = "from_node";
    const Error column = error_of([&] {
        (void)read_edge_table(testdata_source("network/pgrouting_sample.csv"), bng(), {}, EdgeCostUnit::seconds, fields);
    });
    CHECK(column.code() == Errc::argument);
    CHECK(contains(column.what(), "no field 'from_node'"));
}
