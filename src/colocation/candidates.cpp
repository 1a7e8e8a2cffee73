// Co-location candidates: the "close and compatible" graph of assets, its maximal cliques with
// two or more owners, and their ranking by what sharing a building could release.

#include <pooled/colocation/candidates.hpp>

#include <pooled/core/error.hpp>
#include <pooled/network/straight_line.hpp>

#include "colocation/maximal_cliques.hpp"
#include "core/text.hpp"


#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>

namespace pooled::colocation {

namespace {

using pooled::detail::join;

constexpr double infinity = std::numeric_limits<double>::infinity();

/// "1,250" (whole number with thousands separators).
std::string whole(double value) {
    const auto n = static_cast<long long>(std::llround(value));
    std::string digits = std::to_string(n < 0 ? -n : n);
    for (std::size_t k = digits.size(); k > 3; k -= 3) {
        digits.insert(k - 3, ",");
    }
    return (n < 0 ? "-" : "") + digits;
}

/// Money for a reason: "£850", "£310k", "£1.2m".
std::string money(double gbp) {
    char text[32];
    if (gbp >= 1e6) {
        std::snprintf(text, sizeof text, "%.1fm", gbp / 1e6);
    } else if (gbp >= 1e4) {
        std::snprintf(text, sizeof text, "%.0fk", gbp / 1e3);
    } else {
        return "\xC2\xA3" + whole(gbp);
    }
    return "\xC2\xA3" + std::string(text);
}

/// A distance or cost in words: "420 m", "7.5 min".
std::string cost_text(double cost, network::CostUnit unit) {
    if (unit == network::CostUnit::metres) {
        return whole(cost) + " m";
    }
    char text[32];
    std::snprintf(text, sizeof text, "%.1f min", cost / 60.0);
    return text;
}

/// "YYYY-MM-DD" plus whole years (29 February becomes 28 February in a common year).
std::string add_years(const std::string &date, int years) {
    const int year = std::stoi(date.substr(0, 4)) + years;
    std::string month_day = date.substr(4);
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (month_day == "-02-29" && !leap) {
        month_day = "-02-28";
    }
    char text[8];
    std::snprintf(text, sizeof text, "%04d", year);
    return text + month_day;
}

/// What the estate's assets offer and whether each can take part.
struct Usable {
    std::vector<std::vector<std::string>> services; ///< canonical, per asset
    std::vector<std::string> owner;                 ///< normalised organisation, per asset
    std::vector<bool> usable;
    std::vector<ExcludedAsset> excluded;
};

Usable usable_assets(const model::Estate &estate, const CompatibilityTable &table) {
    Usable u;
    const std::size_t n = estate.assets.size();
    u.services.resize(n);
    u.owner.resize(n);
    u.usable.assign(n, false);
    for (std::size_t a = 0; a < n; ++a) {
        const model::Asset &asset = estate.assets[a];
        u.owner[a] = normalise_name(asset.organisation);
        std::vector<std::string> unknown;
        for (const std::string &service : asset.services) {
            if (const auto canonical = table.canonical(service)) {
                u.services[a].push_back(*canonical);
            } else {
                unknown.push_back("'" + service + "'");
            }
        }
        std::sort(u.services[a].begin(), u.services[a].end());
        u.services[a].erase(std::unique(u.services[a].begin(), u.services[a].end()), u.services[a].end());
        if (asset.services.empty()) {
            u.excluded.push_back({a, "no services"});
        } else if (!unknown.empty()) {
            u.excluded.push_back({a, "service " + join(unknown) + " is not in the compatibility table (" + table.source() + ")"});
        } else if (u.owner[a].empty()) {
            u.excluded.push_back({a, "no organisation (owner)"});
        } else {
            u.usable[a] = true;
        }
    }
    return u;
}

bool services_compatible(const std::vector<std::string> &a, const std::vector<std::string> &b,
                         const CompatibilityTable &table) {
    for (const auto &s : a) {
        for (const auto &t : b) {
            if (!table.compatible(s, t)) {
                return false;
            }
        }
    }
    return true;
}

/// Symmetric member-to-member costs: the larger of the two directions (+inf if either is absent).
class PairCosts {
public:
    PairCosts(const network::CostMatrix &matrix, std::vector<std::size_t> local_of)
        : m_matrix(matrix), m_local(std::move(local_of)) {}
    double operator()(std::size_t a, std::size_t b) const {
        const std::size_t i = m_local[a];
        const std::size_t j = m_local[b];
        return std::max(m_matrix.at(i, j), m_matrix.at(j, i));
    }
    const network::CostMatrix &matrix() const noexcept { return m_matrix; }
    std::size_t local(std::size_t asset) const { return m_local[asset]; }

private:
    const network::CostMatrix &m_matrix;
    std::vector<std::size_t> m_local; // asset index -> matrix index
};

void check_options(const model::Estate &estate, const CandidateOptions &options) {
    if (std::isnan(options.within) || options.within < 0.0) {
        throw Error(Errc::argument, "the co-location distance must be a number >= 0, not " +
                                        pooled::detail::number_text(options.within));
    }
    if (options.costs) {
        const auto &m = *options.costs;
        std::vector<std::string> ids;
        for (const auto &a : estate.assets) {
            ids.push_back(a.id);
        }
        if (m.origin_ids() != ids || m.destination_ids() != ids) {
            throw Error(Errc::argument, "the co-location cost matrix must have the estate's " + std::to_string(ids.size()) +
                                            " assets as origins and destinations, in order (it has " +
                                            std::to_string(m.origin_count()) + " x " + std::to_string(m.destination_count()) + ")",
                        SourceRef{estate.source, {}, {}, {}});
        }
    }
    if ((options.catchments == nullptr) != (options.overlaps == nullptr)) {
        throw Error(Errc::argument, "co-location needs both the catchments and their overlaps, or neither");
    }
    if (!options.as_of.empty() && model::parse_iso_date(options.as_of) != options.as_of) {
        throw Error(Errc::argument, "the reference date for lease ends must be YYYY-MM-DD, not '" + options.as_of + "'");
    }
    if (options.lease_horizon_years < 0) {
        throw Error(Errc::argument, "the lease horizon must be >= 0 years, not " + std::to_string(options.lease_horizon_years));
    }
}

/// The most people any two members' catchments share, per pair of asset indexes (a < b).
std::map<std::pair<std::size_t, std::size_t>, double> shared_people(const CandidateOptions &options) {
    std::map<std::pair<std::size_t, std::size_t>, double> shared;
    if (!options.overlaps) {
        return shared;
    }
    const auto &catchments = *options.catchments;
    for (const catchment::Overlap &o : *options.overlaps) {
        if (o.first >= catchments.size() || o.second >= catchments.size()) {
            throw Error(Errc::argument, "a catchment overlap names catchment " + std::to_string(std::max(o.first, o.second)) +
                                            " of " + std::to_string(catchments.size()));
        }
        const std::size_t a = catchments[o.first].asset;
        const std::size_t b = catchments[o.second].asset;
        double &value = shared[{std::min(a, b), std::max(a, b)}];
        value = std::max(value, o.population);
    }
    return shared;
}

/// Fills a group's measures, reasons and missing values (the score comes later).
void describe(CandidateGroup &g, const model::Estate &estate, const Usable &usable, const PairCosts &costs,
              const CandidateOptions &options, const std::map<std::pair<std::size_t, std::size_t>, double> &shared) {
    const auto &assets = estate.assets;
    GroupScores &s = g.scores;
    std::set<std::string> services;
    std::map<std::string, std::string> owners; // normalised -> as written (first member's spelling)
    std::vector<std::string> no_area, no_cost, no_utilisation, no_condition, no_lease;
    double best_total = infinity;
    for (const std::size_t a : g.members) {
        const model::Asset &asset = assets[a];
        owners.emplace(usable.owner[a], asset.organisation);
        services.insert(usable.services[a].begin(), usable.services[a].end());
        double total = 0.0;
        for (const std::size_t b : g.members) {
            if (b != a) {
                total += costs(a, b);
                s.largest_cost = std::max(s.largest_cost, costs(a, b));
            }
        }
        if (total < best_total) { // members are in id order, so ties go to the smaller id
            best_total = total;
            g.hub = a;
        }
        if (asset.floor_area) {
            s.floor_area_m2 += asset.floor_area->value();
        } else {
            no_area.push_back(asset.id);
        }
        if (asset.running_cost) {
            s.running_cost_gbp += asset.running_cost->value();
        } else {
            no_cost.push_back(asset.id);
        }
        if (!asset.utilisation) {
            no_utilisation.push_back(asset.id);
        } else if (*asset.utilisation < 1.0) {
            ++s.with_spare_capacity;
            if (asset.floor_area) {
                s.spare_floor_area_m2 += asset.floor_area->value() * (1.0 - *asset.utilisation);
            }
        }
        const int grade = condition_grade(asset.condition);
        if (grade < 0) {
            no_condition.push_back(asset.id);
        } else if (grade >= 2) {
            ++s.poor_condition;
        }
        if (asset.lease_end && !options.as_of.empty() &&
            *asset.lease_end <= add_years(options.as_of, options.lease_horizon_years)) {
            s.leases_ending.emplace_back(a, *asset.lease_end);
        } else if (!asset.lease_end && asset.tenure == model::Tenure::leasehold) {
            no_lease.push_back(asset.id);
        }
    }
    std::stable_sort(s.leases_ending.begin(), s.leases_ending.end(),
                     [](const auto &x, const auto &y) { return x.second < y.second; });
    g.hub_point = assets[g.hub].location;
    for (const auto &[key, name] : owners) {
        g.organisations.push_back(name);
    }
    std::sort(g.organisations.begin(), g.organisations.end());
    s.organisations = owners.size();
    g.services.assign(services.begin(), services.end());

    std::pair<std::size_t, std::size_t> most_shared{0, 0};
    if (options.overlaps) {
        s.shared_population = 0.0;
        for (std::size_t x = 0; x < g.members.size(); ++x) {
            for (std::size_t y = x + 1; y < g.members.size(); ++y) {
                const auto key = std::minmax(g.members[x], g.members[y]);
                const auto found = shared.find({key.first, key.second});
                if (found != shared.end() && found->second > s.shared_population) {
                    s.shared_population = found->second;
                    most_shared = {g.members[x], g.members[y]};
                }
            }
        }
    }

    // Reasons, in plain words; only what is known.
    const network::CostUnit unit = costs.matrix().unit();
    const std::string by = options.costs ? (unit == network::CostUnit::metres ? " by road" : "") : "";
    g.reasons.push_back(std::to_string(s.organisations) + " organisations within " + cost_text(s.largest_cost, unit) + by);
    std::vector<std::string> combined;
    if (no_area.size() < g.members.size()) {
        combined.push_back(whole(s.floor_area_m2) + " m2");
    }
    if (no_cost.size() < g.members.size()) {
        combined.push_back(money(s.running_cost_gbp) + "/year");
    }
    if (!combined.empty()) {
        g.reasons.push_back(join(combined, " and ") + " combined");
    }
    if (s.with_spare_capacity > 0) {
        g.reasons.push_back(std::to_string(s.with_spare_capacity) + (s.with_spare_capacity == 1 ? " member" : " members") +
                            " below full use" +
                            (s.spare_floor_area_m2 > 0.0 ? " (" + whole(s.spare_floor_area_m2) + " m2 spare)" : ""));
    }
    for (const auto &[a, date] : s.leases_ending) {
        g.reasons.push_back(usable.services[a].front() + " lease ends " + date.substr(0, 4) + " (" + assets[a].id + ")");
    }
    if (s.poor_condition > 0) {
        g.reasons.push_back(std::to_string(s.poor_condition) + (s.poor_condition == 1 ? " building" : " buildings") +
                            " in poor condition");
    }
    if (s.shared_population > 0.0) {
        g.reasons.push_back(whole(s.shared_population) + " people live in the catchments of both " +
                            assets[most_shared.first].id + " and " + assets[most_shared.second].id);
    }
    const auto missing = [&](const std::vector<std::string> &ids, const std::string &what) {
        if (!ids.empty()) {
            g.missing.push_back(what + " for " + join(ids));
        }
    };
    missing(no_area, "no floor area");
    missing(no_cost, "no running cost");
    missing(no_utilisation, "no utilisation");
    missing(no_condition, "no condition grade");
    missing(no_lease, "leasehold without a lease end");
    if (options.as_of.empty()) {
        g.missing.push_back("lease ends not checked (no reference date)");
    }
    if (!options.overlaps) {
        g.missing.push_back("catchment overlap not computed (no zones)");
    }
}

/// Each measure over its largest value among the groups, summed.
void score(std::vector<CandidateGroup> &groups) {
    constexpr std::size_t measures = 7;
    const auto measure = [](const GroupScores &s) {
        return std::array<double, measures>{static_cast<double>(s.organisations) - 1.0,
                                            s.floor_area_m2,
                                            s.running_cost_gbp,
                                            s.spare_floor_area_m2,
                                            static_cast<double>(s.leases_ending.size()),
                                            static_cast<double>(s.poor_condition),
                                            std::isnan(s.shared_population) ? 0.0 : s.shared_population};
    };
    std::array<double, measures> largest{};
    for (const auto &g : groups) {
        const auto m = measure(g.scores);
        for (std::size_t k = 0; k < measures; ++k) {
            largest[k] = std::max(largest[k], m[k]);
        }
    }
    for (auto &g : groups) {
        const auto m = measure(g.scores);
        g.scores.score = 0.0;
        for (std::size_t k = 0; k < measures; ++k) {
            g.scores.score += largest[k] > 0.0 ? m[k] / largest[k] : 0.0;
        }
    }
}

} // namespace

int condition_grade(std::string_view condition) {
    const std::string c = normalise_name(condition);
    if (c == "a" || c == "good" || c == "very good" || c == "excellent") {
        return 0;
    }
    if (c == "b" || c == "fair" || c == "satisfactory") {
        return 1;
    }
    if (c == "c" || c == "poor") {
        return 2;
    }
    if (c == "d" || c == "bad" || c == "very poor" || c == "unsatisfactory") {
        return 3;
    }
    return -1;
}

CandidateResult find_colocation_candidates(const model::Estate &estate, const CandidateOptions &options) {
    check_options(estate, options);
    const CompatibilityTable &table = options.compatibility ? *options.compatibility : default_compatibility();
    const std::size_t n = estate.assets.size();
    Usable usable = usable_assets(estate, table);
    CandidateResult result;
    result.excluded = usable.excluded;

    // Closeness: the given matrix over every asset, or straight lines among the usable ones.
    std::optional<network::CostMatrix> straight;
    std::vector<std::size_t> local_of(n, 0);
    if (!options.costs) {
        std::vector<network::Located> points;
        for (std::size_t a = 0; a < n; ++a) {
            if (usable.usable[a]) {
                local_of[a] = points.size();
                points.push_back({estate.assets[a].id, estate.assets[a].location});
            }
        }
        straight.emplace(network::straight_line_matrix(points, points, options.within));
    } else {
        for (std::size_t a = 0; a < n; ++a) {
            local_of[a] = a;
        }
    }
    const PairCosts costs(options.costs ? *options.costs : *straight, local_of);
    std::vector<std::size_t> asset_of(costs.matrix().origin_count());
    for (std::size_t a = 0; a < n; ++a) {
        if (options.costs || usable.usable[a]) { // the straight-line matrix holds the usable assets only
            asset_of[costs.local(a)] = a;
        }
    }

    // The linked graph over the usable assets (vertex = position among them).
    std::vector<std::size_t> usable_ids;
    std::vector<std::size_t> vertex_of(n, 0);
    for (std::size_t a = 0; a < n; ++a) {
        if (usable.usable[a]) {
            vertex_of[a] = usable_ids.size();
            usable_ids.push_back(a);
        }
    }
    std::vector<std::vector<std::uint32_t>> graph(usable_ids.size());
    for (const std::size_t a : usable_ids) {
        for (const network::MatrixEntry &e : costs.matrix().row(costs.local(a))) {
            const std::size_t b = asset_of[e.destination];
            if (e.destination <= costs.local(a) || !usable.usable[b] || e.cost > options.within ||
                costs.matrix().at(e.destination, costs.local(a)) > options.within) {
                continue;
            }
            ++result.close_pairs;
            if (services_compatible(usable.services[a], usable.services[b], table)) {
                ++result.linked_pairs;
                graph[vertex_of[a]].push_back(static_cast<std::uint32_t>(vertex_of[b]));
                graph[vertex_of[b]].push_back(static_cast<std::uint32_t>(vertex_of[a]));
            }
        }
    }

    std::vector<std::vector<std::uint32_t>> cliques;
    if (!detail::maximal_cliques(graph, 2, options.max_groups, cliques)) {
        throw Error(Errc::argument, "more than " + std::to_string(options.max_groups) +
                                        " co-location groups: use a smaller distance or travel time",
                    SourceRef{estate.source, {}, {}, {}});
    }

    const auto shared = shared_people(options);
    for (auto &clique : cliques) {
        CandidateGroup g;
        for (const std::size_t v : clique) {
            g.members.push_back(usable_ids[v]);
        }
        std::set<std::string> owners;
        for (const std::size_t a : g.members) {
            owners.insert(usable.owner[a]);
        }
        if (owners.size() < 2) {
            continue;
        }
        std::sort(g.members.begin(), g.members.end(), [&](std::size_t x, std::size_t y) {
            return estate.assets[x].id < estate.assets[y].id;
        });
        describe(g, estate, usable, costs, options, shared);
        result.groups.push_back(std::move(g));
    }
    score(result.groups);
    const auto ids = [&](const CandidateGroup &g) {
        std::vector<std::string> out;
        for (const std::size_t a : g.members) {
            out.push_back(estate.assets[a].id);
        }
        return out;
    };
    std::sort(result.groups.begin(), result.groups.end(), [&](const CandidateGroup &x, const CandidateGroup &y) {
        if (x.scores.score != y.scores.score) {
            return x.scores.score > y.scores.score;
        }
        if (x.members.size() != y.members.size()) {
            return x.members.size() > y.members.size();
        }
        if (x.scores.largest_cost != y.scores.largest_cost) {
            return x.scores.largest_cost < y.scores.largest_cost;
        }
        return ids(x) < ids(y);
    });
    return result;
}

} // namespace pooled::colocation
