#include "support/catch.hpp"
#include "support/errors.hpp"
#include "support/testdata_path.hpp"

#include <pooled/io/layer.hpp>

using pooled::io::LayerSource;

TEST_CASE("PATH:LAYER splits where the path exists", "[io][source]") {
    const auto path = pooled::test::testdata("derbyshire/derbyshire_zones.gpkg");
    const auto s = LayerSource::parse(path + ":lsoa21");
    CHECK(s.path == path);
    CHECK(s.layer == "lsoa21");
    CHECK(s.display() == path + ":lsoa21");

    const auto whole = LayerSource::parse(path);
    CHECK(whole.path == path);
    CHECK(whole.layer.empty());
}

TEST_CASE("a missing file keeps its own name, and connection strings stay whole", "[io][source]") {
    const auto missing = LayerSource::parse("nowhere/zones.gpkg:lsoa21");
    CHECK(missing.path == "nowhere/zones.gpkg");
    CHECK(missing.layer == "lsoa21");

    const auto pg = LayerSource::parse("PG:dbname=estate host=localhost");
    CHECK(pg.path == "PG:dbname=estate host=localhost");
    CHECK(pg.layer.empty());
}

TEST_CASE("text converts to numbers in the C locale or fails naming the source", "[io][number]") {
    const pooled::SourceRef where{"z.csv", "z", 3, "pop"};
    CHECK(pooled::io::to_number(pooled::io::FieldValue{std::string(" 12.5 ")}, where).value() == 12.5);
    CHECK(pooled::io::to_number(pooled::io::FieldValue{std::int64_t{7}}, where).value() == 7.0);
    CHECK_FALSE(pooled::io::to_number(pooled::io::FieldValue{}, where).has_value());
    CHECK_FALSE(pooled::io::to_number(pooled::io::FieldValue{std::string("")}, where).has_value());
    const pooled::Error e =
        pooled::test::error_of([&] { (void)pooled::io::to_number(pooled::io::FieldValue{std::string("12,5O0")}, where); });
    CHECK(e.code() == pooled::Errc::data);
    CHECK(std::string(e.what()) == "not a number: '12,5O0' (z.csv, layer 'z', feature 3, field 'pop')");
    CHECK_THROWS_AS(pooled::io::to_number(pooled::io::FieldValue{std::string("nan")}, where), pooled::Error);
    CHECK(pooled::io::to_text(pooled::io::FieldValue{0.1}) == "0.1");
    CHECK(pooled::io::to_text(pooled::io::FieldValue{std::int64_t{-4}}) == "-4");
}
