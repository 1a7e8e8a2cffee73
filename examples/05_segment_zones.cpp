// Example 05: a geodemographic classification of zones, OAC-style, and a pen-portrait sketch.
// Read 01_load_layers.cpp first.
//
// Demonstrates pooled::segmentation: a variable spec (census counts -> percentages), the
// preparation (inverse hyperbolic sine, range standardisation), k-means with restarts, and
// per segment its size, the variables that most set it apart, and their index scores
// (100 = the average over the population).
//
// Usage: 05_segment_zones ZONES:LAYER SPEC.csv [K]
//   e.g. 05_segment_zones testdata/derbyshire/derbyshire_zones.gpkg:oa21_pwc share/pooled/oac2021_variables.csv 8

#include <pooled/core/error.hpp>
#include <pooled/io/reader.hpp>
#include <pooled/io/schema.hpp>
#include <pooled/model/convert.hpp>
#include <pooled/segmentation/segment.hpp>

#include <cstdlib>
#include <iostream>

int main(int argc, char **argv) {
    if (argc < 3) {
        std::cerr << "usage: " << argv[0] << " ZONES:LAYER SPEC.csv [K]\n";
        return 2;
    }
    namespace seg = pooled::segmentation;
    try {
        const auto spec = seg::read_variable_spec(argv[2]);
        const auto source = pooled::io::LayerSource::parse(argv[1]);
        const auto working = pooled::io::working_crs_for({source}, std::nullopt);
        const auto layer = pooled::io::read_layer(source, working);
        auto schema = pooled::io::guess_zone_schema(layer.info()); // id and population columns
        schema.variables = spec.columns();                         // the census counts the spec uses
        const auto zones = pooled::model::to_population(layer, schema);

        seg::SegmentOptions options;
        options.hierarchy.ks = {argc > 3 ? static_cast<std::size_t>(std::atoi(argv[3])) : 8};
        options.hierarchy.kmeans.restarts = 50;
        const auto result = seg::segment_zones(zones, spec, options);

        const auto &profile = result.profiles.front();
        std::cout << zones.zones.size() << " zones, within-SS " << result.hierarchy.levels.front().within_ss << "\n";
        for (const auto &segment : profile.segments) {
            std::cout << "segment " << segment.code << ": " << segment.zones << " zones, " << segment.population
                      << " people\n";
            for (const auto &d : segment.distinguishing) {
                std::cout << "  " << (d.score > 0 ? "more " : "fewer ") << profile.variable_names[d.variable]
                          << " (index " << static_cast<int>(segment.index[d.variable] + 0.5) << ")\n";
            }
        }
    } catch (const pooled::Error &e) {
        std::cerr << e.what() << "\n";
        return 1;
    }
    return 0;
}
