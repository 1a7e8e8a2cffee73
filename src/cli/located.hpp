#pragma once
// Points to route from or to, read from a layer: each feature's id and representative point.

#include <pooled/io/layer.hpp>
#include <pooled/network/route_matrix.hpp>

#include <string>
#include <vector>

namespace pooled::cli {

/// One Located per feature, at its representative point. The id comes from `requested_field`
/// if given (every value must be present and unique: else an Error naming the feature and
/// field); otherwise from the id column a zone or asset schema would guess, if its values
/// are unique; otherwise the FID.
/// The features' ids only, chosen as located_points() chooses them (for layers without geometry).
std::vector<std::string> layer_ids(const io::Layer &layer, const std::string &requested_field);

std::vector<network::Located> located_points(const io::Layer &layer, const std::string &requested_field);

} // namespace pooled::cli
