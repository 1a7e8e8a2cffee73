// Seed maker for the OSM fuzz targets (run by fuzz/make_corpus.sh, not part of pooled):
// copies the highways lying wholly inside a lon/lat box of an OSM file, with their nodes and
// tags, into a small file whose format follows its name (.osm or .osm.pbf).
// Usage: osm_extract IN OUT WEST SOUTH EAST NORTH
#include <osmium/builder/osm_object_builder.hpp>
#include <osmium/io/any_input.hpp>
#include <osmium/io/any_output.hpp>
#include <osmium/memory/buffer.hpp>
#include <osmium/osm/node.hpp>
#include <osmium/osm/way.hpp>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

int main(int argc, char **argv) {
    if (argc != 7) {
        std::cerr << "usage: osm_extract IN OUT WEST SOUTH EAST NORTH\n";
        return 2;
    }
    const double west = std::atof(argv[3]), south = std::atof(argv[4]);
    const double east = std::atof(argv[5]), north = std::atof(argv[6]);
    std::vector<osmium::object_id_type> inside;
    {
        osmium::io::Reader reader{argv[1], osmium::osm_entity_bits::node};
        while (osmium::memory::Buffer buffer = reader.read()) {
            for (const auto &node : buffer.select<osmium::Node>()) {
                const auto location = node.location();
                if (location.valid() && location.lon() >= west && location.lon() <= east && location.lat() >= south &&
                    location.lat() <= north) {
                    inside.push_back(node.id());
                }
            }
        }
    }
    std::sort(inside.begin(), inside.end());
    osmium::memory::Buffer ways{1024 * 1024, osmium::memory::Buffer::auto_grow::yes};
    std::vector<osmium::object_id_type> used;
    {
        osmium::io::Reader reader{argv[1], osmium::osm_entity_bits::way};
        while (osmium::memory::Buffer buffer = reader.read()) {
            for (const auto &way : buffer.select<osmium::Way>()) {
                if (way.tags()["highway"] == nullptr) {
                    continue;
                }
                const auto &refs = way.nodes();
                const bool all_inside = std::all_of(refs.begin(), refs.end(), [&](const osmium::NodeRef &ref) {
                    return std::binary_search(inside.begin(), inside.end(), ref.ref());
                });
                if (all_inside) {
                    ways.add_item(way);
                    ways.commit();
                    for (const auto &ref : refs) {
                        used.push_back(ref.ref());
                    }
                }
            }
        }
    }
    std::sort(used.begin(), used.end());
    used.erase(std::unique(used.begin(), used.end()), used.end());
    osmium::io::Header header;
    header.set("generator", "pooled fuzz/tools/osm_extract");
    osmium::io::Writer writer{argv[2], header, osmium::io::overwrite::allow};
    {
        osmium::io::Reader reader{argv[1], osmium::osm_entity_bits::node};
        while (osmium::memory::Buffer buffer = reader.read()) {
            for (const auto &node : buffer.select<osmium::Node>()) {
                if (std::binary_search(used.begin(), used.end(), node.id())) {
                    // Only id, location and tags: no user names or timestamps in the seed.
                    osmium::memory::Buffer out{1024, osmium::memory::Buffer::auto_grow::yes};
                    {
                        osmium::builder::NodeBuilder builder{out};
                        builder.set_id(node.id()).set_location(node.location()).set_version(1).set_visible(true);
                        builder.add_item(node.tags());
                    }
                    out.commit();
                    writer(std::move(out));
                }
            }
        }
    }
    for (const auto &way : ways.select<osmium::Way>()) {
        osmium::memory::Buffer out{1024, osmium::memory::Buffer::auto_grow::yes};
        {
            osmium::builder::WayBuilder builder{out};
            builder.set_id(way.id()).set_version(1).set_visible(true);
            builder.add_item(way.nodes());
            builder.add_item(way.tags());
        }
        out.commit();
        writer(std::move(out));
    }
    writer.close();
    std::cerr << argv[2] << ": " << used.size() << " nodes, " << std::distance(ways.select<osmium::Way>().begin(), ways.select<osmium::Way>().end()) << " highways\n";
    return 0;
}
