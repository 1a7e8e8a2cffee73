#pragma once
// INTERNAL to libpooled (colocation). A location problem's input checked once and laid out for
// the solvers: per client (an origin with demand > 0) its reachable allowed sites sorted by
// cost, per site the clients it reaches, site rules as flags and site costs. Sparse
// throughout: only the matrix's stored pairs are kept, never a dense n x m.

#include <pooled/colocation/solution.hpp>
#include <pooled/network/cost_matrix.hpp>

#include "colocation/lex_value.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace pooled::colocation::detail {

/// One site a client reaches.
struct Reach {
    SiteIndex site = no_site;
    double cost = 0.0;
};
/// One client a site reaches.
struct Served {
    std::uint32_t client = 0;
    double cost = 0.0;
};

struct AllocationData {
    std::size_t site_count = 0;
    std::size_t p = 0;
    std::vector<std::uint32_t> origin_of; ///< client -> matrix origin
    std::vector<double> weight;           ///< client -> demand (> 0)
    std::vector<std::size_t> row_start;   ///< client -> [row_start[i], row_start[i + 1]) in reach
    std::vector<Reach> reach;             ///< allowed sites only; by cost, then site
    std::vector<std::size_t> column_start;
    std::vector<Served> served;           ///< per site, by client
    std::vector<double> site_cost;        ///< added to the objective when the site is open
    double constant = 0.0;                ///< closing costs of every existing site (paid back when kept)
    std::vector<char> allowed;            ///< not forbidden
    std::vector<char> required;
    std::vector<SiteIndex> required_sites; ///< ascending
    std::vector<SiteIndex> candidates;     ///< allowed, not required, ascending
    std::optional<double> unserved_cost;   ///< per unit of demand; none = unserved demand is infeasible
    double total_weight = 0.0;
    double cost_scale = 0.0;               ///< sum of weight x largest stored cost, plus |site costs|

    std::size_t client_count() const noexcept { return weight.size(); }
    std::span<const Reach> row(std::size_t client) const noexcept {
        return {reach.data() + row_start[client], reach.data() + row_start[client + 1]};
    }
    std::span<const Served> column(SiteIndex site) const noexcept {
        return {served.data() + column_start[site], served.data() + column_start[site + 1]};
    }
    /// The value of serving one unit of demand at `cost`, or of leaving it unserved.
    static LexValue served_at(double cost) noexcept { return {0.0, cost}; }
    LexValue unserved() const noexcept {
        return unserved_cost ? LexValue{0.0, *unserved_cost} : LexValue{1.0, 0.0};
    }
    LexTolerance tolerance() const noexcept { return {1e-9 * (1.0 + total_weight), 1e-10 * (1.0 + cost_scale)}; }
};

/// Checks and lays out a problem. `problem` names it in messages ("p-median").
/// @throws Error (Errc::argument) for a demand span of the wrong size, a site index out of
///         range, a site both required and forbidden, p = 0, more required sites than p, fewer
///         allowed sites than p, or a negative or NaN unserved cost; (Errc::data) for a
///         negative, NaN or infinite demand, naming the origin.
/// With `keep_zero_demand`, origins of zero demand are clients too (capacitated problems,
/// where an origin can load a site without weighing on the cost).
AllocationData make_allocation_data(const network::CostMatrix &costs, std::span<const double> demand,
                                    const SiteRules &rules, std::size_t p, std::optional<double> unserved_cost,
                                    const std::string &problem, bool keep_zero_demand = false);

/// How many of the matrix's sites are not forbidden (at least 1): the "p" of problems that
/// choose their own number of sites (LSCP, facility location), for make_allocation_data.
std::size_t allowed_site_count(const network::CostMatrix &costs, const SiteRules &rules);

/// Sites open in `open` (flags per site), ascending.
std::vector<SiteIndex> open_sites(const std::vector<char> &open);

} // namespace pooled::colocation::detail
