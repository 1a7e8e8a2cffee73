#pragma once
// Internal: how a way's OpenStreetMap tags decide whether a travel profile may use it, in
// which directions, and how fast. The tables, with their reasoning and sources, are in
// osm_profile.cpp. No libosmium here: the rules take plain key/value pairs, so they can be
// read (and reused for road line layers, which carry the same highway classes) on their own.

#include <pooled/network/profile.hpp>

#include <optional>
#include <span>
#include <string_view>

namespace pooled::network::detail {

/// One tag of a way.
struct OsmTag {
    std::string_view key;
    std::string_view value;
};

/// The tags of one way, looked up by key (a linear scan: ways have a handful of tags).
class OsmTags {
public:
    explicit OsmTags(std::span<const OsmTag> tags) noexcept : m_tags(tags) {}
    /// The value of `key`, or nullopt when the way has no such tag.
    std::optional<std::string_view> get(std::string_view key) const noexcept;

private:
    std::span<const OsmTag> m_tags;
};

/// What a profile may do on one way.
struct WayRule {
    bool usable = false;        ///< false: the profile does not use the way at all
    double forward_mps = 0.0;   ///< speed along the way's node order, m/s; 0 = closed that way
    double backward_mps = 0.0;  ///< speed against the node order, m/s; 0 = closed that way
    bool default_speed = false; ///< drive only: an open direction took the class default speed
};

/// The rule for a way with these tags under `profile` (see osm_profile.cpp for the tables).
WayRule interpret_way(const OsmTags &tags, Profile profile);

/// A maxspeed value in m/s: "50" (km/h), "50 km/h", "30 mph", "30mph", "10 knots",
/// "GB:nsl_single", ...; of a list ("20 mph; 30 mph") the first. nullopt when it gives no
/// usable number: "none", "walk", "signals", "variable", unknown codes, 0 or negative.
std::optional<double> parse_maxspeed(std::string_view value) noexcept;

/// The speed `profile` assumes on a way of this highway class when no tag says otherwise, in
/// m/s; nullopt when the profile does not use the class at all.
std::optional<double> default_speed_mps(std::string_view highway, Profile profile) noexcept;

} // namespace pooled::network::detail
