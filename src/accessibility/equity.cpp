#include <pooled/accessibility/equity.hpp>

#include <pooled/core/error.hpp>

#include "core/text.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>

namespace pooled::accessibility {

namespace {

using pooled::detail::number_text;

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

void check_zones(std::span<const double> values, std::span<const double> weights) {
    if (values.size() != weights.size()) {
        throw Error(Errc::argument, "an equity index needs one weight per value, not " + std::to_string(values.size()) +
                                        " values and " + std::to_string(weights.size()) + " weights");
    }
    if (values.empty()) {
        throw Error(Errc::argument, "an equity index needs at least one zone");
    }
    for (std::size_t i = 0; i < values.size(); ++i) {
        for (const auto &[what, x] : {std::pair{"value", values[i]}, std::pair{"weight", weights[i]}}) {
            if (!std::isfinite(x) || x < 0.0) {
                throw Error(Errc::data, std::string("equity indices need finite values and weights >= 0, but the ") + what +
                                            " of zone " + std::to_string(i) + " is " + number_text(x));
            }
        }
    }
}

/// Zone indexes sorted by `key`, ties in input order (deterministic).
std::vector<std::size_t> order_by(std::span<const double> key) {
    std::vector<std::size_t> order(key.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key[a] < key[b]; });
    return order;
}

struct Totals {
    double weight = 0.0;
    double amount = 0.0; ///< sum w x
};

Totals totals(std::span<const double> values, std::span<const double> weights) {
    Totals t;
    for (std::size_t i = 0; i < values.size(); ++i) {
        t.weight += weights[i];
        t.amount += weights[i] * values[i];
    }
    return t;
}

// The indices on checked input; NaN when W = 0 or mu = 0.

double gini_of(std::span<const double> values, std::span<const double> weights, const Totals &t) {
    if (!(t.weight > 0.0 && t.amount > 0.0)) {
        return nan;
    }
    double below = 0.0, sum = 0.0;
    for (const std::size_t i : order_by(values)) {
        const double above = t.weight - below - weights[i];
        sum += weights[i] * values[i] * (below - above);
        below += weights[i];
    }
    const double mean = t.amount / t.weight;
    return sum / (t.weight * t.weight * mean);
}

/// L(p): the share of the total held by the poorest fraction p of the people.
double lorenz_at(double p, std::span<const double> values, std::span<const double> weights, const std::vector<std::size_t> &order,
                 const Totals &t) {
    const double people = p * t.weight;
    double seen = 0.0, held = 0.0;
    for (const std::size_t i : order) {
        if (seen + weights[i] >= people) {
            return (held + (people - seen) * values[i]) / t.amount;
        }
        seen += weights[i];
        held += weights[i] * values[i];
    }
    return 1.0;
}

double palma_of(std::span<const double> values, std::span<const double> weights, const Totals &t) {
    if (!(t.weight > 0.0 && t.amount > 0.0)) {
        return nan;
    }
    const auto order = order_by(values);
    const double bottom40 = lorenz_at(0.4, values, weights, order, t);
    const double top10 = 1.0 - lorenz_at(0.9, values, weights, order, t);
    return bottom40 > 0.0 ? top10 / bottom40 : std::numeric_limits<double>::infinity();
}

double theil_of(std::span<const double> values, std::span<const double> weights, const Totals &t) {
    if (!(t.weight > 0.0 && t.amount > 0.0)) {
        return nan;
    }
    const double mean = t.amount / t.weight;
    double sum = 0.0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        const double s = values[i] / mean;
        if (s > 0.0) {
            sum += weights[i] * s * std::log(s);
        }
    }
    return sum / t.weight;
}

double concentration_of(std::span<const double> values, std::span<const double> weights, std::span<const double> rank_by,
                        const Totals &t) {
    if (!(t.weight > 0.0 && t.amount > 0.0)) {
        return nan;
    }
    const double mean = t.amount / t.weight;
    const auto order = order_by(rank_by);
    double before = 0.0, sum = 0.0;
    for (std::size_t start = 0; start < order.size();) {
        std::size_t stop = start;
        double tied = 0.0;
        while (stop < order.size() && rank_by[order[stop]] == rank_by[order[start]]) {
            tied += weights[order[stop++]];
        }
        const double rank = (before + tied / 2.0) / t.weight;
        for (std::size_t k = start; k < stop; ++k) {
            sum += weights[order[k]] * (values[order[k]] - mean) * (rank - 0.5);
        }
        before += tied;
        start = stop;
    }
    return 2.0 * sum / (t.weight * mean);
}

void check_rank(std::span<const double> values, std::span<const double> rank_by) {
    if (rank_by.size() != values.size()) {
        throw Error(Errc::argument, "a concentration index needs one rank value per zone, not " +
                                        std::to_string(rank_by.size()) + " for " + std::to_string(values.size()) + " zones");
    }
    for (std::size_t i = 0; i < rank_by.size(); ++i) {
        if (std::isnan(rank_by[i])) {
            throw Error(Errc::data, "the rank value of zone " + std::to_string(i) + " is not a number");
        }
    }
}

Inequality indices_of(std::span<const double> values, std::span<const double> weights,
                      std::optional<std::span<const double>> rank_by) {
    const Totals t = totals(values, weights);
    Inequality r;
    r.zones = values.size();
    r.weight = t.weight;
    r.mean = t.weight > 0.0 ? t.amount / t.weight : nan;
    r.minimum = values.empty() ? nan : *std::min_element(values.begin(), values.end());
    r.maximum = values.empty() ? nan : *std::max_element(values.begin(), values.end());
    r.gini = gini_of(values, weights, t);
    r.palma = palma_of(values, weights, t);
    r.theil = theil_of(values, weights, t);
    r.concentration = rank_by ? concentration_of(values, weights, *rank_by, t) : nan;
    return r;
}

void require_weight(std::span<const double> weights) {
    if (!(std::accumulate(weights.begin(), weights.end(), 0.0) > 0.0)) {
        throw Error(Errc::data, "equity indices need weights (population) adding up to more than 0");
    }
}

/// Group names in numeric order when all are numbers, else in byte order.
bool numeric_names(const std::map<std::string, std::vector<std::size_t>> &groups) {
    for (const auto &[name, members] : groups) {
        double value = 0.0;
        const auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), value);
        if (name.empty() || ec != std::errc() || end != name.data() + name.size()) {
            return false;
        }
    }
    return true;
}

} // namespace

double gini(std::span<const double> values, std::span<const double> weights) {
    check_zones(values, weights);
    require_weight(weights);
    return gini_of(values, weights, totals(values, weights));
}

double palma_ratio(std::span<const double> values, std::span<const double> weights) {
    check_zones(values, weights);
    require_weight(weights);
    return palma_of(values, weights, totals(values, weights));
}

double theil_index(std::span<const double> values, std::span<const double> weights) {
    check_zones(values, weights);
    require_weight(weights);
    return theil_of(values, weights, totals(values, weights));
}

double concentration_index(std::span<const double> values, std::span<const double> weights,
                           std::span<const double> rank_by) {
    check_zones(values, weights);
    require_weight(weights);
    check_rank(values, rank_by);
    return concentration_of(values, weights, rank_by, totals(values, weights));
}

Inequality inequality(std::span<const double> values, std::span<const double> weights,
                      std::optional<std::span<const double>> rank_by) {
    check_zones(values, weights);
    require_weight(weights);
    if (rank_by) {
        check_rank(values, *rank_by);
    }
    return indices_of(values, weights, rank_by);
}

std::vector<GroupSummary> summarise_by(std::span<const double> values, std::span<const double> weights,
                                       std::span<const std::string> groups) {
    check_zones(values, weights);
    if (groups.size() != values.size()) {
        throw Error(Errc::argument, "summarise_by needs one group per zone, not " + std::to_string(groups.size()) +
                                        " for " + std::to_string(values.size()) + " zones");
    }
    std::map<std::string, std::vector<std::size_t>> members;
    for (std::size_t i = 0; i < groups.size(); ++i) {
        members[groups[i]].push_back(i);
    }
    const double total = totals(values, weights).amount;
    std::vector<GroupSummary> result;
    for (const auto &[name, zones] : members) {
        std::vector<double> x, w;
        for (const std::size_t i : zones) {
            x.push_back(values[i]);
            w.push_back(weights[i]);
        }
        GroupSummary summary{name, indices_of(x, w, std::nullopt), nan};
        summary.share_of_total = total > 0.0 ? totals(x, w).amount / total : nan;
        result.push_back(std::move(summary));
    }
    if (numeric_names(members)) {
        std::stable_sort(result.begin(), result.end(), [](const GroupSummary &a, const GroupSummary &b) {
            return std::stod(a.group) < std::stod(b.group);
        });
    }
    return result;
}

} // namespace pooled::accessibility
