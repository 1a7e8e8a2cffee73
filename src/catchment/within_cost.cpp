#include <pooled/catchment/within_cost.hpp>

#include <pooled/core/error.hpp>

#include <cmath>
#include <limits>

namespace pooled::catchment {

namespace {
void check(const Catchment &c, const network::CostMatrix &matrix) {
    if (c.asset >= matrix.origin_count()) {
        throw Error(Errc::argument, "catchment of asset " + std::to_string(c.asset) + " has no row in the matrix");
    }
    if (!std::isfinite(c.cutoff)) {
        throw Error(Errc::argument, "counting within a travel cost needs a finite cutoff (asset '" + c.asset_id + "')");
    }
}

// The zones reached from the catchment's asset within its cutoff, ascending.
std::vector<std::uint32_t> reached_zones(const Catchment &c, const network::CostMatrix &matrix) {
    std::vector<std::uint32_t> zones;
    for (const auto &entry : matrix.row(c.asset)) {
        if (entry.cost <= c.cutoff) {
            zones.push_back(entry.destination);
        }
    }
    return zones;
}
} // namespace

void count_population_within_cost(std::vector<Catchment> &catchments, const network::CostMatrix &assets_to_zones,
                                  const std::vector<double> &population, const std::vector<double> &households) {
    if (population.size() != assets_to_zones.destination_count() ||
        (!households.empty() && households.size() != population.size())) {
        throw Error(Errc::argument, "the matrix's zones and the population counts differ in number");
    }
    for (auto &c : catchments) {
        check(c, assets_to_zones);
        double people = 0.0;
        double homes = 0.0;
        for (const std::uint32_t zone : reached_zones(c, assets_to_zones)) {
            people += population[zone];
            homes += households.empty() ? 0.0 : households[zone];
        }
        c.population = people;
        c.households = households.empty() ? std::numeric_limits<double>::quiet_NaN() : homes;
    }
}

std::vector<Overlap> overlap_within_cost(const std::vector<Catchment> &catchments,
                                         const network::CostMatrix &assets_to_zones,
                                         const std::vector<double> &population) {
    std::vector<std::vector<std::uint32_t>> reached;
    std::vector<double> totals;
    for (const auto &c : catchments) {
        check(c, assets_to_zones);
        reached.push_back(reached_zones(c, assets_to_zones));
        double total = 0.0;
        for (const std::uint32_t zone : reached.back()) {
            total += population.at(zone);
        }
        totals.push_back(total);
    }
    std::vector<Overlap> overlaps;
    for (std::size_t a = 0; a < catchments.size(); ++a) {
        for (std::size_t b = a + 1; b < catchments.size(); ++b) {
            if (catchments[a].method != catchments[b].method || catchments[a].cutoff != catchments[b].cutoff) {
                continue;
            }
            // Both lists are ascending: merge them to find the zones in common.
            double shared = 0.0;
            auto i = reached[a].begin();
            auto j = reached[b].begin();
            while (i != reached[a].end() && j != reached[b].end()) {
                if (*i < *j) {
                    ++i;
                } else if (*j < *i) {
                    ++j;
                } else {
                    shared += population[*i];
                    ++i;
                    ++j;
                }
            }
            if (shared > 0.0) {
                overlaps.push_back(Overlap{a, b, shared, totals[a] > 0.0 ? shared / totals[a] : 0.0,
                                           totals[b] > 0.0 ? shared / totals[b] : 0.0});
            }
        }
    }
    return overlaps;
}

} // namespace pooled::catchment
