#pragma once
/// @file
/// @brief The Huff model (Huff 1963, "A probabilistic analysis of shopping center trade areas"):
/// the probability that a zone's people use each site, from the sites' attractiveness and the
/// cost of reaching them; expected users per site; and calibration of the two exponents from
/// observed users by maximum likelihood.
///
/// Matrix, spans, cutoff and errors as in measures.hpp; `attractiveness` has one value per
/// destination (a floor area, a capacity, a count), finite and >= 0.

#include <pooled/accessibility/decay.hpp>
#include <pooled/network/cost_matrix.hpp>
#include <pooled/pooled_cxx_export.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

namespace pooled::accessibility {

/// The result of huff().
class POOLED_CXX_API HuffResult {
public:
    /// `probability` holds row_start.back() values, p_ij of every stored pair by origin (shared: the
    /// result copies cheaply; huff() gives it memory that is never zeroed, as it writes every value).
    HuffResult(std::vector<std::size_t> row_start, std::shared_ptr<const double[]> probability,
               std::vector<double> expected_users, std::vector<std::size_t> zones_reaching_nothing);

    /// p_ij for the stored pairs of origin i, aligned with `m.row(i)` of the matrix huff() was given
    /// (0 for a pair beyond the cutoff, of zero weight or zero attractiveness).
    std::span<const double> probabilities(std::size_t origin) const;
    /// U_j = sum_i P_i p_ij per destination.
    const std::vector<double> &expected_users() const noexcept { return m_expected_users; }
    /// Origins with no site of positive attractiveness and weight: all their p_ij are 0. Ascending.
    const std::vector<std::size_t> &zones_reaching_nothing() const noexcept { return m_zones_reaching_nothing; }

private:
    std::vector<std::size_t> m_row_start;
    std::shared_ptr<const double[]> m_probability;
    std::vector<double> m_expected_users;
    std::vector<std::size_t> m_zones_reaching_nothing;
};

/// Huff probabilities: p_ij = A_j^alpha w(c_ij) / sum_k A_k^alpha w(c_ik) over the stored pairs
/// within the cutoff (alpha = `attractiveness_exponent`; a site of attractiveness 0 gets p = 0
/// whatever alpha). Each zone reaching something has sum_j p_ij = 1.
/// @throws Error (Errc::argument) for an exponent that is not finite and >= 0.
POOLED_CXX_API HuffResult huff(const network::CostMatrix &m, std::span<const double> demand,
                               std::span<const double> attractiveness, double attractiveness_exponent,
                               const Decay &decay, std::optional<double> cutoff = std::nullopt);

/// Supply per expected user reaching zone i through its Huff choices:
///   A_i = sum_j p_ij S_j / U_j   (sites with U_j = 0 contribute nothing).
/// It conserves supply like 2SFCA: sum_i P_i A_i = sum_j S_j over the sites with U_j > 0.
/// @throws Error as the measures for a wrong size or bad supply.
POOLED_CXX_API std::vector<double> huff_supply_per_head(const network::CostMatrix &m, const HuffResult &huff,
                                                        std::span<const double> supply);

/// Observed users of one site from one zone (e.g. patients registered at a practice by home area).
struct ObservedUsers {
    std::uint32_t origin = 0;
    std::uint32_t destination = 0;
    double users = 0.0;
};

/// The decay family whose parameter calibrate_huff() estimates.
enum class HuffDecayForm {
    power,       ///< w = c^-lambda (c < 1 counts as 1, as Power does)
    exponential, ///< w = exp(-lambda c)
};

/// The result of calibrate_huff().
struct HuffFit {
    double attractiveness_exponent = 0.0; ///< alpha
    double decay_parameter = 0.0;         ///< lambda (may come out negative: users then prefer far sites)
    double log_likelihood = 0.0;          ///< LL at the estimate
    double null_log_likelihood = 0.0;     ///< LL0 with alpha = lambda = 0 (every reachable site equally likely)
    double pseudo_r2 = 0.0;               ///< McFadden's rho^2 = 1 - LL / LL0
    double attractiveness_exponent_se = 0.0; ///< standard errors from the inverse observed information
    double decay_parameter_se = 0.0;
    double total_users = 0.0;
    int iterations = 0;
};

/// Maximum-likelihood estimate of alpha and lambda from observed users O_ij, treating each user
/// of zone i as one choice among the sites zone i reaches (multinomial logit with utilities
/// u_ij = alpha ln A_j - lambda g(c_ij), g = ln c or c):
///   LL(alpha, lambda) = sum_ij O_ij ln p_ij.
/// LL is concave, so Newton's method (with step halving) finds the global maximum.
/// The choice set of zone i is its stored pairs within the cutoff with A_j > 0.
/// @throws Error (Errc::data) for an observation of a pair outside the choice set, negative or
///         non-finite users, or no users at all; (Errc::data) when the data cannot identify the
///         exponents (attractiveness or cost constant within every choice set); (Errc::argument)
///         for indexes out of range.
POOLED_CXX_API HuffFit calibrate_huff(const network::CostMatrix &m, std::span<const double> attractiveness,
                                      std::span<const ObservedUsers> observed, HuffDecayForm form,
                                      std::optional<double> cutoff = std::nullopt);

} // namespace pooled::accessibility
