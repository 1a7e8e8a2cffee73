// A CSV layer with x/y or WKT columns (GDAL's CSV driver, then pooled's checks and the model
// conversion), as `pooled info FILE.csv --crs EPSG:27700 --as zones|assets` reads it.

#include "harness.hpp"
#include "layer_harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    pooled::fuzz::read_as_model(pooled::fuzz::write_input(data, size, "layer.csv"), size);
    return 0;
}
