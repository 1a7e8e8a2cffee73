// Several assets layers into one estate: one schema per layer, the layer's service and owner
// set over its columns, and ids made unique across layers by the layer's name.

#include <pooled/model/asset_layers.hpp>

#include <pooled/core/error.hpp>
#include <pooled/model/convert.hpp>

#include <algorithm>
#include <filesystem>

namespace pooled::model {

namespace {

/// The schema under which a layer is read: a given service or owner replaces the column that
/// would otherwise supply it, also one guess_asset_schema would find.
io::AssetSchema layer_schema(const AssetLayerInput &input) {
    io::AssetSchema schema = input.schema;
    const auto apply = [&](io::AssetSchema &s) {
        if (!input.service.empty()) {
            s.services.clear();
            s.constants.service = input.service;
        }
        if (!input.organisation.empty()) {
            s.organisation.clear();
            s.constants.organisation = input.organisation;
        }
    };
    apply(schema);
    schema = io::guess_asset_schema(io::inspect_layer(input.source, input.read), schema);
    apply(schema);
    return schema;
}

void add_report(io::LoadReport &total, const io::LoadReport &part) {
    total.read += part.read;
    total.loaded += part.loaded;
    total.skipped += part.skipped;
    total.repaired += part.repaired;
    for (std::size_t k = 0; k < io::issue_kind_count; ++k) {
        total.by_kind[k] += part.by_kind[k];
    }
    for (const auto &issue : part.issues) {
        if (total.issues.size() >= io::LoadReport::max_kept_issues) {
            break;
        }
        total.issues.push_back(issue);
    }
}

} // namespace

std::string asset_layer_name(const io::LayerSource &source) {
    return source.layer.empty() ? std::filesystem::path(source.path).stem().string() : source.layer;
}

AssetLayers read_asset_layers(const std::vector<AssetLayerInput> &inputs, const crs::WorkingCrs &working,
                              const Progress &progress) {
    if (inputs.empty()) {
        throw Error(Errc::argument, "no assets layer given");
    }
    std::vector<std::string> names;
    for (const auto &input : inputs) {
        const std::string name = input.name.empty() ? asset_layer_name(input.source) : input.name;
        const auto same = std::find(names.begin(), names.end(), name);
        if (same != names.end()) {
            throw Error(Errc::argument,
                        "two assets layers are named '" + name + "' (" +
                            inputs[static_cast<std::size_t>(same - names.begin())].source.display() + " and " +
                            input.source.display() + "): their ids would clash; give each its own name",
                        input.source.ref());
        }
        names.push_back(name);
    }
    const bool several = inputs.size() > 1;
    AssetLayers out{Estate{working, {}, {}, {}, {}}, {}};
    Estate &estate = out.estate;
    for (std::size_t k = 0; k < inputs.size(); ++k) {
        const double lo = static_cast<double>(k) / static_cast<double>(inputs.size());
        const double hi = static_cast<double>(k + 1) / static_cast<double>(inputs.size());
        const io::AssetSchema schema = layer_schema(inputs[k]);
        io::Layer layer =
            io::read_layer(inputs[k].source, working, io::read_options_for(schema, inputs[k].read), progress.sub(lo, hi));
        Estate part = to_estate(layer, schema);
        const io::LoadReport report = layer.report();
        out.layers.push_back({names[k], schema, report, part.assets.size(), std::move(layer)});
        for (auto &asset : part.assets) {
            if (several) {
                asset.id = names[k] + ":" + asset.id; // ids of different layers may repeat (FIDs)
            }
            estate.assets.push_back(std::move(asset));
        }
        add_report(estate.report, report);
        estate.source += (estate.source.empty() ? "" : ", ") + inputs[k].source.display();
        for (const auto &field : part.mapped) {
            if (!estate.has(field)) {
                estate.mapped.push_back(field);
            }
        }
    }
    return out;
}

} // namespace pooled::model
