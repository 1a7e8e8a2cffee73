// p-median on OR-Library instances, pooled.
//   bench_orlib_pmedian [--exact SECONDS] FILE OPTIMUM
// Reads the file (shortest-path matrix included), solves it with the heuristic and its
// Lagrangian bound (solve_pmedian, defaults) and, with --exact, with CBC warm-started from it
// (solve_pmedian_exact) when the bound leaves a gap. One RESULT line:
//   {"instance", "n", "p", "optimum", "objective", "bound", "gap", "status", "read_s",
//    "solve_s", "time_s", "exact_objective", "exact_bound", "exact_status", "exact_s"}
// time_s = read_s + solve_s; exact_s counts from the start of solving (heuristic included).

#include <pooled/colocation/orlib.hpp>
#include <pooled/colocation/pmedian.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

int main(int argc, char **argv) {
    double exact_limit = -1.0;
    int a = 1;
    if (argc > 2 && std::string(argv[1]) == "--exact") {
        exact_limit = std::atof(argv[2]);
        a = 3;
    }
    if (argc - a != 2) {
        std::fprintf(stderr, "usage: bench_orlib_pmedian [--exact SECONDS] FILE OPTIMUM\n");
        return 2;
    }
    const std::string file = argv[a];
    const double optimum = std::atof(argv[a + 1]);
    using clock = std::chrono::steady_clock;
    const auto t0 = clock::now();
    const auto instance = pooled::colocation::read_orlib_pmedian(file);
    const auto t1 = clock::now();
    pooled::colocation::PMedianOptions options;
    options.p = instance.p;
    const std::vector<double> demand(instance.costs.origin_count(), 1.0);
    const auto s = pooled::colocation::solve_pmedian(instance.costs, demand, options);
    const auto t2 = clock::now();
    const double read_s = std::chrono::duration<double>(t1 - t0).count();
    const double solve_s = std::chrono::duration<double>(t2 - t1).count();
    pooled::colocation::Solution exact = s;
    double exact_s = solve_s;
    if (exact_limit >= 0.0 && s.status != pooled::colocation::SolveStatus::optimal) {
        exact = pooled::colocation::solve_pmedian_exact(instance.costs, demand, options, {.time_limit_s = exact_limit});
        exact_s = exact.seconds;
    }
    std::printf("RESULT {\"instance\": \"%s\", \"n\": %zu, \"p\": %zu, \"optimum\": %.17g, \"objective\": %.17g, "
                "\"bound\": %.17g, \"gap\": %.6g, \"status\": \"%s\", \"read_s\": %.4f, \"solve_s\": %.4f, "
                "\"time_s\": %.4f, \"exact_objective\": %.17g, \"exact_bound\": %.17g, \"exact_status\": \"%s\", "
                "\"exact_s\": %.4f}\n",
                std::filesystem::path(file).stem().c_str(), instance.costs.origin_count(), instance.p, optimum,
                s.objective, s.bound, s.gap, pooled::colocation::solve_status_name(s.status), read_s, solve_s,
                read_s + solve_s, exact.objective, exact.bound, pooled::colocation::solve_status_name(exact.status),
                exact_s);
    return 0;
}
