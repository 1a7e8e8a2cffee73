#pragma once
// What commands working on a cost matrix share: a --cutoff read in the matrix's unit, and a
// numeric column of a layer (demand, supply, capacity) read as one value per feature.

#include <pooled/io/layer.hpp>
#include <pooled/network/cost_matrix.hpp>

#include <optional>
#include <string>
#include <vector>

namespace pooled::cli {

/// `text` (empty = none) in the matrix's unit: a duration ("20min", bare = seconds) for seconds,
/// a distance ("10km", bare = metres) for metres; when the unit is not known (a file's `cost`
/// column, an OR-Library instance) only a plain number >= 0 in the costs' own unit.
/// @throws Error (Errc::argument) naming `flag` and the text.
std::optional<double> cutoff_in(const std::string &text, network::CostUnit unit, bool unit_known,
                                const std::string &flag = "--cutoff");

/// A numeric column of a layer, one value per feature; an empty value is an error naming the
/// feature and field (0 is not assumed).
std::vector<double> layer_numbers(const io::Layer &layer, const std::string &field);

} // namespace pooled::cli
