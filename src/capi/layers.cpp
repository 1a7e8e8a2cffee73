// Zones and assets read into one working CRS under a schema, as the CLI's --as does.
#include "capi/layers.hpp"

#include <pooled/crs/crs.hpp>
#include <pooled/io/reader.hpp>
#include <pooled/model/convert.hpp>

#include <cmath>
#include <limits>

using namespace pooled;
using namespace pooled::capi;

namespace pooled::capi {

const model::Population &zones_of(const pooled_layers &layers) {
    if (!layers.zones) {
        throw StatusError{POOLED_ERR_ARGUMENT, "the layers were opened without zones"};
    }
    return *layers.zones;
}

const model::Estate &assets_of(const pooled_layers &layers) {
    if (!layers.assets) {
        throw StatusError{POOLED_ERR_ARGUMENT, "the layers were opened without assets"};
    }
    return *layers.assets;
}

std::vector<network::Located> zone_points(const pooled_layers &layers) {
    std::vector<network::Located> points;
    for (const auto &zone : zones_of(layers).zones) {
        points.push_back(network::Located{zone.id, zone.centroid});
    }
    return points;
}

std::vector<network::Located> asset_points(const pooled_layers &layers) {
    std::vector<network::Located> points;
    for (const auto &asset : assets_of(layers).assets) {
        points.push_back(network::Located{asset.id, asset.location});
    }
    return points;
}

} // namespace pooled::capi

namespace {

io::OnInvalid on_invalid_of(const pooled_on_invalid &policy) {
    switch (const int value = enum_value(policy)) {
    case POOLED_ON_INVALID_FAIL: return io::OnInvalid::fail;
    case POOLED_ON_INVALID_SKIP: return io::OnInvalid::skip;
    case POOLED_ON_INVALID_REPAIR: return io::OnInvalid::repair;
    default: throw StatusError{POOLED_ERR_ARGUMENT, "unknown pooled_on_invalid value " + std::to_string(value)};
    }
}

// A numeric asset field as an optional, by its schema name.
std::optional<double> asset_value(const model::Asset &asset, std::string_view field) {
    const auto plain = [](const auto &quantity) -> std::optional<double> {
        return quantity ? std::optional<double>(quantity->value()) : std::nullopt;
    };
    if (field == "floor_area") {
        return plain(asset.floor_area);
    }
    if (field == "running_cost") {
        return plain(asset.running_cost);
    }
    if (field == "value") {
        return plain(asset.value);
    }
    if (field == "capacity") {
        return asset.capacity;
    }
    return asset.utilisation;
}

} // namespace

extern "C" {

pooled_status pooled_layers_open(pooled_context *ctx, const char *zones, const char *assets, const char *schema_path,
                                 const char *working_crs, const char *assume_crs, pooled_on_invalid on_invalid,
                                 pooled_progress_fn progress,
                                 void *progress_data, pooled_layers **out) {
    return make_object(ctx, out, [&] {
        if (zones == nullptr && assets == nullptr) {
            throw StatusError{POOLED_ERR_ARGUMENT, "pooled_layers_open needs zones, assets or both"};
        }
        const Progress report = progress_of(progress, progress_data);
        io::ReadOptions base;
        base.on_invalid = on_invalid_of(on_invalid);
        if (assume_crs != nullptr) {
            base.assume_crs = crs::Crs::from_user_input(assume_crs);
        }
        io::Schema schema = schema_path ? io::load_schema(schema_path) : io::Schema{};
        std::vector<io::LayerSource> sources;
        for (const char *spec : {zones, assets}) {
            if (spec != nullptr) {
                sources.push_back(io::LayerSource::parse(spec));
            }
        }
        const std::optional<crs::Crs> user =
            working_crs ? std::optional<crs::Crs>(crs::Crs::from_user_input(working_crs)) : std::nullopt;
        const crs::WorkingCrs working = io::working_crs_for(sources, user, base);

        auto layers = std::make_unique<pooled_layers>();
        layers->working.emplace(working);
        layers->working_crs = working.crs().authority_code();
        report.report(0.0, "reading layers");
        if (zones != nullptr) {
            const auto source = io::LayerSource::parse(zones);
            schema.zones = io::guess_zone_schema(io::inspect_layer(source, base), schema.zones);
            layers->zone_layer.emplace(
                io::read_layer(source, working, io::read_options_for(schema.zones, base), report.sub(0.0, 0.5)));
            layers->zone_schema = schema.zones;
            layers->zones.emplace(model::to_population(*layers->zone_layer, schema.zones));
        }
        if (assets != nullptr) {
            const auto source = io::LayerSource::parse(assets);
            schema.assets = io::guess_asset_schema(io::inspect_layer(source, base), schema.assets);
            const io::Layer layer =
                io::read_layer(source, working, io::read_options_for(schema.assets, base), report.sub(0.5, 1.0));
            layers->assets.emplace(model::to_estate(layer, schema.assets));
        }
        report.report(1.0, "reading layers");
        return layers;
    });
}

pooled_status pooled_layers_destroy(pooled_context *ctx, pooled_layers *layers) { return destroy_object(ctx, layers); }

pooled_status pooled_layers_working_crs(pooled_context *ctx, const pooled_layers *layers, const char **code) {
    return guarded(ctx, [&] { output(code, "code") = use(layers).working_crs.c_str(); });
}

pooled_status pooled_layers_zone_count(pooled_context *ctx, const pooled_layers *layers, size_t *count) {
    return guarded(ctx, [&] {
        const auto &object = use(layers);
        output(count, "count") = object.zones ? object.zones->zones.size() : 0;
    });
}

pooled_status pooled_layers_asset_count(pooled_context *ctx, const pooled_layers *layers, size_t *count) {
    return guarded(ctx, [&] {
        const auto &object = use(layers);
        output(count, "count") = object.assets ? object.assets->assets.size() : 0;
    });
}

pooled_status pooled_layers_zone_id(pooled_context *ctx, const pooled_layers *layers, size_t zone, const char **id) {
    return guarded(ctx, [&] {
        const auto &all = zones_of(use(layers)).zones;
        output(id, "id") = all[checked_index(zone, all.size(), "zone")].id.c_str();
    });
}

pooled_status pooled_layers_asset_id(pooled_context *ctx, const pooled_layers *layers, size_t asset, const char **id) {
    return guarded(ctx, [&] {
        const auto &all = assets_of(use(layers)).assets;
        output(id, "id") = all[checked_index(asset, all.size(), "asset")].id.c_str();
    });
}

pooled_status pooled_layers_skipped(pooled_context *ctx, const pooled_layers *layers, size_t *zones, size_t *assets) {
    return guarded(ctx, [&] {
        const auto &object = use(layers);
        output(zones, "zones") = object.zones ? object.zones->report.skipped : 0;
        output(assets, "assets") = object.assets ? object.assets->report.skipped : 0;
    });
}

pooled_status pooled_layers_zone_population(pooled_context *ctx, const pooled_layers *layers, double *values,
                                            size_t capacity, size_t *count) {
    return guarded(ctx, [&] {
        std::vector<double> population;
        for (const auto &zone : zones_of(use(layers)).zones) {
            population.push_back(zone.population);
        }
        fill<double>(population, values, capacity, count);
    });
}

pooled_status pooled_layers_asset_values(pooled_context *ctx, const pooled_layers *layers, const char *field,
                                         double *values, size_t capacity, size_t *count) {
    return guarded(ctx, [&] {
        const auto &estate = assets_of(use(layers));
        const std::string_view name = text(field, "field");
        if (name != "floor_area" && name != "running_cost" && name != "capacity" && name != "utilisation" &&
            name != "value") {
            throw StatusError{POOLED_ERR_ARGUMENT, "unknown numeric asset field '" + std::string(name) +
                                                       "'; valid: floor_area, running_cost, capacity, "
                                                       "utilisation, value"};
        }
        estate.require(name, "pooled_layers_asset_values");
        std::vector<double> out;
        for (const auto &asset : estate.assets) {
            out.push_back(asset_value(asset, name).value_or(std::numeric_limits<double>::quiet_NaN()));
        }
        fill<double>(out, values, capacity, count);
    });
}

} // extern "C"
