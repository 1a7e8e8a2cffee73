// Decay functions from their text form (accessibility::parse_decay, the CLI's --decay).
// Properties (decay.hpp): decay_text() reads back to the same decay; weights are in [0, 1],
// non-increasing in the cost, and 0 for an unreachable pair.

#include "harness.hpp"

#include <pooled/accessibility/decay.hpp>

#include <limits>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    using namespace pooled::accessibility;
    const std::string_view text = pooled::fuzz::text_of(data, size);
    pooled::fuzz::refusals_are_pooled_errors([&] {
        const Decay decay = parse_decay(text);
        const std::string written = decay_text(decay);
        std::string again;
        try {
            again = decay_text(parse_decay(written));
        } catch (const pooled::Error &e) {
            pooled::fuzz::finding("'" + std::string(text) + "' is written as '" + written +
                                  "', which does not read back: " + e.what());
        }
        if (again != written) {
            pooled::fuzz::finding("'" + std::string(text) + "' is written as '" + written + "', read back as '" + again + "'");
        }
        double previous = 1.0;
        for (const double cost : {0.0, 0.5, 1.0, 10.0, 60.0, 600.0, 3600.0, 1e9, std::numeric_limits<double>::infinity()}) {
            const double w = weight(decay, cost);
            if (!(w >= 0.0 && w <= 1.0) || w > previous) {
                pooled::fuzz::finding("'" + std::string(text) + "': weight " + std::to_string(w) + " at cost " +
                                      std::to_string(cost) + " (previous " + std::to_string(previous) + ")");
            }
            previous = w;
        }
        if (weight(decay, std::numeric_limits<double>::infinity()) != 0.0) {
            pooled::fuzz::finding("'" + std::string(text) + "': an unreachable pair has a weight");
        }
    });
    return 0;
}
