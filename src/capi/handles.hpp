#pragma once
// The objects behind pooled.h's opaque handles. Each starts with a tag naming its type, so a
// NULL handle or one of another type is reported (POOLED_ERR_INVALID_HANDLE) instead of being
// read as something it is not.
#include <pooled/pooled.h>

#include <pooled/accessibility/measures.hpp>
#include <pooled/catchment/catchment.hpp>
#include <pooled/colocation/solution.hpp>
#include <pooled/core/error.hpp>
#include <pooled/crs/crs.hpp>
#include <pooled/io/layer.hpp>
#include <pooled/io/schema.hpp>
#include <pooled/model/asset.hpp>
#include <pooled/model/zone.hpp>
#include <pooled/network/cost_matrix.hpp>
#include <pooled/network/load.hpp>
#include <pooled/segmentation/hierarchy.hpp>

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

namespace pooled::capi {

/// The tag every handle object starts with ("pooled" and a type letter, as 8 bytes).
enum class Tag : std::uint64_t {
    context = 0x706f6f6c65640043,
    layers = 0x706f6f6c6564004c,
    network = 0x706f6f6c6564004e,
    matrix = 0x706f6f6c6564004d,
    catchments = 0x706f6f6c65640041,
    measure = 0x706f6f6c65640053,
    segmentation = 0x706f6f6c65640047,
    solution = 0x706f6f6c6564004f,
    destroyed = 0,
};

/// The last error of a context, as pooled_context_error_* return it.
struct LastError {
    pooled_status status = POOLED_OK;
    std::string message;
    SourceRef where;
};

} // namespace pooled::capi

struct pooled_context {
    pooled::capi::Tag tag = pooled::capi::Tag::context;
    pooled::capi::LastError error;
    unsigned threads = 0;
};

struct pooled_layers {
    pooled::capi::Tag tag = pooled::capi::Tag::layers;
    std::optional<pooled::crs::WorkingCrs> working;
    std::string working_crs; ///< its authority code, e.g. "EPSG:27700"
    /// The zones as read (kept for segmentation, which loads the spec's variables from it).
    std::optional<pooled::io::Layer> zone_layer;
    pooled::io::ZoneSchema zone_schema;
    std::optional<pooled::model::Population> zones;
    std::optional<pooled::model::Estate> assets;
};

struct pooled_network {
    pooled::capi::Tag tag = pooled::capi::Tag::network;
    pooled::network::LoadedNetwork loaded;
};

struct pooled_matrix {
    pooled::capi::Tag tag = pooled::capi::Tag::matrix;
    pooled::network::CostMatrix matrix;
};

struct pooled_catchments {
    pooled::capi::Tag tag = pooled::capi::Tag::catchments;
    std::vector<pooled::catchment::Catchment> catchments;
    std::vector<std::string> wkt; ///< one per catchment, made with them (handles are read-only)
};

struct pooled_measure {
    pooled::capi::Tag tag = pooled::capi::Tag::measure;
    std::vector<double> values;
    std::optional<pooled::accessibility::TwoStepResult> floating; ///< 2SFCA and 3SFCA
};

struct pooled_segmentation {
    pooled::capi::Tag tag = pooled::capi::Tag::segmentation;
    pooled::segmentation::Hierarchy hierarchy;
};

struct pooled_solution {
    pooled::capi::Tag tag = pooled::capi::Tag::solution;
    pooled::colocation::Solution solution;
};
