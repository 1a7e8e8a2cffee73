#include <pooled/network/load.hpp>

#include "core/text.hpp"

#include <pooled/core/error.hpp>

#include <filesystem>

namespace pooled::network {

namespace {
bool is_osm_file(const std::string &spec) {
    const std::string name = pooled::detail::to_lower(std::filesystem::path(spec).filename().string());
    const auto ends_with = [&name](std::string_view suffix) {
        return name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    return ends_with(".pbf") || ends_with(".osm") || ends_with(".osm.bz2") || ends_with(".osm.gz");
}

// Exact, as io::Layer::require_field is: a table with SOURCE and TARGET is not taken for one
// with source and target.
bool has_field(const io::LayerInfo &info, const std::string &name) {
    for (const auto &field : info.fields) {
        if (field.name == name) {
            return true;
        }
    }
    return false;
}
} // namespace

const char *network_kind_name(NetworkKind kind) noexcept {
    switch (kind) {
    case NetworkKind::osm: return "osm";
    case NetworkKind::road_lines: return "road lines";
    case NetworkKind::edge_table: return "edge table";
    }
    return "unknown";
}

crs::WorkingCrs working_crs_for_network(const std::string &spec, const NetworkOptions &options) {
    if (is_osm_file(spec)) {
        // GDAL's OSM driver gives the file's extent in WGS 84 without reading every way.
        return io::working_crs_for({io::LayerSource{spec, "lines"}}, std::nullopt, options.read);
    }
    return io::working_crs_for({io::LayerSource::parse(spec)}, std::nullopt, options.read);
}

LoadedNetwork load_network(const std::string &spec, const crs::WorkingCrs &working_crs, const NetworkOptions &options) {
    LoadedNetwork loaded;
    RoadEdges roads;
    if (is_osm_file(spec)) {
        loaded.kind = NetworkKind::osm;
        OsmReport osm;
        roads = read_osm_roads(spec, options.profile, working_crs, &osm);
        loaded.osm = osm;
    } else {
        const auto source = io::LayerSource::parse(spec);
        const io::LayerInfo info = io::inspect_layer(source, options.read);
        const bool edge_table =
            has_field(info, options.table_fields.source) && has_field(info, options.table_fields.target);
        if (edge_table) {
            // Streamed: a national table held as a Layer would take several GiB.
            loaded.kind = NetworkKind::edge_table;
            roads = read_edge_table(source, working_crs, options.read, options.edge_cost_unit, options.table_fields);
        } else {
            loaded.kind = NetworkKind::road_lines;
            roads = read_road_lines(io::read_layer(source, working_crs, options.read), options.profile,
                                    options.line_fields);
        }
    }
    loaded.graph = build_graph(roads, options.build, &loaded.build);
    return loaded;
}

} // namespace pooled::network
