#pragma once
// INTERNAL to libpooled (colocation). A mixed-integer model in plain arrays and its solution by
// COIN-OR CBC (branch and cut) with a time limit, silently (the library never prints). Only
// this file's .cpp sees COIN-OR headers.

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace pooled::colocation::detail {

struct MipModel {
    bool maximise = false;
    // Columns.
    std::vector<double> objective;
    std::vector<double> lower;
    std::vector<double> upper;
    std::vector<char> integer;
    // Rows: row_lower <= sum of entries <= row_upper.
    std::vector<double> row_lower;
    std::vector<double> row_upper;
    struct Entry {
        std::uint32_t row;
        std::uint32_t column;
        double value;
    };
    std::vector<Entry> entries;
    double constant = 0.0; ///< added to the objective
    /// Solve with CBC's full driver (the cbc program's preprocessing, cuts and heuristics)
    /// rather than plain branch and bound. Far faster on partial covering models (Derbyshire
    /// schools x OAs: proved in 4 s of CPU instead of a gap at 60 s), far slower on the tight
    /// p-median formulation (OR-Library exact tests 4 s -> 23 s). DEFAULT: false.
    bool full_driver = false;

    std::uint32_t add_column(double cost, double lo, double hi, bool is_integer);
    std::uint32_t add_row(double lo, double hi);
    void add(std::uint32_t row, std::uint32_t column, double value) { entries.push_back({row, column, value}); }
};

struct MipResult {
    enum class Status { optimal, feasible, infeasible, no_solution } status = Status::no_solution;
    double objective = std::numeric_limits<double>::quiet_NaN(); ///< constant included
    double bound = std::numeric_limits<double>::quiet_NaN();     ///< constant included
    std::vector<double> values;                                  ///< per column, when a solution exists
};

/// Solves with CBC within `time_limit_s` seconds of wall time; `start` (one value per
/// column, may be empty) is offered as the first incumbent. Deterministic for one thread.
MipResult solve_mip(const MipModel &model, double time_limit_s, const std::vector<double> &start);

} // namespace pooled::colocation::detail
