// Best-first branch and bound on the p-median's sites over the Lagrangian bound.
//
// At a node with multipliers lambda, bound L and site values rho (lagrangian_bound.cpp), the
// relaxation opens the node's fixed sites plus the k free sites of least rho. For a free site
// j left out, opening it costs at least L + rho_j - rho_k (rho_k: the largest chosen rho); for
// a chosen free j, closing it costs at least L - rho_j + rho_{k+1} (the least rho left out).
// Where such a bound reaches the incumbent, j is closed (resp. opened) in the whole subtree:
// the "reduced-cost fixing" of Beasley (1993), valid for the same lambda.

#include "colocation/pmedian_branch.hpp"

#include "catchment/parallel_for.hpp"
#include "colocation/pmedian_heuristic.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <utility>

namespace pooled::colocation::detail {

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

struct Node {
    SiteSplit split;
    LagrangianResult relaxation;
    std::size_t id = 0;
};

/// Whether a bound rules out beating the incumbent.
bool pruned(double bound, double upper_bound) { return bound >= upper_bound - 1e-9 * (1.0 + std::abs(upper_bound)); }

/// Reduced-cost fixing of `node`'s free sites at its best multipliers (see the file comment).
void fix_sites(Node &node, double upper_bound) {
    const LagrangianResult &r = node.relaxation;
    if (r.rho.empty()) {
        return; // no relaxation was solved
    }
    double largest_chosen = -inf;
    double least_left = inf;
    for (const SiteIndex j : node.split.free) {
        if (r.chosen[j]) {
            largest_chosen = std::max(largest_chosen, r.rho[j]);
        } else {
            least_left = std::min(least_left, r.rho[j]);
        }
    }
    std::vector<SiteIndex> free;
    for (const SiteIndex j : node.split.free) {
        const double if_flipped = r.chosen[j] ? r.raw_bound - r.rho[j] + least_left
                                              : r.raw_bound + r.rho[j] - largest_chosen;
        if (!pruned(finish_bound(if_flipped, upper_bound, r.integral), upper_bound)) {
            free.push_back(j);
        } else if (r.chosen[j]) {
            node.split.open.insert(std::upper_bound(node.split.open.begin(), node.split.open.end(), j), j);
        }
    }
    node.split.free = std::move(free);
}

/// The bound of a node whose sites are all decided: its one solution's objective.
LagrangianResult leaf(const AllocationData &data, const SiteSplit &split) {
    LagrangianResult r;
    r.work = static_cast<double>(data.reach.size());
    const LexValue value = exact_value(data, split.open);
    r.bound = r.raw_bound = value.unserved > 0.0 ? inf : value.cost;
    return r;
}

bool is_leaf(const AllocationData &data, const Node &node) { return node.split.open.size() == data.p; }

/// Fixes what the node's multipliers allow; a node left with every site decided is a leaf.
void settle(const AllocationData &data, Node &node, double upper_bound) {
    if (!is_leaf(data, node)) {
        fix_sites(node, upper_bound);
        if (is_leaf(data, node)) {
            node.relaxation = leaf(data, node.split);
        }
    }
}

LagrangianResult relax(const AllocationData &data, double upper_bound, const Node &parent, const SiteSplit &split,
                       const BranchOptions &options) {
    if (split.open.size() == data.p) {
        return leaf(data, split);
    }
    return lagrangian_bound(data, upper_bound, parent.relaxation.multipliers,
                            {.iterations = options.iterations, .keep_relaxed = 0, .threads = 1, .theta = 0.5}, split);
}

/// The site to branch on: the chosen free site of largest rho (the relaxation's most doubtful
/// choice; ties to the smaller index).
SiteIndex branching_site(const Node &node) {
    SiteIndex site = no_site;
    for (const SiteIndex j : node.split.free) {
        if (node.relaxation.chosen[j] && (site == no_site || node.relaxation.rho[j] > node.relaxation.rho[site])) {
            site = j;
        }
    }
    return site;
}

} // namespace

double branch_and_bound(const AllocationData &data, double upper_bound, const LagrangianResult &root,
                        const BranchOptions &options) {
    if (pruned(root.bound, upper_bound)) {
        return std::min(root.bound, upper_bound);
    }
    const auto by_bound = [](const Node &a, const Node &b) {
        return a.relaxation.bound < b.relaxation.bound || (a.relaxation.bound == b.relaxation.bound && a.id < b.id);
    };
    std::set<Node, decltype(by_bound)> open(by_bound);
    std::size_t next_id = 0;
    Node first{root_split(data), root, next_id++};
    settle(data, first, upper_bound);
    open.insert(std::move(first));
    // Branch while the budget covers two more children at the root's work per iteration.
    const double per_child = root.work / static_cast<double>(std::max<std::size_t>(root.iterations, 1)) *
                             static_cast<double>(options.iterations);
    double spent = 0.0;
    while (!open.empty() && spent + 2.0 * per_child <= options.work) {
        if (is_leaf(data, *open.begin())) {
            break; // a solution's own value is the least bound left: no node can raise it
        }
        Node node = std::move(open.extract(open.begin()).value());
        const SiteIndex site = branching_site(node);
        std::vector<SiteSplit> splits(2, node.split);
        splits[0].free.erase(std::find(splits[0].free.begin(), splits[0].free.end(), site));
        splits[1].free = splits[0].free;
        splits[0].open.insert(std::upper_bound(splits[0].open.begin(), splits[0].open.end(), site), site);
        std::vector<LagrangianResult> children(2);
        catchment::detail::parallel_for(2, options.threads, [&](std::size_t k) {
            children[k] = relax(data, upper_bound, node, splits[k], options);
        });
        spent += children[0].work + children[1].work;
        for (std::size_t k = 0; k < 2; ++k) {
            // A child is never weaker than its parent: the parent's bound holds for it too.
            Node child{std::move(splits[k]), std::move(children[k]), next_id++};
            child.relaxation.bound = std::max(child.relaxation.bound, node.relaxation.bound);
            if (!pruned(child.relaxation.bound, upper_bound)) {
                settle(data, child, upper_bound);
                open.insert(std::move(child));
            }
        }
    }
    return open.empty() ? upper_bound : std::min(open.begin()->relaxation.bound, upper_bound);
}

} // namespace pooled::colocation::detail
