#include "support/catch.hpp"
#include "support/errors.hpp"
#include "support/scratch.hpp"

#include <pooled/core/error.hpp>
#include <pooled/io/writer.hpp>
#include <pooled/network/matrix_file.hpp>

#include <cmath>
#include <filesystem>
#include <tuple>
#include <limits>
#include <string>
#include <vector>

using namespace pooled::network;
using pooled::Errc;
using pooled::io::LayerSource;
using pooled::test::code_of;
using pooled::test::contains;
using pooled::test::error_of;
using pooled::test::message_of;

namespace {
const std::vector<std::string> zones = {"E01", "E02", "E03"};
const std::vector<std::string> sites = {"GP1", "GP2"};
const double inf = std::numeric_limits<double>::infinity();

LayerSource csv(const std::string &name, const std::string &text) {
    return LayerSource::parse(pooled::test::scratch().write("matrix_file_" + name, text));
}
} // namespace

TEST_CASE("a long CSV origin_id,destination_id,cost maps onto the layers' ids", "[network][matrix_file]") {
    // Rows in any order; E03 -> GP2 left out (unreachable); E02 -> GP1 with an empty cost (unreachable).
    const auto source = csv("long.csv", "origin_id,destination_id,cost\n"
                                        "E02,GP2,7.5\n"
                                        "E01,GP2,12\n"
                                        "E01,GP1,3\n"
                                        "E02,GP1,\n"
                                        "E03,GP1,0\n");
    const MatrixFile file = read_matrix_file(source, zones, sites);
    CHECK(file.cost_field == "cost");
    CHECK_FALSE(file.unit_known);
    CHECK(file.rows == 5);
    CHECK(file.empty_costs == 1);
    const CostMatrix &m = file.matrix;
    CHECK(m.origin_ids() == zones);
    CHECK(m.destination_ids() == sites);
    CHECK(m.stored() == 4);
    CHECK(m.at(0, 0) == 3.0);
    CHECK(m.at(0, 1) == 12.0);
    CHECK(m.at(1, 0) == inf);
    CHECK(m.at(1, 1) == 7.5);
    CHECK(m.at(2, 0) == 0.0);
    CHECK(m.at(2, 1) == inf);
    // A cutoff drops pairs above it (inclusive): 12 goes, 7.5 stays.
    const MatrixFile cut = read_matrix_file(source, zones, sites, {{}, 7.5});
    CHECK(cut.matrix.stored() == 3);
    CHECK(cut.matrix.at(0, 1) == inf);
    CHECK(cut.matrix.cutoff() == 7.5);
}

TEST_CASE("a matrix written by pooled matrix (seconds and metres), CSV or GeoPackage", "[network][matrix_file]") {
    pooled::io::OutputLayer table{"matrix",
                                  std::nullopt,
                                  {{"origin_id", pooled::io::FieldType::string},
                                   {"destination_id", pooled::io::FieldType::string},
                                   {"seconds", pooled::io::FieldType::real},
                                   {"metres", pooled::io::FieldType::real}},
                                  {}};
    for (const auto &[o, d, s, metres] : {std::tuple{"E01", "GP1", 60.0, 800.0}, std::tuple{"E03", "GP2", 300.5, 4200.0}}) {
        pooled::io::Feature f;
        f.values = {std::string(o), std::string(d), s, metres};
        table.features.push_back(f);
    }
    const std::string gpkg = pooled::test::scratch().write("matrix_file_m.gpkg", "");
    std::filesystem::remove(gpkg);
    pooled::io::write_layers(gpkg, {table});
    const MatrixFile file = read_matrix_file(LayerSource::parse(gpkg), zones, sites);
    CHECK(file.cost_field == "seconds");
    CHECK(file.unit_known);
    CHECK(file.matrix.unit() == CostUnit::seconds);
    CHECK(file.matrix.other_unit() == CostUnit::metres);
    CHECK(file.matrix.at(2, 1) == 300.5);
    CHECK(file.matrix.row(2)[0].other == 4200.0);
    // The metres as the cost.
    const MatrixFile metres = read_matrix_file(LayerSource::parse(gpkg), zones, sites, {"metres", std::nullopt});
    CHECK(metres.matrix.unit() == CostUnit::metres);
    CHECK(metres.matrix.at(0, 0) == 800.0);
    CHECK(metres.matrix.row(0)[0].other == 60.0);
    // The same as CSV, with numeric-looking ids kept as text.
    const auto text = csv("pooled.csv", "origin_id,destination_id,seconds,metres\nE01,GP1,60,800\n");
    CHECK(read_matrix_file(text, zones, sites).matrix.at(0, 0) == 60.0);
}

TEST_CASE("matrix files: ids missing from the layers and bad costs name the file and row", "[network][matrix_file]") {
    const auto unknown = csv("unknown.csv", "origin_id,destination_id,cost\nE01,GP1,3\nE09,GP1,4\n");
    const pooled::Error e = error_of([&] { read_matrix_file(unknown, zones, sites); });
    CHECK(e.code() == Errc::data);
    CHECK(contains(e.what(), "data row 2: id 'E09' is not among the demand (origin) layer's ids"));
    CHECK(contains(e.what(), "unknown.csv"));
    CHECK(e.where().field == "origin_id");
    const auto unknown_site = csv("unknown_site.csv", "origin_id,destination_id,cost\nE01,GP7,3\n");
    CHECK(contains(message_of([&] { read_matrix_file(unknown_site, zones, sites); }),
                   "data row 1: id 'GP7' is not among the supply (destination) layer's ids"));
    const auto negative = csv("negative.csv", "origin_id,destination_id,cost\nE01,GP1,-3\n");
    CHECK(contains(message_of([&] { read_matrix_file(negative, zones, sites); }),
                   "data row 1: the cost must be a finite number >= 0, not -3"));
    const auto words = csv("words.csv", "origin_id,destination_id,cost\nE01,GP1,far\n");
    CHECK(code_of([&] { read_matrix_file(words, zones, sites); }) == Errc::data);
    const auto twice = csv("twice.csv", "origin_id,destination_id,cost\nE01,GP1,3\nE02,GP1,3\nE01,GP1,4\n");
    CHECK(contains(message_of([&] { read_matrix_file(twice, zones, sites); }),
                   "data row 3: the pair ('E01', 'GP1') is given twice (first in data row 1)"));
    const auto no_cost = csv("no_cost.csv", "origin_id,destination_id,minutes\nE01,GP1,3\n");
    CHECK(code_of([&] { read_matrix_file(no_cost, zones, sites); }) == Errc::argument);
    const auto empty_id = csv("empty_id.csv", "origin_id,destination_id,cost\n,GP1,3\n");
    CHECK(contains(message_of([&] { read_matrix_file(empty_id, zones, sites); }), "data row 1: the id is empty"));
    CHECK(code_of([&] { read_matrix_file(empty_id, {"a", "a"}, sites); }) == Errc::argument);
}
