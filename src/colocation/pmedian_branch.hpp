#pragma once
// INTERNAL to libpooled (colocation). Raises the p-median's Lagrangian lower bound by branch and
// bound on sites (after Beasley, "Lagrangean heuristics for location problems", EJOR 65, 1993):
// reduced-cost fixing at every node, then best-first branching (site open / site closed) with
// the bound re-optimised from the parent's multipliers. A partial search still certifies the
// least bound of the nodes left open.

#include "colocation/allocation_data.hpp"
#include "colocation/lagrangian_bound.hpp"

#include <cstddef>

namespace pooled::colocation::detail {

struct BranchOptions {
    /// The nodes' LagrangianResult::work, summed, at most: a pair of children is evaluated only
    /// while the budget covers two at the root's work per iteration.
    double work = 0.0;
    std::size_t iterations = 100; ///< subgradient iterations per node at most
    unsigned threads = 0;         ///< 0 = one per hardware thread; never changes the result
};

/// A lower bound on the optimum, at least `root.bound` and at most `upper_bound` (the
/// incumbent's objective; reached when the search closes every node). `root` is the bound of
/// the problem's own site split. Deterministic: nodes are taken by (bound, creation order).
double branch_and_bound(const AllocationData &data, double upper_bound, const LagrangianResult &root,
                        const BranchOptions &options);

} // namespace pooled::colocation::detail
