// `PATH[:LAYER]` specs and connection strings (io::LayerSource::parse), as every layer
// argument of the CLI is read. Property: the parts are the spec's own text, split at one ':'.

#include "harness.hpp"

#include <pooled/io/layer.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    const std::string_view spec = pooled::fuzz::text_of(data, size);
    pooled::fuzz::refusals_are_pooled_errors([&] {
        const pooled::io::LayerSource source = pooled::io::LayerSource::parse(spec);
        const bool whole = source.layer.empty() && source.path == spec;
        const bool split = source.path + ":" + source.layer == spec; // "a.gpkg:" = a.gpkg's first layer
        if (!whole && !split) {
            pooled::fuzz::finding("'" + std::string(spec) + "' parsed as path '" + source.path + "', layer '" +
                                  source.layer + "'");
        }
        (void)source.display();
    });
    return 0;
}
