#pragma once
/// @file
/// @brief Distance-decay functions: the weight w(c) a pair of travel cost c gets in an
/// accessibility measure, as types (not strings), with their parameters validated.
///
/// Every function gives a weight in [0, 1] for a cost c >= 0, non-increasing in c, and 0 for
/// an unreachable pair (c = +inf). Costs are in the cost matrix's own unit (seconds or metres);
/// the parameters are in that same unit.

#include <pooled/pooled_cxx_export.h>

#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace pooled::accessibility {

/// w(c) = 1 for c <= cutoff (inclusive), else 0: the floating catchment of plain 2SFCA.
class POOLED_CXX_API Step {
public:
    /// @throws Error (Errc::argument) unless cutoff is finite and >= 0.
    explicit Step(double cutoff);
    double cutoff() const noexcept { return m_cutoff; }

private:
    double m_cutoff;
};

/// One band of a Stepped decay: costs up to `upper` (inclusive) and above the previous band's
/// upper bound get `weight`.
struct Band {
    double upper = 0.0;
    double weight = 0.0;
};

/// Stepped weights, as in E2SFCA (Luo and Qi 2009, e.g. 0-10 min: 1, 10-20: 0.68, 20-30: 0.22):
/// w(c) = weight of the first band with c <= upper; 0 beyond the last band.
class POOLED_CXX_API Stepped {
public:
    /// @throws Error (Errc::argument) for no bands, an upper bound that is NaN, negative,
    ///         infinite or not strictly above the previous one, a weight outside [0, 1], or a
    ///         weight above the previous band's (weights must not increase with the cost).
    explicit Stepped(std::vector<Band> bands);
    const std::vector<Band> &bands() const noexcept { return m_bands; }

private:
    std::vector<Band> m_bands;
};

/// w(c) = 1 - c / cutoff for c <= cutoff, else 0 (so w(cutoff) = 0).
class POOLED_CXX_API Linear {
public:
    /// @throws Error (Errc::argument) unless cutoff is finite and > 0.
    explicit Linear(double cutoff);
    double cutoff() const noexcept { return m_cutoff; }

private:
    double m_cutoff;
};

/// w(c) = exp(-beta c).
class POOLED_CXX_API Exponential {
public:
    /// @throws Error (Errc::argument) unless beta is finite and >= 0.
    explicit Exponential(double beta);
    double beta() const noexcept { return m_beta; }

private:
    double m_beta;
};

/// Inverse power, w(c) = min(1, c^-exponent): c^-exponent for c >= 1, and 1 for c < 1.
///
/// The cap keeps w finite at c = 0 (a zone whose centroid is on the site) and in [0, 1] like
/// every other decay; for costs >= 1 it is exactly c^-exponent, which is what pysal/access's
/// `weights.gravity(scale=1, alpha=-exponent)` gives (its examples have costs >= 1). Choose a
/// cost unit in which 1 is "very close" (e.g. minutes or seconds, not hours).
class POOLED_CXX_API Power {
public:
    /// @throws Error (Errc::argument) unless exponent is finite and > 0.
    explicit Power(double exponent);
    double exponent() const noexcept { return m_exponent; }

private:
    double m_exponent;
};

/// Gaussian kernel, w(c) = exp(-c^2 / (2 bandwidth^2)); not truncated (give the measure a cutoff
/// for Dai's (2010) truncated form).
class POOLED_CXX_API Gaussian {
public:
    /// @throws Error (Errc::argument) unless bandwidth is finite and > 0.
    explicit Gaussian(double bandwidth);
    double bandwidth() const noexcept { return m_bandwidth; }

private:
    double m_bandwidth;
};

/// Logistic, w(c) = 1 / (1 + exp(steepness (c - midpoint))): 0.5 at the midpoint, falling from
/// near 1 to near 0 over about 4 / steepness around it. Note w(0) < 1 (it is
/// 1 / (1 + exp(-steepness midpoint))).
class POOLED_CXX_API Logistic {
public:
    /// @throws Error (Errc::argument) unless midpoint is finite and >= 0 and steepness is finite and > 0.
    Logistic(double midpoint, double steepness);
    double midpoint() const noexcept { return m_midpoint; }
    double steepness() const noexcept { return m_steepness; }

private:
    double m_midpoint;
    double m_steepness;
};

/// Any decay function.
using Decay = std::variant<Step, Stepped, Linear, Exponential, Power, Gaussian, Logistic>;

/// The weight of a pair of cost `cost` (>= 0; +inf gives 0).
/// @throws Error (Errc::argument) for a negative or NaN cost.
POOLED_CXX_API double weight(const Decay &decay, double cost);

/// A decay from its text form, as the CLI's `--decay` takes it (case-insensitive name):
/// `step:20`, `stepped:10=1,20=0.68,30=0.22` (upper bound = weight, ...), `linear:30`,
/// `exponential:0.1`, `power:1` (w = 1/c), `gaussian:15` (bandwidth), `logistic:20,0.5`
/// (midpoint, steepness).
/// @throws Error (Errc::argument) for text in none of these forms (the message lists them), or
///         parameters the constructor refuses.
POOLED_CXX_API Decay parse_decay(std::string_view text);

/// The text form of a decay, which parse_decay() reads back to the same decay.
POOLED_CXX_API std::string decay_text(const Decay &decay);

} // namespace pooled::accessibility
