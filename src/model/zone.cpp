#include <pooled/model/zone.hpp>

#include <pooled/core/error.hpp>

#include "core/text.hpp"

#include <numeric>

namespace pooled::model {

double Population::total_population() const noexcept {
    return std::accumulate(zones.begin(), zones.end(), 0.0,
                           [](double sum, const Zone &zone) { return sum + zone.population; });
}

std::optional<std::size_t> Population::variable_index(std::string_view name) const noexcept {
    for (std::size_t i = 0; i < variable_names.size(); ++i) {
        if (variable_names[i] == name) {
            return i;
        }
    }
    return std::nullopt;
}

std::size_t Population::require_variable(std::string_view name) const {
    if (auto index = variable_index(name)) {
        return *index;
    }
    const std::string loaded = variable_names.empty() ? std::string("none") : detail::join(variable_names);
    throw Error(Errc::argument,
                "no zone variable '" + std::string(name) + "' was loaded (loaded: " + loaded +
                    "); add it to the zones' variables in the schema" +
                    detail::did_you_mean(name, variable_names),
                SourceRef{source, {}, std::nullopt, {}});
}

} // namespace pooled::model
