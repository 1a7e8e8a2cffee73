// MipModel -> CoinPackedMatrix -> OsiClpSolverInterface -> CbcModel::branchAndBound, logging off.

#include "colocation/cbc_model.hpp"
#include "colocation/stopwatch.hpp"

#include <CbcModel.hpp>
#include <CbcSolver.hpp>
#include <CoinPackedMatrix.hpp>
#include <OsiClpSolverInterface.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <string>

namespace pooled::colocation::detail {

std::uint32_t MipModel::add_column(double cost, double lo, double hi, bool is_integer) {
    objective.push_back(cost);
    lower.push_back(lo);
    upper.push_back(hi);
    integer.push_back(is_integer ? 1 : 0);
    return static_cast<std::uint32_t>(objective.size() - 1);
}

std::uint32_t MipModel::add_row(double lo, double hi) {
    row_lower.push_back(lo);
    row_upper.push_back(hi);
    return static_cast<std::uint32_t>(row_lower.size() - 1);
}

MipResult solve_mip(const MipModel &model, double time_limit_s, const std::vector<double> &start) {
    const auto started = std::chrono::steady_clock::now();
    std::vector<int> rows;
    std::vector<int> columns;
    std::vector<double> values;
    rows.reserve(model.entries.size());
    columns.reserve(model.entries.size());
    values.reserve(model.entries.size());
    for (const MipModel::Entry &e : model.entries) {
        rows.push_back(static_cast<int>(e.row));
        columns.push_back(static_cast<int>(e.column));
        values.push_back(e.value);
    }
    const auto column_count = static_cast<int>(model.objective.size());
    const CoinPackedMatrix matrix(true, rows.data(), columns.data(), values.data(),
                                  static_cast<CoinBigIndex>(values.size()));
    OsiClpSolverInterface solver;
    solver.messageHandler()->setLogLevel(0);
    std::vector<double> objective = model.objective;
    if (model.maximise) {
        for (double &c : objective) {
            c = -c; // CBC minimises
        }
    }
    // CoinPackedMatrix sizes itself by the largest index used: give every row and column.
    CoinPackedMatrix full(matrix);
    full.setDimensions(static_cast<int>(model.row_lower.size()), column_count);
    solver.loadProblem(full, model.lower.data(), model.upper.data(), objective.data(), model.row_lower.data(),
                       model.row_upper.data());
    for (int c = 0; c < column_count; ++c) {
        if (model.integer[static_cast<std::size_t>(c)]) {
            solver.setInteger(c);
        }
    }
    CbcModel cbc(solver);
    // What is left of the limit once the model is built. CBC checks its limit between nodes,
    // and the root LP of a large model (810,000 columns for a 900-site p-median) can take
    // minutes: the LP solver gets the limit too.
    const double left = std::max(0.0, time_limit_s - seconds_since(started));
    if (auto *clp = dynamic_cast<OsiClpSolverInterface *>(cbc.solver())) {
        clp->getModelPtr()->setMaximumWallSeconds(left);
    }
    cbc.setLogLevel(0);
    cbc.messageHandler()->setLogLevel(0);
    cbc.solver()->messageHandler()->setLogLevel(0);
    cbc.setMaximumSeconds(left);
    cbc.setUseElapsedTime(true);
    cbc.setAllowableGap(1e-9);
    cbc.setAllowableFractionGap(1e-12);
    if (static_cast<int>(start.size()) == column_count) {
        std::vector<double> first = start;
        double value = 0.0;
        for (int c = 0; c < column_count; ++c) {
            value += objective[static_cast<std::size_t>(c)] * first[static_cast<std::size_t>(c)];
        }
        cbc.setBestSolution(first.data(), column_count, value, true);
    }
    if (model.full_driver) {
        // CBC's own driver, as the cbc program runs it: preprocessing, cut generators and
        // heuristics. No threads: deterministic.
        CbcMain0(cbc);
        const std::string seconds = std::to_string(left);
        const char *argv[] = {"pooled", "-log", "0", "-seconds", seconds.c_str(), "-allowableGap", "1e-9",
                              "-ratioGap", "1e-12", "-threads", "0", "-solve", "-quit"};
        CbcMain1(static_cast<int>(sizeof argv / sizeof argv[0]), argv, cbc);
    } else {
        cbc.branchAndBound();
    }

    MipResult result;
    const double sign = model.maximise ? -1.0 : 1.0;
    if (cbc.bestSolution() != nullptr) {
        result.values.assign(cbc.bestSolution(), cbc.bestSolution() + column_count);
        result.objective = sign * cbc.getObjValue() + model.constant;
    }
    // The LP solver stops at the time limit, and CBC then takes the unfinished LP for an
    // infeasible one (a node pruned, or the whole model "proven" infeasible). So CBC's proofs
    // and bound count only if the limit was never reached; else the bound is the root LP's,
    // when that was solved. A solution found is a solution whatever happened.
    const bool within_limit = seconds_since(started) < time_limit_s;
    const bool root_solved = cbc.isInitialSolveProvenOptimal();
    if (within_limit) {
        result.bound = sign * cbc.getBestPossibleObjValue() + model.constant;
    } else if (root_solved) {
        result.bound = sign * cbc.getContinuousObjective() + model.constant;
    }
    if (within_limit && cbc.isProvenOptimal() && !result.values.empty()) {
        result.status = MipResult::Status::optimal;
        result.bound = result.objective;
    } else if (within_limit && cbc.isProvenInfeasible()) {
        result.status = MipResult::Status::infeasible;
    } else if (!result.values.empty()) {
        result.status = MipResult::Status::feasible;
    }
    return result;
}

} // namespace pooled::colocation::detail
