// OpenStreetMap PBF (.osm.pbf: protobuf blocks, zlib-compressed) to road graph.

#include "osm_harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    pooled::fuzz::osm_to_graph(data, size, "roads.osm.pbf");
    return 0;
}
