// Population in random 3 km buffers by area share (issue 3): pooled's side of
// bench/catchment/run.sh.
//
//   bench_catchment points N SEED XMIN XMAX YMIN YMAX OUT.csv
//       N points uniform in the box (splitmix64 from SEED, so the same on every platform),
//       written as "id,x,y" with 3 decimals: every tool reads the same numbers from this text.
//   bench_catchment run ZONES_SPEC POP_FIELD POINTS.csv RADIUS THREADS [TOTALS.csv]
//       Reads the zones (PATH:LAYER) and points with pooled::io::read_layer, then times
//       buffer_catchments (RADIUS, 8 quadrant segments), the PopulationIndex
//       (Rule::area_share) and count_population(THREADS) separately. Prints one line
//       RESULT {...} (times in seconds, the grand total to 17 digits) and, if asked, each
//       buffer's total as "id,population".

#include <pooled/catchment/catchment.hpp>
#include <pooled/catchment/population.hpp>
#include <pooled/core/error.hpp>
#include <pooled/crs/crs.hpp>
#include <pooled/io/reader.hpp>

#include <chrono>
#include <cinttypes>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

double now_s() {
    using clock = std::chrono::steady_clock;
    return std::chrono::duration<double>(clock::now().time_since_epoch()).count();
}

/// A field of /proc/self/status in KiB ("VmHWM"); -1 if absent.
long status_kib(const char *field) {
    std::ifstream in("/proc/self/status");
    std::string line;
    const std::string key = std::string(field) + ":";
    while (std::getline(in, line)) {
        if (line.rfind(key, 0) == 0) {
            return std::stol(line.substr(key.size()));
        }
    }
    return -1;
}

std::string num(double value) {
    std::ostringstream s;
    s.precision(17);
    s << value;
    return s.str();
}

std::uint64_t splitmix64(std::uint64_t &state) {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30U)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27U)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31U);
}

int make_points(char **argv) {
    const long n = std::stol(argv[2]);
    std::uint64_t state = std::stoull(argv[3]);
    const double x0 = std::stod(argv[4]), x1 = std::stod(argv[5]);
    const double y0 = std::stod(argv[6]), y1 = std::stod(argv[7]);
    std::FILE *out = std::fopen(argv[8], "w");
    if (out == nullptr) {
        std::cerr << "cannot write " << argv[8] << "\n";
        return 1;
    }
    std::fprintf(out, "id,x,y\n");
    for (long i = 0; i < n; ++i) {
        const double u = static_cast<double>(splitmix64(state) >> 11U) * 0x1.0p-53;
        const double v = static_cast<double>(splitmix64(state) >> 11U) * 0x1.0p-53;
        std::fprintf(out, "%ld,%.3f,%.3f\n", i, x0 + u * (x1 - x0), y0 + v * (y1 - y0));
    }
    return std::fclose(out) == 0 ? 0 : 1;
}

int run(int argc, char **argv) {
    namespace io = pooled::io;
    namespace catchment = pooled::catchment;
    const std::string zones_spec = argv[2];
    const std::string pop_field = argv[3];
    const std::string points_path = argv[4];
    const double radius = std::stod(argv[5]);
    const unsigned threads = static_cast<unsigned>(std::stoul(argv[6]));
    const char *totals_path = argc > 7 ? argv[7] : nullptr;

    const double t_read = now_s();
    const auto bng = pooled::crs::WorkingCrs::british_national_grid();
    const io::Layer zones = io::read_layer(io::LayerSource::parse(zones_spec), bng);
    io::ReadOptions point_options;
    point_options.assume_crs = pooled::crs::Crs::from_user_input("EPSG:27700");
    point_options.x_field = "x";
    point_options.y_field = "y";
    const io::Layer points = io::read_layer(io::LayerSource{points_path, ""}, bng, point_options);
    std::vector<pooled::geometry::Geometry> zone_geometries;
    std::vector<double> population;
    const std::size_t pop = zones.require_field(pop_field);
    for (const io::Feature &f : zones.features()) {
        zone_geometries.push_back(f.geometry);
        population.push_back(io::to_number(f.values[pop], zones.ref(f.fid, pop_field)).value_or(0.0));
    }
    std::vector<catchment::Site> sites;
    const std::size_t id = points.require_field("id");
    for (const io::Feature &f : points.features()) {
        sites.push_back(catchment::Site{io::to_text(f.values[id]), std::get<pooled::geometry::Point>(f.geometry)});
    }
    const double read_s = now_s() - t_read;

    const double t0 = now_s();
    std::vector<catchment::Catchment> buffers = catchment::buffer_catchments(sites, radius, 8);
    const double t1 = now_s();
    const catchment::PopulationIndex index(std::move(zone_geometries), {}, std::move(population), {},
                                           catchment::PopulationIndex::Rule::area_share);
    const double t2 = now_s();
    catchment::count_population(buffers, index, threads);
    const double t3 = now_s();

    double total = 0.0;
    for (const auto &b : buffers) {
        total += b.population;
    }
    if (totals_path != nullptr) {
        std::FILE *out = std::fopen(totals_path, "w");
        if (out == nullptr) {
            std::cerr << "cannot write " << totals_path << "\n";
            return 1;
        }
        std::fprintf(out, "id,population\n");
        for (const auto &b : buffers) {
            std::fprintf(out, "%s,%.17g\n", b.asset_id.c_str(), b.population);
        }
        std::fclose(out);
    }
    std::cout << "RESULT {\"tool\": \"pooled\", \"threads\": " << threads << ", \"zones\": " << index.zone_count()
              << ", \"buffers\": " << buffers.size() << ", \"read_s\": " << num(read_s)
              << ", \"buffers_s\": " << num(t1 - t0) << ", \"index_s\": " << num(t2 - t1)
              << ", \"count_s\": " << num(t3 - t2) << ", \"time_s\": " << num(t3 - t0)
              << ", \"total\": " << num(total) << ", \"vm_hwm_kib\": " << status_kib("VmHWM") << "}"
              << std::endl;
    return 0;
}

} // namespace

int main(int argc, char **argv) {
    try {
        const std::string mode = argc > 1 ? argv[1] : "";
        if (mode == "points" && argc == 9) {
            return make_points(argv);
        }
        if (mode == "run" && (argc == 7 || argc == 8)) {
            return run(argc, argv);
        }
        std::cerr << "usage: " << argv[0] << " points N SEED XMIN XMAX YMIN YMAX OUT.csv\n"
                  << "       " << argv[0] << " run ZONES_SPEC POP_FIELD POINTS.csv RADIUS THREADS [TOTALS.csv]\n";
        return 2;
    } catch (const std::exception &e) {
        std::cerr << "error: " << e.what() << "\n";
        return 1;
    }
}
