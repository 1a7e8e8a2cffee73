// consolidate(): choose the assets to keep with the location solvers, place the demand of the
// closed ones, and report savings, access before and after, and the moves.

#include <pooled/colocation/capacitated.hpp>
#include <pooled/colocation/consolidation.hpp>
#include <pooled/colocation/covering.hpp>
#include <pooled/colocation/pmedian.hpp>
#include <pooled/core/error.hpp>

#include "colocation/capacitated_input.hpp"
#include "colocation/consolidation_text.hpp"
#include "colocation/coverage_target.hpp"
#include "colocation/evaluate.hpp"
#include "colocation/swap_state.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <charconv>
#include <map>
#include <set>

namespace pooled::colocation {

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();
constexpr double nan = std::numeric_limits<double>::quiet_NaN();
const std::string problem = "consolidation";

void check_options(const network::CostMatrix &costs, std::span<const ConsolidationAsset> assets,
                   std::span<const double> demand, std::span<const std::string> groups,
                   const ConsolidationOptions &options) {
    const auto fail = [](const std::string &text) { throw Error(Errc::argument, problem + ": " + text); };
    if (assets.size() != costs.destination_count()) {
        fail(std::to_string(assets.size()) + " assets for a matrix of " + std::to_string(costs.destination_count()) +
             " destinations");
    }
    if (demand.size() != costs.origin_count()) {
        fail(std::to_string(demand.size()) + " demand values for " + std::to_string(costs.origin_count()) + " zones");
    }
    if (!groups.empty() && groups.size() != costs.origin_count()) {
        fail(std::to_string(groups.size()) + " group labels for " + std::to_string(costs.origin_count()) + " zones");
    }
    for (std::size_t z = 0; z < demand.size(); ++z) {
        if (!std::isfinite(demand[z]) || demand[z] < 0.0) {
            throw Error(Errc::data, problem + ": demand of zone '" + costs.origin_ids()[z] + "' is " +
                                        pooled::detail::number_text(demand[z]) + " (it must be finite and >= 0)");
        }
    }
    const bool by_coverage = options.min_coverage != 0.0;
    if (options.keep.has_value() == by_coverage) {
        fail("give exactly one goal: a number of assets to keep, or a minimum coverage within a cutoff");
    }
    const auto must_keep = static_cast<std::size_t>(
        std::count_if(assets.begin(), assets.end(), [](const ConsolidationAsset &a) { return a.must_keep; }));
    if (options.keep && (*options.keep == 0 || *options.keep > assets.size())) {
        fail("cannot keep " + std::to_string(*options.keep) + " of " + std::to_string(assets.size()) + " assets");
    }
    if (options.keep && must_keep > *options.keep) {
        fail(std::to_string(must_keep) + " assets must be kept, more than the " + std::to_string(*options.keep) +
             " to keep");
    }
    if (by_coverage && !(options.min_coverage > 0.0 && options.min_coverage <= 1.0)) {
        fail("the minimum coverage must be in (0, 1], not " + pooled::detail::number_text(options.min_coverage));
    }
    if (!(options.min_group_coverage >= 0.0 && options.min_group_coverage <= 1.0)) {
        fail("the minimum coverage of every group must be in [0, 1], not " +
             pooled::detail::number_text(options.min_group_coverage));
    }
    if (options.min_group_coverage > 0.0 && (groups.empty() || !by_coverage)) {
        fail("a minimum coverage of every group needs groups and a minimum coverage goal");
    }
    if (options.cutoff && !(*options.cutoff >= 0.0)) {
        fail("the cutoff must be a number >= 0, not " + pooled::detail::number_text(*options.cutoff));
    }
    if (by_coverage && !options.cutoff) {
        fail("a minimum coverage needs a cutoff (the travel cost counted as within reach)");
    }
    if (options.capacity == CapacityBasis::floor_area && !(options.floor_area_per_head > 0.0)) {
        fail("a floor-area capacity needs the floor area per head (> 0), not " +
             pooled::detail::number_text(options.floor_area_per_head));
    }
}

/// Each asset's capacity in demand units under the basis; empty for no capacity.
std::vector<double> capacities(std::span<const ConsolidationAsset> assets, const ConsolidationOptions &options) {
    std::vector<double> caps;
    if (options.capacity == CapacityBasis::none) {
        return caps;
    }
    const bool area = options.capacity == CapacityBasis::floor_area;
    for (const ConsolidationAsset &a : assets) {
        const std::optional<double> value = area ? a.floor_area_m2 : a.capacity;
        if (!value || !std::isfinite(*value) || *value < 0.0) {
            throw Error(Errc::argument, problem + ": asset '" + a.id + "' has no " + (area ? "floor area" : "capacity") +
                                            " >= 0; the " + (area ? "floor-area" : "service-capacity") +
                                            " basis needs one for every asset");
        }
        caps.push_back(area ? *value / options.floor_area_per_head : *value);
    }
    return caps;
}

/// Per zone its cheapest open asset (ties: the smaller index), or no_site.
std::vector<SiteIndex> cheapest(const network::CostMatrix &costs, const std::vector<char> &open) {
    std::vector<SiteIndex> site(costs.origin_count(), no_site);
    for (std::size_t z = 0; z < costs.origin_count(); ++z) {
        double best = inf;
        for (const network::MatrixEntry &e : costs.row(z)) {
            if (open[e.destination] && e.cost < best) {
                best = e.cost;
                site[z] = e.destination;
            }
        }
    }
    return site;
}

/// The zones reaching at least one asset, as the matrix the solvers see (zones reaching none
/// can only stay unserved, and would make every solution infeasible).
struct Reachable {
    std::vector<std::uint32_t> zone; ///< sub-matrix origin -> zone
    std::optional<network::CostMatrix> matrix; ///< empty when every zone reaches an asset
    std::vector<double> demand;
    std::vector<std::uint32_t> group;
    const network::CostMatrix &costs(const network::CostMatrix &all) const { return matrix ? *matrix : all; }
};

Reachable reachable_zones(const network::CostMatrix &costs, std::span<const double> demand,
                          const std::vector<std::uint32_t> &group) {
    Reachable r;
    std::vector<std::string> ids;
    std::vector<std::vector<network::MatrixEntry>> rows;
    for (std::uint32_t z = 0; z < costs.origin_count(); ++z) {
        if (!costs.row(z).empty()) {
            r.zone.push_back(z);
            r.demand.push_back(demand[z]);
            if (!group.empty()) {
                r.group.push_back(group[z]);
            }
            ids.push_back(costs.origin_ids()[z]);
            const auto row = costs.row(z);
            rows.emplace_back(row.begin(), row.end());
        }
    }
    if (r.zone.size() < costs.origin_count()) {
        r.matrix.emplace(std::move(ids), costs.destination_ids(), costs.unit(), costs.other_unit(), costs.cutoff(),
                         std::move(rows));
    }
    return r;
}

CapacitatedOptions options_of(const std::vector<double> &caps, const SiteRules &rules) {
    CapacitatedOptions options;
    options.capacity = caps;
    options.sites = rules;
    return options;
}

/// The demand of the kept assets placed within capacities, single-sourced (per zone, or no_site).
class CapacityPlacement {
public:
    CapacityPlacement(const network::CostMatrix &costs, const Reachable &reach, const std::vector<double> &caps,
                      const SiteRules &rules)
        : m_reach(reach),
          m_prep(detail::prepare_capacitated(costs, reach.demand, detail::allowed_site_count(costs, rules), {},
                                             options_of(caps, rules), problem)) {}

    std::vector<SiteIndex> place(std::span<const SiteIndex> kept, std::size_t zones) const {
        const detail::Assignment a = detail::assign_within_capacity(m_prep.data, m_prep.caps, kept, 10);
        std::vector<SiteIndex> site(zones, no_site);
        for (std::size_t i = 0; i < a.site_of.size(); ++i) {
            site[m_reach.zone[m_prep.data.origin_of[i]]] = a.site_of[i];
        }
        return site;
    }

private:
    const Reachable &m_reach;
    detail::CapacitatedInput m_prep;
};

/// " (demand 41,048; capacity of every asset together 9,550)", for messages.
std::string capacity_words(const std::vector<double> &caps, const std::vector<double> &demand) {
    double capacity = 0.0, total = 0.0;
    for (const double c : caps) {
        capacity += c;
    }
    for (const double d : demand) {
        total += d;
    }
    return " (demand " + detail::count_words(total) + "; capacity of every asset together " +
           detail::count_words(capacity) + ")";
}

/// The coverage goal on the solver's matrix: the targets measured on placed zones (a zone
/// counts when its placed asset is within the cutoff), and the travel of a kept set.
class CoverageGoal {
public:
    CoverageGoal(const network::CostMatrix &costs, const Reachable &reach, const CoverageTargetOptions &options)
        : m_reach(reach),
          m_data(detail::make_allocation_data(costs, reach.demand, options.sites,
                                              detail::allowed_site_count(costs, options.sites), std::nullopt, problem)),
          m_targets(detail::make_coverage_targets(costs, m_data, options)), m_cutoff(options.service_cost) {}

    /// (unplaced demand, relative shortfall) of a placement: both 0 when it meets the goal.
    std::pair<double, double> score(const network::CostMatrix &all, std::span<const double> demand,
                                    const std::vector<SiteIndex> &site) const {
        std::vector<double> covered(m_targets.rows(), 0.0);
        double unplaced = 0.0;
        for (std::size_t i = 0; i < m_data.client_count(); ++i) {
            const std::uint32_t z = m_reach.zone[m_data.origin_of[i]];
            if (site[z] == no_site) {
                unplaced += demand[z];
            } else if (all.at(z, site[z]) <= m_cutoff) {
                for (const std::uint32_t row : {m_targets.total_row, m_targets.group_row[i]}) {
                    if (row != detail::no_row) {
                        covered[row] += m_data.weight[i];
                    }
                }
            }
        }
        return {unplaced, detail::relative_shortfall(m_targets, covered)};
    }

    /// Among sets of the same size meeting the targets (each zone at its cheapest kept asset),
    /// lowers the demand-weighted travel by swaps of a kept, not must-keep asset for a closed
    /// one: the fewest assets, and then the least travel found among them. Each step takes the
    /// most profitable swap (fast vertex substitution's profits) that keeps the targets met.
    std::vector<SiteIndex> least_travel(const std::vector<SiteIndex> &kept) const {
        detail::SwapState state(m_data, kept);
        std::vector<char> open(m_data.site_count, 0);
        for (const SiteIndex j : kept) {
            open[j] = 1;
        }
        const detail::LexTolerance tolerance = m_data.tolerance();
        std::vector<detail::Swap> improving;
        for (std::size_t step = 0; step < 50 * m_data.site_count + 10; ++step) {
            improving.clear();
            for (const SiteIndex out : state.open_sites()) {
                for (const SiteIndex in : m_data.candidates) {
                    const detail::Swap swap = state.best_swap({&in, 1}, {&out, 1});
                    if (swap.in != no_site && tolerance.positive(swap.profit)) {
                        improving.push_back(swap);
                    }
                }
            }
            // Most profitable first; ties in (out, in) order, as generated.
            std::stable_sort(improving.begin(), improving.end(),
                             [](const detail::Swap &a, const detail::Swap &b) { return b.profit < a.profit; });
            const auto feasible = std::find_if(improving.begin(), improving.end(), [&](const detail::Swap &swap) {
                open[swap.out] = 0;
                open[swap.in] = 1;
                const bool ok = meets(open);
                open[swap.out] = 1;
                open[swap.in] = 0;
                return ok;
            });
            if (feasible == improving.end()) {
                break;
            }
            open[feasible->out] = 0;
            open[feasible->in] = 1;
            state.apply(*feasible);
        }
        return state.open_sites();
    }

private:
    /// Whether the targets are met with every client at its cheapest open site.
    bool meets(const std::vector<char> &open) const {
        std::vector<double> covered(m_targets.rows(), 0.0);
        for (std::size_t i = 0; i < m_data.client_count(); ++i) {
            for (const detail::Reach &r : m_data.row(i)) {
                if (r.cost > m_cutoff) {
                    break; // rows are sorted by cost
                }
                if (open[r.site]) {
                    for (const std::uint32_t row : {m_targets.total_row, m_targets.group_row[i]}) {
                        if (row != detail::no_row) {
                            covered[row] += m_data.weight[i];
                        }
                    }
                    break;
                }
            }
        }
        return detail::targets_met(m_targets, covered);
    }

    const Reachable &m_reach;
    detail::AllocationData m_data;
    detail::CoverageTargets m_targets;
    double m_cutoff;
};

/// With capacities, placing the demand may push some beyond the cutoff: adds to `kept` the asset
/// whose addition helps most (ties: the smaller index) until the placed demand meets the goal
/// again, counting them in `added`. Returns the placement per zone.
std::vector<SiteIndex> place_meeting_goal(const network::CostMatrix &costs, const network::CostMatrix &solver_costs,
                                          const Reachable &reach, std::span<const double> demand,
                                          const std::vector<double> &caps, const SiteRules &rules,
                                          const CoverageGoal &goal, std::vector<SiteIndex> &kept, std::size_t &added) {
    const CapacityPlacement placement(solver_costs, reach, caps, rules);
    const std::size_t zones = costs.origin_count();
    std::vector<SiteIndex> after = placement.place(kept, zones);
    auto score = goal.score(costs, demand, after);
    while (score.first > 0.0 || score.second > 0.0) {
        std::optional<std::pair<double, double>> best;
        SiteIndex best_site = no_site;
        for (SiteIndex j = 0; j < costs.destination_count(); ++j) {
            if (std::binary_search(kept.begin(), kept.end(), j)) {
                continue;
            }
            std::vector<SiteIndex> trial = kept;
            trial.insert(std::upper_bound(trial.begin(), trial.end(), j), j);
            const auto s = goal.score(costs, demand, placement.place(trial, zones));
            if (!best || s < *best) {
                best = s;
                best_site = j;
            }
        }
        if (best_site == no_site) {
            throw Error(Errc::data, problem + ": even with every asset kept, the demand placed within their "
                                              "capacities misses the goal" + capacity_words(caps, reach.demand));
        }
        kept.insert(std::upper_bound(kept.begin(), kept.end(), best_site), best_site);
        after = placement.place(kept, zones);
        score = goal.score(costs, demand, after);
        ++added;
    }
    return after;
}

struct GroupIndex {
    std::vector<std::string> labels;
    std::vector<std::uint32_t> of_zone;
};

/// The label as a number, if the whole of it is one.
std::optional<double> label_number(const std::string &label) {
    double value = 0.0;
    const char *end = label.data() + label.size();
    const auto [stop, ec] = std::from_chars(label.data(), end, value);
    return !label.empty() && ec == std::errc() && stop == end ? std::optional(value) : std::nullopt;
}

/// Groups in label order: by value when every label is a number (deciles 1, 2, ..., 10), else
/// as text.
GroupIndex index_groups(std::span<const std::string> groups) {
    GroupIndex index;
    std::set<std::string> distinct(groups.begin(), groups.end());
    index.labels.assign(distinct.begin(), distinct.end());
    if (std::all_of(index.labels.begin(), index.labels.end(), [](const std::string &l) { return label_number(l).has_value(); })) {
        std::stable_sort(index.labels.begin(), index.labels.end(), [](const std::string &a, const std::string &b) {
            return *label_number(a) < *label_number(b);
        });
    }
    std::map<std::string, std::uint32_t> position;
    for (std::uint32_t g = 0; g < index.labels.size(); ++g) {
        position[index.labels[g]] = g;
    }
    for (const std::string &label : groups) {
        index.of_zone.push_back(position.at(label));
    }
    return index;
}

GroupChange summarise(const std::string &label, const std::vector<std::size_t> &zones, std::span<const double> demand,
                      const std::vector<ZoneChange> &changes, bool has_cutoff) {
    GroupChange g;
    g.group = label;
    g.zones = zones.size();
    double reached_before = 0.0, reached_after = 0.0, cost_before = 0.0, cost_after = 0.0;
    double within_before = 0.0, within_after = 0.0;
    for (const std::size_t z : zones) {
        const double d = demand[z];
        const ZoneChange &c = changes[z];
        g.demand += d;
        if (std::isfinite(c.cost_before)) {
            reached_before += d;
            cost_before += d * c.cost_before;
        } else {
            g.unreached_before += d;
        }
        if (std::isfinite(c.cost_after)) {
            reached_after += d;
            cost_after += d * c.cost_after;
        } else {
            g.unreached_after += d;
        }
        within_before += c.within_before ? d : 0.0;
        within_after += c.within_after ? d : 0.0;
    }
    g.mean_cost_before = reached_before > 0.0 ? cost_before / reached_before : nan;
    g.mean_cost_after = reached_after > 0.0 ? cost_after / reached_after : nan;
    if (has_cutoff && g.demand > 0.0) {
        g.share_within_before = within_before / g.demand;
        g.share_within_after = within_after / g.demand;
    }
    return g;
}

/// Fills result.overall and result.groups from result.zones.
void summarise_all(ConsolidationResult &result, std::span<const double> demand, const GroupIndex &groups,
                   bool has_cutoff) {
    std::vector<std::size_t> all(result.zones.size());
    std::vector<std::vector<std::size_t>> members(groups.labels.size());
    for (std::size_t z = 0; z < all.size(); ++z) {
        all[z] = z;
        if (!groups.of_zone.empty()) {
            members[groups.of_zone[z]].push_back(z);
        }
    }
    result.overall = summarise("all", all, demand, result.zones, has_cutoff);
    result.groups.clear();
    for (std::size_t g = 0; g < members.size(); ++g) {
        result.groups.push_back(summarise(groups.labels[g], members[g], demand, result.zones, has_cutoff));
    }
}

/// The group losing most: largest fall in share within the cutoff, then largest rise in mean cost.
std::optional<std::size_t> losing_most(const std::vector<GroupChange> &groups) {
    const auto zero_if_nan = [](double v) { return std::isnan(v) ? 0.0 : v; };
    std::optional<std::size_t> worst;
    std::pair<double, double> worst_key{0.0, 0.0}; // a group must lose something to be named
    for (std::size_t g = 0; g < groups.size(); ++g) {
        const std::pair<double, double> key{zero_if_nan(groups[g].share_within_after - groups[g].share_within_before),
                                            -zero_if_nan(groups[g].mean_cost_after - groups[g].mean_cost_before)};
        if (key < worst_key) {
            worst_key = key;
            worst = g;
        }
    }
    return worst;
}

/// Explains why a coverage goal cannot be met: the target that even the open estate (the
/// "before" figures) misses.
[[noreturn]] void throw_unreachable_goal(const GroupChange &overall, const std::vector<GroupChange> &groups,
                                         const ConsolidationOptions &options) {
    const auto percent = [](double share) { return pooled::detail::number_text(std::round(share * 1000.0) / 10.0) + "%"; };
    std::string text = problem + ": the goal cannot be met even with every asset kept: ";
    if (overall.share_within_before < options.min_coverage - 1e-9) {
        text += percent(overall.share_within_before) + " of the demand is within the cutoff, below the " +
                percent(options.min_coverage) + " asked";
    } else {
        for (const GroupChange &g : groups) {
            if (g.demand > 0.0 && g.share_within_before < options.min_group_coverage - 1e-9) {
                text += "group '" + g.group + "' has " + percent(g.share_within_before) +
                        " of its demand within the cutoff, below the " + percent(options.min_group_coverage) +
                        " asked of every group";
                break;
            }
        }
    }
    throw Error(Errc::data, text);
}

double distance(const geometry::Point &a, const geometry::Point &b) { return std::hypot(a.x - b.x, a.y - b.y); }

std::vector<Move> moves_of(const ConsolidationResult &r, std::span<const ConsolidationAsset> assets,
                           std::span<const double> demand, const ConsolidationOptions &options) {
    const double unit = options.capacity == CapacityBasis::floor_area ? options.floor_area_per_head : 1.0;
    std::vector<Move> moves;
    for (SiteIndex a = 0; a < assets.size(); ++a) {
        if (r.assets[a].kept) {
            continue;
        }
        Move m;
        m.from = a;
        std::map<SiteIndex, double> taken;
        for (std::size_t z = 0; z < r.zones.size(); ++z) {
            if (r.zones[z].asset_before == a) {
                m.demand += demand[z];
                if (r.zones[z].asset_after == no_site) {
                    m.demand_lost += demand[z];
                } else {
                    taken[r.zones[z].asset_after] += demand[z];
                }
            }
        }
        for (const auto &[site, amount] : taken) { // ascending sites: ties go to the smaller index
            if (m.to == no_site || amount > m.demand_to) {
                m.to = site;
                m.demand_to = amount;
            }
        }
        if (m.demand == 0.0) { // it serves no zone: point to the nearest kept asset
            double best = inf;
            for (const SiteIndex k : r.solution.selected) {
                const double d = distance(assets[a].location, assets[k].location);
                if (d < best) {
                    best = d;
                    m.to = k;
                }
            }
        }
        if (m.to != no_site) {
            const AssetOutcome &to = r.assets[m.to];
            m.distance_m = distance(assets[a].location, assets[m.to].location);
            m.spare_before = (to.capacity - to.demand_before) * unit;
            m.spare_after = (to.capacity - to.demand_after) * unit;
        }
        m.text = detail::move_words(m, assets, options.capacity, options.service);
        moves.push_back(std::move(m));
    }
    return moves;
}

} // namespace

ConsolidationResult consolidate(const network::CostMatrix &costs, std::span<const ConsolidationAsset> assets,
                                std::span<const double> demand, std::span<const std::string> groups,
                                const ConsolidationOptions &options) {
    check_options(costs, assets, demand, groups, options);
    const std::vector<double> caps = capacities(assets, options);
    const GroupIndex group_index = index_groups(groups);
    const Reachable reach = reachable_zones(costs, demand, group_index.of_zone);
    const network::CostMatrix &solver_costs = reach.costs(costs);
    const std::size_t zones = costs.origin_count();
    SiteRules rules;
    for (SiteIndex j = 0; j < assets.size(); ++j) {
        if (assets[j].must_keep) {
            rules.required.push_back(j);
        }
    }

    ConsolidationResult result;
    Solution &solution = result.solution;
    // Before: every zone at its cheapest asset.
    const std::vector<SiteIndex> before = cheapest(costs, std::vector<char>(costs.destination_count(), 1));
    result.zones.resize(zones);
    for (std::size_t z = 0; z < zones; ++z) {
        ZoneChange &c = result.zones[z];
        c.asset_before = before[z];
        c.cost_before = before[z] == no_site ? inf : costs.at(z, before[z]);
        c.within_before = options.cutoff && c.cost_before <= *options.cutoff;
    }
    std::vector<SiteIndex> after(zones, no_site);
    const auto spread = [&](const std::vector<SiteIndex> &per_reachable) {
        for (std::size_t i = 0; i < reach.zone.size(); ++i) {
            after[reach.zone[i]] = per_reachable[i];
        }
    };
    if (options.keep) {
        if (caps.empty()) {
            PMedianOptions po;
            po.p = *options.keep;
            po.sites = rules;
            po.seed = options.seed;
            po.threads = options.threads;
            solution = options.exact ? solve_pmedian_exact(solver_costs, reach.demand, po, options.exact_options)
                                     : solve_pmedian(solver_costs, reach.demand, po);
        } else {
            CapacitatedOptions co = options_of(caps, rules);
            co.seed = options.seed;
            co.threads = options.threads;
            solution = options.exact ? solve_capacitated_pmedian_exact(solver_costs, reach.demand, *options.keep, co,
                                                                       options.exact_options)
                                     : solve_capacitated_pmedian(solver_costs, reach.demand, *options.keep, co);
            if (!std::isfinite(solution.objective)) {
                throw Error(Errc::data, problem + ": no " + std::to_string(*options.keep) +
                                            " assets were found whose capacity takes all the demand" +
                                            capacity_words(caps, reach.demand));
            }
        }
        spread(solution.assignment);
    } else {
        CoverageTargetOptions co;
        co.service_cost = *options.cutoff;
        co.share = options.min_coverage;
        co.group = reach.group;
        co.group_share = options.min_group_coverage;
        co.sites = rules;
        co.seed = options.seed;
        co.threads = options.threads;
        solution = options.exact ? solve_coverage_target_exact(solver_costs, reach.demand, co, options.exact_options)
                                 : solve_coverage_target(solver_costs, reach.demand, co);
        if (solution.status == SolveStatus::infeasible) {
            summarise_all(result, demand, group_index, true);
            throw_unreachable_goal(result.overall, result.groups, options);
        }
        const CoverageGoal goal(solver_costs, reach, co);
        solution.selected = goal.least_travel(solution.selected);
        if (caps.empty()) {
            std::vector<char> open(costs.destination_count(), 0);
            for (const SiteIndex j : solution.selected) {
                open[j] = 1;
            }
            after = cheapest(costs, open);
        } else {
            std::vector<SiteIndex> kept = solution.selected;
            after = place_meeting_goal(costs, solver_costs, reach, demand, caps, rules, goal, kept,
                                       result.sites_added_for_capacity);
            solution.selected = kept;
            solution.objective = static_cast<double>(kept.size());
            detail::set_gap(solution);
        }
    }
    solution.assignment = after;

    for (std::size_t z = 0; z < zones; ++z) {
        ZoneChange &c = result.zones[z];
        c.asset_after = after[z];
        c.cost_after = after[z] == no_site ? inf : costs.at(z, after[z]);
        c.within_after = options.cutoff && c.cost_after <= *options.cutoff;
    }
    result.assets.resize(assets.size());
    for (SiteIndex j = 0; j < assets.size(); ++j) {
        result.assets[j].kept = std::binary_search(solution.selected.begin(), solution.selected.end(), j);
        result.assets[j].capacity = caps.empty() ? nan : caps[j];
    }
    for (std::size_t z = 0; z < zones; ++z) {
        if (before[z] != no_site) {
            result.assets[before[z]].demand_before += demand[z];
        }
        if (after[z] != no_site) {
            result.assets[after[z]].demand_after += demand[z];
        }
    }

    summarise_all(result, demand, group_index, options.cutoff.has_value());
    result.loses_most = losing_most(result.groups);

    for (SiteIndex j = 0; j < assets.size(); ++j) {
        if (result.assets[j].kept) {
            continue;
        }
        Savings &s = result.savings;
        ++s.closed;
        const auto add = [](const std::optional<double> &value, double &sum, std::size_t &missing) {
            value ? void(sum += *value) : void(++missing);
        };
        add(assets[j].running_cost_gbp, s.running_cost_gbp, s.running_cost_missing);
        add(assets[j].floor_area_m2, s.floor_area_m2, s.floor_area_missing);
        add(assets[j].value_gbp, s.capital_receipts_gbp, s.value_missing);
    }
    result.moves = moves_of(result, assets, demand, options);
    for (const Move &m : result.moves) {
        result.assets[m.from].receiving = m.to;
    }
    return result;
}

network::CostMatrix straight_line_seconds(const network::CostMatrix &metres, double speed_m_per_s) {
    if (metres.unit() != network::CostUnit::metres) {
        throw Error(Errc::argument, "straight-line travel time needs a matrix of metres, not " +
                                        std::string(network::cost_unit_name(metres.unit())));
    }
    if (!(speed_m_per_s > 0.0) || !std::isfinite(speed_m_per_s)) {
        throw Error(Errc::argument, "the assumed speed must be > 0 m/s, not " + pooled::detail::number_text(speed_m_per_s));
    }
    std::vector<std::vector<network::MatrixEntry>> rows(metres.origin_count());
    for (std::size_t o = 0; o < metres.origin_count(); ++o) {
        for (const network::MatrixEntry &e : metres.row(o)) {
            rows[o].push_back({e.destination, e.cost / speed_m_per_s, e.cost});
        }
    }
    std::optional<double> cutoff;
    if (metres.cutoff()) {
        cutoff = *metres.cutoff() / speed_m_per_s;
    }
    return network::CostMatrix(metres.origin_ids(), metres.destination_ids(), network::CostUnit::seconds,
                               network::CostUnit::metres, cutoff, std::move(rows));
}

} // namespace pooled::colocation
