// Memory bound of a run over a large layer (issue 8, item 5): `pooled catchments` over N zone
// points (a seeded CSV made here, in a temporary directory) and 50 assets, with two buffer
// radii, the population index and the zones' allocation to their nearest asset. The peak
// resident memory of the pooled process (getrusage's ru_maxrss for children) must stay within
//     bytes_per_feature x N + constant_bytes
// (the bound README.md states, "Memory"), and, between the smallest and the largest N given,
// grow by no more than bytes_per_feature per extra zone (so the constant cannot hide a
// per-feature cost at small N).
//
// Usage: pooled_memory_bound N...   (e.g. 10000 100000 for the fast check, 1000000 for the slow one)
// Prints each run's figures; exits 1 when a bound is broken, 77 (skipped) in a sanitizer build,
// whose shadow memory and quarantine are not pooled's footprint.

#include "cli/support/run_cli.hpp"

#include <pooled/core/random.hpp>

#include <sys/resource.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace {

// The bound (README.md, "Memory"). Measured on 2026-11-29 (RelWithDebInfo, GCC 12, GDAL 3.6.2,
// glibc malloc): peaks of 61.7 MiB at 10,000 points, 103.1 MiB at 100,000 and 552.8 MiB at
// 1,000,000, so about 520 bytes per zone point over some 57 MiB (GDAL, PROJ and the CLI loaded);
// the bound leaves about half as much again above both.
constexpr double bytes_per_feature = 800.0;
constexpr double constant_bytes = 96.0 * 1024 * 1024;
constexpr int skipped = 77; // ctest's SKIP_RETURN_CODE

#if !defined(__SANITIZE_ADDRESS__) // the helpers of the measurement, which a sanitizer build skips
/// N zone points in England (British National Grid, a 200 km square), populations 100..599.
void write_zones(const std::string &path, std::size_t n) {
    pooled::Rng rng(20261129);
    std::ofstream out(path);
    out << "zone_id,x,y,population\n";
    char line[96];
    for (std::size_t i = 0; i < n; ++i) {
        const double x = 350000.0 + 200000.0 * rng.uniform();
        const double y = 200000.0 + 200000.0 * rng.uniform();
        const int population = 100 + static_cast<int>(500.0 * rng.uniform());
        std::snprintf(line, sizeof line, "Z%07zu,%.1f,%.1f,%d\n", i + 1, x, y, population);
        out << line;
    }
}

/// 50 assets on a 10 x 5 grid across the same square.
void write_assets(const std::string &path) {
    std::ofstream out(path);
    out << "asset_id,x,y\n";
    for (int i = 0; i < 50; ++i) {
        out << "A" << i + 1 << "," << 360000 + 20000 * (i % 10) << "," << 220000 + 40000 * (i / 10) << "\n";
    }
}

double mib(double bytes) { return bytes / (1024.0 * 1024.0); }

/// The largest peak resident memory of the children waited for so far (only pooled runs here;
/// they run in increasing N, so after each run it is that run's peak, or an earlier larger one).
double children_peak_bytes() {
    rusage usage{};
    getrusage(RUSAGE_CHILDREN, &usage);
    return static_cast<double>(usage.ru_maxrss) * 1024.0; // KiB on Linux
}
#endif

} // namespace

int main(int argc, char **argv) {
#if defined(__SANITIZE_ADDRESS__)
    std::printf("skipped: a sanitizer build's memory is not pooled's\n");
    (void)argc;
    (void)argv;
    return skipped;
#else
    if (argc < 2) {
        std::fprintf(stderr, "usage: pooled_memory_bound N...\n");
        return 2;
    }
    const pooled::test::TempDir dir;
    write_assets((dir.path() / "assets.csv").string());
    std::vector<std::pair<double, double>> runs; // (N, peak bytes)
    bool ok = true;
    for (int a = 1; a < argc; ++a) {
        const std::size_t n = std::strtoull(argv[a], nullptr, 10);
        const std::string zones = (dir.path() / ("zones_" + std::to_string(n) + ".csv")).string();
        write_zones(zones, n);
        const pooled::test::CliResult result = pooled::test::run_pooled(
            {"catchments", "--assets", "assets.csv", "--zones", zones, "--crs", "EPSG:27700", "--radius", "2km,5km",
             "--population", "population", "--json"},
            dir.str());
        if (result.exit_code != 0) {
            std::fprintf(stderr, "pooled catchments over %zu zones failed (exit %d):\n%s\n", n, result.exit_code,
                         result.err.c_str());
            return 1;
        }
        const double peak = children_peak_bytes();
        const double bound = bytes_per_feature * static_cast<double>(n) + constant_bytes;
        std::printf("%zu zone points: peak RSS %.1f MiB, bound %.1f MiB (%.0f B x N + %.0f MiB)\n", n, mib(peak),
                    mib(bound), bytes_per_feature, mib(constant_bytes));
        ok = ok && peak <= bound;
        runs.emplace_back(static_cast<double>(n), peak);
        std::filesystem::remove(zones);
    }
    if (runs.size() >= 2 && runs.back().first > runs.front().first) {
        const double slope = (runs.back().second - runs.front().second) / (runs.back().first - runs.front().first);
        std::printf("growth: %.0f bytes per extra zone point (bound %.0f)\n", slope, bytes_per_feature);
        ok = ok && slope <= bytes_per_feature;
    }
    if (!ok) {
        std::printf("FAILED: the memory bound is broken\n");
    }
    return ok ? 0 : 1;
#endif
}
