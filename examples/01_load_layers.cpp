// Example 01 (read this one first): load layers from any GDAL source into one working CRS.
//
// Demonstrates pooled::io::read_layers: the working CRS is chosen from the data (British
// National Grid for British data), every layer is reprojected once, and each layer's load
// report says what was wrong with its records. Bad input arrives as pooled::Error, whose
// message names the file, layer, feature and field.
//
// Usage: 01_load_layers PATH:LAYER [PATH:LAYER...]
//   e.g. 01_load_layers testdata/derbyshire/derbyshire_zones.gpkg:lsoa21

#include <pooled/core/error.hpp>
#include <pooled/io/reader.hpp>
#include <pooled/version.hpp>

#include <iostream>

int main(int argc, char **argv) {
    if (argc < 2) {
        std::cerr << "usage: " << argv[0] << " PATH:LAYER [PATH:LAYER...]\n";
        return 2;
    }
    std::vector<pooled::io::LayerSource> sources;
    for (int i = 1; i < argc; ++i) {
        sources.push_back(pooled::io::LayerSource::parse(argv[i]));
    }
    try {
        pooled::io::ReadOptions options;
        options.on_invalid = pooled::io::OnInvalid::skip; // report bad records, keep going
        const auto loaded = pooled::io::read_layers(sources, std::nullopt, options);

        std::cout << "pooled " << pooled::version() << ", working CRS "
                  << loaded.working_crs.crs().display() << "\n";
        for (const auto &layer : loaded.layers) {
            const auto box = layer.extent();
            std::cout << layer.source().display() << ": " << layer.features().size() << " features, "
                      << layer.report().skipped << " skipped, extent " << box.min_x << " " << box.min_y
                      << " " << box.max_x << " " << box.max_y << "\n";
        }
    } catch (const pooled::Error &e) {
        std::cerr << "error: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
