#pragma once
/// @file
/// @brief Several assets layers (schools, libraries, GP practices, ...) read into one estate.
///
/// Each layer has its own schema and may set the service and the owner of all its assets
/// (the CLI's `--service LAYER=S` / `--organisation LAYER=NAME`, a scenario's
/// `[[layers.assets]]` `service` / `organisation`). With more than one layer, asset ids become
/// `NAME:ID`, since the ids (often FIDs) of different layers may repeat.
///
/// ```cpp
/// std::vector<model::AssetLayerInput> inputs(2);
/// inputs[0].source = io::LayerSource::parse("facilities.gpkg:schools_gias_2025");
/// inputs[0].service = "school";
/// inputs[0].organisation = "Schools";
/// inputs[1].source = io::LayerSource::parse("facilities.gpkg:libraries_2016");
/// inputs[1].service = "library";
/// const model::AssetLayers read = model::read_asset_layers(inputs, working);
/// // read.estate.assets[0].id == "schools_gias_2025:1"
/// ```

#include <pooled/core/progress.hpp>
#include <pooled/crs/crs.hpp>
#include <pooled/io/layer.hpp>
#include <pooled/io/load_report.hpp>
#include <pooled/io/reader.hpp>
#include <pooled/io/schema.hpp>
#include <pooled/model/asset.hpp>
#include <pooled/pooled_cxx_export.h>

#include <cstddef>
#include <string>
#include <vector>

namespace pooled::model {

/// One assets layer of an estate.
struct AssetLayerInput {
    io::LayerSource source;
    /// The layer's name: the prefix of its ids when there are several layers. DEFAULT empty:
    /// asset_layer_name(source).
    std::string name;
    /// Column mappings and constants; unmapped fields are guessed from the layer's columns
    /// when `schema.guess` is set (io::guess_asset_schema).
    io::AssetSchema schema;
    /// The service of every asset of the layer, over any services column. DEFAULT empty: none.
    std::string service;
    /// The owner of every asset of the layer, over any organisation column. DEFAULT empty: none.
    std::string organisation;
    io::ReadOptions read;
};

/// How one layer was read.
struct LoadedAssetLayer {
    std::string name;
    io::AssetSchema schema; ///< the mappings used, guesses included
    io::LoadReport report;
    std::size_t assets = 0; ///< assets it added to the estate
    /// The layer as read, its other columns included (feature k is the layer's k-th asset): for
    /// selections by a column the model does not map, e.g. a consolidation's exclusion.
    io::Layer layer;
};

struct AssetLayers {
    Estate estate; ///< every layer's assets in input order; report = the layers' reports summed
    std::vector<LoadedAssetLayer> layers;
};

/// The default name of a layer: its layer name, else its file's stem ("libraries_2016").
POOLED_CXX_API std::string asset_layer_name(const io::LayerSource &source);

/// Reads the layers into one estate in `working` (ids `NAME:ID` when there are several).
/// @throws Error (Errc::argument) for no layers or two layers of one name (naming both
///         sources), else as io::read_layer and to_estate, naming the layer.
POOLED_CXX_API AssetLayers read_asset_layers(const std::vector<AssetLayerInput> &inputs,
                                             const crs::WorkingCrs &working, const Progress &progress = {});

} // namespace pooled::model
