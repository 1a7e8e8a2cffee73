#include "layer_harness.hpp"

#include "harness.hpp"

#include <pooled/io/reader.hpp>
#include <pooled/io/schema.hpp>
#include <pooled/model/convert.hpp>

#include <cmath>

namespace pooled::fuzz {
namespace {
/// A loaded feature has finite coordinates (NaN or infinity would poison every distance).
void check_finite(const io::Layer &layer) {
    for (const auto &feature : layer.features()) {
        geometry::for_each_point_run(feature.geometry, [&](const geometry::Point *points, std::size_t count) {
            for (std::size_t i = 0; i < count; ++i) {
                if (!std::isfinite(points[i].x) || !std::isfinite(points[i].y)) {
                    finding("feature " + std::to_string(feature.fid) + " was loaded with a coordinate that is not finite");
                }
            }
        });
    }
}
} // namespace

void read_as_model(const std::string &path, std::size_t variant) {
    static const crs::WorkingCrs bng = crs::WorkingCrs::british_national_grid();
    static const crs::Crs bng_crs = bng.crs();
    io::ReadOptions options;
    options.on_invalid = variant % 3 == 0 ? io::OnInvalid::fail : variant % 3 == 1 ? io::OnInvalid::skip
                                                                                   : io::OnInvalid::repair;
    options.assume_crs = bng_crs;
    // The area-of-use check builds two PROJ transformations (about 15 ms of the 20 ms a small
    // layer takes); on in a quarter of the runs, the fuzzer gets four times the inputs.
    options.check_area = variant % 4 == 0;
    const io::LayerSource source{path, {}};
    refusals_are_pooled_errors([&] {
        const io::LayerInfo info = io::inspect_layer(source, options);
        if (variant % 2 == 0) {
            const io::ZoneSchema schema = io::guess_zone_schema(info);
            const io::Layer layer = io::read_layer(source, bng, io::read_options_for(schema, options));
            check_finite(layer);
            (void)model::to_population(layer, schema);
        } else {
            const io::AssetSchema schema = io::guess_asset_schema(info);
            const io::Layer layer = io::read_layer(source, bng, io::read_options_for(schema, options));
            check_finite(layer);
            (void)model::to_estate(layer, schema);
        }
    });
    check_nothing_left_open(path);
}

} // namespace pooled::fuzz
