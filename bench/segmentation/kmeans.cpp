// pooled's side of the segmentation benchmark: k-means of a matrix written by make_matrix.py,
// timed (the fit only, reading excluded) in one process, whose peak memory run.sh measures.
//
//   bench_kmeans MATRIX.bin K RESTARTS THREADS [ALGORITHM=hamerly|elkan|lloyd] [LABELS_OUT.bin]
//
// Prints one line RESULT {json}: time_s, within_ss, sizes, iterations, restarts converged and
// distance computations. LABELS_OUT gets the labels as uint32 (for checks beside the peers).
#include <pooled/segmentation/data_matrix.hpp>
#include <pooled/segmentation/kmeans.hpp>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

using namespace pooled::segmentation;

namespace {
DataMatrix read_matrix(const std::string &path) {
    std::ifstream in(path, std::ios::binary);
    char magic[8];
    std::uint64_t shape[2];
    if (!in.read(magic, 8) || std::memcmp(magic, "PLDMATR1", 8) != 0 ||
        !in.read(reinterpret_cast<char *>(shape), sizeof shape)) {
        throw std::runtime_error("not a matrix file: " + path);
    }
    std::vector<double> values(shape[0] * shape[1]);
    if (!in.read(reinterpret_cast<char *>(values.data()), static_cast<std::streamsize>(values.size() * sizeof(double)))) {
        throw std::runtime_error("truncated matrix file: " + path);
    }
    return DataMatrix(shape[0], shape[1], std::move(values));
}
} // namespace

int main(int argc, char **argv) {
    if (argc < 5) {
        std::cerr << "usage: bench_kmeans MATRIX.bin K RESTARTS THREADS [hamerly|elkan|lloyd] [LABELS_OUT.bin]\n";
        return 2;
    }
    try {
        const DataMatrix data = read_matrix(argv[1]);
        KMeansOptions o;
        o.k = std::stoul(argv[2]);
        o.restarts = std::stoul(argv[3]);
        o.threads = static_cast<unsigned>(std::stoul(argv[4]));
        const std::string algorithm = argc > 5 ? argv[5] : "hamerly";
        o.algorithm = algorithm == "lloyd"   ? KMeansAlgorithm::lloyd
                      : algorithm == "elkan" ? KMeansAlgorithm::elkan
                                             : KMeansAlgorithm::hamerly;
        const auto start = std::chrono::steady_clock::now();
        const KMeansResult r = kmeans(data, o);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (argc > 6) {
            std::ofstream out(argv[6], std::ios::binary);
            out.write(reinterpret_cast<const char *>(r.labels.data()),
                      static_cast<std::streamsize>(r.labels.size() * sizeof(std::uint32_t)));
        }
        std::string sizes;
        for (const std::size_t s : r.sizes) {
            sizes += (sizes.empty() ? "" : ", ") + std::to_string(s);
        }
        char within[64];
        std::snprintf(within, sizeof within, "%.17g", r.within_ss);
        std::cout << "RESULT {\"tool\": \"pooled\", \"algorithm\": \"" << algorithm << "\", \"threads\": " << o.threads
                  << ", \"restarts\": " << o.restarts << ", \"rows\": " << data.rows << ", \"cols\": " << data.cols << ", \"time_s\": " << seconds
                  << ", \"within_ss\": " << within << ", \"sizes\": [" << sizes << "], \"iterations\": " << r.iterations
                  << ", \"best_restart\": " << r.best_restart << ", \"restarts_converged\": " << r.restarts_converged
                  << ", \"distance_computations\": " << r.distance_computations << "}" << std::endl;
    } catch (const std::exception &e) {
        std::cerr << "bench_kmeans: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
