#include <pooled/accessibility/measures.hpp>

#include <pooled/core/error.hpp>

#include "accessibility/checks.hpp"
#include "accessibility/pair_weights.hpp"
#include "accessibility/weights.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

namespace pooled::accessibility {

namespace {

using detail::check_values;
using detail::checked_cutoff;
using detail::DestinationSums;
using detail::for_each_chunk;
using detail::KeptWeight;
using detail::origin_chunks;
using detail::OriginChunk;
using network::CostMatrix;
using network::MatrixEntry;

constexpr double infinity = std::numeric_limits<double>::infinity();

/// How a floating catchment weighs pair (i, j) from its decay weight w_ij: as it is (2SFCA), or by
/// G_ij w_ij with the selection weight G_ij = w_ij / sum_k w_ik (3SFCA; 0 for a zone reaching nothing).
enum class Selection { none, competition };

/// The longest row whose demand a floating catchment's first step adds pair by pair as it keeps
/// them (catchment_on_kept_pairs).
constexpr std::size_t max_pairs_added_while_keeping = 64;

/// 1 / (the sum of a row's weights), 0 for a row weighing nothing.
double inverse_or_zero(double sum) { return sum > 0.0 ? 1.0 / sum : 0.0; }

/// The first step's ratios R_j = S_j / sum_i P_i w'_ij from the chunks' sums, into `result`.
void fill_ratios(const DestinationSums &sums, std::span<const double> supply, TwoStepResult &result) {
    const std::vector<double> weighted_demand = sums.total();
    result.ratio.assign(weighted_demand.size(), 0.0);
    for (std::size_t j = 0; j < weighted_demand.size(); ++j) {
        if (weighted_demand[j] > 0.0) {
            result.ratio[j] = supply[j] / weighted_demand[j];
        } else {
            result.sites_without_demand.push_back(j);
            result.unallocated_supply += supply[j];
        }
    }
}

/// A floating catchment (R_j = S_j / sum_i P_i w'_ij, then A_i = sum_j R_j w'_ij) over a view of
/// the pairs of positive weight, built in the first step's pass: each row's pairs are kept and
/// added to the chunk's sums as they are (short rows without competition) or after, in cache (long
/// rows, and 3SFCA's, weighed for selection first); the second step reads the view only. With a
/// weight per pair (Kept = value) 3SFCA's w' = w w g_i replaces the kept weight; with a weight per
/// band or none (all 1) it is (w w) g_i from the band's weight and g_i kept per origin.
template <KeptWeight Kept, class D>
TwoStepResult catchment_on_kept_pairs(const CostMatrix &m, std::span<const OriginChunk> chunks, const D &d,
                                      double limit, std::span<const double> demand, std::span<const double> supply,
                                      Selection selection) {
    std::vector<double> band_weights, band_uppers;
    if constexpr (Kept == KeptWeight::band) {
        for (const Band &band : d.bands()) {
            band_weights.push_back(band.weight);
            band_uppers.push_back(band.upper);
        }
    }
    detail::KeptPairs<Kept> kept(m, band_weights);
    constexpr bool in_place = Kept == KeptWeight::value;
    const bool competition = selection == Selection::competition;
    std::vector<double> origin_weight(!in_place && competition ? m.origin_count() : 0);
    const std::uint32_t *destination = m.destinations().data();
    [[maybe_unused]] const double *cost = m.costs().data(); // for the bands
    DestinationSums sums(chunks.size(), m.destination_count());
    for_each_chunk(chunks.size(), [&](std::size_t c) {
        const std::span<double> weighted_demand = sums.start_chunk(c);
        const std::uint32_t *kept_destination = kept.destinations();
        std::size_t at = chunks[c].first_entry;
        detail::for_each_weighted_row(
            m, chunks[c].first, chunks[c].end, d, limit, [&](std::size_t i, std::size_t k, std::size_t n, const auto &weight) {
                const std::size_t begin = at;
                const double p = demand[i];
                // Without competition a pair's weight is final as it is kept. On a short row its
                // demand is added then, over the row's pairs (those of weight 0 add +0: the same
                // sums), as a loop over the few kept pairs, whose number varies row to row,
                // mispredicts its end (2SFCA took 1.08-1.12x the time with that loop on
                // synthetic-40's 40 pairs a row). On a long row the kept pairs are added after, in
                // a loop of their own that skips the others (adding every pair of Derbyshire's
                // 1,188 a row, 11 % kept, took 1.12-1.19x the time).
                const bool add_while_keeping = !competition && n <= max_pairs_added_while_keeping;
                const auto keep_row = [&](const auto &item) {
                    if (!add_while_keeping) {
                        return kept.keep(i, at, destination + k, n, item, [](std::uint32_t, double) {});
                    }
                    return kept.keep(i, at, destination + k, n, item,
                                     [&weighted_demand, p](std::uint32_t j, double w) { weighted_demand[j] += p * w; });
                };
                if constexpr (Kept == KeptWeight::band) {
                    // Captured by value: the view's stores of band indexes (a char type) would
                    // make the loop reload anything reached through a reference.
                    const double *row_cost = cost + k;
                    at = keep_row([row_cost, upper = band_uppers.data(), bands = band_uppers.size(), limit](std::size_t r) {
                        return detail::band_within(upper, bands, row_cost[r], limit);
                    });
                } else {
                    at = keep_row(weight);
                }
                if (add_while_keeping) {
                    return;
                }
                if (!competition) {
                    for (std::size_t q = begin; q < at; ++q) {
                        weighted_demand[kept_destination[q]] += p * kept.weight(q); // unit: P_i * 1.0 = P_i
                    }
                } else if constexpr (in_place) {
                    double *w = kept.weights();
                    const double g = inverse_or_zero(detail::row_sum(at - begin, [&](std::size_t r) { return w[begin + r]; }));
                    for (std::size_t q = begin; q < at; ++q) {
                        w[q] = w[q] * w[q] * g; // a weight that becomes 0 stays, weighing nothing
                        weighted_demand[kept_destination[q]] += p * w[q];
                    }
                } else {
                    const double g =
                        inverse_or_zero(detail::row_sum(at - begin, [&](std::size_t r) { return kept.weight(begin + r); }));
                    origin_weight[i] = g;
                    for (std::size_t q = begin; q < at; ++q) {
                        const double w = kept.weight(q);
                        weighted_demand[kept_destination[q]] += p * (w * w * g);
                    }
                }
            });
    });
    TwoStepResult result;
    fill_ratios(sums, supply, result);
    result.access.resize(m.origin_count());
    detail::OriginLists nothing(chunks.size());
    for_each_chunk(chunks.size(), [&](std::size_t c) {
        const std::uint32_t *kept_destination = kept.destinations();
        const double *ratio = result.ratio.data();
        std::size_t begin = chunks[c].first_entry;
        for (std::size_t i = chunks[c].first; i < chunks[c].end; ++i) {
            const std::size_t end = kept.end(i);
            const double g = origin_weight.empty() ? 1.0 : origin_weight[i];
            bool reached = false;
            result.access[i] = detail::row_sum(end - begin, [&](std::size_t r) {
                double w = kept.weight(begin + r);
                if (!in_place && competition) {
                    w = w * w * g;
                }
                reached |= w > 0.0;
                return ratio[kept_destination[begin + r]] * w;
            });
            if (!reached) {
                nothing.add(c, i);
            }
            begin = end;
        }
    });
    result.zones_reaching_nothing = nothing.joined();
    return result;
}

/// The same floating catchment without a view: both steps weigh every stored pair from the
/// matrix. For the forms with an exp: weighing twice took as long as writing a 12-byte-a-pair view
/// and reading it back (spatial availability on 7.6M pairs, session 7), and as keeping only the
/// weights (8 bytes a pair) with the fused exp (session 8), without the view's memory; for a step
/// decay on very short rows (floating_catchment). Pairs of weight 0 add nothing.
template <class D>
TwoStepResult catchment_recomputed(const CostMatrix &m, std::span<const OriginChunk> chunks, const D &d, double limit,
                                   std::span<const double> demand, std::span<const double> supply, Selection selection) {
    std::vector<double> selection_weight(selection == Selection::competition ? m.origin_count() : 0);
    const std::uint32_t *destination = m.destinations().data();
    DestinationSums sums(chunks.size(), m.destination_count());
    for_each_chunk(chunks.size(), [&](std::size_t c) {
        const std::span<double> weighted_demand = sums.start_chunk(c);
        detail::for_each_weighted_row(
            m, chunks[c].first, chunks[c].end, d, limit, [&](std::size_t i, std::size_t k, std::size_t n, const auto &weight) {
                const std::uint32_t *row = destination + k;
                const double p = demand[i];
                if (selection == Selection::competition) {
                    const double g = inverse_or_zero(detail::row_sum(n, weight));
                    selection_weight[i] = g;
                    for (std::size_t r = 0; r < n; ++r) {
                        weighted_demand[row[r]] += p * (weight(r) * weight(r) * g);
                    }
                } else {
                    for (std::size_t r = 0; r < n; ++r) {
                        weighted_demand[row[r]] += p * weight(r);
                    }
                }
            });
    });
    TwoStepResult result;
    fill_ratios(sums, supply, result);
    result.access.resize(m.origin_count());
    detail::OriginLists nothing(chunks.size());
    for_each_chunk(chunks.size(), [&](std::size_t c) {
        const double *ratio = result.ratio.data();
        detail::for_each_weighted_row(
            m, chunks[c].first, chunks[c].end, d, limit, [&](std::size_t i, std::size_t k, std::size_t n, const auto &weight) {
                const std::uint32_t *row = destination + k;
                const double g = selection_weight.empty() ? 1.0 : selection_weight[i];
                bool reached = false;
                result.access[i] = detail::row_sum(n, [&](std::size_t r) {
                    const double w = selection_weight.empty() ? weight(r) : weight(r) * weight(r) * g;
                    reached |= w > 0.0;
                    return ratio[row[r]] * w;
                });
                if (!reached) {
                    nothing.add(c, i);
                }
            });
    });
    result.zones_reaching_nothing = nothing.joined();
    return result;
}

/// A floating catchment with `decay` within `limit`, by the cheapest way for the decay's form.
TwoStepResult floating_catchment(const CostMatrix &m, std::span<const double> demand, std::span<const double> supply,
                                 const Decay &decay, double limit, Selection selection) {
    const std::vector<OriginChunk> chunks = origin_chunks(m);
    return std::visit(
        [&](const auto &d) {
            using D = std::decay_t<decltype(d)>;
            if constexpr (detail::weighs_arrays<D>) {
                return catchment_recomputed(m, chunks, d, limit, demand, supply, selection);
            } else if constexpr (std::is_same_v<D, Step>) {
                // Short rows read again cost less than the view's loops of a few kept pairs each
                // (whose lengths vary row to row, so their ends are mispredicted). With half the
                // pairs kept, 2SFCA's view took 1.07x the time at 10 pairs a row and 0.86x at 20
                // (its first step adds a short row's demand as it keeps the pairs); 3SFCA's, whose
                // first step then weighs the kept pairs for selection in two more such loops, 1.18x
                // at 10 and 1.4x at 20 (session 8), and less than reading again at 40 (session 7).
                const std::size_t view_from_pairs_a_row = selection == Selection::competition ? 32 : 16;
                if (m.stored() < view_from_pairs_a_row * m.origin_count()) {
                    return catchment_recomputed(m, chunks, d, limit, demand, supply, selection);
                }
                return catchment_on_kept_pairs<KeptWeight::unit>(m, chunks, d, limit, demand, supply, selection);
            } else if constexpr (std::is_same_v<D, Stepped>) {
                // A band index is one byte (one more for the beyond-the-last-band value).
                if (d.bands().size() < 255) {
                    return catchment_on_kept_pairs<KeptWeight::band>(m, chunks, d, limit, demand, supply, selection);
                }
                return catchment_on_kept_pairs<KeptWeight::value>(m, chunks, d, limit, demand, supply, selection);
            } else {
                return catchment_on_kept_pairs<KeptWeight::value>(m, chunks, d, limit, demand, supply, selection);
            }
        },
        decay);
}

/// Per origin, sum_j S_j w_ij over its stored pairs, w_ij the weight of decay d within `limit`.
template <class D>
std::vector<double> supply_reached(const CostMatrix &m, std::span<const double> supply, const D &d, double limit) {
    const std::vector<OriginChunk> chunks = origin_chunks(m);
    const std::uint32_t *destination = m.destinations().data();
    std::vector<double> result(m.origin_count());
    for_each_chunk(chunks.size(), [&](std::size_t c) {
        detail::for_each_weighted_row(
            m, chunks[c].first, chunks[c].end, d, limit, [&](std::size_t i, std::size_t k, std::size_t n, const auto &weight) {
                const std::uint32_t *row = destination + k;
                result[i] = detail::row_sum(n, [&](std::size_t r) { return supply[row[r]] * weight(r); });
            });
    });
    return result;
}

} // namespace

std::vector<double> cumulative_opportunities(const CostMatrix &m, std::span<const double> supply,
                                             std::optional<double> cutoff) {
    check_values(supply, m.destination_ids(), "supply", "destination");
    const double limit = checked_cutoff(cutoff);
    return supply_reached(m, supply, detail::Reached(), limit);
}

std::vector<double> nearest_cost(const CostMatrix &m, std::size_t n, std::optional<double> cutoff) {
    if (n == 0) {
        throw Error(Errc::argument, "nearest_cost needs n >= 1 (1 = the nearest destination)");
    }
    const double limit = checked_cutoff(cutoff);
    std::vector<double> result(m.origin_count(), infinity);
    std::vector<double> costs;
    for (std::size_t i = 0; i < m.origin_count(); ++i) {
        costs.clear();
        for (const MatrixEntry &e : m.row(i)) {
            if (e.cost <= limit) {
                costs.push_back(e.cost);
            }
        }
        if (costs.size() >= n) {
            const auto nth = costs.begin() + static_cast<std::ptrdiff_t>(n - 1);
            std::nth_element(costs.begin(), nth, costs.end());
            result[i] = *nth;
        }
    }
    return result;
}

std::vector<double> gravity(const CostMatrix &m, std::span<const double> supply, const Decay &decay,
                            std::optional<double> cutoff) {
    check_values(supply, m.destination_ids(), "supply", "destination");
    const double limit = checked_cutoff(cutoff);
    return std::visit([&](const auto &d) { return supply_reached(m, supply, d, limit); }, decay);
}

TwoStepResult two_step_fca(const CostMatrix &m, std::span<const double> demand, std::span<const double> supply,
                           const Decay &decay, std::optional<double> cutoff) {
    check_values(demand, m.origin_ids(), "demand", "origin");
    check_values(supply, m.destination_ids(), "supply", "destination");
    return floating_catchment(m, demand, supply, decay, checked_cutoff(cutoff), Selection::none);
}

TwoStepResult three_step_fca(const CostMatrix &m, std::span<const double> demand, std::span<const double> supply,
                             const Decay &decay, std::optional<double> cutoff) {
    check_values(demand, m.origin_ids(), "demand", "origin");
    check_values(supply, m.destination_ids(), "supply", "destination");
    return floating_catchment(m, demand, supply, decay, checked_cutoff(cutoff), Selection::competition);
}

} // namespace pooled::accessibility
