#include "support/catch.hpp"
#include "support/errors.hpp"
#include "support/scratch.hpp"
#include "support/testdata_path.hpp"

#include <pooled/core/error.hpp>
#include <pooled/crs/crs.hpp>
#include <pooled/network/osm.hpp>
#include <pooled/network/profile.hpp>
#include <pooled/network/road_edges.hpp>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

using pooled::Errc;
using pooled::crs::WorkingCrs;
using pooled::network::not_traversable;
using pooled::network::OsmReport;
using pooled::network::Profile;
using pooled::network::read_osm_roads;
using pooled::network::RoadEdge;
using pooled::network::RoadEdges;
using pooled::test::contains;
using pooled::test::error_of;

namespace {

constexpr double mph = 0.44704;   // m/s, exact
constexpr double kmh = 1.0 / 3.6; // m/s

// Tiny OSM XML files. Nodes sit in Rutland (about -0.70, 52.66) so British National Grid fits.
struct Node {
    std::int64_t id;
    double lon;
    double lat;
};
struct Way {
    std::int64_t id;
    std::vector<std::int64_t> nodes;
    std::vector<std::pair<std::string, std::string>> tags;
};

std::string osm_xml(const std::vector<Node> &nodes, const std::vector<Way> &ways) {
    std::string xml = "<?xml version='1.0' encoding='UTF-8'?>\n<osm version=\"0.6\" generator=\"pooled test\">\n";
    for (const auto &node : nodes) {
        xml += "  <node id=\"" + std::to_string(node.id) + "\" lat=\"" + std::to_string(node.lat) + "\" lon=\"" +
               std::to_string(node.lon) + "\"/>\n";
    }
    for (const auto &way : ways) {
        xml += "  <way id=\"" + std::to_string(way.id) + "\">\n";
        for (const auto ref : way.nodes) {
            xml += "    <nd ref=\"" + std::to_string(ref) + "\"/>\n";
        }
        for (const auto &[key, value] : way.tags) {
            xml += "    <tag k=\"" + key + "\" v=\"" + value + "\"/>\n";
        }
        xml += "  </way>\n";
    }
    return xml + "</osm>\n";
}

RoadEdges read(const std::string &path, Profile profile, OsmReport *report = nullptr) {
    return read_osm_roads(path, profile, WorkingCrs::british_national_grid(), report);
}

/// The edges of one way, in output order.
std::vector<RoadEdge> of_way(const RoadEdges &roads, std::int64_t way) {
    std::vector<RoadEdge> edges;
    for (const auto &edge : roads.edges) {
        if (edge.origin_id == way) {
            edges.push_back(edge);
        }
    }
    return edges;
}

std::set<std::int64_t> ways_of(const RoadEdges &roads) {
    std::set<std::int64_t> ways;
    for (const auto &edge : roads.edges) {
        ways.insert(edge.origin_id);
    }
    return ways;
}

double shape_length(const RoadEdge &edge) {
    double metres = 0.0;
    for (std::size_t i = 1; i < edge.shape.size(); ++i) {
        metres += std::hypot(edge.shape[i].x - edge.shape[i - 1].x, edge.shape[i].y - edge.shape[i - 1].y);
    }
    return metres;
}

/// Speed of an edge one way, m/s (0 when closed that way).
double speed(const RoadEdge &edge, bool forward) {
    const double seconds = forward ? edge.forward_seconds : edge.backward_seconds;
    return seconds == not_traversable ? 0.0 : edge.metres / seconds;
}

/// One straight two-node way per test case, each 0.001 degrees long, in a row going north.
struct Row {
    std::vector<Node> nodes;
    std::vector<Way> ways;
    void add(std::int64_t way_id, std::vector<std::pair<std::string, std::string>> tags) {
        const auto base = static_cast<std::int64_t>(nodes.size()) + 1;
        const double lat = 52.60 + 0.002 * static_cast<double>(ways.size());
        nodes.push_back({base, -0.70, lat});
        nodes.push_back({base + 1, -0.699, lat});
        ways.push_back({way_id, {base, base + 1}, std::move(tags)});
    }
    std::string write(const std::string &name) const { return pooled::test::scratch().write(name, osm_xml(nodes, ways)); }
};

} // namespace

TEST_CASE("osm: a T-junction splits the through way, a crossing without a shared node does not", "[osm]") {
    //   1 ---- 2 ---- 3      way 10 (1-2-3), way 11 (2-4) meets it at node 2
    //     5    |             way 20 (5-6) crosses 1-2 without a node there: a bridge
    //     |    4
    //     6
    const std::vector<Node> nodes{{1, -0.700, 52.660}, {2, -0.699, 52.660}, {3, -0.698, 52.660},
                                  {4, -0.699, 52.659}, {5, -0.6995, 52.6605}, {6, -0.6995, 52.6595}};
    const std::vector<Way> ways{{10, {1, 2, 3}, {{"highway", "residential"}}},
                                {11, {2, 4}, {{"highway", "residential"}}},
                                {20, {5, 6}, {{"highway", "residential"}, {"bridge", "yes"}, {"layer", "1"}}}};
    const auto path = pooled::test::scratch().write("t_junction.osm", osm_xml(nodes, ways));
    OsmReport report;
    const auto roads = read(path, Profile::drive, &report);

    REQUIRE(roads.edges.size() == 4);
    CHECK(roads.source == path);
    REQUIRE(roads.crs);
    CHECK(roads.crs->crs().authority_code() == "EPSG:27700");
    CHECK(report.ways_read == 3);
    CHECK(report.ways_used == 3);
    CHECK(report.ways_default_speed == 3);
    CHECK(report.missing_nodes == 0);

    // Ways by id, segments in way order; node keys are OSM node ids.
    const std::vector<std::pair<std::uint64_t, std::uint64_t>> ends{{1, 2}, {2, 3}, {2, 4}, {5, 6}};
    const std::vector<std::int64_t> origins{10, 10, 11, 20};
    for (std::size_t i = 0; i < ends.size(); ++i) {
        INFO("edge " << i);
        CHECK(roads.edges[i].source == ends[i].first);
        CHECK(roads.edges[i].target == ends[i].second);
        CHECK(roads.edges[i].origin_id == origins[i]);
        CHECK(roads.edges[i].shape.size() == 2);
        CHECK(roads.edges[i].metres == Approx(shape_length(roads.edges[i])).epsilon(1e-12));
    }
    // Lengths on British National Grid. Independent: PROJ's cs2cs,
    //   printf '52.660 -0.700\n52.660 -0.699\n52.659 -0.699\n52.660 -0.698\n' | cs2cs -d 4 EPSG:4326 EPSG:27700
    //   488024.9910 307712.6503 / 488092.6247 307713.8708 / 488094.6327 307602.6397 / 488160.2585 307715.0922
    // so 1-2 = hypot(67.6337, 1.2205) = 67.6447 m, 2-3 = 67.6448 m, 2-4 = hypot(2.0080, 111.2311) = 111.2492 m.
    CHECK(roads.edges[0].metres == Approx(67.6447).margin(1e-3));
    CHECK(roads.edges[1].metres == Approx(67.6448).margin(1e-3));
    CHECK(roads.edges[2].metres == Approx(111.2492).margin(1e-3));
    CHECK(roads.edges[0].shape.front().x == Approx(488024.9910).margin(1e-3));
    CHECK(roads.edges[0].shape.front().y == Approx(307712.6503).margin(1e-3));
    // Residential default 30 mph both ways: seconds = metres / (30 * 0.44704 m/s).
    CHECK(roads.edges[0].forward_seconds == Approx(67.6447 / (30 * mph)).margin(1e-3));
    CHECK(roads.edges[0].backward_seconds == roads.edges[0].forward_seconds);
}

TEST_CASE("osm: one-way streets, roundabouts and motorways by profile", "[osm]") {
    // 1 -> 2 oneway=yes (30); 3 -> 4 oneway=-1 (31); 5 -> 6 oneway=yes + oneway:bicycle=no (32);
    // 7 -> 8 oneway=yes + cycleway=opposite_lane (33); 9 -> 10 motorway, no oneway tag (34);
    // 11 -> 12 oneway=no on a motorway (35); roundabout 20-21-22-20 with no oneway tag (36),
    // joined at 21 by 23 -> 21 (37).
    const std::vector<Node> nodes{
        {1, -0.700, 52.600},  {2, -0.699, 52.600},  {3, -0.700, 52.602},  {4, -0.699, 52.602},
        {5, -0.700, 52.604},  {6, -0.699, 52.604},  {7, -0.700, 52.606},  {8, -0.699, 52.606},
        {9, -0.700, 52.608},  {10, -0.699, 52.608}, {11, -0.700, 52.610}, {12, -0.699, 52.610},
        {20, -0.700, 52.620}, {21, -0.6995, 52.6203}, {22, -0.6995, 52.6197}, {23, -0.6990, 52.6206}};
    const std::vector<Way> ways{
        {30, {1, 2}, {{"highway", "residential"}, {"oneway", "yes"}}},
        {31, {3, 4}, {{"highway", "residential"}, {"oneway", "-1"}}},
        {32, {5, 6}, {{"highway", "residential"}, {"oneway", "yes"}, {"oneway:bicycle", "no"}}},
        {33, {7, 8}, {{"highway", "residential"}, {"oneway", "yes"}, {"cycleway", "opposite_lane"}}},
        {34, {9, 10}, {{"highway", "motorway"}}},
        {35, {11, 12}, {{"highway", "motorway"}, {"oneway", "no"}}},
        {36, {20, 21, 22, 20}, {{"highway", "tertiary"}, {"junction", "roundabout"}}},
        {37, {23, 21}, {{"highway", "tertiary"}}}};
    const auto path = pooled::test::scratch().write("oneway.osm", osm_xml(nodes, ways));

    const auto forward_only = [](const RoadEdge &e) { return e.forward_seconds < not_traversable && e.backward_seconds == not_traversable; };
    const auto backward_only = [](const RoadEdge &e) { return e.forward_seconds == not_traversable && e.backward_seconds < not_traversable; };
    const auto both = [](const RoadEdge &e) { return e.forward_seconds < not_traversable && e.backward_seconds < not_traversable; };

    SECTION("drive: oneway tags, implied for roundabouts and motorways, oneway=no wins") {
        const auto roads = read(path, Profile::drive);
        CHECK(forward_only(of_way(roads, 30).at(0)));
        CHECK(backward_only(of_way(roads, 31).at(0)));
        CHECK(forward_only(of_way(roads, 32).at(0)));
        CHECK(forward_only(of_way(roads, 33).at(0)));
        CHECK(forward_only(of_way(roads, 34).at(0)));
        CHECK(both(of_way(roads, 35).at(0)));
        // The roundabout splits at 21 (way 37) and at 20 (its own ends): 20 -> 21, 21 -> 22 -> 20.
        const auto ring = of_way(roads, 36);
        REQUIRE(ring.size() == 2);
        CHECK(ring[0].source == 20);
        CHECK(ring[0].target == 21);
        CHECK(ring[1].source == 21);
        CHECK(ring[1].target == 20);
        CHECK(ring[1].shape.size() == 3);
        CHECK(forward_only(ring[0]));
        CHECK(forward_only(ring[1]));
        CHECK(both(of_way(roads, 37).at(0)));
        // Motorway default 70 mph.
        CHECK(speed(of_way(roads, 34).at(0), true) == Approx(70 * mph));
    }
    SECTION("walk ignores oneway and does not use motorways") {
        const auto roads = read(path, Profile::walk);
        CHECK(ways_of(roads) == std::set<std::int64_t>{30, 31, 32, 33, 36, 37});
        for (const auto &edge : roads.edges) {
            CHECK(both(edge));
            // 4.8 km/h (DfT Journey Time Statistics).
            CHECK(speed(edge, true) == Approx(4.8 * kmh));
        }
    }
    SECTION("cycle honours oneway unless oneway:bicycle=no or cycleway=opposite*") {
        const auto roads = read(path, Profile::cycle);
        CHECK(ways_of(roads) == std::set<std::int64_t>{30, 31, 32, 33, 36, 37});
        CHECK(forward_only(of_way(roads, 30).at(0)));
        CHECK(backward_only(of_way(roads, 31).at(0)));
        CHECK(both(of_way(roads, 32).at(0)));
        CHECK(both(of_way(roads, 33).at(0)));
        CHECK(forward_only(of_way(roads, 36).at(0)));
        // 16 km/h (DfT Journey Time Statistics).
        CHECK(speed(of_way(roads, 30).at(0), true) == Approx(16 * kmh));
    }
}

TEST_CASE("osm: maxspeed with units, UK codes, lists and directions", "[osm]") {
    Row row;
    row.add(1, {{"highway", "tertiary"}, {"maxspeed", "30 mph"}});
    row.add(2, {{"highway", "tertiary"}, {"maxspeed", "GB:nsl_single"}});
    row.add(3, {{"highway", "trunk"}, {"maxspeed", "GB:nsl_dual"}});
    row.add(4, {{"highway", "motorway"}, {"maxspeed", "GB:motorway"}, {"oneway", "no"}});
    row.add(5, {{"highway", "tertiary"}, {"maxspeed", "50"}});
    row.add(6, {{"highway", "tertiary"}, {"maxspeed", "20 mph; 30 mph"}});
    row.add(7, {{"highway", "tertiary"}, {"maxspeed", "none"}});
    row.add(8, {{"highway", "tertiary"}, {"maxspeed", "walk"}});
    row.add(9, {{"highway", "residential"}, {"maxspeed", "signals"}});
    row.add(10, {{"highway", "tertiary"},
                 {"maxspeed", "30 mph"},
                 {"maxspeed:forward", "40 mph"},
                 {"maxspeed:backward", "20 mph"}});
    row.add(11, {{"highway", "tertiary"}, {"maxspeed", "48 km/h"}});
    row.add(12, {{"highway", "tertiary"}, {"maxspeed", "15mph"}});
    row.add(13, {{"highway", "service"}});
    row.add(14, {{"highway", "living_street"}});
    row.add(15, {{"highway", "unclassified"}, {"maxspeed", "UK:nsl_single"}});
    const auto path = row.write("maxspeed.osm");
    OsmReport report;
    const auto roads = read(path, Profile::drive, &report);
    REQUIRE(roads.edges.size() == 15);

    // Expected m/s: mph x 0.44704, km/h / 3.6; "none", "walk", "signals" take the class
    // default (tertiary 60 mph, residential 30 mph); service 10 mph, living_street 20 mph.
    const std::map<std::int64_t, std::pair<double, double>> expected{
        {1, {30 * mph, 30 * mph}}, {2, {60 * mph, 60 * mph}},   {3, {70 * mph, 70 * mph}},
        {4, {70 * mph, 70 * mph}}, {5, {50 * kmh, 50 * kmh}},   {6, {20 * mph, 20 * mph}},
        {7, {60 * mph, 60 * mph}}, {8, {60 * mph, 60 * mph}},   {9, {30 * mph, 30 * mph}},
        {10, {40 * mph, 20 * mph}}, {11, {48 * kmh, 48 * kmh}}, {12, {15 * mph, 15 * mph}},
        {13, {10 * mph, 10 * mph}}, {14, {20 * mph, 20 * mph}}, {15, {60 * mph, 60 * mph}}};
    for (const auto &edge : roads.edges) {
        INFO("way " << edge.origin_id);
        const auto [forward, backward] = expected.at(edge.origin_id);
        CHECK(speed(edge, true) == Approx(forward).epsilon(1e-12));
        CHECK(speed(edge, false) == Approx(backward).epsilon(1e-12));
    }
    CHECK(report.ways_used == 15);
    // Ways 7, 8, 9 (no usable maxspeed) and 13, 14 (none at all).
    CHECK(report.ways_default_speed == 5);
}

TEST_CASE("osm: access tags, excluded classes and areas", "[osm]") {
    Row row;
    row.add(1, {{"highway", "residential"}});
    row.add(2, {{"highway", "residential"}, {"access", "private"}});
    row.add(3, {{"highway", "service"}, {"access", "private"}, {"foot", "yes"}});
    row.add(4, {{"highway", "residential"}, {"motor_vehicle", "no"}});
    row.add(5, {{"highway", "residential"}, {"access", "no"}, {"motor_vehicle", "destination"}});
    row.add(6, {{"highway", "residential"}, {"access", "destination"}});
    row.add(7, {{"highway", "residential"}, {"access", "permissive"}});
    row.add(8, {{"highway", "residential"}, {"vehicle", "no"}});
    row.add(9, {{"highway", "construction"}, {"construction", "residential"}});
    row.add(10, {{"highway", "proposed"}});
    row.add(11, {{"highway", "abandoned"}});
    row.add(12, {{"highway", "pedestrian"}, {"area", "yes"}});
    row.add(13, {{"highway", "footway"}});
    row.add(14, {{"highway", "footway"}, {"bicycle", "no"}});
    row.add(15, {{"highway", "footway"}, {"bicycle", "designated"}});
    row.add(16, {{"highway", "cycleway"}});
    row.add(17, {{"highway", "path"}, {"bicycle", "no"}});
    row.add(18, {{"highway", "track"}});
    row.add(19, {{"highway", "bridleway"}});
    row.add(20, {{"highway", "steps"}});
    row.add(21, {{"highway", "service"}, {"service", "parking_aisle"}});
    row.add(22, {{"highway", "service"}, {"service", "emergency_access"}});
    row.add(23, {{"highway", "trunk"}, {"foot", "no"}, {"bicycle", "no"}});
    row.add(24, {{"highway", "motorway_link"}});
    row.add(25, {{"railway", "rail"}});
    row.add(26, {{"highway", "residential"}, {"foot", "private"}, {"bicycle", "private"}});
    const auto path = row.write("access.osm");

    OsmReport drive_report;
    const auto drive = read(path, Profile::drive, &drive_report);
    CHECK(ways_of(drive) == std::set<std::int64_t>{1, 5, 6, 7, 21, 23, 24, 26});
    CHECK(drive_report.ways_read == 25); // every way but the railway
    CHECK(drive_report.ways_used == 8);

    const auto walk = read(path, Profile::walk);
    // 5: access=no with no foot tag; 22: emergency access roads close to drivers only.
    CHECK(ways_of(walk) == std::set<std::int64_t>{1, 3, 4, 6, 7, 8, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22});

    const auto cycle = read(path, Profile::cycle);
    // 3: access=private (foot=yes is for walkers); 8: vehicle=no covers bicycles.
    CHECK(ways_of(cycle) == std::set<std::int64_t>{1, 4, 6, 7, 13, 15, 16, 18, 19, 21, 22});
    // Footways are pushed at walking pace unless a bicycle tag allows riding.
    CHECK(speed(of_way(cycle, 13).at(0), true) == Approx(4.8 * kmh));
    CHECK(speed(of_way(cycle, 15).at(0), true) == Approx(16 * kmh));
}

TEST_CASE("osm: nodes missing from the file cut a way, output follows way ids", "[osm]") {
    // Way 70 is written first; way 60 references node 999, which the file lacks (an extract
    // edge) and repeats node 2; way 80 has a single node.
    const std::vector<Node> nodes{{1, -0.700, 52.600}, {2, -0.699, 52.600}, {3, -0.697, 52.600},
                                  {4, -0.696, 52.600}, {5, -0.700, 52.602}, {6, -0.699, 52.602}};
    const std::vector<Way> ways{{70, {5, 6}, {{"highway", "unclassified"}}},
                                {60, {1, 2, 2, 999, 3, 4}, {{"highway", "unclassified"}}},
                                {80, {5}, {{"highway", "unclassified"}}}};
    const auto path = pooled::test::scratch().write("missing.osm", osm_xml(nodes, ways));
    OsmReport report;
    const auto roads = read(path, Profile::drive, &report);
    REQUIRE(roads.edges.size() == 3);
    CHECK(roads.edges[0].origin_id == 60);
    CHECK(roads.edges[0].source == 1);
    CHECK(roads.edges[0].target == 2);
    CHECK(roads.edges[1].origin_id == 60);
    CHECK(roads.edges[1].source == 3);
    CHECK(roads.edges[1].target == 4);
    CHECK(roads.edges[2].origin_id == 70);
    CHECK(report.missing_nodes == 1);
    CHECK(report.ways_read == 3);
    CHECK(report.ways_used == 2);
}

TEST_CASE("osm: unreadable files and files without usable highways", "[osm]") {
    SECTION("a path that does not exist is an io error naming it") {
        const std::string path = pooled::test::testdata("rutland/no-such-file.osm.pbf");
        const auto error = error_of([&] { read(path, Profile::drive); });
        CHECK(error.code() == Errc::io);
        CHECK(error.where().path == path);
        CHECK(contains(error.what(), "no-such-file.osm.pbf"));
    }
    SECTION("broken XML is an io error naming the file") {
        const auto path = pooled::test::scratch().write("broken.osm", "<osm version=\"0.6\"><node id=\"1\"");
        const auto error = error_of([&] { read(path, Profile::drive); });
        CHECK(error.code() == Errc::io);
        CHECK(error.where().path == path);
    }
    SECTION("a name libosmium cannot tell the format of is an io error") {
        const auto path = pooled::test::scratch().write("roads.dat", "x");
        const auto error = error_of([&] { read(path, Profile::drive); });
        CHECK(error.code() == Errc::io);
        CHECK(contains(error.what(), "expected .osm.pbf"));
    }
    SECTION("an empty or truncated PBF is an io error") {
        const auto empty = pooled::test::scratch().write("empty.osm.pbf", "");
        CHECK(error_of([&] { read(empty, Profile::drive); }).code() == Errc::io);
        // A PBF cut short: its first blob header announces 13 bytes, 11 follow (type "OSMHeader").
        const auto truncated = pooled::test::scratch().write("truncated.osm.pbf", std::string("\0\0\0\x0d\x0a\x09OSMHeader", 15));
        const auto error = error_of([&] { read(truncated, Profile::drive); });
        CHECK(error.code() == Errc::io);
        CHECK(contains(error.what(), "cannot read the OSM file"));
    }
    SECTION("no highway usable by the profile is a data error") {
        const std::vector<Node> nodes{{1, -0.700, 52.600}, {2, -0.699, 52.600}};
        const std::vector<Way> ways{{1, {1, 2}, {{"railway", "rail"}}}, {2, {1, 2}, {{"highway", "footway"}}}};
        const auto path = pooled::test::scratch().write("no_roads.osm", osm_xml(nodes, ways));
        const auto error = error_of([&] { read(path, Profile::drive); });
        CHECK(error.code() == Errc::data);
        CHECK(error.where().path == path);
        CHECK(contains(error.what(), "no highway usable by the drive profile (1 ways with a highway tag)"));
        CHECK(read(path, Profile::walk).edges.size() == 1);
    }
    SECTION("usable ways whose nodes are all missing are a data error") {
        const std::vector<Way> ways{{1, {1, 2}, {{"highway", "residential"}}}};
        const auto path = pooled::test::scratch().write("no_nodes.osm", osm_xml({}, ways));
        const auto error = error_of([&] { read(path, Profile::drive); });
        CHECK(error.code() == Errc::data);
        CHECK(contains(error.what(), "2 node references not in the file"));
    }
}

TEST_CASE("osm: a corrupt PBF leaves no file open", "[osm]") {
    // Found by fuzz/osm_pbf_fuzz.cpp (testdata/bad/README.md F4): libosmium 2.19 closes a PBF
    // only when parsing succeeds, so each corrupt one left a descriptor open until the process
    // ran out (the fuzzer failed after ~21,000 inputs). 19 bytes: a BlobHeader cut short.
    const std::string path = pooled::test::testdata("bad/fuzz/osm_pbf/descriptor_leak.osm.pbf");
    const auto open_on_path = [&path] {
        namespace fs = std::filesystem;
        int count = 0;
        for (const auto &entry : fs::directory_iterator("/proc/self/fd")) {
            std::error_code ec;
            count += fs::read_symlink(entry.path(), ec) == fs::path(path) && !ec ? 1 : 0;
        }
        return count;
    };
    for (int i = 0; i < 3; ++i) {
        const auto error = error_of([&] { read(path, Profile::drive); });
        CHECK(error.code() == Errc::io);
        CHECK(contains(error.what(), "cannot read the OSM file"));
    }
    CHECK(open_on_path() == 0);
    // A good PBF read after them still works (the parser that closes on failure reads it).
    CHECK_FALSE(read(pooled::test::testdata("rutland/rutland-latest.osm.pbf"), Profile::drive).edges.empty());
    CHECK(open_on_path() == 0);
}

TEST_CASE("osm: a node far outside the working CRS's area is refused", "[osm]") {
    // Found by fuzz/osm_xml_fuzz.cpp (testdata/bad/README.md F5): libosmium 2.19 reads
    // lat="52.670E986" as 0 after an int64 overflow, and the road ran 5,836 km to the equator.
    // That file is in bad/fuzz/third_party/ (the overflow would stop a sanitizer build inside
    // libosmium); this one writes the latitude libosmium made of it, 0. BNG's area of use is
    // 49.75..61.01 N (projinfo EPSG:27700): 0 N is 49.75 degrees below, beyond the 5-degree margin.
    const std::string path = pooled::test::testdata("bad/fuzz/osm_xml/node_at_latitude_0.osm");
    const auto error = error_of([&] { read(path, Profile::drive); });
    CHECK(error.code() == Errc::data);
    CHECK(error.where().path == path);
    CHECK(contains(error.what(), "node 2 at (-0.727 0) lies more than 5 degrees outside the area of use of EPSG:27700"));
    // Within the margin is kept: a node at 45 N (4.75 degrees south of the area) is accepted.
    const auto near = pooled::test::scratch().write(
        "near.osm", "<osm version=\"0.6\"><node id=\"1\" lat=\"52.67\" lon=\"-0.728\"/>"
                    "<node id=\"2\" lat=\"45.0\" lon=\"-0.727\"/><way id=\"10\"><nd ref=\"1\"/><nd ref=\"2\"/>"
                    "<tag k=\"highway\" v=\"residential\"/></way></osm>");
    CHECK(read(near, Profile::drive).edges.size() == 1);
}

TEST_CASE("osm: Rutland PBF, ways per profile and drive length", "[osm]") {
    const auto path = pooled::test::testdata("rutland/rutland-latest.osm.pbf");
    // Independent counts: GDAL's OSM driver with the SQLite/SpatiaLite dialect on the same PBF,
    //   ogrinfo -q -ro -dialect sqlite -sql "<query>" rutland-latest.osm.pbf
    // ways with a highway tag: (SELECT COUNT(*) FROM lines WHERE highway IS NOT NULL)
    //   + (SELECT COUNT(*) FROM multipolygons WHERE osm_way_id IS NOT NULL AND
    //      hstore_get_value(other_tags,'highway') IS NOT NULL)                       -> 6665
    // ways per profile: SELECT COUNT(*), SUM(ST_Length(Transform(geometry, 27700))) FROM lines
    //   WHERE highway IN (<the profile's classes>) AND <area != yes> AND
    //   COALESCE(<access keys most specific first, via hstore_get_value>, '') NOT IN
    //   ('no','private','permit','agricultural','forestry','delivery','emergency','military',
    //    'use_sidepath') [drive also: service != 'emergency_access']
    //   drive 4310 ways, 888.371734931 km; walk 6171, 1495.413935 km; cycle 6147, 1483.892319 km
    //   (ST_Length(geometry, 1), on the ellipsoid: drive 888.609 km, 0.027 % more, the BNG
    //   scale factor in Rutland).
    // drive ways without maxspeed: the same WHERE AND hstore_get_value(other_tags,'maxspeed')
    //   IS NULL -> 3759 (every maxspeed in the file is "N mph"; none has :forward/:backward).
    struct Expected {
        Profile profile;
        std::size_t ways_used;
        double km;
        std::size_t ways_default_speed;
    };
    for (const auto &expected : {Expected{Profile::drive, 4310, 888.371734931, 3759},
                                 Expected{Profile::walk, 6171, 1495.413935, 0},
                                 Expected{Profile::cycle, 6147, 1483.892319, 0}}) {
        INFO(pooled::network::profile_name(expected.profile));
        OsmReport report;
        const auto roads = read(path, expected.profile, &report);
        CHECK(report.ways_read == 6665);
        CHECK(report.ways_used == expected.ways_used);
        CHECK(report.ways_default_speed == expected.ways_default_speed);
        CHECK(report.missing_nodes == 0); // Geofabrik extracts keep ways complete
        double metres = 0.0;
        bool shapes_ok = true;
        for (const auto &edge : roads.edges) {
            metres += edge.metres;
            shapes_ok = shapes_ok && edge.shape.size() >= 2 && std::abs(edge.metres - shape_length(edge)) < 1e-6 &&
                        edge.forward_seconds > 0.0 && edge.backward_seconds > 0.0;
        }
        CHECK(shapes_ok);
        CHECK(metres / 1000.0 == Approx(expected.km).epsilon(1e-8));
        CHECK(ways_of(roads).size() == expected.ways_used);
    }
}

TEST_CASE("osm: the same file gives the same edges", "[osm]") {
    const auto path = pooled::test::testdata("rutland/rutland-latest.osm.pbf");
    const auto first = read(path, Profile::drive);
    const auto second = read(path, Profile::drive);
    REQUIRE(first.edges.size() == second.edges.size());
    bool same = true;
    for (std::size_t i = 0; i < first.edges.size(); ++i) {
        const auto &a = first.edges[i];
        const auto &b = second.edges[i];
        same = same && a.source == b.source && a.target == b.target && a.metres == b.metres &&
               a.forward_seconds == b.forward_seconds && a.backward_seconds == b.backward_seconds &&
               a.origin_id == b.origin_id && a.shape == b.shape;
    }
    CHECK(same);
    // Ways by id, segments in way order.
    bool ordered = true;
    for (std::size_t i = 1; i < first.edges.size(); ++i) {
        ordered = ordered && first.edges[i - 1].origin_id <= first.edges[i].origin_id;
    }
    CHECK(ordered);
}
