#pragma once
// What the other parts of the C API take from a pooled_layers: the zones and assets (or an
// error saying they were not opened) and their points to route between.
#include "capi/guard.hpp"

#include <pooled/network/route_matrix.hpp>

#include <vector>

namespace pooled::capi {

const model::Population &zones_of(const pooled_layers &layers);
const model::Estate &assets_of(const pooled_layers &layers);
/// Each zone's id and centroid (population-weighted when the schema maps one).
std::vector<network::Located> zone_points(const pooled_layers &layers);
/// Each asset's id and location.
std::vector<network::Located> asset_points(const pooled_layers &layers);

} // namespace pooled::capi
