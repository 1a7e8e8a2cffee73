// The C API against the C++ API on the demo data: the same numbers (bit for bit, as both run
// the same code on the same input), errors with their source, and cancellation.
#include "support/catch.hpp"
#include "support/layers.hpp"

#include <pooled/pooled.h>

#include <pooled/accessibility/measures.hpp>
#include <pooled/catchment/catchment.hpp>
#include <pooled/catchment/isochrone.hpp>
#include <pooled/geometry/algorithms.hpp>
#include <pooled/network/snap.hpp>
#include <pooled/catchment/population.hpp>
#include <pooled/colocation/covering.hpp>
#include <pooled/colocation/pmedian.hpp>
#include <pooled/io/reader.hpp>
#include <pooled/model/convert.hpp>
#include <pooled/network/load.hpp>
#include <pooled/network/route_matrix.hpp>
#include <pooled/network/straight_line.hpp>
#include <pooled/segmentation/segment.hpp>

#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <numeric>
#include <string>
#include <vector>

using namespace pooled;

namespace {

const std::string rutland_zones = test::testdata("rutland/rutland_zones.gpkg:lsoa21");
const std::string rutland_gps = test::testdata("rutland/rutland_facilities.gpkg:gp_practices_2022");
const std::string rutland_roads = test::testdata("rutland/rutland-latest.osm.pbf");
const std::string oac_spec = test::testdata_dir + "/../share/pooled/oac2021_variables.csv";

// Owners of C handles, so a failing REQUIRE does not leak them.
struct ContextFree {
    void operator()(pooled_context *ctx) const { pooled_context_destroy(ctx); }
};
using Context = std::unique_ptr<pooled_context, ContextFree>;

template <class H, pooled_status (*destroy)(pooled_context *, H *)> struct Owned {
    pooled_context *ctx;
    H *handle = nullptr;
    explicit Owned(pooled_context *c) : ctx(c) {}
    ~Owned() { destroy(ctx, handle); }
    Owned(const Owned &) = delete;
    Owned &operator=(const Owned &) = delete;
};
using Layers = Owned<pooled_layers, pooled_layers_destroy>;
using Network = Owned<pooled_network, pooled_network_destroy>;
using Matrix = Owned<pooled_matrix, pooled_matrix_destroy>;
using Catchments = Owned<pooled_catchments, pooled_catchments_destroy>;
using Measure = Owned<pooled_measure, pooled_measure_destroy>;
using Segments = Owned<pooled_segmentation, pooled_segmentation_destroy>;
using Solution = Owned<pooled_solution, pooled_solution_destroy>;

Context context() {
    Context ctx(pooled_context_create());
    REQUIRE(ctx);
    REQUIRE(pooled_context_set_threads(ctx.get(), 2) == POOLED_OK);
    return ctx;
}

// A C call that must succeed; on failure the context's message is shown.
#define C_OK(ctx, call) REQUIRE_MESSAGE((call) == POOLED_OK, pooled_context_error_message(ctx))
#define REQUIRE_MESSAGE(cond, msg) \
    do {                           \
        INFO(msg);                 \
        REQUIRE(cond);             \
    } while (0)

// An array through the size query: first the count, then the fill.
template <class T, class Call> std::vector<T> read_array(pooled_context *ctx, Call call) {
    size_t count = 0;
    REQUIRE(call(nullptr, 0, &count) == POOLED_OK);
    std::vector<T> out(count);
    size_t filled = 0;
    INFO(pooled_context_error_message(ctx));
    REQUIRE(call(out.data(), out.size(), &filled) == POOLED_OK);
    REQUIRE(filled == count);
    return out;
}

// The C++ side of the comparison: the Rutland LSOAs and GP practices as pooled_layers_open reads them.
struct CppRutland {
    model::Population zones;
    model::Estate assets;
    std::vector<network::Located> zone_points;
    std::vector<network::Located> asset_points;
};

const CppRutland &cpp_rutland() {
    static const CppRutland data = [] {
        const auto zones_source = io::LayerSource::parse(rutland_zones);
        const auto assets_source = io::LayerSource::parse(rutland_gps);
        const auto working = io::working_crs_for({zones_source, assets_source}, std::nullopt);
        const auto zone_schema = io::guess_zone_schema(io::inspect_layer(zones_source));
        const auto asset_schema = io::guess_asset_schema(io::inspect_layer(assets_source));
        auto zones = model::to_population(
            io::read_layer(zones_source, working, io::read_options_for(zone_schema)), zone_schema);
        auto assets =
            model::to_estate(io::read_layer(assets_source, working, io::read_options_for(asset_schema)), asset_schema);
        std::vector<network::Located> zone_points, asset_points;
        for (const auto &z : zones.zones) {
            zone_points.push_back({z.id, z.centroid});
        }
        for (const auto &a : assets.assets) {
            asset_points.push_back({a.id, a.location});
        }
        return CppRutland{std::move(zones), std::move(assets), std::move(zone_points), std::move(asset_points)};
    }();
    return data;
}

const network::CostMatrix &cpp_road_matrix() {
    static const network::CostMatrix matrix = [] {
        const auto &data = cpp_rutland();
        const auto loaded = network::load_network(rutland_roads, data.zones.crs);
        network::MatrixOptions options;
        options.cutoff = 1800.0;
        return network::route_matrix(loaded.graph, data.zone_points, data.asset_points, options);
    }();
    return matrix;
}

std::vector<double> zone_population() {
    std::vector<double> population;
    for (const auto &z : cpp_rutland().zones.zones) {
        population.push_back(z.population);
    }
    return population;
}

// The Rutland LSOA polygons counted by area share (what the C API does for polygon zones).
const catchment::PopulationIndex &rutland_population_index() {
    static const catchment::PopulationIndex index = [] {
        std::vector<geometry::Geometry> areas;
        std::vector<geometry::Point> centroids;
        for (const auto &z : cpp_rutland().zones.zones) {
            areas.push_back(z.geometry);
            centroids.push_back(z.centroid);
        }
        return catchment::PopulationIndex(areas, centroids, zone_population(), {},
                                          catchment::PopulationIndex::Rule::area_share);
    }();
    return index;
}

// The Rutland LSOAs and GP practices through the C API, as cpp_rutland() reads them.
void open_rutland(pooled_context *c, Layers &layers) {
    C_OK(c, pooled_layers_open(c, rutland_zones.c_str(), rutland_gps.c_str(), nullptr, nullptr, nullptr,
                               POOLED_ON_INVALID_FAIL, nullptr, nullptr, &layers.handle));
}

// Zones alone through the C API (for segmentation), their columns guessed.
void open_zones(pooled_context *c, Layers &layers, const std::string &zones) {
    C_OK(c, pooled_layers_open(c, zones.c_str(), nullptr, nullptr, nullptr, nullptr, POOLED_ON_INVALID_FAIL, nullptr,
                               nullptr, &layers.handle));
}

} // namespace

TEST_CASE("C API: version and ABI", "[capi]") {
    CHECK(std::string(pooled_version()) == POOLED_VERSION_STRING);
    CHECK(pooled_c_abi_version() == POOLED_C_ABI_VERSION);
    CHECK(std::string(pooled_status_name(POOLED_ERR_CANCELLED)) == "cancelled");
    // The statuses 1-9 are pooled::Errc's values (error.hpp: "the values reach ... the C API").
    CHECK(static_cast<int>(POOLED_ERR_DATA) == static_cast<int>(Errc::data));
    CHECK(static_cast<int>(POOLED_ERR_CANCELLED) == static_cast<int>(Errc::cancelled));
}

TEST_CASE("C API: layers, road matrix and 2SFCA equal the C++ API's", "[capi]") {
    const auto ctx = context();
    pooled_context *c = ctx.get();
    Layers layers(c);
    open_rutland(c, layers);
    const auto &cpp = cpp_rutland();
    const char *crs = nullptr;
    C_OK(c, pooled_layers_working_crs(c, layers.handle, &crs));
    CHECK(std::string(crs) == "EPSG:27700");
    size_t zones = 0, assets = 0;
    C_OK(c, pooled_layers_zone_count(c, layers.handle, &zones));
    C_OK(c, pooled_layers_asset_count(c, layers.handle, &assets));
    // ogrinfo -so: lsoa21 has 26 features, gp_practices_2022 19.
    REQUIRE(zones == 26);
    REQUIRE(assets == 19);
    const char *id = nullptr;
    C_OK(c, pooled_layers_zone_id(c, layers.handle, 0, &id));
    CHECK(std::string(id) == cpp.zones.zones[0].id);
    C_OK(c, pooled_layers_asset_id(c, layers.handle, 18, &id));
    CHECK(std::string(id) == cpp.assets.assets[18].id);
    const auto population = read_array<double>(c, [&](double *v, size_t n, size_t *count) {
        return pooled_layers_zone_population(c, layers.handle, v, n, count);
    });
    CHECK(population == zone_population());
    const auto capacity = read_array<double>(c, [&](double *v, size_t n, size_t *count) {
        return pooled_layers_asset_values(c, layers.handle, "capacity", v, n, count);
    });
    REQUIRE(capacity.size() == 19);
    CHECK(capacity[0] == *cpp.assets.assets[0].capacity); // number_of_patients, guessed as capacity

    Network network(c);
    C_OK(c, pooled_network_load(c, layers.handle, rutland_roads.c_str(), POOLED_PROFILE_DRIVE, &network.handle));
    Matrix matrix(c);
    C_OK(c, pooled_matrix_route(c, network.handle, layers.handle, POOLED_COST_SECONDS, 1800.0, 0.0, nullptr, nullptr,
                                &matrix.handle));
    const auto &expected = cpp_road_matrix();
    size_t origins = 0, destinations = 0, stored = 0;
    C_OK(c, pooled_matrix_size(c, matrix.handle, &origins, &destinations, &stored));
    REQUIRE(origins == expected.origin_count());
    REQUIRE(destinations == expected.destination_count());
    REQUIRE(stored == expected.stored());
    REQUIRE(stored > 0);
    for (size_t i = 0; i < origins; ++i) {
        const auto cols = read_array<std::uint32_t>(c, [&](std::uint32_t *d, size_t n, size_t *count) {
            return pooled_matrix_row(c, matrix.handle, i, d, nullptr, n, count);
        });
        const auto costs = read_array<double>(c, [&](double *v, size_t n, size_t *count) {
            return pooled_matrix_row(c, matrix.handle, i, nullptr, v, n, count);
        });
        const auto row = expected.row(i);
        REQUIRE(cols.size() == row.size());
        for (size_t k = 0; k < row.size(); ++k) {
            CHECK(cols[k] == row[k].destination);
            CHECK(costs[k] == row[k].cost);
        }
        for (size_t j = 0; j < destinations; ++j) {
            double cost = 0.0;
            C_OK(c, pooled_matrix_cost(c, matrix.handle, i, j, &cost));
            CHECK((cost == expected.at(i, j) || (std::isinf(cost) && std::isinf(expected.at(i, j)))));
        }
    }

    // 2SFCA with one unit of supply per practice and a 20 min step.
    const std::vector<double> supply(destinations, 1.0);
    Measure measure(c);
    C_OK(c, pooled_measure_compute(c, matrix.handle, POOLED_MEASURE_2SFCA, population.data(), population.size(),
                                   supply.data(), supply.size(), nullptr, 1200.0, &measure.handle));
    const auto cpp_2sfca =
        accessibility::two_step_fca(expected, population, supply, accessibility::Step(1200.0), 1200.0);
    const auto access = read_array<double>(c, [&](double *v, size_t n, size_t *count) {
        return pooled_measure_values(c, measure.handle, v, n, count);
    });
    CHECK(access == cpp_2sfca.access);
    const auto ratios = read_array<double>(c, [&](double *v, size_t n, size_t *count) {
        return pooled_measure_site_ratios(c, measure.handle, v, n, count);
    });
    CHECK(ratios == cpp_2sfca.ratio);
    double unallocated = -1.0;
    C_OK(c, pooled_measure_unallocated_supply(c, measure.handle, &unallocated));
    CHECK(unallocated == cpp_2sfca.unallocated_supply);

    // 3SFCA with E2SFCA's stepped weights (Luo and Qi 2009: 1, 0.68, 0.22 over thirds of 30 min).
    const char *stepped = "stepped:600=1,1200=0.68,1800=0.22";
    Measure three_step(c);
    C_OK(c, pooled_measure_compute(c, matrix.handle, POOLED_MEASURE_3SFCA, population.data(), population.size(),
                                   supply.data(), supply.size(), stepped, 0.0, &three_step.handle));
    const auto cpp_3sfca =
        accessibility::three_step_fca(expected, population, supply, accessibility::parse_decay(stepped));
    const auto three_step_values = read_array<double>(c, [&](double *v, size_t n, size_t *count) {
        return pooled_measure_values(c, three_step.handle, v, n, count);
    });
    CHECK(three_step_values == cpp_3sfca.access);

    // Gravity with a power decay, and cumulative opportunities within 10 minutes.
    Measure gravity(c);
    C_OK(c, pooled_measure_compute(c, matrix.handle, POOLED_MEASURE_GRAVITY, nullptr, 0, supply.data(), supply.size(),
                                   "power:1", 0.0, &gravity.handle));
    const auto gravity_values = read_array<double>(c, [&](double *v, size_t n, size_t *count) {
        return pooled_measure_values(c, gravity.handle, v, n, count);
    });
    CHECK(gravity_values == accessibility::gravity(expected, supply, accessibility::Power(1.0)));
    Measure cumulative(c);
    C_OK(c, pooled_measure_compute(c, matrix.handle, POOLED_MEASURE_CUMULATIVE, nullptr, 0, supply.data(),
                                   supply.size(), nullptr, 600.0, &cumulative.handle));
    const auto cumulative_values = read_array<double>(c, [&](double *v, size_t n, size_t *count) {
        return pooled_measure_values(c, cumulative.handle, v, n, count);
    });
    CHECK(cumulative_values == accessibility::cumulative_opportunities(expected, supply, 600.0));
    CHECK(pooled_measure_site_ratios(c, gravity.handle, nullptr, 0, &zones) == POOLED_ERR_ARGUMENT);
}

TEST_CASE("C API: layers under a schema file, a network from road lines", "[capi]") {
    const auto ctx = context();
    pooled_context *c = ctx.get();
    const std::string zones = test::derbyshire_zones + ":lsoa21";
    const std::string register_2016 = test::derbyshire_facilities + ":fire_estate_dfrs_2016";
    Layers layers(c);
    C_OK(c, pooled_layers_open(c, zones.c_str(), register_2016.c_str(), test::derbyshire_schema.c_str(), nullptr,
                               nullptr, POOLED_ON_INVALID_FAIL, nullptr, nullptr, &layers.handle));
    size_t count = 0;
    C_OK(c, pooled_layers_zone_count(c, layers.handle, &count));
    CHECK(count == 651); // ogrinfo -so: lsoa21 Feature Count 651
    C_OK(c, pooled_layers_asset_count(c, layers.handle, &count));
    CHECK(count == 56); // ogrinfo -so: fire_estate_dfrs_2016 Feature Count 56
    const char *id = nullptr;
    C_OK(c, pooled_layers_zone_id(c, layers.handle, 0, &id));
    CHECK(std::string(id).rfind("E01", 0) == 0); // the schema maps id = lsoa21cd
    C_OK(c, pooled_layers_asset_id(c, layers.handle, 0, &id));
    CHECK(std::string(id) == "1"); // no id column in the schema: the FID
    // derbyshire.toml: population = ts0010001 (sum 1,055,975), floor_area = gia_m2 (sum 26,743 m2).
    const auto population = read_array<double>(c, [&](double *v, size_t n, size_t *got) {
        return pooled_layers_zone_population(c, layers.handle, v, n, got);
    });
    CHECK(std::accumulate(population.begin(), population.end(), 0.0) == 1055975.0);
    const auto floor_area = read_array<double>(c, [&](double *v, size_t n, size_t *got) {
        return pooled_layers_asset_values(c, layers.handle, "floor_area", v, n, got);
    });
    double total = 0.0;
    for (const double area : floor_area) {
        total += std::isnan(area) ? 0.0 : area;
    }
    CHECK(total == Approx(26743.0).margin(0.5));

    // Road lines (Geofabrik's roads layer) instead of the OSM file: the graph load_network builds.
    Layers rutland(c);
    open_rutland(c, rutland);
    const std::string roads = test::testdata("rutland/rutland_osm_geofabrik.gpkg:roads_bng");
    Network network(c);
    C_OK(c, pooled_network_load(c, rutland.handle, roads.c_str(), POOLED_PROFILE_DRIVE, &network.handle));
    const auto expected = network::load_network(roads, cpp_rutland().zones.crs);
    size_t nodes = 0, edges = 0;
    C_OK(c, pooled_network_size(c, network.handle, &nodes, &edges));
    CHECK(nodes == expected.graph.node_count());
    CHECK(edges == expected.graph.edge_count());
    CHECK(expected.kind == network::NetworkKind::road_lines);
    CHECK(edges > 1000);
}

TEST_CASE("C API: buffer catchments equal the C++ API's", "[capi]") {
    const auto ctx = context();
    pooled_context *c = ctx.get();
    Layers layers(c);
    open_rutland(c, layers);
    const double radii[] = {2000.0, 5000.0};
    Catchments catchments(c);
    C_OK(c, pooled_catchments_buffer(c, layers.handle, radii, 2, nullptr, nullptr, &catchments.handle));

    const auto &cpp = cpp_rutland();
    std::vector<catchment::Site> sites;
    for (const auto &a : cpp.assets.assets) {
        sites.push_back({a.id, a.location});
    }
    auto expected = catchment::buffer_catchments(sites, 2000.0);
    auto wider = catchment::buffer_catchments(sites, 5000.0);
    expected.insert(expected.end(), wider.begin(), wider.end());
    catchment::count_population(expected, rutland_population_index());

    size_t count = 0;
    C_OK(c, pooled_catchments_count(c, catchments.handle, &count));
    REQUIRE(count == expected.size());
    REQUIRE(count == 38); // 19 practices x 2 radii
    for (size_t i = 0; i < count; ++i) {
        size_t asset = 0;
        double cutoff = 0.0, people = 0.0, area = 0.0;
        C_OK(c, pooled_catchments_get(c, catchments.handle, i, &asset, &cutoff, &people, &area));
        CHECK(asset == expected[i].asset);
        CHECK(cutoff == expected[i].cutoff);
        CHECK(people == expected[i].population);
        // A 32-gon of radius r: area = 16 r^2 sin(pi/16) (PostGIS ST_Buffer's default).
        CHECK(area == Approx(16.0 * cutoff * cutoff * std::sin(3.14159265358979323846 / 16.0)).epsilon(1e-9));
    }
    const char *wkt = nullptr;
    C_OK(c, pooled_catchments_wkt(c, catchments.handle, 0, &wkt));
    CHECK(std::string(wkt).rfind("POLYGON", 0) == 0);
}

TEST_CASE("C API: road isochrones equal the C++ API's", "[capi]") {
    const auto ctx = context();
    pooled_context *c = ctx.get();
    // The four Rutland libraries: every one lies within 1 km of a road in the extract.
    const std::string libraries = test::testdata("rutland/rutland_facilities.gpkg:libraries_2016");
    Layers layers(c);
    C_OK(c, pooled_layers_open(c, rutland_zones.c_str(), libraries.c_str(), nullptr, nullptr, nullptr,
                               POOLED_ON_INVALID_FAIL, nullptr, nullptr, &layers.handle));
    Network network(c);
    C_OK(c, pooled_network_load(c, layers.handle, rutland_roads.c_str(), POOLED_PROFILE_DRIVE, &network.handle));
    const double cutoffs[] = {120.0, 300.0};
    Catchments catchments(c);
    C_OK(c, pooled_catchments_network(c, layers.handle, network.handle, cutoffs, 2, nullptr, nullptr,
                                      &catchments.handle));

    const auto &cpp = cpp_rutland();
    const auto source = io::LayerSource::parse(libraries);
    const auto schema = io::guess_asset_schema(io::inspect_layer(source));
    const auto estate = model::to_estate(io::read_layer(source, cpp.zones.crs, io::read_options_for(schema)), schema);
    const auto loaded = network::load_network(rutland_roads, cpp.zones.crs);
    const network::Snapper snapper(loaded.graph);
    std::vector<catchment::Catchment> expected;
    for (std::size_t i = 0; i < estate.assets.size(); ++i) {
        const catchment::Site site{estate.assets[i].id, estate.assets[i].location};
        for (auto &c_ : catchment::isochrones(loaded.graph, snapper, site, i, {120.0, 300.0})) {
            expected.push_back(std::move(c_));
        }
    }
    catchment::count_population(expected, rutland_population_index());
    size_t count = 0;
    C_OK(c, pooled_catchments_count(c, catchments.handle, &count));
    REQUIRE(count == expected.size());
    REQUIRE(count == 8); // 4 libraries x 2 cutoffs
    // `pooled catchments` on the same data: the 5 min isochrone of library 2386 holds 1,537 people.
    CHECK(expected[1].population == Approx(1537.0).margin(0.5));
    for (size_t i = 0; i < count; ++i) {
        size_t asset = 0;
        double cutoff = 0.0, people = 0.0;
        C_OK(c, pooled_catchments_get(c, catchments.handle, i, &asset, &cutoff, &people, nullptr));
        CHECK(asset == expected[i].asset);
        CHECK(cutoff == expected[i].cutoff);
        CHECK(people == expected[i].population);
        const char *wkt = nullptr;
        C_OK(c, pooled_catchments_wkt(c, catchments.handle, i, &wkt));
        CHECK(std::string(wkt) == geometry::to_wkt(expected[i].area, 3));
    }
}

TEST_CASE("C API: p-median and MCLP equal the C++ API's", "[capi]") {
    const auto ctx = context();
    pooled_context *c = ctx.get();
    Layers layers(c);
    open_rutland(c, layers);
    Matrix matrix(c);
    C_OK(c, pooled_matrix_straight_line(c, layers.handle, 0.0, &matrix.handle));
    const auto &cpp = cpp_rutland();
    const auto expected_matrix = network::straight_line_matrix(cpp.zone_points, cpp.asset_points);
    const auto population = zone_population();
    const std::uint32_t required[] = {3};

    Solution pmedian(c);
    C_OK(c, pooled_solve_pmedian(c, matrix.handle, population.data(), population.size(), 4, required, 1, 7,
                                 &pmedian.handle));
    colocation::PMedianOptions options;
    options.p = 4;
    options.sites.required = {3};
    options.seed = 7;
    options.threads = 2;
    const auto expected = colocation::solve_pmedian(expected_matrix, population, options);
    pooled_solve_status status = POOLED_SOLVE_NO_SOLUTION;
    double objective = 0.0, bound = 0.0, gap = 0.0;
    C_OK(c, pooled_solution_result(c, pmedian.handle, &status, &objective, &bound, &gap));
    CHECK(objective == expected.objective);
    CHECK(bound == expected.bound);
    CHECK(gap == expected.gap);
    CHECK(static_cast<int>(status) == static_cast<int>(expected.status));
    const auto selected = read_array<std::uint32_t>(c, [&](std::uint32_t *s, size_t n, size_t *count) {
        return pooled_solution_selected(c, pmedian.handle, s, n, count);
    });
    CHECK(selected == expected.selected);
    CHECK(std::find(selected.begin(), selected.end(), 3u) != selected.end());
    const auto assignment = read_array<std::uint32_t>(c, [&](std::uint32_t *s, size_t n, size_t *count) {
        return pooled_solution_assignment(c, pmedian.handle, s, n, count);
    });
    CHECK(assignment == expected.assignment);

    Solution mclp(c);
    C_OK(c, pooled_solve_mclp(c, matrix.handle, population.data(), population.size(), 3, 5000.0, nullptr, 0, 7,
                              &mclp.handle));
    colocation::MclpOptions mclp_options;
    mclp_options.p = 3;
    mclp_options.service_cost = 5000.0;
    mclp_options.seed = 7;
    mclp_options.threads = 2;
    const auto expected_mclp = colocation::solve_mclp(expected_matrix, population, mclp_options);
    C_OK(c, pooled_solution_result(c, mclp.handle, nullptr, &objective, nullptr, nullptr));
    CHECK(objective == expected_mclp.objective);
    const auto mclp_selected = read_array<std::uint32_t>(c, [&](std::uint32_t *s, size_t n, size_t *count) {
        return pooled_solution_selected(c, mclp.handle, s, n, count);
    });
    CHECK(mclp_selected == expected_mclp.selected);
}

TEST_CASE("C API: segmentation equals the C++ API's", "[capi]") {
    const auto ctx = context();
    pooled_context *c = ctx.get();
    const std::string oas = test::testdata("rutland/rutland_zones.gpkg:oa21_pwc");
    Layers layers(c);
    open_zones(c, layers, oas);
    const size_t ks[] = {4, 2};
    Segments segments(c);
    C_OK(c, pooled_segmentation_run(c, layers.handle, oac_spec.c_str(), ks, 2, 10, 42, nullptr, nullptr,
                                    &segments.handle));

    const auto source = io::LayerSource::parse(oas);
    const auto layer = io::read_layer(source, test::bng());
    const auto spec = segmentation::read_variable_spec(oac_spec);
    auto schema = io::guess_zone_schema(layer.info());
    schema.variables = spec.columns();
    segmentation::SegmentOptions options;
    options.hierarchy.ks = {4, 2};
    options.hierarchy.kmeans.restarts = 10;
    options.hierarchy.kmeans.seed = 42;
    options.hierarchy.kmeans.threads = 1; // the C side ran on 2: the result must not change
    const auto expected = segmentation::segment_zones(model::to_population(layer, schema), spec, options);

    size_t levels = 0;
    C_OK(c, pooled_segmentation_level_count(c, segments.handle, &levels));
    REQUIRE(levels == 2);
    for (size_t level = 1; level <= levels; ++level) {
        const auto &want = expected.hierarchy.levels[level - 1];
        size_t count = 0;
        C_OK(c, pooled_segmentation_segment_count(c, segments.handle, level, &count));
        REQUIRE(count == want.codes.size());
        for (size_t s = 0; s < count; ++s) {
            const char *code = nullptr;
            C_OK(c, pooled_segmentation_segment_code(c, segments.handle, level, s, &code));
            CHECK(std::string(code) == want.codes[s]);
        }
        double within = 0.0;
        C_OK(c, pooled_segmentation_within_ss(c, segments.handle, level, &within));
        CHECK(within == want.within_ss);
        const auto labels = read_array<std::uint32_t>(c, [&](std::uint32_t *l, size_t n, size_t *got) {
            return pooled_segmentation_labels(c, segments.handle, level, l, n, got);
        });
        CHECK(labels == want.labels);
    }
    size_t segments_count = 0;
    CHECK(pooled_segmentation_segment_count(c, segments.handle, 3, &segments_count) == POOLED_ERR_ARGUMENT);
    CHECK(std::string(pooled_context_error_message(c)).find("level 3 is out of range") != std::string::npos);
}

TEST_CASE("C API: errors name file, layer, feature and field", "[capi]") {
    const auto ctx = context();
    pooled_context *c = ctx.get();
    Layers layers(c);
    layers.handle = reinterpret_cast<pooled_layers *>(&layers); // must be reset to NULL by the failing call

    SECTION("a population that is not a number") {
        // testdata/bad/README.md #4: row 3 (E01013789) has ts0010001 = 'n/a'.
        const std::string bad = test::testdata("bad/text_population.csv");
        CHECK(pooled_layers_open(c, bad.c_str(), nullptr, nullptr, nullptr, "EPSG:27700", POOLED_ON_INVALID_FAIL,
                                 nullptr, nullptr, &layers.handle) == POOLED_ERR_DATA);
        CHECK(layers.handle == nullptr);
        CHECK(pooled_context_error_status(c) == POOLED_ERR_DATA);
        CHECK(std::string(pooled_context_error_file(c)) == bad);
        CHECK(std::string(pooled_context_error_layer(c)) == "text_population");
        std::int64_t fid = 0;
        CHECK(pooled_context_error_feature(c, &fid) == 1);
        CHECK(fid == 3);
        CHECK(std::string(pooled_context_error_field(c)) == "ts0010001");
        const std::string message = pooled_context_error_message(c);
        CHECK(message.find("n/a") != std::string::npos);
        CHECK(message.find("feature 3") != std::string::npos);
    }
    SECTION("skipped rather than failed") {
        const std::string bad = test::testdata("bad/text_population.csv");
        C_OK(c, pooled_layers_open(c, bad.c_str(), nullptr, nullptr, nullptr, "EPSG:27700", POOLED_ON_INVALID_SKIP,
                                   nullptr, nullptr, &layers.handle));
        size_t zones = 0, skipped = 0, assets_skipped = 9;
        C_OK(c, pooled_layers_zone_count(c, layers.handle, &zones));
        C_OK(c, pooled_layers_skipped(c, layers.handle, &skipped, &assets_skipped));
        CHECK(zones == 4); // 5 rows, row 3 ('n/a') left out
        CHECK(skipped == 1);
        CHECK(assets_skipped == 0);
        pooled_layers_destroy(c, layers.handle);
        layers.handle = nullptr;
    }
    SECTION("a schema file that cannot be read") {
        const std::string missing = test::testdata("no/such/schema.toml");
        CHECK(pooled_layers_open(c, rutland_zones.c_str(), nullptr, missing.c_str(), nullptr, nullptr,
                                 POOLED_ON_INVALID_FAIL, nullptr, nullptr, &layers.handle) == POOLED_ERR_IO);
        CHECK(layers.handle == nullptr);
        CHECK(std::string(pooled_context_error_file(c)) == missing);
        CHECK(pooled_context_error_feature(c, nullptr) == 0);
    }
    SECTION("a layer that does not exist") {
        const std::string none = test::testdata("rutland/rutland_zones.gpkg:no_such_layer");
        CHECK(pooled_layers_open(c, none.c_str(), nullptr, nullptr, nullptr, nullptr, POOLED_ON_INVALID_FAIL, nullptr,
                                 nullptr, &layers.handle) == POOLED_ERR_IO);
        CHECK(std::string(pooled_context_error_layer(c)) == "no_such_layer");
    }
    SECTION("bad arguments") {
        CHECK(pooled_layers_open(c, nullptr, nullptr, nullptr, nullptr, nullptr, POOLED_ON_INVALID_FAIL, nullptr,
                                 nullptr, &layers.handle) == POOLED_ERR_ARGUMENT);
    }
    // A success clears the last error.
    layers.handle = nullptr;
    C_OK(c, pooled_layers_open(c, rutland_zones.c_str(), nullptr, nullptr, nullptr, nullptr, POOLED_ON_INVALID_FAIL,
                               nullptr, nullptr, &layers.handle));
    CHECK(pooled_context_error_status(c) == POOLED_OK);
    CHECK(std::string(pooled_context_error_message(c)).empty());
    CHECK(std::string(pooled_context_error_file(c)).empty());
}

TEST_CASE("C API: buffers, indexes and arguments are checked", "[capi]") {
    const auto ctx = context();
    pooled_context *c = ctx.get();
    Layers layers(c);
    open_rutland(c, layers);
    double small[5];
    size_t count = 0;
    CHECK(pooled_layers_zone_population(c, layers.handle, small, 5, &count) == POOLED_ERR_BUFFER_TOO_SMALL);
    CHECK(count == 26); // the size the caller needs
    CHECK(pooled_layers_zone_population(c, layers.handle, nullptr, 5, &count) == POOLED_ERR_ARGUMENT);
    const char *id = nullptr;
    CHECK(pooled_layers_zone_id(c, layers.handle, 26, &id) == POOLED_ERR_ARGUMENT);
    CHECK(std::string(pooled_context_error_message(c)).find("zone index 26 is out of range (there are 26)") !=
          std::string::npos);
    CHECK(pooled_layers_asset_values(c, layers.handle, "floor_area", nullptr, 0, &count) == POOLED_ERR_ARGUMENT);
    CHECK(std::string(pooled_context_error_message(c)).find("floor_area") != std::string::npos);
    Matrix matrix(c);
    CHECK(pooled_matrix_straight_line(c, layers.handle, -1.0, &matrix.handle) == POOLED_ERR_ARGUMENT);
    C_OK(c, pooled_matrix_straight_line(c, layers.handle, 5000.0, &matrix.handle));
    Measure measure(c);
    const std::vector<double> two(2, 1.0);
    // Demand and supply must match the matrix (26 zones, 19 practices).
    CHECK(pooled_measure_compute(c, matrix.handle, POOLED_MEASURE_2SFCA, two.data(), 2, two.data(), 2, nullptr,
                                 5000.0, &measure.handle) == POOLED_ERR_ARGUMENT);
    CHECK(pooled_measure_compute(c, matrix.handle, POOLED_MEASURE_GRAVITY, nullptr, 0, two.data(), 2, "nonsense:1",
                                 0.0, &measure.handle) == POOLED_ERR_ARGUMENT);
    CHECK(measure.handle == nullptr);
    Solution solution(c);
    CHECK(pooled_solve_pmedian(c, matrix.handle, two.data(), 2, 0, nullptr, 0, 1, &solution.handle) ==
          POOLED_ERR_ARGUMENT);
}

// Not under AddressSanitizer, which aborts on an allocation this size by design
// (allocator_may_return_null=0).
#if !defined(__SANITIZE_ADDRESS__)
TEST_CASE("C API: running out of memory is a status, not an exception", "[capi]") {
    const auto ctx = context();
    pooled_context *c = ctx.get();
    const std::string oas = test::testdata("rutland/rutland_zones.gpkg:oa21_pwc");
    Layers layers(c);
    open_zones(c, layers, oas);
    // 2^59 restarts: k-means keeps one double per restart, 4 EiB, which no allocator gives.
    const size_t ks[] = {4};
    Segments segments(c);
    CHECK(pooled_segmentation_run(c, layers.handle, oac_spec.c_str(), ks, 1, SIZE_MAX >> 5, 42, nullptr, nullptr,
                                  &segments.handle) == POOLED_ERR_OUT_OF_MEMORY);
    CHECK(segments.handle == nullptr);
    CHECK(std::string(pooled_context_error_message(c)).find("out of memory") == 0);
}
#endif

namespace {
struct CancelAfter {
    int allowed;
    int calls = 0;
    int after_cancel = 0;
};
int cancel_after(double, const char *, void *data) {
    auto *state = static_cast<CancelAfter *>(data);
    if (state->calls >= state->allowed) {
        ++state->after_cancel; // once 0 is returned the call must stop asking
        return 0;
    }
    ++state->calls;
    return 1;
}
} // namespace

TEST_CASE("C API: a cancelled progress callback stops a long call cleanly", "[capi]") {
    const auto ctx = context();
    pooled_context *c = ctx.get();
    SECTION("k-means with 100,000 restarts on 3,447 Derbyshire Output Areas") {
        const std::string oas = test::testdata("derbyshire/derbyshire_zones.gpkg:oa21_pwc");
        Layers layers(c);
        open_zones(c, layers, oas);
        const size_t ks[] = {8};
        CancelAfter state{3};
        Segments segments(c);
        CHECK(pooled_segmentation_run(c, layers.handle, oac_spec.c_str(), ks, 1, 100000, 42, cancel_after, &state,
                                      &segments.handle) == POOLED_ERR_CANCELLED);
        CHECK(segments.handle == nullptr);
        CHECK(state.calls == 3);
        CHECK(state.after_cancel == 1);
        CHECK(pooled_context_error_status(c) == POOLED_ERR_CANCELLED);
    }
    SECTION("a road matrix") {
        Layers layers(c);
        open_rutland(c, layers);
        Network network(c);
        C_OK(c, pooled_network_load(c, layers.handle, rutland_roads.c_str(), POOLED_PROFILE_DRIVE, &network.handle));
        CancelAfter state{0};
        Matrix matrix(c);
        CHECK(pooled_matrix_route(c, network.handle, layers.handle, POOLED_COST_SECONDS, 0.0, 0.0, cancel_after,
                                  &state, &matrix.handle) == POOLED_ERR_CANCELLED);
        CHECK(matrix.handle == nullptr);
        CHECK(state.after_cancel == 1);
        // The context and the inputs are fine afterwards: the same call without a callback works.
        C_OK(c, pooled_matrix_route(c, network.handle, layers.handle, POOLED_COST_SECONDS, 0.0, 0.0, nullptr, nullptr,
                                    &matrix.handle));
    }
    SECTION("reading layers") {
        CancelAfter state{0};
        Layers layers(c);
        CHECK(pooled_layers_open(c, rutland_zones.c_str(), nullptr, nullptr, nullptr, nullptr, POOLED_ON_INVALID_FAIL,
                                 cancel_after, &state, &layers.handle) == POOLED_ERR_CANCELLED);
        CHECK(layers.handle == nullptr);
    }
}

TEST_CASE("C API: a scenario file is checked, every problem with its file and line", "[capi][scenario]") {
    const auto ctx = context();
    pooled_context *c = ctx.get();
    C_OK(c, pooled_scenario_check(c, test::testdata("scenario/rutland_small.toml").c_str()));
    // The three problems of the file, as tests/unit/scenario/scenario_file_test.cpp has them
    // (line numbers read off the file with `cat -n`).
    const std::string bad = test::testdata("bad/scenario/several_problems.toml");
    CHECK(pooled_scenario_check(c, bad.c_str()) == POOLED_ERR_ARGUMENT);
    CHECK(std::string(pooled_context_error_message(c)) ==
          bad + ":2: scenario.seed: expected a whole number >= 0, found -1\n" + bad +
              ":11: colocation.lease_horizon: expected a whole number from 0 to 100, found 500\n" + bad +
              ":14: outputs.geopackage: expected a file name without a directory, found \"out/results.gpkg\"");
    // A run checks first: the same status and message, and nothing written.
    const auto out = std::filesystem::temp_directory_path() / ("pooled_capi_bad_" + std::to_string(::getpid()));
    CHECK(pooled_scenario_run(c, bad.c_str(), out.c_str(), nullptr, nullptr) == POOLED_ERR_ARGUMENT);
    CHECK(std::string(pooled_context_error_message(c)).find(":14: outputs.geopackage:") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(out));
    // A file that is not there is an I/O error naming it.
    const std::string missing = test::testdata("scenario/no_such_scenario.toml");
    CHECK(pooled_scenario_check(c, missing.c_str()) == POOLED_ERR_IO);
    CHECK(std::string(pooled_context_error_message(c)).find("no_such_scenario.toml") != std::string::npos);
}

namespace {
int count_calls(double, const char *, void *data) {
    ++*static_cast<int *>(data);
    return 1;
}
} // namespace

TEST_CASE("C API: a cancelled scenario run leaves no output directory", "[capi][scenario]") {
    const auto ctx = context();
    pooled_context *c = ctx.get();
    const std::string small = test::testdata("scenario/rutland_small.toml");
    const auto root = std::filesystem::temp_directory_path() / ("pooled_capi_cancel_" + std::to_string(::getpid()));
    std::filesystem::remove_all(root);
    int total = 0;
    C_OK(c, pooled_scenario_run(c, small.c_str(), (root / "full").c_str(), count_calls, &total));
    CHECK(std::filesystem::exists(root / "full" / "results.gpkg"));
    REQUIRE(total >= 4);
    // Cancelled at the first report, in the middle, and at the last one (just before the
    // files are written): each time the call stops, and neither the directory it would have
    // made nor any file in it is left.
    for (const int allowed : {0, total / 2, total - 1}) {
        INFO("cancelled after " << allowed << " of " << total << " reports");
        CancelAfter state{allowed};
        const auto out = root / ("cancelled_" + std::to_string(allowed));
        CHECK(pooled_scenario_run(c, small.c_str(), out.c_str(), cancel_after, &state) == POOLED_ERR_CANCELLED);
        CHECK(state.after_cancel == 1);
        CHECK_FALSE(std::filesystem::exists(out));
    }
    // Into an existing directory: cancelled, it stays as it was (empty).
    std::filesystem::create_directories(root / "existing");
    CancelAfter state{total - 1};
    CHECK(pooled_scenario_run(c, small.c_str(), (root / "existing").c_str(), cancel_after, &state) ==
          POOLED_ERR_CANCELLED);
    CHECK(std::filesystem::is_empty(root / "existing"));
    std::filesystem::remove_all(root);
}
