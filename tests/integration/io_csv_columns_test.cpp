// The columns of a CSV are typed from every value (src/io/text_columns.cpp), not from GDAL's
// guess over the first 100 kB. The expected values are the files' own text: what GDAL 3.6's
// guess does instead is quoted from `ogrinfo -ro -al -oo AUTODETECT_TYPE=YES` on the same rows.

#include "support/catch.hpp"
#include "support/errors.hpp"
#include "support/scratch.hpp"

#include <pooled/io/reader.hpp>

#include <string>
#include <variant>
#include <vector>

using namespace pooled;
using pooled::test::error_of;

namespace {

io::Layer read_csv(const std::string &path, const std::string &id_field = {}) {
    io::ReadOptions options;
    options.id_field = id_field;
    return io::read_layer(io::LayerSource::parse(path), crs::WorkingCrs::british_national_grid(), options);
}

io::FieldType type_of(const io::Layer &layer, const std::string &name) {
    return layer.fields()[layer.require_field(name)].type;
}

const io::FieldValue &value_of(const io::Layer &layer, std::size_t row, const std::string &name) {
    return layer.features().at(row).values[layer.require_field(name)];
}

} // namespace

TEST_CASE("CSV codes with leading zeros keep them, in the id column and in any other", "[io][read][csv]") {
    const test::Scratch scratch("csv_columns_codes");
    // Census tract codes as in spopt's San Francisco data; ogrinfo with AUTODETECT_TYPE=YES reads
    // tract as Real 60750101 and ward as Integer 7.
    const std::string path = scratch.write("tracts.csv", "tract,ward,pop,share\n"
                                                         "060750101.00,007,3000,0.25\n"
                                                         "060750102.00,012,2500,0.5\n");
    for (const std::string id_field : {"", "tract"}) {
        const io::Layer layer = read_csv(path, id_field);
        CHECK(type_of(layer, "tract") == io::FieldType::string);
        CHECK(io::to_text(value_of(layer, 0, "tract")) == "060750101.00");
        CHECK(type_of(layer, "ward") == io::FieldType::string);
        CHECK(io::to_text(value_of(layer, 0, "ward")) == "007");
        CHECK(io::to_number(value_of(layer, 1, "ward"), {}) == 12.0); // still usable as a number
        CHECK(type_of(layer, "pop") == io::FieldType::integer);
        CHECK(std::get<std::int64_t>(value_of(layer, 1, "pop")) == 2500);
        CHECK(type_of(layer, "share") == io::FieldType::real);
        CHECK(std::get<double>(value_of(layer, 0, "share")) == 0.25);
    }
}

TEST_CASE("a CSV id column is text even when every id is a number", "[io][read][csv]") {
    const test::Scratch scratch("csv_columns_ids");
    // "1.10" and "1.1" are two different ids; read as numbers they would be one (a duplicate).
    const std::string path = scratch.write("sites.csv", "site,floor_area\n1.10,120.0\n1.1,80.50\n2,95\n");
    const io::Layer by_id = read_csv(path, "site");
    CHECK(by_id.report().loaded == 3);
    CHECK(type_of(by_id, "site") == io::FieldType::string);
    CHECK(io::to_text(value_of(by_id, 0, "site")) == "1.10");
    CHECK(io::to_text(value_of(by_id, 1, "site")) == "1.1");
    // Numbers written the long way ("120.0", "80.50") make a real column of their values.
    CHECK(type_of(by_id, "floor_area") == io::FieldType::real);
    CHECK(std::get<double>(value_of(by_id, 0, "floor_area")) == 120.0);
    CHECK(std::get<double>(value_of(by_id, 1, "floor_area")) == 80.5);
    CHECK(std::get<double>(value_of(by_id, 2, "floor_area")) == 95.0);
    // Without an id field the column is typed like any other: the numbers 1.1, 1.1 and 2.
    const io::Layer plain = read_csv(path);
    CHECK(type_of(plain, "site") == io::FieldType::real);
    CHECK(std::get<double>(value_of(plain, 0, "site")) == 1.1);
}

TEST_CASE("a value that is not a number far down a CSV column makes the column text, not a silent 0", "[io][read][csv]") {
    const test::Scratch scratch("csv_columns_late_text");
    // 20,000 rows (about 260 kB) of numbers, then "n/a": GDAL's guess reads only the first
    // 100 kB, calls the column Integer and gives "n/a" as 0 with a warning.
    std::string csv = "id,staff\n";
    for (int i = 1; i <= 20000; ++i) {
        csv += "site" + std::to_string(i) + "," + std::to_string(i % 50) + "\n";
    }
    csv += "site20001,n/a\n";
    const io::Layer layer = read_csv(scratch.write("late.csv", csv), "id");
    REQUIRE(layer.features().size() == 20001);
    CHECK(type_of(layer, "staff") == io::FieldType::string);
    CHECK(io::to_text(value_of(layer, 0, "staff")) == "1"); // earlier numbers back to their text
    CHECK(io::to_text(value_of(layer, 49, "staff")) == "0");
    CHECK(io::to_text(value_of(layer, 20000, "staff")) == "n/a");
    // Used as a number, the bad value is an error that names its feature and field.
    const io::FieldValue &bad = value_of(layer, 20000, "staff");
    const Error e = error_of([&] { (void)io::to_number(bad, layer.ref(20001, "staff")); });
    CHECK(std::string(e.what()).find("not a number: 'n/a'") != std::string::npos);
    CHECK(std::string(e.what()).find("staff") != std::string::npos);
}

TEST_CASE("CSV numbers that are not written the usual way are text", "[io][read][csv]") {
    const test::Scratch scratch("csv_columns_shapes");
    // Each column holds one unusual number beside a plain one.
    const std::string path = scratch.write("shapes.csv", "plus,exponent,spaced,huge,minus_zero,empty\n"
                                                         "+1,1e5, 12,99999999999999999999,-0,\n"
                                                         "2,3,4,5,6,\n");
    const io::Layer layer = read_csv(path);
    CHECK(type_of(layer, "plus") == io::FieldType::string);
    CHECK(io::to_text(value_of(layer, 0, "plus")) == "+1");
    CHECK(type_of(layer, "exponent") == io::FieldType::string);
    CHECK(type_of(layer, "spaced") == io::FieldType::string);
    CHECK(io::to_text(value_of(layer, 0, "spaced")) == " 12");
    CHECK(type_of(layer, "huge") == io::FieldType::string); // beyond int64: kept whole
    CHECK(io::to_text(value_of(layer, 0, "huge")) == "99999999999999999999");
    // "-0" is a number: the column is integer and it reads 0.
    CHECK(type_of(layer, "minus_zero") == io::FieldType::integer);
    CHECK(std::get<std::int64_t>(value_of(layer, 0, "minus_zero")) == 0);
    // A column with no value at all is text, as GDAL makes it.
    CHECK(type_of(layer, "empty") == io::FieldType::string);
    CHECK(std::holds_alternative<std::monostate>(value_of(layer, 0, "empty")));
}

TEST_CASE("a streamed CSV gives every value as its text, the checks and the report as read_layer's", "[io][read][csv]") {
    const test::Scratch scratch("csv_columns_stream");
    // Row 3 has no coordinates: under OnInvalid::skip both readers leave it out and count it.
    const std::string path = scratch.write("sites.csv", "site,x,y,floor_area\n"
                                                        "007,440000,360000,120.0\n"
                                                        "008,440100,360000,95\n"
                                                        "009,,,80\n"
                                                        "010,440200,360000,n/a\n");
    io::ReadOptions options;
    options.on_invalid = io::OnInvalid::skip;
    options.assume_crs = crs::Crs::from_user_input("EPSG:27700");
    const io::LayerSource source = io::LayerSource::parse(path);
    const io::Layer held = io::read_layer(source, crs::WorkingCrs::british_national_grid(), options);
    std::vector<io::Feature> seen;
    const io::Layer header = io::stream_layer(source, crs::WorkingCrs::british_national_grid(), options,
                                              [&](const io::Layer &h, io::Feature &&f) {
                                                  CHECK(h.features().empty()); // nothing is held
                                                  seen.push_back(std::move(f));
                                              });
    CHECK(header.features().empty());
    CHECK(header.report().read == 4);
    CHECK(header.report().skipped == 1);
    CHECK(header.report().loaded == 3);
    CHECK(held.report().loaded == 3);
    REQUIRE(seen.size() == held.features().size());
    const std::size_t area = header.require_field("floor_area");
    for (std::size_t i = 0; i < seen.size(); ++i) {
        CHECK(seen[i].fid == held.features()[i].fid);
        CHECK(seen[i].geometry == held.features()[i].geometry);
        for (std::size_t f = 0; f < seen[i].values.size(); ++f) {
            // The file's own text, whatever type read_layer gave the column.
            CHECK(std::holds_alternative<std::string>(seen[i].values[f]));
            CHECK(io::to_text(seen[i].values[f]) == io::to_text(held.features()[i].values[f]));
        }
    }
    CHECK(std::get<std::string>(seen[0].values[area]) == "120.0");
    CHECK(io::to_number(seen[1].values[area], {}) == 95.0);
}
