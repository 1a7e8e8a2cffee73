// A GeoPackage (SQLite through GDAL's GPKG driver) built from mutated bytes of small valid
// ones, read as `pooled info FILE.gpkg --as zones|assets` reads its first layer.

#include "harness.hpp"
#include "layer_harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    pooled::fuzz::read_as_model(pooled::fuzz::write_input(data, size, "layer.gpkg"), size);
    return 0;
}
