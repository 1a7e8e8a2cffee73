#include <pooled/accessibility/decay.hpp>

#include <pooled/core/error.hpp>

#include "accessibility/weights.hpp"
#include "core/text.hpp"

#include <charconv>
#include <cmath>
#include <string>
#include <system_error>
#include <utility>

namespace pooled::accessibility {

namespace {

using pooled::detail::number_text;

constexpr const char *decay_forms =
    "expected one of 'step:CUTOFF', 'stepped:UPPER=WEIGHT,UPPER=WEIGHT,...', 'linear:CUTOFF', "
    "'exponential:BETA', 'power:EXPONENT', 'gaussian:BANDWIDTH', 'logistic:MIDPOINT,STEEPNESS'";

[[noreturn]] void bad_parameter(const std::string &what, double value, const char *rule) {
    throw Error(Errc::argument, what + " must be " + rule + ", not " + number_text(value));
}

void require_non_negative(const std::string &what, double value) {
    if (!std::isfinite(value) || value < 0.0) {
        bad_parameter(what, value, "a finite number >= 0");
    }
}

void require_positive(const std::string &what, double value) {
    if (!std::isfinite(value) || value <= 0.0) {
        bad_parameter(what, value, "a finite number > 0");
    }
}

[[noreturn]] void bad_text(std::string_view text, const std::string &why) {
    throw Error(Errc::argument, "cannot read decay '" + std::string(text) + "': " + why + "; " + decay_forms);
}

double parse_number(std::string_view whole, std::string_view part) {
    const std::string_view body = pooled::detail::trim(part);
    double value = 0.0;
    const char *end = body.data() + body.size();
    const auto [stop, ec] = std::from_chars(body.data(), end, value);
    if (body.empty() || ec != std::errc() || stop != end) {
        bad_text(whole, "'" + std::string(body) + "' is not a number");
    }
    return value;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        const std::size_t at = text.find(separator, start);
        parts.push_back(text.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
        if (at == std::string_view::npos) {
            return parts;
        }
        start = at + 1;
    }
}

double single(std::string_view whole, std::string_view name, std::string_view parameters) {
    if (parameters.find(',') != std::string_view::npos) {
        bad_text(whole, "'" + std::string(name) + "' takes one number");
    }
    return parse_number(whole, parameters);
}

} // namespace

Step::Step(double cutoff) : m_cutoff(cutoff) { require_non_negative("step decay cutoff", cutoff); }

Stepped::Stepped(std::vector<Band> bands) : m_bands(std::move(bands)) {
    if (m_bands.empty()) {
        throw Error(Errc::argument, "stepped decay needs at least one band");
    }
    for (std::size_t k = 0; k < m_bands.size(); ++k) {
        const Band &band = m_bands[k];
        const std::string name = "stepped decay band " + std::to_string(k + 1);
        require_non_negative(name + " upper bound", band.upper);
        if (k > 0 && !(band.upper > m_bands[k - 1].upper)) {
            throw Error(Errc::argument, name + " upper bound " + number_text(band.upper) +
                                            " is not above the previous band's " + number_text(m_bands[k - 1].upper) +
                                            " (bands must be sorted by upper bound)");
        }
        if (!(band.weight >= 0.0 && band.weight <= 1.0)) {
            bad_parameter(name + " weight", band.weight, "in [0, 1]");
        }
        // A decay never rises with cost (decay.hpp): a farther band cannot weigh more.
        if (k > 0 && band.weight > m_bands[k - 1].weight) {
            throw Error(Errc::argument, name + " weight " + number_text(band.weight) + " is above the previous band's " +
                                            number_text(m_bands[k - 1].weight) +
                                            " (weights must not increase with the cost)");
        }
    }
}

Linear::Linear(double cutoff) : m_cutoff(cutoff) { require_positive("linear decay cutoff", cutoff); }

Exponential::Exponential(double beta) : m_beta(beta) { require_non_negative("exponential decay beta", beta); }

Power::Power(double exponent) : m_exponent(exponent) { require_positive("power decay exponent", exponent); }

Gaussian::Gaussian(double bandwidth) : m_bandwidth(bandwidth) {
    require_positive("gaussian decay bandwidth", bandwidth);
}

Logistic::Logistic(double midpoint, double steepness) : m_midpoint(midpoint), m_steepness(steepness) {
    require_non_negative("logistic decay midpoint", midpoint);
    require_positive("logistic decay steepness", steepness);
}

double weight(const Decay &decay, double cost) {
    if (std::isnan(cost) || cost < 0.0) {
        throw Error(Errc::argument, "a decay weight needs a cost >= 0, not " + number_text(cost));
    }
    return std::visit([cost](const auto &d) { return detail::weight_of(d, cost); }, decay);
}

Decay parse_decay(std::string_view text) {
    const std::string_view body = pooled::detail::trim(text);
    const std::size_t colon = body.find(':');
    if (colon == std::string_view::npos) {
        bad_text(text, "no ':' between the name and its parameters");
    }
    const std::string name = pooled::detail::to_lower(pooled::detail::trim(body.substr(0, colon)));
    const std::string_view parameters = body.substr(colon + 1);
    if (name == "step") {
        return Step(single(text, name, parameters));
    }
    if (name == "linear") {
        return Linear(single(text, name, parameters));
    }
    if (name == "exponential") {
        return Exponential(single(text, name, parameters));
    }
    if (name == "power") {
        return Power(single(text, name, parameters));
    }
    if (name == "gaussian") {
        return Gaussian(single(text, name, parameters));
    }
    if (name == "logistic") {
        const auto parts = split(parameters, ',');
        if (parts.size() != 2) {
            bad_text(text, "'logistic' takes two numbers, midpoint and steepness");
        }
        return Logistic(parse_number(text, parts[0]), parse_number(text, parts[1]));
    }
    if (name == "stepped") {
        std::vector<Band> bands;
        for (const std::string_view part : split(parameters, ',')) {
            const auto pair = split(part, '=');
            if (pair.size() != 2) {
                bad_text(text, "band '" + std::string(pooled::detail::trim(part)) + "' is not UPPER=WEIGHT");
            }
            bands.push_back({parse_number(text, pair[0]), parse_number(text, pair[1])});
        }
        return Stepped(std::move(bands));
    }
    bad_text(text, "unknown decay '" + name + "'" +
                       pooled::detail::did_you_mean(name, {"step", "stepped", "linear", "exponential", "power", "gaussian",
                                                   "logistic"}));
}

std::string decay_text(const Decay &decay) {
    struct Text {
        std::string operator()(const Step &d) const { return "step:" + number_text(d.cutoff()); }
        std::string operator()(const Stepped &d) const {
            std::string text = "stepped:";
            // Appended piece by piece: GCC 12 at -O3 warns (-Wrestrict, a false positive) on
            // `const char * + std::string` here.
            for (std::size_t k = 0; k < d.bands().size(); ++k) {
                text.append(k > 0 ? "," : "").append(number_text(d.bands()[k].upper));
                text.append("=").append(number_text(d.bands()[k].weight));
            }
            return text;
        }
        std::string operator()(const Linear &d) const { return "linear:" + number_text(d.cutoff()); }
        std::string operator()(const Exponential &d) const { return "exponential:" + number_text(d.beta()); }
        std::string operator()(const Power &d) const { return "power:" + number_text(d.exponent()); }
        std::string operator()(const Gaussian &d) const { return "gaussian:" + number_text(d.bandwidth()); }
        std::string operator()(const Logistic &d) const {
            return "logistic:" + number_text(d.midpoint()) + "," + number_text(d.steepness());
        }
    };
    return std::visit(Text{}, decay);
}

} // namespace pooled::accessibility
