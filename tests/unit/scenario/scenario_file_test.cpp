// Scenario files: the broken ones of testdata/bad/scenario/ (listed in testdata/bad/README.md)
// each give their exact "file:line: key: message" lines, every problem of a file at once; the
// shipped demo scenarios read back with their paths resolved against the scenario's directory.
// Line numbers were read off the files (each is a few lines; `cat -n`).

#include "support/catch.hpp"
#include "support/errors.hpp"
#include "support/scratch.hpp"
#include "support/testdata_path.hpp"

#include <pooled/scenario/scenario.hpp>

#include <filesystem>
#include <fstream>

using pooled::Errc;
using pooled::scenario::load_scenario;
using pooled::scenario::parse_scenario;
using pooled::test::error_of;
using pooled::test::testdata;

namespace {
/// The message of loading testdata/bad/scenario/<name>: its lines, each "<path>:<line>: ...".
std::string problems_of(const std::string &name) {
    const auto e = error_of([&] { (void)load_scenario(testdata("bad/scenario/" + name)); });
    CHECK(e.code() == Errc::argument);
    CHECK(e.where().empty()); // every line names the file itself
    return e.what();
}

std::string at(const std::string &name, const std::string &rest) { return testdata("bad/scenario/" + name) + ":" + rest; }
} // namespace

TEST_CASE("scenario: each broken file names file, line and key", "[scenario]") {
    const std::vector<std::pair<std::string, std::string>> cases{
        {"unknown_section.toml",
         "7: catchment: unknown section (did you mean 'catchments'?); valid: scenario, layers, network, catchments, "
         "segmentation, accessibility, locate, indicators, colocation, consolidation, outputs"},
        {"seed_not_integer.toml", "3: scenario.seed: expected a whole number >= 0, found a string"},
        {"cutoff_not_duration.toml",
         "9: catchments.cutoffs: expected a list of durations like \"10min\", found \"ten minutes\""},
        {"missing_file.toml",
         "5: layers.zones.path: file not found: ../../rutland/missing_zones.gpkg (relative to the scenario file)"},
        {"level_zero.toml", "9: segmentation.levels: expected a list of whole numbers >= 1, found 0"},
        {"unknown_method.toml",
         "8: catchments.methods: unknown value \"bufer\" (did you mean 'buffer'?); expected one of \"buffer\", "
         "\"nearest\", \"network\""},
        {"network_missing.toml", "7: catchments.methods: method \"network\" needs a [network] section"},
        {"invalid_toml.toml", "4: invalid TOML: Error while parsing table header: expected ']', saw '\\n'"},
        {"zones_missing.toml", "4: layers.zones: missing: a scenario needs [layers.zones] with a path"},
        {"decay_negative.toml",
         "9: accessibility.decay: exponential decay beta must be a finite number >= 0, not -1"},
        {"unknown_field.toml",
         "3: layers.assets.fields.flor_area: unknown key (did you mean 'floor_area'?); valid: id, name, "
         "organisation, organisation_kind, services, floor_area, running_cost, capacity, utilisation, tenure, "
         "lease_end, condition, must_keep, value"},
        {"indicators_bad_date.toml", "12: indicators.as_of: expected a date like \"2026-04-01\""},
        {"assets_name_missing.toml",
         "5: layers.assets.name: missing: with several assets layers each needs a name (the prefix of its ids), "
         "e.g. name = \"schools\""},
        {"assets_duplicate_name.toml",
         "7: layers.assets.name: \"facilities\" already names the assets layer of line 2: ids would clash"},
        {"cutoff_wrong_unit.toml",
         "10: accessibility.cutoff: unknown unit 'min' in the distance '15min' (write it like 800m, 2km or 1.5 mi)"},
    };
    for (const auto &[file, rest] : cases) {
        INFO(file);
        CHECK(problems_of(file) == at(file, rest));
    }
}

TEST_CASE("scenario: every problem of a file is reported at once, in line order", "[scenario]") {
    CHECK(problems_of("several_problems.toml") ==
          at("several_problems.toml", "2: scenario.seed: expected a whole number >= 0, found -1\n") +
              at("several_problems.toml",
                 "11: colocation.lease_horizon: expected a whole number from 0 to 100, found 500\n") +
              at("several_problems.toml",
                 "14: outputs.geopackage: expected a file name without a directory, found \"out/results.gpkg\""));
    // The misspelt key and the required key it was meant to be: both said, the header's line first.
    CHECK(problems_of("unknown_key.toml") ==
          at("unknown_key.toml", "7: catchments.methods: missing: list the methods, e.g. methods = [\"buffer\"]\n") +
              at("unknown_key.toml", "8: catchments.metods: unknown key (did you mean 'methods'?); valid: methods, "
                                     "radii, cutoffs, population_rule"));
    CHECK(problems_of("locate_problems.toml") ==
          at("locate_problems.toml",
             "7: locate.service: problem \"mclp\" needs service, the coverage distance or time\n") +
              at("locate_problems.toml", "9: locate.p: expected a whole number from 1 to 1000000, found 0"));
}

TEST_CASE("scenario: consolidation settings are checked as pooled consolidate checks its flags", "[scenario]") {
    CHECK(problems_of("consolidation_two_goals.toml") ==
          at("consolidation_two_goals.toml",
             "10: consolidation.keep: give exactly one goal: keep = N, or min_coverage = \"95%\" with within"));
    // The section's header line for the missing service and for costs = "network" without [network].
    CHECK(problems_of("consolidation_problems.toml") ==
          at("consolidation_problems.toml",
             "7: consolidation.service: missing: name the service consolidated, e.g. service = \"library\"\n") +
              at("consolidation_problems.toml", "7: consolidation.costs: costs = \"network\" needs a [network] section\n") +
              at("consolidation_problems.toml", "8: consolidation.min_coverage: '150%': give a share such as 95% or "
                                                "0.95, above 0 and at most 100%\n") +
              at("consolidation_problems.toml",
                 "9: consolidation.within: 'soon': give a travel time (20min) or a distance (5km)\n") +
              at("consolidation_problems.toml", "10: consolidation.min_group_coverage: min_group_coverage needs by = "
                                                "\"FIELD\" and min_coverage\n") +
              at("consolidation_problems.toml", "11: consolidation.floor_area_per_head: capacity = \"floor-area\" "
                                                "needs floor_area_per_head (m2 per person, > 0), e.g. 0.03\n") +
              at("consolidation_problems.toml",
                 "13: consolidation.exclude: 'closed': give FIELD=VALUE[,VALUE...], e.g. closed=XL,XLR"));
}

TEST_CASE("scenario: consolidation settings read back in the units of pooled consolidate", "[scenario]") {
    const std::string layers = "[layers.assets]\npath = \"rutland/rutland_facilities.gpkg:libraries_2016\"\n"
                               "[layers.zones]\npath = \"rutland/rutland_zones.gpkg:lsoa21\"\n";
    const auto s = parse_scenario(layers + "[consolidation]\nservice = \"library\"\nmin_coverage = 0.95\n"
                                           "within = \"2km\"\nby = \"ruc21_urban_rural\"\nmin_group_coverage = \"90%\"\n"
                                           "speed = 40\nexclude = \"closed=XL,XLR\"\nheuristic = true\n"
                                           "time_limit = \"2min\"\n",
                                  testdata("c.toml"));
    REQUIRE(s.consolidation);
    const auto &c = *s.consolidation;
    CHECK(c.service == "library");
    CHECK(!c.keep);
    CHECK(c.min_coverage == 0.95);
    CHECK(c.within == 2000.0); // a distance: metres
    CHECK(c.within_is_distance);
    CHECK(c.min_group_coverage == 0.9); // "90%" = 90 / 100
    CHECK(c.speed_kmh == 40.0);
    CHECK(c.costs == "straight-line");
    CHECK(c.capacity == "none");
    CHECK(c.exclude == "closed=XL,XLR");
    CHECK(c.heuristic);
    CHECK(c.time_limit_s == 120.0);
    const auto keep = parse_scenario(layers + "[consolidation]\nservice = \"library\"\nkeep = 2\n", testdata("k.toml"));
    CHECK(keep.consolidation->keep == std::size_t{2});
    CHECK(!keep.consolidation->within);
    CHECK(keep.consolidation->time_limit_s == 60.0); // pooled consolidate's --time-limit default
}

TEST_CASE("scenario: check_scenario lists the problems without throwing", "[scenario]") {
    const auto problems = pooled::scenario::check_scenario("[scenario]\nseed = 1.5\nnmae = \"x\"\n", "s.toml");
    REQUIRE(problems.size() == 3);
    CHECK(problems[0].text() == "s.toml: layers: missing: a scenario needs [layers.assets] and [layers.zones]");
    CHECK(problems[1].line == 2);
    CHECK(problems[1].key == "scenario.seed");
    CHECK(problems[1].message == "expected a whole number >= 0, found a floating-point number");
    CHECK(problems[2].text() ==
          "s.toml:3: scenario.nmae: unknown key (did you mean 'name'?); valid: name, description, seed, working_crs");
}

TEST_CASE("scenario: a missing scenario file is an io error naming it", "[scenario]") {
    const auto e = error_of([] { (void)load_scenario("no_such_scenario.toml"); });
    CHECK(e.code() == Errc::io);
    CHECK(e.where().path == "no_such_scenario.toml");
}

TEST_CASE("scenario: the shipped demo scenarios read back, paths resolved against their directory", "[scenario]") {
    namespace fs = std::filesystem;
    const fs::path share = fs::path(pooled::test::testdata_dir).parent_path() / "share/pooled/scenarios";
    const auto derbyshire = load_scenario((share / "derbyshire_demo.toml").string());
    CHECK(derbyshire.name == "derbyshire_demo");
    CHECK(derbyshire.seed == 42);
    REQUIRE(derbyshire.assets.size() == 5); // the fire register, schools, libraries, GP practices, hospitals
    CHECK(derbyshire.assets[1].name == "schools");
    CHECK(derbyshire.assets[1].service == "school");
    REQUIRE(derbyshire.colocation);
    CHECK(derbyshire.colocation->within_cost == 500.0);
    CHECK(derbyshire.assets[0].path_as_given == "../../../testdata/derbyshire/dfrs_register_reported.csv");
    CHECK(fs::equivalent(derbyshire.assets[0].source, testdata("derbyshire/dfrs_register_reported.csv")));
    CHECK(derbyshire.assets[0].on_invalid == "skip");
    CHECK(derbyshire.assets[0].crs == "EPSG:27700");
    REQUIRE(derbyshire.catchments);
    CHECK(derbyshire.catchments->radii_m == std::vector<double>{2000.0, 5000.0});
    REQUIRE(derbyshire.segmentation);
    CHECK(derbyshire.segmentation->levels == std::vector<std::size_t>{8, 3});
    CHECK(derbyshire.segmentation->restarts == 20);
    REQUIRE(derbyshire.accessibility);
    CHECK(derbyshire.accessibility->cutoff == 10000.0); // "10km"
    CHECK(!derbyshire.network);
    REQUIRE(derbyshire.indicators);
    CHECK(derbyshire.indicators->as_of == "2026-04-01");
    CHECK(derbyshire.indicators->lease_horizon_months == 24);

    const auto rutland = load_scenario((share / "rutland_demo.toml").string());
    REQUIRE(rutland.network);
    CHECK(rutland.catchments->cutoffs_s == std::vector<double>{300.0, 600.0}); // "5min", "10min"
    CHECK(rutland.locate->problem == "mclp");
    CHECK(rutland.locate->service == 600.0);                                   // "10min" with costs = "network"
    CHECK(rutland.assets[0].constants ==
          std::vector<std::pair<std::string, std::string>>{{"organisation_kind", "education"}});
    REQUIRE(rutland.consolidation);
    CHECK(rutland.consolidation->service == "Primary"); // a phase of education_phase, the services field
    CHECK(rutland.consolidation->costs == "network");
    CHECK(rutland.consolidation->within == 600.0); // "10min"
    CHECK(rutland.consolidation->min_coverage == 0.95);
}

TEST_CASE("scenario: several [[layers.assets]], each with its name, service and owner", "[scenario]") {
    const std::string text = "[[layers.assets]]\nname = \"libraries\"\n"
                             "path = \"rutland/rutland_facilities.gpkg:libraries_2016\"\n"
                             "service = \"library\"\norganisation = \"Rutland County Council\"\n"
                             "[[layers.assets]]\nname = \"schools\"\n"
                             "path = \"rutland/rutland_facilities.gpkg:schools_gias_2025\"\n"
                             "[layers.zones]\npath = \"rutland/rutland_zones.gpkg:lsoa21\"\n";
    const auto s = parse_scenario(text, testdata("two_layers.toml"));
    REQUIRE(s.assets.size() == 2);
    CHECK(s.assets[0].name == "libraries");
    CHECK(s.assets[0].service == "library");
    CHECK(s.assets[0].organisation == "Rutland County Council");
    CHECK(s.assets[1].name == "schools");
    CHECK(s.assets[1].service.empty());
    CHECK(s.assets[1].path_as_given == "rutland/rutland_facilities.gpkg:schools_gias_2025");

    // One [[layers.assets]] needs no name; a name with ':' and an empty service are refused.
    CHECK(pooled::scenario::check_scenario("[[layers.assets]]\npath = \"rutland/rutland_facilities.gpkg:libraries_2016\"\n"
                                           "[layers.zones]\npath = \"rutland/rutland_zones.gpkg:lsoa21\"\n",
                                           testdata("one.toml"))
              .empty());
    const auto problems = pooled::scenario::check_scenario(
        "[layers.assets]\nname = \"a:b\"\nservice = \"\"\npath = \"rutland/rutland_facilities.gpkg:libraries_2016\"\n"
        "[layers.zones]\npath = \"rutland/rutland_zones.gpkg:lsoa21\"\nname = \"z\"\n",
        testdata("bad.toml"));
    REQUIRE(problems.size() == 3);
    CHECK(problems[0].text() == testdata("bad.toml") + ":2: layers.assets.name: a name cannot hold ':' (ids become NAME:ID)");
    CHECK(problems[1].text() == testdata("bad.toml") + ":3: layers.assets.service: expected a non-empty string");
    CHECK(problems[2].key == "layers.zones.name"); // zones have no name
}

TEST_CASE("scenario: defaults of a minimal scenario", "[scenario]") {
    const std::string text = "[layers.assets]\npath = \"rutland/rutland_facilities.gpkg:libraries_2016\"\n"
                             "[layers.zones]\npath = \"rutland/rutland_zones.gpkg:lsoa21\"\n";
    const auto s = parse_scenario(text, testdata("minimal.toml"));
    CHECK(s.name == "minimal"); // the file's stem
    CHECK(s.seed == 42);
    CHECK(s.working_crs.empty());
    CHECK(s.assets[0].on_invalid == "fail");
    CHECK(s.outputs.geopackage == "results.gpkg");
    CHECK(s.outputs.summary == "summary.json");
    CHECK(!s.catchments);
    CHECK(!s.locate);
}

TEST_CASE("scenario: the commented example of README.md is valid", "[scenario]") {
    namespace fs = std::filesystem;
    const fs::path root = fs::path(pooled::test::testdata_dir).parent_path();
    std::ifstream in(root / "README.md");
    std::string line, text;
    bool in_section = false, in_block = false;
    while (std::getline(in, line)) {
        in_section = in_section || line == "## `pooled run`";
        if (in_section && !in_block && line == "```toml") {
            in_block = true;
        } else if (in_block && line == "```") {
            break;
        } else if (in_block) {
            text += line + "\n";
        }
    }
    REQUIRE(!text.empty());
    // Its paths are written as from share/pooled/scenarios/, where the demo scenarios are.
    const auto s = parse_scenario(text, (root / "share/pooled/scenarios/readme_example.toml").string());
    CHECK(s.name == "derbyshire_demo");
    CHECK(s.catchments->methods.size() == 3);
    CHECK(s.segmentation->seed == 7u);
    CHECK(s.consolidation->keep == std::size_t{20});
    CHECK(s.consolidation->exclude == "status=N/A");
    CHECK(s.colocation->within_cost == 1000.0);
    CHECK(!s.colocation->within_is_time);
    CHECK(s.colocation->lease_horizon_years == 5);
    CHECK(s.outputs.layers == std::vector<std::string>{"assets", "zones", "catchments"});
}
