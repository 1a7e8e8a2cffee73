// Geodemographic segmentation of the zones: OAC-style preparation, k-means top down in levels.
#include "capi/layers.hpp"

#include <pooled/model/convert.hpp>
#include <pooled/segmentation/segment.hpp>

using namespace pooled;
using namespace pooled::capi;

namespace {

const segmentation::HierarchyLevel &level_of(const pooled_segmentation &object, size_t level) {
    const auto &levels = object.hierarchy.levels;
    if (level == 0 || level > levels.size()) {
        throw StatusError{POOLED_ERR_ARGUMENT, "level " + std::to_string(level) + " is out of range (levels are 1 to " +
                                                   std::to_string(levels.size()) + ")"};
    }
    return levels[level - 1];
}

} // namespace

extern "C" {

pooled_status pooled_segmentation_run(pooled_context *ctx, const pooled_layers *layers, const char *spec_path,
                                      const size_t *ks, size_t level_count, size_t restarts, uint64_t seed,
                                      pooled_progress_fn progress, void *progress_data, pooled_segmentation **out) {
    return make_object(ctx, out, [&] {
        const auto &object = use(layers);
        zones_of(object);
        if (ks == nullptr || level_count == 0) {
            throw StatusError{POOLED_ERR_ARGUMENT, "give at least one level: ks with level_count >= 1"};
        }
        const auto spec = segmentation::read_variable_spec(text(spec_path, "spec_path"));
        // The zones again, with the census counts the spec needs as their variables.
        io::ZoneSchema schema = object.zone_schema;
        schema.variables = spec.columns();
        const model::Population zones = model::to_population(*object.zone_layer, schema);
        segmentation::SegmentOptions options;
        options.hierarchy.ks.assign(ks, ks + level_count);
        options.hierarchy.kmeans.restarts = restarts == 0 ? 100 : restarts;
        options.hierarchy.kmeans.seed = seed;
        options.hierarchy.kmeans.threads = ctx->threads;
        auto result = segmentation::segment_zones(zones, spec, options, progress_of(progress, progress_data));
        return std::make_unique<pooled_segmentation>(
            pooled_segmentation{Tag::segmentation, std::move(result.hierarchy)});
    });
}

pooled_status pooled_segmentation_destroy(pooled_context *ctx, pooled_segmentation *segmentation) {
    return destroy_object(ctx, segmentation);
}

pooled_status pooled_segmentation_level_count(pooled_context *ctx, const pooled_segmentation *segmentation,
                                              size_t *levels) {
    return guarded(ctx, [&] { output(levels, "levels") = use(segmentation).hierarchy.levels.size(); });
}

pooled_status pooled_segmentation_segment_count(pooled_context *ctx, const pooled_segmentation *segmentation,
                                                size_t level, size_t *segments) {
    return guarded(ctx, [&] { output(segments, "segments") = level_of(use(segmentation), level).codes.size(); });
}

pooled_status pooled_segmentation_segment_code(pooled_context *ctx, const pooled_segmentation *segmentation,
                                               size_t level, size_t segment, const char **code) {
    return guarded(ctx, [&] {
        const auto &codes = level_of(use(segmentation), level).codes;
        output(code, "code") = codes[checked_index(segment, codes.size(), "segment")].c_str();
    });
}

pooled_status pooled_segmentation_within_ss(pooled_context *ctx, const pooled_segmentation *segmentation,
                                            size_t level, double *within_ss) {
    return guarded(ctx, [&] { output(within_ss, "within_ss") = level_of(use(segmentation), level).within_ss; });
}

pooled_status pooled_segmentation_labels(pooled_context *ctx, const pooled_segmentation *segmentation, size_t level,
                                         uint32_t *labels, size_t capacity, size_t *count) {
    return guarded(ctx, [&] {
        fill<std::uint32_t>(level_of(use(segmentation), level).labels, labels, capacity, count);
    });
}

} // extern "C"
