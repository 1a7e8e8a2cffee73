#include "cli/matrix_inputs.hpp"

#include <pooled/core/error.hpp>
#include <pooled/core/units.hpp>

#include <charconv>

namespace pooled::cli {

std::optional<double> cutoff_in(const std::string &text, network::CostUnit unit, bool unit_known, const std::string &flag) {
    if (text.empty()) {
        return std::nullopt;
    }
    if (!unit_known) {
        double value = 0.0;
        const char *end = text.data() + text.size();
        const auto [stop, ec] = std::from_chars(text.data(), end, value);
        if (ec != std::errc() || stop != end || !(value >= 0.0)) {
            throw Error(Errc::argument, flag + " '" + text + "': the costs have no unit (a 'cost' column, or an "
                                        "OR-Library instance), so give the cutoff as a plain number >= 0 in their unit");
        }
        return value;
    }
    return unit == network::CostUnit::seconds ? parse_duration(text, "s").value() : parse_distance(text, "m").value();
}

std::vector<double> layer_numbers(const io::Layer &layer, const std::string &field) {
    const std::size_t index = layer.require_field(field);
    std::vector<double> values;
    values.reserve(layer.features().size());
    for (const auto &f : layer.features()) {
        const auto v = io::to_number(f.values[index], layer.ref(f.fid, field));
        if (!v) {
            throw Error(Errc::data, "the value is empty", layer.ref(f.fid, field));
        }
        values.push_back(*v);
    }
    return values;
}

} // namespace pooled::cli
