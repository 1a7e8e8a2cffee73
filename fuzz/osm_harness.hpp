#pragma once
// The OSM-to-graph builder, for the OSM fuzz targets (XML and PBF).

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace pooled::fuzz {

/// Writes the input to a file named `file_name` (its extension chooses libosmium's format),
/// reads its roads for the profile picked by the input's size (drive, walk, cycle) into
/// British National Grid and builds the graph, as `pooled network FILE` does.
void osm_to_graph(const std::uint8_t *data, std::size_t size, std::string_view file_name);

} // namespace pooled::fuzz
