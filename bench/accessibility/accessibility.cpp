// Accessibility benchmark program (issue 4), on pooled's public API only.
//
//   bench_accessibility synthetic ZONES SITES PER_ZONE SEED OUT.bin
//       a sparse matrix: each zone reaches PER_ZONE distinct random sites at costs U[60, 3600) s,
//       demand U[0, 2000) per zone, supply U[1, 100) per site (seeded pooled::Rng)
//   bench_accessibility derbyshire ZONES.gpkg FACILITIES.gpkg OUT.bin
//       the 3,447 Output Area population-weighted centroids x every facility point layer, dense
//       straight-line metres; demand ts0010001, supply 1 per facility
//   bench_accessibility run IN.bin MEASURE CUTOFF BETA
//       reads the matrix (not timed), times one measure and prints
//       RESULT {"time_s": ..., "wall_s": ..., "entries": ..., "sum": ..., "first": [...]}
//       (time_s: the process's CPU time, all threads; wall_s: elapsed time)
//   bench_accessibility run IN.bin floor|floor-ahead CUTOFF 0
//       not a measure: the least any measure must do, one read of every stored pair (destination
//       and cost, 12 bytes) with a gather of the destination's supply, sum_j S_j c_ij per origin,
//       on every hardware thread (halves of the rows on 2); floor-ahead also asks for the pairs 256
//       further on, row by row, as pooled's passes over short rows do. Its time per entry is the floor the
//       measures' times are read against (bench/README.md, Accessibility). Its RESULT also has
//       "within": the stored pairs of cost <= CUTOFF (counted after the timing), the pairs a
//       floating catchment's second step must read again.
//
// The .bin file is what both pooled and the numpy peer (peers.py) read: uint64 zones, sites,
// entries; uint64 indptr[zones + 1]; uint32 indices[entries]; float64 costs[entries];
// float64 demand[zones]; float64 supply[sites]. Rows are sorted by site.

#include <pooled/accessibility/availability.hpp>
#include <pooled/accessibility/coverage.hpp>
#include <pooled/accessibility/huff.hpp>
#include <pooled/accessibility/measures.hpp>
#include <pooled/core/random.hpp>
#include <pooled/geometry/algorithms.hpp>
#include <pooled/io/reader.hpp>
#include <pooled/network/straight_line.hpp>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <numeric>
#include <string>
#include <thread>
#include <vector>

using namespace pooled;
namespace acc = pooled::accessibility;

namespace {

/// This process's CPU time: the machine is shared, so wall time would count other processes' turns.
std::chrono::duration<double> cpu_now() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return std::chrono::duration<double>(double(t.tv_sec) + 1e-9 * double(t.tv_nsec));
}

struct Problem {
    std::vector<std::vector<network::MatrixEntry>> rows;
    std::size_t sites = 0;
    std::vector<double> demand, supply;
};

template <class T>
void put(std::ofstream &out, const std::vector<T> &v) {
    out.write(reinterpret_cast<const char *>(v.data()), static_cast<std::streamsize>(v.size() * sizeof(T)));
}
template <class T>
std::vector<T> get(std::ifstream &in, std::size_t n) {
    std::vector<T> v(n);
    in.read(reinterpret_cast<char *>(v.data()), static_cast<std::streamsize>(n * sizeof(T)));
    return v;
}

void save(const Problem &p, const std::string &path) {
    std::vector<std::uint64_t> indptr{0};
    std::vector<std::uint32_t> indices;
    std::vector<double> costs;
    for (const auto &row : p.rows) {
        for (const auto &e : row) {
            indices.push_back(e.destination);
            costs.push_back(e.cost);
        }
        indptr.push_back(indices.size());
    }
    std::ofstream out(path, std::ios::binary);
    put(out, std::vector<std::uint64_t>{p.rows.size(), p.sites, indices.size()});
    put(out, indptr);
    put(out, indices);
    put(out, costs);
    put(out, p.demand);
    put(out, p.supply);
}

network::CostMatrix load(const std::string &path, std::vector<double> &demand, std::vector<double> &supply) {
    std::ifstream in(path, std::ios::binary);
    const auto header = get<std::uint64_t>(in, 3);
    const auto indptr = get<std::uint64_t>(in, header[0] + 1);
    const auto indices = get<std::uint32_t>(in, header[2]);
    const auto costs = get<double>(in, header[2]);
    demand = get<double>(in, header[0]);
    supply = get<double>(in, header[1]);
    std::vector<std::vector<network::MatrixEntry>> rows(header[0]);
    for (std::size_t i = 0; i < header[0]; ++i) {
        rows[i].reserve(indptr[i + 1] - indptr[i]);
        for (std::size_t k = indptr[i]; k < indptr[i + 1]; ++k) {
            rows[i].push_back({indices[k], costs[k]});
        }
    }
    std::vector<std::string> zone_ids(header[0]), site_ids(header[1]);
    for (std::size_t i = 0; i < zone_ids.size(); ++i) zone_ids[i] = std::to_string(i);
    for (std::size_t j = 0; j < site_ids.size(); ++j) site_ids[j] = std::to_string(j);
    return network::CostMatrix(std::move(zone_ids), std::move(site_ids), network::CostUnit::seconds, std::nullopt,
                               std::nullopt, std::move(rows));
}

Problem synthetic(std::size_t zones, std::size_t sites, std::size_t per_zone, std::uint64_t seed) {
    Rng rng(seed);
    Problem p;
    p.sites = sites;
    p.rows.resize(zones);
    std::vector<std::uint32_t> chosen;
    for (std::size_t i = 0; i < zones; ++i) {
        chosen.clear();
        while (chosen.size() < per_zone) { // distinct sites: rejection, per_zone << sites
            const auto j = static_cast<std::uint32_t>(rng.uniform() * double(sites));
            if (std::find(chosen.begin(), chosen.end(), j) == chosen.end()) chosen.push_back(j);
        }
        std::sort(chosen.begin(), chosen.end());
        for (const auto j : chosen) p.rows[i].push_back({j, 60.0 + 3540.0 * rng.uniform()});
        p.demand.push_back(2000.0 * rng.uniform());
    }
    for (std::size_t j = 0; j < sites; ++j) p.supply.push_back(1.0 + 99.0 * rng.uniform());
    return p;
}

Problem derbyshire(const std::string &zones_path, const std::string &facilities_path) {
    const auto bng = crs::WorkingCrs::british_national_grid();
    const io::Layer oas = io::read_layer(io::LayerSource::parse(zones_path + ":oa21_pwc"), bng);
    std::vector<network::Located> zones, sites;
    Problem p;
    const std::size_t pop = oas.require_field("ts0010001");
    for (const auto &f : oas.features()) {
        zones.push_back({std::to_string(f.fid), geometry::representative_point(f.geometry)});
        p.demand.push_back(io::to_number(f.values[pop], oas.ref(f.fid, "ts0010001")).value());
    }
    for (const std::string &layer : io::list_layers(facilities_path)) {
        const io::Layer l = io::read_layer(io::LayerSource::parse(facilities_path + ":" + layer), bng);
        for (const auto &f : l.features()) {
            sites.push_back({layer + std::to_string(f.fid), geometry::representative_point(f.geometry)});
            p.supply.push_back(1.0);
        }
    }
    const network::CostMatrix m = network::straight_line_matrix(zones, sites);
    p.sites = sites.size();
    for (std::size_t i = 0; i < m.origin_count(); ++i) p.rows.emplace_back(m.row(i).begin(), m.row(i).end());
    return p;
}

/// One read of the matrix: per origin sum_j S_j c_ij over its stored pairs, straight from the
/// matrix's arrays, origins split into one contiguous block per hardware thread. Four partial
/// sums, so the adds do not wait on each other and the loop runs at the speed of the reads.
/// The calling thread reads the first block itself: when it only started threads and waited,
/// Linux placed both new threads on one core in about one run in four (3 ms jobs, 2 cores), and
/// the floor ran serially (wall time = CPU time). With `ahead` each row asks for the pairs 256
/// further on, as pooled's passes over short rows do (src/accessibility/pair_weights.hpp): the
/// faster of the two loops is the floor (bench/accessibility/report.py).
std::vector<double> one_read(const network::CostMatrix &m, const std::vector<double> &supply, bool ahead) {
    std::vector<double> result(m.origin_count(), 0.0);
    const std::size_t *start = m.row_starts().data();
    const std::uint32_t *destination = m.destinations().data();
    const double *cost = m.costs().data();
    const std::size_t threads = std::max(1u, std::thread::hardware_concurrency());
    const auto read_block = [&](std::size_t t) {
        for (std::size_t i = m.origin_count() * t / threads; i < m.origin_count() * (t + 1) / threads; ++i) {
            double s[4] = {0.0, 0.0, 0.0, 0.0};
            std::size_t k = start[i];
            if (ahead) {
                const std::size_t ahead_end = std::min(m.stored(), start[i + 1] + 256);
                for (std::size_t q = start[i] + 256; q < ahead_end; q += 8) __builtin_prefetch(cost + q);
                for (std::size_t q = start[i] + 256; q < ahead_end; q += 16) __builtin_prefetch(destination + q);
            }
            for (; k + 4 <= start[i + 1]; k += 4) {
                for (std::size_t q = 0; q < 4; ++q) s[q] += supply[destination[k + q]] * cost[k + q];
            }
            for (; k < start[i + 1]; ++k) s[0] += supply[destination[k]] * cost[k];
            result[i] = (s[0] + s[1]) + (s[2] + s[3]);
        }
    };
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < threads; ++t) {
        pool.emplace_back(read_block, t);
    }
    read_block(0);
    for (std::thread &t : pool) t.join();
    return result;
}

int run(const std::string &path, const std::string &measure, double cutoff, double beta) {
    std::vector<double> demand, supply;
    const network::CostMatrix m = load(path, demand, supply);
    const acc::Decay exponential = acc::Exponential(beta);
    std::vector<double> result;
    const auto start = cpu_now();
    const auto wall_start = std::chrono::steady_clock::now();
    if (measure == "2sfca") {
        result = acc::two_step_fca(m, demand, supply, acc::Step(cutoff), cutoff).access;
    } else if (measure == "e2sfca") {
        result = acc::two_step_fca(m, demand, supply,
                                   acc::Stepped({{cutoff / 3, 1.0}, {cutoff * 2 / 3, 0.68}, {cutoff, 0.22}}))
                     .access;
    } else if (measure == "3sfca") {
        result = acc::three_step_fca(m, demand, supply, acc::Step(cutoff), cutoff).access;
    } else if (measure == "gravity") {
        result = acc::gravity(m, supply, exponential);
    } else if (measure == "cumulative") {
        result = acc::cumulative_opportunities(m, supply, cutoff);
    } else if (measure == "availability") {
        result = acc::spatial_availability(m, demand, supply, exponential).availability;
    } else if (measure == "huff") {
        const acc::HuffResult h = acc::huff(m, demand, supply, 1.0, exponential);
        result = acc::huff_supply_per_head(m, h, supply);
    } else if (measure == "coverage") {
        result = acc::coverage(m, demand, supply, cutoff).covered;
    } else if (measure == "floor" || measure == "floor-ahead") {
        result = one_read(m, supply, measure == "floor-ahead");
    } else {
        std::cerr << "unknown measure " << measure << "\n";
        return 2;
    }
    const double seconds = (cpu_now() - start).count();
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
    const double sum = std::accumulate(result.begin(), result.end(), 0.0);
    std::string within;
    if (measure.starts_with("floor")) {
        const auto costs = m.costs();
        within = ", \"within\": " +
                 std::to_string(std::count_if(costs.begin(), costs.end(), [cutoff](double c) { return c <= cutoff; }));
    }
    std::printf("RESULT {\"time_s\": %.6g, \"wall_s\": %.6g, \"entries\": %zu, \"sum\": %.17g, \"first\": [%.17g, "
                "%.17g, %.17g]%s}\n",
                seconds, wall, m.stored(), sum, result[0], result[1], result[2], within.c_str());
    return 0;
}

} // namespace

int main(int argc, char **argv) {
    const std::vector<std::string> a(argv + 1, argv + argc);
    if (a.size() == 6 && a[0] == "synthetic") {
        save(synthetic(std::stoul(a[1]), std::stoul(a[2]), std::stoul(a[3]), std::stoull(a[4])), a[5]);
        return 0;
    }
    if (a.size() == 4 && a[0] == "derbyshire") {
        save(derbyshire(a[1], a[2]), a[3]);
        return 0;
    }
    if (a.size() == 5 && a[0] == "run") {
        return run(a[1], a[2], std::stod(a[3]), std::stod(a[4]));
    }
    std::cerr << "usage: see the comment at the top of bench/accessibility/accessibility.cpp\n";
    return 2;
}
