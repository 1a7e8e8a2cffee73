// Stage "load": the working CRS, then zones, assets (one or more layers) and users read into
// it and converted into the data model under their schemas. Zone polygons are the study area of the other layers,
// so a facility far outside it is reported (and, under on_invalid = "skip", left out).

#include "scenario/run_context.hpp"

#include <pooled/geometry/types.hpp>
#include <pooled/io/reader.hpp>
#include <pooled/model/asset_layers.hpp>
#include <pooled/model/convert.hpp>

namespace pooled::scenario::detail {

namespace {

io::ReadOptions read_options(const LayerInput &input) {
    io::ReadOptions options;
    options.on_invalid = input.on_invalid == "skip"     ? io::OnInvalid::skip
                         : input.on_invalid == "repair" ? io::OnInvalid::repair
                                                        : io::OnInvalid::fail;
    if (!input.crs.empty()) {
        options.assume_crs = crs::Crs::from_user_input(input.crs);
    }
    return options;
}

/// The schema file's mappings for the role, then the scenario's fields and constants over them.
io::Schema schema_of(const LayerInput &input) {
    io::Schema schema = input.schema_file.empty() ? io::Schema{} : io::load_schema(input.schema_file);
    for (const auto &[field, column] : input.fields) {
        io::apply_field_override(schema, input.role, field + "=" + column);
    }
    for (const auto &[name, value] : input.constants) {
        io::apply_field_override(schema, input.role, "constants." + name + "=" + value);
    }
    return schema;
}

json load_figures(const io::LoadReport &report, std::size_t count) {
    return json{{"features", count}, {"read", report.read}, {"skipped", report.skipped}, {"repaired", report.repaired}};
}

void run(RunContext &ctx, const Progress &progress) {
    const Scenario &s = ctx.scenario;
    std::vector<io::LayerSource> sources{io::LayerSource::parse(s.zones->source)};
    for (const auto &a : s.assets) {
        sources.push_back(io::LayerSource::parse(a.source));
    }
    if (s.users) {
        sources.push_back(io::LayerSource::parse(s.users->source));
    }
    const io::ReadOptions zone_read = read_options(*s.zones);
    ctx.working = io::working_crs_for(
        sources, s.working_crs.empty() ? std::nullopt : std::optional(crs::Crs::from_user_input(s.working_crs)),
        zone_read);

    // Zones.
    const auto zones_info = io::inspect_layer(sources[0], zone_read);
    io::Schema zones_schema = schema_of(*s.zones);
    ctx.schema.zones = io::guess_zone_schema(zones_info, zones_schema.zones);
    ctx.zones_layer = io::read_layer(sources[0], *ctx.working, io::read_options_for(ctx.schema.zones, zone_read),
                                     progress.sub(0.0, 0.4));
    ctx.population = model::to_population(*ctx.zones_layer, ctx.schema.zones);
    const geometry::Geometry study_area = io::polygons_of(*ctx.zones_layer);

    const auto with_study_area = [&](io::ReadOptions options) {
        if (!geometry::is_empty(study_area)) {
            options.study_area = study_area;
        }
        return options;
    };

    // Assets: one or more layers, each under its own schema, into one estate.
    std::vector<model::AssetLayerInput> inputs;
    for (const auto &a : s.assets) {
        inputs.push_back({io::LayerSource::parse(a.source), a.name, schema_of(a).assets, a.service, a.organisation,
                          with_study_area(read_options(a))});
    }
    model::AssetLayers assets = model::read_asset_layers(inputs, *ctx.working, progress.sub(0.4, 0.8));
    ctx.estate = std::move(assets.estate);
    ctx.asset_layers = std::move(assets.layers);

    json figures{{"working_crs", ctx.working->crs().authority_code()},
                 {"zones", load_figures(ctx.zones_layer->report(), ctx.population->zones.size())},
                 {"population", figure(ctx.population->total_population())},
                 {"assets", load_figures(ctx.estate->report, ctx.estate->assets.size())}};
    if (ctx.asset_layers.size() > 1) {
        json per_layer = json::object();
        for (const auto &layer : ctx.asset_layers) {
            per_layer[layer.name] = load_figures(layer.report, layer.assets);
        }
        figures["asset_layers"] = std::move(per_layer);
    }

    // Users (optional): counted per zone by the profiling stage to come; loaded and checked here.
    if (s.users) {
        const io::ReadOptions user_read = with_study_area(read_options(*s.users));
        ctx.schema.users =
            io::guess_service_user_schema(io::inspect_layer(sources.back(), user_read), schema_of(*s.users).users);
        ctx.users_layer = io::read_layer(sources.back(), *ctx.working, io::read_options_for(ctx.schema.users, user_read),
                                         progress.sub(0.8, 1.0));
        const auto users = model::to_service_users(*ctx.users_layer, ctx.schema.users);
        figures["users"] = load_figures(ctx.users_layer->report(), users.users.size());
    }
    progress.report(1.0, "load");
    ctx.summary["load"] = std::move(figures);
}

bool always(const Scenario &) { return true; }

} // namespace

Stage load_stage() { return Stage{"load", &always, &run}; }

} // namespace pooled::scenario::detail
