#pragma once
/// @file
/// @brief What every location-allocation solver returns, and the site rules they share.

#include <pooled/pooled_cxx_export.h>

#include <cstdint>
#include <limits>
#include <vector>

namespace pooled::colocation {

/// Index of a candidate site: a destination of the CostMatrix.
using SiteIndex = std::uint32_t;
inline constexpr SiteIndex no_site = std::numeric_limits<SiteIndex>::max();

/// An existing site and what closing it costs (in the objective's unit: demand x cost).
struct ExistingSite {
    SiteIndex site = no_site;
    double closing_cost = 0.0;
};

/// Which candidate sites a solution must keep, may not use, and what opening or closing them
/// costs. Every list may be empty (DEFAULT).
struct SiteRules {
    std::vector<SiteIndex> required;  ///< must keep (open in every solution)
    std::vector<SiteIndex> forbidden; ///< never opened
    /// Existing sites: closing one adds its closing cost to the objective (so a solution keeps
    /// it unless closing saves more than that).
    std::vector<ExistingSite> existing;
};

/// How far a solver got.
enum class SolveStatus {
    optimal,    ///< proved optimal: the lower bound meets the objective (within 1e-9 relative)
    feasible,   ///< a solution, with the gap to the lower bound reported
    infeasible, ///< proved to have no solution (e.g. some demand no allowed site can reach)
    no_solution ///< stopped (time limit) before finding any solution
};
POOLED_CXX_API const char *solve_status_name(SolveStatus status) noexcept;

/// Options of the exact modes (solve_*_exact, through COIN-OR CBC). DEFAULTs as documented.
struct ExactOptions {
    double time_limit_s = 60.0; ///< wall-clock seconds for the whole solve (DEFAULT 60)
};

/// A solution and how good it is proved to be.
struct Solution {
    std::vector<SiteIndex> selected;   ///< open sites, ascending
    std::vector<SiteIndex> assignment; ///< per origin, the site serving it; no_site if none does
    /// Total weighted cost (sum of demand x cost, plus site costs where the problem has them),
    /// or the problem's own measure (covered demand for MCLP, maximum cost for p-center, ...).
    double objective = std::numeric_limits<double>::infinity();
    /// A proved bound on the best possible objective (below it for minimisation, above it for
    /// maximisation problems); -inf / +inf when none was computed.
    double bound = -std::numeric_limits<double>::infinity();
    /// |objective - bound| / max(|objective|, 1e-12): 0 when proved optimal.
    double gap = std::numeric_limits<double>::infinity();
    SolveStatus status = SolveStatus::no_solution;
    double seconds = 0.0; ///< wall-clock time the solver took
};

} // namespace pooled::colocation
