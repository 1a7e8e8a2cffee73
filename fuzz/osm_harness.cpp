#include "osm_harness.hpp"

#include "harness.hpp"

#include <pooled/network/graph.hpp>
#include <pooled/network/osm.hpp>

namespace pooled::fuzz {

void osm_to_graph(const std::uint8_t *data, std::size_t size, std::string_view file_name) {
    static const crs::WorkingCrs bng = crs::WorkingCrs::british_national_grid();
    static constexpr network::Profile profiles[] = {network::Profile::drive, network::Profile::walk,
                                                    network::Profile::cycle};
    const std::string path = write_input(data, size, file_name);
    refusals_are_pooled_errors([&] {
        const network::RoadEdges roads = network::read_osm_roads(path, profiles[size % 3], bng);
        (void)network::build_graph(roads);
    });
    check_nothing_left_open(path);
}

} // namespace pooled::fuzz
