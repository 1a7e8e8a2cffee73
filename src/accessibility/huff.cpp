#include <pooled/accessibility/huff.hpp>

#include <pooled/core/error.hpp>

#include "accessibility/checks.hpp"
#include "accessibility/pair_weights.hpp"
#include "accessibility/weights.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string>
#include <variant>

namespace pooled::accessibility {

namespace {

using network::CostMatrix;
using network::MatrixEntry;
using pooled::detail::number_text;

/// A_j^alpha, with 0 for a site of no attractiveness whatever alpha (pow(0, 0) would be 1).
double attraction(double attractiveness, double exponent) {
    return attractiveness > 0.0 ? std::pow(attractiveness, exponent) : 0.0;
}

std::string pair_text(const CostMatrix &m, const ObservedUsers &o) {
    return "observed users from origin " + std::to_string(o.origin) + " ('" + m.origin_ids()[o.origin] +
           "') at destination " + std::to_string(o.destination) + " ('" + m.destination_ids()[o.destination] + "')";
}

/// One alternative of a zone's choice set in the logit form of the Huff model.
struct Alternative {
    std::uint32_t destination = 0;
    double log_attractiveness = 0.0; ///< ln A_j
    double minus_cost_term = 0.0;    ///< -g(c_ij)
};

/// Log-likelihood, gradient and Hessian of the logit at (alpha, lambda).
struct Evaluation {
    double log_likelihood = 0.0;
    std::array<double, 2> gradient{};
    std::array<double, 3> hessian{}; ///< h11, h12, h22 (negative semi-definite)
};

class LogitData {
public:
    LogitData(const CostMatrix &m, std::span<const double> attractiveness, std::span<const ObservedUsers> observed,
              HuffDecayForm form, double limit)
        : m_choices(m.origin_count()), m_users(m.origin_count(), 0.0) {
        for (std::size_t i = 0; i < m.origin_count(); ++i) {
            for (const MatrixEntry &e : m.row(i)) {
                if (e.cost <= limit && attractiveness[e.destination] > 0.0) {
                    const double g = form == HuffDecayForm::power ? std::log(std::max(e.cost, 1.0)) : e.cost;
                    m_choices[i].push_back({e.destination, std::log(attractiveness[e.destination]), -g});
                }
            }
        }
        for (const ObservedUsers &o : observed) {
            if (o.origin >= m.origin_count() || o.destination >= m.destination_count()) {
                throw Error(Errc::argument, "observed users name origin " + std::to_string(o.origin) +
                                                " and destination " + std::to_string(o.destination) +
                                                " but the matrix has " + std::to_string(m.origin_count()) +
                                                " origins and " + std::to_string(m.destination_count()) + " destinations");
            }
            if (!std::isfinite(o.users) || o.users < 0.0) {
                throw Error(Errc::data, pair_text(m, o) + " must be finite and >= 0, not " + number_text(o.users));
            }
            if (o.users == 0.0) {
                continue;
            }
            const auto &choices = m_choices[o.origin];
            const auto at = std::lower_bound(choices.begin(), choices.end(), o.destination,
                                             [](const Alternative &a, std::uint32_t d) { return a.destination < d; });
            if (at == choices.end() || at->destination != o.destination) {
                throw Error(Errc::data, pair_text(m, o) + " (" + number_text(o.users) +
                                            ") cannot be explained: the pair is beyond the cutoff, not in the matrix, "
                                            "or the site has no attractiveness");
            }
            m_users[o.origin] += o.users;
            m_chosen[0] += o.users * at->log_attractiveness;
            m_chosen[1] += o.users * at->minus_cost_term;
            m_total += o.users;
        }
        if (!(m_total > 0.0)) {
            throw Error(Errc::data, "calibrating the Huff model needs observed users, but they add up to 0");
        }
        for (std::size_t i = 0; i < m_choices.size(); ++i) {
            m_null_log_likelihood -= m_users[i] > 0.0 ? m_users[i] * std::log(double(m_choices[i].size())) : 0.0;
        }
    }

    double total() const noexcept { return m_total; }
    double null_log_likelihood() const noexcept { return m_null_log_likelihood; }

    Evaluation evaluate(double alpha, double lambda) const {
        Evaluation ev;
        ev.log_likelihood = alpha * m_chosen[0] + lambda * m_chosen[1];
        ev.gradient = m_chosen;
        for (std::size_t i = 0; i < m_choices.size(); ++i) {
            const double n = m_users[i];
            if (n == 0.0) {
                continue;
            }
            double top = -std::numeric_limits<double>::infinity();
            for (const Alternative &a : m_choices[i]) {
                top = std::max(top, alpha * a.log_attractiveness + lambda * a.minus_cost_term);
            }
            double sum = 0.0, s1 = 0.0, s2 = 0.0, s11 = 0.0, s12 = 0.0, s22 = 0.0;
            for (const Alternative &a : m_choices[i]) {
                const double x1 = a.log_attractiveness, x2 = a.minus_cost_term;
                const double e = std::exp(alpha * x1 + lambda * x2 - top);
                sum += e;
                s1 += e * x1;
                s2 += e * x2;
                s11 += e * x1 * x1;
                s12 += e * x1 * x2;
                s22 += e * x2 * x2;
            }
            const double m1 = s1 / sum, m2 = s2 / sum;
            ev.log_likelihood -= n * (top + std::log(sum));
            ev.gradient[0] -= n * m1;
            ev.gradient[1] -= n * m2;
            ev.hessian[0] -= n * (s11 / sum - m1 * m1);
            ev.hessian[1] -= n * (s12 / sum - m1 * m2);
            ev.hessian[2] -= n * (s22 / sum - m2 * m2);
        }
        return ev;
    }

private:
    std::vector<std::vector<Alternative>> m_choices;
    std::vector<double> m_users;
    std::array<double, 2> m_chosen{};
    double m_total = 0.0;
    double m_null_log_likelihood = 0.0;
};

} // namespace

HuffResult::HuffResult(std::vector<std::size_t> row_start, std::shared_ptr<const double[]> probability,
                       std::vector<double> expected_users, std::vector<std::size_t> zones_reaching_nothing)
    : m_row_start(std::move(row_start)), m_probability(std::move(probability)),
      m_expected_users(std::move(expected_users)), m_zones_reaching_nothing(std::move(zones_reaching_nothing)) {}

std::span<const double> HuffResult::probabilities(std::size_t origin) const {
    if (origin + 1 >= m_row_start.size()) {
        throw Error(Errc::argument, "origin " + std::to_string(origin) + " is out of range (" +
                                        std::to_string(m_row_start.size() - 1) + " origins)");
    }
    return std::span<const double>(m_probability.get() + m_row_start[origin], m_row_start[origin + 1] - m_row_start[origin]);
}

HuffResult huff(const CostMatrix &m, std::span<const double> demand, std::span<const double> attractiveness,
                double attractiveness_exponent, const Decay &decay, std::optional<double> cutoff) {
    if (!std::isfinite(attractiveness_exponent) || attractiveness_exponent < 0.0) {
        throw Error(Errc::argument, "the Huff attractiveness exponent must be a finite number >= 0, not " +
                                        number_text(attractiveness_exponent));
    }
    detail::check_values(demand, m.origin_ids(), "demand", "origin");
    detail::check_values(attractiveness, m.destination_ids(), "attractiveness", "destination");
    const double limit = detail::checked_cutoff(cutoff);
    std::vector<double> attraction_of(attractiveness.size());
    for (std::size_t j = 0; j < attractiveness.size(); ++j) {
        attraction_of[j] = attraction(attractiveness[j], attractiveness_exponent);
    }
    const std::vector<detail::OriginChunk> chunks = detail::origin_chunks(m);
    // The probabilities are aligned with the matrix's pairs: they start where its rows do. Every
    // one is written below, by the chunk of its origin: the memory is not zeroed first (a pass of
    // its own over 8 bytes a pair), and its pages are first touched by the threads, on huge pages.
    std::vector<std::size_t> row_start(m.row_starts().begin(), m.row_starts().end());
    const std::shared_ptr<double[]> probability(
        static_cast<double *>(detail::allocate_pages(m.stored() * sizeof(double)).release()), detail::FreePages());
    const std::uint32_t *destination = m.destinations().data();
    detail::DestinationSums users(chunks.size(), m.destination_count());
    detail::OriginLists nothing(chunks.size());
    std::visit(
        [&](const auto &d) {
            detail::for_each_chunk(chunks.size(), [&](std::size_t c) {
                const std::span<double> expected_users = users.start_chunk(c);
                detail::for_each_weighted_row(
                    m, chunks[c].first, chunks[c].end, d, limit,
                    [&](std::size_t i, std::size_t k, std::size_t n, const auto &weight) {
                        const std::uint32_t *row = destination + k;
                        double *p = probability.get() + k;
                        const double sum = detail::row_sum(n, [&](std::size_t r) {
                            const double u = attraction_of[row[r]] * weight(r);
                            p[r] = u;
                            return u;
                        });
                        if (!(sum > 0.0)) {
                            nothing.add(c, i);
                        } else {
                            // Two loops: the divisions alone run in vector lanes.
                            for (std::size_t r = 0; r < n; ++r) {
                                p[r] /= sum;
                            }
                            for (std::size_t r = 0; r < n; ++r) {
                                expected_users[row[r]] += demand[i] * p[r];
                            }
                        }
                    });
            });
        },
        decay);
    return HuffResult(std::move(row_start), probability, users.total(), nothing.joined());
}

std::vector<double> huff_supply_per_head(const CostMatrix &m, const HuffResult &huff, std::span<const double> supply) {
    detail::check_values(supply, m.destination_ids(), "supply", "destination");
    const std::vector<double> &users = huff.expected_users();
    if (users.size() != m.destination_count()) {
        throw Error(Errc::argument, "the Huff result has " + std::to_string(users.size()) +
                                        " destinations but the matrix has " + std::to_string(m.destination_count()));
    }
    std::vector<double> per_user(m.destination_count(), 0.0);
    for (std::size_t j = 0; j < per_user.size(); ++j) {
        per_user[j] = users[j] > 0.0 ? supply[j] / users[j] : 0.0;
    }
    const std::vector<detail::OriginChunk> chunks = detail::origin_chunks(m);
    const std::size_t *start = m.row_starts().data();
    const std::uint32_t *destination = m.destinations().data();
    std::vector<double> result(m.origin_count());
    detail::for_each_chunk(chunks.size(), [&](std::size_t c) {
        for (std::size_t i = chunks[c].first; i < chunks[c].end; ++i) {
            const std::uint32_t *row = destination + start[i];
            const double *p = huff.probabilities(i).data();
            result[i] = detail::row_sum(start[i + 1] - start[i], [&](std::size_t r) { return p[r] * per_user[row[r]]; });
        }
    });
    return result;
}

HuffFit calibrate_huff(const CostMatrix &m, std::span<const double> attractiveness,
                       std::span<const ObservedUsers> observed, HuffDecayForm form, std::optional<double> cutoff) {
    detail::check_values(attractiveness, m.destination_ids(), "attractiveness", "destination");
    const LogitData data(m, attractiveness, observed, form, detail::checked_cutoff(cutoff));

    HuffFit fit;
    double alpha = 0.0, lambda = 0.0;
    Evaluation ev = data.evaluate(alpha, lambda);
    // Identifiable only if the information matrix -H is positive definite at the start (and the
    // logit's information is then positive definite everywhere: x varies within some choice set).
    const auto determinant = [](const Evaluation &e) { return e.hessian[0] * e.hessian[2] - e.hessian[1] * e.hessian[1]; };
    const double scale = std::abs(ev.hessian[0] * ev.hessian[2]);
    if (!(ev.hessian[0] < 0.0 && ev.hessian[2] < 0.0) || !(determinant(ev) > 1e-12 * scale)) {
        throw Error(Errc::data, "the observed users cannot identify the Huff exponents: attractiveness or cost (or both) "
                                "does not vary within the zones' choice sets, or varies only together");
    }
    constexpr int max_iterations = 100;
    for (fit.iterations = 1; fit.iterations <= max_iterations; ++fit.iterations) {
        // Newton step d = -H^-1 g (H is 2x2, negative definite).
        const double det = determinant(ev);
        const double d_alpha = -(ev.hessian[2] * ev.gradient[0] - ev.hessian[1] * ev.gradient[1]) / det;
        const double d_lambda = -(-ev.hessian[1] * ev.gradient[0] + ev.hessian[0] * ev.gradient[1]) / det;
        double step = 1.0;
        Evaluation next = data.evaluate(alpha + d_alpha, lambda + d_lambda);
        while (!(next.log_likelihood >= ev.log_likelihood) && step > 1e-12) {
            step *= 0.5;
            next = data.evaluate(alpha + step * d_alpha, lambda + step * d_lambda);
        }
        if (!(next.log_likelihood >= ev.log_likelihood)) {
            break; // no ascent left at machine precision: at the maximum
        }
        alpha += step * d_alpha;
        lambda += step * d_lambda;
        ev = next;
        if (std::abs(step * d_alpha) <= 1e-12 * (1.0 + std::abs(alpha)) &&
            std::abs(step * d_lambda) <= 1e-12 * (1.0 + std::abs(lambda))) {
            break;
        }
    }
    if (fit.iterations > max_iterations) {
        throw Error(Errc::data, "the Huff calibration did not converge in " + std::to_string(max_iterations) +
                                    " Newton steps (the likelihood may have no maximum: e.g. every user at the nearest site)");
    }
    const double det = determinant(ev);
    fit.attractiveness_exponent = alpha;
    fit.decay_parameter = lambda;
    fit.log_likelihood = ev.log_likelihood;
    fit.null_log_likelihood = data.null_log_likelihood();
    fit.pseudo_r2 = fit.null_log_likelihood < 0.0 ? 1.0 - fit.log_likelihood / fit.null_log_likelihood : 0.0;
    fit.attractiveness_exponent_se = std::sqrt(-ev.hessian[2] / det);
    fit.decay_parameter_se = std::sqrt(-ev.hessian[0] / det);
    fit.total_users = data.total();
    return fit;
}

} // namespace pooled::accessibility
