// Road segments from an OpenStreetMap file (PBF, XML, bzip2/gzip XML) through libosmium.
//
// Two passes over the file, so the input may be in any order and only the nodes that matter
// are kept:
//  1. ways: each way with a highway tag is judged by the profile (osm_profile.cpp); a usable
//     way keeps its id, its two speeds and its node references.
//  2. nodes: the locations of the referenced nodes only (a sorted id list, searched with a
//     cursor that follows the file's ascending ids).
// Then a node is a junction where two usable ways meet (or one way passes twice), where a way
// ends, and next to a node missing from the file (an extract edge: the way is cut there).
// Each stretch between junctions becomes one RoadEdge with its whole shape.
//
// Memory, for R node references of usable ways and N distinct such nodes: 8R bytes during
// pass 1, then 4R (references as indices) + 8N (ids) + 16N (coordinates) + 2N (flags), about
// 30 bytes per reference at the peak, plus the output (16 bytes per shape point, ~100 per
// edge). Rutland's walk network has ~49,000 references (about 1.5 MB); a county-size extract
// with a few million stays in the tens of MB, and the output shapes dominate. No index of all
// the file's nodes is built: a FlatNodeLocations or SparseMemArray over every node would also
// hold the nodes of buildings, fields and rivers (170,885 nodes in the Rutland file against
// ~41,000 on its roads and paths).
//
// libosmium decodes in a thread pool of its own made for the call (hardware threads - 2, at
// least 1; OSMIUM_POOL_THREADS overrides), gone when it returns. Node keys are the OSM node
// ids as unsigned (a negative id of an unsaved JOSM file becomes a large key, still unique).
//
// Lengths are measured on the projected shape in the working CRS, the one CRS pooled measures
// everything in (crs.hpp), so an edge's metres equal its shape's length (snapping and
// partial edges stay consistent) and OSM and road-line networks agree. A working CRS is a
// conformal projection chosen for the data (British National Grid, or the data's UTM zone),
// whose scale error is small: in Rutland BNG's scale factor is about 0.9997 (0.03 % short);
// anywhere in Great Britain within 0.04 %. Haversine on a sphere of radius 6,371,008.8 m (the
// alternative considered) is off by more at British latitudes: at 52.6 N it is 0.08 % short
// north-south and 0.32 % short east-west against the GRS80 ellipsoid (meridional radius
// 6,375.8 km, prime vertical 6,391.7 km). A user-chosen working CRS with a large scale error
// (Web Mercator: x1.65 at 52.6 N) distorts lengths here as it does every distance in pooled.

#include <pooled/core/error.hpp>
#include <pooled/network/osm.hpp>

#include "core/text.hpp"
#include "network/osm_profile.hpp"

#include <osmium/io/any_input.hpp>
#include <osmium/io/detail/input_format.hpp>
#include <osmium/io/detail/pbf_input_format.hpp>
#include <osmium/memory/buffer.hpp>
#include <osmium/osm/node.hpp>
#include <osmium/osm/way.hpp>
#include <osmium/thread/pool.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <limits>
#include <new>
#include <string>
#include <chrono>
#include <future>
#include <memory>
#include <system_error>
#include <utility>
#include <vector>

#include <unistd.h>

namespace pooled::network {
namespace {

/// A way the profile may use, with its node references in a shared array.
struct UsableWay {
    std::int64_t id = 0;
    std::size_t first = 0; ///< index of its first reference
    std::size_t count = 0; ///< number of references (>= 2, no consecutive repeats)
    double forward_mps = 0.0;
    double backward_mps = 0.0;
    bool default_speed = false;
};

/// libosmium's PBF parser with its file closed on failure too. libosmium 2.19's
/// PBFParser::run() closes the file it reads only after a successful parse, so every corrupt
/// PBF left one descriptor open for the life of the process (found by fuzz/osm_pbf_fuzz.cpp;
/// testdata/bad/README.md F4). The inner parser reports its header to a promise of ours, and
/// it reaches the reader's only on success: on failure Parser::parse() sets the exception
/// there, which it could not do (a promise is set once) had the header gone there first.
class ClosingPbfParser final : public osmium::io::detail::Parser {
public:
    explicit ClosingPbfParser(osmium::io::detail::parser_arguments &args)
        : Parser(args), m_header_future(m_header.get_future()),
          m_inner_args{args.pool,          args.fd,       args.input_queue,          args.output_queue,
                       m_header,           args.offset_ptr, args.read_which_entities, args.read_metadata,
                       args.buffers_kind, args.want_buffered_pages_removed},
          m_inner(m_inner_args), m_fd(args.fd) {}

    void run() override {
        try {
            m_inner.run(); // closes m_fd as its last step when all went well
        } catch (...) {
            // On Linux close() on a regular file read-only never fails, so the inner close is
            // never the step that threw: the descriptor is still ours to close.
            if (m_fd >= 0) {
                ::close(m_fd);
            }
            throw;
        }
        if (m_header_future.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
            set_header_value(m_header_future.get());
        }
    }

private:
    std::promise<osmium::io::Header> m_header;
    std::future<osmium::io::Header> m_header_future;
    osmium::io::detail::parser_arguments m_inner_args;
    osmium::io::detail::PBFParser m_inner;
    int m_fd;
};

/// Makes libosmium read PBF files with ClosingPbfParser (once per process).
void use_closing_pbf_parser() {
    static const bool registered = osmium::io::detail::ParserFactory::instance().register_parser(
        osmium::io::file_format::pbf, [](osmium::io::detail::parser_arguments &args) {
            return std::unique_ptr<osmium::io::detail::Parser>(new ClosingPbfParser(args));
        });
    (void)registered;
}

/// Refuses a road node more than 5 degrees outside the working CRS's area of use (the margin
/// io uses for reprojected layers): no road of an area the CRS fits is there. libosmium 2.19
/// reads an XML coordinate with a huge exponent ("52.670E986") as 0 after an integer overflow
/// (found by fuzz/osm_xml_fuzz.cpp, testdata/bad/README.md F5), which made a 5,836 km road to
/// the equator. `lon`/`lat` are in degrees; NaN = the node is not in the file.
void check_near_working_area(const std::string &path, const std::vector<std::int64_t> &ids,
                             const std::vector<double> &lon, const std::vector<double> &lat,
                             const crs::WorkingCrs &working_crs) {
    const auto &area = working_crs.crs().area_of_use();
    if (!area) {
        return;
    }
    constexpr double margin_deg = 5.0;
    const crs::LonLatBox grown{area->west - margin_deg, area->south - margin_deg, area->east + margin_deg,
                               area->north + margin_deg};
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (!std::isnan(lon[i]) && !grown.contains(lon[i], lat[i])) {
            using pooled::detail::number_text;
            throw Error(Errc::data,
                        "node " + std::to_string(ids[i]) + " at (" + number_text(lon[i]) + " " + number_text(lat[i]) +
                            ") lies more than 5 degrees outside the area of use of " + working_crs.crs().display() +
                            " (a misread coordinate, or the wrong working CRS?)",
                        SourceRef{path, {}, {}, {}});
        }
    }
}

/// Reads the objects of kind `which` of `path`, calling `fn` on each buffer.
template <typename Fn>
void read_pass(const std::string &path, osmium::osm_entity_bits::type which, osmium::thread::Pool &pool, Fn &&fn) {
    const osmium::io::File file{path};
    osmium::io::Reader reader{file, which, osmium::io::read_meta::no, pool};
    while (osmium::memory::Buffer buffer = reader.read()) {
        fn(buffer);
    }
    reader.close();
}

void check_readable(const std::string &path) {
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(status)) {
        throw Error(Errc::io,
                    ec && ec != std::errc::no_such_file_or_directory ? "cannot open the OSM file: " + ec.message()
                                                                      : "no such OSM file",
                    SourceRef{path, {}, {}, {}});
    }
    if (std::filesystem::is_directory(status)) {
        throw Error(Errc::io, "cannot read the OSM file: it is a directory", SourceRef{path, {}, {}, {}});
    }
    if (std::filesystem::is_regular_file(status) && std::filesystem::file_size(path, ec) == 0 && !ec) {
        throw Error(Errc::io, "the OSM file is empty (0 bytes)", SourceRef{path, {}, {}, {}});
    }
    try {
        osmium::io::File(path).check(); // the format comes from the name
    } catch (const std::exception &) {
        throw Error(Errc::io,
                    "cannot tell the OSM file's format from its name: expected .osm.pbf (.pbf), .osm, "
                    ".osm.bz2, .osm.gz, .o5m or .opl",
                    SourceRef{path, {}, {}, {}});
    }
}

Error no_usable_highway(const std::string &path, Profile profile, const OsmReport &report) {
    std::string why = std::string("no highway usable by the ") + profile_name(profile) + " profile (" +
                      std::to_string(report.ways_read) + " ways with a highway tag";
    if (report.missing_nodes > 0) {
        why += ", " + std::to_string(report.missing_nodes) + " node references not in the file";
    }
    return Error(Errc::data, why + ")", SourceRef{path, {}, {}, {}});
}

/// Per-edge output state while walking the pieces of the ways.
class EdgeWriter {
public:
    EdgeWriter(const std::vector<std::int64_t> &ids, const std::vector<double> &x, const std::vector<double> &y,
               std::vector<RoadEdge> &out)
        : m_ids(ids), m_x(x), m_y(y), m_out(out) {}

    /// Emits the edges of one piece (node indices, all with locations) of `way`, split at
    /// `junction`s; returns how many.
    std::size_t piece(const UsableWay &way, const std::uint32_t *nodes, std::size_t count,
                      const std::vector<std::uint8_t> &uses) {
        std::size_t emitted = 0;
        std::size_t start = 0;
        std::vector<geometry::Point> shape{point(nodes[0])};
        double metres = 0.0;
        for (std::size_t k = 1; k < count; ++k) {
            const auto previous = shape.back();
            shape.push_back(point(nodes[k]));
            metres += std::hypot(shape.back().x - previous.x, shape.back().y - previous.y);
            if (uses[nodes[k]] >= 2 || k + 1 == count) {
                RoadEdge edge;
                edge.source = static_cast<std::uint64_t>(m_ids[nodes[start]]);
                edge.target = static_cast<std::uint64_t>(m_ids[nodes[k]]);
                edge.metres = metres;
                edge.forward_seconds = seconds(metres, way.forward_mps);
                edge.backward_seconds = seconds(metres, way.backward_mps);
                edge.origin_id = way.id;
                edge.shape = std::move(shape);
                m_out.push_back(std::move(edge));
                ++emitted;
                start = k;
                shape = {point(nodes[k])};
                metres = 0.0;
            }
        }
        return emitted;
    }

private:
    geometry::Point point(std::uint32_t node) const { return {m_x[node], m_y[node]}; }
    static double seconds(double metres, double mps) { return mps > 0.0 ? metres / mps : not_traversable; }

    const std::vector<std::int64_t> &m_ids;
    const std::vector<double> &m_x;
    const std::vector<double> &m_y;
    std::vector<RoadEdge> &m_out;
};

RoadEdges read(const std::string &path, Profile profile, const crs::WorkingCrs &working_crs, OsmReport &report) {
    use_closing_pbf_parser();
    osmium::thread::Pool pool;

    // Pass 1: the usable ways and their node references.
    std::vector<UsableWay> ways;
    std::vector<std::int64_t> refs;
    std::vector<detail::OsmTag> tag_buffer;
    read_pass(path, osmium::osm_entity_bits::way, pool, [&](const osmium::memory::Buffer &buffer) {
        for (const auto &way : buffer.select<osmium::Way>()) {
            if (!way.visible() || way.tags().get_value_by_key("highway") == nullptr) {
                continue;
            }
            ++report.ways_read;
            tag_buffer.clear();
            for (const auto &tag : way.tags()) {
                tag_buffer.push_back({tag.key(), tag.value()});
            }
            const auto rule = detail::interpret_way(detail::OsmTags{tag_buffer}, profile);
            if (!rule.usable) {
                continue;
            }
            UsableWay usable{way.id(), refs.size(), 0, rule.forward_mps, rule.backward_mps, rule.default_speed};
            for (const auto &node_ref : way.nodes()) {
                if (refs.size() == usable.first || refs.back() != node_ref.ref()) {
                    refs.push_back(node_ref.ref());
                }
            }
            usable.count = refs.size() - usable.first;
            if (usable.count < 2) {
                refs.resize(usable.first); // a way of one node (or one node repeated): no line
                continue;
            }
            ways.push_back(usable);
        }
    });
    if (ways.empty()) {
        throw no_usable_highway(path, profile, report);
    }
    // Ways by id (PBF files are sorted already; XML need not be). Stable: a repeated id keeps
    // file order.
    std::stable_sort(ways.begin(), ways.end(), [](const UsableWay &a, const UsableWay &b) { return a.id < b.id; });

    // The distinct nodes, and the references as indices into them.
    std::vector<std::int64_t> ids = refs;
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    if (ids.size() >= std::numeric_limits<std::uint32_t>::max()) {
        throw Error(Errc::data, "too many road nodes for one network (" + std::to_string(ids.size()) + ")",
                    SourceRef{path, {}, {}, {}});
    }
    std::vector<std::uint32_t> nodes(refs.size());
    for (std::size_t i = 0; i < refs.size(); ++i) {
        nodes[i] = static_cast<std::uint32_t>(std::lower_bound(ids.begin(), ids.end(), refs[i]) - ids.begin());
    }
    std::vector<std::int64_t>().swap(refs);

    // Pass 2: where those nodes are (NaN = not in the file). Files list nodes by ascending
    // id, so the search starts at a cursor that moves forward; out-of-order ids search it all.
    std::vector<double> x(ids.size(), std::numeric_limits<double>::quiet_NaN());
    std::vector<double> y(ids.size(), std::numeric_limits<double>::quiet_NaN());
    {
        auto cursor = ids.begin();
        std::int64_t last_id = std::numeric_limits<std::int64_t>::min();
        read_pass(path, osmium::osm_entity_bits::node, pool, [&](const osmium::memory::Buffer &buffer) {
            for (const auto &node : buffer.select<osmium::Node>()) {
                const std::int64_t id = node.id();
                if (id < last_id) {
                    cursor = ids.begin();
                }
                last_id = id;
                cursor = std::lower_bound(cursor, ids.end(), id);
                if (cursor == ids.end() || *cursor != id || !node.visible() || !node.location().valid()) {
                    continue;
                }
                const auto i = static_cast<std::size_t>(cursor - ids.begin());
                x[i] = node.location().lon_without_check();
                y[i] = node.location().lat_without_check();
            }
        });
    }

    check_near_working_area(path, ids, x, y, working_crs);

    // Into the working CRS, in one batch (missing nodes travel as 0,0 and are ignored).
    std::vector<std::uint8_t> present(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) {
        present[i] = std::isnan(x[i]) ? 0 : 1;
        if (!present[i]) {
            x[i] = y[i] = 0.0;
        }
    }
    const crs::Transformer to_working(crs::Crs::from_user_input("EPSG:4326"), working_crs.crs());
    to_working.transform(x.data(), y.data(), x.size());
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (present[i] && !(std::isfinite(x[i]) && std::isfinite(y[i]))) {
            throw Error(Errc::crs,
                        "cannot project node " + std::to_string(ids[i]) + " into " + working_crs.crs().display(),
                        SourceRef{path, {}, {}, {}});
        }
    }

    // Junctions: uses[i] >= 2 where node i is used twice (by two ways or one way twice), at
    // the ends of each piece of a way (a way cut at missing nodes is several pieces).
    std::vector<std::uint8_t> uses(ids.size(), 0);
    const auto for_each_piece = [&](const UsableWay &way, auto &&fn) {
        std::size_t k = 0;
        while (k < way.count) {
            while (k < way.count && !present[nodes[way.first + k]]) {
                ++k;
            }
            std::size_t end = k;
            while (end < way.count && present[nodes[way.first + end]]) {
                ++end;
            }
            if (end - k >= 2) {
                fn(&nodes[way.first + k], end - k);
            }
            k = end;
        }
    };
    for (const auto &way : ways) {
        for (std::size_t k = 0; k < way.count; ++k) {
            report.missing_nodes += present[nodes[way.first + k]] ? 0 : 1;
        }
        for_each_piece(way, [&](const std::uint32_t *piece, std::size_t count) {
            uses[piece[0]] = 2;
            uses[piece[count - 1]] = 2;
            for (std::size_t k = 1; k + 1 < count; ++k) {
                uses[piece[k]] = static_cast<std::uint8_t>(std::min(2, uses[piece[k]] + 1));
            }
        });
    }

    RoadEdges result;
    result.crs = working_crs;
    result.source = path;
    EdgeWriter writer(ids, x, y, result.edges);
    for (const auto &way : ways) {
        std::size_t emitted = 0;
        for_each_piece(way, [&](const std::uint32_t *piece, std::size_t count) {
            emitted += writer.piece(way, piece, count, uses);
        });
        if (emitted > 0) {
            ++report.ways_used;
            report.ways_default_speed += way.default_speed ? 1 : 0;
        }
    }
    if (result.edges.empty()) {
        throw no_usable_highway(path, profile, report); // every usable way lost its nodes
    }
    return result;
}

} // namespace

RoadEdges read_osm_roads(const std::string &path, Profile profile, const crs::WorkingCrs &working_crs,
                         OsmReport *report) {
    check_readable(path);
    OsmReport local;
    try {
        auto result = read(path, profile, working_crs, local);
        if (report != nullptr) {
            *report = local;
        }
        return result;
    } catch (const Error &) {
        throw;
    } catch (const std::bad_alloc &) {
        throw;
    } catch (const std::exception &e) {
        // libosmium: unknown file suffix, truncated or corrupt PBF, XML syntax, bad compression.
        throw Error(Errc::io, std::string("cannot read the OSM file: ") + e.what(), SourceRef{path, {}, {}, {}});
    }
}

} // namespace pooled::network
