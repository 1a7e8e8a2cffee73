#pragma once
// INTERNAL: the position of each zone's segment code among a level's segment codes.

#include <pooled/core/error.hpp>

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace pooled::segmentation::detail {

/// For each zone, the index of its code in `segment_codes`.
/// @throws Error (Errc::argument) if the sizes differ from `zones` or a code is unknown.
inline std::vector<std::size_t> segment_of_zones(const std::vector<std::string> &zone_codes,
                                                 const std::vector<std::string> &segment_codes, std::size_t zones) {
    if (zone_codes.size() != zones) {
        throw Error(Errc::argument, std::to_string(zone_codes.size()) + " segment codes for " + std::to_string(zones) +
                                        " zones");
    }
    std::map<std::string, std::size_t> position;
    for (std::size_t s = 0; s < segment_codes.size(); ++s) {
        position.emplace(segment_codes[s], s);
    }
    std::vector<std::size_t> out;
    out.reserve(zones);
    for (const auto &code : zone_codes) {
        const auto it = position.find(code);
        if (it == position.end()) {
            throw Error(Errc::argument, "zone segment '" + code + "' is not one of the level's segments");
        }
        out.push_back(it->second);
    }
    return out;
}

} // namespace pooled::segmentation::detail
