#include "osm_harness.hpp"

#include "harness.hpp"

#include <pooled/network/graph.hpp>
#include <pooled/network/osm.hpp>

#include <filesystem>
#include <system_error>
#include <vector>

#include <unistd.h>

namespace pooled::fuzz {
namespace {
/// Closes descriptors still open on `path`. libosmium 2.19's PBF parser closes its file only
/// when parsing succeeds, so each corrupt PBF leaks one (fuzz/README.md, T2); without this the
/// target stops at the descriptor limit after about a thousand bad inputs. Safe here only
/// because the harness runs one input at a time on one thread.
void close_leaked_descriptors(const std::string &path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    std::vector<int> leaked;
    for (const auto &entry : fs::directory_iterator("/proc/self/fd", ec)) {
        if (fs::read_symlink(entry.path(), ec) == fs::path(path) && !ec) {
            leaked.push_back(std::stoi(entry.path().filename().string()));
        }
    }
    for (const int fd : leaked) {
        ::close(fd);
    }
}
} // namespace

void osm_to_graph(const std::uint8_t *data, std::size_t size, std::string_view file_name) {
    static const crs::WorkingCrs bng = crs::WorkingCrs::british_national_grid();
    static constexpr network::Profile profiles[] = {network::Profile::drive, network::Profile::walk,
                                                    network::Profile::cycle};
    const std::string path = write_input(data, size, file_name);
    refusals_are_pooled_errors([&] {
        const network::RoadEdges roads = network::read_osm_roads(path, profiles[size % 3], bng);
        (void)network::build_graph(roads);
    });
    close_leaked_descriptors(path);
}

} // namespace pooled::fuzz
