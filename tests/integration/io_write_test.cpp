// Writing layers: every format reads back, outputs are byte-stable, and failures leave no file.

#include "support/catch.hpp"
#include "support/errors.hpp"
#include "support/layers.hpp"

#include <pooled/io/reader.hpp>
#include <pooled/io/writer.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <unistd.h>

using namespace pooled;
namespace fs = std::filesystem;

namespace {
// A fresh empty directory, removed at the end of the test.
struct TempDir {
    fs::path path;
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "pooled-test-XXXXXX").string();
        path = ::mkdtemp(pattern.data());
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    std::size_t entries() const { return static_cast<std::size_t>(std::distance(fs::directory_iterator(path), {})); }
};

std::string bytes_of(const fs::path &path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

io::Layer rutland_lsoas() { return test::read_testdata_layer("rutland/rutland_zones.gpkg:lsoa21"); }
} // namespace

TEST_CASE("every output format reads back with the same features", "[io][write][integration]") {
    const auto lsoas = rutland_lsoas();
    TempDir dir;
    for (const char *name : {"out.gpkg", "out.geojson", "out.fgb", "out.csv"}) {
        const auto path = (dir.path / name).string();
        io::write_layer(path, lsoas, "lsoa21");
        io::ReadOptions options;
        options.assume_crs = crs::Crs::from_user_input("EPSG:27700"); // CSV carries no CRS
        const auto back = io::read_layer(io::LayerSource{path, {}}, lsoas.working_crs(), options);
        INFO(name);
        CHECK(back.features().size() == 26);
        CHECK(back.features()[0].values[0] == lsoas.features()[0].values[0]); // lsoa21cd
        const auto a = back.extent();
        const auto b = lsoas.extent();
        CHECK(a.min_x == Approx(b.min_x).margin(1e-6));
        CHECK(a.max_y == Approx(b.max_y).margin(1e-6));
    }
    CHECK(dir.entries() == 4); // no temporary files left behind
}

TEST_CASE("the same layer written twice gives the same bytes", "[io][write][determinism]") {
    const auto lsoas = rutland_lsoas();
    TempDir dir;
    for (const char *ext : {".gpkg", ".geojson", ".fgb", ".csv"}) {
        const auto first = (dir.path / (std::string("a") + ext)).string();
        const auto second = (dir.path / (std::string("b") + ext)).string();
        io::write_layer(first, lsoas, "lsoa21");
        io::write_layer(second, lsoas, "lsoa21");
        INFO(ext);
        CHECK(bytes_of(first) == bytes_of(second));
    }
}

TEST_CASE("a failed write leaves no file and keeps what was there", "[io][write][bad-input]") {
    const auto lsoas = rutland_lsoas();
    TempDir dir;
    const auto target = dir.path / "zones.gpkg";
    { std::ofstream(target) << "old"; }

    // Two fields named alike (SQLite folds case): refused before anything is written.
    io::OutputLayer broken{"zones", lsoas.working_crs().crs(), {{"pop", io::FieldType::integer}, {"POP", io::FieldType::integer}}, {}};
    const Error e = test::error_of([&] { io::write_layers(target.string(), {broken}); });
    CHECK(e.code() == Errc::argument);
    CHECK(e.where().path == target.string());
    CHECK(e.where().field == "POP");
    CHECK(bytes_of(target) == "old");
    CHECK(dir.entries() == 1);

    // A failure inside GDAL, found only when the GeoPackage is flushed: a geometry column and
    // an attribute both called "geom" collide in SQLite after the layer was started.
    io::OutputLayer clash{"zones", lsoas.working_crs().crs(), {{"geom", io::FieldType::integer}}, lsoas.features()};
    clash.features.resize(2);
    for (auto &feature : clash.features) {
        feature.values = {io::FieldValue{std::int64_t{1}}};
    }
    CHECK_THROWS_AS(io::write_layers(target.string(), {clash}), Error);
    CHECK(bytes_of(target) == "old");
    CHECK(dir.entries() == 1);

    CHECK_THROWS_AS(io::write_layer((dir.path / "missing-dir" / "x.gpkg").string(), lsoas), Error);
    CHECK_THROWS_AS(io::write_layer((dir.path / "x.shp").string(), lsoas), Error);
    CHECK(dir.entries() == 1);
}

TEST_CASE("an input is never overwritten", "[io][write][bad-input]") {
    TempDir dir;
    const auto input = dir.path / "in.geojson";
    const auto lsoas = rutland_lsoas();
    io::write_layer(input.string(), lsoas);
    const std::string before = bytes_of(input);
    CHECK(test::code_of([&] { io::write_layer(input.string(), lsoas, "lsoa21", {input.string()}); }) == Errc::argument);
    CHECK(bytes_of(input) == before);
}
