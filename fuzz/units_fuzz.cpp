// Durations and distances with units (pooled/core/units.hpp), as the CLI reads --cutoff,
// --radius, --max-snap. The first byte chooses the bare unit; the rest is the text.
// Property: an accepted quantity is finite and >= 0.

#include "harness.hpp"

#include <pooled/core/units.hpp>

#include <cmath>

namespace {
void check(double value, std::string_view text) {
    if (!std::isfinite(value) || value < 0.0) {
        pooled::fuzz::finding("accepted '" + std::string(text) + "' as " + std::to_string(value));
    }
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    const std::string_view text = pooled::fuzz::text_of(data + 1, size - 1);
    const unsigned choice = data[0] % 3U;
    static constexpr std::string_view duration_units[] = {"", "s", "min"};
    static constexpr std::string_view distance_units[] = {"", "m", "km"};
    pooled::fuzz::refusals_are_pooled_errors(
        [&] { check(pooled::parse_duration(text, duration_units[choice]).value(), text); });
    pooled::fuzz::refusals_are_pooled_errors(
        [&] { check(pooled::parse_distance(text, distance_units[choice]).value(), text); });
    return 0;
}
