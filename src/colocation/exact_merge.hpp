#pragma once
// INTERNAL to libpooled (colocation). Folding a CBC result into a heuristic's answer, shared by
// the exact modes: the MIP's sites replace the heuristic's when strictly better (re-evaluated
// by the problem's own evaluation), a proof makes the bound the objective, else the better of
// the two bounds is kept; infeasibility proved by CBC wins.

#include <pooled/colocation/solution.hpp>
#include <pooled/core/error.hpp>

#include "colocation/cbc_model.hpp"
#include "colocation/evaluate.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace pooled::colocation::detail {

/// `sites_of(values)` reads the open sites from the MIP's column values; `evaluate(sites,
/// solution)` fills selected, assignment and objective for them.
template <typename SitesOf, typename Evaluate>
void merge_mip(Solution &solution, const MipResult &mip, bool maximise, SitesOf &&sites_of, Evaluate &&evaluate) {
    if (mip.status == MipResult::Status::infeasible) {
        solution = Solution{};
        solution.status = SolveStatus::infeasible;
        solution.bound = maximise ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
        return;
    }
    const bool better = maximise ? mip.objective > solution.objective : mip.objective < solution.objective;
    if (!mip.values.empty() && (better || !std::isfinite(solution.objective))) {
        evaluate(sites_of(mip.values), solution);
    }
    if (mip.status == MipResult::Status::optimal) {
        solution.bound = solution.objective;
    } else if (std::isfinite(mip.bound)) {
        solution.bound = maximise ? std::min(solution.bound, mip.bound) : std::max(solution.bound, mip.bound);
    }
    set_gap(solution, maximise);
}

/// The sites whose column (by `column_of`, no_site-free) is set in `values`.
inline std::vector<SiteIndex> sites_set(const std::vector<double> &values, const std::vector<std::uint32_t> &column_of,
                                        const std::vector<char> &has_column) {
    std::vector<SiteIndex> sites;
    for (SiteIndex j = 0; j < column_of.size(); ++j) {
        if (has_column[j] && values[column_of[j]] > 0.5) {
            sites.push_back(j);
        }
    }
    return sites;
}

/// @throws Error (Errc::argument) for a negative or NaN time limit, naming `problem`.
inline void check_time_limit(const ExactOptions &exact, const std::string &problem) {
    if (!(exact.time_limit_s >= 0.0)) {
        throw Error(Errc::argument, problem + ": the time limit must be >= 0 seconds");
    }
}

/// Seconds left of `limit` after `elapsed`.
inline double remaining(double limit, double elapsed) { return std::max(0.0, limit - elapsed); }

} // namespace pooled::colocation::detail
