// Derbyshire: co-location groups among schools, libraries, GP practices, hospitals and the fire
// and rescue estate within 500 m, under the default compatibility table, with the counts checked
// independently by tests/integration/colocation_derbyshire_check.py (geopandas + shapely
// distances, networkx.find_cliques), run once from the repository root:
//
//   $ /usr/bin/python3 tests/integration/colocation_derbyshire_check.py
//   assets 1162 close pairs 1094 linked pairs 486 groups 151
//   by size [(2, 130), (3, 18), (4, 2), (5, 1)]
//   gp practice + hospital 18
//   gp practice + library 40
//   library + school 93
//
// The layers hold every feature as published (also those just outside the county). One owner
// per layer: "Schools", "Library services", "GP practices", "NHS hospitals", and the Derbyshire
// Fire and Rescue Service (share/pooled/schemas/derbyshire.toml, which also maps the fire
// estate's floor areas). So two practices alone are no group (one owner), schools never group
// with schools, and fire sites (compatible here only with fire sites, one owner) appear in none.

#include "support/catch.hpp"
#include "support/layers.hpp"

#include <pooled/colocation/candidates.hpp>
#include <pooled/io/schema.hpp>
#include <pooled/model/convert.hpp>

#include <cmath>
#include <map>
#include <set>

using namespace pooled;

namespace {

model::Estate derbyshire_estate() {
    struct LayerSpec {
        const char *layer, *service, *owner;
    };
    const LayerSpec layers[] = {{"schools_gias_2025", "school", "Schools"},
                                {"libraries_2016", "library", "Library services"},
                                {"gp_practices_2022", "gp practice", "GP practices"},
                                {"hospitals_2022", "hospital", "NHS hospitals"},
                                {"fire_estate_dfrs_2016", nullptr, nullptr}};
    model::Estate estate{test::bng(), {}, {}, "derbyshire", {}};
    for (const auto &spec : layers) {
        io::AssetSchema schema;
        if (spec.service) {
            schema.constants.service = spec.service;
            schema.constants.organisation = spec.owner;
            schema.guess = false;
        } else {
            schema = io::load_schema(test::derbyshire_schema).assets; // service "fire and rescue", DFRS
        }
        const io::Layer layer = io::read_layer(test::source(test::derbyshire_facilities, spec.layer), test::bng(),
                                               io::read_options_for(schema));
        for (auto asset : model::to_estate(layer, schema).assets) {
            asset.id = std::string(spec.layer) + ":" + asset.id;
            estate.assets.push_back(std::move(asset));
        }
    }
    return estate;
}

} // namespace

TEST_CASE("Derbyshire co-location groups within 500 m", "[integration][colocation]") {
    const model::Estate estate = derbyshire_estate();
    REQUIRE(estate.assets.size() == 1162); // 570 schools + 62 libraries + 420 practices + 54 hospitals + 56 fire sites
    colocation::CandidateOptions options;
    options.within = 500.0;
    const auto result = colocation::find_colocation_candidates(estate, options);
    CHECK(result.excluded.empty());
    CHECK(result.close_pairs == 1094);
    CHECK(result.linked_pairs == 486);
    REQUIRE(result.groups.size() == 151);

    std::map<std::size_t, std::size_t> by_size;
    std::map<std::string, std::size_t> by_services;
    for (const auto &g : result.groups) {
        ++by_size[g.members.size()];
        std::string kind;
        for (const auto &s : g.services) {
            kind += (kind.empty() ? "" : " + ") + s;
        }
        ++by_services[kind];
        // Every member within 500 m of every other, and two or more owners.
        CHECK(g.scores.largest_cost <= 500.0);
        CHECK(g.organisations.size() >= 2);
        for (const auto a : g.members) {
            for (const auto b : g.members) {
                const auto &p = estate.assets[a].location;
                const auto &q = estate.assets[b].location;
                CHECK(std::hypot(p.x - q.x, p.y - q.y) <= 500.0);
            }
        }
    }
    CHECK(by_size == std::map<std::size_t, std::size_t>{{2, 130}, {3, 18}, {4, 2}, {5, 1}});
    CHECK(by_services == std::map<std::string, std::size_t>{
                             {"gp practice + hospital", 18}, {"gp practice + library", 40}, {"library + school", 93}});

    // With no floor areas, costs or conditions among the grouped layers, every group scores 1
    // (its one extra organisation), so the order is by size, then the largest distance: first the
    // five-member group (four practices and a hospital, the only one of five).
    CHECK(result.groups.front().members.size() == 5);
    CHECK(result.groups.front().scores.score == 1.0);
    CHECK(result.groups.front().services == std::vector<std::string>{"gp practice", "hospital"});
}
