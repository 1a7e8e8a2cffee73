#pragma once
// INTERNAL to libpooled (colocation). The moves of a consolidation in plain words:
// "Move the library from A into B, 600 m away, which has 300 m2 spare (120 m2 after the
// changes)".

#include <pooled/colocation/consolidation.hpp>

#include <string>

namespace pooled::colocation::detail {

/// "600 m" (to 10 m) below a kilometre, else "1.2 km" (to 100 m).
std::string distance_words(double metres);

/// A whole number with thousands separators: "4,000", "-120".
std::string count_words(double value);

/// The sentence for `move` (all its numbers set), naming the assets by name (else id).
std::string move_words(const Move &move, std::span<const ConsolidationAsset> assets, CapacityBasis basis,
                       const std::string &service);

} // namespace pooled::colocation::detail
