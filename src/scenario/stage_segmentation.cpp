// Stage "segmentation": the zones classified top down from the variable spec (k-means with the
// scenario's seed), each zone's segment code per level, and the segments with their index scores.

#include "scenario/run_context.hpp"

#include <pooled/model/convert.hpp>
#include <pooled/segmentation/segment.hpp>

namespace pooled::scenario::detail {

namespace {

io::OutputLayer segments_layer(const segmentation::Segmentation &result) {
    io::OutputLayer layer{"segments",
                          std::nullopt,
                          {{"level", io::FieldType::integer},
                           {"code", io::FieldType::string},
                           {"zones", io::FieldType::integer},
                           {"population", io::FieldType::real},
                           {"population_share", io::FieldType::real},
                           {"within_ss", io::FieldType::real}},
                          {}};
    for (std::size_t l = 0; l < result.profiles.size(); ++l) {
        const auto &profile = result.profiles[l];
        for (std::size_t s = 0; s < profile.segments.size(); ++s) {
            const auto &segment = profile.segments[s];
            io::Feature f;
            f.values = {static_cast<std::int64_t>(l + 1),
                        segment.code,
                        static_cast<std::int64_t>(segment.zones),
                        field_value(segment.population),
                        field_value(segment.population / profile.population),
                        field_value(result.hierarchy.levels[l].within_ss_by_segment[s])};
            layer.features.push_back(std::move(f));
        }
    }
    return layer;
}

io::OutputLayer index_layer(const segmentation::Segmentation &result) {
    io::OutputLayer layer{"segment_index", std::nullopt, {{"level", io::FieldType::integer}, {"code", io::FieldType::string}}, {}};
    for (const auto &name : result.prepared.matrix.column_names) {
        layer.fields.push_back({name, io::FieldType::real});
    }
    for (std::size_t l = 0; l < result.profiles.size(); ++l) {
        for (const auto &segment : result.profiles[l].segments) {
            io::Feature f;
            f.values = {static_cast<std::int64_t>(l + 1), segment.code};
            for (const double index : segment.index) {
                f.values.push_back(field_value(index));
            }
            layer.features.push_back(std::move(f));
        }
    }
    return layer;
}

void run(RunContext &ctx, const Progress &progress) {
    const SegmentationSettings &settings = *ctx.scenario.segmentation;
    const auto spec = segmentation::read_variable_spec(settings.variables);
    std::vector<std::string> fields;
    for (const auto &f : ctx.zones_layer->fields()) {
        fields.push_back(f.name);
    }
    segmentation::check_columns(spec, fields, ctx.zones_layer->source().display());
    io::ZoneSchema schema = ctx.schema.zones;
    schema.variables = spec.columns();
    const model::Population zones = model::to_population(*ctx.zones_layer, schema);

    segmentation::SegmentOptions options;
    options.prepare.transform = segmentation::parse_transform(settings.transform);
    options.prepare.standardise = segmentation::parse_standardise(settings.standardise);
    options.hierarchy.ks = settings.levels;
    options.hierarchy.kmeans.restarts = settings.restarts;
    options.hierarchy.kmeans.max_iterations = settings.max_iterations;
    const std::uint64_t seed = settings.seed.value_or(ctx.scenario.seed);
    options.hierarchy.kmeans.seed = seed;
    const auto result = segmentation::segment_zones(zones, spec, options, progress);

    json levels = json::object();
    for (std::size_t l = 0; l < result.codes.size(); ++l) {
        const std::string name = "segment_l" + std::to_string(l + 1);
        Column column{name, io::FieldType::string, {}};
        for (const auto &code : result.codes[l]) {
            column.values.emplace_back(code);
        }
        ctx.add_zone_column(std::move(column));
        json zones_per_segment = json::object();
        for (const auto &segment : result.profiles[l].segments) {
            zones_per_segment[segment.code] = segment.zones;
        }
        const auto &level = result.hierarchy.levels[l];
        levels[name] = json{{"k", level.k},
                            {"segments", level.codes.size()},
                            {"within_ss", figure(level.within_ss)},
                            {"zones_per_segment", std::move(zones_per_segment)}};
    }
    ctx.layers.push_back(segments_layer(result));
    ctx.layers.push_back(index_layer(result));
    ctx.summary["segmentation"] = json{{"zones", zones.zones.size()},
                                       {"variables", spec.variables.size()},
                                       {"restarts", settings.restarts},
                                       {"seed", seed},
                                       {"levels", std::move(levels)}};
    progress.report(1.0, "segmentation");
}

bool applies(const Scenario &s) { return s.segmentation.has_value(); }

} // namespace

Stage segmentation_stage() { return Stage{"segmentation", &applies, &run}; }

} // namespace pooled::scenario::detail
