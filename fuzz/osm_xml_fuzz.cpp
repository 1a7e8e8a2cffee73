// OpenStreetMap XML (.osm, libosmium's expat-based reader) to road graph.

#include "osm_harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    pooled::fuzz::osm_to_graph(data, size, "roads.osm");
    return 0;
}
