// The co-location compatibility table from its CSV text (colocation::CompatibilityTable::parse,
// the CLI's --compatibility). Properties (compatibility.hpp): every known service is its own
// canonical name, compatibility is symmetric, and an unknown service is compatible with nothing.

#include "harness.hpp"

#include <pooled/colocation/compatibility.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    using namespace pooled::colocation;
    const std::string_view text = pooled::fuzz::text_of(data, size);
    pooled::fuzz::refusals_are_pooled_errors([&] {
        const CompatibilityTable table = CompatibilityTable::parse(text, "fuzz.csv");
        for (const auto &a : table.services()) {
            if (table.canonical(a) != a) {
                pooled::fuzz::finding("service '" + a + "' is not its own canonical name");
            }
            if (table.compatible(a, "\x01 not a service")) {
                pooled::fuzz::finding("'" + a + "' is compatible with an unknown service");
            }
            for (const auto &b : table.services()) {
                if (table.compatible(a, b) != table.compatible(b, a)) {
                    pooled::fuzz::finding("compatibility of '" + a + "' and '" + b + "' depends on the order");
                }
            }
        }
    });
    return 0;
}
