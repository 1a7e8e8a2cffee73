#include "support/catch.hpp"
#include "support/errors.hpp"
#include "support/scratch.hpp"

#include <pooled/segmentation/model_file.hpp>

#include <filesystem>

using namespace pooled;
using namespace pooled::segmentation;
using pooled::test::contains;

namespace {
// Two variables; level 1: "1" at (0,0), "2" at (10,0); level 2: "1a" (-1,0), "1b" (1,0), "2a" (10,0).
SegmentModel two_levels() {
    SegmentModel model;
    model.variables = parse_variable_spec("name,numerator,denominator\nx,a+b,t\ny,c,\n", "spec.csv");
    model.preparation = Preparation{Transform::ihs, Standardise::range, {{0.5, 2.0}, {0.0, 0.1}}};
    model.seed = 42;
    model.restarts = 100;
    model.pooled_version = "0.1.0";
    model.levels.push_back(SegmentLevel{{{"1", "", 3, 30.5, {0, 0}}, {"2", "", 2, 20, {10, 0}}}, 12.25});
    model.levels.push_back(
        SegmentLevel{{{"1a", "1", 1, 10, {-1, 0}}, {"1b", "1", 2, 20.5, {1, 0}}, {"2a", "2", 2, 20, {10, 0}}}, 0.1});
    return model;
}

DataMatrix rows(std::vector<double> values) {
    DataMatrix m;
    m.cols = 2;
    m.rows = values.size() / 2;
    m.values = std::move(values);
    return m;
}
} // namespace

TEST_CASE("a model file reads back as it was written", "[segmentation][model]") {
    const SegmentModel model = two_levels();
    const std::string text = model_to_json(model);
    const SegmentModel back = model_from_json(text, "model.json");
    CHECK(back.variables.names() == model.variables.names());
    CHECK(back.variables.variables[0].numerator == std::vector<std::string>{"a", "b"});
    CHECK(back.variables.variables[1].denominator.empty());
    CHECK(back.variables.variables[0].line == 0); // messages name the variable, not a line of a rebuilt text
    CHECK(back.preparation.transform == Transform::ihs);
    CHECK(back.preparation.standardise == Standardise::range);
    CHECK(back.preparation.scaling[1].scale == 0.1); // doubles round-trip exactly
    CHECK(back.seed == 42);
    CHECK(back.levels.size() == 2);
    CHECK(back.levels[1].segments[1].code == "1b");
    CHECK(back.levels[1].segments[1].parent == "1");
    CHECK(back.levels[1].segments[1].population == 20.5);
    CHECK(back.levels[0].within_ss == 12.25);
    CHECK(model_to_json(back) == text); // stable bytes

    // save_model replaces the placeholder file atomically.
    const std::string path = test::scratch().write("segmentation_model.json", "placeholder");
    save_model(model, path);
    CHECK(model_to_json(load_model(path)) == text);
    CHECK_FALSE(std::filesystem::exists(path + ".tmp-pooled"));
    CHECK(test::code_of([&] { save_model(model, path + ".d/no/such/dir/model.json"); }) == Errc::io);
}

TEST_CASE("assigning goes level by level, to the nearest child of the segment above", "[segmentation][model]") {
    const SegmentModel model = two_levels();
    // (4,0): level 1 -> "1" (4 < 6), then "1b" (3 < 5).
    // (5.2,0): level 1 -> "2" (4.8 < 5.2), then "2a", although "1b" (4.2 away) is nearer than
    // "2a" (4.8): the second level only looks at the children of "2".
    // (-3,1): "1", then "1a".
    const auto codes = assign_segments(model, rows({4, 0, 5.2, 0, -3, 1}));
    REQUIRE(codes.size() == 2);
    CHECK(codes[0] == std::vector<std::string>{"1", "2", "1"});
    CHECK(codes[1] == std::vector<std::string>{"1b", "2a", "1a"});
    CHECK(segment_codes(model)[1] == std::vector<std::string>{"1a", "1b", "2a"});
    CHECK(test::code_of([&] { assign_segments(model, DataMatrix{1, 3, {0, 0, 0}}); }) == Errc::argument);
}

TEST_CASE("a malformed model file names the key", "[segmentation][model]") {
    auto broken = [](const std::string &from, const std::string &to) {
        std::string text = model_to_json(two_levels());
        const auto at = text.find(from);
        REQUIRE(at != std::string::npos);
        return text.replace(at, from.size(), to);
    };
    const auto version = test::error_of([&] { model_from_json(broken("\"version\": 1", "\"version\": 7"), "m.json"); });
    CHECK(version.code() == Errc::data);
    CHECK(version.where().path == "m.json");
    CHECK(version.where().field == "version");
    CHECK(contains(version.what(), "version 7 is not supported"));
    const auto parent = test::error_of([&] { model_from_json(broken("\"parent\": \"2\"", "\"parent\": \"9\""), "m.json"); });
    CHECK(parent.where().field == "levels[1].segments[2].parent");
    const auto seed = test::error_of([&] { model_from_json(broken("\"seed\": 42", "\"seed\": \"x\""), "m.json"); });
    CHECK(seed.where().field == "seed");
    CHECK(contains(test::message_of([&] { model_from_json("{", "m.json"); }), "not JSON"));
    CHECK(contains(test::message_of([&] { model_from_json("{\"format\": \"other\"}", "m.json"); }),
                   "not a pooled segmentation model"));
    CHECK(test::code_of([] { load_model("/nonexistent/model.json"); }) == Errc::io);
}
