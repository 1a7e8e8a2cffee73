#pragma once
// The San Francisco instance of pysal/spopt's tests (testdata/spopt_sf): 205 tracts x 16 stores,
// street-network metres, demand = POP2000; tracts and stores in sorted id order, as spopt pivots it.

#include "support/catch.hpp"
#include "support/testdata_path.hpp"

#include <pooled/network/cost_matrix.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace pooled::test {

struct SfInstance {
    network::CostMatrix costs;
    std::vector<double> demand;
};

inline SfInstance sf_instance() {
    std::ifstream in(testdata("spopt_sf/SF_network_distance_candidateStore_16_censusTract_205_new.csv"));
    REQUIRE(in);
    std::string line;
    std::getline(in, line); // distance,name,DestinationName,demand
    std::map<std::string, std::map<std::string, double>> distance; // tract -> store -> metres
    std::map<std::string, double> demand;
    std::map<std::string, int> stores;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::string d, store, tract, w;
        std::getline(fields, d, ',');
        std::getline(fields, store, ',');
        std::getline(fields, tract, ',');
        std::getline(fields, w, ',');
        distance[tract][store] = std::stod(d);
        demand[tract] = std::stod(w);
        stores[store] = 0;
    }
    std::vector<std::string> store_ids;
    for (auto &[id, index] : stores) {
        index = static_cast<int>(store_ids.size());
        store_ids.push_back(id);
    }
    std::vector<std::string> tract_ids;
    std::vector<double> weights;
    std::vector<std::vector<network::MatrixEntry>> rows;
    for (const auto &[tract, row] : distance) {
        tract_ids.push_back(tract);
        weights.push_back(demand[tract]);
        rows.emplace_back();
        for (const auto &[store, metres] : row) {
            rows.back().push_back({static_cast<std::uint32_t>(stores[store]), metres});
        }
    }
    return {network::CostMatrix(tract_ids, store_ids, network::CostUnit::metres, std::nullopt, std::nullopt, rows),
            weights};
}

} // namespace pooled::test
