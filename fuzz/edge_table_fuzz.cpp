// A network from a CSV: a pgRouting edge table (source, target, cost, reverse_cost, optional
// x1..y2 or WKT) or, without source/target, road lines; then the graph is built. As
// `pooled network FILE.csv` with EPSG:27700 assumed for the coordinates.

#include "harness.hpp"

#include <pooled/network/load.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    static const pooled::crs::WorkingCrs bng = pooled::crs::WorkingCrs::british_national_grid();
    const std::string path = pooled::fuzz::write_input(data, size, "edges.csv");
    pooled::network::NetworkOptions options;
    options.read.assume_crs = bng.crs();
    options.read.check_area = size % 4 == 0; // costly PROJ set-up: one run in four (layer_harness.cpp)
    options.edge_cost_unit = size % 2 == 0 ? pooled::network::EdgeCostUnit::seconds : pooled::network::EdgeCostUnit::metres;
    pooled::fuzz::refusals_are_pooled_errors([&] { (void)pooled::network::load_network(path, bng, options); });
    pooled::fuzz::check_nothing_left_open(path);
    return 0;
}
